"""``crosscheck runs`` — list the runs in the store, newest first."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from pipelines.cli import add_db_option, add_json_option, db_url
from pipelines.errors import EXIT_OK

NAME = "runs"
HELP = "list the runs recorded in the store, newest first"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_option(parser)
    add_json_option(parser)


def run(args: argparse.Namespace) -> int:
    from pipelines.store import open_store

    store = open_store(db_url(args))
    try:
        runs = store.list_runs()
    finally:
        store.close()
    rows: list[dict[str, Any]] = []
    for r in runs:
        leads = sum(int(v) for v in (r.manifest.get("leads") or {}).values())
        rows.append({"run_id": r.run_id, "status": r.status,
                     "started_at": r.started_at.isoformat(timespec="seconds"),
                     "finished_at": r.finished_at.isoformat(timespec="seconds")
                     if r.finished_at else None,
                     "leads": leads, "changes": r.changes or {}, "period": r.period,
                     "previous_run_id": r.previous_run_id, "out_dir": r.out_dir})
    out = sys.stdout
    if not rows:
        out.write("no runs in the store yet — start one with `crosscheck run --input DIR --out DIR`\n")
    else:
        out.write(f"{'run_id':<24} {'status':<9} {'started (UTC)':<20} {'leads':>6} "
                  f"{'new':>5} {'chg':>5} {'gone':>5}  out\n")
        for row in rows:
            c = row["changes"]
            out.write(f"{row['run_id']:<24} {row['status']:<9} {row['started_at']:<20} {row['leads']:>6} "
                      f"{c.get('new', ''):>5} {c.get('changed', ''):>5} {c.get('gone', ''):>5}  "
                      f"{row['out_dir']}\n")
    if args.json:
        out.write(json.dumps({"runs": rows}, ensure_ascii=False) + "\n")
    return EXIT_OK
