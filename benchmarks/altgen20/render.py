"""From the world's true records to the files departments export: record keys, clerks' name and
ID errors, the sex / age / date styles of each department, encodings and file formats."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from . import geo
from .ident import corrupt
from .names import noisy_names
from .people import Population

COMMON = {"pid": pl.Int64, "as_pid": pl.Int64, "name_fixed": pl.Utf8, "kind_fixed": pl.Utf8,
          "age_fixed": pl.Int64}
INTERNAL: dict[str, dict[str, Any]] = {
    "accident_victims": {"accident_key": pl.Int64, "outcome": pl.Utf8, "day": pl.Date,
                         "order": pl.Int64},
    "deregistrations": {"death_date": pl.Date, "dereg_on": pl.Date, "region": pl.Utf8,
                        "reason": pl.Utf8, "cause": pl.Utf8, "death_known": pl.Boolean},
    "cremations": {"death_date": pl.Date, "cremated_on": pl.Date, "funeral_home": pl.Utf8,
                   "region": pl.Utf8, "cause": pl.Utf8, "issuer": pl.Utf8, "origin": pl.Utf8,
                   "death_known": pl.Boolean},
    "injury_claims": {"employer_name": pl.Utf8, "employer_uscc": pl.Utf8, "injury_date": pl.Date,
                      "applied_on": pl.Date, "decided_on": pl.Date, "outcome": pl.Utf8,
                      "desc": pl.Utf8, "region": pl.Utf8},
    "medical_records": {"hospital": pl.Int64, "admitted_at": pl.Datetime("us"),
                        "discharged_at": pl.Datetime("us"), "diag": pl.Utf8, "ext": pl.Utf8,
                        "disposition": pl.Utf8, "payer": pl.Utf8, "employer_name": pl.Utf8},
    "employment": {"employer_name": pl.Utf8, "employer_uscc": pl.Utf8, "industry": pl.Utf8,
                   "start_date": pl.Date, "end_date": pl.Date},
}
PERSON_SOURCES = list(INTERNAL)
FORMATS = {"accidents": "utf-8", "accident_victims": "utf-8-sig", "deregistrations": "gb18030",
           "cremations": "utf-8-sig", "injury_claims": "parquet", "medical_records": "parquet",
           "employment": "parquet", "enterprises": "gb18030"}

# per source: name error rate, ID kind probabilities (before person-specific ones), legacy-15
# share for old rural people, lower-case x share for IDs ending in X
KIND_P: dict[str, dict[str, float]] = {
    "accident_victims": {"clean": .88, "missing": .04, "wrong_check": .02, "typo1": .03,
                         "transposed": .02, "typo2": .005, "valid_corrupt": .005},
    "deregistrations": {"clean": .962, "missing": .01, "wrong_check": .005, "typo1": .01,
                        "transposed": .008, "valid_corrupt": .005},
    "cremations": {"clean": .56, "missing": .27, "wrong_check": .03, "typo1": .07,
                   "transposed": .04, "typo2": .015, "valid_corrupt": .015},
    "injury_claims": {"clean": .935, "missing": .01, "wrong_check": .01, "typo1": .02,
                      "transposed": .015, "typo2": .005, "valid_corrupt": .005},
    "medical_records": {"clean": .69, "missing": .19, "wrong_check": .02, "typo1": .05,
                        "transposed": .03, "typo2": .01, "valid_corrupt": .01},
    "employment": {"clean": .962, "wrong_check": .008, "typo1": .014, "transposed": .01,
                   "typo2": .003, "valid_corrupt": .003},
}
NAME_ERR = {"accident_victims": .03, "deregistrations": .012, "cremations": .08,
            "injury_claims": .03, "medical_records": .06, "employment": .025}
LEGACY_P = {"accident_victims": .10, "deregistrations": .02, "cremations": .40,
            "injury_claims": .05, "medical_records": .25, "employment": .02}
LOWER_X_P = {"accident_victims": .2, "deregistrations": 0.0, "cremations": .3,
             "injury_claims": .1, "medical_records": .25, "employment": .05}


def _as_series(name: str, v: Any, dtype: Any, n: int) -> pl.Series:
    if v is None:
        return pl.Series(name, [None] * n, dtype=dtype)
    if isinstance(v, str | int | float | bool | np.generic):
        return pl.Series(name, [v.item() if isinstance(v, np.generic) else v] * n, dtype=dtype)
    if isinstance(v, np.ndarray):
        if v.dtype.kind == "M":
            unit = "D" if dtype == pl.Date else "us"
            return pl.Series(name, v.astype(f"datetime64[{unit}]")).cast(dtype)
        if v.dtype.kind in "OU":
            return pl.Series(name, v.tolist(), dtype=dtype)
        return pl.Series(name, v).cast(dtype)
    vals = [x.item() if isinstance(x, np.generic) else x for x in v]
    return pl.Series(name, vals, dtype=dtype)


class Rec:
    """The true records of every person-bearing source, added in batches."""

    def __init__(self) -> None:
        self.parts: dict[str, list[pl.DataFrame]] = {s: [] for s in INTERNAL}

    def add(self, source: str, **cols: Any) -> None:
        n = len(cols["pid"])
        if n == 0:
            return
        schema = {**COMMON, **INTERNAL[source]}
        unknown = set(cols) - set(schema)
        if unknown:
            raise KeyError(f"{source}: {sorted(unknown)}")
        self.parts[source].append(pl.DataFrame(
            [_as_series(c, cols.get(c), t, n) for c, t in schema.items()]))

    def add_rows(self, source: str, rows: list[dict[str, Any]]) -> None:
        if rows:
            keys = list(rows[0])
            self.add(source, **{k: [r.get(k) for r in rows] for k in keys})

    def frame(self, source: str) -> pl.DataFrame:
        return pl.concat(self.parts[source])


def date_styles(col: str, style: pl.Expr) -> pl.Expr:
    """Date column as text in the contract's four styles, chosen per row by ``style`` 0-3:
    ISO, ``YYYY/M/D``, ``YYYYMMDD``, ``YYYY年M月D日``."""
    c = pl.col(col)
    y, m, d = c.dt.year().cast(pl.Utf8), c.dt.month().cast(pl.Utf8), c.dt.day().cast(pl.Utf8)
    return (pl.when(style == 1).then(pl.concat_str([y, m, d], separator="/"))
            .when(style == 2).then(c.dt.strftime("%Y%m%d"))
            .when(style == 3).then(pl.concat_str([y, pl.lit("年"), m, pl.lit("月"), d, pl.lit("日")]))
            .otherwise(c.dt.strftime("%Y-%m-%d"))).alias(col)


def render_ids(df: pl.DataFrame, source: str, pop: Population,
               rng: np.random.Generator) -> tuple[list[str | None], list[str]]:
    """Each record's ID as written, and the kind of ID it is."""
    n = df.height
    who = df["as_pid"].fill_null(df["pid"]).to_numpy()
    fixed = df["kind_fixed"].to_list()
    probs = KIND_P[source]
    kinds_all = list(probs)
    pk = np.array([probs[k] for k in kinds_all])
    draw = rng.choice(len(kinds_all), n, p=pk / pk.sum())
    u_leg = rng.random(n)
    u_x = rng.random(n)
    values: list[str | None] = []
    kinds: list[str] = []
    for i in range(n):
        p = int(who[i])
        true = pop.ids[p]
        kind = fixed[i] or kinds_all[draw[i]]
        if fixed[i] is None:
            if pop.legacy[p] and u_leg[i] < LEGACY_P[source]:
                kind = "legacy15"
            elif kind == "clean" and true.endswith("X") and u_x[i] < LOWER_X_P[source]:
                kind = "lower_x"
        if kind == "borrowed":
            v, k = true, "borrowed"
        else:
            v, k = corrupt(true, kind, rng)
        if k == "clean" and pop.duplicate[p]:
            k = "duplicate"
        values.append(v)
        kinds.append(k)
    return values, kinds


