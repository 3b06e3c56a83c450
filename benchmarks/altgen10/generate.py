"""Generate the altgen10 world (Xinjiang) into a folder of department exports and ``truth/``.

    python -m benchmarks.altgen10.generate --out DIR --scale S --seed N
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import time
from pathlib import Path
from typing import Any

from .background import build_background
from .enterprises import build_enterprises, build_workforce
from .incidents import build_incidents
from .world import World
from .writers import FORMATS, render_sources, write_sources, write_truth


def _hidden_deaths(w: World) -> int:
    kinds = {i["incident_id"]: i["kind"] for i in w.incidents}
    return sum(1 for r in w.incident_persons
               if kinds[r["incident_id"]] != "reported" and r["outcome"] == "death"
               and r["reported_outcome"] != "death")


def generate(out: Path, scale: float, seed: int) -> dict[str, Any]:
    """Write the eight sources and the four truth tables under ``out``; returns the statistics
    (row counts, the ID and name variant kinds written per record, truth counts)."""
    t0 = time.perf_counter()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    w = World(rng=random.Random(f"altgen10/world/{seed}"), scale=scale)
    build_enterprises(w)
    build_workforce(w)
    build_incidents(w)
    build_background(w)
    frames, rend, rp = render_sources(w, random.Random(f"altgen10/render/{seed}"))
    write_sources(frames, out)
    truth = write_truth(w, rp, out)
    kinds = [i["kind"] for i in w.incidents]
    inj_only = sum(1 for i in w.incidents if i["kind"] == "concealed" and i["true_deaths"] == 0)
    return {
        "rows": {src: df.height for src, df in frames.items()},
        "formats": dict(FORMATS),
        "id_kinds": rend.id_kinds,
        "name_kinds": rend.name_kinds,
        "hidden_deaths": _hidden_deaths(w),
        "incidents": {"reported": kinds.count("reported"), "concealed": kinds.count("concealed"),
                      "concealed_injury_only": inj_only,
                      "under_reported": kinds.count("under_reported")},
        "patterns": dict(sorted(w.patterns.items())),
        "hard_negatives": dict(sorted(w.negatives.items())),
        "truth": truth,
        "persons": len(w.persons),
        "seconds": round(time.perf_counter() - t0, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.altgen10.generate",
                                 description="Synthetic Xinjiang department exports with truth.")
    ap.add_argument("--out", required=True, type=Path, help="output folder")
    ap.add_argument("--scale", type=float, default=0.2, help="1.0 = the full province model")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    if args.scale <= 0:
        ap.error("--scale must be positive")
    stats = generate(args.out, args.scale, args.seed)
    summary = {k: v for k, v in stats.items() if k not in ("id_kinds", "name_kinds")}
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
