"""Generate a synthetic Shanxi (region 14) world for crosscheck, blind to the detector.

    python -m benchmarks.altgen12.generate --out DIR --scale S --seed N

``scale`` is the share of one year of the whole province: 1.0 is about 290,000 deaths, 1,000,000
hospital injury encounters, 1,000,000 insured workers, 38,000 work-injury claims and ~850
reported production-safety accidents. The concealment scenarios scale the same way, but every
kind occurs at least once at any scale.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import time
from collections import Counter
from datetime import date
from pathlib import Path

import polars as pl

from .background import (
    background_claims,
    background_medical,
    declared_dead,
    household_co,
    injury_death,
    multi_traffic,
    natural_death,
    occupational_deaths,
    workers,
)
from .incidents import SLASH_CITIES, IncidentMaker
from .places import PROVINCIAL_HOSPITALS, build_hospitals, funeral_homes
from .records import Home
from .world import World

FORMATS = {"accidents": "gb18030", "accident_victims": "utf-8-sig", "deregistrations": "utf-8",
           "cremations": "gb18030", "injury_claims": "utf-8-sig", "medical_records": "parquet",
           "employment": "parquet", "enterprises": "parquet"}
PERSON_SOURCES = ["accident_victims", "deregistrations", "cremations", "injury_claims",
                  "medical_records", "employment"]
# yearly counts for the whole province (scale 1)
BACKGROUND = {"natural": 272_000, "traffic": 4_200, "fall": 4_500, "co": 300, "drown": 700,
              "suicide": 3_000, "other": 1_200, "co_household": 400, "traffic_multi": 500,
              "commute_crew": 20, "sudden_at_work": 200, "pneumoconiosis": 150,
              "commute_death": 300, "declared_dead": 150, "workers": 1_000_000,
              "medical": 900_000, "claims": 38_000}
# (kind, variant): (yearly count at scale 1, minimum at any scale)
SCENARIOS = {
    ("reported", "fatal"): (450, 3), ("reported", "serious"): (250, 2),
    ("reported", "minor"): (150, 1),
    ("concealed", "multi"): (25, 2), ("concealed", "illness"): (60, 2),
    ("concealed", "moved"): (30, 1), ("concealed", "private"): (40, 1),
    ("concealed", "traffic"): (20, 1), ("concealed", "injury"): (50, 1),
    ("under_reported", "grade"): (15, 1), ("under_reported", "partial"): (15, 1),
    ("under_reported", "late"): (30, 1), ("under_reported", "big"): (3, 1),
    ("under_reported", "impersonated"): (4, 1),
}
COLUMNS = {
    "accident_victims": ["record_id", "accident_id", "name", "id_number", "sex", "age", "outcome"],
    "deregistrations": ["record_id", "name", "id_number", "sex", "birth_date", "death_date",
                        "deregistered_on", "region_code", "reason", "death_cause"],
    "cremations": ["record_id", "name", "id_number", "sex", "age", "death_date", "cremated_on",
                   "funeral_home", "region_code", "death_cause", "certificate_issuer",
                   "body_origin"],
    "injury_claims": ["record_id", "name", "id_number", "sex", "employer_name", "employer_uscc",
                      "injury_date", "applied_on", "decided_on", "outcome", "injury_description",
                      "region_code"],
    "medical_records": ["record_id", "name", "id_number", "sex", "age", "hospital", "region_code",
                        "admitted_at", "discharged_at", "diagnosis_icd10", "external_cause_icd10",
                        "disposition", "payer", "employer_name"],
    "employment": ["record_id", "id_number", "name", "employer_name", "employer_uscc", "industry",
                   "start_date", "end_date"],
}
ACCIDENT_COLUMNS = ["record_id", "occurred_at", "reported_at", "region_code", "address",
                    "enterprise_name", "enterprise_uscc", "industry", "accident_type",
                    "reported_deaths", "reported_serious_injuries", "reported_minor_injuries",
                    "direct_loss_10k_yuan"]
INT_COLS = {"age"}


def count(w: World, n: float, minimum: int = 0) -> int:
    """A yearly count at this scale (stochastic rounding), never below ``minimum``."""
    x = n * w.scale
    k = int(x) + (w.rng.random() < x - int(x))
    return max(minimum, k)


def poisson(w: World, n: float, minimum: int = 0) -> int:
    """How many incidents of a kind happened this year: Poisson around the scaled rate."""
    lam = n * w.scale
    if lam >= 30:
        k = round(w.rng.gauss(lam, math.sqrt(lam)))
    else:
        k, p, limit = 0, w.rng.random(), math.exp(-lam)
        while p > limit:
            k += 1
            p *= w.rng.random()
    return max(minimum, k)


def setup_places(w: World) -> None:
    county_h, city_h, region = build_hospitals()
    w.county_h, w.city_h, w.hosp_region = county_h, city_h, region
    w.provincial = [h for h, _ in PROVINCIAL_HOSPITALS]
    rng = w.rng
    for i, (reg, name) in enumerate(funeral_homes()):
        style = rng.choices(["iso", "slash", "compact", "cn"], weights=[40, 25, 15, 20])[0]
        fast = rng.random() < 0.2 or (reg[:4] in ("1408", "1410") and rng.random() < 0.5)
        h = Home(i, reg, name, style, fast, rng.random() < 0.2, rng.choice([0.0, 0.02, 0.15]))
        w.homes.append(h)
        if name.endswith("市殡仪馆"):
            w.city_home.setdefault(reg[:4], h)
        else:
            w.county_home.setdefault(reg, h)


def build(seed: int, scale: float) -> World:
    w = World(seed, scale)
    setup_places(w)
    w.build_enterprises()
    b = BACKGROUND
    workers(w, count(w, b["workers"], 200))
    occupational_deaths(w, count(w, b["sudden_at_work"], 1), count(w, b["pneumoconiosis"], 1),
                        count(w, b["commute_death"], 1))
    for _ in range(count(w, b["commute_crew"], 1)):
        multi_traffic(w, crew=w.employer("coal_mining" if w.rng.random() < 0.6
                                         else "construction"))
    for _ in range(count(w, b["natural"])):
        natural_death(w)
    for kind in ("traffic", "fall", "co", "drown", "suicide", "other"):
        for _ in range(count(w, b[kind])):
            injury_death(w, kind)
    for _ in range(count(w, b["co_household"], 1)):
        household_co(w)
    for _ in range(count(w, b["traffic_multi"], 1)):
        multi_traffic(w)
    declared_dead(w, count(w, b["declared_dead"]))
    im = IncidentMaker(w)
    for (kind, variant), (n, minimum) in SCENARIOS.items():
        k = poisson(w, n, minimum)
        w.counts[f"{kind}:{variant}"] = k
        for _ in range(k):
            if kind == "reported":
                im.honest(variant)
            elif kind == "concealed":
                im.concealed(variant)
            else:
                im.under_reported(variant)
    background_claims(w, count(w, b["claims"], 50))
    background_medical(w, count(w, b["medical"], 500))
    return w


def _fmt_dt(d, slash: bool) -> str:
    if slash:
        return f"{d.year}/{d.month}/{d.day} {d:%H:%M:%S}"
    return f"{d:%Y-%m-%d %H:%M}"


def _record_ids(src: str, rows: list[tuple]) -> list[str]:
    """The supplier's own keys, assigned in the supplier's order (never the generator's)."""
    out = []
    per: Counter = Counter()
    for key, _pid, _kind, vals in rows:
        if src == "deregistrations":
            d: date = key[0]
            per[d] += 1
            out.append(f"ZX{d:%Y%m%d}{per[d]:04d}")
        elif src == "cremations":
            per[key[0]] += 1
            out.append(f"BY{key[0]:03d}{key[1].year}{per[key[0]]:05d}")
        elif src == "injury_claims":
            per[key[0].year] += 1
            out.append(f"GS{key[0].year}{per[key[0].year]:06d}")
        elif src == "medical_records":
            per[key[0]] += 1
            out.append(f"{vals[5]}-{per[key[0]]:06d}-{key[1]:%y}")
        else:
            per[0] += 1
            out.append(f"CB{per[0]:08d}")
    return out


def _frame(cols: list[str], records: list[tuple], schema: dict | None = None) -> pl.DataFrame:
    data = {c: [r[i] for r in records] for i, c in enumerate(cols)}
    sch = {c: (pl.Int64 if c in INT_COLS else pl.String) for c in cols}
    if schema:
        sch.update(schema)
    return pl.DataFrame(data, schema=sch)


def _write_csv(df: pl.DataFrame, path: Path, encoding: str) -> None:
    text = df.write_csv()
    if encoding == "utf-8-sig":
        path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    else:
        path.write_bytes(text.encode(encoding))


def write(w: World, out: Path) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    (out / "truth").mkdir(exist_ok=True)
    rows: dict[str, int] = {}
    id_kinds: dict[str, list[tuple[str, str]]] = {}
    rp_src: list[str] = []
    rp_rid: list[str] = []
    rp_pid: list[str] = []
    hosp_code = {h: f"H{i:03d}" for i, h in enumerate(sorted(w.hosp_region))}
    # accidents and their victims, numbered per county in order of occurrence
    accs = sorted(w.accidents, key=lambda a: (a.occurred, a.idx))
    acc_id: dict[int, str] = {}
    per: Counter = Counter()
    acc_rows = []
    vic_rows = []
    vic_kinds = []
    for a in accs:
        per[a.site] += 1
        rid = f"AJ{a.site}{a.occurred.year}{per[a.site]:03d}"
        acc_id[a.idx] = rid
        slash = a.site[:4] in SLASH_CITIES
        acc_rows.append((rid, _fmt_dt(a.occurred, slash), _fmt_dt(a.reported_at, slash), a.site,
                         a.address, a.ename, a.uscc, a.industry, a.acc_type, a.deaths, a.serious,
                         a.minor, a.loss))
        for k, (p, kind, vals) in enumerate(a.victims, 1):
            vrid = f"{rid}-{k:02d}"
            vic_rows.append((vrid, rid, *vals))
            vic_kinds.append((vrid, kind))
            rp_src.append("accident_victims")
            rp_rid.append(vrid)
            rp_pid.append(p.pid)
    acc_df = pl.DataFrame({c: [r[i] for r in acc_rows] for i, c in enumerate(ACCIDENT_COLUMNS)},
                          schema={**{c: pl.String for c in ACCIDENT_COLUMNS},
                                  "reported_deaths": pl.Int64,
                                  "reported_serious_injuries": pl.Int64,
                                  "reported_minor_injuries": pl.Int64,
                                  "direct_loss_10k_yuan": pl.Float64})
    _write_csv(acc_df, out / "accidents.csv", FORMATS["accidents"])
    rows["accidents"] = acc_df.height
    vic_df = _frame(COLUMNS["accident_victims"], vic_rows)
    _write_csv(vic_df, out / "accident_victims.csv", FORMATS["accident_victims"])
    rows["accident_victims"] = vic_df.height
    id_kinds["accident_victims"] = vic_kinds
    for src in PERSON_SOURCES[1:]:
        srows = sorted(w.src[src].rows, key=lambda r: r[0])
        w.src[src].rows = []
        if src == "medical_records":
            rids = [f"{hosp_code[r[0][0]]}{r[0][1]:%y}{i:07d}" for i, r in enumerate(srows, 1)]
        else:
            rids = _record_ids(src, srows)
        records = [(rid, *r[3]) for rid, r in zip(rids, srows, strict=True)]
        schema: dict | None = None
        if src == "medical_records":
            schema = {"admitted_at": pl.Datetime("us"), "discharged_at": pl.Datetime("us")}
        elif src == "employment":
            schema = {"start_date": pl.Date, "end_date": pl.Date}
        df = _frame(COLUMNS[src], records, schema)
        if FORMATS[src] == "parquet":
            df.write_parquet(out / f"{src}.parquet")
        else:
            _write_csv(df, out / f"{src}.csv", FORMATS[src])
        rows[src] = df.height
        id_kinds[src] = [(rid, r[2]) for rid, r in zip(rids, srows, strict=True)]
        rp_src.extend([src] * len(rids))
        rp_rid.extend(rids)
        rp_pid.extend(r[1] for r in srows)
        del records, df, srows
    ents = [e for e in w.enterprises if e.registered]
    ent_df = pl.DataFrame({"uscc": [e.uscc for e in ents], "name": [e.name for e in ents],
                           "industry": [e.industry for e in ents],
                           "region_code": [e.region for e in ents],
                           "high_risk": [e.high_risk for e in ents]},
                          schema={"uscc": pl.String, "name": pl.String, "industry": pl.String,
                                  "region_code": pl.String, "high_risk": pl.Boolean})
    ent_df.write_parquet(out / "enterprises.parquet")
    rows["enterprises"] = ent_df.height
    # truth
    pl.DataFrame({"source": rp_src, "record_id": rp_rid, "person_id": rp_pid}).write_parquet(
        out / "truth" / "record_person.parquet")
    inc = w.incidents
    pl.DataFrame({"incident_id": [i["incident_id"] for i in inc],
                  "accident_record_id": [acc_id.get(i["acc_idx"]) if i["acc_idx"] is not None
                                         else None for i in inc],
                  "kind": [i["kind"] for i in inc],
                  "true_deaths": [i["true_deaths"] for i in inc],
                  "reported_deaths": [i["reported_deaths"] for i in inc],
                  "employer_uscc": [i["employer_uscc"] for i in inc],
                  "occurred_on": [i["occurred_on"] for i in inc]},
                 schema={"incident_id": pl.String, "accident_record_id": pl.String,
                         "kind": pl.String, "true_deaths": pl.Int64, "reported_deaths": pl.Int64,
                         "employer_uscc": pl.String, "occurred_on": pl.Date}).write_parquet(
        out / "truth" / "incidents.parquet")
    ip = w.incident_person
    pl.DataFrame({k: [r[k] for r in ip] for k in ("incident_id", "person_id", "outcome",
                                                    "reported_outcome")},
                 schema={k: pl.String for k in ("incident_id", "person_id", "outcome",
                                                "reported_outcome")}).write_parquet(
        out / "truth" / "incident_person.parquet")
    pids = sorted(w.deaths)
    pl.DataFrame({"person_id": pids, "death_class": [w.deaths[p][0] for p in pids],
                  "incident_id": [w.deaths[p][1] for p in pids]},
                 schema={"person_id": pl.String, "death_class": pl.String,
                         "incident_id": pl.String}).write_parquet(out / "truth" / "deaths.parquet")
    hidden = sum(i["hidden"] for i in inc)
    by_variant: Counter = Counter()
    hidden_by_variant: Counter = Counter()
    for i in inc:
        by_variant[f"{i['kind']}:{i['variant']}"] += 1
        hidden_by_variant[f"{i['kind']}:{i['variant']}"] += i["hidden"]
    classes = Counter(c for c, _ in w.deaths.values())
    return {"rows": rows, "id_kinds": id_kinds, "hidden_deaths": hidden,
            "incidents": dict(sorted(by_variant.items())),
            "hidden_by_variant": dict(sorted(hidden_by_variant.items())),
            "death_classes": dict(sorted(classes.items())), "formats": FORMATS,
            "persons": w.n_persons,
            "concealed_multi_person": sum(1 for i in inc if i["kind"] == "concealed"
                                          and i["persons"] >= 2)}


def generate(out: Path, scale: float, seed: int) -> dict:
    """Write the eight sources and ``truth/`` into ``out``; returns statistics (row counts per
    file, ID kinds per record, incident and hidden-death counts)."""
    t0 = time.perf_counter()
    w = build(seed, scale)
    stats = write(w, Path(out))
    stats["scale"] = scale
    stats["seed"] = seed
    stats["seconds"] = round(time.perf_counter() - t0, 2)
    return stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--scale", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    stats = generate(a.out, a.scale, a.seed)
    stats.pop("id_kinds")
    stats["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(stats, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
