"""Clustering scored pairs into persons, guarded against chaining.

Stage schema (clusters): ``_idx`` UInt32 (every record), ``cluster`` UInt32 (the smallest
``_idx`` of its cluster), ``match_probability`` Float64 (the record's best link inside
its cluster; 1.0 for a singleton), ``cluster_size`` UInt32.

Pairs at or above the threshold are joined by connected components (scipy, vectorised).
Components that break a guard are re-clustered greedily, best link first, refusing any
merge that would break one:

* ``one_per_source``: at most one record of each listed source per cluster, where
  records of one source with equal ``duplicate_columns`` count as one (a duplicate
  submission under a new record_id), and so do two records of one source with the same
  valid ID linked to each other at ``duplicate_min_probability`` or more (a resubmission
  whose name or date was retyped: 孙龙磊 / Sun Longlei, died 31 January / 1 February);
* ``id_column`` / ``id_valid_column``: never two valid IDs more than ``max_id_typos``
  edits apart in one cluster (two 18-character IDs are compared on their first 17: the check
  character follows from them, so a typo whose check character was recomputed is one typo).

Only the offending components' edges go through the Python loop.
"""

from __future__ import annotations

import numpy as np
import polars as pl
from rapidfuzz.distance import OSA
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from linkage.config import ClusteringSpec


def id_typos(a: str, b: str) -> int:
    """Edits (OSA: substitutions, insertions, deletions, adjacent transpositions) between two ID
    numbers; two of 18 characters are compared on their first 17, as the check character follows
    from them (a typo whose check character was recomputed is one typo, not two)."""
    if len(a) == 18 and len(b) == 18:
        return int(OSA.distance(a[:17], b[:17]))
    return int(OSA.distance(a, b))


def _components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    g = coo_matrix((np.ones(a.size, dtype=np.int8), (a, b)), shape=(n, n))
    _, labels = connected_components(g, directed=False)
    # relabel each component by its smallest member
    first = np.full(labels.max() + 1 if n else 0, n, dtype=np.int64)
    np.minimum.at(first, labels, np.arange(n))
    return first[labels]


def _value_codes(s: pl.Series) -> np.ndarray:
    """Codes ≥ 0 with equal codes for equal values (null is its own value, 0)."""
    if s.dtype in (pl.String, pl.Categorical) or isinstance(s.dtype, pl.Enum):
        c = s.cast(pl.String).cast(pl.Categorical).to_physical().cast(pl.Int64)
    elif s.dtype.is_temporal() or s.dtype.is_integer() or s.dtype == pl.Boolean:
        c = s.to_physical().cast(pl.Int64)
        c = c - (c.min() or 0)
    else:
        c = s.rank("dense").cast(pl.Int64)
    return c.fill_null(-1).to_numpy() + 1


def _dup_groups(records: pl.DataFrame, spec: ClusteringSpec) -> np.ndarray:
    """One code per (source, duplicate columns) value: records sharing it are duplicates.

    The columns' value codes combined in mixed radix (exact); a dense rank of the struct
    when the combination would not fit 62 bits."""
    if not spec.duplicate_columns:
        return records["_idx"].to_numpy().astype(np.int64)
    cols = ["_src", *spec.duplicate_columns]
    codes = [_value_codes(records[c]) for c in cols]
    spans = [int(v.max()) + 1 if v.size else 1 for v in codes]
    if float(np.prod(np.array(spans, dtype=np.float64))) < 2.0 ** 62:
        key = np.zeros(records.height, dtype=np.int64)
        for v, span in zip(codes, spans, strict=True):
            key = key * span + v
        return key
    return records.select(pl.struct(cols).rank("dense").alias("d"))["d"].to_numpy().astype(np.int64)


def _linked_duplicates(records: pl.DataFrame, spec: ClusteringSpec, dup: np.ndarray, src: np.ndarray,
                       a: np.ndarray, b: np.ndarray, p: np.ndarray) -> np.ndarray:
    """``dup`` with the groups of two same-source records merged when their own pair is scored
    at ``duplicate_min_probability`` or more and both carry the same valid ID."""
    assert spec.id_column and spec.id_valid_column
    valid = records[spec.id_valid_column].cast(pl.Boolean).fill_null(False).to_numpy()
    idc = _value_codes(records[spec.id_column].cast(pl.String))
    same = (src[a] == src[b]) & (p >= spec.duplicate_min_probability) & valid[a] & valid[b] & (idc[a] == idc[b])
    if not same.any():
        return dup
    codes, inv = np.unique(dup, return_inverse=True)
    return _components(codes.size, inv[a[same]], inv[b[same]])[inv]


