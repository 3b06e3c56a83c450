"""Entry point: python -m benchmarks.altgen5.generate --out DIR --scale S --seed N."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
import polars as pl

from .background import (
    natural_deaths,
    nonocc_deaths,
    nonwork_medical,
    sudden_illness_at_work,
    work_injuries,
)
from .geo import build_geo
from .incidents import make_incidents
from .render import render
from .sim import Pop, World, make_enterprises, make_workers


def _duplicate_person_ids(w: World) -> None:
    """A few people in the population register share an ID number with someone else."""
    ids = w.pop.arr("ids")
    k = max(1, round(w.pop.n * 0.0002))
    src = w.rng.integers(0, w.pop.n, k)
    dst = w.rng.integers(0, w.pop.n, k)
    ids[dst] = ids[src]


def generate(out: Path, scale: float, seed: int) -> dict[str, object]:
    t0 = time.perf_counter()
    out = Path(out)
    rng = np.random.default_rng(seed)
    geo = build_geo()
    ent = make_enterprises(rng, geo, max(40, round(20_000 * scale)), max(10, round(5_000 * scale)))
    w = World(rng=rng, geo=geo, scale=scale, pop=Pop(), ent=ent)
    make_workers(w, max(400, round(1_500_000 * scale)))
    make_incidents(w)
    natural_deaths(w)
    nonocc_deaths(w)
    sudden_illness_at_work(w)
    n_med = max(200, round(1_500_000 * scale))
    work_injuries(w, n_med)
    nonwork_medical(w, n_med)
    _duplicate_person_ids(w)
    rows = render(w, out)
    inc = pl.read_parquet(out / "truth" / "incidents.parquet")
    ip = pl.read_parquet(out / "truth" / "incident_person.parquet").join(
        inc.select("incident_id", "kind"), on="incident_id")
    hidden = ip.filter((pl.col("kind") != "reported") & (pl.col("outcome") == "death")
                       & (pl.col("reported_outcome").is_null()
                          | (pl.col("reported_outcome") != "death")))
    rp = pl.read_parquet(out / "truth" / "record_person.parquet")
    death_srcs = rp.filter(pl.col("source").is_in(["deregistrations", "cremations"]))
    traceless = hidden.join(rp, on="person_id", how="semi").height
    kinds = dict(inc.group_by("kind").len().iter_rows())
    disguises = dict(pl.DataFrame(w.rows.get("_disguise", []),
                                  schema={"person": pl.Int64, "disguise": pl.Utf8})
                     .group_by("disguise").len().sort("disguise").iter_rows())
    stats: dict[str, object] = {
        "scale": scale, "seed": seed, "rows": rows,
        "hidden_deaths": hidden.height,
        "hidden_deaths_with_any_record": traceless,
        "hidden_deaths_with_death_record": hidden.join(death_srcs, on="person_id",
                                                       how="semi").height,
        "hidden_death_disguises": disguises,
        "concealed_incidents": kinds.get("concealed", 0),
        "under_reported_accidents": kinds.get("under_reported", 0),
        "reported_incidents": kinds.get("reported", 0),
        "persons": w.pop.n,
        "elapsed_seconds": round(time.perf_counter() - t0, 2),
    }
    return stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--scale", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    print(json.dumps(generate(a.out, a.scale, a.seed), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
