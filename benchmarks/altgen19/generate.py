"""Entry point: ``python -m benchmarks.altgen19.generate --out DIR --scale S --seed N``."""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from . import background as bg
from .emit import build, choose_formats, write
from .incidents import make_incidents
from .world import Ctx, People, make_enterprises, make_workers


def generate(out: str | Path, scale: float = 0.2, seed: int = 1) -> dict[str, Any]:
    """Writes the eight sources and ``truth/`` for an Inner Mongolia world of ``scale`` (1.0 is
    the whole region) into ``out``; returns the world's statistics."""
    out = Path(out)
    rng = np.random.default_rng(seed)
    pr = random.Random(int(rng.integers(2**62)))
    people = People()
    ents = make_enterprises(rng, scale)
    workers = make_workers(rng, ents, people, scale)
    ctx = Ctx(rng=rng, pr=pr, scale=scale, people=people, ents=ents, workers=workers)
    ctx.enrolled = dict(zip(workers["person_id"].to_list(), workers["enrolled"].to_list(),
                            strict=True))
    bg.borrowed_ids(ctx)
    incidents = make_incidents(ctx)
    bg.worker_deaths(ctx)
    bg.commuting(ctx)
    bg.work_injuries(ctx)
    bg.medical_background(ctx)
    bg.natural_deaths(ctx)
    bg.nonocc_deaths(ctx)
    bg.declared_dead(ctx)
    bg.duplicate_ids(ctx)
    formats = choose_formats(pr)
    tables, truth, kinds = build(ctx, incidents, formats)
    write(out, tables, truth, formats, pr)
    return _stats(ctx, incidents, tables, truth, kinds, formats)


def _stats(ctx: Ctx, incidents: list[Any], tables: dict[str, pl.DataFrame],
           truth: dict[str, pl.DataFrame], kinds: dict[str, pl.DataFrame],
           formats: dict[str, str]) -> dict[str, Any]:
    inc = truth["incidents"]
    ip = truth["incident_person"].join(inc.select("incident_id", "kind"), on="incident_id")
    hidden = ip.filter((pl.col("kind") != "reported") & (pl.col("outcome") == "death")
                       & (pl.col("reported_outcome").is_null()
                          | (pl.col("reported_outcome") != "death")))
    concealed: dict[str, int] = {}
    under: dict[str, int] = {}
    reported = 0
    patterns = []
    for i in incidents:
        patterns.append((f"INC{i.idx:05d}", i.kind, i.pattern))
        if i.kind == "concealed":
            concealed[i.pattern] = concealed.get(i.pattern, 0) + 1
        elif i.kind == "under_reported":
            under[i.pattern] = under.get(i.pattern, 0) + 1
        else:
            reported += 1
    deaths = truth["deaths"]
    return {
        "rows": {s: df.height for s, df in tables.items()},
        "formats": formats,
        "id_kinds": {s: dict(sorted(k.group_by("kind").len().iter_rows()))
                     for s, k in kinds.items()},
        "id_kind_records": kinds,
        "hidden_deaths": hidden.height,
        "concealed": dict(sorted(concealed.items())),
        "under_reported": dict(sorted(under.items())),
        "reported": reported,
        "incident_patterns": pl.DataFrame(patterns, schema=["incident_id", "kind", "pattern"],
                                          orient="row"),
        "deaths": dict(sorted(deaths.group_by("death_class").len().iter_rows())),
        "persons": ctx.people.n,
        "enterprises": len(ctx.ents),
        "world": dict(sorted(ctx.notes.items())),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", required=True)
    ap.add_argument("--scale", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    t = time.time()
    stats = generate(a.out, a.scale, a.seed)
    shown = {k: v for k, v in stats.items() if k not in ("id_kind_records", "incident_patterns")}
    shown["seconds"] = round(time.time() - t, 1)
    print(json.dumps(shown, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
