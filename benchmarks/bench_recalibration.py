"""Recalibrating the lead scorer from investigators' decisions: the shipped and the recalibrated
scorer side by side on a province neither was fitted to.

    python benchmarks/bench_recalibration.py --generator alt --scale 0.2 --decided-seed 31 \
        --target-seed 32 --top 50 100 [--work DIR]

The *decided* province stands for the leads investigators have already reviewed: its top-k leads
(scored by the shipped scorer, our linker's links) are decided from its truth with the label the
scorer is fitted to (a lead holding a hidden death or naming an under-reported accident is real),
and the shipped scorer is recalibrated to them (:func:`pipelines.detection.train.recalibrate_scorer`,
Platt scaling of its log-odds). Both scorers then score the *target* province (another seed):
Brier score over every written lead and over the top k, mean score against the share real in the
top k, average precision and hidden-death recall@2n (a recalibration keeps the order, so these
two should not move). ``--generator`` picks ``crosscheck generate`` (``own``, with ``--variant``)
or the independent generator (``alt``, ``benchmarks/altgen``); folders already in ``--work`` are
reused.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipelines.detection import detect
from pipelines.detection.scorer import Scorer, default_scorer
from pipelines.detection.train import (
    features_from_signals,
    linker_links,
    load_accepted,
    recalibrate_scorer,
    truth_labels,
)
from synthetic_data.evaluate import lead_scores, load_truth


def ensure_data(work: Path, generator: str, variant: str, scale: float, seed: int) -> Path:
    d = work / (f"alt_{scale}_{seed}" if generator == "alt" else f"{variant}_{scale}_{seed}")
    if (d / "truth" / "record_person.parquet").is_file():
        return d
    t = time.perf_counter()
    if generator == "alt":
        from benchmarks.altgen.generate import generate as alt_generate

        alt_generate(d, scale, seed)
    else:
        from synthetic_data.config import GeneratorConfig
        from synthetic_data.generator import generate, write_dataset

        write_dataset(generate(GeneratorConfig.for_variant(variant, scale, seed=seed)), d)
    print(f"generated {d.name} in {time.perf_counter() - t:.1f} s", flush=True)
    return d


def top_k_report(det: Any, truth_dir: Path, k: int) -> dict[str, float]:
    """Brier score, mean score and share real over the top ``k`` leads of a detection result."""
    top = det.leads.filter(pl.col("rank") <= k).select("lead_id", "score")
    lab = truth_labels(det.lead_evidence.join(top, on="lead_id", how="semi"), truth_dir, deaths_only=True)
    x = top.join(lab, on="lead_id")
    return {"brier": float(((x["score"] - x["label"]) ** 2).mean()), "mean_score": float(x["score"].mean()),
            "share_real": float(x["label"].mean())}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--generator", choices=["own", "alt"], default="alt")
    ap.add_argument("--variant", default="default", help="with --generator own")
    ap.add_argument("--scale", type=float, default=0.2)
    ap.add_argument("--decided-seed", type=int, default=31)
    ap.add_argument("--target-seed", type=int, default=32)
    ap.add_argument("--top", type=int, nargs="+", default=[50, 100], help="how many top leads were decided")
    ap.add_argument("--work", default="/tmp/crosscheck_bench_recalibration")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    work = Path(a.work)
    work.mkdir(parents=True, exist_ok=True)
    shipped = default_scorer()
    folders = {}
    for role, seed in (("decided", a.decided_seed), ("target", a.target_seed)):
        d = ensure_data(work, a.generator, a.variant, a.scale, seed)
        acc = load_accepted(d)
        t = time.perf_counter()
        folders[role] = (d, acc, linker_links(acc))
        print(f"{role}: {d.name}, linked in {time.perf_counter() - t:.1f} s", flush=True)
    d1, acc1, links1 = folders["decided"]
    d2, acc2, links2 = folders["target"]
    det1 = detect(acc1, links1, scorer=shipped)
    X1 = features_from_signals(det1.lead_signals)
    base = detect(acc2, links2, scorer=shipped)
    rows = []
    for k in a.top:
        top = det1.leads.filter(pl.col("rank") <= k).select("lead_id")
        decisions = truth_labels(det1.lead_evidence.join(top, on="lead_id", how="semi"), d1 / "truth",
                                 deaths_only=True)
        sc: Scorer = recalibrate_scorer(shipped, X1, decisions)
        rec = sc.provenance["recalibrated"]
        row: dict[str, Any] = {"decided": d1.name, "target": d2.name, "top_k": k, "decisions": rec["decisions"],
                               "confirmed": rec["confirmed"], "slope": round(rec["slope"], 3),
                               "shift": round(rec["intercept"], 3)}
        for name, det in (("shipped", base), ("recalibrated", detect(acc2, links2, scorer=sc))):
            r = lead_scores(load_truth(d2 / "truth"), det.leads, det.lead_evidence)
            tk = top_k_report(det, d2 / "truth", k)
            row[name] = {"brier_written": round(r["calibration"]["brier"], 5), "brier_top_k": round(tk["brier"], 4),
                         "mean_score_top_k": round(tk["mean_score"], 3), "share_real_top_k": round(tk["share_real"], 3),
                         "average_precision": round(r["average_precision"], 3),
                         "hidden_recall@2n": round(r["hidden_recall@2n"], 3)}
        rows.append(row)
        s, c = row["shipped"], row["recalibrated"]
        print(f"top {k} of {d1.name} decided ({row['confirmed']} real): log-odds x {row['slope']} "
              f"{row['shift']:+} -> {d2.name}: Brier (written) {s['brier_written']} -> {c['brier_written']} "
              f"({c['brier_written'] / s['brier_written']:.2f}x), Brier (top {k}) {s['brier_top_k']} -> "
              f"{c['brier_top_k']}, top-{k} mean score {s['mean_score_top_k']} -> {c['mean_score_top_k']} "
              f"(share real {s['share_real_top_k']}), AP {s['average_precision']} -> {c['average_precision']}, "
              f"recall@2n {s['hidden_recall@2n']} -> {c['hidden_recall@2n']}", flush=True)
    if a.json:
        print(json.dumps(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