def render_person_source(df: pl.DataFrame, source: str, pop: Population,
                         rng: np.random.Generator) -> tuple[pl.DataFrame, list[str]]:
    """Name, ID, sex and age columns of a person-bearing source (rows already keyed)."""
    who = df["as_pid"].fill_null(df["pid"]).to_numpy()
    base = [str(x) for x in pop.names[who]]
    fixed = df["name_fixed"].to_list()
    names = [f if f is not None else b for f, b in zip(fixed, base, strict=True)]
    garbled = noisy_names(names, NAME_ERR[source], rng)
    names = [f if f is not None else g for f, g in zip(fixed, garbled, strict=True)]
    ids, kinds = render_ids(df, source, pop, rng)
    male = pop.males[who]
    u = rng.random(df.height)
    if source in ("deregistrations", "cremations"):
        sex = np.where(male, "男", "女").astype(object)
        sex[u < (0.09 if source == "cremations" else 0.003)] = None
    elif source == "injury_claims":
        sex = np.where(male, "1", "2").astype(object)
        sex[u < 0.01] = None
    else:
        sex = np.where(male, "M", "F").astype(object)
        sex[u < 0.03] = None
    out = df.with_columns(pl.Series("name", names, dtype=pl.Utf8),
                          pl.Series("id_number", ids, dtype=pl.Utf8),
                          pl.Series("sex", sex.tolist(), dtype=pl.Utf8))
    return out, kinds


def ages(df: pl.DataFrame, pop: Population, day_col: str, rng: np.random.Generator,
         *, nominal: float, missing: float) -> pl.Series:
    """Age at ``day_col`` (completed years; some clerks write the nominal age, one more)."""
    who = df["as_pid"].fill_null(df["pid"]).to_numpy()
    day = df[day_col].cast(pl.Date).to_numpy().astype("datetime64[D]")
    a = pop.age_at(who, day).astype(object)
    u = rng.random(df.height)
    a = np.where(u < nominal, a + 1, a)
    a[rng.random(df.height) < missing] = None
    fixed = df["age_fixed"].to_list()
    vals = [f if f is not None else (None if x is None else int(x)) for f, x in zip(fixed, a,
                                                                                    strict=True)]
    return pl.Series("age", vals, dtype=pl.Int64)


def write_csv(df: pl.DataFrame, path: Path, encoding: str) -> None:
    text = df.write_csv(null_value="", datetime_format="%Y-%m-%d %H:%M:%S")
    if encoding == "utf-8-sig":
        path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    else:
        path.write_bytes(text.encode(encoding))


def write_source(df: pl.DataFrame, out: Path, source: str) -> None:
    fmt = FORMATS[source]
    if fmt == "parquet":
        df.write_parquet(out / f"{source}.parquet", statistics=False)
    else:
        write_csv(df, out / f"{source}.csv", fmt)


def hospital_names(idx: pl.Series) -> tuple[pl.Series, pl.Series]:
    arr = idx.to_numpy()
    return (pl.Series("hospital", geo.HOSP_NAME[arr].tolist(), dtype=pl.Utf8),
            pl.Series("region_code", geo.COUNTY_CODES[geo.HOSP_COUNTY[arr]].tolist(),
                      dtype=pl.Utf8))
