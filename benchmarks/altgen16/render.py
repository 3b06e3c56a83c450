"""Each department writes its records its own way: names, ID numbers, sex codes, dates, keys,
file formats and encodings; plus the truth tables."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import polars as pl

from . import geo
from .ident import corrupt_id, make_ids
from .incidents import Incident
from .names import vary_name
from .sim import World
from .world import DAY_S

SOURCES = ["accidents", "accident_victims", "deregistrations", "cremations", "injury_claims",
           "medical_records", "employment", "enterprises"]
COLUMNS = {
    "accidents": ["record_id", "occurred_at", "reported_at", "region_code", "address",
                  "enterprise_name", "enterprise_uscc", "industry", "accident_type",
                  "reported_deaths", "reported_serious_injuries", "reported_minor_injuries",
                  "direct_loss_10k_yuan"],
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
    "enterprises": ["uscc", "name", "industry", "region_code", "high_risk"],
}
# how each source is written: csv encoding or parquet
FORMATS = {"accidents": "utf-8", "accident_victims": "utf-8", "deregistrations": "gb18030",
           "cremations": "utf-8-sig", "injury_claims": "gb18030", "medical_records": "parquet",
           "employment": "parquet", "enterprises": "utf-8-sig"}
RAW_OF = {"accident_victims": "victims", "deregistrations": "dereg", "cremations": "crem",
          "injury_claims": "claim", "medical_records": "med", "employment": "emp"}
ID_MIX = {
    "victims": {"clean": .82, "missing": .06, "wrong_check": .03, "typo1": .03,
                "transposed": .02, "legacy15": .02, "valid_corrupt": .01, "lower_x": .01},
    "dereg": {"clean": .935, "missing": .02, "legacy15": .025, "wrong_check": .005,
              "typo1": .005, "transposed": .003, "valid_corrupt": .002, "lower_x": .005},
    "crem": {"clean": .64, "missing": .22, "typo1": .04, "transposed": .03, "wrong_check": .03,
             "legacy15": .03, "valid_corrupt": .01},
    "claim": {"clean": .95, "missing": .01, "typo1": .01, "transposed": .005,
              "wrong_check": .01, "legacy15": .005, "valid_corrupt": .005, "lower_x": .005},
    "med": {"clean": .63, "missing": .26, "typo1": .03, "transposed": .02, "wrong_check": .02,
            "legacy15": .02, "valid_corrupt": .01, "lower_x": .01},
    "emp": {"clean": .975, "typo1": .004, "wrong_check": .004, "valid_corrupt": .005,
            "lower_x": .012},
}
NAME_NOISE = {"victims": (.08, .35), "dereg": (.01, .05), "crem": (.06, .25),
              "claim": (.03, .15), "med": (.08, .35), "emp": (.02, .1)}
ALIAS_USE = {"victims": .5, "dereg": 0.0, "crem": .1, "claim": .4, "med": .3, "emp": .5}
PINYIN = {"med": .004, "crem": .002}


def _date_expr(col: str, style: pl.Expr) -> pl.Expr:
    c = pl.col(col).cast(pl.Date)
    return (pl.when(style == "slash").then(c.dt.strftime("%Y/%-m/%-d"))
            .when(style == "cn").then(c.dt.strftime("%Y年%-m月%-d日"))
            .when(style == "compact").then(c.dt.strftime("%Y%m%d"))
            .otherwise(c.dt.strftime("%Y-%m-%d")))


class Renderer:
    def __init__(self, w: World, people: pl.DataFrame, seed: int) -> None:
        self.w = w
        self.people = people
        self.rng = np.random.default_rng(np.random.SeedSequence(seed).spawn(2)[1])
        self.r = random.Random(seed * 31 + 7)
        self.truth: list[pl.DataFrame] = []
        self.id_kinds: dict[str, list[tuple[str, str]]] = {}

    # ------------------------------------------------------------------ person fields
    def persons(self, raw: pl.DataFrame, key: str, ref: pl.Expr) -> pl.DataFrame:
        """Join the persons, then write name, ID and age the way source ``key`` does."""
        df = raw.join(self.people, on="pid", how="left")
        n = df.height
        r, rng = self.r, self.rng
        names = df["name"].to_list()
        eth = df["eth"].to_list()
        alias = df["alias"].to_list()
        p_han, p_min = NAME_NOISE[key]
        u = rng.random(n)
        ua = rng.random(n)
        unknown = df["unknown"].to_list() if "unknown" in df.columns else [False] * n
        out = []
        for i in range(n):
            nm = names[i]
            if alias[i] is not None and ua[i] < ALIAS_USE[key]:
                nm = alias[i]
            if unknown[i]:
                nm = pick_unknown(r, bool(df["male"][i]))
            elif u[i] < (p_min if eth[i] != "han" else p_han):
                nm = vary_name(nm, eth[i], r, pinyin=PINYIN.get(key, 0.0) * 20)
            out.append(nm)
        # ID numbers
        mix = ID_MIX[key]
        kinds = rng.choice(list(mix), size=n, p=np.array(list(mix.values())) / sum(mix.values()))
        if "idmiss" in df.columns:
            extra = df["idmiss"].to_numpy() + np.where(np.array(eth) != "han", .1, 0)
            kinds = np.where(rng.random(n) < extra, "missing", kinds)
        kinds = np.where(np.array(unknown, dtype=bool), "missing", kinds)
        ids18 = df["id18"].to_list()
        births = df["birth"].to_numpy()
        dup = df["dup"].to_numpy()
        by = 1970 + births / 365.25
        ux = rng.random(n)
        ids: list[str | None] = []
        kl: list[str] = []
        for i in range(n):
            k = str(kinds[i])
            idn = ids18[i]
            if k == "lower_x" and not idn.endswith("X"):
                k = "clean"
            if k == "clean" and idn.endswith("X") and ux[i] < .12 and key != "dereg":
                k = "lower_x"
            if k == "clean" and by[i] < 1962 and ux[i] < .06 and key in ("dereg", "crem"):
                k = "legacy15"
            if k == "legacy15" and by[i] >= 2000:
                k = "clean"
            if k == "clean" and dup[i]:
                k = "duplicate"
            ids.append(corrupt_id(idn, k, r))
            kl.append(k)
        df = df.with_columns(pl.Series("name_w", out, dtype=pl.Utf8),
                             pl.Series("id_w", ids, dtype=pl.Utf8),
                             pl.Series("id_kind", kl, dtype=pl.Utf8))
        age = ((ref - pl.col("birth")) / 365.25).floor().cast(pl.Int64)
        return df.with_columns(age.alias("age_true"))

    def finish(self, src: str, df: pl.DataFrame, rid: pl.Expr, sort: list[str]) -> pl.DataFrame:
        """Order the rows as the department's register does, key them, note the truth."""
        df = df.with_columns(pl.Series("_rnd", self.rng.random(df.height)))
        df = df.sort([*sort, "_rnd"]).with_row_index("_k")
        df = df.with_columns(rid.alias("record_id"))
        if "pid" in df.columns:
            self.truth.append(df.select(pl.lit(src).alias("source"), "record_id",
                                        pl.format("P{}", pl.col("pid").cast(pl.Utf8)
                                                  .str.pad_start(7, "0")).alias("person_id")))
            self.id_kinds[src] = list(zip(df["record_id"].to_list(), df["id_kind"].to_list(),
                                          strict=True))
        return df

    # ------------------------------------------------------------------ sources
    def accidents(self, incs: list[Incident]) -> tuple[pl.DataFrame, dict[int, str]]:
        rows = [i.acc for i in incs if i.acc is not None]
        df = pl.DataFrame(rows, schema={
            "iid": pl.Int64, "occurred": pl.Int64, "reported": pl.Int64, "region": pl.Utf8,
            "address": pl.Utf8, "enterprise": pl.Utf8, "uscc": pl.Utf8, "industry": pl.Utf8,
            "atype": pl.Utf8, "deaths": pl.Int64, "serious": pl.Int64, "minor": pl.Int64,
            "loss": pl.Float64}, orient="row")
        df = self.finish("accidents", df, pl.format(
            "{}AJ2024{}", pl.when(pl.col("region").str.starts_with("50")).then(pl.lit("CQ"))
            .otherwise(pl.lit("SC")), (pl.col("_k") + 1).cast(pl.Utf8).str.pad_start(5, "0")),
            ["occurred"])
        slash = pl.col("region").str.slice(0, 4).is_in(["5105", "5115", "5116", "5133"])

        def dt(c: str) -> pl.Expr:
            t = pl.from_epoch(pl.col(c), time_unit="s")
            return pl.when(slash).then(t.dt.strftime("%Y/%-m/%-d %H:%M")) \
                .otherwise(t.dt.strftime("%Y-%m-%d %H:%M:%S"))

        out = df.select(
            "record_id", dt("occurred").alias("occurred_at"), dt("reported").alias("reported_at"),
            pl.col("region").alias("region_code"), "address",
            pl.col("enterprise").alias("enterprise_name"),
            pl.col("uscc").alias("enterprise_uscc"), "industry",
            pl.col("atype").alias("accident_type"), pl.col("deaths").alias("reported_deaths"),
            pl.col("serious").alias("reported_serious_injuries"),
            pl.col("minor").alias("reported_minor_injuries"),
            pl.col("loss").alias("direct_loss_10k_yuan"))
        return out, dict(zip(df["iid"].to_list(), df["record_id"].to_list(), strict=True))

    def victims(self, acc_ids: dict[int, str]) -> pl.DataFrame:
        raw = self.w.sink.table("victims")
        df = self.persons(raw, "victims", pl.col("event"))
        df = df.with_columns(pl.col("acc").replace_strict(acc_ids, return_dtype=pl.Utf8)
                             .alias("acc_id"),
                             pl.col("outcome").replace_strict(
                                 {"death": 0, "serious_injury": 1, "minor_injury": 2},
                                 return_dtype=pl.Int32).alias("_o"))
        df = self.finish("accident_victims", df, pl.format(
            "{}-{}", pl.col("acc_id"), (pl.col("_k") - pl.col("_k").min().over("acc_id") + 1)
            .cast(pl.Utf8).str.pad_start(2, "0")), ["acc_id", "_o"])
        n = df.height
        u = self.rng.random(n)
        sex = pl.when(pl.Series(u < .05)).then(None).otherwise(
            pl.when(pl.col("male")).then(pl.lit("M")).otherwise(pl.lit("F")))
        xu = pl.Series(self.rng.random(n) < .12)  # nominal age (虚岁) one year more
        age = pl.when(pl.Series(self.rng.random(n) < .05)).then(None).otherwise(
            pl.col("age_true") + pl.when(xu).then(1).otherwise(0))
        return df.select("record_id", pl.col("acc_id").alias("accident_id"),
                         pl.col("name_w").alias("name"), pl.col("id_w").alias("id_number"),
                         sex.alias("sex"), age.alias("age"), "outcome")

    def deregistrations(self) -> pl.DataFrame:
        raw = self.w.sink.table("dereg")
        raw = self._second_registrations(raw)
        df = self.persons(raw, "dereg", pl.col("dereg"))
        df = df.with_columns(pl.when(pl.col("second_id").is_not_null())
                             .then(pl.col("second_id")).otherwise(pl.col("id_w")).alias("id_w"),
                             pl.when(pl.col("second_id").is_not_null()).then(pl.lit("second"))
                             .otherwise(pl.col("id_kind")).alias("id_kind"))
        df = self.finish("deregistrations", df, pl.format(
            "ZX{}{}", pl.col("region").str.slice(0, 4),
            (pl.col("_k") + 1).cast(pl.Utf8).str.pad_start(7, "0")), ["dereg"])
        style = pl.when(pl.col("region").str.starts_with("50")).then(pl.lit("iso")) \
            .otherwise(pl.lit("compact"))
        n = df.height
        birth = pl.when(pl.Series(self.rng.random(n) < .02)).then(None) \
            .otherwise(pl.col("birth"))
        return df.with_columns(birth.alias("birth_x")).select(
            "record_id", pl.col("name_w").alias("name"), pl.col("id_w").alias("id_number"),
            pl.when(pl.col("male")).then(pl.lit("男")).otherwise(pl.lit("女")).alias("sex"),
            _date_expr("birth_x", style).alias("birth_date"),
            _date_expr("death", style).alias("death_date"),
            _date_expr("dereg", style).alias("deregistered_on"),
            pl.col("region").alias("region_code"), "reason",
            pl.col("cause").alias("death_cause"))

    def _second_registrations(self, raw: pl.DataFrame) -> pl.DataFrame:
        """A few people registered twice (重户), each registration cancelled on its own."""
        r = self.r
        n = raw.height
        pick_rows = [i for i in range(n) if r.random() < .003]
        raw = raw.with_columns(pl.lit(None, dtype=pl.Utf8).alias("second_id"))
        if not pick_rows:
            return raw
        sub = raw[pick_rows]
        ppl = self.people.filter(pl.col("pid").is_in(sub["pid"].to_list()))
        birth = dict(zip(ppl["pid"].to_list(), ppl["birth"].to_list(), strict=True))
        male = dict(zip(ppl["pid"].to_list(), ppl["male"].to_list(), strict=True))
        regions, ids = [], []
        for pid, reg in zip(sub["pid"].to_list(), sub["region"].to_list(), strict=True):
            other = r.choice([c for c in geo.COVERED if c[:4] == reg[:4] and c != reg] or
                             [r.choice(geo.SICHUAN)])
            regions.append(other)
            ids.append(make_ids([other], np.array([birth[pid]]).astype("datetime64[D]"),
                                np.array([male[pid]]), self.rng)[0])
        sub = sub.with_columns(pl.Series("region", regions, dtype=pl.Utf8),
                               pl.Series("second_id", ids, dtype=pl.Utf8),
                               (pl.col("dereg") + pl.Series(
                                   [r.randint(0, 40) for _ in pick_rows], dtype=pl.Int32))
                               .alias("dereg"))
        return pl.concat([raw, sub])

    def cremations(self) -> pl.DataFrame:
        raw = self.w.sink.table("crem")
        df = self.persons(raw, "crem", pl.col("crem"))
        fh = self.w.cat.funeral_homes
        df = df.with_columns(
            pl.col("fh").replace_strict({i: f.name for i, f in enumerate(fh)},
                                        return_dtype=pl.Utf8).alias("fh_name"),
            pl.col("fh").replace_strict({i: f.region for i, f in enumerate(fh)},
                                        return_dtype=pl.Utf8).alias("fh_region"),
            pl.col("fh").replace_strict(dict(enumerate(self.w.fh_style)),
                                        return_dtype=pl.Utf8).alias("style"),
            pl.col("fh").replace_strict(dict(enumerate(self.w.fh_sex)),
                                        return_dtype=pl.Utf8).alias("sexstyle"))
        df = self.finish("cremations", df, pl.format(
            "HZ{}-{}", pl.col("fh").cast(pl.Utf8).str.pad_start(3, "0"),
            (pl.col("_k") + 1).cast(pl.Utf8).str.pad_start(7, "0")), ["crem"])
        n = df.height
        sex = (pl.when(pl.Series(self.rng.random(n) < .04)).then(None)
               .when(pl.col("sexstyle") == "zh")
               .then(pl.when(pl.col("male")).then(pl.lit("男")).otherwise(pl.lit("女")))
               .otherwise(pl.when(pl.col("male")).then(pl.lit("M")).otherwise(pl.lit("F"))))
        xu = pl.Series(self.rng.random(n) < .1)
        age = pl.when(pl.Series(self.rng.random(n) < .04)).then(None).otherwise(
            pl.col("age_true") + pl.when(xu).then(1).otherwise(0))
        return df.select(
            "record_id", pl.col("name_w").alias("name"), pl.col("id_w").alias("id_number"),
            sex.alias("sex"), age.alias("age"),
            _date_expr("death", pl.col("style")).alias("death_date"),
            _date_expr("crem", pl.col("style")).alias("cremated_on"),
            pl.col("fh_name").alias("funeral_home"), pl.col("fh_region").alias("region_code"),
            pl.col("cause").alias("death_cause"), pl.col("issuer").alias("certificate_issuer"),
            pl.col("origin").alias("body_origin"))

    def claims(self) -> pl.DataFrame:
        raw = self.w.sink.table("claim")
        df = self.persons(raw, "claim", pl.col("injury"))
        df = self.finish("injury_claims", df, pl.format(
            "GS{}{}", pl.col("region"), (pl.col("_k") + 1).cast(pl.Utf8).str.pad_start(6, "0")),
            ["applied"])
        style = pl.when(pl.col("region").str.slice(0, 4).is_in(["5134", "5133", "5132", "5111"])) \
            .then(pl.lit("slash")).otherwise(pl.lit("iso"))
        n = df.height
        sex = pl.when(pl.Series(self.rng.random(n) < .02)).then(None).otherwise(
            pl.when(pl.col("male")).then(pl.lit("M")).otherwise(pl.lit("F")))
        return df.select(
            "record_id", pl.col("name_w").alias("name"), pl.col("id_w").alias("id_number"),
            sex.alias("sex"), pl.col("employer").alias("employer_name"),
            pl.col("uscc").alias("employer_uscc"),
            _date_expr("injury", style).alias("injury_date"),
            _date_expr("applied", style).alias("applied_on"),
            _date_expr("decided", style).alias("decided_on"), "outcome",
            pl.col("desc").alias("injury_description"), pl.col("region").alias("region_code"))

    def medical(self) -> pl.DataFrame:
        raw = self.w.sink.table("med")
        df = self.persons(raw, "med", pl.col("adm") // DAY_S)
        hs = self.w.cat.hospitals
        df = df.with_columns(
            pl.col("hosp").replace_strict({i: h.name for i, h in enumerate(hs)},
                                          return_dtype=pl.Utf8).alias("h_name"),
            pl.col("hosp").replace_strict({i: h.region for i, h in enumerate(hs)},
                                          return_dtype=pl.Utf8).alias("h_region"))
        df = self.finish("medical_records", df, pl.format(
            "{}-{}", pl.col("hosp").cast(pl.Utf8).str.pad_start(3, "0"),
            (pl.col("_k") + 1).cast(pl.Utf8).str.pad_start(8, "0")), ["adm"])
        n = df.height
        sex = pl.when(pl.Series(self.rng.random(n) < .03)).then(None).otherwise(
            pl.when(pl.col("male")).then(pl.lit("1")).otherwise(pl.lit("2")))
        est = ((pl.col("age_true") / 5).round(0) * 5).cast(pl.Int64)
        age = (pl.when(pl.col("unknown")).then(est)
               .when(pl.Series(self.rng.random(n) < .03)).then(None)
               .otherwise(pl.col("age_true")))
        return df.select(
            "record_id", pl.col("name_w").alias("name"), pl.col("id_w").alias("id_number"),
            sex.alias("sex"), age.alias("age"), pl.col("h_name").alias("hospital"),
            pl.col("h_region").alias("region_code"),
            pl.from_epoch("adm", time_unit="s").cast(pl.Datetime("us")).alias("admitted_at"),
            pl.from_epoch("dis", time_unit="s").cast(pl.Datetime("us")).alias("discharged_at"),
            pl.col("diag").alias("diagnosis_icd10"), pl.col("ext").alias("external_cause_icd10"),
            pl.col("disp").alias("disposition"), "payer",
            pl.col("employer").alias("employer_name"))

    def employment(self) -> pl.DataFrame:
        raw = self.w.sink.table("emp")
        df = self.persons(raw, "emp", pl.col("start"))
        df = self.finish("employment", df, pl.format(
            "SB{}", (pl.col("_k") + 1).cast(pl.Utf8).str.pad_start(9, "0")), ["start"])
        return df.select(
            "record_id", pl.col("id_w").alias("id_number"), pl.col("name_w").alias("name"),
            pl.col("employer").alias("employer_name"), pl.col("uscc").alias("employer_uscc"),
            "industry", pl.col("start").cast(pl.Date).alias("start_date"),
            pl.col("end").cast(pl.Date).alias("end_date"))

    def enterprises(self) -> pl.DataFrame:
        ents = [e for e in self.w.ents if e.in_register]
        return pl.DataFrame({
            "uscc": [e.register_uscc for e in ents], "name": [e.name for e in ents],
            "industry": [e.industry for e in ents], "region_code": [e.region for e in ents],
            "high_risk": [e.high_risk for e in ents]},
            schema={"uscc": pl.Utf8, "name": pl.Utf8, "industry": pl.Utf8,
                    "region_code": pl.Utf8, "high_risk": pl.Boolean}).sort("region_code", "uscc")


def pick_unknown(r: random.Random, male: bool) -> str:
    u = r.random()
    if u < .5:
        return "无名氏"
    return "无名男" if male else "无名女"


def write(out: Path, name: str, df: pl.DataFrame) -> None:
    fmt = FORMATS[name]
    if fmt == "parquet":
        df.write_parquet(out / f"{name}.parquet", statistics=False)
        return
    text = df.write_csv()
    (out / f"{name}.csv").write_bytes(text.encode(fmt))
