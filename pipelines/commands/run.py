"""``crosscheck run`` — the whole pipeline on an input folder, into a run folder and the store.

Prints staged progress on stderr, then a summary (leads by type, what changed since the
previous run, where the files are) on stdout; ``--json`` adds it as one JSON object.
Exit codes: 0 done (quarantined rows are reported, see quality/), 2 wrong usage,
4 a fatal data problem (nothing produced), 1 internal error (nothing committed).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from pipelines.cli import add_db_option, add_json_option, db_url
from pipelines.errors import EXIT_OK

NAME = "run"
HELP = "run the whole pipeline on an input folder into a run folder and the run store"
DESCRIPTION = (
    "Validate, link, detect and report on the source files in --input; write every output of "
    "the data contract into --out (absent or empty; --force replaces a previous run folder once "
    "the new one is complete) and record the run in the store (--db)."
)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from exc


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--input", required=True, metavar="DIR", help="folder of source files")
    parser.add_argument("--out", required=True, metavar="DIR", help="the run folder to write")
    parser.add_argument("--config", metavar="FILE",
                        help="run configuration (JSON or TOML: quality, linkage, detection, "
                        "column_map, scorer)")
    parser.add_argument("--column-map", metavar="FILE", help="JSON map of headers to canonical columns")
    add_db_option(parser)
    parser.add_argument("--period", metavar="YYYY-MM..YYYY-MM",
                        help="the months this delivery covers (events outside are flagged)")
    parser.add_argument("--as-of", type=_date, metavar="DATE",
                        help="extraction date YYYY-MM-DD (later event dates are quarantined); "
                        "without it, rows dated after today are kept and flagged")
    parser.add_argument("--force", action="store_true",
                        help="replace an existing run folder (only after the new one is complete)")
    parser.add_argument("--seed", type=int, default=0, metavar="N", help="random seed (default 0)")
    parser.add_argument("--scorer", metavar="FILE",
                        help="scorer.json to score leads with (default: the shipped one; e.g. one "
                        "refitted from investigators' decisions with crosscheck train-scorer)")
    parser.add_argument("--no-report", action="store_true",
                        help="skip report.html / report.pdf / leads.xlsx (quick re-runs)")
    add_json_option(parser)


def run(args: argparse.Namespace) -> int:
    from pipelines.run import run_pipeline

    summary = run_pipeline(
        args.input, args.out, config=args.config, column_map=args.column_map, db_url=db_url(args),
        period=args.period, as_of=args.as_of, force=args.force, seed=args.seed,
        progress=not getattr(args, "quiet", False), report=not args.no_report, scorer=args.scorer,
    )
    total = sum(summary.leads.values())
    out = sys.stdout
    out.write(f"run {summary.run_id}: {total} leads ("
              + ", ".join(f"{k} {v}" for k, v in summary.leads.items() if v) + ")\n")
    c = summary.changes
    since = f"since run {summary.previous_run_id}" if summary.previous_run_id else "first run"
    out.write(f"  {since}: new {c.get('new', 0)}, persisting {c.get('persisting', 0)}, "
              f"changed {c.get('changed', 0)}, reopened {c.get('reopened', 0)}, "
              f"gone {c.get('gone', 0)}, kept closed (false leads) {c.get('suppressed', 0)}\n")
    if summary.quarantined:
        out.write(f"  {summary.quarantined} rows quarantined — see {summary.out_dir / 'quality'}\n")
    for n in summary.notes:
        out.write(f"  note: {n}\n")
    out.write(f"  leads:  {summary.out_dir / 'leads.csv'}\n")
    if summary.report:
        out.write(f"  report: {summary.report}\n")
    out.write(f"  store:  {summary.store_url}\n")
    if args.json:
        out.write(json.dumps(summary.to_dict(), ensure_ascii=False) + "\n")
    return EXIT_OK
