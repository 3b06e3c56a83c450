"""Turn raw simulated rows into department exports: names, IDs, codes, date formats, encodings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from . import ident
from . import names as N
from .sim import RAW, Sim
from .world import EXTRACT, VARIANT_P

NAME_RATES: dict[str, dict[str, float]] = {
    "accident_victims": {"homophone": 0.02, "drop": 0.003, "dup": 0.002, "traditional": 0.004,
                         "space": 0.006, "dot": 0.002, "pinyin": 0.002},
    "deregistrations": {"homophone": 0.006, "drop": 0.001, "dup": 0.001, "traditional": 0.002,
                        "space": 0.004, "dot": 0.001, "pinyin": 0.0005},
    "cremations": {"homophone": 0.035, "drop": 0.006, "dup": 0.003, "traditional": 0.01,
                   "space": 0.01, "dot": 0.003, "pinyin": 0.002},
    "injury_claims": {"homophone": 0.01, "drop": 0.002, "dup": 0.001, "traditional": 0.003,
                      "space": 0.008, "dot": 0.002, "pinyin": 0.001},
    "medical_records": {"homophone": 0.025, "drop": 0.004, "dup": 0.002, "traditional": 0.005,
                        "space": 0.01, "dot": 0.003, "pinyin": 0.01},
    "employment": {"homophone": 0.004, "drop": 0.001, "dup": 0.0005, "traditional": 0.001,
                   "space": 0.003, "dot": 0.001, "pinyin": 0.0005},
}
ID_KINDS = ["missing", "wrong_check", "typo1", "transposed", "typo2", "legacy15",
            "valid_corrupt"]
ID_RATES: dict[str, list[float]] = {  # in ID_KINDS order
    "accident_victims": [0.08, 0.015, 0.015, 0.01, 0.005, 0.01, 0.003],
    "deregistrations": [0.015, 0.003, 0.003, 0.002, 0.001, 0.005, 0.001],
    "cremations": [0.22, 0.03, 0.04, 0.025, 0.015, 0.015, 0.005],
    "injury_claims": [0.02, 0.008, 0.01, 0.005, 0.002, 0.003, 0.002],
    "medical_records": [0.04, 0.015, 0.02, 0.01, 0.005, 0.015, 0.003],
    "employment": [0.0, 0.002, 0.003, 0.002, 0.0005, 0.001, 0.0005],
}
LOWER_X = {"accident_victims": 0.3, "deregistrations": 0.1, "cremations": 0.3,
           "injury_claims": 0.15, "medical_records": 0.3, "employment": 0.05}
SEX_CODES = {"accident_victims": ("男", "女", 0.03), "deregistrations": ("男", "女", 0.005),
             "cremations": ("男", "女", 0.05), "injury_claims": ("M", "F", 0.02),
             "medical_records": ("1", "2", 0.02)}
PREFIX = {"accident_victims": "SW", "deregistrations": "ZX", "cremations": "HH",
          "injury_claims": "GS", "medical_records": "MR", "employment": "SB"}
SORT_KEY = {"accident_victims": "acc_order", "deregistrations": "dereg", "cremations": "crem",
            "injury_claims": "applied", "medical_records": "adm", "employment": "start"}
CSV_ENCODING = {"accidents": "utf-8", "accident_victims": "utf-8", "deregistrations": "gb18030",
                "cremations": "utf-8-sig", "injury_claims": "utf-8", "enterprises": "utf-8"}


def sstr(name: str, arr: Any) -> pl.Series:
    """String series from a numpy object/str array or list (None -> null)."""
    return pl.Series(name, np.asarray(arr, dtype=object).tolist(), dtype=pl.String)


class Renderer:
    def __init__(self, sim: Sim, out: Path) -> None:
        self.sim = sim
        self.out = out
        self.rng = sim.rng("render")
        self.id_kinds: dict[str, list[tuple[str, str]]] = {}
        self.record_person: list[pl.DataFrame] = []
        self.counts: dict[str, int] = {}
        self.name_kinds: dict[str, dict[str, int]] = {}
        ents = sim.ents
        self.ent_uscc = [e.uscc for e in ents]
        self.var_flat = pl.Series("v", [v for e in ents for v in e.variants])
        self.ent_region = np.array([e.region for e in ents], dtype=np.int64)
        self.ent_ind = np.array([e.industry for e in ents], dtype=object)

    # ------------------------------------------------------------------ utilities
    def raw(self, source: str) -> pl.DataFrame:
        schema = RAW[source]
        parts = list(self.sim.chunks[source])
        if self.sim.rows[source]:
            parts.append(pl.DataFrame(self.sim.rows[source], schema=schema, orient="row"))
        df = pl.concat(parts, how="vertical")
        nullable_int = ["death", "decided", "dis", "end", "emp"]
        return df.with_columns([
            pl.when(pl.col(c) < 0).then(None).otherwise(pl.col(c)).alias(c)
            for c in nullable_int if c in df.columns
        ])

    def order(self, df: pl.DataFrame, key: str, source: str) -> pl.DataFrame:
        tb = self.rng.random(df.height)
        df = df.with_columns(pl.Series("_tb", tb)).sort([key, "_tb"]).drop("_tb")
        gaps = np.cumsum(self.rng.integers(1, 4, df.height))
        base = {"medical_records": 100000000, "employment": 300000000}.get(source, 10000000)
        rid = [f"{PREFIX[source]}{base + g}" for g in gaps.tolist()]
        return df.with_columns(pl.Series("record_id", rid))

    @staticmethod
    def fmt_date(col: str, style: pl.Expr, with_time: bool = False) -> pl.Expr:
        d = pl.col(col).cast(pl.Date) if not with_time else \
            (pl.col(col) * 60_000).cast(pl.Datetime("ms"))
        y = d.dt.year().cast(pl.String)
        m = d.dt.month().cast(pl.String)
        dd = d.dt.day().cast(pl.String)
        iso = d.dt.strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")
        slash = pl.concat_str([y, pl.lit("/"), m, pl.lit("/"), dd])
        if with_time:
            slash = pl.concat_str([slash, pl.lit(" "), d.dt.strftime("%H:%M")])
        compact = d.dt.strftime("%Y%m%d")
        zh = pl.concat_str([y, pl.lit("年"), m, pl.lit("月"), dd, pl.lit("日")])
        return (pl.when(style == "slash").then(slash)
                .when(style == "compact").then(compact)
                .when(style == "zh").then(zh)
                .otherwise(iso))

    def styles(self, keys: np.ndarray, items: list[tuple[str, float]]) -> np.ndarray:
        """One date style per key (a city's system, a funeral home's software)."""
        uniq = np.unique(keys)
        p = np.array([w for _, w in items])
        vals = np.array([s for s, _ in items], dtype=object)
        pick = vals[self.rng.choice(len(items), uniq.size, p=p / p.sum())]
        return pick[np.searchsorted(uniq, keys)]

    def people_cols(self, df: pl.DataFrame, source: str) -> pl.DataFrame:
        """name, id_number and sex of each row's identity, with the source's noise."""
        sim, rng = self.sim, self.rng
        P = sim.people
        iid = df["iid"].to_numpy()
        pid = df["pid"].to_numpy()
        n = iid.size
        names, nkinds = N.render_names(rng, P.c0[iid], P.c1[iid], P.c2[iid], NAME_RATES[source])
        ctx = df["ctx"].to_numpy().astype(str)
        rates = np.tile(np.array(ID_RATES[source]), (n, 1))
        if source == "medical_records":
            rates[:, 0] = np.where(np.char.startswith(ctx, "ed"), 0.25, 0.04)
        rates[:, 0] = np.where(np.char.endswith(ctx, "_c") | (ctx == "concealed"),
                               np.minimum(rates[:, 0] * 1.8, 0.6), rates[:, 0])
        by = ident.ymd(P.B[iid])[0]
        leg_w = np.select([by < 1950, by < 1970, by < 2000], [3.0, 1.0, 0.3], 0.0)
        rates[:, 5] *= leg_w
        unknown = np.char.startswith(ctx, "unk")
        rates[unknown, 0] = 1.0
        cum = np.cumsum(rates, axis=1)
        u = rng.random(n)[:, None]
        first = (u < cum).argmax(axis=1)
        hit = (u < cum).any(axis=1)
        kinds = np.where(hit, np.array(ID_KINDS, dtype=object)[first], "clean").astype(object)
        ids = P.ids[iid]
        is_x = ids[:, 17] == ord("X")
        kinds[(kinds == "clean") & is_x & (rng.random(n) < LOWER_X[source])] = "lower_x"
        id_str = ident.corrupt_ids(ids, kinds.astype(str), rng)
        kinds[(kinds == "clean") & (iid != pid)] = "borrowed"
        kinds[(kinds == "clean") & P.dup[iid]] = "duplicate"
        if unknown.any():
            lst = names.to_list()
            for i in np.flatnonzero(unknown).tolist():
                lst[i] = "无名氏" if rng.random() < 0.6 else f"无名氏{int(rng.integers(1, 60))}"
                nkinds[i] = "unknown"
            names = pl.Series("name", lst, dtype=pl.String)
        cols = [names.alias("name"), pl.Series("id_number", id_str, dtype=pl.String)]
        if source in SEX_CODES:
            m_code, f_code, miss = SEX_CODES[source]
            fem = P.F[iid] ^ (rng.random(n) < 0.003)
            sex = np.where(fem, f_code, m_code).astype(object)
            sex[rng.random(n) < miss] = None
            cols.append(sstr("sex", sex))
        self.id_kinds[source] = list(zip(df["record_id"].to_list(), kinds.tolist(), strict=True))
        kk, cc = np.unique(nkinds, return_counts=True)
        self.name_kinds[source] = {str(k): int(c) for k, c in zip(kk, cc, strict=True)}
        return df.with_columns(cols)

    def ages(self, df: pl.DataFrame, ref_days: np.ndarray, who: str = "iid") -> np.ndarray:
        b = self.sim.people.B[df[who].to_numpy()]
        return np.floor((ref_days - b) / 365.2425).astype(np.int64)

    def employer(self, emp: np.ndarray, source: str) -> tuple[pl.Series, list[str | None]]:
        rng = self.rng
        p = np.array(VARIANT_P[source])
        var = rng.choice(6, emp.size, p=p / p.sum())
        valid = emp >= 0
        flat = np.where(valid, emp * 6 + var, 0)
        names = self.var_flat.gather(flat)
        names = pl.select(pl.when(pl.Series(valid)).then(names).otherwise(None)).to_series()
        miss = {"accidents": 0.08, "injury_claims": 0.12, "employment": 0.04}.get(source, 1.0)
        typo = {"accidents": 0.02, "injury_claims": 0.02, "employment": 0.005}.get(source, 0.0)
        u = rng.random(emp.size)
        usccs: list[str | None] = []
        for e, uu in zip(emp.tolist(), u.tolist(), strict=True):
            code = self.ent_uscc[e] if e >= 0 else None
            if code is None or uu < miss:
                usccs.append(None)
            elif uu < miss + typo:
                usccs.append(ident.mistype_uscc(code, rng))
            else:
                usccs.append(code)
        return names, usccs

    def person_truth(self, df: pl.DataFrame, source: str) -> None:
        self.record_person.append(df.select(
            pl.lit(source).alias("source"), pl.col("record_id"),
            pl.format("P{}", pl.col("pid").cast(pl.String).str.zfill(8)).alias("person_id")))
        self.counts[source] = df.height

    def write_csv(self, df: pl.DataFrame, source: str) -> None:
        text = df.write_csv(null_value="")
        enc = CSV_ENCODING[source]
        if enc == "gb18030":
            data = text.replace("\n", "\r\n").encode("gb18030")
        else:
            data = text.encode(enc)
        (self.out / f"{source}.csv").write_bytes(data)

    # ------------------------------------------------------------------ sources
    def accidents(self) -> dict[str, str]:
        sim = self.sim
        acc = sorted(sim.accidents, key=lambda a: (a["reported"], a["key"]))
        mapping = {a["key"]: f"SG2023{k + 1:05d}" for k, a in enumerate(acc)}
        n = len(acc)
        df = pl.DataFrame({
            "record_id": [mapping[a["key"]] for a in acc],
            "occ": [a["occurred"] for a in acc], "rep": [a["reported"] for a in acc],
            "region_code": [str(a["region"]) for a in acc],
            "address": [a["address"] for a in acc],
            "ent": [a["ent"] for a in acc],
            "industry": [a["industry"] for a in acc], "accident_type": [a["atype"] for a in acc],
            "reported_deaths": [a["rd"] for a in acc],
            "reported_serious_injuries": [a["rs"] for a in acc],
            "reported_minor_injuries": [a["rm"] for a in acc],
            "direct_loss_10k_yuan": pl.Series([a["loss"] for a in acc], dtype=pl.Float64),
        }, schema_overrides={"occ": pl.Int64, "rep": pl.Int64})
        names, usccs = self.employer(np.array([a["ent"] for a in acc], dtype=np.int64),
                                     "accidents")
        style = self.styles(np.array([a["region"] // 100 for a in acc]),
                            [("iso", 0.8), ("slash", 0.2)]) if n else np.array([], dtype=object)
        df = df.with_columns(names.alias("enterprise_name"),
                             pl.Series("enterprise_uscc", usccs, dtype=pl.String),
                             sstr("_st", style))
        df = df.with_columns(
            self.fmt_date("occ", pl.col("_st"), True).alias("occurred_at"),
            self.fmt_date("rep", pl.col("_st"), True).alias("reported_at"))
        df = df.select("record_id", "occurred_at", "reported_at", "region_code", "address",
                       "enterprise_name", "enterprise_uscc", "industry", "accident_type",
                       "reported_deaths", "reported_serious_injuries",
                       "reported_minor_injuries", "direct_loss_10k_yuan")
        self.write_csv(df, "accidents")
        self.counts["accidents"] = df.height
        return mapping

    def accident_victims(self, mapping: dict[str, str]) -> None:
        df = self.raw("accident_victims")
        order = {k: i for i, k in enumerate(sorted(mapping, key=lambda k: mapping[k]))}
        df = df.with_columns(pl.col("acc").replace_strict(order, return_dtype=pl.Int64)
                             .alias("acc_order"),
                             pl.col("acc").replace_strict(mapping).alias("accident_id"))
        df = self.order(df, "acc_order", "accident_victims")
        df = self.people_cols(df, "accident_victims")
        age = self.ages(df, df["ref"].to_numpy())
        u = self.rng.random(df.height)
        age = np.where(u < 0.03, age + self.rng.choice([-1, 1], df.height), age)
        age_s = pl.Series("age", age).set(pl.Series(u > 0.95), None)
        out = df.with_columns(age_s).select("record_id", "accident_id", "name", "id_number",
                                            "sex", "age", "outcome")
        self.write_csv(out, "accident_victims")
        self.person_truth(df, "accident_victims")

    def deregistrations(self) -> None:
        df = self.order(self.raw("deregistrations"), "dereg", "deregistrations")
        df = self.people_cols(df, "deregistrations")
        P = self.sim.people
        birth = P.B[df["iid"].to_numpy()].copy()
        slip = self.rng.random(df.height) < 0.01
        birth[slip] += self.rng.integers(-40, 40, int(slip.sum()))
        style = self.styles(df["region"].to_numpy() // 100, [("compact", 0.6), ("iso", 0.4)])
        df = df.with_columns(pl.Series("_b", birth), sstr("_st", style))
        st = pl.col("_st")
        out = df.select(
            "record_id", "name", "id_number", "sex",
            self.fmt_date("_b", st).alias("birth_date"),
            self.fmt_date("death", st).alias("death_date"),
            self.fmt_date("dereg", st).alias("deregistered_on"),
            pl.col("region").cast(pl.String).alias("region_code"), "reason",
            pl.col("cause").alias("death_cause"))
        self.write_csv(out, "deregistrations")
        self.person_truth(df, "deregistrations")

    def cremations(self) -> None:
        sim, rng = self.sim, self.rng
        df = self.order(self.raw("cremations"), "crem", "cremations")
        df = self.people_cols(df, "cremations")
        ref = df["death"].fill_null(df["crem"]).to_numpy()
        age = self.ages(df, ref)
        u = rng.random(df.height)
        age = np.where(u < 0.15, age + 1, age)  # nominal age (虚岁)
        fh = df["fh"].to_numpy()
        style = self.styles(fh, [("iso", 0.4), ("slash", 0.35), ("zh", 0.25)])
        df = df.with_columns(
            pl.Series("age", age).set(pl.Series(u > 0.92), None),
            sstr("_st", style),
            pl.Series("funeral_home", [sim.fh[i].name for i in fh.tolist()], dtype=pl.String),
            pl.Series("region_code", [str(sim.fh[i].region) for i in fh.tolist()],
                      dtype=pl.String))
        st = pl.col("_st")
        out = df.select(
            "record_id", "name", "id_number", "sex", "age",
            self.fmt_date("death", st).alias("death_date"),
            self.fmt_date("crem", st).alias("cremated_on"), "funeral_home", "region_code",
            pl.col("cause").alias("death_cause"), pl.col("issuer").alias("certificate_issuer"),
            pl.col("origin").alias("body_origin"))
        self.write_csv(out, "cremations")
        self.person_truth(df, "cremations")

    def injury_claims(self) -> None:
        rng = self.rng
        df = self.order(self.raw("injury_claims"), "applied", "injury_claims")
        df = self.people_cols(df, "injury_claims")
        names, usccs = self.employer(df["emp"].to_numpy(), "injury_claims")
        region = df["region"].to_numpy()
        citylevel = rng.random(df.height) < 0.08
        region = np.where(citylevel, region // 100 * 100 + 1, region)
        style = self.styles(region // 100, [("iso", 0.85), ("slash", 0.15)])
        df = df.with_columns(names.alias("employer_name"),
                             pl.Series("employer_uscc", usccs, dtype=pl.String),
                             pl.Series("region_code", region.astype(str)),
                             sstr("_st", style))
        st = pl.col("_st")
        out = df.select(
            "record_id", "name", "id_number", "sex", "employer_name", "employer_uscc",
            self.fmt_date("inj", st).alias("injury_date"),
            self.fmt_date("applied", st).alias("applied_on"),
            self.fmt_date("decided", st).alias("decided_on"), "outcome",
            pl.col("desc").alias("injury_description"), "region_code")
        self.write_csv(out, "injury_claims")
        self.person_truth(df, "injury_claims")

    def medical_records(self) -> None:
        sim, rng = self.sim, self.rng
        raw = self.raw("medical_records")
        # still on the ward when the data were pulled: not in the discharge extract yet
        raw = raw.filter(pl.col("dis").is_null() | (pl.col("dis") <= EXTRACT * 1440))
        # emergency encounters without a recorded discharge time
        ed = pl.col("ctx").str.starts_with("ed") | pl.col("ctx").str.starts_with("unk")
        raw = raw.with_columns(
            pl.when(ed & (pl.Series(rng.random(raw.height)) < 0.02)).then(None)
            .otherwise(pl.col("dis")).alias("dis"))
        df = self.order(raw, "adm", "medical_records")
        df = self.people_cols(df, "medical_records")
        age = self.ages(df, df["adm"].to_numpy() // 1440)
        unk = np.char.startswith(df["ctx"].to_numpy().astype(str), "unk")
        age = np.where(unk, np.round(age / 5) * 5, age).astype(np.int64)
        miss = (rng.random(df.height) < 0.03) | (unk & (rng.random(df.height) < 0.5))
        hosp = df["hosp"].to_numpy()
        emp = df["emp"].fill_null(-1).to_numpy()
        emp_names, _ = self.employer(emp, "medical_records")
        secs = rng.integers(0, 60, df.height)
        out = df.with_columns(
            pl.Series("age", age, dtype=pl.Int32).set(pl.Series(miss), None),
            pl.Series("hospital", [sim.hosp[i].name for i in hosp.tolist()], dtype=pl.String),
            pl.Series("region_code", [str(sim.hosp[i].region) for i in hosp.tolist()],
                      dtype=pl.String),
            ((pl.col("adm") * 60 + pl.Series(secs)) * 1_000_000).cast(pl.Datetime("us"))
            .alias("admitted_at"),
            (pl.col("dis") * 60_000_000).cast(pl.Datetime("us")).alias("discharged_at"),
            emp_names.alias("employer_name"),
        ).select("record_id", "name", "id_number", "sex", "age", "hospital", "region_code",
                 "admitted_at", "discharged_at", pl.col("dx").alias("diagnosis_icd10"),
                 pl.col("ext").alias("external_cause_icd10"),
                 pl.col("disp").alias("disposition"), "payer", "employer_name")
        out.write_parquet(self.out / "medical_records.parquet", statistics=False)
        self.person_truth(df, "medical_records")

    def employment(self) -> None:
        rng = self.rng
        df = self.order(self.raw("employment"), "start", "employment")
        df = self.people_cols(df, "employment")
        emp = df["emp"].to_numpy()
        names, usccs = self.employer(emp, "employment")
        ind = self.ent_ind[emp].copy()
        wrong = rng.random(emp.size) < 0.05
        ind[wrong] = np.where(rng.random(int(wrong.sum())) < 0.5, "other", "manufacturing")
        ind = np.where(df["ind_known"].to_numpy(), ind, None)
        name_null = rng.random(emp.size) < 0.02
        out = df.with_columns(
            pl.when(pl.Series(name_null)).then(None).otherwise(pl.col("name")).alias("name"),
            names.alias("employer_name"), pl.Series("employer_uscc", usccs, dtype=pl.String),
            sstr("industry", ind),
            pl.col("start").cast(pl.Date).alias("start_date"),
            pl.col("end").cast(pl.Date).alias("end_date"),
        ).select("record_id", "id_number", "name", "employer_name", "employer_uscc",
                 "industry", "start_date", "end_date")
        out.write_parquet(self.out / "employment.parquet", statistics=False)
        self.person_truth(df, "employment")

    def enterprises(self) -> None:
        reg = [e for e in self.sim.ents if e.in_register]
        df = pl.DataFrame({
            "uscc": [e.uscc for e in reg], "name": [e.name for e in reg],
            "industry": [e.industry for e in reg], "region_code": [str(e.region) for e in reg],
            "high_risk": [e.high_risk for e in reg],
        }).sort("uscc")
        self.write_csv(df, "enterprises")
        self.counts["enterprises"] = df.height

    # ------------------------------------------------------------------ truth
    def truth(self, mapping: dict[str, str]) -> dict[str, Any]:
        sim = self.sim
        tdir = self.out / "truth"
        tdir.mkdir(parents=True, exist_ok=True)
        rp = pl.concat(self.record_person).sort(["source", "record_id"])
        rp.write_parquet(tdir / "record_person.parquet", statistics=False)
        inc = pl.DataFrame({
            "incident_id": [i["incident_id"] for i in sim.incidents],
            "accident_record_id": pl.Series(
                [mapping.get(i["accident_record_id"]) if i["accident_record_id"] else None
                 for i in sim.incidents], dtype=pl.String),
            "kind": [i["kind"] for i in sim.incidents],
            "true_deaths": pl.Series([i["true_deaths"] for i in sim.incidents], dtype=pl.Int64),
            "reported_deaths": pl.Series([i["reported_deaths"] for i in sim.incidents],
                                         dtype=pl.Int64),
            "employer_uscc": pl.Series([i["employer_uscc"] for i in sim.incidents],
                                       dtype=pl.String),
            "occurred_on": pl.Series([i["occurred_on"] for i in sim.incidents],
                                     dtype=pl.Int64).cast(pl.Date),
        }).sort("incident_id")
        inc.write_parquet(tdir / "incidents.parquet", statistics=False)
        ip = pl.DataFrame({
            "incident_id": [r["incident_id"] for r in sim.inc_person],
            "person_id": [f"P{r['pid']:08d}" for r in sim.inc_person],
            "outcome": [r["outcome"] for r in sim.inc_person],
            "reported_outcome": pl.Series([r["reported_outcome"] for r in sim.inc_person],
                                          dtype=pl.String),
        }).sort(["incident_id", "person_id"])
        ip.write_parquet(tdir / "incident_person.parquet", statistics=False)
        deaths = pl.concat(sim.death_chunks).select(
            pl.format("P{}", pl.col("pid").cast(pl.String).str.zfill(8)).alias("person_id"),
            "death_class", "incident_id").sort("person_id")
        assert deaths["person_id"].n_unique() == deaths.height
        deaths.write_parquet(tdir / "deaths.parquet", statistics=False)
        return {"incidents": inc, "incident_person": ip, "deaths": deaths, "record_person": rp}
