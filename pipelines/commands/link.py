"""``crosscheck link``: run a linkage configuration and write links, pairs, model and records.

``--config FILE`` names a configuration (default: the shipped person linkage). The records
come from ``--input DIR`` (a folder of contract sources → person records) or from the
configuration's own ``[[sources]]``. Writes ``links.parquet``, ``pairs.parquet``,
``model.json`` and ``records.parquet`` into ``--out DIR`` (so ``crosscheck explain`` works
on it).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from pipelines.cli import add_json_option
from pipelines.errors import UsageError

NAME = "link"
HELP = "link records with a linkage configuration (probabilistic, unsupervised)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", metavar="FILE", help="linkage configuration (TOML); default: person")
    parser.add_argument("--input", metavar="DIR", help="folder of contract source files (person linkage)")
    parser.add_argument("--column-map", metavar="FILE", help="JSON column map for --input")
    parser.add_argument("--out", required=True, metavar="DIR", help="folder to write the outputs into")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    add_json_option(parser)


def run(args: argparse.Namespace) -> int:
    from linkage import LinkageConfig
    from pipelines.linking import link_persons, records_from_config, records_from_input

    cfg = LinkageConfig.from_toml(args.config) if args.config else LinkageConfig.shipped("person")
    out = Path(args.out)
    if out.exists() and any(out.iterdir()):
        raise UsageError(f"output folder {out} is not empty", hint="give a new or empty --out folder")
    t = time.perf_counter()
    records = records_from_input(args.input, args.column_map) if args.input else records_from_config(cfg)
    res = link_persons(records, config=cfg, seed=args.seed)
    res.write(out)
    records.write_parquet(out / "records.parquet")
    seconds = time.perf_counter() - t
    persons = res.links["person_key"].n_unique()
    summary = {"records": records.height, "persons": persons,
               "candidate_pairs": res.stats.get("candidate_pairs", 0), "pairs_reported": res.pairs.height,
               "seconds": round(seconds, 3), "out": str(out),
               "cluster_sizes": dict(zip(res.cluster_sizes["cluster_size"].to_list(),
                                         res.cluster_sizes["persons"].to_list(), strict=True))}
    print(f"linked {summary['records']} records into {persons} persons "
          f"({summary['candidate_pairs']} candidate pairs) in {summary['seconds']} s")
    print("cluster sizes: " + ", ".join(f"{k}: {v}" for k, v in summary["cluster_sizes"].items()))
    print(f"wrote {out}/links.parquet, pairs.parquet, model.json, records.parquet")
    if args.json:
        print(json.dumps({**summary, "cluster_sizes": {str(k): v for k, v in summary["cluster_sizes"].items()}}))
    return 0
