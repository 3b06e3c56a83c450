"""``crosscheck generate``: write a synthetic province (every contract source plus ``truth/``)."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from pipelines.cli import add_json_option
from pipelines.contract import SOURCES
from pipelines.errors import UsageError
from synthetic_data.config import VARIANTS, GeneratorConfig
from synthetic_data.generator import generate, write_dataset

NAME = "generate"
HELP = "generate synthetic province data with ground truth (truth/)"
DESCRIPTION = (
    "Simulate one year of a synthetic Shanxi: deaths, cremations, injury claims, hospital "
    "injury encounters, employment, enterprises and workplace incidents (reported, "
    "under-reported, concealed). Writes every data-contract source and truth/."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", required=True, metavar="DIR", help="folder to write (absent or empty)")
    parser.add_argument("--scale", type=float, default=0.02,
                        help="share of a province-year (1.0 ≈ 290k deaths, 1.5M injury encounters)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (same seed → same files)")
    parser.add_argument("--variant", choices=VARIANTS, default="default",
                        help="noise level: clean (none), default, hard (≈2× plus many missing IDs)")
    parser.add_argument("--parquet", action="store_true", help="write Parquet instead of CSV")
    parser.add_argument("--force", action="store_true", help="write into a non-empty folder")
    add_json_option(parser)


def run(args: argparse.Namespace) -> int:
    if not 0 < args.scale <= 5:
        raise UsageError(f"--scale {args.scale} is out of range", hint="use a value in (0, 5], e.g. 0.02")
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} is a file", hint="pass a folder to --out")
    if out.is_dir() and any(out.iterdir()) and not args.force:
        raise UsageError(f"{out} is not empty", hint="choose an empty folder or pass --force")
    if args.force and out.is_dir():
        # a stale <source>.csv next to a new <source>.parquet would make the folder unreadable
        for name in SOURCES:
            for ext in ("csv", "parquet"):
                (out / f"{name}.{ext}").unlink(missing_ok=True)
        for p in (out / "truth").glob("*.parquet"):
            p.unlink()
    t0 = time.perf_counter()
    cfg = GeneratorConfig.for_variant(args.variant, scale=args.scale, seed=args.seed)
    ds = generate(cfg)
    write_dataset(ds, out, parquet=args.parquet)
    seconds = round(time.perf_counter() - t0, 2)
    kinds = ds.truth["incidents"].group_by("kind").len().sort("kind")
    incidents = dict(zip(kinds["kind"].to_list(), kinds["len"].to_list(), strict=True))
    print(f"wrote {out} in {seconds} s (scale {args.scale}, seed {args.seed}, variant {args.variant})")
    for name, rows in ds.stats.items():
        print(f"  {name:<18}{rows:>10,}")
    print("  incidents         " + ", ".join(f"{k} {v}" for k, v in incidents.items()))
    if args.json:
        print(json.dumps({"out": str(out), "seconds": seconds, "rows": ds.stats,
                          "incidents": incidents, "scale": args.scale, "seed": args.seed,
                          "variant": args.variant}, ensure_ascii=False))
    return 0
