"""Each comparison's levels, including the null level for missing values."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from linkage import build_comparison
from pipelines.errors import UsageError


def run(spec: dict, left: dict, right: dict) -> list[int]:
    comp = build_comparison({"name": "c", **spec})
    lf = {k: pl.Series(k, v) for k, v in left.items()}
    rf = {k: pl.Series(k, v) for k, v in right.items()}
    return comp.compute(lf, rf).tolist()


def test_exact_levels() -> None:
    assert run({"kind": "exact", "column": "s"}, {"s": ["M", "M", None]}, {"s": ["M", "F", "M"]}) == [1, 2, 0]


def test_string_levels_and_names() -> None:
    spec = {"kind": "string", "column": "n", "metric": "jaro_winkler", "thresholds": [0.88, 0.7]}
    comp = build_comparison({"name": "c", **spec})
    assert comp.levels == ["null", "exact", "jaro_winkler >= 0.88", "jaro_winkler >= 0.7", "else"]
    got = run(spec, {"n": ["smith", "smith", "smith", "smith", None]},
              {"n": ["smith", "smyth", "smoothe", "jones", "x"]})
    assert got == [1, 2, 3, 4, 0]


def test_string_distance_metric() -> None:
    spec = {"kind": "string", "column": "n", "metric": "damerau_levenshtein", "thresholds": [1, 2]}
    assert run(spec, {"n": ["1234", "1234", "1234", "1234"]}, {"n": ["1234", "1243", "2143", "9999"]}) == [1, 2, 3, 4]


def test_name_cascade() -> None:
    spec = {"kind": "name", "exact_columns": ["chars", "simp", "py"], "thresholds": [0.9]}
    left = {"chars": ["張伟", "张伟", "王伟", "张伟", "张伟", None],
            "simp": ["张伟", "张伟", "王伟", "张伟", "张伟", None],
            "py": ["zhang wei", "zhang wei", "wang wei", "zhang wei", "zhang wei", None]}
    right = {"chars": ["张伟", "张玮", "汪伟", "张伟", "李娜", "张伟"],
             "simp": ["张伟", "张玮", "汪伟", "张伟", "李娜", "张伟"],
             "py": ["zhang wei", "zhang wei", "wang wei", "zhang wei", "li na", "zhang wei"]}
    # row 0: traditional vs simplified → same simp; row 1: homophone → same pinyin
    got = run(spec, left, right)
    assert got[0] == 2 and got[1] == 3 and got[2] == 3 and got[3] == 1 and got[4] == 5 and got[5] == 0


def test_date_levels() -> None:
    spec = {"kind": "date", "column": "d", "within_days": [3, 31]}
    d = dt.date
    left = [d(1980, 3, 4), d(1980, 3, 4), d(1980, 3, 4), d(1980, 3, 4), d(1980, 3, 4), d(1980, 3, 4), None]
    right = [d(1980, 3, 4), d(1980, 4, 3), d(1980, 3, 9), d(1980, 3, 6), d(1980, 3, 30), d(1990, 1, 1), d(1980, 3, 4)]
    comp = build_comparison({"name": "c", **spec})
    assert comp.levels == ["null", "exact", "day-month swapped", "one-digit typo", "within 3 days",
                           "within 31 days", "else"]
    # 03-04 vs 03-09: one digit → typo; 03-04 vs 03-06 also one digit → typo (earlier level wins)
    assert run(spec, {"d": left}, {"d": right}) == [1, 2, 3, 3, 5, 6, 0]
    spec_no = {"kind": "date", "column": "d", "swap": False, "typo": False, "within_days": [3, 31]}
    assert run(spec_no, {"d": left}, {"d": right}) == [1, 3, 3, 2, 3, 4, 0]


def test_id_levels() -> None:
    spec = {"kind": "id", "column": "id", "valid_column": "ok", "legacy_column": "leg"}
    a = "11010519491231002X"
    left = {"id": [a, a, a, a, a, a, None],
            "ok": [True, True, True, True, False, True, None],
            "leg": [False, True, False, False, False, False, None]}
    right = {"id": [a, a, "11010519492131002X", "11010519491231003X", "999", "440106199001011234", a],
             "ok": [True, True, False, False, False, True, True],
             "leg": [False, False, False, False, False, False, False]}
    assert run(spec, left, right) == [1, 2, 3, 4, 6, 7, 0]  # 5: one typo, check recomputed (test_id_recheck)


def test_prefix_levels() -> None:
    spec = {"kind": "prefix", "column": "r"}
    assert run(spec, {"r": ["140105", "140105", "140105", "140105", None]},
               {"r": ["140105", "140106", "140302", "110101", "140105"]}) == [1, 2, 3, 4, 0]


def test_employer_levels() -> None:
    spec = {"kind": "employer", "uscc_column": "u", "name_column": "n", "thresholds": [0.85, 0.6]}
    left = {"u": ["A1", None, None, None, None, None], "n": ["x", "山西煤业有限公司", "山西煤业有限公司", "山西煤业", "甲", None]}
    right = {"u": ["A1", "B2", None, None, None, None], "n": ["y", "山西煤业有限公司", "山西煤业有限责任公司", "山西煤业有限公司", "乙", "z"]}
    got = run(spec, left, right)
    assert got[0] == 1 and got[1] == 2 and got[2] == 3 and got[3] == 4 and got[4] == 5 and got[5] == 0


def test_birth_levels() -> None:
    spec = {"kind": "birth", "date_column": "b", "year_min_column": "lo", "year_max_column": "hi"}
    d = dt.date
    left = {"b": [d(1970, 5, 6), d(1970, 5, 6), d(1970, 5, 6), d(1970, 5, 6), d(1970, 5, 6), None],
            "lo": [1970, 1970, 1970, 1970, 1970, None], "hi": [1970, 1970, 1970, 1970, 1970, None]}
    right = {"b": [d(1970, 5, 6), d(1970, 6, 5), None, None, None, d(1970, 5, 6)],
             "lo": [1970, 1970, 1969, 1967, 1950, 1970], "hi": [1970, 1970, 1970, 1968, 1951, 1970]}
    assert run(spec, left, right) == [1, 2, 4, 5, 6, 0]
    both = {"b": [d(1971, 1, 1), d(1990, 1, 1)], "lo": [1971, 1990], "hi": [1971, 1990]}
    assert run(spec, {k: v[:2] for k, v in left.items()}, both) == [3, 7]


def test_unknown_kind_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        build_comparison({"name": "x", "kind": "nope", "column": "a"})
    with pytest.raises(UsageError):
        build_comparison({"name": "x", "kind": "string"})
