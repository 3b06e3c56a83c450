"""``crosscheck validate`` — run the data-quality gate alone on an input folder.

Reads every source (:func:`pipelines.io.read_input_dir`), runs
:func:`pipelines.quality.run_gate`, prints a per-source table (read / accepted /
quarantined / warnings) and the warnings, and writes ``quality/`` into ``--out``
when given. Exit codes (data contract): 0 nothing quarantined (warnings
printed), 3 rows quarantined, 4 fatal (one line naming file, column and what to
do). With an explicit ``--db``, the row counts of the previous complete run in
the store feed the volume-drift check.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from pipelines.cli import add_db_option, add_json_option
from pipelines.errors import EXIT_FATAL_DATA, EXIT_OK, EXIT_QUARANTINED, UsageError

NAME = "validate"
HELP = "run the data-quality gate on an input folder (exit 0 clean, 3 quarantined, 4 fatal)"
DESCRIPTION = (
    "Validate every source file in --input against the data contract: quarantine rows that "
    "cannot be used, flag suspicious values, warn on table-level findings. Writes quality/ "
    "(per-source JSON, quarantined rows, summary.html) into --out when given."
)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from exc


def _share(text: str) -> float:
    try:
        v = float(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from exc
    if not 0 <= v <= 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a share between 0 and 1")
    return v


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--input", required=True, metavar="DIR", help="folder of source files")
    parser.add_argument("--column-map", metavar="FILE", help="JSON map of headers to canonical columns")
    parser.add_argument("--as-of", type=_date, default=None, metavar="DATE",
                        help="extraction date YYYY-MM-DD (event dates after it are quarantined); "
                        "without it, rows dated after today are kept and flagged")
    parser.add_argument("--period", type=_date, nargs=2, metavar=("FROM", "TO"), default=None,
                        help="the run's period; event dates outside it are flagged (kept)")
    parser.add_argument("--out", metavar="DIR", help="write quality/ into this folder")
    parser.add_argument("--quarantine-limit", type=_share, default=0.05, metavar="SHARE",
                        help="a source with more quarantined rows than this share is fatal "
                        "(default 0.05)")
    parser.add_argument("--drift-limit", type=_share, default=0.5, metavar="SHARE",
                        help="warn when a source's row count differs from the previous run's by "
                        "more than this share (default 0.5; needs --db)")
    add_db_option(parser)
    add_json_option(parser)


def _previous_counts(url: str | None) -> dict[str, int]:
    """Rows read per source in the latest complete run of the store (only with an explicit --db)."""
    if not url:
        return {}
    from pipelines.contract import SOURCES
    from pipelines.store import open_store

    store = open_store(url)
    try:
        out: dict[str, int] = {}
        for name in SOURCES:
            prev = store.previous_counts(name)
            if prev is not None and prev.get("read") is not None:
                out[name] = int(prev["read"])
        return out
    finally:
        store.close()


def _flag_counts(frame: Any) -> tuple[int, list[tuple[str, int]]]:
    """Accepted rows with at least one flag, and the most frequent flags (kept, but worth a look)."""
    import polars as pl

    if frame is None or "dq_flags" not in frame.columns or frame.height == 0:
        return 0, []
    flagged = int((frame["dq_flags"].list.len() > 0).sum())
    top = frame.select(pl.col("dq_flags").explode().drop_nulls().value_counts(sort=True)).unnest("dq_flags")
    return flagged, [(str(r[0]), int(r[1])) for r in top.head(3).iter_rows()]


def _table(gate: Any) -> str:
    head = f"{'source':<18} {'read':>10} {'accepted':>10} {'flagged':>9} {'quarantined':>12} {'warnings':>9}"
    lines = [head, "-" * len(head)]
    notes = []
    for name, c in gate.counts.items():
        if gate.files.get(name, {}).get("file") is None and c["read"] == 0:
            lines.append(f"{name:<18} {'(not supplied)':>10}")
            continue
        nw = sum(1 for w in gate.warnings if w.source == name)
        flagged, top = _flag_counts(gate.accepted.get(name))
        lines.append(f"{name:<18} {c['read']:>10} {c['accepted']:>10} {flagged:>9} {c['quarantined']:>12} {nw:>9}")
        if top:
            notes.append(f"  {name}: " + ", ".join(f"{f} {n}" for f, n in top))
    if notes:
        lines += ["", "most frequent flags (rows kept):", *notes]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from pipelines.io import load_column_map, read_input_dir
    from pipelines.quality import run_gate

    column_map = load_column_map(args.column_map)
    sources = read_input_dir(Path(args.input), column_map)
    if not any(s.present for s in sources.values()):
        raise UsageError(f"{args.input} holds no source file",
                         hint="name files <source>.csv or <source>.parquet, e.g. accidents.csv")
    period = tuple(args.period) if args.period else None
    if period and period[0] > period[1]:
        raise UsageError("--period FROM is after TO", hint="give the earlier date first")
    gate = run_gate(
        sources, as_of=args.as_of, period=period,  # type: ignore[arg-type]
        previous_counts=_previous_counts(args.db), quarantine_limit=args.quarantine_limit,
        drift_limit=args.drift_limit,
    )
    out_dir = None
    if args.out:
        out_dir = gate.write(Path(args.out))
    print(_table(gate))
    for w in gate.warnings:
        print(f"warning: {w.source}: {w.message}")
    if out_dir is not None:
        print(f"quality report: {out_dir / 'summary.html'}")
    if gate.fatal:
        code = EXIT_FATAL_DATA
    elif gate.any_quarantined:
        code = EXIT_QUARANTINED
    else:
        code = EXIT_OK
    if code == EXIT_FATAL_DATA:
        for f in gate.fatal[1:]:
            print(f"fatal: {f.one_line()}")
        sys.stderr.write(f"crosscheck: error: {gate.fatal[0].one_line()}\n")
    elif code == EXIT_QUARANTINED:
        held = ", ".join(f"{n} {c['quarantined']}" for n, c in gate.counts.items() if c["quarantined"])
        where = f"{out_dir / 'quarantine'}" if out_dir else "quality/quarantine/ (pass --out)"
        sys.stderr.write(f"crosscheck: rows quarantined ({held}) — see their reasons in {where} "
                         "and correct the export\n")
    if args.json:
        print(json.dumps({
            "exit_code": code,
            "counts": gate.counts,
            "warnings": [w.as_dict() for w in gate.warnings],
            "fatal": [f.as_dict() for f in gate.fatal],
            "quality_dir": str(out_dir) if out_dir else None,
        }, ensure_ascii=False))
    return code
