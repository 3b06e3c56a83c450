"""Fast paths of the linkage stages: per-record encoding of comparisons (the same levels
whichever way the pairs are compared, encoded once per fit, packed-date digit counts),
overlap blocking, duplicate groups."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import polars as pl
import pytest

import linkage.linker as linker_module
from linkage import LinkageConfig, Linker
from linkage.blocking import random_pairs
from linkage.comparisons import _bcd, _digit_differences, comparison_vectors, encode_records, take


@pytest.fixture(scope="module")
def person_records(tiny_generated: Path) -> pl.DataFrame:
    from pipelines.linking import records_from_input

    return records_from_input(tiny_generated)


def test_encoded_vectors_equal_pair_by_pair_compute(person_records: pl.DataFrame) -> None:
    linker = Linker(LinkageConfig.shipped("person"))
    prepared = linker.prepare(person_records)
    pairs = linker.candidate_pairs(prepared)
    il, ir = random_pairs(prepared, 3000, "link_and_dedupe", 1)
    il = np.concatenate([pairs["idx_l"].to_numpy()[:3000], il])
    ir = np.concatenate([pairs["idx_r"].to_numpy()[:3000], ir])
    whole = comparison_vectors(linker.comparisons, prepared, il, ir, encode_records(linker.comparisons, prepared))
    # without an encoding only the touched rows are encoded: same levels
    few = comparison_vectors(linker.comparisons, prepared, il[:50], ir[:50])
    assert few.equals(whole.head(50))
    # the raw-column path (both sides encoded together), pair set by pair set
    left, right = prepared[il], prepared[ir]
    for comp in linker.comparisons:
        ok = comp.applies({"_src": left["_src"]}, {"_src": right["_src"]})
        sel = np.ones(il.size, bool) if ok is None else ok
        cols = [c for c in comp.columns if c != "_src"]
        got = comp.compute({c: left[c].filter(pl.Series(sel)) for c in cols},
                           {c: right[c].filter(pl.Series(sel)) for c in cols})
        want = whole[comp.name].to_numpy()
        assert (got == want[sel]).all(), comp.name
        assert (want[~sel] == 0).all()
    # real agreement occurs (the check is not vacuous)
    assert (whole["id"] == 1).sum() > 100 and (whole["name"] > 1).sum() > 100


def test_vectors_in_chunks_equal_vectors_in_one_go(person_records: pl.DataFrame,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Pairs are compared in chunks (to bound the memory): chunk boundaries, including ones
    inside the pairs of a comparison restricted to some sources, change no level."""
    import linkage.comparisons as comparisons_module

    linker = Linker(LinkageConfig.shipped("person"))
    prepared = linker.prepare(person_records)
    pairs = linker.candidate_pairs(prepared)
    il, ir = pairs["idx_l"].to_numpy(), pairs["idx_r"].to_numpy()
    encoded = encode_records(linker.comparisons, prepared)
    whole = comparison_vectors(linker.comparisons, prepared, il, ir, encoded)
    monkeypatch.setattr(comparisons_module, "CHUNK_PAIRS", 997)
    chunked = comparison_vectors(linker.comparisons, prepared, il, ir, encoded)
    assert il.size > 5 * 997
    assert chunked.equals(whole)
    # restricted comparisons leave the null level where they do not apply, in every chunk
    restricted = [c.name for c in linker.comparisons if c.restricted]
    assert restricted and any((whole[c] == 0).sum() > 0 for c in restricted)
    assert any((whole[c] > 0).sum() > 0 for c in restricted)


def test_packed_date_digit_differences_match_a_naive_count() -> None:
    rng = np.random.default_rng(11)
    days = rng.integers(0, 40_000, 2000)
    dates = [dt.date(1930, 1, 1) + dt.timedelta(days=int(d)) for d in days]
    other = [d if i % 3 else d + dt.timedelta(days=int(rng.integers(1, 400))) for i, d in enumerate(dates)]
    a = np.array([int(d.strftime("%Y%m%d")) for d in dates], dtype=np.int64)
    b = np.array([int(d.strftime("%Y%m%d")) for d in other], dtype=np.int64)
    naive = [sum(x != y for x, y in zip(str(p), str(q), strict=True)) for p, q in zip(a, b, strict=True)]
    assert _digit_differences(_bcd(a), _bcd(b)).tolist() == naive
    assert _bcd(np.array([-1]))[0] == -1


