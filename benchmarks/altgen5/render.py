"""Turn the simulated world into the contract's files: noise, formats, encodings, truth."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl

from .ident import corrupt_id, corrupt_uscc
from .names import NAME_NOISE_KINDS, NAME_NOISE_P, noisy_name
from .sim import World, days_to_date, secs_to_datetime

ID_KINDS = ["clean", "missing", "legacy15", "wrong_check", "typo1", "typo2", "transposed",
            "valid_corrupt", "borrowed"]
# per source: probabilities of the non-clean kinds (missing, legacy15, wrong_check, typo1, typo2,
# transposed, valid_corrupt, borrowed), the share of X-final IDs written with a lower-case x,
# name-noise rate, duplicate-row rate
NOISE: dict[str, tuple[list[float], float, float, float]] = {
    "accident_victims": ([.06, .01, .012, .012, .004, .006, .003, .005], .3, .03, 0.0),
    "deregistrations": ([.01, .006, .003, .004, .001, .002, .001, 0], .05, .015, .003),
    "cremations": ([.25, .03, .03, .03, .01, .015, .005, 0], .3, .06, .006),
    "injury_claims": ([.01, .005, .008, .01, .003, .005, .002, 0], .2, .03, .005),
    "medical_records": ([.0, .02, .02, .02, .005, .01, .003, 0], .4, .05, .01),
    "employment": ([0, .005, .005, .008, .002, .004, .002, .002], .1, .02, .003),
}
USCC_KINDS = ["ok", "missing", "typo", "lower", "letter_o", "space"]
SEX_STYLE = {"accident_victims": ("M", "F", .02), "deregistrations": ("男", "女", .005),
             "cremations": ("M", "F", .1), "injury_claims": ("男", "女", .02),
             "medical_records": ("1", "2", .03)}


def _people_cols(w: World, df: pl.DataFrame, source: str, rng: np.random.Generator
                 ) -> pl.DataFrame:
    persons = df["person"].to_numpy()
    n = len(persons)
    probs, lower_p, name_p, _ = NOISE[source]
    names = w.pop.arr("names")[persons].astype(object)
    ids = w.pop.arr("ids")[persons].astype(object)
    male = w.pop.arr("male")[persons]
    # names
    for i in np.flatnonzero(rng.random(n) < name_p):
        kind = NAME_NOISE_KINDS[int(rng.choice(len(NAME_NOISE_KINDS), p=NAME_NOISE_P))]
        names[i] = noisy_name(str(names[i]), kind, rng)
    # identifiers
    p_clean = 1 - sum(probs)
    kinds = rng.choice(len(ID_KINDS), n, p=[p_clean, *probs])
    if "id_miss_p" in df.columns:
        extra = rng.random(n) < df["id_miss_p"].to_numpy()
        kinds[extra] = 1
    all_ids = w.pop.arr("ids")
    for i in np.flatnonzero(kinds > 0):
        k = ID_KINDS[int(kinds[i])]
        if k == "borrowed":
            ids[i] = str(all_ids[int(rng.integers(0, len(all_ids)))])
        else:
            ids[i] = corrupt_id(str(ids[i]), k, rng)
    xs = np.flatnonzero((kinds == 0) & np.array([str(x).endswith("X") for x in ids]))
    for i in xs[rng.random(len(xs)) < lower_p]:
        ids[i] = str(ids[i])[:17] + "x"
    if "anon" in df.columns:
        anon = df["anon"].to_numpy()
        names[anon] = "无名氏"
        ids[anon] = None
    out = df.with_columns(pl.Series("name", names.tolist(), dtype=pl.Utf8),
                          pl.Series("id_number", ids.tolist(), dtype=pl.Utf8))
    if source in SEX_STYLE:
        m, f, miss = SEX_STYLE[source]
        sex = np.where(male, m, f).astype(object)
        sex[rng.random(n) < miss] = None
        out = out.with_columns(pl.Series("sex", sex.tolist(), dtype=pl.Utf8))
    return out


def _dups(df: pl.DataFrame, p: float, rng: np.random.Generator) -> pl.DataFrame:
    mask = rng.random(df.height) < p
    if not mask.any():
        return df
    return pl.concat([df, df.filter(pl.Series(mask))], how="vertical")


def _order_and_ids(df: pl.DataFrame, by: str, prefix: str, width: int,
                   rng: np.random.Generator) -> pl.DataFrame:
    df = df.with_columns(pl.Series("_r", rng.random(df.height))).sort([by, "_r"]).drop("_r")
    return df.with_columns(
        (pl.lit(prefix) + pl.int_range(1, df.height + 1).cast(pl.Utf8).str.zfill(width))
        .alias("record_id"))


def fmt_date(col: str, style: pl.Expr) -> pl.Expr:
    d = pl.col(col).cast(pl.Int32).cast(pl.Date)
    return (pl.when(style == "slash").then(d.dt.strftime("%Y/%-m/%-d"))
            .when(style == "compact").then(d.dt.strftime("%Y%m%d"))
            .when(style == "cjk").then(d.dt.strftime("%Y年%-m月%-d日"))
            .otherwise(d.dt.strftime("%Y-%m-%d")).alias(col))


def _age(w: World, persons: pl.Series, at_days: pl.Series) -> pl.Series:
    birth = w.pop.arr("birth")[persons.to_numpy()]
    at = at_days.fill_null(0).to_numpy()
    return pl.Series(np.floor((at - birth) / 365.25).astype(np.int64))


def _null_some(s: pl.Series, p: float, rng: np.random.Generator) -> pl.Series:
    return s.set(pl.Series(rng.random(len(s)) < p), None) if len(s) else s  # type: ignore[arg-type]


def _uscc_noise(codes: pl.Series, probs: list[float], rng: np.random.Generator) -> pl.Series:
    vals = codes.to_list()
    kinds = rng.choice(len(USCC_KINDS), len(vals), p=[1 - sum(probs), *probs])
    for i in np.flatnonzero(kinds > 0):
        if vals[i] is not None:
            vals[i] = corrupt_uscc(vals[i], USCC_KINDS[int(kinds[i])], rng)
    return pl.Series(codes.name, vals, dtype=pl.Utf8)


def _frame(w: World, source: str) -> pl.DataFrame:
    parts = list(w.recs.get(source, []))
    rows = w.rows.get(source, [])
    if rows:
        parts.append(pl.DataFrame(rows, infer_schema_length=None))
    return pl.concat(parts, how="diagonal_relaxed")


def write_csv(df: pl.DataFrame, path: Path, encoding: str) -> None:
    text = df.write_csv(null_value="")
    if encoding == "utf-8-sig":
        path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    else:
        path.write_bytes(text.encode(encoding))


def render(w: World, out: Path) -> dict[str, int]:
    rng = w.rng
    g = w.geo
    ent = w.ent
    out.mkdir(parents=True, exist_ok=True)
    (out / "truth").mkdir(exist_ok=True)
    rp: list[pl.DataFrame] = []
    counts: dict[str, int] = {}

    def keep_truth(df: pl.DataFrame, source: str) -> None:
        rp.append(df.select(pl.lit(source).alias("source"), "record_id",
                            pl.format("P{}", pl.col("person").cast(pl.Utf8).str.zfill(8))
                            .alias("person_id")))
        counts[source] = df.height

    city_style = {c: s for c, s in zip(g.city_codes, ["iso", "iso", "slash", "iso", "slash", "iso",
                                                      "iso", "iso", "slash", "iso", "iso"],
                                       strict=True)}

    # ---------------------------------------------------------------- accidents
    acc = pl.DataFrame(w.accidents, infer_schema_length=None)
    acc = acc.with_columns(pl.Series("_r", rng.random(acc.height))).sort(["occurred_at", "_r"])
    yr = secs_to_datetime(acc["occurred_at"].to_numpy()).dt.year().cast(pl.Utf8)
    acc = acc.with_columns(
        (pl.lit("AQ") + pl.Series(yr) + pl.lit("-")
         + pl.col("region_code").str.slice(0, 4) + pl.lit("-")
         + pl.int_range(1, acc.height + 1).cast(pl.Utf8).str.zfill(5)).alias("record_id"))
    acc_id = dict(zip(acc["key"].to_list(), acc["record_id"].to_list(), strict=True))
    e = acc["enterprise"].to_numpy()
    r = rng.random(acc.height)
    ename = np.where(r < 0.85, ent.name[e], ent.alt[e])
    style = pl.Series([city_style[c[:4]] for c in acc["region_code"].to_list()])
    acc_out = acc.with_columns(
        secs_to_datetime(acc["occurred_at"].to_numpy()).alias("occ"),
        secs_to_datetime(acc["reported_at"].to_numpy()).alias("rep"),
        pl.Series("enterprise_name", ename),
        _uscc_noise(pl.Series("enterprise_uscc", ent.uscc[e]), [.04, .02, .01, .005, .003], rng),
        pl.Series("_style", style))
    acc_out = acc_out.with_columns(
        pl.when(pl.col("_style") == "slash").then(pl.col("occ").dt.strftime("%Y/%-m/%-d %H:%M:%S"))
        .otherwise(pl.col("occ").dt.strftime("%Y-%m-%d %H:%M")).alias("occurred_at"),
        pl.when(pl.col("_style") == "slash").then(pl.col("rep").dt.strftime("%Y/%-m/%-d %H:%M:%S"))
        .otherwise(pl.col("rep").dt.strftime("%Y-%m-%d %H:%M")).alias("reported_at"))
    acc_out = acc_out.select("record_id", "occurred_at", "reported_at", "region_code", "address",
                             "enterprise_name", "enterprise_uscc", "industry", "accident_type",
                             "reported_deaths", "reported_serious_injuries",
                             "reported_minor_injuries",
                             pl.col("direct_loss_10k_yuan").cast(pl.Float64))
    write_csv(acc_out, out / "accidents.csv", "utf-8")
    counts["accidents"] = acc_out.height

    # ---------------------------------------------------------------- victims
    src = "accident_victims"
    v = _dups(_frame(w, src), NOISE[src][3], rng)
    v = v.with_columns(pl.Series("accident_id", [acc_id[k] for k in v["acc"].to_list()]))
    v = v.with_columns(pl.Series("_r", rng.random(v.height))).sort(["accident_id", "_r"])
    v = v.with_columns((pl.col("accident_id") + pl.lit("-")
                        + (pl.int_range(1, pl.len() + 1).over("accident_id"))
                        .cast(pl.Utf8).str.zfill(2)).alias("record_id"))
    v = _people_cols(w, v, src, rng)
    write_csv(v.select("record_id", "accident_id", "name", "id_number", "sex",
                       pl.col("age").cast(pl.Int64), "outcome"), out / f"{src}.csv", "utf-8")
    keep_truth(v, src)

    # ---------------------------------------------------------------- deregistrations
    src = "deregistrations"
    d = _dups(_frame(w, src), NOISE[src][3], rng)
    d = _order_and_ids(d, "deregistered_on", "HJ", 9, rng)
    d = _people_cols(w, d, src, rng)
    hk = w.pop.arr("hukou")[d["person"].to_numpy()]
    birth = pl.Series(w.pop.arr("birth")[d["person"].to_numpy()])
    d = d.with_columns(pl.Series("region_code", hk), _null_some(birth, 0.1, rng).alias("birth_date"),
                       pl.Series("_style", ["compact" if c[:4] in ("1404", "1405", "1407", "1410")
                                            else "iso" for c in hk.tolist()]))
    d = d.with_columns(_null_some(d["death_date"].cast(pl.Int64), 0.03, rng).alias("death_date"))
    d_out = d.select("record_id", "name", "id_number", "sex",
                     *[fmt_date(c, pl.col("_style")) for c in ("birth_date", "death_date",
                                                              "deregistered_on")],
                     "region_code", "reason", "death_cause")
    d_out = d_out.select("record_id", "name", "id_number", "sex", "birth_date", "death_date",
                         "deregistered_on", "region_code", "reason", "death_cause")
    write_csv(d_out, out / f"{src}.csv", "gb18030")
    keep_truth(d, src)

    # ---------------------------------------------------------------- cremations
    src = "cremations"
    c = _dups(_frame(w, src), NOISE[src][3], rng)
    c = _order_and_ids(c, "cremated_on", "BY", 9, rng)
    c = _people_cols(w, c, src, rng)
    fh = c["funeral"].to_numpy()
    styles = ["iso", "slash", "cjk", "iso", "compact"]
    age = _age(w, c["person"], c["death_date"])
    nominal = rng.random(c.height) < 0.15  # 虚岁: nominal age, one more
    age = pl.Series(np.where(nominal, age.to_numpy() + 1, age.to_numpy()))
    c = c.with_columns(
        pl.Series("funeral_home", [g.funeral_homes[i][0] for i in fh.tolist()]),
        pl.Series("region_code", [g.funeral_homes[i][1] for i in fh.tolist()]),
        _null_some(age, 0.08, rng).alias("age"),
        pl.Series("_style", [styles[i % len(styles)] for i in fh.tolist()]),
        _null_some(c["death_date"].cast(pl.Int64), 0.05, rng).alias("death_date"))
    c_out = c.select("record_id", "name", "id_number", "sex", "age",
                     fmt_date("death_date", pl.col("_style")),
                     fmt_date("cremated_on", pl.col("_style")), "funeral_home", "region_code",
                     "death_cause", "certificate_issuer", "body_origin")
    write_csv(c_out, out / f"{src}.csv", "utf-8-sig")
    keep_truth(c, src)

    # ---------------------------------------------------------------- injury claims
    src = "injury_claims"
    cl = _dups(_frame(w, src), NOISE[src][3], rng)
    cl = _order_and_ids(cl, "applied_on", "GS", 8, rng)
    cl = _people_cols(w, cl, src, rng)
    cstyle = pl.Series("_style", ["slash" if x[:4] in ("1408", "1411") else "iso"
                                  for x in cl["region_code"].to_list()])
    cl = cl.with_columns(cstyle, _uscc_noise(cl["employer_uscc"], [.12, .02, .01, .005, .003], rng),
                         pl.format("{}市人力资源和社会保障局",
                                   pl.col("region_code").str.slice(0, 4)
                                   .replace_strict(g.city_names, default="")).alias("agency"))
    cl_out = cl.select("record_id", "name", "id_number", "sex", "employer_name", "employer_uscc",
                       *[fmt_date(x, pl.col("_style")) for x in ("injury_date", "applied_on",
                                                                "decided_on")],
                       "outcome", "injury_description", "region_code", "agency")
    write_csv(cl_out, out / f"{src}.csv", "utf-8")
    keep_truth(cl, src)

    # ---------------------------------------------------------------- medical records
    src = "medical_records"
    m = _dups(_frame(w, src), NOISE[src][3], rng)
    m = _order_and_ids(m, "admitted_at", "ZY", 10, rng)
    m = _people_cols(w, m, src, rng)
    hi = m["hospital"].to_numpy()
    age_m = _age(w, m["person"], m["admitted_at"] // 86400)
    dis = m["discharged_at"].to_numpy().astype(np.int64)
    dis_null = (rng.random(m.height) < 0.02) & (m["disposition"] == "discharged").to_numpy()
    m = m.with_columns(
        pl.Series("hospital_name", [g.hospitals[i][0] for i in hi.tolist()]),
        pl.Series("region_code", [g.hospitals[i][1] for i in hi.tolist()]),
        _null_some(age_m, 0.03, rng).alias("age"),
        secs_to_datetime(m["admitted_at"].to_numpy()).alias("admitted_at"),
        secs_to_datetime(np.where(dis_null, 0, dis)).alias("discharged_at"),
        pl.Series("_dn", dis_null))
    m = m.with_columns(pl.when(pl.col("_dn")).then(None).otherwise(pl.col("discharged_at"))
                       .alias("discharged_at"))
    m_out = m.select("record_id", "name", "id_number", "sex", pl.col("age").cast(pl.Int64),
                     pl.col("hospital_name").alias("hospital"), "region_code", "admitted_at",
                     "discharged_at", "diagnosis_icd10", "external_cause_icd10", "disposition",
                     "payer", "employer_name")
    m_out.write_parquet(out / f"{src}.parquet", statistics=False)
    keep_truth(m, src)

    # ---------------------------------------------------------------- employment
    from .background import employment_frame

    src = "employment"
    em = _dups(employment_frame(w), NOISE[src][3], rng)
    em = _order_and_ids(em, "start_date", "SB", 10, rng)
    em = _people_cols(w, em, src, rng)
    ei = em["employer"].to_numpy()
    rn = rng.random(em.height)
    ind = ent.industry[ei].astype(object)
    ind[rng.random(em.height) < 0.1] = None
    names = em["name"].to_numpy().astype(object)
    names[rng.random(em.height) < 0.05] = None
    idn = em["id_number"].to_list()
    em = em.with_columns(
        pl.Series("name", names.tolist(), dtype=pl.Utf8),
        pl.Series("id_number", [x if x is not None else str(w.pop.arr("ids")[p])
                                for x, p in zip(idn, em["person"].to_list(), strict=True)]),
        pl.Series("employer_name", np.where(rn < 0.95, ent.name[ei], ent.alt[ei])),
        _uscc_noise(pl.Series("employer_uscc", ent.uscc[ei]), [.02, .01, .005, .003, .002], rng),
        pl.Series("industry", ind.tolist(), dtype=pl.Utf8),
        days_to_date(em["start_date"].to_numpy()).alias("start_date"),
        pl.col("end_date").cast(pl.Int32).cast(pl.Date))
    em.select("record_id", "id_number", "name", "employer_name", "employer_uscc", "industry",
              "start_date", "end_date").write_parquet(out / f"{src}.parquet", statistics=False)
    keep_truth(em, src)

    # ---------------------------------------------------------------- enterprises
    n = ent.n_reg
    reg = pl.DataFrame({"uscc": ent.uscc[:n], "name": ent.name[:n], "industry": ent.industry[:n],
                        "region_code": ent.region[:n], "high_risk": ent.high_risk[:n]})
    write_csv(reg.sort("uscc"), out / "enterprises.csv", "utf-8")
    counts["enterprises"] = n

    # ---------------------------------------------------------------- truth
    pl.concat(rp).sort("source", "record_id").write_parquet(
        out / "truth" / "record_person.parquet", statistics=False)
    inc = pl.DataFrame(w.incidents, infer_schema_length=None)
    inc = inc.with_columns(
        pl.Series("accident_record_id", [None if k is None else acc_id[k]
                                         for k in inc["acc_key"].to_list()], dtype=pl.Utf8),
        pl.col("occurred_on").cast(pl.Int32).cast(pl.Date),
        pl.col("true_deaths").cast(pl.Int64), pl.col("reported_deaths").cast(pl.Int64),
        pl.col("employer_uscc").cast(pl.Utf8))
    inc.select("incident_id", "accident_record_id", "kind", "true_deaths", "reported_deaths",
               "employer_uscc", "occurred_on").sort("incident_id").write_parquet(
        out / "truth" / "incidents.parquet", statistics=False)
    ip = pl.DataFrame(w.incident_person, schema={"incident_id": pl.Utf8, "person": pl.Int64,
                                                 "outcome": pl.Utf8, "reported_outcome": pl.Utf8})
    ip.select("incident_id", pl.format("P{}", pl.col("person").cast(pl.Utf8).str.zfill(8))
              .alias("person_id"), "outcome", "reported_outcome").sort(
        "incident_id", "person_id").write_parquet(out / "truth" / "incident_person.parquet",
                                                  statistics=False)
    deaths = pl.concat([f.with_columns(pl.lit(None, dtype=pl.Utf8).alias("incident_id"))
                        for f in w.deaths] + [pl.DataFrame(
                            [{"person": x["person"], "death_class": x["death_class"],
                              "incident_id": x["incident_id"]} for x in w.incident_deaths],
                            schema={"person": pl.Int64, "death_class": pl.Utf8,
                                    "incident_id": pl.Utf8})], how="vertical_relaxed")
    deaths.select(pl.format("P{}", pl.col("person").cast(pl.Utf8).str.zfill(8)).alias("person_id"),
                  "death_class", "incident_id").sort("person_id").write_parquet(
        out / "truth" / "deaths.parquet", statistics=False)
    return counts
