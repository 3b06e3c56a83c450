"""``crosscheck diff RUN_A RUN_B`` — what changed between two runs (by run id or run folder)."""

from __future__ import annotations

import argparse
import json
import sys

from pipelines.cli import add_db_option, add_json_option, db_url
from pipelines.errors import EXIT_OK, UsageError

NAME = "diff"
HELP = "summarise what changed between two runs: new, persisting, changed and gone leads"
SHOW = 20


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("run_a", metavar="RUN_A", help="the earlier run: run id or output folder")
    parser.add_argument("run_b", metavar="RUN_B", help="the later run: run id or output folder")
    add_db_option(parser)
    add_json_option(parser)


def run(args: argparse.Namespace) -> int:
    from pipelines.store import open_store

    store = open_store(db_url(args))
    try:
        refs = []
        for ref in (args.run_a, args.run_b):
            info = store.get_run(ref)
            if info is None:
                raise UsageError(f"no run {ref!r} in the store {store.url}",
                                 hint="see `crosscheck runs` for run ids, or pass a run folder")
            refs.append(info.run_id)
        d = store.diff_runs(refs[0], refs[1])
    finally:
        store.close()
    out = sys.stdout
    out.write(f"{d['run_a']} ({d['leads_a']} leads) → {d['run_b']} ({d['leads_b']} leads)\n")
    for k in ("new", "persisting", "changed", "gone"):
        by = ", ".join(f"{t} {n}" for t, n in d[f"{k}_by_type"].items())
        out.write(f"  {k:<10} {d[k]:>6}" + (f"  ({by})" if by else "") + "\n")
        if k != "persisting" and d[k]:
            ids = d[f"{k}_ids"]
            more = f" … and {len(ids) - SHOW} more" if len(ids) > SHOW else ""
            out.write("             " + " ".join(ids[:SHOW]) + more + "\n")
    if args.json:
        out.write(json.dumps(d, ensure_ascii=False) + "\n")
    return EXIT_OK
