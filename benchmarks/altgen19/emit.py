"""From the world's true records to the departments' files: noise, formats, keys and truth."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from . import geo
from .ident import corrupt_id, corrupt_uscc
from .incidents import Incident
from .names import NameNoise, noisy_names
from .world import EXPORT, Ctx, Ent

RAW: dict[str, dict[str, Any]] = {
    "accident_victims": {"acc": pl.Int64, "person_id": pl.Int64, "id_person": pl.Int64,
                         "outcome": pl.Utf8, "age_at": pl.Date},
    "deregistrations": {"person_id": pl.Int64, "id_person": pl.Int64, "death_date": pl.Date,
                        "dereg_date": pl.Date, "region": pl.Utf8, "reason": pl.Utf8,
                        "cause": pl.Utf8},
    "cremations": {"person_id": pl.Int64, "id_person": pl.Int64, "death_date": pl.Date,
                   "cremated_on": pl.Date, "fh": pl.Int64, "cause": pl.Utf8, "issuer": pl.Utf8,
                   "origin": pl.Utf8},
    "injury_claims": {"person_id": pl.Int64, "id_person": pl.Int64, "ent": pl.Int64,
                      "injury_date": pl.Date, "applied_on": pl.Date, "decided_on": pl.Date,
                      "outcome": pl.Utf8, "desc": pl.Utf8},
    "medical_records": {"person_id": pl.Int64, "id_person": pl.Int64, "hosp": pl.Int64,
                        "admitted_at": pl.Datetime("us"), "discharged_at": pl.Datetime("us"),
                        "diag": pl.Utf8, "ext": pl.Utf8, "disposition": pl.Utf8,
                        "payer": pl.Utf8, "emp_ent": pl.Int64, "emergency": pl.Boolean},
    "employment": {"person_id": pl.Int64, "id_person": pl.Int64, "ent": pl.Int64,
                   "start": pl.Date, "end": pl.Date},
}
PERSON_SOURCES = ["accident_victims", "deregistrations", "cremations", "injury_claims",
                  "medical_records", "employment"]
SOURCES = ["accidents", *PERSON_SOURCES, "enterprises"]

# probabilities of each way an ID number is written wrong, by source (lower_x: share of the
# IDs ending in X written with a lower-case x)
ID_NOISE: dict[str, dict[str, float]] = {
    "accident_victims": {"missing": 0.05, "typo1": 0.02, "transposed": 0.01,
                         "wrong_check": 0.005, "legacy15": 0.005, "lower_x": 0.3},
    "deregistrations": {"missing": 0.01, "legacy15": 0.015, "typo1": 0.007, "transposed": 0.003,
                        "wrong_check": 0.003, "valid_corrupt": 0.001, "lower_x": 0.1},
    "cremations": {"missing": 0.25, "typo1": 0.05, "transposed": 0.025, "wrong_check": 0.02,
                   "legacy15": 0.03, "typo2": 0.01, "valid_corrupt": 0.003, "lower_x": 0.4},
    "injury_claims": {"missing": 0.01, "typo1": 0.015, "transposed": 0.007, "wrong_check": 0.005,
                      "lower_x": 0.2},
    "medical_records": {"missing": 0.15, "typo1": 0.03, "transposed": 0.015, "wrong_check": 0.01,
                        "legacy15": 0.02, "typo2": 0.005, "lower_x": 0.3},
    "employment": {"typo1": 0.01, "transposed": 0.005, "wrong_check": 0.003,
                   "valid_corrupt": 0.001, "lower_x": 0.05},
}
NAME_NOISE: dict[str, NameNoise] = {
    "accident_victims": NameNoise(homophone=0.03, trad=0.005, mongol_variant=0.25, dot=0.05,
                                  space=0.01, drop=0.005),
    "deregistrations": NameNoise(homophone=0.005, mongol_variant=0.03, dot=0.03, space=0.005),
    "cremations": NameNoise(homophone=0.05, trad=0.015, mongol_variant=0.3, dot=0.05, space=0.02,
                            drop=0.015, pinyin=0.005),
    "injury_claims": NameNoise(homophone=0.02, trad=0.01, mongol_variant=0.15, dot=0.1,
                               space=0.01, pinyin=0.005, han_prefix=0.02),
    "medical_records": NameNoise(homophone=0.04, trad=0.01, mongol_variant=0.25, dot=0.05,
                                 space=0.03, drop=0.01, pinyin=0.02),
    "employment": NameNoise(homophone=0.01, mongol_variant=0.1, dot=0.15, space=0.005,
                            han_prefix=0.01),
}
SEX_STYLE = {"accident_victims": ("M", "F"), "deregistrations": ("男", "女"),
             "cremations": ("男", "女"), "injury_claims": ("M", "F"),
             "medical_records": ("1", "2")}
FORMAT_OPTIONS: dict[str, list[str]] = {
    "accidents": ["utf-8", "utf-8-sig", "parquet"],
    "accident_victims": ["utf-8", "utf-8-sig"],
    "deregistrations": ["gb18030"],
    "cremations": ["utf-8-sig", "gb18030"],
    "injury_claims": ["utf-8-sig", "parquet", "utf-8"],
    "medical_records": ["parquet", "utf-8"],
    "employment": ["parquet", "utf-8"],
    "enterprises": ["utf-8", "parquet", "gb18030"],
}
DATE_FMT = {"iso": "%Y-%m-%d", "slash": "%Y/%-m/%-d", "compact": "%Y%m%d",
            "cn": "%Y年%-m月%-d日"}
DATETIME_FMT = {"iso": "%Y-%m-%d %H:%M", "slash": "%Y/%-m/%-d %H:%M:%S",
                "isosec": "%Y-%m-%d %H:%M:%S"}


def choose_formats(pr: random.Random) -> dict[str, str]:
    return {src: opts[pr.randrange(len(opts))] for src, opts in FORMAT_OPTIONS.items()}


def pid_str(col: str = "person_id") -> pl.Expr:
    return pl.format("P{}", pl.col(col).cast(pl.Utf8).str.zfill(7))


def _raw(ctx: Ctx, src: str) -> pl.DataFrame:
    parts = []
    if ctx.rows.get(src):
        parts.append(pl.from_dicts(ctx.rows[src], schema=RAW[src]))
    schema: Any = RAW[src]
    parts += [f.select(list(RAW[src])).cast(schema) for f in ctx.frames.get(src, [])]
    return pl.concat(parts) if parts else pl.DataFrame(schema=RAW[src])


def _ent_variant(e: Ent, pr: random.Random, p_short: float, p_var: float) -> str:
    u = pr.random()
    if u < p_short:
        return e.short
    if u < p_short + p_var:
        name = e.name
        v = pr.randrange(4)
        if v == 0 and "有限责任公司" in name:
            return name.replace("有限责任公司", "有限公司")
        if v == 1 and "（" in name:
            return name.replace("（", "(").replace("）", ")")
        if v == 2:
            city = geo.county(e.region).city_name
            for pre in (city, geo.county(e.region).name, "内蒙古", "包头"):
                if name.startswith(pre):
                    return name[len(pre):]
            return "内蒙古" + name
        return name.replace("有限公司", "有限责任公司") if "有限责任" not in name else name
    return e.name


def _uscc_as_written(e: Ent, pr: random.Random, p_missing: float, p_typo: float) -> str | None:
    u = pr.random()
    if u < p_missing:
        return None
    if u < p_missing + p_typo:
        return corrupt_uscc(e.uscc, np.random.default_rng(pr.randrange(2**31)))
    return e.uscc


def employment_raw(ctx: Ctx) -> None:
    """Social-insurance spells of enrolled workers (ended by leaving or death, or backdated),
    their earlier and later spells elsewhere, on a borrowed ID where one was used."""
    pr = ctx.pr
    w = ctx.workers.filter(pl.col("enrolled"))
    rows: list[dict[str, Any]] = []
    n_ent = len(ctx.ents)
    floor = dt.date(2023, 1, 1)
    for pid, ent, start, leave in w.select("person_id", "ent", "start", "leave").iter_rows():
        end = leave
        if pid in ctx.spell_end:
            end = ctx.spell_end[pid] if end is None else min(end, ctx.spell_end[pid])
        if end is not None and end > EXPORT:
            end = None
        if end is not None and end < start:
            end = start + dt.timedelta(days=pr.randint(1, 20))
        id_person = ctx.borrowed.get(pid, pid)
        if end is None or end >= floor:
            rows.append({"person_id": pid, "id_person": id_person, "ent": ent, "start": start,
                         "end": end})
        if start >= dt.date(2022, 1, 1) and pr.random() < 0.4:
            pe = start - dt.timedelta(days=pr.randint(1, 60))
            if pe >= floor:
                rows.append({"person_id": pid, "id_person": pid, "ent": pr.randrange(n_ent),
                             "start": pe - dt.timedelta(days=pr.randint(180, 1500)), "end": pe})
        if leave is not None and pid not in ctx.spell_end and pr.random() < 0.3:
            ns = leave + dt.timedelta(days=pr.randint(5, 90))
            if ns <= EXPORT:
                rows.append({"person_id": pid, "id_person": pid, "ent": pr.randrange(n_ent),
                             "start": ns, "end": None})
    ctx.rows["employment"] = rows


def _duplicates(df: pl.DataFrame, share: float, rng: np.random.Generator,
                tweak: dict[str, pl.Expr]) -> pl.DataFrame:
    """Rows re-exported in a later batch (a new key, small differences)."""
    k = round(df.height * share)
    if k == 0:
        return df
    idx = np.sort(rng.choice(df.height, size=k, replace=False))
    dup = df[idx].with_columns(**tweak)
    return pl.concat([df, dup])


def _ids(ctx: Ctx, df: pl.DataFrame, src: str, people: pl.DataFrame,
         rng: np.random.Generator) -> tuple[list[str | None], list[str]]:
    """ID numbers as the source writes them and the kind of each."""
    id18 = people["id18"].to_list()
    dup = people["dup_id"].to_list()
    born = people["birth"].to_list()
    noise = ID_NOISE[src]
    kinds = [k for k in noise if k != "lower_x"]
    probs = np.array([noise[k] for k in kinds])
    cum = np.cumsum(probs)
    u = rng.random(df.height)
    u2 = rng.random(df.height)
    out: list[str | None] = []
    kind_out: list[str] = []
    for i, (pid, ip) in enumerate(zip(df["person_id"].to_list(), df["id_person"].to_list(),
                                      strict=True)):
        s = id18[ip]
        base = "borrowed" if ip != pid else "duplicate" if dup[ip] else "clean"
        j = int(np.searchsorted(cum, u[i], side="right"))
        if j < len(kinds):
            k = kinds[j]
            if k == "legacy15" and born[ip] >= dt.date(2000, 1, 1):
                k = "typo1"
            v, k2 = corrupt_id(s, k, rng)
            out.append(v)
            kind_out.append(k2 if k2 != "clean" else base)
        elif s.endswith("X") and u2[i] < noise.get("lower_x", 0.0):
            out.append(s[:17] + "x")
            kind_out.append("lower_x")
        else:
            out.append(s)
            kind_out.append(base)
    return out, kind_out


def _people_cols(df: pl.DataFrame, people: pl.DataFrame, name_col: str = "person_id"
                 ) -> pl.DataFrame:
    p = people.select(pl.col("person_id").alias(name_col), "raw_name", "mongol")
    q = people.select(pl.col("person_id").alias("id_person"), "male", "birth")
    return df.join(p, on=name_col, how="left", maintain_order="left").join(
        q, on="id_person", how="left", maintain_order="left")


def _names(df: pl.DataFrame, src: str, rng: np.random.Generator) -> pl.Series:
    raw = np.array(df["raw_name"].to_list(), dtype=object)
    mon = df["mongol"].to_numpy()
    return pl.Series("name", noisy_names(raw, mon, NAME_NOISE[src], rng).tolist(), dtype=pl.Utf8)


def _sex(df: pl.DataFrame, src: str, empty: float, rng: np.random.Generator) -> pl.Series:
    m, f = SEX_STYLE[src]
    vals = np.where(df["male"].to_numpy(), m, f).astype(object)
    vals[rng.random(df.height) < empty] = None
    return pl.Series("sex", vals.tolist(), dtype=pl.Utf8)


def _age(df: pl.DataFrame, at: str, null: float, rng: np.random.Generator,
         nominal: float = 0.0) -> pl.Series:
    days = (df[at].cast(pl.Date) - df["birth"]).dt.total_days().to_numpy()
    age = np.floor(days / 365.25).astype(np.int64) + (rng.random(df.height) < nominal)
    s = pl.Series("age", age, dtype=pl.Int64)
    mask = pl.Series(rng.random(df.height) < null) | df[at].is_null()
    return pl.select(pl.when(mask).then(None).otherwise(s).alias("age"))["age"]


def _style_by_key(keys: pl.Series, pr: random.Random, styles: list[tuple[str, float]]
                  ) -> pl.Series:
    uniq = sorted(set(keys.drop_nulls().to_list()))
    names = [s for s, _ in styles]
    w = [x for _, x in styles]
    table = {k: pr.choices(names, weights=w)[0] for k in uniq}
    return keys.replace_strict(table, default=names[0], return_dtype=pl.Utf8)


def _fmt_dates(df: pl.DataFrame, cols: list[str], style: pl.Series, datetime: bool = False
               ) -> pl.DataFrame:
    fmts = DATETIME_FMT if datetime else DATE_FMT
    st = style.alias("_style")
    df = df.with_columns(st)
    exprs = []
    for c in cols:
        e: Any = None
        for k, f in fmts.items():
            cond = pl.col("_style") == k
            val = pl.col(c).dt.strftime(f)
            e = pl.when(cond).then(val) if e is None else e.when(cond).then(val)
        exprs.append(e.otherwise(None).alias(c))
    return df.with_columns(exprs).drop("_style")


def _seq(df: pl.DataFrame, by: list[str]) -> pl.Series:
    return df.select(pl.int_range(1, pl.len() + 1).over(by).alias("_seq"))["_seq"]


def build(ctx: Ctx, incidents: list[Incident], formats: dict[str, str]
          ) -> tuple[dict[str, pl.DataFrame], dict[str, pl.DataFrame], dict[str, pl.DataFrame]]:
    """The eight source tables (typed), the truth tables and each person record's ID kind."""
    rng = np.random.default_rng(ctx.pr.randrange(2**63))
    pr = ctx.pr
    people = ctx.people.finalize(rng, ctx.dup_pairs)
    ents = ctx.ents
    out: dict[str, pl.DataFrame] = {}
    kinds: dict[str, pl.DataFrame] = {}

    # --- accidents
    acc_rows = []
    on_file = [inc for inc in incidents if inc.kind != "concealed"]
    on_file.sort(key=lambda i: (i.at, i.idx))
    acc_id: dict[int, str] = {}
    per_region: dict[str, int] = {}
    for inc in on_file:
        per_region[inc.county] = per_region.get(inc.county, 0) + 1
        rid = f"AQ2024{inc.county}{per_region[inc.county]:03d}"
        acc_id[inc.idx] = rid
        named = [c for c in inc.casualties if c.reported is not None or c.ghost is not None]
        deaths = sum(1 for c in named if (c.reported or "death") == "death")
        serious = sum(1 for c in named if c.reported == "serious_injury")
        minor = sum(1 for c in named if c.reported == "minor_injury")
        u = pr.random()
        delay = dt.timedelta(minutes=pr.randint(15, 58)) if u < 0.85 else \
            dt.timedelta(minutes=pr.randint(61, 360)) if u < 0.96 else \
            dt.timedelta(hours=pr.randint(7, 60))
        loss = deaths * pr.uniform(120, 230) + serious * pr.uniform(10, 45) + \
            minor * pr.uniform(1, 6) + pr.uniform(3, 120)
        grp = {"openpit": "采场", "underground": "综采工作面"}.get(inc.ent.kind, "作业现场")
        place = geo.place_name(pr, inc.county) if inc.ent.kind != "haulier" else \
            geo.ROADS[pr.randrange(len(geo.ROADS))]
        acc_rows.append({
            "record_id": rid,
            "occurred_at": inc.at,
            "reported_at": inc.at + delay,
            "region_code": inc.county,
            "address": f"{geo.county(inc.county).name}{place}{inc.resp.short}{grp}"
            if inc.ent.kind != "haulier" else f"{geo.county(inc.county).name}{place}",
            "enterprise_name": _ent_variant(inc.resp, pr, 0.15, 0.15),
            "enterprise_uscc": _uscc_as_written(inc.resp, pr, 0.1, 0.04),
            "industry": inc.industry,
            "accident_type": inc.accident_type,
            "reported_deaths": deaths,
            "reported_serious_injuries": serious,
            "reported_minor_injuries": minor,
            "direct_loss_10k_yuan": None if pr.random() < 0.1 else round(loss, 1),
        })
    acc = pl.DataFrame(acc_rows, schema={
        "record_id": pl.Utf8, "occurred_at": pl.Datetime("us"), "reported_at": pl.Datetime("us"),
        "region_code": pl.Utf8, "address": pl.Utf8, "enterprise_name": pl.Utf8,
        "enterprise_uscc": pl.Utf8, "industry": pl.Utf8, "accident_type": pl.Utf8,
        "reported_deaths": pl.Int64, "reported_serious_injuries": pl.Int64,
        "reported_minor_injuries": pl.Int64, "direct_loss_10k_yuan": pl.Float64})
    out["accidents"] = acc

    # --- accident victims
    av = _raw(ctx, "accident_victims")
    av = av.with_columns(pl.col("acc").replace_strict(acc_id, return_dtype=pl.Utf8)
                         .alias("accident_id"))
    borrowed = ctx.borrowed
    av = av.with_columns(pl.col("person_id").replace(borrowed).alias("id_person"))
    av = _people_cols(av, people)
    av = av.with_columns(_key=pl.Series(rng.random(av.height))).sort("accident_id", "_key")
    av = av.with_columns(pl.format("{}-{}", "accident_id",
                                   _seq(av, ["accident_id"]).cast(pl.Utf8).str.zfill(2))
                         .alias("record_id"))
    ids, kk = _ids(ctx, av, "accident_victims", people, rng)
    out["accident_victims"] = pl.DataFrame({
        "record_id": av["record_id"], "accident_id": av["accident_id"],
        "name": _names(av, "accident_victims", rng), "id_number": pl.Series(ids, dtype=pl.Utf8),
        "sex": _sex(av, "accident_victims", 0.03, rng),
        "age": _age(av, "age_at", 0.05, rng), "outcome": av["outcome"]})
    kinds["accident_victims"] = pl.DataFrame({"record_id": av["record_id"], "kind": kk})
    truth_rp = [av.select(pl.lit("accident_victims").alias("source"), "record_id",
                          pid_str().alias("person_id"))]

    # --- deregistrations
    dr = _raw(ctx, "deregistrations")
    dr = _duplicates(dr, 0.008, rng, {"cause": pl.lit(None, pl.Utf8),
                                      "dereg_date": pl.min_horizontal(
                                          pl.col("dereg_date") + pl.duration(days=3),
                                          pl.lit(EXPORT))})
    dr = _people_cols(dr, people)
    dr = dr.with_columns(_key=pl.Series(rng.random(dr.height))).sort("region", "dereg_date",
                                                                     "_key")
    dr = dr.with_columns(pl.col("dereg_date").dt.strftime("%Y%m").alias("_m"))
    dr = dr.with_columns(pl.format("ZX{}{}{}", "region", "_m",
                                   _seq(dr, ["region", "_m"]).cast(pl.Utf8).str.zfill(5))
                         .alias("record_id"))
    ids, kk = _ids(ctx, dr, "deregistrations", people, rng)
    out["deregistrations"] = pl.DataFrame({
        "record_id": dr["record_id"], "name": _names(dr, "deregistrations", rng),
        "id_number": pl.Series(ids, dtype=pl.Utf8), "sex": _sex(dr, "deregistrations", 0.002, rng),
        "birth_date": dr["birth"], "death_date": dr["death_date"],
        "deregistered_on": dr["dereg_date"], "region_code": dr["region"],
        "reason": dr["reason"], "death_cause": dr["cause"]})
    kinds["deregistrations"] = pl.DataFrame({"record_id": dr["record_id"], "kind": kk})
    truth_rp.append(dr.select(pl.lit("deregistrations").alias("source"), "record_id",
                              pid_str().alias("person_id")))

    # --- cremations
    cr = _raw(ctx, "cremations")
    cr = _duplicates(cr, 0.005, rng, {"origin": pl.lit(None, pl.Utf8)})
    cr = _people_cols(cr, people)
    cr = cr.with_columns(_key=pl.Series(rng.random(cr.height))).sort("fh", "cremated_on", "_key")
    fh_code = {i: f.code for i, f in enumerate(geo.FUNERAL_HOMES)}
    fh_name = {i: f.name for i, f in enumerate(geo.FUNERAL_HOMES)}
    fh_region = {i: f.region for i, f in enumerate(geo.FUNERAL_HOMES)}
    cr = cr.with_columns(pl.format("{}-{}", pl.col("fh").replace_strict(fh_code, return_dtype=pl.Utf8),
                                   _seq(cr, ["fh"]).cast(pl.Utf8).str.zfill(6)).alias("record_id"))
    ids, kk = _ids(ctx, cr, "cremations", people, rng)
    cr_age_at = cr.with_columns(pl.coalesce("death_date", "cremated_on").alias("_at"))
    out["cremations"] = pl.DataFrame({
        "record_id": cr["record_id"], "name": _names(cr, "cremations", rng),
        "id_number": pl.Series(ids, dtype=pl.Utf8), "sex": _sex(cr, "cremations", 0.05, rng),
        "age": _age(cr_age_at, "_at", 0.08, rng, nominal=0.2),
        "death_date": cr["death_date"], "cremated_on": cr["cremated_on"],
        "funeral_home": cr["fh"].replace_strict(fh_name, return_dtype=pl.Utf8),
        "region_code": cr["fh"].replace_strict(fh_region, return_dtype=pl.Utf8),
        "death_cause": cr["cause"], "certificate_issuer": cr["issuer"],
        "body_origin": cr["origin"]})
    kinds["cremations"] = pl.DataFrame({"record_id": cr["record_id"], "kind": kk})
    truth_rp.append(cr.select(pl.lit("cremations").alias("source"), "record_id",
                              pid_str().alias("person_id")))

    # --- injury claims
    cl = _raw(ctx, "injury_claims")
    worker_ent = dict(zip(ctx.workers["person_id"].to_list(), ctx.workers["ent"].to_list(),
                          strict=True))
    cl = cl.with_columns(pl.struct("person_id", "ent").map_elements(
        lambda r: borrowed.get(r["person_id"], r["person_id"])
        if worker_ent.get(r["person_id"]) == r["ent"] else r["person_id"],
        return_dtype=pl.Int64).alias("id_person")) if cl.height else cl
    cl = _people_cols(cl, people)
    ent_region = {e.idx: e.region for e in ents}
    cl = cl.with_columns(pl.col("ent").replace_strict(ent_region, return_dtype=pl.Utf8)
                         .alias("region"))
    cl = cl.with_columns(_key=pl.Series(rng.random(cl.height))).sort("region", "applied_on", "_key")
    cl = cl.with_columns(pl.format("GS{}{}{}", "region", pl.col("applied_on").dt.strftime("%Y"),
                                   _seq(cl, ["region"]).cast(pl.Utf8).str.zfill(5))
                         .alias("record_id"))
    ids, kk = _ids(ctx, cl, "injury_claims", people, rng)
    emp_names = [_ent_variant(ents[e], pr, 0.02, 0.12) for e in cl["ent"].to_list()]
    emp_uscc = [_uscc_as_written(ents[e], pr, 0.08, 0.04) for e in cl["ent"].to_list()]
    out["injury_claims"] = pl.DataFrame({
        "record_id": cl["record_id"], "name": _names(cl, "injury_claims", rng),
        "id_number": pl.Series(ids, dtype=pl.Utf8), "sex": _sex(cl, "injury_claims", 0.02, rng),
        "employer_name": pl.Series(emp_names, dtype=pl.Utf8),
        "employer_uscc": pl.Series(emp_uscc, dtype=pl.Utf8),
        "injury_date": cl["injury_date"], "applied_on": cl["applied_on"],
        "decided_on": cl["decided_on"], "outcome": cl["outcome"],
        "injury_description": cl["desc"], "region_code": cl["region"]})
    kinds["injury_claims"] = pl.DataFrame({"record_id": cl["record_id"], "kind": kk})
    truth_rp.append(cl.select(pl.lit("injury_claims").alias("source"), "record_id",
                              pid_str().alias("person_id")))

    # --- medical records
    me = _raw(ctx, "medical_records")
    me = _people_cols(me, people)
    h_code = {i: h.code for i, h in enumerate(geo.HOSPITALS)}
    h_name = {i: h.name for i, h in enumerate(geo.HOSPITALS)}
    h_region = {i: h.region for i, h in enumerate(geo.HOSPITALS)}
    me = me.with_columns(_key=pl.Series(rng.random(me.height))).sort("hosp", "admitted_at", "_key")
    me = me.with_columns(pl.format("{}-{}{}{}", pl.col("hosp").replace_strict(h_code,
                                                                              return_dtype=pl.Utf8),
                                   pl.when(pl.col("emergency")).then(pl.lit("JZ"))
                                   .otherwise(pl.lit("ZY")),
                                   pl.col("admitted_at").dt.strftime("%y"),
                                   _seq(me, ["hosp"]).cast(pl.Utf8).str.zfill(6))
                         .alias("record_id"))
    ids, kk = _ids(ctx, me, "medical_records", people, rng)
    emerg = me["emergency"].to_numpy()
    extra_missing = (rng.random(me.height) < 0.3) & emerg
    for i in np.flatnonzero(extra_missing):
        ids[i] = None
        kk[i] = "missing"
    names = _names(me, "medical_records", rng).to_list()
    unknown = (rng.random(me.height) < 0.01) & emerg
    for i in np.flatnonzero(unknown):
        names[i] = "无名氏" if rng.random() < 0.7 else "无名氏" + str(int(rng.integers(1, 9)))
        ids[i] = None
        kk[i] = "missing"
    emp = [None if e is None else _ent_variant(ents[e], pr, 0.5, 0.2)
           for e in me["emp_ent"].to_list()]
    age = _age(me, "admitted_at", 0.05, rng)
    age = pl.select(pl.when(pl.Series(unknown)).then(None).otherwise(age).alias("age"))["age"]
    out["medical_records"] = pl.DataFrame({
        "record_id": me["record_id"], "name": pl.Series(names, dtype=pl.Utf8),
        "id_number": pl.Series(ids, dtype=pl.Utf8), "sex": _sex(me, "medical_records", 0.02, rng),
        "age": age, "hospital": me["hosp"].replace_strict(h_name, return_dtype=pl.Utf8),
        "region_code": me["hosp"].replace_strict(h_region, return_dtype=pl.Utf8),
        "admitted_at": me["admitted_at"], "discharged_at": me["discharged_at"],
        "diagnosis_icd10": me["diag"], "external_cause_icd10": me["ext"],
        "disposition": me["disposition"], "payer": me["payer"],
        "employer_name": pl.Series(emp, dtype=pl.Utf8)})
    kinds["medical_records"] = pl.DataFrame({"record_id": me["record_id"], "kind": kk})
    truth_rp.append(me.select(pl.lit("medical_records").alias("source"), "record_id",
                              pid_str().alias("person_id")))

    # --- employment
    employment_raw(ctx)
    em = _raw(ctx, "employment")
    # a borrowed identity is used whole (the relative's name) more often than not
    use_rel = pl.Series(rng.random(em.height) < 0.7)
    em = em.with_columns(pl.when(use_rel & (pl.col("id_person") != pl.col("person_id")))
                         .then(pl.col("id_person")).otherwise(pl.col("person_id"))
                         .alias("name_person"))
    em = _people_cols(em, people, "name_person")
    uscc_of = {e.idx: e.uscc for e in ents}
    em = em.with_columns(pl.col("ent").replace_strict(uscc_of, return_dtype=pl.Utf8).alias("_u"),
                         _key=pl.Series(rng.random(em.height))).sort("_u", "start", "_key")
    em = em.with_columns(pl.format("SB{}", pl.int_range(1, pl.len() + 1).cast(pl.Utf8)
                                   .str.zfill(9)).alias("record_id"))
    ids, kk = _ids(ctx, em, "employment", people, rng)
    names = _names(em, "employment", rng).to_list()
    for i in np.flatnonzero(rng.random(em.height) < 0.01):
        names[i] = None
    out["employment"] = pl.DataFrame({
        "record_id": em["record_id"], "id_number": pl.Series(ids, dtype=pl.Utf8),
        "name": pl.Series(names, dtype=pl.Utf8),
        "employer_name": pl.Series([_ent_variant(ents[e], pr, 0.0, 0.03)
                                    for e in em["ent"].to_list()], dtype=pl.Utf8),
        "employer_uscc": pl.Series([_uscc_as_written(ents[e], pr, 0.03, 0.02)
                                    for e in em["ent"].to_list()], dtype=pl.Utf8),
        "industry": pl.Series([None if pr.random() < 0.08 else ents[e].industry
                               for e in em["ent"].to_list()], dtype=pl.Utf8),
        "start_date": em["start"], "end_date": em["end"]})
    kinds["employment"] = pl.DataFrame({"record_id": em["record_id"], "kind": kk})
    truth_rp.append(em.select(pl.lit("employment").alias("source"), "record_id",
                              pid_str().alias("person_id")))

    # --- enterprises
    ent_df = pl.DataFrame({"uscc": [e.uscc for e in ents], "name": [e.name for e in ents],
                           "industry": [e.industry for e in ents],
                           "region_code": [e.region for e in ents],
                           "high_risk": [e.high_risk for e in ents]})
    out["enterprises"] = ent_df.unique("uscc", keep="first", maintain_order=True).sort("uscc")

    truth = _truth(ctx, incidents, acc_id, pl.concat(truth_rp), people)
    return out, truth, kinds