def cluster(records: pl.DataFrame, scored: pl.DataFrame, threshold: float,
            spec: ClusteringSpec) -> tuple[pl.DataFrame, dict[str, int]]:
    """Cluster records; returns the clusters frame and guard statistics."""
    n = records.height
    edges = scored.filter(pl.col("match_probability") >= threshold).sort(
        ["match_probability", "idx_l", "idx_r"], descending=[True, False, False]
    )
    a = edges["idx_l"].to_numpy().astype(np.int64)
    b = edges["idx_r"].to_numpy().astype(np.int64)
    p = edges["match_probability"].to_numpy()
    comp = _components(n, a, b) if n else np.zeros(0, dtype=np.int64)

    src = records["_src"].cast(pl.String).to_numpy()
    dup = _dup_groups(records, spec)
    if spec.duplicate_min_probability > 0 and spec.id_column and spec.id_valid_column and a.size:
        dup = _linked_duplicates(records, spec, dup, src, a, b, p)
    limited = set(spec.one_per_source)
    has_ids = bool(spec.id_column and spec.id_valid_column)
    ids: list[str | None] | None = None
    if spec.id_column and spec.id_valid_column:     # == has_ids, spelled out so mypy narrows
        ids_s = records.select(
            pl.when(pl.col(spec.id_valid_column).cast(pl.Boolean).fill_null(False))
            .then(pl.col(spec.id_column).cast(pl.String)).otherwise(None).alias("v")
        )["v"]

    # components that break a guard (vectorised check)
    frame = pl.DataFrame({"comp": comp, "src": src, "dup": dup})
    flags = []
    if limited:
        f = (frame.filter(pl.col("src").is_in(list(limited)))
             .group_by(["comp", "src"]).agg(pl.col("dup").n_unique().alias("k"))
             .filter(pl.col("k") > 1).select("comp"))
        flags.append(f)
    if has_ids:
        f = (frame.with_columns(ids_s).drop_nulls("v")
             .group_by("comp").agg(pl.col("v").n_unique().alias("k"))
             .filter(pl.col("k") > 1).select("comp"))
        flags.append(f)
    bad = set(pl.concat(flags)["comp"].to_list()) if flags else set()
    # labels are record positions (< n): count distinct ones with a bincount, not a hash
    stats = {"components": int(np.count_nonzero(np.bincount(comp, minlength=1))) if n else 0,
             "guarded_components": len(bad), "refused_links": 0}

    final = comp.copy()
    if bad:
        if has_ids:
            ids = ids_s.to_list()       # the Python loop below reads them; only when needed
        bad_arr = np.fromiter(bad, dtype=np.int64)
        is_bad = np.zeros(n, dtype=bool)
        is_bad[bad_arr] = True
        sel = is_bad[comp[a]]
        parent: dict[int, int] = {}
        members: dict[int, list[int]] = {}
        state_dup: dict[int, dict[str, set[int]]] = {}
        state_ids: dict[int, set[str]] = {}

        def find(x: int) -> int:
            root = x
            while parent.get(root, root) != root:
                root = parent[root]
            while parent.get(x, x) != root:
                parent[x], x = root, parent[x]
            return root

        def init(x: int) -> None:
            if x in parent:
                return
            parent[x] = x
            members[x] = [x]
            state_dup[x] = {src[x]: {int(dup[x])}} if src[x] in limited else {}
            id_x = ids[x] if ids is not None else None
            state_ids[x] = {id_x} if id_x is not None else set()

        for x, y in zip(a[sel].tolist(), b[sel].tolist(), strict=True):
            init(x)
            init(y)
            rx, ry = find(x), find(y)
            if rx == ry:
                continue
            ok = all(len(state_dup[rx].get(s, set()) | v) <= 1 for s, v in state_dup[ry].items())
            if ok and state_ids[rx] and state_ids[ry]:
                ok = all(id_typos(i, j) <= spec.max_id_typos
                         for i in state_ids[rx] for j in state_ids[ry] if i != j)
            if not ok:
                stats["refused_links"] += 1
                continue
            if len(members[rx]) < len(members[ry]):
                rx, ry = ry, rx
            parent[ry] = rx
            members[rx].extend(members.pop(ry))
            for s, v in state_dup.pop(ry).items():
                state_dup[rx].setdefault(s, set()).update(v)
            state_ids[rx] |= state_ids.pop(ry)
        for root, mem in members.items():
            m = np.array(mem, dtype=np.int64)
            final[m] = m.min()
            _ = root

    # best link of each record inside its final cluster
    best = np.zeros(n, dtype=np.float64)
    inside = final[a] == final[b]
    np.maximum.at(best, a[inside], p[inside])
    np.maximum.at(best, b[inside], p[inside])
    sizes = np.bincount(final, minlength=n)[final]
    best[sizes == 1] = 1.0
    out = pl.DataFrame({
        "_idx": records["_idx"].cast(pl.UInt32),
        "cluster": pl.Series(final, dtype=pl.UInt32),
        "match_probability": best,
        "cluster_size": pl.Series(sizes, dtype=pl.UInt32),
    })
    stats["clusters"] = int(np.count_nonzero(np.bincount(final, minlength=1))) if n else 0
    return out, stats
