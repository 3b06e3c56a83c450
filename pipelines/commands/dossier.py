"""``crosscheck dossier --run RUN LEAD_ID [--unmasked] [--lang zh|en] [--db URL]`` — a lead's dossier.

Writes ``<run>/dossiers/<LEAD_ID>.html`` and ``.pdf`` (:func:`reports.build_dossier`): the
persons, every evidence record side by side, the match-weight waterfall of each link, a
timeline and the reasons. ID numbers are masked and diagnoses shown as chapters unless
``--unmasked``, which is recorded in the run store's audit log first (and written to
``<LEAD_ID>.unmasked.html/.pdf``).
"""

from __future__ import annotations

import argparse
import json

from pipelines.cli import add_db_option, add_json_option, db_url
from pipelines.errors import EXIT_OK

NAME = "dossier"
HELP = "write the dossier (HTML and PDF) of one lead for investigators"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--run", required=True, metavar="RUN", help="run id or run output folder")
    parser.add_argument("lead_id", metavar="LEAD_ID", help="the lead (lead_id in leads.csv)")
    parser.add_argument("--unmasked", action="store_true",
                        help="show full ID numbers and diagnoses (recorded in the audit log)")
    parser.add_argument("--actor", default=None, metavar="USER",
                        help="who asks, for the audit log (default: the OS user)")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh",
                        help="language of the dossier (default zh)")
    add_db_option(parser)
    add_json_option(parser)


def run(args: argparse.Namespace) -> int:
    from pipelines.runref import resolve_run_dir
    from reports import build_dossier

    url = db_url(args)
    run_dir = resolve_run_dir(args.run, url)
    paths = build_dossier(run_dir, args.lead_id, store_url=url, lang=args.lang,
                          unmasked=args.unmasked, actor=args.actor)
    for kind, p in paths.items():
        print(f"{kind}: {p}")
    if args.json:
        print(json.dumps({"lead_id": args.lead_id, "unmasked": bool(args.unmasked),
                          **{k: str(v) for k, v in paths.items()}}, ensure_ascii=False))
    return EXIT_OK
