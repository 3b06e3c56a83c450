"""``crosscheck blocking``: how many candidate pairs each blocking rule makes, and their recall.

Reads ``--input DIR`` (contract sources → person records), applies the configuration's
blocking rules (default: the person linkage) and prints pairs per rule (and new pairs
after the union), the total, and — with ``--truth DIR`` (a generated data folder or its
``truth/``) — the share of true pairs the candidates hold (pair recall), overall and
per rule, and the share joined through a chain of true candidate pairs (what clustering can reach).
"""

from __future__ import annotations

import argparse
import json

import numpy as np
import polars as pl
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from pipelines.cli import add_json_option

NAME = "blocking"
HELP = "report candidate pairs per blocking rule (and pair recall against a truth)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--input", required=True, metavar="DIR", help="folder of contract source files")
    parser.add_argument("--config", metavar="FILE", help="linkage configuration (TOML); default: person")
    parser.add_argument("--truth", metavar="DIR", help="generated data folder (or its truth/) for pair recall")
    parser.add_argument("--column-map", metavar="FILE", help="JSON column map for --input")
    add_json_option(parser)


def run(args: argparse.Namespace) -> int:
    from linkage import LinkageConfig, Linker
    from pipelines.linking import records_from_input, true_pairs

    cfg = LinkageConfig.from_toml(args.config) if args.config else LinkageConfig.shipped("person")
    records = records_from_input(args.input, args.column_map)
    linker = Linker(cfg)
    prepared = linker.prepare(records)
    pairs = linker.candidate_pairs(prepared)
    report = linker.blocking_report_.to_dict() if linker.blocking_report_ else {}
    result: dict = {"records": records.height, **report}
    if args.truth:
        truth = true_pairs(args.truth, prepared)
        hit = truth.join(pairs.select("idx_l", "idx_r", "rules_mask"), on=["idx_l", "idx_r"], how="left")
        found = hit.filter(pl.col("rules_mask").is_not_null())
        result["true_pairs"] = truth.height
        result["pair_recall"] = found.height / truth.height if truth.height else 1.0
        # ... and the share a clustering could still reach: the two records joined through a
        # chain of true candidate pairs (a hospital record without an ID meets the person's
        # enrolment spell through the person's other records, never directly)
        result["pair_recall_connected"] = _connected_recall(truth, found, prepared.height)
        src = prepared["source"].cast(pl.String)
        pairs_src = hit.with_columns(
            pl.Series("a", src.gather(hit["idx_l"])), pl.Series("b", src.gather(hit["idx_r"])),
        ).select(pl.min_horizontal("a", "b").alias("source_l"), pl.max_horizontal("a", "b").alias("source_r"),
                 pl.col("rules_mask").is_not_null().alias("found"))
        result["by_source_pair"] = [
            {"source_l": r["source_l"], "source_r": r["source_r"], "true_pairs": r["true_pairs"],
             "found": r["found"], "recall": r["found"] / r["true_pairs"]}
            for r in pairs_src.group_by("source_l", "source_r").agg(
                pl.len().alias("true_pairs"), pl.col("found").sum()).sort("source_l", "source_r").iter_rows(named=True)]
        mask = found["rules_mask"].to_numpy()
        for i, rule in enumerate(cfg.blocking):
            n = int(((mask & (1 << i)) != 0).sum())
            result["rules"][rule.name]["recall"] = n / truth.height if truth.height else 1.0
    print(f"{'rule':<24} {'pairs':>12} {'new pairs':>12} {'skipped':>9}" + ("  recall" if args.truth else ""))
    for name, r in result["rules"].items():
        line = f"{name:<24} {r['pairs']:>12,} {r['new_pairs']:>12,} {r['skipped_records']:>9,}"
        if args.truth:
            line += f"  {r['recall']:.4f}"
        print(line)
    print(f"{'total':<24} {result['total_pairs']:>12,}")
    if args.truth:
        print(f"pair recall {result['pair_recall']:.4f} of {result['true_pairs']:,} true pairs "
              f"({result['pair_recall_connected']:.4f} joined through a chain of true candidate pairs)")
    if args.json:
        print(json.dumps(result))
    return 0


def _connected_recall(truth: pl.DataFrame, found: pl.DataFrame, n: int) -> float:
    """Share of the true pairs whose records are connected by the true candidate pairs found."""
    if truth.height == 0:
        return 1.0
    a, b = found["idx_l"].to_numpy(), found["idx_r"].to_numpy()
    graph = coo_matrix((np.ones(len(a), dtype=np.int8), (a, b)), shape=(n, n))
    _, comp = connected_components(graph, directed=False)
    ok = comp[truth["idx_l"].to_numpy()] == comp[truth["idx_r"].to_numpy()]
    return float(ok.mean())
