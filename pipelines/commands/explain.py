"""``crosscheck explain --run RUN SOURCE:ID SOURCE:ID``: the waterfall of one pair's weights.

Recomputed on demand from the run folder's ``model.json`` and ``records.parquet`` (RUN
is a run id or the run's output folder). Prints one line per comparison: its weight (log2 Bayes
factor), a bar, the level and both values; first the prior, last the total and the
match probability.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from pipelines.cli import add_db_option, add_json_option, db_url

NAME = "explain"
HELP = "explain the match weight of two records (waterfall from the saved model)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--run", required=True, metavar="RUN",
                        help="a run id (as `crosscheck runs` lists it) or the run's output folder")
    parser.add_argument("left", metavar="SOURCE:ID", help="first record, e.g. deregistrations:ZX20240000123")
    parser.add_argument("right", metavar="SOURCE:ID", help="second record")
    add_db_option(parser)
    add_json_option(parser)


def run(args: argparse.Namespace) -> int:
    import polars as pl

    from linkage import format_waterfall
    from pipelines.linking import explain_pair
    from pipelines.runref import resolve_run_dir

    # a `crosscheck link` output folder (model.json + records.parquet, no run.json) too
    folder = Path(args.run)
    if not ((folder / "model.json").is_file() and (folder / "records.parquet").is_file()):
        folder = resolve_run_dir(args.run, db_url(args))
    wf = explain_pair(folder, args.left, args.right)
    from reports.masking import diagnosis_chapter, is_diagnosis_comparison

    # ID numbers never go to the terminal in clear (region and last 4 characters kept), nor
    # diagnoses (their ICD-10 chapter only)
    diagnosis = pl.lit(pl.Series([is_diagnosis_comparison(str(c)) for c in wf["comparison"]], dtype=pl.Boolean))
    wf = wf.with_columns(
        pl.when(diagnosis).then(diagnosis_chapter(pl.col(c), "en"))
        .otherwise(pl.col(c).str.replace_all(r"\b(\d{6})\d{8}(\d{3}[0-9Xx])\b", "${1}********${2}")
                   .str.replace_all(r"\b(\d{6})\d{6}(\d{3})\b", "${1}******${2}")).alias(c)
        for c in ("value_l", "value_r")
    )
    print(f"{args.left}  vs  {args.right}")
    print(format_waterfall(wf))
    if args.json:
        print(json.dumps({"left": args.left, "right": args.right, "rows": wf.to_dicts()}, ensure_ascii=False))
    return 0
