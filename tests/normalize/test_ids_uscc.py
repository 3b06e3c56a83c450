"""Resident ID (GB 11643) and USCC (GB 32100) check characters, 15 → 18, derived fields.

What MOD 11-2 implies, and what these tests assert by counting:
the weights are 2^k mod 11 (check position weight 1), never 0 and never equal for
neighbours, and 11 is prime, so *every* single substitution and *every* adjacent
transposition of two different characters changes Σ mod 11 — the share left
undetected is 0. What the check cannot see: transposing two digits 10 positions
apart (the weights repeat with period 10: always undetected) and two substitutions
(undetected about 1 time in 11). The last two are counted too, so the limits are
explicit.
"""

from __future__ import annotations

import datetime as dt
import random

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linkage.normalize.ids import (
    CHECK_CHARS,
    check_char,
    id15_to_18,
    id_columns,
    id_mismatch_exprs,
    is_valid_id,
    with_id_columns,
)
from linkage.normalize.uscc import ALPHABET, is_valid_uscc, uscc_check_char, uscc_check_ok

regions = st.sampled_from(["140105", "140202", "141127", "110105", "440524", "650102"])
births = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2020, 12, 31))
seqs = st.integers(min_value=0, max_value=999)


def _make_id(region: str, birth: dt.date, seq: int) -> str:
    body = f"{region}{birth:%Y%m%d}{seq:03d}"
    return body + check_char(body)


def _derive(values: list[str | None]) -> pl.DataFrame:
    return pl.DataFrame({"s": values}, schema={"s": pl.String}).select(id_columns(pl.col("s")))


def _substitutions(idn: str) -> list[str]:
    out = []
    for i in range(18):
        alphabet = "0123456789X" if i == 17 else "0123456789"
        out += [idn[:i] + c + idn[i + 1:] for c in alphabet if c != idn[i]]
    return out


def _transpositions(idn: str, gap: int = 1) -> list[str]:
    out = []
    for i in range(18 - gap):
        j = i + gap
        if idn[i] != idn[j]:
            s = list(idn)
            s[i], s[j] = s[j], s[i]
            out.append("".join(s))
    return out


@settings(max_examples=150, deadline=None)
@given(regions, births, seqs)
def test_valid_ids_pass_and_derive(region: str, birth: dt.date, seq: int) -> None:
    idn = _make_id(region, birth, seq)
    assert is_valid_id(idn)
    assert is_valid_id(" " + idn.lower() + " ")
    row = _derive([idn, idn.lower()]).to_dicts()
    for r in row:
        assert r["id_norm"] == idn
        assert r["id_format"] == "18"
        assert r["id_check_ok"] is True
        assert r["id_birth_date"] == birth
        assert r["id_sex"] == ("M" if seq % 2 else "F")
        assert r["id_region"] == region


@settings(max_examples=60, deadline=None)
@given(regions, births, seqs)
def test_substitutions_and_adjacent_transpositions_always_caught(
        region: str, birth: dt.date, seq: int) -> None:
    idn = _make_id(region, birth, seq)
    subs, trans = _substitutions(idn), _transpositions(idn)
    assert len(subs) == 17 * 9 + 10
    out = _derive(subs + trans)
    # an X moved off the check position makes the number malformed: format invalid, not ok
    ok = out["id_check_ok"].fill_null(False)
    undetected_subs = int(ok[: len(subs)].sum())
    undetected_trans = int(ok[len(subs):].sum())
    assert undetected_subs == 0
    assert undetected_trans == 0
    assert sum(is_valid_id(s) for s in subs + trans) == 0


def test_limits_of_the_check_counted() -> None:
    rng = random.Random(7)
    ids = [_make_id("140105", dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(25000)),
                    rng.randrange(1000)) for _ in range(400)]
    # transpositions 10 apart: the weights repeat (w7 = w17 = 1 too), so none is caught —
    # except an X moved off the check position, which makes the number malformed
    far = [t for idn in ids for t in _transpositions(idn, gap=10)]
    out = _derive(far)
    well_formed = out.filter(pl.col("id_format") == "18")
    assert well_formed.height >= 0.9 * len(far)
    assert well_formed["id_check_ok"].all()
    assert out.filter(pl.col("id_format") != "18")["id_check_ok"].null_count() == len(far) - well_formed.height
    # two random substitutions in the 17 body digits: about 1 in 11 keeps the check valid
    doubles = []
    for idn in ids:
        for _ in range(25):
            i, j = rng.sample(range(17), 2)
            s = list(idn)
            s[i] = rng.choice([c for c in "0123456789" if c != s[i]])
            s[j] = rng.choice([c for c in "0123456789" if c != s[j]])
            doubles.append("".join(s))
    share = _derive(doubles)["id_check_ok"].mean()
    assert share is not None
    assert 0.06 < float(share) < 0.125   # 1/11 = 0.0909; 10,000 samples


@settings(max_examples=150, deadline=None)
@given(regions, st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(1999, 12, 31)), seqs)
def test_15_to_18_round_trip(region: str, birth: dt.date, seq: int) -> None:
    legacy = f"{region}{birth:%y%m%d}{seq:03d}"
    full = id15_to_18(legacy)
    assert len(full) == 18 and is_valid_id(full)
    assert full == _make_id(region, birth, seq)
    r = _derive([legacy]).row(0, named=True)
    assert r["id_format"] == "15"
    assert r["id_check_ok"] is True
    assert r["id_norm"] == full
    assert r["id_birth_date"] == birth
    assert r["id_sex"] == ("M" if seq % 2 else "F")
    assert r["id_region"] == region


