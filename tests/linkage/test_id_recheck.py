"""An ID mistyped and its check character recomputed is one typo (domain brief: "an ID can still be
corrupted in a way that keeps the check valid"): the ID comparison gives it its own level, and the
clustering guard counts it as one edit, while two valid IDs two digits apart still conflict."""

from __future__ import annotations

import numpy as np
import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from linkage.clustering import cluster, id_typos
from linkage.comparisons import build_comparison, comparison_vectors
from linkage.config import ClusteringSpec
from linkage.normalize.ids import check_char

ID = build_comparison({"name": "id", "kind": "id", "column": "id18", "valid_column": "ok"})
LEVEL = {name: i for i, name in enumerate(ID.levels)}


def _valid(body17: str) -> str:
    return body17 + check_char(body17)


def _level(a: str, b: str, valid: tuple[bool, bool] = (True, True)) -> str:
    recs = pl.DataFrame({"id18": [a, b], "ok": list(valid)})
    v = comparison_vectors([ID], recs, np.array([0], dtype=np.uint32), np.array([1], dtype=np.uint32))
    return ID.levels[int(v["id"][0])]


bodies = st.text(alphabet="0123456789", min_size=17, max_size=17)


@settings(max_examples=200, deadline=None)
@given(body=bodies, pos=st.integers(0, 16), shift=st.integers(1, 9))
def test_a_typo_with_its_check_recomputed_is_one_typo(body: str, pos: int, shift: int) -> None:
    a = _valid(body)
    typo = body[:pos] + str((int(body[pos]) + shift) % 10) + body[pos + 1:]
    b = _valid(typo)
    # one differing digit of the first 17 always changes a valid ID's check character
    assert a[17] != b[17]
    assert _level(a, b) == "one typo, check recomputed"
    assert id_typos(a, b) == 1


@settings(max_examples=200, deadline=None)
@given(body=bodies, pos=st.integers(0, 15))
def test_a_transposition_with_its_check_recomputed_is_one_typo(body: str, pos: int) -> None:
    swapped = body[:pos] + body[pos + 1] + body[pos] + body[pos + 2:]
    a, b = _valid(body), _valid(swapped)
    if a == b:                                   # equal digits swapped, or a check that happens to agree
        return
    expected = "one typo, check recomputed" if a[17] != b[17] else "one transposition"
    assert _level(a, b) == expected
    assert id_typos(a, b) == 1


def test_two_digits_apart_still_conflict_and_the_other_levels_stay() -> None:
    body = "14010519800101011"
    a = _valid(body)
    two = _valid("14010519800101099")            # two body digits changed, check recomputed
    assert _level(a, two) == "conflicting valid IDs" and id_typos(a, two) == 2
    # one digit changed, the old check character kept: one substitution (the typo's ID is invalid)
    assert _level(a, "14010519800101012" + a[17], (True, False)) == "one substitution"
    assert _level(a, a) == "exact"
    # not 18 characters: compared as text, no check character to set apart
    assert id_typos("140105800101011", "140105800101012") == 1
    assert LEVEL["one typo, check recomputed"] < LEVEL["else"] < LEVEL["conflicting valid IDs"]


def test_the_clustering_guard_lets_a_rechecked_typo_join_and_keeps_two_typos_apart() -> None:
    a = _valid("14010519800101011")
    one = _valid("14010519800101021")
    two = _valid("14010519800101099")
    recs = pl.DataFrame({"_src": ["x", "y", "z"], "id": [a, one, two], "ok": [True, True, True]}) \
        .with_columns(pl.int_range(0, pl.len(), dtype=pl.UInt32).alias("_idx"))
    scored = pl.DataFrame({"idx_l": pl.Series([0, 0], dtype=pl.UInt32), "idx_r": pl.Series([1, 2], dtype=pl.UInt32),
                           "match_probability": [0.99, 0.98]})
    out, stats = cluster(recs, scored, 0.5, ClusteringSpec(id_column="id", id_valid_column="ok"))
    c = out["cluster"].to_list()
    assert c[0] == c[1] and c[2] != c[0]
    assert stats["refused_links"] == 1
