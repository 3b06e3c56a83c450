"""Blind synthetic data, Inner Mongolia: ``generate(out, scale, seed) -> stats``.

    python -m benchmarks.altgen9.generate --out DIR --scale 0.2 --seed 1

Writes the eight contract sources (CSV in UTF-8, UTF-8 with BOM and GB18030, and Parquet) and
``truth/``. Scale 1.0 is about 1.2 million source rows; scale 0.2 a fifth of that."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from .emit import Emitter
from .scenario import World


def generate(out, scale: float = 0.2, seed: int = 1) -> dict:
    t0 = time.perf_counter()
    w = World(scale, seed)
    w.build()
    stats = Emitter(w, seed).run(Path(out))
    stats["seconds"] = round(time.perf_counter() - t0, 2)
    return stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--scale", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    if a.out.exists() and any(a.out.iterdir()):
        print(f"error: {a.out} is not empty; choose an empty or absent folder")
        return 2
    stats = generate(a.out, a.scale, a.seed)
    stats.pop("id_kinds")
    print(json.dumps(stats, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