def test_side_gathers_only_what_is_asked() -> None:
    enc = {"v": np.arange(10) * 10, "s": np.array(list("abcdefghij"), dtype=object)}
    side = take(enc, np.array([9, 3, 3, 0]))
    assert side["v"].tolist() == [90, 30, 30, 0]
    assert side.at("s", np.array([0, 3])).tolist() == ["j", "a"]
    assert side.size == 4 and set(side) == {"v", "s"}


def test_fit_and_predict_encode_the_records_once(person_records: pl.DataFrame,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = linker_module.encode_records

    def counting(comparisons: list, records: pl.DataFrame) -> dict:
        calls.append(records.height)
        return real(comparisons, records)

    monkeypatch.setattr(linker_module, "encode_records", counting)
    linker = Linker(LinkageConfig.shipped("person"), seed=3)
    linker.fit(person_records)
    scored = linker.predict(person_records)
    assert calls == [person_records.height]
    assert scored.height == linker.model_.training_["candidate_pairs"] > 0
    assert linker.model_.training_["u_pairs"] == min(linker.config.u_sample_pairs,
                                                    person_records.height * (person_records.height - 1) // 2)


def test_overlap_blocking_without_window_equals_brute_force() -> None:
    import itertools

    from linkage.blocking import block
    from linkage.config import BlockingRule

    rng = np.random.default_rng(5)
    n = 300
    lo = rng.integers(1940, 1950, n)
    lo_s = pl.Series(lo, dtype=pl.Int32).scatter([3, 9], [None, None])
    r = pl.DataFrame({"_src": rng.choice(["A", "B"], n).tolist(), "k": rng.choice(["x", "y", "z"], n).tolist(),
                      "lo": lo_s, "hi": pl.Series(lo + rng.integers(0, 3, n), dtype=pl.Int32)}
                     ).with_columns(pl.int_range(0, pl.len(), dtype=pl.UInt32).alias("_idx"))
    rule = BlockingRule("r", on=["k"], overlap=["lo", "hi"], overlap_slack=1, max_block_size=10_000)
    got, _ = block(r, [rule], "link_only")
    rows = r.to_dicts()
    want = {(i, j) for i, j in itertools.combinations(range(n), 2)
            if rows[i]["k"] == rows[j]["k"] and rows[i]["_src"] != rows[j]["_src"]
            and (rows[i]["lo"] is None or rows[j]["lo"] is None
                 or max(rows[i]["lo"] - rows[j]["hi"], rows[j]["lo"] - rows[i]["hi"]) <= 1)}
    assert set(zip(got["idx_l"].to_list(), got["idx_r"].to_list(), strict=True)) == want and len(want) > 500


def test_duplicate_groups_partition_like_a_struct_rank() -> None:
    from linkage.clustering import _dup_groups
    from linkage.config import ClusteringSpec

    rng = np.random.default_rng(2)
    n = 500
    names = pl.Series(rng.choice(["li", "wang", "zhang", None], n).tolist(), dtype=pl.String)
    days = pl.Series([dt.date(2024, 1, 1) + dt.timedelta(days=int(d)) if d < 25 else None
                      for d in rng.integers(0, 30, n)], dtype=pl.Date)
    r = pl.DataFrame({"_src": rng.choice(["a", "b"], n).tolist(), "nm": names, "d": days}
                     ).with_columns(pl.int_range(0, pl.len(), dtype=pl.UInt32).alias("_idx"))
    got = _dup_groups(r, ClusteringSpec(duplicate_columns=["nm", "d"]))
    want = r.select(pl.struct(["_src", "nm", "d"]).rank("dense"))["_src"].to_numpy()
    pairs = {(int(g), int(w)) for g, w in zip(got, want, strict=True)}
    # a bijection between the two codings: same partition of the records
    assert len(pairs) == len(set(got.tolist())) == len(set(want.tolist())) < n


def test_links_person_keys_are_person_key_of_the_anchor(person_records: pl.DataFrame) -> None:
    from linkage import person_key

    linker = Linker(LinkageConfig.shipped("person"))
    _, _, links = linker.link(person_records)
    anchors = links.group_by("person_key").agg(pl.struct("source", "record_id").sort_by(["source", "record_id"])
                                               .first().alias("a")).unnest("a")
    want = [person_key(s, r) for s, r in zip(anchors["source"].to_list(), anchors["record_id"].to_list(), strict=True)]
    assert anchors["person_key"].to_list() == want and links["person_key"].n_unique() < links.height