def _truth(ctx: Ctx, incidents: list[Incident], acc_id: dict[int, str], rp: pl.DataFrame,
           people: pl.DataFrame) -> dict[str, pl.DataFrame]:
    rp = rp.sort("source", "record_id")
    inc_rows = []
    for inc in incidents:
        stat = [c for c in inc.casualties if c.outcome == "death"
                and c.death_day <= inc.window]
        reported = sum(1 for c in inc.casualties
                       if c.reported == "death" or (c.ghost is not None))
        inc_rows.append({
            "incident_id": f"INC{inc.idx:05d}", "accident_record_id": acc_id.get(inc.idx),
            "kind": inc.kind, "true_deaths": len(stat), "reported_deaths": reported,
            "employer_uscc": inc.ent.uscc, "occurred_on": inc.at.date()})
    inc_df = pl.DataFrame(inc_rows, schema={
        "incident_id": pl.Utf8, "accident_record_id": pl.Utf8, "kind": pl.Utf8,
        "true_deaths": pl.Int64, "reported_deaths": pl.Int64, "employer_uscc": pl.Utf8,
        "occurred_on": pl.Date}).sort("incident_id")
    ip = pl.from_dicts(ctx.rows["incident_person"], schema={
        "incident": pl.Int64, "person_id": pl.Int64, "outcome": pl.Utf8,
        "reported_outcome": pl.Utf8})
    ip = ip.select(pl.format("INC{}", pl.col("incident").cast(pl.Utf8).str.zfill(5))
                   .alias("incident_id"), pid_str().alias("person_id"), "outcome",
                   "reported_outcome").sort("incident_id", "person_id")
    deaths = pl.from_dicts(ctx.rows["deaths"], schema={
        "person_id": pl.Int64, "death_class": pl.Utf8, "incident": pl.Int64,
        "death_date": pl.Date})
    deaths = deaths.select(pid_str().alias("person_id"), "death_class",
                           pl.when(pl.col("incident").is_null()).then(None)
                           .otherwise(pl.format("INC{}", pl.col("incident").cast(pl.Utf8)
                                                .str.zfill(5))).alias("incident_id"))
    with_records = rp["person_id"].unique().to_list()
    deaths = deaths.filter((pl.col("death_class") == "incident")
                           | pl.col("person_id").is_in(with_records))
    deaths = deaths.unique("person_id", keep="first", maintain_order=True).sort("person_id")
    return {"record_person": rp, "incidents": inc_df, "incident_person": ip, "deaths": deaths}


