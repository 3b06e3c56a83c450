"""Benchmark: ``crosscheck run`` end to end on generated data — time and peak memory per stage.

Generates a province with ``crosscheck generate --scale S`` (kept in ``--data`` and reused
when present), runs ``crosscheck run`` on it in a subprocess (a fresh SQLite store), and
prints the per-stage seconds and peak RSS from the run's ``run.json`` plus the whole
process's wall time and maximum resident set (``getrusage`` of the child). Target at
scale 1.0: within 10 minutes and 8 GB on 2 cores.

    python benchmarks/bench_run.py --scale 1.0 --data /tmp/gen1 --work /tmp/bench-run
    python benchmarks/bench_run.py --scale 0.02            # quick check
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _crosscheck() -> list[str]:
    exe = Path(sys.executable).with_name("crosscheck")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "pipelines.cli"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--data", type=Path, default=None,
                    help="generated input folder (default /tmp/crosscheck-bench-data-<scale>)")
    ap.add_argument("--work", type=Path, default=Path("/tmp/crosscheck-bench-run"),
                    help="where the run folder and store go (replaced)")
    ap.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    args = ap.parse_args(argv)
    data = args.data or Path(f"/tmp/crosscheck-bench-data-{args.scale:g}")

    gen_seconds = None
    if not (data / "accidents.csv").exists() and not (data / "accidents.parquet").exists():
        t = time.perf_counter()
        subprocess.run([*_crosscheck(), "generate", "--out", str(data), "--scale",
                        str(args.scale), "--seed", str(args.seed)], check=True)
        gen_seconds = time.perf_counter() - t

    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    out = args.work / "run"
    env = {**os.environ, "CROSSCHECK_DB": f"sqlite:///{args.work / 'store.db'}"}
    t = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    proc = subprocess.run([*_crosscheck(), "run", "--input", str(data), "--out", str(out),
                           "--seed", str(args.seed)], env=env)
    wall = time.perf_counter() - t
    maxrss_mb = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024
    if proc.returncode != 0:
        print(f"bench_run: crosscheck run failed with exit {proc.returncode}", file=sys.stderr)
        return proc.returncode
    manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
    rows = {s: v["read"] for s, v in manifest["inputs"].items() if v["read"]}
    print(f"scale {args.scale:g}: {sum(rows.values()):,} input rows "
          + ", ".join(f"{s} {n:,}" for s, n in rows.items()))
    if gen_seconds is not None:
        print(f"generate: {gen_seconds:.1f} s")
    print(f"{'stage':<10} {'seconds':>9} {'peak RSS MB':>12}")
    for stage, v in manifest["stages"].items():
        print(f"{stage:<10} {v['seconds']:>9.1f} {v['peak_rss_mb']:>12.0f}")
    print(f"{'total':<10} {wall:>9.1f} {maxrss_mb:>12.0f}   (process wall time, max RSS)")
    print(f"leads: {manifest['leads']}")
    ok = wall <= 600 and maxrss_mb <= 8192
    print(f"target (≤ 600 s, ≤ 8192 MB): {'met' if ok else 'NOT met'}")
    if args.json:
        print(json.dumps({"scale": args.scale, "rows": rows, "generate_seconds": gen_seconds,
                          "stages": manifest["stages"], "wall_seconds": round(wall, 1),
                          "max_rss_mb": round(maxrss_mb), "leads": manifest["leads"],
                          "target_met": ok}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
