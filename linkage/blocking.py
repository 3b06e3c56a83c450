"""Blocking: candidate record pairs from several rules, unioned and deduplicated.

Stage schema (candidate pairs): ``idx_l`` UInt32, ``idx_r`` UInt32 (row positions in
the records frame, ``idx_l < idx_r``), ``rule`` Enum (the first rule, in configuration
order, that produced the pair), ``rules_mask`` UInt32 (bit i set when rule i produced
it; EM training sessions use it). Sorted by ``(idx_l, idx_r)``.

The records frame must carry ``_idx`` (UInt32 row position) and ``_src`` (String source
name); :class:`linkage.Linker` adds both. Rule kinds:

* ``equal`` — all key columns equal (and non-null);
* ``window`` — key columns equal and a date column within ``within_days``;
* ``sorted_neighbourhood`` — records sorted by the key, each paired with the next
  ``window - 1`` records.

A rule's ``exclude_sources`` keeps the records of those sources out of it.

Keys shared by more than ``max_block_size`` records are skipped and reported — a
block that big is a common value (张伟) that cannot discriminate anyway.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import polars as pl

from linkage.config import BlockingRule

_SLICE = re.compile(r"^(?P<col>[^\[]+)\[(?P<start>\d*):(?P<stop>\d*)\]$")


def key_expr(key: str) -> pl.Expr:
    """``"col"`` → the column; ``"col[:3]"`` / ``"col[2:4]"`` → a character slice of it."""
    m = _SLICE.match(key)
    if not m:
        return pl.col(key)
    start = int(m["start"] or 0)
    stop = m["stop"]
    e = pl.col(m["col"]).cast(pl.String)
    return e.str.slice(start, None if stop == "" else int(stop) - start)


def key_column(key: str) -> str:
    """The record column a key reads."""
    m = _SLICE.match(key)
    return m["col"] if m else key


@dataclass
class BlockingReport:
    """Pairs per rule (raw and new after the union), skipped oversized blocks, total."""

    per_rule: dict[str, dict[str, int]] = field(default_factory=dict)
    total: int = 0

    def to_dict(self) -> dict[str, object]:
        return {"rules": self.per_rule, "total_pairs": self.total}


def _pair_filter(link_type: str) -> pl.Expr:
    ok = pl.col("_idx") < pl.col("_idx_r")
    if link_type == "link_only":
        ok = ok & (pl.col("_src") != pl.col("_src_r"))
    return ok


def _keys_frame(records: pl.DataFrame, rule: BlockingRule, extra: list[pl.Expr],
                hashed: bool = True) -> tuple[pl.DataFrame, list[str]]:
    names = [f"_k{i}" for i in range(len(rule.on))]
    k = records.select(
        "_idx", "_src", *[key_expr(key).alias(n) for key, n in zip(rule.on, names, strict=True)], *extra
    )
    cond = pl.all_horizontal(pl.col(n).is_not_null() for n in names)
    for n in names:
        if k.schema[n] == pl.String:
            cond = cond & (pl.col(n) != "")
    # one 64-bit hash of the key columns: integer joins are several times faster than
    # string joins; a collision only adds a candidate pair, which is scored like any other
    if not hashed:
        return k.filter(cond), names
    k = k.filter(cond).with_columns(pl.struct(names).hash(seed=0).alias("_h")).drop(names)
    return k, ["_h"]


def _equal_pairs(records: pl.DataFrame, rule: BlockingRule, link_type: str) -> tuple[pl.DataFrame, int]:
    extra = [pl.col(rule.date).alias("_d")] if rule.kind == "window" and rule.date else []
    if rule.overlap:
        extra += [pl.col(rule.overlap[0]).cast(pl.Int64).alias("_lo"),
                  pl.col(rule.overlap[1]).cast(pl.Int64).alias("_hi")]
    k, names = _keys_frame(records, rule, extra)
    if rule.overlap:
        return _overlap_pairs(k, names, rule, link_type)
    sizes = k.group_by(names).len()
    big = sizes.filter(pl.col("len") > rule.max_block_size)
    skipped = int(big["len"].sum() or 0)
    if big.height:
        k = k.join(big.select(names), on=names, how="anti")
    j = k.lazy().join(k.lazy(), on=names, suffix="_r").filter(_pair_filter(link_type))
    if extra:
        j = j.filter(_window_filter(k, rule))
    return j.select(pl.col("_idx").alias("idx_l"), pl.col("_idx_r").alias("idx_r")).collect(), skipped


def _window_filter(k: pl.DataFrame, rule: BlockingRule) -> pl.Expr:
    diff = (pl.col("_d") - pl.col("_d_r"))
    if isinstance(k.schema["_d"], pl.Datetime | pl.Date):
        diff = diff.dt.total_days()
    return diff.abs() <= rule.within_days


def _pair_key() -> pl.Expr:
    """``min(_idx, _idx_r) << 32 | max(_idx, _idx_r)`` as UInt64, named ``k``."""
    return (pl.min_horizontal("_idx", "_idx_r").cast(pl.UInt64) * (1 << 32)
            + pl.max_horizontal("_idx", "_idx_r").cast(pl.UInt64)).alias("k")


def _overlap_pairs(k: pl.DataFrame, names: list[str], rule: BlockingRule,
                   link_type: str) -> tuple[pl.DataFrame, int]:
    """Equal keys and ``[lo, hi]`` ranges within ``overlap_slack`` of each other.

    Joined on an exploded integer key: one side carries every value of ``[lo, hi]``, the
    other every value of ``[lo - slack, hi + slack]``; they share a value exactly when the
    ranges overlap within the slack. Blocks are the (key, value) groups, so a common key
    (a common name) is split by the range column instead of forming one huge block.
    """
    s = rule.overlap_slack
    known = pl.col("_lo").is_not_null() & pl.col("_hi").is_not_null() & (pl.col("_hi") - pl.col("_lo")).is_between(0, 50)
    unknown = k.filter(~known.fill_null(False))
    k = k.filter(known)
    window = rule.kind == "window" and rule.date is not None and rule.within_days > 0
    if window:
        d = pl.col("_d")
        days = (d.dt.date() if isinstance(k.schema["_d"], pl.Datetime) else d).cast(pl.Int32) \
            if isinstance(k.schema["_d"], pl.Datetime | pl.Date) else d.cast(pl.Int32)
        k = k.filter(pl.col("_d").is_not_null()).with_columns(
            (days // max(rule.within_days, 1)).cast(pl.Int32).alias("_b"))

    keep = ["_idx", *(["_d"] if rule.kind == "window" and rule.date else []),
            *(["_src"] if link_type == "link_only" else [])]
    # one exact integer join key: (key id, range value[, date bucket]) packed by arithmetic
    # (much cheaper than hashing the exploded rows); a hash when it would not fit 63 bits
    packed = False
    if k.height:
        k = k.with_columns(pl.col(names[0]).rank("dense").cast(pl.Int64).alias("_kid"))
        y0 = int(k["_lo"].min()) - s                               # type: ignore[arg-type]
        yspan = int(k["_hi"].max()) + s - y0 + 1                   # type: ignore[arg-type]
        b0, bspan = 0, 1
        if window:
            b0 = int(k["_b"].min()) - 1                            # type: ignore[arg-type]
            bspan = int(k["_b"].max()) + 1 - b0 + 1                # type: ignore[arg-type]
        packed = (int(k["_kid"].max()) + 1) * yspan * bspan < (1 << 62)  # type: ignore[arg-type]

    def exploded(lo: pl.Expr, hi: pl.Expr, buckets: int) -> pl.DataFrame:
        if not packed:
            e = k.with_columns(pl.int_ranges(lo, hi + 1).alias("_y")).explode("_y")
            keys = [*names, "_y"]
            if window:
                # dates within the window fall in the same or adjacent buckets of its width
                e = e.with_columns(pl.int_ranges(pl.col("_b") - buckets, pl.col("_b") + buckets + 1)
                                   .alias("_bb")).explode("_bb")
                keys.append("_bb")
            return e.with_columns(pl.struct(keys).hash(seed=1).alias("_hy")).select([*keep, "_hy"])
        e = k.select(*keep, *(["_b"] if window else []), (pl.col("_kid") * yspan - y0).alias("_hy"),
                     pl.int_ranges(lo, hi + 1).alias("_y")).explode("_y")
        e = e.with_columns(pl.col("_hy") + pl.col("_y"))
        if window:
            e = e.select(*keep, (pl.col("_hy") * bspan - b0).alias("_hy"),
                         pl.int_ranges(pl.col("_b") - buckets, pl.col("_b") + buckets + 1).alias("_bb")
                         ).explode("_bb").with_columns(pl.col("_hy") + pl.col("_bb"))
        return e.select([*keep, "_hy"])

    narrow = exploded(pl.col("_lo"), pl.col("_hi"), 0)
    sizes = narrow.group_by("_hy").len()
    big = sizes.filter(pl.col("len") > rule.max_block_size)
    skipped = int(big["len"].sum() or 0)
    if big.height:
        narrow = narrow.join(big.select("_hy"), on="_hy", how="anti")
    if packed and window:
        # the adjacent date buckets on the narrow side (the packed key is linear in the
        # bucket): fewer rows than exploding the wider year range by three buckets
        narrow = narrow.with_columns(pl.int_ranges(pl.col("_hy") - 1, pl.col("_hy") + 2).alias("_hy")).explode("_hy")
        wide = exploded(pl.col("_lo") - s, pl.col("_hi") + s, 0)
    else:
        wide = exploded(pl.col("_lo") - s, pl.col("_hi") + s, 1)
    j = wide.lazy().join(narrow.lazy(), on="_hy", suffix="_r").filter(pl.col("_idx") != pl.col("_idx_r"))
    if link_type == "link_only":
        j = j.filter(pl.col("_src") != pl.col("_src_r"))
    if rule.kind == "window" and rule.date:
        j = j.filter(_window_filter(k, rule))
    parts = [j.select(_pair_key())]
    if unknown.height:
        # a record without the range is paired with every record of its key (missing is
        # never a disagreement); such records are few, so these blocks stay small
        big_keys = unknown.group_by(names).len().filter(pl.col("len") > rule.max_block_size)
        everyone = pl.concat([k.select(unknown.columns), unknown], how="vertical_relaxed")
        u = unknown.lazy().join(everyone.lazy(), on=names, suffix="_r").filter(pl.col("_idx") != pl.col("_idx_r"))
        if big_keys.height:
            u = u.join(big_keys.lazy().select(names), on=names, how="anti")
            skipped += int(big_keys["len"].sum() or 0)
        if link_type == "link_only":
            u = u.filter(pl.col("_src") != pl.col("_src_r"))
        if rule.kind == "window" and rule.date:
            u = u.filter(_window_filter(k, rule))
        parts.append(u.select(_pair_key()))
    # deduplicated as one 64-bit key per pair (a pair meets several range values / buckets)
    return pl.concat(parts).unique().select(
        (pl.col("k") // (1 << 32)).cast(pl.UInt32).alias("idx_l"),
        (pl.col("k") % (1 << 32)).cast(pl.UInt32).alias("idx_r")).collect(), skipped


def _sorted_neighbourhood(records: pl.DataFrame, rule: BlockingRule, link_type: str) -> pl.DataFrame:
    k, names = _keys_frame(records, rule, [], hashed=False)
    k = k.sort([*names, "_idx"])
    idx = k["_idx"]
    src = k["_src"]
    parts = []
    for off in range(1, max(rule.window, 2)):
        a, b = idx.head(idx.len() - off), idx.tail(idx.len() - off)
        sa, sb = src.head(src.len() - off), src.tail(src.len() - off)
        f = pl.DataFrame({"_idx": a, "_idx_r": b, "_src": sa, "_src_r": sb})
        f = f.select(
            pl.min_horizontal("_idx", "_idx_r").alias("_idx"),
            pl.max_horizontal("_idx", "_idx_r").alias("_idx_r"), "_src", "_src_r",
        )
        parts.append(f.filter(_pair_filter(link_type)))
    if not parts:
        return pl.DataFrame(schema={"idx_l": pl.UInt32, "idx_r": pl.UInt32})
    return pl.concat(parts).select(pl.col("_idx").alias("idx_l"), pl.col("_idx_r").alias("idx_r"))


def rule_pairs(records: pl.DataFrame, rule: BlockingRule, link_type: str) -> tuple[pl.DataFrame, int]:
    """Candidate pairs of one rule (``idx_l``, ``idx_r``) and the records skipped in big blocks."""
    if rule.exclude_sources:
        # only the columns the rule reads: filtering the whole (wide) records frame copies every
        # column (1.5 GB at 4 M person records)
        cols = ["_idx", "_src", *dict.fromkeys(key_column(k) for k in rule.on),
                *([rule.date] if rule.date else []), *rule.overlap]
        records = records.select(list(dict.fromkeys(cols))).filter(~pl.col("_src").is_in(rule.exclude_sources))
    if rule.kind == "sorted_neighbourhood":
        return _sorted_neighbourhood(records, rule, link_type), 0
    return _equal_pairs(records, rule, link_type)


def block(records: pl.DataFrame, rules: list[BlockingRule], link_type: str) -> tuple[pl.DataFrame, BlockingReport]:
    """Union of every rule's pairs, deduplicated; the report counts pairs per rule.

    Each pair is packed into one 64-bit key (``idx_l << 32 | idx_r``); the union is one
    sort of those keys, and each pair's first rule and rule mask are reduced over its run
    of equal keys (numpy ``reduceat``) — no two-column group-by.
    """
    report = BlockingReport()
    rule_enum = pl.Enum([r.name for r in rules])
    parts = []
    for i, rule in enumerate(rules):
        pairs, skipped = rule_pairs(records, rule, link_type)
        key = pairs.select((pl.col("idx_l").cast(pl.UInt64) * (1 << 32) + pl.col("idx_r").cast(pl.UInt64))
                           .alias("k"))["k"].unique()
        report.per_rule[rule.name] = {"pairs": key.len(), "skipped_records": skipped}
        parts.append(pl.DataFrame({"k": key}).with_columns(pl.lit(i, dtype=pl.UInt8).alias("r")))
    allp = pl.concat(parts).sort("k")
    k = allp["k"].to_numpy()
    r = allp["r"].to_numpy()
    if k.size:
        run = np.ones(k.size, dtype=bool)
        run[1:] = k[1:] != k[:-1]
        starts = np.flatnonzero(run)
        first = np.minimum.reduceat(r, starts)
        mask = np.bitwise_or.reduceat(np.left_shift(np.uint32(1), r.astype(np.uint32)), starts)
        k = k[starts]
    else:
        first = np.zeros(0, dtype=np.uint8)
        mask = np.zeros(0, dtype=np.uint32)
    new = np.bincount(first, minlength=len(rules)) if first.size else np.zeros(len(rules), dtype=np.int64)
    for i, rule in enumerate(rules):
        report.per_rule[rule.name]["new_pairs"] = int(new[i])
    mapping = {i: rl.name for i, rl in enumerate(rules)}
    out = pl.DataFrame({
        "idx_l": (k >> np.uint64(32)).astype(np.uint32),
        "idx_r": (k & np.uint64(0xFFFFFFFF)).astype(np.uint32),
        "rule": pl.Series(first, dtype=pl.UInt8).replace_strict(mapping, return_dtype=rule_enum),
        "rules_mask": pl.Series(mask, dtype=pl.UInt32),
    })
    report.total = out.height
    return out, report


def random_pairs(records: pl.DataFrame, n: int, link_type: str, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``n`` distinct random pairs allowed by ``link_type`` (uniform, deterministic for a seed)."""
    rng = np.random.default_rng(seed)
    total = records.height
    src = records["_src"].to_physical() if records["_src"].dtype == pl.Categorical else \
        records["_src"].cast(pl.Categorical).to_physical()
    src_np = src.to_numpy()
    got_l: list[np.ndarray] = []
    got_r: list[np.ndarray] = []
    have = 0
    for _ in range(20):
        m = int((n - have) * 1.3) + 100
        a = rng.integers(0, total, m)
        b = rng.integers(0, total, m)
        ok = a != b
        if link_type == "link_only":
            ok &= src_np[a] != src_np[b]
        a, b = a[ok], b[ok]
        got_l.append(np.minimum(a, b))
        got_r.append(np.maximum(a, b))
        have += a.size
        if have >= n:
            break
    il = np.concatenate(got_l)[:n].astype(np.uint32)
    ir = np.concatenate(got_r)[:n].astype(np.uint32)
    return il, ir
