"""How crosscheck generalises: the same metrics on altgen data and on our own generator.

Generates altgen data (two seeds) and our own data (``crosscheck generate --seed 5``) at the same
scale, runs the real CLI on each (``crosscheck run … --no-report``, then ``crosscheck evaluate
--json``), and prints one table: pairwise linkage P/R/F1, hidden-death recall@n/2n/5n,
precision@n, concealed- and under-reported-incident recall, false leads in the top n and the
largest number of true persons in one lead — with the wall time of each run.

    python -m benchmarks.altgen.run_check --scale 0.1 --seeds 1 2 --work /tmp/altcheck
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.altgen.generate import generate

ROWS = [
    ("linkage", "pair_precision", "pairwise linkage precision"),
    ("linkage", "pair_recall", "pairwise linkage recall"),
    ("linkage", "pair_f1", "pairwise linkage F1"),
    ("leads", "leads", "leads"),
    ("leads", "n_hidden", "findable hidden deaths (n)"),
    ("leads", "hidden_recall@n", "hidden-death recall@n"),
    ("leads", "hidden_recall@2n", "hidden-death recall@2n"),
    ("leads", "hidden_recall@5n", "hidden-death recall@5n"),
    ("leads", "hidden_recall_all", "hidden-death recall (all leads)"),
    ("leads", "precision@n", "precision@n"),
    ("leads", "average_precision", "average precision"),
    ("leads", "n_concealed_findable", "concealed incidents (findable)"),
    ("leads", "concealed_recall", "concealed-incident recall"),
    ("leads", "n_under_reported", "under-reported accidents"),
    ("leads", "under_reported_recall", "under-reported recall"),
    ("leads", "under_reported_recall@5n", "under-reported recall@5n"),
    ("leads", "false_leads@n", "false leads in top n"),
    ("leads", "max_true_persons_per_lead", "max true persons per lead"),
]


CODE: str | None = None   # --code: run crosscheck from this source tree (PYTHONPATH) instead


def _env() -> dict[str, str] | None:
    if CODE is None:
        return None
    return {**os.environ, "PYTHONPATH": CODE}


def _crosscheck() -> list[str]:
    if CODE is not None:
        return [sys.executable, "-m", "pipelines.cli"]
    exe = Path(sys.executable).parent / "crosscheck"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("crosscheck")
    if found:
        return [found]
    return [sys.executable, "-m", "pipelines.cli"]


def _last_json(text: str) -> dict[str, Any]:
    for line in reversed(text.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise RuntimeError("no JSON line in the output")


def run_and_evaluate(data: Path, work: Path, label: str) -> dict[str, Any]:
    """``crosscheck run`` then ``crosscheck evaluate`` on one data folder."""
    cc = _crosscheck()
    run_dir = work / f"{label}_run"
    if run_dir.exists():
        shutil.rmtree(run_dir)
    db = work / f"{label}_store.db"
    db.unlink(missing_ok=True)
    t0 = time.perf_counter()
    p = subprocess.run([*cc, "run", "--input", str(data), "--out", str(run_dir),
                        "--db", f"sqlite:///{db}", "--no-report", "--json"],
                       capture_output=True, text=True, env=_env())
    seconds = time.perf_counter() - t0
    if p.returncode != 0:
        tail = (p.stderr or p.stdout).strip().splitlines()[-3:]
        return {"label": label, "error": f"run exit {p.returncode}: {' | '.join(tail)}",
                "run_seconds": seconds}
    e = subprocess.run([*cc, "evaluate", "--truth", str(data / "truth"), "--run", str(run_dir),
                        "--json"], capture_output=True, text=True, env=_env())
    if e.returncode != 0:
        return {"label": label, "error": f"evaluate exit {e.returncode}: {e.stderr.strip()[-300:]}",
                "run_seconds": seconds}
    out = _last_json(e.stdout)
    out["label"] = label
    out["run_seconds"] = round(seconds, 1)
    out["run_dir"] = str(run_dir)
    return out


def _fmt(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v)


def table(results: list[dict[str, Any]]) -> str:
    width = 34
    head = f"{'metric':<{width}}" + "".join(f"{r['label']:>14}" for r in results)
    lines = [head, "-" * len(head)]
    for part, key, label in ROWS:
        cells = []
        for r in results:
            if "error" in r:
                cells.append("error")
                continue
            sec = r.get(part) or {}
            cells.append(_fmt(sec.get(key)))
        lines.append(f"{label:<{width}}" + "".join(f"{c:>14}" for c in cells))
    lines.append(f"{'run seconds':<{width}}" + "".join(f"{_fmt(r.get('run_seconds')):>14}"
                                                        for r in results))
    for r in results:
        if "error" in r:
            lines.append(f"{r['label']}: {r['error']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=0.1)
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--own-seed", type=int, default=5)
    ap.add_argument("--work", default="/tmp/altcheck", help="scratch folder (data, runs, stores)")
    ap.add_argument("--skip-own", action="store_true", help="only the altgen runs")
    ap.add_argument("--reuse", action="store_true", help="reuse generated data already in --work")
    ap.add_argument("--code", metavar="DIR",
                    help="run crosscheck from this source tree (e.g. a `git archive HEAD` export) "
                    "instead of the installed one")
    a = ap.parse_args(argv)
    global CODE
    CODE = a.code
    work = Path(a.work)
    work.mkdir(parents=True, exist_ok=True)
    results = []
    for seed in a.seeds:
        data = work / f"alt_s{seed}"
        if not (a.reuse and (data / "truth").is_dir()):
            if data.exists():
                shutil.rmtree(data)
            info = generate(data, a.scale, seed)
            print(f"altgen seed {seed}: {info['seconds']} s, incidents {info['incidents']}",
                  file=sys.stderr)
        results.append(run_and_evaluate(data, work, f"altgen s{seed}"))
        print(f"  ran altgen s{seed}: {results[-1].get('run_seconds')} s", file=sys.stderr)
    if not a.skip_own:
        data = work / f"own_s{a.own_seed}"
        if not (a.reuse and (data / "truth").is_dir()):
            if data.exists():
                shutil.rmtree(data)
            subprocess.run([*_crosscheck(), "generate", "--out", str(data), "--scale",
                            str(a.scale), "--seed", str(a.own_seed)], check=True,
                           capture_output=True, env=_env())
        results.append(run_and_evaluate(data, work, f"own s{a.own_seed}"))
    for r in results:
        r["label"] = r["label"].replace(" ", "_") if len(r["label"]) > 13 else r["label"]
    print(f"scale {a.scale}")
    print(table(results))
    (work / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1,
                                                  default=str))
    return 0 if all("error" not in r for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
