"""Write the Sichuan–Chongqing 2024 world: eight contract sources and the truth folder.

    python -m benchmarks.altgen16.generate --out DIR --scale S --seed N
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import polars as pl

from . import background, incidents
from .render import COLUMNS, FORMATS, SOURCES, Renderer, write
from .sim import World


def generate(out: Path, scale: float = 0.2, seed: int = 1) -> dict:
    """Generate the world at ``scale`` (1.0 ≈ 190,000 natural deaths, 1,170 incidents) into
    ``out``; returns row counts, the ID kind of every person-bearing record and truth figures."""
    out = Path(out)
    (out / "truth").mkdir(parents=True, exist_ok=True)
    w = World(scale, seed)
    background.natural_deaths(w)
    background.worker_natural_deaths(w)
    background.nonoccupational_deaths(w)
    background.declared_dead(w)
    background.living_workers(w)
    background.ordinary_work_injuries(w)
    background.injuries(w)
    incs = incidents.build_incidents(w)
    people = w.people.finalize(w.r)
    rd = Renderer(w, people, seed)
    acc, acc_ids = rd.accidents(incs)
    tables = {
        "accidents": acc,
        "accident_victims": rd.victims(acc_ids),
        "deregistrations": rd.deregistrations(),
        "cremations": rd.cremations(),
        "injury_claims": rd.claims(),
        "medical_records": rd.medical(),
        "employment": rd.employment(),
        "enterprises": rd.enterprises(),
    }
    for name in SOURCES:
        df = tables[name]
        assert df.columns == COLUMNS[name], name
        write(out, name, df)
    truth = _truth(w, incs, acc_ids, rd)
    for name, df in truth.items():
        df.write_parquet(out / "truth" / f"{name}.parquet", statistics=False)
    inc = truth["incidents"]
    ip = truth["incident_person"].join(inc.select("incident_id", "kind"), on="incident_id")
    hidden = ip.filter((pl.col("kind") != "reported") & (pl.col("outcome") == "death")
                       & (pl.col("reported_outcome").is_null()
                          | (pl.col("reported_outcome") != "death")))
    deaths = truth["deaths"]
    return {
        "seed": seed, "scale": scale,
        "rows": {k: v.height for k, v in tables.items()},
        "formats": dict(FORMATS),
        "id_kinds": rd.id_kinds,
        "hidden_deaths": hidden.height,
        "incidents": {k: int((inc["kind"] == k).sum())
                      for k in ("reported", "under_reported", "concealed")},
        "concealed_incidents": int((inc["kind"] == "concealed").sum()),
        "concealed_with_deaths": int(((inc["kind"] == "concealed")
                                      & (inc["true_deaths"] > 0)).sum()),
        "under_reported_accidents": int((inc["kind"] == "under_reported").sum()),
        "deaths": {k: int((deaths["death_class"] == k).sum())
                   for k in ("natural", "non_occupational", "incident")},
        "persons": people.height,
    }


def _truth(w: World, incs: list[incidents.Incident], acc_ids: dict[int, str],
           rd: Renderer) -> dict[str, pl.DataFrame]:
    def pid(p: int) -> str:
        return f"P{p:07d}"

    def iid(i: int) -> str:
        return f"INC{i:05d}"

    rp = pl.concat(rd.truth).sort("source", "record_id")
    inc_rows, ip_rows = [], []
    for inc in incs:
        true_d = sum(v.outcome == "death" for v in inc.victims)
        rep_d = inc.acc["deaths"] if inc.acc is not None else 0
        inc_rows.append((iid(inc.iid), acc_ids.get(inc.iid), inc.kind, true_d, rep_d,
                         inc.resp.uscc, inc.day))
        for v in inc.victims:
            ip_rows.append((iid(inc.iid), pid(v.pid), v.outcome, v.reported))
    incidents_df = pl.DataFrame(inc_rows, schema={
        "incident_id": pl.Utf8, "accident_record_id": pl.Utf8, "kind": pl.Utf8,
        "true_deaths": pl.Int64, "reported_deaths": pl.Int64, "employer_uscc": pl.Utf8,
        "occurred_on": pl.Int32}, orient="row").with_columns(
        pl.col("occurred_on").cast(pl.Date)).sort("incident_id")
    ip = pl.DataFrame(ip_rows, schema={"incident_id": pl.Utf8, "person_id": pl.Utf8,
                                       "outcome": pl.Utf8, "reported_outcome": pl.Utf8},
                      orient="row").sort("incident_id", "person_id")
    deaths = pl.DataFrame({
        "person_id": [pid(p) for p in w.death_pid], "death_class": w.death_class,
        "incident_id": [iid(i) if i is not None else None for i in w.death_inc]},
        schema={"person_id": pl.Utf8, "death_class": pl.Utf8, "incident_id": pl.Utf8},
    ).sort("person_id")
    return {"record_person": rp, "incidents": incidents_df, "incident_person": ip,
            "deaths": deaths}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--scale", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    t0 = time.perf_counter()
    stats = generate(a.out, a.scale, a.seed)
    stats.pop("id_kinds")
    stats["seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(stats, ensure_ascii=False))


if __name__ == "__main__":
    main()