def test_id_cleaning_and_invalid_table() -> None:
    good = _make_id("140105", dt.date(1980, 2, 29), 123)
    wrong = good[:17] + ("0" if good[17] != "0" else "1")
    impossible = "140105" + "19800230" + "123"
    impossible += check_char(impossible)
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in good)
    hyphens = f"{good[:6]}-{good[6:14]}-{good[14:]}"
    vals = [good, f"  {good[:6]} {good[6:]} ", full_width, wrong, "12345", "abcdefghijklmnopqr",
            None, "   ", impossible, hyphens]
    out = _derive(vals)
    assert out["id_norm"].to_list() == [good, good, good, wrong, None, None, None, None, impossible, good]
    assert out["id_format"].to_list() == ["18", "18", "18", "18", "invalid", "invalid", None, None,
                                          "18", "18"]
    assert out["id_check_ok"].to_list() == [True, True, True, False, None, None, None, None, True, True]
    assert out["id_birth_date"].to_list() == [dt.date(1980, 2, 29)] * 4 + [None] * 5 + [dt.date(1980, 2, 29)]
    assert is_valid_id(hyphens)
    assert out["id_sex"].to_list()[:4] == ["M"] * 4


def test_check_char_helper() -> None:
    assert check_char("11010519491231002") == "X"
    assert is_valid_id("440524188001010014")
    assert set(CHECK_CHARS) == set("0123456789X")
    with pytest.raises(ValueError):
        check_char("123")
    with pytest.raises(ValueError):
        id15_to_18("12345678901234X")


def test_mismatch_flags() -> None:
    idn = _make_id("140105", dt.date(1980, 6, 15), 12)  # even sequence: female
    df = pl.DataFrame({
        "id_number": [idn, idn, idn, idn, None],
        "sex": ["F", "M", None, "F", "F"],
        "birth_date": [dt.date(1980, 6, 15), dt.date(1980, 6, 16), None, dt.date(1980, 6, 15), None],
        "age": [42, 40, 44, None, 30],
        "event": [dt.datetime(2023, 6, 14, 10), dt.datetime(2023, 6, 15), dt.datetime(2023, 6, 15),
                  dt.datetime(2023, 6, 15), dt.datetime(2023, 6, 15)],
    })
    out = df.with_columns(id_columns(pl.col("id_number"))).with_columns(
        id_mismatch_exprs("id", "sex", "birth_date", "age", "event"))
    # age at 2023-06-14 is 42 (birthday tomorrow); 40 vs 43 is off by 3; 44 vs 43 within ±1
    assert out["id_sex_mismatch"].to_list() == [False, True, None, False, None]
    assert out["id_birth_mismatch"].to_list() == [False, True, None, False, None]
    assert out["id_age_mismatch"].to_list() == [False, True, False, None, None]
    none = df.with_columns(id_columns(pl.col("id_number"))).with_columns(id_mismatch_exprs("id"))
    assert none["id_birth_mismatch"].null_count() == 5
    assert none["id_age_mismatch"].null_count() == 5


alphabet_chars = st.sampled_from(ALPHABET)


@settings(max_examples=60, deadline=None)
@given(st.lists(alphabet_chars, min_size=17, max_size=17))
def test_uscc_check(body_chars: list[str]) -> None:
    body = "".join(body_chars)
    code = body + uscc_check_char(body)
    assert is_valid_uscc(code)
    variants = [code[:i] + c + code[i + 1:] for i in range(18) for c in ALPHABET if c != code[i]]
    frame = pl.DataFrame({"u": [code, code.lower(), *variants]})
    ok = frame.select(uscc_check_ok(pl.col("u"))).to_series()
    assert ok[0] and ok[1]
    # mod 31 with non-zero weights: every single substitution is caught
    assert int(ok[2:].sum()) == 0


def test_uscc_known_codes_and_malformed() -> None:
    vals = ["91350100M000100Y43", "91110000600037341L", "91350100M000100Y44", "91350100I000100Y43",
            "9135", None, " ", "９１３５０１００Ｍ０００１００Ｙ４３"]
    ok = pl.DataFrame({"u": vals}).select(uscc_check_ok(pl.col("u"))).to_series().to_list()
    assert ok == [True, True, False, False, False, None, None, True]


def test_staged_form_equals_expressions() -> None:
    rng = random.Random(3)
    vals: list[str | None] = []
    for k in range(3000):
        idn = _make_id(rng.choice(["140105", "141127"]),
                       dt.date(1930, 1, 1) + dt.timedelta(days=rng.randrange(30000)), rng.randrange(1000))
        vals.append([idn, idn.lower(), idn[:6] + idn[8:17], idn[:17] + "5", None, "x1", " ",
                     "19" + idn[2:]][k % 8])
    frame = pl.DataFrame({"id_number": vals})
    staged = with_id_columns(frame, "id_number", prefix="p").drop("id_number")
    composed = frame.select(id_columns(pl.col("id_number"), prefix="p"))
    lazy = with_id_columns(frame.lazy(), "id_number", prefix="p").drop("id_number").collect()
    assert staged.equals(composed)
    assert lazy.equals(composed)
    assert set(staged["p_format"].to_list()) == {"18", "15", "invalid", None}
