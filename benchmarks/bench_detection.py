"""Benchmark of the detection stage: accuracy, time and peak memory on generated data.

    python benchmarks/bench_detection.py --scale 0.2 --seeds 901 902 --variants default hard \
        [--links oracle id linker] [--work DIR] [--scorer FILE]

For each (variant, seed, links) it generates a province (unless ``DIR/<variant>_<scale>_<seed>``
exists), runs :func:`pipelines.detection.detect`, writes a run folder (leads, lead_evidence,
links) and scores it with :func:`pipelines.detection.evaluation.evaluate_detection` (and with
``synthetic_data.evaluate.evaluate_run`` when available). Seeds should differ from those the
shipped scorer was trained on (see ``scorer.json`` → provenance).
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipelines.detection import detect
from pipelines.detection.evaluation import evaluate_detection
from pipelines.detection.scorer import Scorer
from pipelines.detection.train import id_only_links, load_accepted, oracle_links
from synthetic_data.evaluate import evaluate_run


class PeakRSS:
    """Samples this process's resident memory in a thread."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        p = psutil.Process()
        while not self._stop.is_set():
            self.peak = max(self.peak, p.memory_info().rss)
            time.sleep(0.05)

    def __enter__(self) -> PeakRSS:
        self._t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._t.join()


def ensure_data(work: Path, variant: str, scale: float, seed: int) -> Path:
    d = work / f"{variant}_{scale}_{seed}"
    if (d / "truth" / "record_person.parquet").is_file():
        return d
    from synthetic_data.config import GeneratorConfig
    from synthetic_data.generator import generate, write_dataset

    t = time.perf_counter()
    write_dataset(generate(GeneratorConfig.for_variant(variant, scale, seed=seed)), d)
    print(f"generated {d.name} in {time.perf_counter() - t:.1f} s", flush=True)
    return d


def get_links(how: str, accepted: dict, d: Path):
    if how == "oracle":
        return oracle_links(d / "truth")
    if how == "id":
        return id_only_links(accepted)
    from pipelines.linking import link_persons
    from pipelines.persons import person_records

    return link_persons(person_records(accepted)).links


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=0.2)
    ap.add_argument("--seeds", type=int, nargs="+", default=[901, 902])
    ap.add_argument("--variants", nargs="+", default=["default", "hard"])
    ap.add_argument("--links", nargs="+", default=["oracle"])
    ap.add_argument("--work", default="/tmp/crosscheck_bench_detection")
    ap.add_argument("--scorer", default=None)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    work = Path(a.work)
    work.mkdir(parents=True, exist_ok=True)
    scorer = Scorer.load(a.scorer) if a.scorer else None
    rows = []
    for variant in a.variants:
        for seed in a.seeds:
            d = ensure_data(work, variant, a.scale, seed)
            accepted = load_accepted(d)
            for how in a.links:
                links = get_links(how, accepted, d)
                with PeakRSS() as mem:
                    t = time.perf_counter()
                    det = detect(accepted, links, scorer=scorer)
                    secs = time.perf_counter() - t
                run = work / f"run_{variant}_{a.scale}_{seed}_{how}"
                run.mkdir(exist_ok=True)
                det.leads.write_parquet(run / "leads.parquet")
                det.lead_evidence.write_parquet(run / "lead_evidence.parquet")
                links.write_parquet(run / "links.parquet")
                ev = evaluate_detection(det.leads, det.lead_evidence, d / "truth")
                row = {"variant": variant, "seed": seed, "links": how, "scale": a.scale,
                       "records": det.summary["records"], "seconds": round(secs, 2),
                       "peak_rss_mb": round(mem.peak / 2**20), **ev}
                row["evaluate_run"] = evaluate_run(d / "truth", run)
                rows.append(row)
                print(json.dumps({k: v for k, v in row.items() if k != "evaluate_run"}, default=str), flush=True)
    if a.json:
        print(json.dumps(rows, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
