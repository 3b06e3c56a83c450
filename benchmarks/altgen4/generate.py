"""Entry point: ``python -m benchmarks.altgen4.generate --out DIR --scale S --seed N``.

Writes DIR/<source>.csv|.parquet for every source of the data contract and DIR/truth/*.parquet,
prints one JSON line of counts, and is deterministic for a given (scale, seed).
"""

from __future__ import annotations

import argparse
import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import polars as pl

from .background import Background
from .incidents import IncidentBuilder
from .render import Renderer
from .sim import SOURCES, Sim


def generate(out: Path, scale: float, seed: int) -> dict[str, Any]:
    """Generate one synthetic province-year into ``out``; returns statistics."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for old in [*out.glob("*.csv"), *out.glob("*.parquet")]:
        old.unlink()
    if (out / "truth").exists():
        shutil.rmtree(out / "truth")
    sim = Sim(scale=scale, seed=seed)
    sim.setup()
    IncidentBuilder(sim).run()
    bg = Background(sim)
    bg.natural_deaths()
    bg.sudden_illness()
    bg.nonocc_deaths()
    bg.nonfatal()
    bg.background_work()
    bg.employment()
    sim.people.finalise(sim.rng("people"), dup_rate=1e-4)

    r = Renderer(sim, out)
    mapping = r.accidents()
    r.accident_victims(mapping)
    r.deregistrations()
    r.cremations()
    r.injury_claims()
    r.medical_records()
    r.employment()
    r.enterprises()
    t = r.truth(mapping)
    return _stats(sim, r, t)


def _stats(sim: Sim, r: Renderer, t: dict[str, pl.DataFrame]) -> dict[str, Any]:
    inc = t["incidents"]
    ip = t["incident_person"].join(inc.select("incident_id", "kind"), on="incident_id")
    hidden = ip.filter((pl.col("kind") != "reported") & (pl.col("outcome") == "death")
                       & (pl.col("reported_outcome").is_null()
                          | (pl.col("reported_outcome") != "death")))
    rp = t["record_person"]
    hp = set(hidden["person_id"].to_list())
    srcs = rp.filter(pl.col("person_id").is_in(list(hp))).group_by("person_id").agg(
        pl.col("source").unique())
    with_src = {row[0]: set(row[1]) for row in srcs.iter_rows()}
    death_src = {"deregistrations", "cremations"}
    hidden_detail = sim.hidden
    by_kind = Counter(h["kind"] for h in hidden_detail)
    by_named = Counter(str(h["named_as"]) for h in hidden_detail)
    by_disguise = Counter(h["disguise"] or "none" for h in hidden_detail)
    stats: dict[str, Any] = {
        "scale": sim.scale, "seed": sim.seed,
        "rows": dict(r.counts),
        "persons_simulated": sim.people.n,
        "incidents_by_kind": dict(Counter(inc["kind"].to_list())),
        "fatal_incidents_by_kind": dict(Counter(
            inc.filter(pl.col("true_deaths") > 0)["kind"].to_list())),
        "incident_deaths_true": int(inc["true_deaths"].sum()),
        "incident_deaths_reported": int(inc["reported_deaths"].sum()),
        "hidden_deaths": hidden.height,
        "hidden_by_kind": dict(by_kind),
        "hidden_named_as": dict(by_named),
        "hidden_disguise": dict(by_disguise),
        "hidden_third_party": sum(1 for h in hidden_detail if h["role"] == "third_party"),
        "hidden_in_multi_death_incidents": sum(1 for h in hidden_detail
                                               if h["incident_deaths"] >= 2),
        "hidden_with_death_record": sum(1 for p in hp if with_src.get(p, set()) & death_src),
        "hidden_with_any_record": sum(1 for p in hp if with_src.get(p)),
        "hidden_with_claim": sum(1 for p in hp if "injury_claims" in with_src.get(p, set())),
        "hidden_with_medical": sum(1 for p in hp if "medical_records" in with_src.get(p, set())),
        "deaths_by_class": dict(Counter(t["deaths"]["death_class"].to_list())),
        "background": {k: v for k, v in sim.stats.items()},
        "id_kind_counts": {s: dict(Counter(k for _, k in r.id_kinds[s])) for s in SOURCES},
        "name_noise_counts": r.name_kinds,
        "id_kinds": r.id_kinds,
    }
    return stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--scale", type=float, default=0.02)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    stats = generate(a.out, a.scale, a.seed)
    stats.pop("id_kinds")
    print(json.dumps(stats, ensure_ascii=False, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
