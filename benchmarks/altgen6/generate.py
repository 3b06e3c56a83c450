"""Generate one synthetic input folder (eight sources) and its `truth/`.

    python -m benchmarks.altgen6.generate --out DIR --scale S --seed N

Scale 1.0 is roughly one province-year of Shanxi exports (15 months of records, extracted on
2024-03-31); scale 0.2 gives some 60-120 hidden deaths.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

import numpy as np
import polars as pl

from . import events, incidents, places, population, traces
from .render import Renderer, _stable_u, assign_ids, fmt_dates, fmt_datetimes, write_csv

SOURCES = ["accidents", "accident_victims", "deregistrations", "cremations", "injury_claims",
           "medical_records", "employment", "enterprises"]
FILES = {"accidents": ("csv", "gb18030"), "accident_victims": ("csv", "gb18030"),
         "deregistrations": ("csv", "utf-8"), "cremations": ("csv", "gb18030"),
         "injury_claims": ("parquet", None), "medical_records": ("csv", "utf-8-sig"),
         "employment": ("parquet", None), "enterprises": ("parquet", None)}
_ACC_NAME = {"canonical": 76, "swap": 6, "drop_suffix": 6, "drop_prefix": 4, "abbrev": 2,
             "branch": 5, "typo": 1}
_CLAIM_NAME = {"canonical": 70, "swap": 8, "drop_suffix": 8, "drop_prefix": 5, "abbrev": 2,
               "branch": 4, "typo": 2, "space": 1}
_MED_NAME = {"canonical": 45, "abbrev": 25, "drop_suffix": 12, "drop_prefix": 10, "typo": 5,
             "branch": 3}
_EMP_NAME = {"canonical": 85, "swap": 5, "drop_suffix": 4, "typo": 2, "drop_prefix": 4}


def _col(name: str, values: np.ndarray | list, dtype: type[pl.DataType] | None = None
         ) -> pl.Series:
    """A named Series; object arrays (values with nulls) are passed as lists."""
    if isinstance(values, np.ndarray) and values.dtype == object:
        values = values.tolist()
    return pl.Series(name, values, dtype)


def _pid(p: np.ndarray | list) -> list[str]:
    return [f"P{int(x):08d}" for x in p]


def _age(birth: np.ndarray, on: np.ndarray) -> np.ndarray:
    by = birth.astype("datetime64[Y]").astype(int)
    oy = on.astype("datetime64[Y]").astype(int)
    bmd = (birth - birth.astype("datetime64[Y]")).astype(int)
    omd = (on - on.astype("datetime64[Y]")).astype(int)
    return oy - by - (omd < bmd)


def _write(df: pl.DataFrame, out: Path, src: str) -> None:
    fmt, enc = FILES[src]
    if fmt == "parquet":
        df.write_parquet(out / f"{src}.parquet", statistics=False)
    else:
        write_csv(df, out / f"{src}.csv", enc or "utf-8")


def generate(out_dir: str | Path, scale: float = 1.0, seed: int = 0) -> dict:
    out = Path(out_dir)
    (out / "truth").mkdir(parents=True, exist_ok=True)
    rngs = [np.random.default_rng(s) for s in np.random.SeedSequence([seed, 6]).spawn(8)]

    # the world
    people = population.People(rngs[0])
    ent = population.make_enterprises(rngs[1], scale)
    workers = population.make_workers(rngs[1], people, ent)
    former = population.make_former_miners(rngs[1], people, ent, scale)
    inc = incidents.make_incidents(rngs[2], people, ent, workers, scale)
    used = set(inc.used)
    bg_deaths = events.background_deaths(rngs[3], people, ent, workers, former, used, scale)
    dead = used | set(bg_deaths["person"].to_list())
    routine = events.routine_work_injuries(rngs[3], people, ent, workers, dead, scale)
    public = events.public_injuries(rngs[3], people, workers, dead, scale)
    people.freeze()

    inc_deaths = pl.DataFrame(inc.deaths, schema={
        "person": pl.Int64, "death_date": pl.Date, "group": pl.String, "incident_id": pl.String,
        "employer": pl.Int64, "industry": pl.String, "acc_type": pl.String, "place": pl.String,
        "injured_on": pl.Date})
    deaths = pl.concat([inc_deaths, bg_deaths])
    inc_inj = pl.DataFrame(inc.injuries, schema={
        "person": pl.Int64, "injured_on": pl.Date, "injured_at": pl.Datetime("us"),
        "severity": pl.String, "group": pl.String, "incident_id": pl.String,
        "employer": pl.Int64, "industry": pl.String, "acc_type": pl.String, "place": pl.String})
    injuries = pl.concat([inc_inj, routine.cast(inc_inj.schema), public.cast(inc_inj.schema)])

    worker_of = np.full(people.n, -1)
    worker_of[workers.person] = np.arange(len(workers))
    ctx = traces.Context(rngs[4], people, ent, workers, worker_of, places.hospitals(),
                         places.funeral_homes())
    deaths = traces.prepare_deaths(ctx, deaths)
    pre = {
        "deregistrations": traces.deregistrations(ctx, deaths),
        "cremations": traces.cremations(ctx, deaths),
        "medical_records": pl.concat([traces.death_medical(ctx, deaths),
                                      traces.injury_medical(ctx, injuries)]),
        "injury_claims": pl.concat([traces.death_claims(ctx, deaths),
                                    traces.injury_claims(ctx, injuries)]),
        "employment": traces.employment(ctx, deaths, former),
    }

    borrowed = inc.borrowed | {int(p) for p in workers.person[workers.borrowed]}
    rd = Renderer(rngs[5], people, ent, borrowed)
    r = rngs[6]
    tables: dict[str, pl.DataFrame] = {}
    rp: list[pl.DataFrame] = []
    id_kinds: dict[str, dict[str, str]] = {}

    def person_part(src: str, df: pl.DataFrame, use_borrowed: bool = False):
        nm, idn, birth = rd.identity(src, df["person"].to_numpy(), use_borrowed)
        kinds = rd._last_kinds
        id_kinds[src] = dict(zip(df["record_id"].to_list(), kinds, strict=True))
        rp.append(pl.DataFrame({"source": src, "record_id": df["record_id"],
                                "person_id": _pid(df["person"].to_numpy())}))
        return nm, idn, birth

    # accidents and their victims
    acc = pl.DataFrame(inc.accidents, schema_overrides={"direct_loss_10k_yuan": pl.Float64,
                                                        "occurred_at": pl.Datetime("us"),
                                                        "reported_at": pl.Datetime("us")})
    acc = acc.with_columns(pl.col("occurred_at").dt.year().alias("_y"))
    acc = assign_ids(acc, ["occurred_at"], "", 0, r)
    acc = acc.with_columns(pl.format("SG{}-{}-{}", pl.col("_y"),
                                     pl.col("region_code").str.slice(0, 4),
                                     pl.col("record_id").str.zfill(5)).alias("record_id"))
    acc_id = dict(zip(acc["incident_id"], acc["record_id"], strict=True))
    slash = np.array([_stable_u(c) < 0.25 for c in acc["region_code"]])
    region_style = pl.Series(np.where(slash, 1, 0))
    reported_style = pl.Series(np.where(slash, 1, 2))  # with seconds, unless slashed
    tables["accidents"] = acc.with_columns(
        fmt_datetimes(pl.col("occurred_at"), pl.lit(region_style)).alias("occurred_at"),
        fmt_datetimes(pl.col("reported_at"), pl.lit(reported_style)).alias("reported_at"),
        pl.Series("enterprise_name", rd.employer_names(acc["employer"].to_numpy(), _ACC_NAME)),
        pl.Series("enterprise_uscc", [rd.employer_uscc(int(e), 0.15, 0.02)
                                      for e in acc["employer"]], pl.String),
    ).select(["record_id", "occurred_at", "reported_at", "region_code", "address",
              "enterprise_name", "enterprise_uscc", "industry", "accident_type",
              "reported_deaths", "reported_serious_injuries", "reported_minor_injuries",
              "direct_loss_10k_yuan"])

    vic = pl.DataFrame(inc.victims, schema={"incident_id": pl.String, "person": pl.Int64,
                                            "outcome": pl.String, "occurred_on": pl.Date})
    vic = vic.with_columns(pl.col("incident_id").replace_strict(acc_id).alias("accident_id"))
    vic = vic.with_columns((pl.int_range(pl.len()).over("accident_id") + 1).alias("_k"))
    vic = vic.with_columns(pl.format("{}-{}", pl.col("accident_id"),
                                     pl.col("_k").cast(pl.String).str.zfill(2)).alias("record_id"))
    nm, idn, birth = person_part("accident_victims", vic, use_borrowed=True)
    age = _age(birth, vic["occurred_on"].to_numpy()).astype(object)
    age[r.random(vic.height) < 0.05] = None
    tables["accident_victims"] = pl.DataFrame({
        "record_id": vic["record_id"], "accident_id": vic["accident_id"], "name": nm,
        "id_number": pl.Series(idn, dtype=pl.String),
        "sex": _col("sex", rd.sex("accident_victims", vic["person"].to_numpy()), pl.String),
        "age": _col("age", age, pl.Int64), "outcome": vic["outcome"]})

    # deregistrations
    de = assign_ids(pre["deregistrations"], ["deregistered_on"], "ZX", 10, r)
    nm, idn, birth = person_part("deregistrations", de)
    style = pl.Series([2 if _stable_u(c + "d") < 0.7 else 0 for c in de["region_code"]])
    bd = pl.Series("birth_date", birth, pl.Date)
    bd = bd.set(pl.Series(r.random(de.height) < 0.02), None)
    tables["deregistrations"] = de.with_columns(
        pl.Series("name", nm), pl.Series("id_number", idn, pl.String),
        _col("sex", rd.sex("deregistrations", de["person"].to_numpy()), pl.String),
        fmt_dates(pl.lit(bd), pl.lit(style)).alias("birth_date"),
        fmt_dates(pl.col("death_date"), pl.lit(style)).alias("death_date"),
        fmt_dates(pl.col("deregistered_on"), pl.lit(style)).alias("deregistered_on"),
    ).select(["record_id", "name", "id_number", "sex", "birth_date", "death_date",
              "deregistered_on", "region_code", "reason", "death_cause"])

    # cremations
    cr = assign_ids(pre["cremations"], ["cremated_on"], "HH", 9, r)
    nm, idn, _ = person_part("cremations", cr)
    style = pl.Series([int(_stable_u(h) * 4) % 4 if _stable_u(h) >= 0.5 else 0
                       for h in cr["funeral_home"]])
    style = style.set(style == 2, 1)  # funeral homes write ISO, Y/M/D or 年月日
    tables["cremations"] = cr.with_columns(
        pl.Series("name", nm), pl.Series("id_number", idn, pl.String),
        _col("sex", rd.sex("cremations", cr["person"].to_numpy()), pl.String),
        fmt_dates(pl.col("death_date"), pl.lit(style)).alias("death_date"),
        fmt_dates(pl.col("cremated_on"), pl.lit(style)).alias("cremated_on"),
    ).select(["record_id", "name", "id_number", "sex", "age", "death_date", "cremated_on",
              "funeral_home", "region_code", "death_cause", "certificate_issuer",
              "body_origin"])

    # work-injury claims
    cl = assign_ids(pre["injury_claims"], ["applied_on"], "GS", 9, r)
    nm, idn, _ = person_part("injury_claims", cl, use_borrowed=True)
    tables["injury_claims"] = cl.with_columns(
        pl.Series("name", nm), pl.Series("id_number", idn, pl.String),
        _col("sex", rd.sex("injury_claims", cl["person"].to_numpy()), pl.String),
        pl.Series("employer_name", rd.employer_names(cl["employer"].to_numpy(), _CLAIM_NAME)),
        pl.Series("employer_uscc", [rd.employer_uscc(int(e), 0.08, 0.015)
                                    for e in cl["employer"]], pl.String),
        _col("region_code", ent.region[cl["employer"].to_numpy()], pl.String),
    ).select(["record_id", "name", "id_number", "sex", "employer_name", "employer_uscc",
              "injury_date", "applied_on", "decided_on", "outcome", "injury_description",
              "region_code"])

    # medical records
    hosp = ctx.hospitals
    me = assign_ids(pre["medical_records"], ["admitted_at"], "MR", 10, r)
    nm, idn, birth = person_part("medical_records", me)
    hname = [hosp[h].name for h in me["hospital"]]
    h_u = np.array([_stable_u(h) for h in hname])
    sex = rd.sex("medical_records", me["person"].to_numpy())
    male = people.male[me["person"].to_numpy()]
    chinese_sex = (h_u < 0.2) & (sex != None)  # noqa: E711 - elementwise on object array
    sex[chinese_sex] = np.where(male[chinese_sex], "男", "女")
    unknown = (np.array([i is None for i in idn])) & (me["disposition"].to_numpy() == "died") \
        & (r.random(me.height) < 0.25)
    nm = [("无名氏" if u else n) for n, u in zip(nm, unknown, strict=True)]
    age = _age(birth, me["on"].to_numpy()).astype(object)
    age[(r.random(me.height) < 0.03) | unknown] = None
    dstyle = pl.Series(np.where(h_u < 0.7, 2, 1))
    emp = me["employer"].to_numpy()
    tables["medical_records"] = me.with_columns(
        pl.Series("name", nm), pl.Series("id_number", idn, pl.String),
        _col("sex", sex, pl.String), _col("age", age, pl.Int64),
        pl.Series("hospital", hname),
        pl.Series("region_code", [hosp[h].region_code for h in me["hospital"]]),
        fmt_datetimes(pl.col("admitted_at"), pl.lit(dstyle)).alias("admitted_at"),
        fmt_datetimes(pl.col("discharged_at"), pl.lit(dstyle)).alias("discharged_at"),
        pl.Series("employer_name", rd.employer_names(emp, _MED_NAME), pl.String),
    ).with_columns(
        # still in hospital at extraction: no discharge yet
        pl.when(pl.col("discharged_at").is_not_null() & pl.Series(
            me["discharged_at"].to_numpy() > population.END.astype("datetime64[us]")))
        .then(None).otherwise(pl.col("discharged_at")).alias("discharged_at"),
    ).select(["record_id", "name", "id_number", "sex", "age", "hospital", "region_code",
              "admitted_at", "discharged_at", "diagnosis_icd10", "external_cause_icd10",
              "disposition", "payer", "employer_name"])

    # employment
    em = assign_ids(pre["employment"], ["start_date"], "CB", 10, r)
    nm, idn, _ = person_part("employment", em, use_borrowed=True)
    emp = em["employer"].to_numpy()
    ind = ent.industry[emp].astype(object)
    ind[r.random(em.height) < 0.1] = None
    nm_out = pl.Series("name", nm).set(pl.Series(r.random(em.height) < 0.03), None)
    tables["employment"] = em.with_columns(
        pl.Series("id_number", idn, pl.String), nm_out,
        pl.Series("employer_name", rd.employer_names(emp, _EMP_NAME)),
        pl.Series("employer_uscc", [rd.employer_uscc(int(e), 0.05, 0.01) for e in emp],
                  pl.String),
        _col("industry", ind, pl.String),
    ).select(["record_id", "id_number", "name", "employer_name", "employer_uscc", "industry",
              "start_date", "end_date"])
    # employment must carry an ID number: a missing one cannot be enrolled
    assert tables["employment"]["id_number"].null_count() == 0

    # enterprise register
    # about 2 % of the register's codes fail their own check (mistyped at registration)
    bad = set(r.choice(len(ent), max(1, round(0.02 * len(ent))), replace=False).tolist())
    reg_uscc = [rd.employer_uscc(i, 0.0, 1.0) if i in bad else str(u)
                for i, u in enumerate(ent.uscc)]
    tables["enterprises"] = pl.DataFrame({
        "uscc": reg_uscc, "name": ent.name.astype(str), "industry": ent.industry.astype(str),
        "region_code": ent.region.astype(str), "high_risk": ent.high_risk.astype(bool)})
    if tables["enterprises"]["uscc"].n_unique() != len(ent):
        tables["enterprises"] = tables["enterprises"].unique("uscc", keep="first",
                                                             maintain_order=True)

    for src in SOURCES:
        _write(tables[src], out, src)

    # truth
    t = out / "truth"
    pl.concat(rp).write_parquet(t / "record_person.parquet", statistics=False)
    ti = pl.DataFrame(inc.incidents, infer_schema_length=None).sort("occurred_on", "incident_id")
    ti = ti.with_columns(
        pl.col("incident_id").replace_strict(acc_id, default=None).alias("accident_record_id"),
        pl.Series("employer_uscc", ent.uscc[ti["employer"].to_numpy()].astype(str)),
        pl.col("true_deaths").cast(pl.Int64), pl.col("reported_deaths").cast(pl.Int64))
    ti.select(["incident_id", "accident_record_id", "kind", "true_deaths", "reported_deaths",
               "employer_uscc", "occurred_on"]).write_parquet(t / "incidents.parquet",
                                                               statistics=False)
    ip = pl.DataFrame(inc.incident_person, schema={"incident_id": pl.String, "person": pl.Int64,
                                                   "outcome": pl.String,
                                                   "reported_outcome": pl.String})
    ip = ip.with_columns(pl.Series("person_id", _pid(ip["person"].to_numpy()))).sort(
        "incident_id", "person_id")
    ip.select(["incident_id", "person_id", "outcome", "reported_outcome"]).write_parquet(
        t / "incident_person.parquet", statistics=False)
    dt = deaths.select(pl.Series("person_id", _pid(deaths["person"].to_numpy())),
                       pl.col("group").replace_strict(traces.DEATH_CLASS).alias("death_class"),
                       "incident_id").sort("person_id")
    dt.write_parquet(t / "deaths.parquet", statistics=False)

    kinds = dict(zip(ti["incident_id"], ti["kind"], strict=True))
    hidden = ip.filter(pl.col("outcome") == "death",
                       pl.col("incident_id").replace_strict(kinds) != "reported",
                       pl.col("reported_outcome").is_null()
                       | (pl.col("reported_outcome") != "death"))
    groups = deaths.filter(pl.col("group").str.starts_with("hidden"))
    shared = pl.Series(people.id18.tolist()).is_duplicated().sum()
    return {
        "rows": {src: tables[src].height for src in SOURCES},
        "hidden_deaths": hidden.height,
        "incidents": {k: int(v) for k, v in ti["kind"].value_counts().iter_rows()},
        "hidden_patterns": dict(sorted(groups["group"].value_counts().iter_rows())),
        "deaths": dict(sorted(dt["death_class"].value_counts().iter_rows())),
        "persons_sharing_an_id": int(shared),
        "id_kinds": id_kinds,
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--out", required=True)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args(argv)
    t0 = time.time()
    stats = generate(a.out, scale=a.scale, seed=a.seed)
    stats.pop("id_kinds")
    stats["seconds"] = round(time.time() - t0, 1)
    stats["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(stats, ensure_ascii=False))


if __name__ == "__main__":
    main()
