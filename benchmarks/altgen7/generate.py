"""Generate one synthetic data set: every contract source plus `truth/`.

    python -m benchmarks.altgen7.generate --out DIR --scale 0.2 --seed 1
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from . import background as bg
from . import render
from .context import Ctx
from .incidents import build_incidents
from .records import SCHEMAS
from .world import Geo, People, make_enterprises, make_workers

# sizes at scale 1.0 (a province of a few million people; deaths ≈ 245,000 a year)
BASE: dict[str, float] = {
    "enterprises": 40_000, "workers": 850_000, "natural_deaths": 226_000,
    "worker_natural_deaths": 2_200, "sudden_death_at_work": 150, "pneumoconiosis": 120,
    "patients": 950_000, "work_injuries": 45_000,
    "reported": 400, "concealed": 150, "under_reported": 75,
}
MINIMUM = {"reported": 8, "concealed": 5, "under_reported": 4, "enterprises": 300,
           "workers": 6_000, "sudden_death_at_work": 3, "pneumoconiosis": 3}
PERSON_SOURCES = ["accident_victims", "deregistrations", "cremations", "injury_claims",
                  "medical_records", "employment"]


def sizes(scale: float) -> dict[str, int]:
    return {k: max(MINIMUM.get(k, 1), round(v * scale)) for k, v in BASE.items()}


def generate(out_dir: str | Path, scale: float = 0.2, seed: int = 1) -> dict[str, Any]:
    t0 = time.time()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / "truth").mkdir(exist_ok=True)
    n = sizes(scale)
    seeds = np.random.SeedSequence(seed).spawn(4)
    r_world, r_inc, r_bg, r_out = (np.random.default_rng(s) for s in seeds)

    geo = Geo()
    people = People(r_world)
    ent = make_enterprises(r_world, geo, n["enterprises"])
    workers = make_workers(r_world, geo, people, ent, n["workers"])
    ctx = Ctx(r_inc, scale, geo, people, ent, workers)
    accident_rows = build_incidents(ctx, n["reported"], n["concealed"], n["under_reported"])

    ctx.rng = r_bg
    bg.natural_deaths(ctx, n["natural_deaths"], n["worker_natural_deaths"],
                      n["sudden_death_at_work"], n["pneumoconiosis"])
    bg.nonocc_deaths(ctx, scale)
    bg.work_injuries(ctx, n["work_injuries"])
    first_patient = people.n
    bg.living_encounters(ctx, n["patients"])
    bg.employment(ctx)
    people.freeze()
    n_dup = people.mark_register_duplicates(np.arange(first_patient, people.n), 0.0008)
    people.compute_ids()

    # ---- the person-bearing sources
    rows: dict[str, int] = {}
    truth_frames = []
    stats_ids: dict[str, pl.DataFrame] = {}
    stats_names: dict[str, pl.DataFrame] = {}
    tags: dict[str, dict[str, int]] = {}
    for src in PERSON_SOURCES:
        internal = ctx.sink.collect(src)
        body, truth, st = render.finalize_person_source(src, internal, people, r_out)
        df = render.format_source(src, body, people, r_out).sort("record_id")
        render.write(df, out, src)
        rows[src] = df.height
        truth_frames.append(truth)
        stats_ids[src] = st["id_kinds"]
        stats_names[src] = st["name_kinds"]
        tags[src] = dict(sorted(internal.group_by("tag").len().iter_rows())) \
            if src != "accident_victims" else {"named": internal.height}
    # ---- accidents and enterprises
    acc = pl.DataFrame(accident_rows, schema={
        "record_id": pl.String, "occurred_at": pl.Datetime("us"), "reported_at": pl.Datetime("us"),
        "region_code": pl.String, "address": pl.String, "enterprise_name": pl.String,
        "enterprise_uscc": pl.String, "industry": pl.String, "accident_type": pl.String,
        "reported_deaths": pl.Int64, "reported_serious_injuries": pl.Int64,
        "reported_minor_injuries": pl.Int64, "direct_loss_10k_yuan": pl.Float64})
    slash = pl.Series(r_out.random(acc.height) < 0.15)
    acc = acc.with_columns(*(pl.when(slash).then(pl.col(c).dt.strftime("%Y/%-m/%-d %H:%M:%S"))
                             .otherwise(pl.col(c).dt.strftime("%Y-%m-%d %H:%M")).alias(c)
                             for c in ("occurred_at", "reported_at"))).sort("record_id")
    render.write(acc, out, "accidents")
    rows["accidents"] = acc.height
    reg = ent.registered
    ents = pl.DataFrame({"uscc": ent.uscc[reg].tolist(), "name": ent.name[reg].tolist(),
                         "industry": ent.industry[reg].tolist(),
                         "region_code": ent.region[reg].astype(str).tolist(),
                         "high_risk": ent.high_risk[reg].tolist()}).sort("uscc")
    render.write(ents, out, "enterprises")
    rows["enterprises"] = ents.height

    # ---- truth
    t = ctx.truth
    rp = pl.concat(truth_frames).sort("source", "record_id")
    rp.write_parquet(out / "truth" / "record_person.parquet", statistics=False)
    inc = pl.DataFrame(t.incidents, schema={
        "incident_id": pl.String, "accident_record_id": pl.String, "kind": pl.String,
        "true_deaths": pl.Int64, "reported_deaths": pl.Int64, "employer_uscc": pl.String,
        "occurred_on": pl.Date, "playbook": pl.String}).sort("incident_id")
    inc.drop("playbook").write_parquet(out / "truth" / "incidents.parquet", statistics=False)
    ip = pl.DataFrame(t.incident_person, schema={
        "incident_id": pl.String, "person_id": pl.Int64, "outcome": pl.String,
        "reported_outcome": pl.String})
    ip = ip.with_columns(render.person_ids(ip["person_id"].to_numpy())).sort(
        "incident_id", "person_id")
    ip.write_parquet(out / "truth" / "incident_person.parquet", statistics=False)
    bgp = np.concatenate(t.bg_death_person) if t.bg_death_person else np.array([], np.int64)
    deaths = pl.concat([
        pl.DataFrame({"person_id": render.person_ids(bgp),
                      "death_class": pl.Series(t.bg_death_class, dtype=pl.String),
                      "incident_id": pl.Series([None] * bgp.size, dtype=pl.String)}),
        pl.DataFrame({"person_id": render.person_ids(np.array(
                          [d["person_id"] for d in t.deaths], dtype=np.int64)),
                      "death_class": pl.Series([d["death_class"] for d in t.deaths],
                                               dtype=pl.String),
                      "incident_id": pl.Series([d["incident_id"] for d in t.deaths],
                                               dtype=pl.String)})]).sort("person_id")
    if deaths["person_id"].n_unique() != deaths.height:
        raise RuntimeError("a person died twice")
    deaths.write_parquet(out / "truth" / "deaths.parquet", statistics=False)

    kinds = inc.join(ip, on="incident_id")
    hidden = kinds.filter((pl.col("kind") != "reported") & (pl.col("outcome") == "death")
                          & (pl.col("reported_outcome").is_null()
                             | (pl.col("reported_outcome") != "death")))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "rows": rows,
        "incidents": dict(sorted(inc.group_by("kind").len().iter_rows())),
        "playbooks": dict(sorted(inc.group_by("playbook").len().iter_rows())),
        "hidden_deaths": hidden.height,
        "deaths": dict(sorted(deaths.group_by("death_class").len().iter_rows())),
        "persons": people.n, "register_duplicates": n_dup,
        "notes": dict(sorted(ctx.notes.items())), "tags": tags,
        "id_kinds": stats_ids, "name_kinds": stats_names,
        "seconds": round(time.time() - t0, 1), "peak_rss_mb": round(peak, 1),
        "schemas": list(SCHEMAS),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.altgen7.generate",
                                 description=__doc__)
    ap.add_argument("--out", required=True, help="output folder")
    ap.add_argument("--scale", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    stats = generate(a.out, a.scale, a.seed)
    summary = {k: v for k, v in stats.items() if k not in ("id_kinds", "name_kinds", "tags")}
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
