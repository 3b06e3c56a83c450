"""From the world's true traces to the files the departments export: record keys, names and ID
numbers damaged at each department's rate, sexes and dates in each department's style, employer
names written their several ways, and each file in its format and encoding. Also the truth."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from .core import EXPORT, age_at, pick
from .firms import employer_text
from .ident import apply_id_kinds, mistype_uscc
from .names import damage_names
from .world import Ctx

#: the file format (and CSV encoding) of each source
FORMATS: dict[str, str] = {
    "accidents": "utf-8-sig", "accident_victims": "utf-8", "deregistrations": "parquet",
    "cremations": "gb18030", "injury_claims": "utf-8-sig", "medical_records": "parquet",
    "employment": "parquet", "enterprises": "gb18030",
}
COLUMNS: dict[str, list[str]] = {
    "accidents": ["record_id", "occurred_at", "reported_at", "region_code", "address",
                  "enterprise_name", "enterprise_uscc", "industry", "accident_type",
                  "reported_deaths", "reported_serious_injuries", "reported_minor_injuries",
                  "direct_loss_10k_yuan"],
    "accident_victims": ["record_id", "accident_id", "name", "id_number", "sex", "age", "outcome"],
    "deregistrations": ["record_id", "name", "id_number", "sex", "birth_date", "death_date",
                        "deregistered_on", "region_code", "reason", "death_cause"],
    "cremations": ["record_id", "name", "id_number", "sex", "age", "death_date", "cremated_on",
                   "funeral_home", "region_code", "death_cause", "certificate_issuer", "body_origin"],
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

# ID damage by department: (kind, probability); "clean" takes the rest. legacy15 only reaches
# people born before 1975, lower_x only numbers ending in X (its probability is among those).
ID_NOISE: dict[str, dict[str, float]] = {
    "accident_victims": {"missing": .06, "typo1": .025, "transposed": .01, "typo2": .005,
                         "bad_check": .01, "legacy15": .01, "recomputed": .003, "lower_x": .3},
    "deregistrations": {"missing": .01, "typo1": .008, "transposed": .004, "typo2": .002,
                        "bad_check": .004, "legacy15": .02, "recomputed": .002, "lower_x": .15},
    "cremations": {"missing": .22, "typo1": .04, "transposed": .015, "typo2": .008,
                   "bad_check": .015, "legacy15": .06, "recomputed": .005, "kin": .015,
                   "lower_x": .4},
    "injury_claims": {"missing": .02, "typo1": .015, "transposed": .008, "typo2": .003,
                      "bad_check": .008, "legacy15": .005, "recomputed": .003, "lower_x": .2},
    "medical_records": {"missing": .28, "typo1": .03, "transposed": .012, "typo2": .005,
                        "bad_check": .012, "legacy15": .03, "recomputed": .004, "kin": .01,
                        "lower_x": .45},
    "employment": {"typo1": .01, "transposed": .005, "typo2": .002, "bad_check": .004,
                   "legacy15": .01, "recomputed": .002, "lower_x": .1},
}
NAME_NOISE: dict[str, tuple[float, dict[str, float]]] = {
    "accident_victims": (.05, {"homophone": 4, "drop": 1, "spacing": 1, "surname": 2,
                               "traditional": 0.5, "pinyin": 0.3, "dup": 0.5}),
    "deregistrations": (.025, {"homophone": 3, "traditional": 1, "drop": 1, "dup": .5,
                               "spacing": 1, "pinyin": .3, "surname": 1.5}),
    "cremations": (.09, {"homophone": 5, "traditional": 2, "drop": 1.5, "dup": .7, "spacing": 1.5,
                         "pinyin": .5, "surname": 2}),
    "injury_claims": (.04, {"homophone": 3, "drop": 1, "spacing": 1, "surname": 1.5,
                            "traditional": .5, "pinyin": .5, "dup": .3}),
    "medical_records": (.1, {"homophone": 4, "pinyin": 2, "spacing": 2, "drop": 1.5,
                             "traditional": 1, "surname": 1.5, "dup": .5}),
    "employment": (.03, {"homophone": 2, "spacing": 2, "drop": .5, "surname": 1, "pinyin": .3,
                         "traditional": .3, "dup": .2}),
}


NULL_DAY = -1  # dates after 1970 (every event date) use -1 for "not recorded"


def _ser_days(days: np.ndarray, null: np.ndarray | None = None) -> pl.Series:
    """Days since 1970 as a date column; ``null`` marks the missing ones (default: the value -1,
    which no event date takes — births before 1970 are negative and pass their own mask)."""
    if null is None:
        null = days == NULL_DAY
    s = pl.Series(days.astype(np.int64))
    return pl.select(pl.when(~pl.Series(null)).then(s).otherwise(None).cast(pl.Int32)
                     .cast(pl.Date)).to_series()


def _ser_minutes(mins: np.ndarray) -> pl.Series:
    s = pl.Series(mins.astype(np.int64))
    return pl.select(pl.when(s >= 0).then(s * 60_000).otherwise(None)
                     .cast(pl.Datetime("ms"))).to_series()


def _fmt_dates(days: np.ndarray, style: np.ndarray) -> pl.Series:
    d = _ser_days(days)
    df = pl.DataFrame({"d": d, "s": pl.Series(style.astype(str))})
    e = pl.col("d")
    return df.select(
        pl.when(pl.col("s") == "slash").then(e.dt.strftime("%Y/%-m/%-d"))
        .when(pl.col("s") == "compact").then(e.dt.strftime("%Y%m%d"))
        .when(pl.col("s") == "cn").then(e.dt.strftime("%Y年%-m月%-d日"))
        .otherwise(e.dt.strftime("%Y-%m-%d"))).to_series()


def _fmt_minutes(mins: np.ndarray, style: np.ndarray) -> pl.Series:
    d = _ser_minutes(mins)
    df = pl.DataFrame({"d": d, "s": pl.Series(style.astype(str))})
    e = pl.col("d")
    return df.select(pl.when(pl.col("s") == "slash").then(e.dt.strftime("%Y/%-m/%-d %H:%M"))
                     .otherwise(e.dt.strftime("%Y-%m-%d %H:%M"))).to_series()


def _slip(rng: np.random.Generator, days: np.ndarray, p1: float, p2: float = 0.0,
          swap: float = 0.0, *, births: bool = False) -> np.ndarray:
    """Dates as clerks copy them: a day off, a few days off, month and day swapped."""
    out = days.copy()
    n = len(days)
    ok = np.ones(n, bool) if births else out != NULL_DAY
    one = ok & (rng.random(n) < p1)
    out[one] += rng.choice([-1, 1], int(one.sum()))
    two = ok & (rng.random(n) < p2)
    out[two] += rng.choice([-3, -2, 2, 3], int(two.sum()))
    sw = np.flatnonzero(ok & (rng.random(n) < swap))
    for i in sw:
        d = np.datetime64(int(out[i]), "D").astype(object)
        if d.day <= 12 and d.day != d.month:
            with contextlib.suppress(ValueError):
                out[i] = int(np.datetime64(f"{d.year:04d}-{d.day:02d}-{d.month:02d}").astype(np.int64))
    return out


def _sex(rng: np.random.Generator, sex: np.ndarray, styles: dict[str, float], missing: float,
         style_of_row: np.ndarray | None = None) -> np.ndarray:
    n = len(sex)
    table = {"mf": ("M", "F"), "cn": ("男", "女"), "12": ("1", "2")}
    st = style_of_row if style_of_row is not None else pick(rng, list(styles), list(styles.values()), size=n)
    out = np.empty(n, dtype=object)
    for k, (m, f) in table.items():
        sel = st == k
        out[sel] = np.where(sex[sel] == 0, m, f)
    out[rng.random(n) < missing] = None
    return out


def _id_kinds(rng: np.random.Generator, source: str, birth: np.ndarray, id18: np.ndarray,
              dup: np.ndarray, q: np.ndarray, forced_missing: np.ndarray | None = None,
              missing_boost: np.ndarray | None = None) -> np.ndarray:
    cfg = ID_NOISE[source]
    n = len(birth)
    kinds = np.full(n, "clean", dtype=object)
    r = rng.random(n)
    acc = np.zeros(n)
    for k, p in cfg.items():
        if k == "lower_x":
            continue
        pk = np.full(n, p) * q
        if k == "missing" and missing_boost is not None:
            pk = np.maximum(pk, missing_boost)
        hit = (kinds == "clean") & (r >= acc) & (r < acc + pk)
        kinds[hit] = k
        acc = acc + pk
    kinds[(kinds == "legacy15") & (birth >= 1826)] = "clean"  # 15-digit numbers: born before 1975
    ends_x = np.array([v.endswith("X") for v in id18])
    low = (kinds == "clean") & ends_x & (rng.random(n) < cfg.get("lower_x", 0.0))
    kinds[low] = "lower_x"
    kinds[(kinds == "clean") & dup] = "dup_register"
    if forced_missing is not None:
        kinds[forced_missing] = "missing"
    return kinds


class Renderer:
    def __init__(self, ctx: Ctx, rng: np.random.Generator, out: Path, keep_kinds: bool) -> None:
        self.ctx = ctx
        self.rng = rng
        self.out = out
        self.keep_kinds = keep_kinds
        self.kinds: dict[str, dict[str, str]] = {}
        self.record_person: list[pl.DataFrame] = []
        self.rows: dict[str, int] = {}
        P = ctx.people
        self.sex, self.birth, self.hukou = P.sex_a, P.birth_a, P.hukou_a
        self.name, self.id18, self.dup = P.name, P.id18, P.dup

    # ------------------------------------------------------------------ shared
    def _people(self, source: str, person: np.ndarray, q: np.ndarray,
                forced_missing: np.ndarray | None = None,
                missing_boost: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        rate, mix = NAME_NOISE[source]
        names = damage_names(self.rng, self.name[person], rate * q, mix)
        kinds = _id_kinds(self.rng, source, self.birth[person], self.id18[person], self.dup[person],
                          q, forced_missing, missing_boost)
        ids = apply_id_kinds(self.rng, self.id18[person], kinds)
        return names, ids, kinds

    def _finish(self, source: str, df: pl.DataFrame, person: np.ndarray | None,
                kinds: np.ndarray | None) -> None:
        df = df.select(COLUMNS[source])
        self.rows[source] = df.height
        if person is not None:
            self.record_person.append(pl.DataFrame({
                "source": pl.Series([source] * df.height, dtype=pl.String),
                "record_id": df["record_id"],
                "person_id": pl.Series([f"P{p:07d}" for p in person], dtype=pl.String)}))
            if self.keep_kinds and kinds is not None:
                self.kinds[source] = dict(zip(df["record_id"].to_list(), kinds.tolist(), strict=True))
        fmt = FORMATS[source]
        if fmt == "parquet":
            df.write_parquet(self.out / f"{source}.parquet", compression="zstd", statistics=False)
            return
        buf = io.StringIO()
        df.write_csv(buf, null_value="")
        text = buf.getvalue()
        data = text.encode("gb18030") if fmt == "gb18030" else text.encode("utf-8")
        if fmt == "utf-8-sig":
            data = b"\xef\xbb\xbf" + data
        (self.out / f"{source}.csv").write_bytes(data)

    @staticmethod
    def _seq_ids(df: pl.DataFrame, group: list[str], prefix_expr: pl.Expr, width: int) -> pl.DataFrame:
        df = df.with_columns((pl.int_range(pl.len()).over(group) + 1).alias("_seq"))
        return df.with_columns((prefix_expr + pl.col("_seq").cast(pl.String).str.zfill(width))
                               .alias("record_id")).drop("_seq")

    def _employer(self, firms: np.ndarray, style: str, when: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        names = np.empty(len(firms), dtype=object)
        usccs = np.empty(len(firms), dtype=object)
        present = {"claim": 0.8, "hr": 0.92, "medical": 0.0}[style]
        for i, (f, w) in enumerate(zip(firms, when, strict=True)):
            if f < 0:
                continue
            firm = self.ctx.firms[int(f)]
            names[i] = employer_text(self.rng, firm, style, when=int(w))
            r = self.rng.random()
            if r < present:
                usccs[i] = firm.uscc if r > 0.012 else mistype_uscc(self.rng, firm.uscc)
        return names, usccs

    # ------------------------------------------------------------------ sources
    def accidents(self) -> dict[int, str]:
        rng = self.rng
        acc = self.ctx.accidents
        n = len(acc)
        df = pl.DataFrame({k: [a[k] for a in acc] for k in acc[0]}, strict=False) if n else None
        assert df is not None, "no accidents at this scale"
        df = df.with_columns(pl.Series("_row", np.arange(n)))
        occ = df["occurred_at"].to_numpy()
        year = (occ // 1440).astype("datetime64[D]").astype("datetime64[Y]").astype(int) + 1970
        df = df.with_columns(pl.Series("_year", year)).sort(["occurred_at", "_row"])
        df = self._seq_ids(df, ["region_code", "_year"],
                           pl.lit("SG") + pl.col("region_code") + pl.lit("-")
                           + pl.col("_year").cast(pl.String) + pl.lit("-"), 3)
        style = pick(rng, ["iso", "slash"], [80, 20], size=n)
        df = df.with_columns(
            _fmt_minutes(df["occurred_at"].to_numpy(), style).alias("occurred_at"),
            _fmt_minutes(df["reported_at"].to_numpy(), style).alias("reported_at"),
            pl.col("direct_loss_10k_yuan").cast(pl.Float64),
        )
        mapping = dict(zip(df["_row"].to_list(), df["record_id"].to_list(), strict=True))
        self._finish("accidents", df, None, None)
        return mapping

    def accident_victims(self, acc_ids: dict[int, str]) -> None:
        rng = self.rng
        t = self.ctx.traces.frame("accident_victims")
        person = t["person"].to_numpy()
        q = t["q"].to_numpy()
        names, ids, kinds = self._people("accident_victims", person, q)
        acc_row = t["acc"].to_numpy()
        at_day = np.array([self.ctx.accidents[int(a)]["occurred_at"] for a in acc_row], dtype=np.int64) // 1440
        age = age_at(self.birth[person], at_day)
        off = rng.random(len(age)) < 0.1
        age[off] += rng.choice([-1, 1], int(off.sum()))
        style_acc = pick(rng, ["cn", "mf"], [70, 30], size=len(self.ctx.accidents))
        sex = _sex(rng, self.sex[person], {}, 0.03, style_of_row=style_acc[acc_row])
        accident_id = np.array([acc_ids[int(a)] for a in acc_row], dtype=object)
        k = pl.Series(np.arange(len(person)))
        df = pl.DataFrame({"accident_id": accident_id.tolist(), "_k": k})
        df = df.with_columns((pl.int_range(pl.len()).over("accident_id") + 1).alias("_n"))
        df = df.with_columns((pl.col("accident_id") + pl.lit("-")
                              + pl.col("_n").cast(pl.String).str.zfill(2)).alias("record_id"))
        age_s = pl.Series(age).cast(pl.Int64)
        df = df.with_columns(
            pl.Series("name", names.tolist(), dtype=pl.String),
            pl.Series("id_number", ids.tolist(), dtype=pl.String),
            pl.Series("sex", sex.tolist(), dtype=pl.String),
            pl.when(pl.Series(rng.random(len(age)) < 0.05)).then(None).otherwise(age_s).alias("age"),
            t["outcome"].alias("outcome"))
        self._finish("accident_victims", df, person, kinds)

    def deregistrations(self) -> None:
        rng = self.rng
        t = self.ctx.traces.frame("deregistrations").with_row_index("_r")
        t = t.sort(["dereg_on", "person", "_r"])
        person = t["person"].to_numpy()
        n = len(person)
        q = t["q"].to_numpy()
        names, ids, kinds = self._people("deregistrations", person, q)
        death = _slip(rng, t["death"].to_numpy(), 0.03, 0.005, 0.004)
        death[rng.random(n) < 0.015] = NULL_DAY
        birth = _slip(rng, self.birth[person].copy(), 0.012, 0.0, 0.003, births=True)
        birth_null = rng.random(n) < 0.03
        region = self.hukou[person]
        year = (t["dereg_on"].to_numpy()).astype("datetime64[D]").astype("datetime64[Y]").astype(int) + 1970
        df = pl.DataFrame({
            "name": pl.Series(names.tolist(), dtype=pl.String),
            "id_number": pl.Series(ids.tolist(), dtype=pl.String),
            "sex": pl.Series(_sex(rng, self.sex[person], {"cn": 1.0}, 0.005).tolist(), dtype=pl.String),
            "birth_date": _ser_days(birth, birth_null), "death_date": _ser_days(death),
            "deregistered_on": _ser_days(t["dereg_on"].to_numpy()),
            "region_code": pl.Series(region.tolist(), dtype=pl.String),
            "reason": t["reason"], "death_cause": t["cause"], "_year": pl.Series(year)})
        df = self._seq_ids(df, ["region_code", "_year"], pl.lit("HJ") + pl.col("region_code")
                           + pl.col("_year").cast(pl.String), 6)
        self._finish("deregistrations", df, person, kinds)

    def cremations(self) -> None:
        rng = self.rng
        ctx = self.ctx
        t = ctx.traces.frame("cremations").with_row_index("_r").sort(["fh", "crem_on", "person", "_r"])
        person = t["person"].to_numpy()
        n = len(person)
        q = t["q"].to_numpy()
        names, ids, kinds = self._people("cremations", person, q)
        fh = t["fh"].to_numpy()
        nfh = len(ctx.funeral_homes)
        fh_date = pick(rng, ["iso", "slash", "cn"], [50, 30, 20], size=nfh)
        fh_sex = pick(rng, ["cn", "12"], [85, 15], size=nfh)
        true_death = t["death"].to_numpy()
        ref = np.where(true_death >= 0, true_death, t["crem_on"].to_numpy())
        age = age_at(self.birth[person], ref)
        nominal = rng.random(n) < 0.2
        age[nominal] += 1
        off = rng.random(n) < 0.05
        age[off] += rng.choice([-1, 1], int(off.sum()))
        age_null = rng.random(n) < 0.06
        death = _slip(rng, true_death, 0.08, 0.02, 0.0)
        death[rng.random(n) < 0.07] = NULL_DAY
        crem_on = t["crem_on"].to_numpy()
        home = np.array([f.name if rng.random() > 0.1 else f.aliases[0]
                         for f in (ctx.funeral_homes[int(i)] for i in fh)], dtype=object)
        region = np.array([ctx.funeral_homes[int(i)].region for i in fh], dtype=object)
        year = crem_on.astype("datetime64[D]").astype("datetime64[Y]").astype(int) + 1970
        style = fh_date[fh]
        df = pl.DataFrame({
            "name": pl.Series(names.tolist(), dtype=pl.String),
            "id_number": pl.Series(ids.tolist(), dtype=pl.String),
            "sex": pl.Series(_sex(rng, self.sex[person], {}, 0.05, style_of_row=fh_sex[fh]).tolist(),
                             dtype=pl.String),
            "age": pl.Series(np.where(age_null, -1, age)),
            "death_date": _fmt_dates(death, style), "cremated_on": _fmt_dates(crem_on, style),
            "funeral_home": pl.Series(home.tolist(), dtype=pl.String),
            "region_code": pl.Series(region.tolist(), dtype=pl.String),
            "death_cause": t["cause"], "certificate_issuer": t["issuer"], "body_origin": t["origin"],
            "_fh": pl.Series(fh), "_year": pl.Series(year)})
        df = df.with_columns(pl.when(pl.col("age") >= 0).then(pl.col("age")).otherwise(None).alias("age"))
        df = self._seq_ids(df, ["_fh", "_year"], pl.lit("BY") + pl.col("_fh").cast(pl.String).str.zfill(3)
                           + pl.lit("-") + pl.col("_year").cast(pl.String), 5)
        self._finish("cremations", df, person, kinds)

    def injury_claims(self) -> None:
        rng = self.rng
        t = self.ctx.traces.frame("injury_claims").with_row_index("_r").sort(
            ["region", "applied", "person", "_r"])
        person = t["person"].to_numpy()
        n = len(person)
        q = t["q"].to_numpy()
        names, ids, kinds = self._people("injury_claims", person, q)
        inj = t["inj"].to_numpy()
        emp, uscc = self._employer(t["firm"].to_numpy(), "claim", inj)
        regions = t["region"].to_numpy()
        uniq = sorted(set(regions.tolist()))
        rstyle = dict(zip(uniq, pick(rng, ["iso", "compact"], [60, 40], size=len(uniq)).tolist(),
                          strict=True))
        style = np.array([rstyle[r] for r in regions], dtype=object)
        applied = t["applied"].to_numpy()
        year = applied.astype("datetime64[D]").astype("datetime64[Y]").astype(int) + 1970
        df = pl.DataFrame({
            "name": pl.Series(names.tolist(), dtype=pl.String),
            "id_number": pl.Series(ids.tolist(), dtype=pl.String),
            "sex": pl.Series(_sex(rng, self.sex[person], {"mf": 1.0}, 0.01).tolist(), dtype=pl.String),
            "employer_name": pl.Series(emp.tolist(), dtype=pl.String),
            "employer_uscc": pl.Series(uscc.tolist(), dtype=pl.String),
            "injury_date": _fmt_dates(_slip(rng, inj, 0.04), style),
            "applied_on": _fmt_dates(applied, style),
            "decided_on": _fmt_dates(t["decided"].to_numpy(), style),
            "outcome": t["outcome"], "injury_description": t["desc"], "region_code": t["region"],
            "_year": pl.Series(year)})
        df = self._seq_ids(df, ["region_code", "_year"], pl.lit("GS") + pl.col("region_code")
                           + pl.col("_year").cast(pl.String), 5)
        assert df.height == n
        self._finish("injury_claims", df, person, kinds)

    def medical_records(self) -> None:
        rng = self.rng
        ctx = self.ctx
        t = ctx.traces.frame("medical_records").with_row_index("_r").sort(["hosp", "adm", "person", "_r"])
        person = t["person"].to_numpy()
        n = len(person)
        q = t["q"].to_numpy()
        anon = t["anon"].to_numpy() == 1
        adm = t["adm"].to_numpy()
        dis = t["dis"].to_numpy()
        er = (dis >= 0) & (dis - adm < 1440) | (t["disp"].to_numpy() == "died")
        names, ids, kinds = self._people("medical_records", person, q, forced_missing=anon,
                                         missing_boost=np.where(er, 0.45, 0.0))
        names[anon] = np.where(rng.random(int(anon.sum())) < 0.5, "无名氏", "无名氏男")
        hosp = t["hosp"].to_numpy()
        nh = len(ctx.hospitals)
        h_sex = pick(rng, ["mf", "12", "cn"], [50, 40, 10], size=nh)
        age = age_at(self.birth[person], adm // 1440)
        off = rng.random(n) < 0.05
        age[off] += rng.choice([-1, 1], int(off.sum()))
        age_null = rng.random(n) < 0.1
        emp, _u = self._employer(t["firm"].to_numpy(), "medical", adm // 1440)
        year = ((adm // 1440).astype("datetime64[D]").astype("datetime64[Y]").astype(int) + 1970) % 100
        df = pl.DataFrame({
            "name": pl.Series(names.tolist(), dtype=pl.String),
            "id_number": pl.Series(ids.tolist(), dtype=pl.String),
            "sex": pl.Series(_sex(rng, self.sex[person], {}, 0.03, style_of_row=h_sex[hosp]).tolist(),
                             dtype=pl.String),
            "age": pl.Series(np.where(age_null, -1, age)),
            "hospital": pl.Series([ctx.hospitals[int(h)].name for h in hosp], dtype=pl.String),
            "region_code": pl.Series([ctx.hospitals[int(h)].region for h in hosp], dtype=pl.String),
            "admitted_at": _ser_minutes(adm), "discharged_at": _ser_minutes(dis),
            "diagnosis_icd10": t["diag"], "external_cause_icd10": t["ext"], "disposition": t["disp"],
            "payer": t["payer"], "employer_name": pl.Series(emp.tolist(), dtype=pl.String),
            "_h": pl.Series(hosp), "_year": pl.Series(year)})
        df = df.with_columns(pl.when(pl.col("age") >= 0).then(pl.col("age")).otherwise(None).alias("age"))
        df = self._seq_ids(df, ["_h"], pl.lit("H") + pl.col("_h").cast(pl.String).str.zfill(3)
                           + pl.lit("-") + pl.col("_year").cast(pl.String).str.zfill(2), 6)
        self._finish("medical_records", df, person, kinds)

    def employment(self) -> None:
        rng = self.rng
        W = self.ctx.work
        t = self.ctx.traces.frame("employment")
        person = np.concatenate([W.spell_person, t["person"].to_numpy()])
        firm = np.concatenate([W.spell_firm, t["firm"].to_numpy()])
        start = np.concatenate([W.spell_start, t["start"].to_numpy()])
        end = np.concatenate([W.spell_end, t["end"].to_numpy()])
        end = np.where(end > EXPORT, -1, end)
        order = np.lexsort((np.arange(len(person)), person, start, firm))
        person, firm, start, end = person[order], firm[order], start[order], end[order]
        n = len(person)
        q = np.ones(n)
        names, ids, kinds = self._people("employment", person, q)
        names[rng.random(n) < 0.08] = None
        emp, uscc = self._employer(firm, "hr", start)
        ind = np.array([self.ctx.firms[int(f)].industry for f in firm], dtype=object)
        ind[rng.random(n) < 0.1] = None
        df = pl.DataFrame({
            "record_id": pl.Series([f"SB{i + 1:09d}" for i in range(n)], dtype=pl.String),
            "id_number": pl.Series(ids.tolist(), dtype=pl.String),
            "name": pl.Series(names.tolist(), dtype=pl.String),
            "employer_name": pl.Series(emp.tolist(), dtype=pl.String),
            "employer_uscc": pl.Series(uscc.tolist(), dtype=pl.String),
            "industry": pl.Series(ind.tolist(), dtype=pl.String),
            "start_date": _ser_days(start), "end_date": _ser_days(end)})
        self._finish("employment", df, person, kinds)

    def enterprises(self) -> None:
        firms = [f for f in self.ctx.firms if f.in_register]
        df = pl.DataFrame({
            "uscc": [f.uscc for f in firms], "name": [f.name for f in firms],
            "industry": [f.industry for f in firms], "region_code": [f.region for f in firms],
            "high_risk": [f.high_risk for f in firms]}).sort("uscc")
        self._finish("enterprises", df, None, None)

    # ------------------------------------------------------------------ truth
    def truth(self, acc_ids: dict[int, str]) -> dict[str, Any]:
        ctx = self.ctx
        # incident ids in order of occurrence (the order they were made in says their kind)
        order = sorted(ctx.incidents, key=lambda i: (i.at, i.iid))
        label = {inc.iid: f"I{k + 1:05d}" for k, inc in enumerate(order)}
        tdir = self.out / "truth"
        tdir.mkdir(parents=True, exist_ok=True)
        rp = pl.concat(self.record_person).sort(["source", "record_id"])
        rp.write_parquet(tdir / "record_person.parquet", statistics=False)
        inc_rows = []
        ip_rows = []
        for inc in order:
            iid = label[inc.iid]
            true_deaths = sum(1 for _p, o, _r in inc.persons if o == "death")
            reported = sum(1 for _p, _o, r in inc.persons if r == "death")
            inc_rows.append({"incident_id": iid,
                             "accident_record_id": acc_ids.get(inc.acc) if inc.acc >= 0 else None,
                             "kind": inc.kind, "true_deaths": true_deaths, "reported_deaths": reported,
                             "employer_uscc": ctx.firms[inc.firm].uscc,
                             "occurred_on": inc.at // 1440})
            for p, o, r in inc.persons:
                ip_rows.append({"incident_id": iid, "person_id": f"P{p:07d}", "outcome": o,
                                "reported_outcome": r})
        inc_df = pl.DataFrame(inc_rows, schema={
            "incident_id": pl.String, "accident_record_id": pl.String, "kind": pl.String,
            "true_deaths": pl.Int64, "reported_deaths": pl.Int64, "employer_uscc": pl.String,
            "occurred_on": pl.Int64}).with_columns(pl.col("occurred_on").cast(pl.Int32).cast(pl.Date))
        inc_df.sort("incident_id").write_parquet(tdir / "incidents.parquet", statistics=False)
        ip = pl.DataFrame(ip_rows, schema={"incident_id": pl.String, "person_id": pl.String,
                                           "outcome": pl.String, "reported_outcome": pl.String})
        ip.sort(["incident_id", "person_id"]).write_parquet(tdir / "incident_person.parquet",
                                                            statistics=False)
        dp = np.concatenate(ctx.death_person)
        dc = np.concatenate(ctx.death_class)
        di = np.concatenate(ctx.death_incident)
        deaths = pl.DataFrame({
            "person_id": [f"P{p:07d}" for p in dp], "death_class": pl.Series(dc.tolist(), dtype=pl.String),
            "incident_id": [label[int(i)] if i >= 0 else None for i in di]},
            schema={"person_id": pl.String, "death_class": pl.String, "incident_id": pl.String})
        deaths.sort("person_id").write_parquet(tdir / "deaths.parquet", statistics=False)
        hidden = ip.join(inc_df.select("incident_id", "kind"), on="incident_id").filter(
            pl.col("kind").is_in(["concealed", "under_reported"]) & (pl.col("outcome") == "death")
            & (pl.col("reported_outcome").fill_null("") != "death"))
        return {"hidden_deaths": hidden.height,
                "incidents": inc_df.group_by("kind").len().sort("kind").rows(),
                "deaths": deaths.group_by("death_class").len().sort("death_class").rows()}