def to_csv_frame(src: str, df: pl.DataFrame, pr: random.Random) -> pl.DataFrame:
    """The source as its department exports it to CSV: dates in the styles its offices use."""
    if src == "accidents":
        st = _style_by_key(df["region_code"], pr, [("iso", 0.75), ("slash", 0.25)])
        return _fmt_dates(df, ["occurred_at", "reported_at"], st, datetime=True)
    if src == "deregistrations":
        st = _style_by_key(df["region_code"], pr, [("compact", 0.55), ("iso", 0.35), ("cn", 0.1)])
        return _fmt_dates(df, ["birth_date", "death_date", "deregistered_on"], st)
    if src == "cremations":
        st = _style_by_key(df["funeral_home"], pr, [("iso", 0.4), ("slash", 0.25),
                                                     ("compact", 0.15), ("cn", 0.2)])
        return _fmt_dates(df, ["death_date", "cremated_on"], st)
    if src == "injury_claims":
        st = _style_by_key(df["region_code"], pr, [("iso", 0.8), ("slash", 0.2)])
        return _fmt_dates(df, ["injury_date", "applied_on", "decided_on"], st)
    if src == "medical_records":
        st = pl.Series(["isosec"] * df.height, dtype=pl.Utf8)
        return _fmt_dates(df, ["admitted_at", "discharged_at"], st, datetime=True)
    if src == "employment":
        st = _style_by_key(df["employer_uscc"].fill_null("-"), pr,
                           [("iso", 0.85), ("slash", 0.1), ("compact", 0.05)])
        return _fmt_dates(df, ["start_date", "end_date"], st)
    return df


def write(out: Path, tables: dict[str, pl.DataFrame], truth: dict[str, pl.DataFrame],
          formats: dict[str, str], pr: random.Random) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "truth").mkdir(exist_ok=True)
    for src in SOURCES:
        for ext in ("csv", "parquet"):
            (out / f"{src}.{ext}").unlink(missing_ok=True)
        df = tables[src]
        fmt = formats[src]
        if fmt == "parquet":
            df.write_parquet(out / f"{src}.parquet", statistics=False)
            continue
        text = to_csv_frame(src, df, pr).write_csv(null_value="")
        data = text.encode("gb18030") if fmt == "gb18030" else \
            (b"\xef\xbb\xbf" if fmt == "utf-8-sig" else b"") + text.encode("utf-8")
        (out / f"{src}.csv").write_bytes(data)
    for name, df in truth.items():
        df.write_parquet(out / "truth" / f"{name}.parquet", statistics=False)
