"""``crosscheck evaluate``: score a run folder against synthetic ground truth."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from pipelines.cli import add_db_option, add_json_option, db_url
from pipelines.errors import UsageError
from synthetic_data.evaluate import evaluate_run, format_table

NAME = "evaluate"
HELP = "score a run's links and leads against synthetic truth (truth/ from crosscheck generate)"
DESCRIPTION = (
    "Pairwise linkage precision/recall/F1, hidden-death recall@K and precision, average "
    "precision, concealed- and under-reported-incident recall, false leads and the largest "
    "number of true persons in one lead."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--truth", required=True, metavar="DIR",
                        help="the truth/ folder written by crosscheck generate")
    parser.add_argument("--run", required=True, metavar="RUN",
                        help="a run's output folder (links, leads, lead_evidence) or its run id")
    add_db_option(parser)
    add_json_option(parser)


def run(args: argparse.Namespace) -> int:
    truth = Path(args.truth)
    if not truth.is_dir():
        raise UsageError(f"truth folder {truth} does not exist",
                         hint="pass DIR/truth of a folder written by crosscheck generate")
    if not (truth / "record_person.parquet").is_file() and (truth / "truth").is_dir():
        truth = truth / "truth"
    run_dir = Path(args.run)
    if not run_dir.is_dir():  # a run id: look its folder up in the store
        from pipelines.runref import resolve_run_dir

        run_dir = resolve_run_dir(args.run, db_url(args))
    result = evaluate_run(truth, run_dir)
    print(format_table(result))
    if args.json:
        print(json.dumps(result, ensure_ascii=False, default=str))
    return 0
