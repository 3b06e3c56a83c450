"""Entry point: ``python -m benchmarks.altgen21.generate --out DIR --scale S --seed N``.

Builds the world (firms and their workforce, deaths, injuries, claims, incidents), renders every
source of the data contract into DIR and writes ``truth/``. Same seed, same bytes."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import polars as pl

from . import deaths, incidents, render, workers
from .firms import make_firms
from .people import People
from .world import World


def _stream(seed: int, k: int) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence([seed, 21, k]))


def build(scale: float, seed: int) -> tuple[World, dict]:
    firms = make_firms(_stream(seed, 1), scale, target_workers=round(180000 * scale) + 200)
    w = World(scale, seed, _stream(seed, 2), People(), firms)
    workers.workforce(w)
    w.rng = _stream(seed, 3)
    deaths.natural_deaths(w)
    w.rng = _stream(seed, 4)
    deaths.nonocc_deaths(w)
    deaths.death_clusters(w)
    w.rng = _stream(seed, 5)
    workers.living_injuries(w)
    workers.ordinary_claims(w)
    w.rng = _stream(seed, 6)
    incidents.reported(w)
    w.rng = _stream(seed, 7)
    under = incidents.under_reported(w)
    w.rng = _stream(seed, 8)
    conc = incidents.concealed(w)
    w.people.finalize(_stream(seed, 9))
    return w, {"under_reported_by_pattern": under, "concealed_by_pattern": conc}


def _truth(w: World, rng: np.random.Generator, person_id: np.ndarray) -> dict[str, pl.DataFrame]:
    incs = w.incidents
    order = sorted(range(len(incs)), key=lambda i: (str(np.datetime64(incs[i]["occurred"], "s")),
                                                    float(rng.random())))
    for k, i in enumerate(order):
        incs[i]["iid"] = f"INC{k + 1:05d}"
    inc_df = pl.DataFrame({
        "incident_id": [r["iid"] for r in incs],
        "accident_record_id": pl.Series([r["acc"]["rid"] if r["acc"] else None for r in incs], dtype=pl.String),
        "kind": [r["kind"] for r in incs],
        "true_deaths": pl.Series([r["true_deaths"] for r in incs], dtype=pl.Int64),
        "reported_deaths": pl.Series([r["reported_deaths"] for r in incs], dtype=pl.Int64),
        "employer_uscc": pl.Series([r["uscc"] for r in incs], dtype=pl.String),
        "occurred_on": pl.Series([np.datetime64(r["occurred"], "D").astype(object) for r in incs],
                                 dtype=pl.Date)}).sort("incident_id")
    ip = pl.DataFrame({
        "incident_id": [r["iid"] for r in incs for _ in r["victims"]],
        "person_id": [person_id[v["pid"]] for r in incs for v in r["victims"]],
        "outcome": [v["outcome"] for r in incs for v in r["victims"]],
        "reported_outcome": pl.Series([v["reported"] for r in incs for v in r["victims"]], dtype=pl.String),
    }).sort(["incident_id", "person_id"])
    de = pl.DataFrame({
        "person_id": [person_id[d["pid"]] for d in w.deaths],
        "death_class": [d["cls"] for d in w.deaths],
        "incident_id": pl.Series([d["inc"]["iid"] if d["cls"] == "incident" else None for d in w.deaths],
                                 dtype=pl.String)}).sort("person_id")
    return {"incidents": inc_df, "incident_person": ip, "deaths": de}


def generate(out, scale: float = 0.2, seed: int = 1) -> dict:
    """Generate the sources and truth into ``out`` (created if absent); returns statistics."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "truth").mkdir(exist_ok=True)
    w, stats = build(scale, seed)
    rrng = _stream(seed, 10)
    w.rng = rrng
    perm = _stream(seed, 11).permutation(w.people.n)
    person_id = np.array([f"P{k + 1:08d}" for k in perm], dtype=object)
    tables: dict[str, pl.DataFrame] = {}
    kinds: dict[str, list] = {}
    rp_parts = []
    render.accidents(w)  # record ids of accidents first: victims refer to them
    for src in render.PERSON_SOURCES:
        df, kk, pid = getattr(render, src)(w)
        order = np.argsort(np.array(df["record_id"].to_list()), kind="stable")
        df = df[order.tolist()]
        kk = [kk[i] for i in order.tolist()]
        pid = pid[order]
        tables[src] = df
        kinds[src] = kk
        rp_parts.append(pl.DataFrame({"source": [src] * df.height, "record_id": df["record_id"],
                                      "person_id": person_id[pid].tolist()}))
    tables["accidents"] = render.accidents(w)
    tables["enterprises"] = render.enterprises(w)
    for src, df in tables.items():
        render.write_table(df, out, src)
    truth = _truth(w, _stream(seed, 12), person_id)
    truth["record_person"] = pl.concat(rp_parts).sort(["source", "record_id"])
    for name in ("record_person", "incidents", "incident_person", "deaths"):
        truth[name].write_parquet(out / "truth" / f"{name}.parquet", compression="zstd", statistics=False)
    inc, ip = truth["incidents"], truth["incident_person"]
    hidden = ip.join(inc.select("incident_id", "kind"), on="incident_id").filter(
        (pl.col("kind") != "reported") & (pl.col("outcome") == "death")
        & (pl.col("reported_outcome").is_null() | (pl.col("reported_outcome") != "death")))
    stats.update({
        "rows": {src: tables[src].height for src in render.FORMATS},
        "formats": dict(render.FORMATS),
        "id_kinds": kinds,
        "hidden_deaths": hidden.height,
        "incidents": {k: int(v) for k, v in inc.group_by("kind").len().sort("kind").iter_rows()},
        "deaths": {k: int(v) for k, v in truth["deaths"].group_by("death_class").len().sort("death_class")
                   .iter_rows()},
        "persons": w.people.n,
        "incident_patterns": {r["iid"]: r["pattern"] for r in w.incidents},
    })
    return stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", required=True)
    ap.add_argument("--scale", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    out = Path(a.out)
    if out.exists() and any(out.iterdir()):
        print(f"{out} exists and is not empty; give an absent or empty folder", file=sys.stderr)
        return 2
    t = time.time()
    stats = generate(out, a.scale, a.seed)
    summary = {k: v for k, v in stats.items() if k not in ("id_kinds", "incident_patterns")}
    summary["seconds"] = round(time.time() - t, 1)
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
