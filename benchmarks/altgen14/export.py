"""From the world's raw records to the contract's files: record ids, identities as recorded, damaged
ID numbers, name variants, sex codes, date errors and date styles, duplicates across exports."""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import polars as pl

from .ids import corrupt_id, mistype_uscc
from .names import name_variant
from .people import EPOCH, to_days
from .world import DAY, World

PERSON_SOURCES = ("accident_victims", "deregistrations", "cremations", "injury_claims",
                  "medical_records", "employment")
PREFIX = {"accidents": "GDAJ", "accident_victims": "AV", "deregistrations": "HJ",
          "cremations": "BZ", "injury_claims": "GS", "medical_records": "YL",
          "employment": "SB"}
# record-level damage of the ID number, per source (lower_x: share of IDs ending in X)
ID_NOISE: dict[str, dict[str, float]] = {
    "accident_victims": {"missing": .08, "typo1": .02, "wrong_check": .01, "legacy15": .005,
                         "transposed": .005, "lower_x": .3},
    "deregistrations": {"missing": .02, "legacy15": .02, "typo1": .008, "wrong_check": .004,
                        "transposed": .003, "lower_x": .2},
    "cremations": {"missing": .25, "typo1": .05, "transposed": .02, "wrong_check": .02,
                   "legacy15": .03, "valid_corrupt": .005, "lower_x": .4},
    "injury_claims": {"missing": .01, "typo1": .01, "transposed": .004, "wrong_check": .003,
                      "lower_x": .1},
    "medical_records": {"missing": .14, "typo1": .03, "transposed": .01, "legacy15": .01,
                        "wrong_check": .01, "lower_x": .5},
    "employment": {"typo1": .008, "transposed": .004, "legacy15": .003, "wrong_check": .002,
                   "lower_x": .1},
}
NAME_NOISE = {"accident_victims": .04, "deregistrations": .02, "cremations": .08,
              "injury_claims": .03, "medical_records": .08, "employment": .03}
DUPLICATES = {"deregistrations": .003, "cremations": .006, "medical_records": .004}
DATE_FORMATS = ("%Y-%m-%d", "%Y/%-m/%-d", "%Y%m%d", "%Y年%-m月%-d日")
RAW_INT = ("pid", "ident", "inc", "age", "death_date", "deregistered_on", "region_code", "home",
           "cremated_on", "employer", "injury_date", "applied_on", "decided_on", "hospital",
           "admitted_at", "discharged_at", "start_date", "end_date")
NULLABLE_NEG = ("decided_on", "discharged_at", "end_date")


def raw_table(world: World, src: str) -> pl.DataFrame:
    """The frames and loop rows of ``src`` as one table; -1 means null in the bulk frames."""
    parts = list(world.frames[src])
    if world.rows[src]:
        parts.append(pl.DataFrame(world.rows[src], infer_schema_length=None))
    parts = [p.with_columns([pl.col(c).cast(pl.Int64) for c in p.columns if c in RAW_INT])
             for p in parts]
    df = pl.concat(parts, how="diagonal_relaxed")
    return df.with_columns([pl.when(pl.col(c) < 0).then(None).otherwise(pl.col(c)).alias(c)
                            for c in NULLABLE_NEG if c in df.columns])


def day_to_date(col: str) -> pl.Expr:
    return pl.col(col).cast(pl.Int32).cast(pl.Date)


def styled_dates(df: pl.DataFrame, cols: list[str], style: np.ndarray) -> pl.DataFrame:
    """Date columns (Date dtype) written as text in each row's style."""
    s = pl.Series("_style", style)
    df = df.with_columns(s)
    exprs = []
    for c in cols:
        e = (pl.when(pl.col("_style") == 0).then(pl.col(c).dt.strftime(DATE_FORMATS[0]))
             .when(pl.col("_style") == 1).then(pl.col(c).dt.strftime(DATE_FORMATS[1]))
             .when(pl.col("_style") == 2).then(pl.col(c).dt.strftime(DATE_FORMATS[2]))
             .otherwise(pl.col(c).dt.strftime(DATE_FORMATS[3])))
        exprs.append(e.alias(c))
    return df.with_columns(exprs).drop("_style")


