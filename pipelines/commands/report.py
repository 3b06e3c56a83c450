"""``crosscheck report --run RUN [--lang zh|en] [--db URL]`` — (re)build a run's audit report.

Writes ``report.html`` (self-contained), ``report.pdf`` and ``leads.xlsx`` into the run
folder (:func:`reports.build_run_reports`). RUN is a run id (as ``crosscheck runs`` lists
them) or the run's output folder. ID numbers are masked and diagnoses shown as chapters.
"""

from __future__ import annotations

import argparse
import json
import sys

from pipelines.cli import add_db_option, add_json_option, db_url
from pipelines.errors import EXIT_OK

NAME = "report"
HELP = "build a run's audit report (report.html, report.pdf) and lead workbook (leads.xlsx)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--run", required=True, metavar="RUN", help="run id or run output folder")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh",
                        help="language of the report (default zh)")
    add_db_option(parser)
    add_json_option(parser)


def run(args: argparse.Namespace) -> int:
    from pipelines.runref import resolve_run_dir
    from reports import build_run_reports

    url = db_url(args)
    run_dir = resolve_run_dir(args.run, url)
    paths = build_run_reports(run_dir, url, lang=args.lang)
    for kind, p in paths.items():
        print(f"{kind}: {p}")
    if args.json:
        print(json.dumps({"run_dir": str(run_dir), **{k: str(v) for k, v in paths.items()}},
                         ensure_ascii=False))
    sys.stdout.flush()
    return EXIT_OK
