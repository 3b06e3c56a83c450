"""``crosscheck demo --out DIR`` — the whole thing on generated data, in one command.

Generates a small synthetic province (``crosscheck generate``, scale 0.02) into
``DIR/input``, runs the pipeline into ``DIR/run`` with the store ``sqlite:///DIR/crosscheck.db``
and prints where the leads, the report and the store are. Re-runnable: an existing demo
folder is reused (the same generated input is kept when scale and seed are unchanged; the
run folder is replaced once the new run is complete, and the store keeps every run, so a
second demo shows what changed between runs). A non-empty folder that is not a demo folder
is refused.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from pipelines.errors import EXIT_OK, UsageError

NAME = "demo"
HELP = "generate demo data and run the whole pipeline on it (prints where the results are)"
MARKER = ".crosscheck-demo.json"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", required=True, metavar="DIR", help="the demo folder")
    parser.add_argument("--scale", type=float, default=0.02, metavar="S",
                        help="size of the generated province (default 0.02)")
    parser.add_argument("--seed", type=int, default=0, metavar="N", help="random seed (default 0)")
    parser.add_argument("--json", action="store_true", help="print one JSON object as the last line")


def _generate(target: Path, scale: float, seed: int) -> None:
    from pipelines.cli import main

    tmp = target.parent / f".{target.name}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    rc = main(["generate", "--out", str(tmp), "--scale", str(scale), "--seed", str(seed)])
    if rc != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        raise RuntimeError(f"generating the demo data failed (exit {rc})")
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)


def run(args: argparse.Namespace) -> int:
    from pipelines.run import run_pipeline

    root = Path(args.out).absolute()
    marker = root / MARKER
    if root.exists() and (not root.is_dir() or (any(root.iterdir()) and not marker.is_file())):
        raise UsageError(f"{root} exists and is not a crosscheck demo folder",
                         hint="name a new folder for --out (it is created)")
    root.mkdir(parents=True, exist_ok=True)
    wanted = {"scale": args.scale, "seed": args.seed}
    have = json.loads(marker.read_text(encoding="utf-8")) if marker.is_file() else {}
    input_dir, run_dir = root / "input", root / "run"
    generated = any((input_dir / f"accidents.{ext}").exists() for ext in ("csv", "parquet"))
    if have.get("data") == wanted and generated:
        sys.stderr.write(f"crosscheck: reusing the generated data in {input_dir}\n")
    else:
        sys.stderr.write(f"crosscheck: generating demo data (scale {args.scale}) into {input_dir}\n")
        marker.write_text(json.dumps({"data": None}), encoding="utf-8")
        _generate(input_dir, args.scale, args.seed)
        marker.write_text(json.dumps({"data": wanted}), encoding="utf-8")
    store_url = f"sqlite:///{root / 'crosscheck.db'}"
    summary = run_pipeline(input_dir, run_dir, db_url=store_url, seed=args.seed, force=True,
                           progress=not getattr(args, "quiet", False))
    out = sys.stdout
    total = sum(summary.leads.values())
    out.write(f"crosscheck demo: run {summary.run_id} found {total} leads ("
              + ", ".join(f"{k} {v}" for k, v in summary.leads.items() if v) + ")\n")
    out.write(f"  leads:  {run_dir / 'leads.csv'}\n")
    xlsx = run_dir / "leads.xlsx"
    if xlsx.exists():
        out.write(f"  workbook: {xlsx}\n")
    out.write(f"  report: {summary.report if summary.report else '(no report: reports not available)'}\n")
    out.write(f"  store:  {store_url}\n")
    out.write(f"  truth:  {input_dir / 'truth'} (score it: crosscheck evaluate --truth "
              f"{input_dir / 'truth'} --run {run_dir})\n")
    if args.json:
        out.write(json.dumps({**summary.to_dict(), "input": str(input_dir)}, ensure_ascii=False)
                  + "\n")
    return EXIT_OK