def ent_variant(name: str, rng: np.random.Generator) -> str:
    """An enterprise name as another department writes it."""
    m = re.match(r"^(广东|[\u4e00-\u9fff]{2}市)(.*)$", name)
    body = m.group(2) if m else name
    prefix = m.group(1) if m else ""
    r = rng.random()
    if r < 0.35:
        return body
    if r < 0.5 and prefix == "广东":
        return "广东省" + body
    if r < 0.65 and body.endswith("有限公司"):
        return prefix + body[:-4] + "有限责任公司"
    if r < 0.85:
        return body[:4]
    return body + f"（{prefix.rstrip('市') or '广东'}）"


class Exporter:
    def __init__(self, world: World, seed: int) -> None:
        self.w = world
        self.rng = np.random.default_rng(seed + 7919)
        self.id_kinds: dict[str, list[tuple[str, str]]] = {}
        self.record_person: list[pl.DataFrame] = []
        self.acc_ids: dict[int, str] = {}

    # --------------------------------------------------------------- shared steps
    def with_record_ids(self, df: pl.DataFrame, src: str, key: str) -> pl.DataFrame:
        """Duplicates for the sources that have them, then rows in time order (ties at random)
        numbered as the supplier numbers them."""
        rng = self.rng
        share = DUPLICATES.get(src, 0.0)
        if share:
            dup = df[np.flatnonzero(rng.random(df.height) < share).tolist()]
            df = pl.concat([df, dup])
        df = df.with_columns(pl.Series("_tie", rng.permutation(df.height))).sort([key, "_tie"])
        width = max(7, len(str(df.height)))
        return df.drop("_tie").with_columns(
            (pl.lit(PREFIX[src]) + pl.int_range(1, df.height + 1).cast(pl.Utf8).str.zfill(width))
            .alias("record_id"))

    def identities(self, df: pl.DataFrame, src: str) -> pl.DataFrame:
        """Name, ID number (with its kind), sex and birth date as the record carries them."""
        rng = self.rng
        p = self.w.persons
        pid = df["pid"].to_numpy()
        ident = df["ident"].fill_null(-1).to_numpy()
        who = np.where(ident >= 0, ident, pid)
        ids = p.idrec[who].copy()
        kinds = np.where(ident >= 0, "borrowed", p.kind0[pid]).astype(object)
        noise = ID_NOISE[src]
        r = rng.random(len(df))
        acc = 0.0
        for kind, share in noise.items():
            if kind == "lower_x":
                continue
            sel = (r >= acc) & (r < acc + share)
            kinds[sel] = kind
            acc += share
        ends_x = np.array([v.endswith("X") for v in ids.tolist()])
        lower = ends_x & (kinds == "clean") & (rng.random(len(df)) < noise.get("lower_x", 0))
        kinds[lower] = "lower_x"
        if src == "medical_records":  # emergency admissions without papers
            same_day = (df["discharged_at"].fill_null(0) - df["admitted_at"]).to_numpy() < DAY
            extra = same_day & (rng.random(len(df)) < 0.15) & np.isin(kinds, ["clean", "duplicate"])
            kinds[extra] = "missing"
        out_ids = np.empty(len(df), dtype=object)
        for i in range(len(df)):
            k = kinds[i]
            out_ids[i] = ids[i] if k in ("clean", "duplicate", "borrowed") else corrupt_id(ids[i], k, rng)
        names = p.name[who].copy()
        for i in np.flatnonzero(rng.random(len(df)) < NAME_NOISE[src]).tolist():
            names[i] = name_variant(names[i], rng)
        if src == "medical_records":
            anon = (kinds == "missing") & (rng.random(len(df)) < 0.02)
            names[anon] = "无名氏"
        male = p.male[who]
        rid = df["record_id"].to_list()
        self.id_kinds[src] = list(zip(rid, kinds.tolist(), strict=True))
        self.record_person.append(pl.DataFrame({
            "source": [src] * len(rid), "record_id": rid,
            "person_id": p.person_id[pid].tolist()}))
        return df.with_columns(
            pl.Series("name", names.tolist(), dtype=pl.Utf8),
            pl.Series("id_number", out_ids.tolist(), dtype=pl.Utf8),
            pl.Series("_male", male),
            pl.Series("_birth", p.birth_ymd()[who]))

    def sex(self, df: pl.DataFrame, styles: tuple[tuple[str, str, float], ...],
            null: float) -> pl.DataFrame:
        """``styles``: (male code, female code, weight); ``null``: share left empty."""
        rng = self.rng
        w = np.array([s[2] for s in styles])
        pick = rng.choice(len(styles), size=df.height, p=w / w.sum())
        male = df["_male"].to_numpy()
        codes = np.array([s[0] for s in styles], dtype=object)[pick]
        fcodes = np.array([s[1] for s in styles], dtype=object)[pick]
        out = np.where(male, codes, fcodes).astype(object)
        out[rng.random(df.height) < null] = None
        return df.with_columns(pl.Series("sex", out.tolist(), dtype=pl.Utf8))

    def fuzz_age(self, df: pl.DataFrame, null: float, off: float) -> pl.DataFrame:
        rng = self.rng
        age = df["age"].to_numpy().astype(float)
        shift = np.where(rng.random(df.height) < off, rng.choice([-1, 1], df.height), 0)
        out = pl.Series("age", age + shift).cast(pl.Int64)
        mask = pl.Series(rng.random(df.height) < null)
        return df.with_columns(pl.when(mask).then(None).otherwise(out).alias("age"))

    def fuzz_days(self, df: pl.DataFrame, col: str, null: float, off: float,
                  year: float = 0.0) -> pl.DataFrame:
        """Day numbers with some copied a day or more wrong, a year wrong, or left out."""
        rng = self.rng
        v = df[col].to_numpy().astype(float)
        shift = np.where(rng.random(df.height) < off, rng.choice([-2, -1, 1, 1, 2], df.height), 0)
        shift = np.where(rng.random(df.height) < year, -365, shift)
        out = v + shift
        out[rng.random(df.height) < null] = np.nan
        return df.with_columns(pl.Series(col, out, nan_to_null=True).cast(pl.Int64))

    # --------------------------------------------------------------- sources
    def accidents(self) -> pl.DataFrame:
        rng = self.rng
        w = self.w
        df = raw_table(w, "accidents")
        df = self.with_record_ids(df, "accidents", "occurred_at")
        self.acc_ids = dict(zip(df["inc"].to_list(), df["record_id"].to_list(), strict=True))
        names, usccs = [], []
        for e in df["ent"].to_list():
            nm = w.ent_name[e]
            names.append(ent_variant(nm, rng) if rng.random() < 0.1 else nm)
            r = rng.random()
            u = w.ent_uscc[e]
            usccs.append(None if r < 0.06 else mistype_uscc(u, rng) if r < 0.09 else u)
        slash = pl.Series(rng.random(df.height) < 0.3)
        secs = pl.Series(rng.random(df.height) < 0.5)

        def dt(col: str) -> pl.Expr:
            t = pl.from_epoch(pl.col(col), time_unit="s")
            day = pl.when(slash).then(t.dt.strftime("%Y/%-m/%-d")).otherwise(t.dt.strftime("%Y-%m-%d"))
            hm = pl.when(secs).then(t.dt.strftime("%H:%M:%S")).otherwise(t.dt.strftime("%H:%M"))
            return (day + pl.lit(" ") + hm).alias(col)

        return df.with_columns(
            dt("occurred_at"), dt("reported_at"), pl.col("region_code").cast(pl.Utf8),
            pl.Series("enterprise_name", names), pl.Series("enterprise_uscc", usccs, dtype=pl.Utf8),
            pl.col("reported_deaths").cast(pl.Int64), pl.col("reported_serious_injuries").cast(pl.Int64),
            pl.col("reported_minor_injuries").cast(pl.Int64),
        ).select("record_id", "occurred_at", "reported_at", "region_code", "address",
                 "enterprise_name", "enterprise_uscc", "industry", "accident_type",
                 "reported_deaths", "reported_serious_injuries", "reported_minor_injuries",
                 "direct_loss_10k_yuan")

    def accident_victims(self) -> pl.DataFrame:
        df = raw_table(self.w, "accident_victims")
        df = df.with_columns(pl.col("inc").replace_strict(self.acc_ids, return_dtype=pl.Utf8)
                             .alias("accident_id"))
        df = self.with_record_ids(df, "accident_victims", "accident_id")
        df = self.identities(df, "accident_victims")
        df = self.sex(df, (("男", "女", .7), ("M", "F", .25)), .05)
        df = self.fuzz_age(df, .1, .05)
        return df.select("record_id", "accident_id", "name", "id_number", "sex", "age", "outcome")

    def deregistrations(self) -> pl.DataFrame:
        rng = self.rng
        df = raw_table(self.w, "deregistrations")
        df = self.with_record_ids(df, "deregistrations", "deregistered_on")
        df = self.identities(df, "deregistrations")
        df = self.sex(df, (("M", "F", .65), ("男", "女", .3)), .03)
        df = self.fuzz_days(df, "death_date", .03, .02, .003)
        b = df["_birth"].to_numpy()
        birth = [to_days(date(int(x) // 10000, int(x) // 100 % 100, int(x) % 100)) for x in b.tolist()]
        bser = pl.Series("birth_date", birth).cast(pl.Int64)
        df = df.with_columns(pl.when(pl.Series(rng.random(df.height) < 0.04)).then(None)
                             .otherwise(bser).alias("birth_date"))
        df = df.with_columns(day_to_date("birth_date"), day_to_date("death_date"),
                             day_to_date("deregistered_on"), pl.col("region_code").cast(pl.Utf8))
        style = rng.choice(4, size=df.height, p=[.7, .0, .25, .05])
        df = styled_dates(df, ["birth_date", "death_date", "deregistered_on"], style)
        return df.select("record_id", "name", "id_number", "sex", "birth_date", "death_date",
                         "deregistered_on", "region_code", "reason", "death_cause")

    def cremations(self) -> pl.DataFrame:
        rng = self.rng
        homes = self.w.homes
        df = raw_table(self.w, "cremations")
        df = self.with_record_ids(df, "cremations", "cremated_on")
        df = self.identities(df, "cremations")
        home = df["home"].to_numpy()
        hstyle = np.array([h.style for h in homes])[home]
        men = np.where(hstyle % 2 == 0, "男", "M")
        women = np.where(hstyle % 2 == 0, "女", "F")
        sex = np.where(df["_male"].to_numpy(), men, women).astype(object)
        sex[rng.random(df.height) < .06] = None
        df = df.with_columns(pl.Series("sex", sex.tolist(), dtype=pl.Utf8))
        df = self.fuzz_age(df, .08, .06)
        df = self.fuzz_days(df, "death_date", .05, .03)
        # death never after cremation, as the documents have it
        df = df.with_columns(pl.when(pl.col("death_date") > pl.col("cremated_on"))
                             .then(pl.col("cremated_on")).otherwise(pl.col("death_date"))
                             .alias("death_date"))
        df = df.with_columns(day_to_date("death_date"), day_to_date("cremated_on"),
                             pl.Series("funeral_home", [homes[h].name for h in home.tolist()]),
                             pl.Series("region_code", [str(homes[h].region) for h in home.tolist()]))
        # most rows keep their home's style; re-typed batches use ISO
        style = np.where(rng.random(df.height) < 0.85, hstyle, 0)
        df = styled_dates(df, ["death_date", "cremated_on"], style)
        return df.select("record_id", "name", "id_number", "sex", "age", "death_date",
                         "cremated_on", "funeral_home", "region_code", "death_cause",
                         "certificate_issuer", "body_origin")

    def injury_claims(self) -> pl.DataFrame:
        rng = self.rng
        w = self.w
        df = raw_table(w, "injury_claims")
        df = self.with_record_ids(df, "injury_claims", "applied_on")
        df = self.identities(df, "injury_claims")
        df = self.sex(df, (("M", "F", 1.0),), .04)
        df = self.fuzz_days(df, "injury_date", 0, .05)
        names, usccs, regions = [], [], []
        for e in df["employer"].to_list():
            nm = w.ent_name[e]
            names.append(ent_variant(nm, rng) if rng.random() < 0.15 else nm)
            r = rng.random()
            u = w.ent_uscc[e]
            usccs.append(None if r < 0.1 else mistype_uscc(u, rng) if r < 0.15 else u)
            regions.append(str(w.ent_region[e]))
        return df.with_columns(
            pl.Series("employer_name", names), pl.Series("employer_uscc", usccs, dtype=pl.Utf8),
            pl.Series("region_code", regions), day_to_date("injury_date"),
            day_to_date("applied_on"), day_to_date("decided_on"),
        ).select("record_id", "name", "id_number", "sex", "employer_name", "employer_uscc",
                 "injury_date", "applied_on", "decided_on", "outcome", "injury_description",
                 "region_code")

    def medical_records(self) -> pl.DataFrame:
        rng = self.rng
        hosp = self.w.hospitals
        df = raw_table(self.w, "medical_records")
        df = self.with_record_ids(df, "medical_records", "admitted_at")
        df = self.identities(df, "medical_records")
        df = self.sex(df, (("M", "F", .94), ("1", "2", .06)), .02)
        age = self.w.persons.age_at(df["pid"].to_numpy(), (df["admitted_at"] // DAY).to_numpy())
        df = df.with_columns(pl.Series("age", age))
        df = self.fuzz_age(df, .05, .03)
        emp = df["employer_name"].to_list()
        emp = [ent_variant(e, rng) if e is not None and rng.random() < 0.3 else e for e in emp]
        h = df["hospital"].to_numpy()
        return df.with_columns(
            pl.Series("hospital", [hosp[i].name for i in h.tolist()]),
            pl.Series("region_code", [str(hosp[i].region) for i in h.tolist()]),
            pl.from_epoch(pl.col("admitted_at"), time_unit="s").cast(pl.Datetime("us")),
            pl.from_epoch(pl.col("discharged_at"), time_unit="s").cast(pl.Datetime("us")),
            pl.Series("employer_name", emp, dtype=pl.Utf8),
        ).select("record_id", "name", "id_number", "sex", "age", "hospital", "region_code",
                 "admitted_at", "discharged_at", "diagnosis_icd10", "external_cause_icd10",
                 "disposition", "payer", "employer_name")

    def employment(self) -> pl.DataFrame:
        rng = self.rng
        w = self.w
        df = raw_table(w, "employment")
        # borrowers are enrolled under the lender's identity; the dead's spells end (or not)
        pid = df["pid"].to_list()
        ident = [w.lender_of.get(x, -1) for x in pid]
        start = df["start_date"].to_list()
        end = df["end_date"].to_list()
        for i, x in enumerate(pid):
            d = w.death_day.get(x)
            if d is None:
                continue
            if start[i] >= d - 20:
                start[i] = d - 20 - int(rng.integers(0, 600))
            if end[i] is not None and end[i] <= start[i]:
                end[i] = None
            if end[i] is None or end[i] > d:
                end[i] = w.closed.get(x) if (end[i] is None or end[i] > d) else end[i]
                if end[i] is not None and end[i] <= start[i]:
                    end[i] = None
        df = df.with_columns(pl.Series("ident", ident), pl.Series("start_date", start),
                             pl.Series("end_date", end, dtype=pl.Int64))
        df = self.with_record_ids(df, "employment", "start_date")
        df = self.identities(df, "employment")
        names = df["name"].to_numpy().astype(object)
        names[rng.random(df.height) < 0.04] = None
        emps = df["employer"].to_list()
        en, eu, ei = [], [], []
        for e in emps:
            nm = w.ent_name[e]
            en.append(ent_variant(nm, rng) if rng.random() < 0.05 else nm)
            r = rng.random()
            eu.append(None if r < 0.04 else mistype_uscc(w.ent_uscc[e], rng) if r < 0.05 else w.ent_uscc[e])
            ei.append(None if rng.random() < 0.1 else str(w.ent["industry"][e]))
        df = df.with_columns(
            pl.Series("name", names.tolist(), dtype=pl.Utf8), pl.Series("employer_name", en),
            pl.Series("employer_uscc", eu, dtype=pl.Utf8), pl.Series("industry", ei, dtype=pl.Utf8),
            day_to_date("start_date"), day_to_date("end_date"))
        style = rng.choice(4, size=df.height, p=[.6, .4, 0, 0])
        df = styled_dates(df, ["start_date", "end_date"], style)
        return df.select("record_id", "id_number", "name", "employer_name", "employer_uscc",
                         "industry", "start_date", "end_date")

    def enterprises(self) -> pl.DataFrame:
        e = self.w.ent
        return e.select(pl.col("uscc_reg").alias("uscc"), "name", "industry",
                        pl.col("region").cast(pl.Utf8).alias("region_code"), "high_risk"
                        ).sort("uscc")

    # --------------------------------------------------------------- truth
    def truth(self) -> dict[str, pl.DataFrame]:
        w = self.w
        pidstr = w.persons.person_id
        inc_rows, ip_rows = [], []
        for inc in w.incidents:
            iid = f"INC{inc.idx:05d}"
            true_d = sum(v.outcome == "death" for v in inc.victims)
            rep_d = sum(v.reported == "death" for v in inc.victims)
            inc_rows.append({
                "incident_id": iid, "accident_record_id": self.acc_ids.get(inc.idx),
                "kind": inc.kind, "true_deaths": true_d, "reported_deaths": rep_d,
                "employer_uscc": w.ent_uscc[inc.ent],
                "occurred_on": (EPOCH + np.timedelta64(inc.when // DAY, "D")).astype(date)})
            for v in inc.victims:
                ip_rows.append({"incident_id": iid, "person_id": str(pidstr[v.pid]),
                                "outcome": v.outcome, "reported_outcome": v.reported})
        incidents = pl.DataFrame(inc_rows, schema={
            "incident_id": pl.Utf8, "accident_record_id": pl.Utf8, "kind": pl.Utf8,
            "true_deaths": pl.Int64, "reported_deaths": pl.Int64, "employer_uscc": pl.Utf8,
            "occurred_on": pl.Date})
        ip = pl.DataFrame(ip_rows, schema={"incident_id": pl.Utf8, "person_id": pl.Utf8,
                                           "outcome": pl.Utf8, "reported_outcome": pl.Utf8})
        items = sorted(w.deaths.items())
        deaths = pl.DataFrame({
            "person_id": [str(pidstr[p]) for p, _ in items],
            "death_class": [c for _, (c, _) in items],
            "incident_id": [f"INC{i:05d}" if i >= 0 else None for _, (_, i) in items]},
            schema={"person_id": pl.Utf8, "death_class": pl.Utf8, "incident_id": pl.Utf8})
        rp = pl.concat(self.record_person).sort("source", "record_id")
        return {"record_person": rp, "incidents": incidents.sort("incident_id"),
                "incident_person": ip.sort("incident_id", "person_id"), "deaths": deaths}

