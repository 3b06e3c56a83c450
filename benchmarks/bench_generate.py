"""Benchmark of the synthetic generator: wall time, peak memory and row counts per scale.

Each scale runs in its own subprocess (``crosscheck generate``) so that its peak resident
memory (``resource.getrusage(RUSAGE_CHILDREN)``, i.e. the child's max RSS) is measured
alone. Usage::

    python benchmarks/bench_generate.py [--scales 0.02 0.2 1.0] [--seed 1] [--variant default]
                                        [--work /tmp/crosscheck_bench_generate] [--json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

_CHILD = r"""
import json, resource, sys, time
from synthetic_data.config import GeneratorConfig
from synthetic_data.generator import generate, write_dataset
scale, seed, variant, out = float(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
t = time.perf_counter()
ds = generate(GeneratorConfig.for_variant(variant, scale=scale, seed=seed))
t_gen = time.perf_counter() - t
write_dataset(ds, out)
t_all = time.perf_counter() - t
inc = dict(ds.truth["incidents"].group_by("kind").len().iter_rows())
hidden = ds.truth["incident_person"].join(ds.truth["incidents"].select("incident_id", "kind"),
                                          on="incident_id")
import polars as pl
n_hidden = hidden.filter(pl.col("kind").is_in(["concealed", "under_reported"])
                         & (pl.col("outcome") == "death")
                         & (pl.col("reported_outcome").fill_null("") != "death")).height
print(json.dumps({"generate_s": round(t_gen, 1), "total_s": round(t_all, 1), "rows": ds.stats,
                  "incidents": inc, "hidden_deaths": n_hidden,
                  "truth_records": ds.truth["record_person"].height,
                  "cpu_s": round(resource.getrusage(resource.RUSAGE_SELF).ru_utime
                                 + resource.getrusage(resource.RUSAGE_SELF).ru_stime, 1),
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))
"""


def run_scale(scale: float, seed: int, variant: str, work: Path) -> dict:
    out = work / f"{variant}_{scale}_{seed}"
    if out.exists():
        shutil.rmtree(out)
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _CHILD, str(scale), str(seed), variant, str(out)],
                          capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"scale {scale} failed:\n{proc.stderr}")
    res = json.loads(proc.stdout.strip().splitlines()[-1])
    res.update({"scale": scale, "seed": seed, "variant": variant, "wall_s": round(wall, 1),
                "disk_mb": round(sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 2**20)})
    shutil.rmtree(out)
    return res


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scales", type=float, nargs="+", default=[0.02, 0.2, 1.0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--variant", default="default")
    ap.add_argument("--work", default="/tmp/crosscheck_bench_generate")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    work = Path(a.work)
    work.mkdir(parents=True, exist_ok=True)
    results = []
    for s in a.scales:
        r = run_scale(s, a.seed, a.variant, work)
        results.append(r)
        print(f"scale {s}: {r['total_s']} s in-process ({r['wall_s']} s wall incl. start-up, "
              f"{r['cpu_s']} s CPU), "
              f"peak RSS {r['peak_rss_mb']} MB, {r['disk_mb']} MB on disk, "
              f"hidden deaths {r['hidden_deaths']}, incidents {r['incidents']}", flush=True)
        for name, rows in r["rows"].items():
            print(f"    {name:<18}{rows:>12,}", flush=True)
    if a.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
