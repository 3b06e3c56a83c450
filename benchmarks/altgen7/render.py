"""Turning internal records into the contract's files: record ids, names and IDs with noise,
sex codes, date formats, duplicates, encodings."""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl

from . import ident as idm
from . import names
from .world import People

IntArr = npt.NDArray[np.int64]

# file format per source: ("csv", encoding) or ("parquet", "")
FORMATS: dict[str, tuple[str, str]] = {
    "accidents": ("csv", "utf-8"), "accident_victims": ("csv", "gb18030"),
    "deregistrations": ("csv", "utf-8-sig"), "cremations": ("csv", "gb18030"),
    "injury_claims": ("csv", "utf-8"), "medical_records": ("parquet", ""),
    "employment": ("parquet", ""), "enterprises": ("csv", "utf-8-sig"),
}
ID_KINDS = ["clean", "missing", "lower_x", "wrong_check", "typo1", "transposed",
            "valid_corrupt", "legacy15"]
# ID noise per source (the rest is clean); lower_x applies only to IDs ending in X,
# legacy15 only to people born before 1985
ID_NOISE: dict[str, dict[str, float]] = {
    "accident_victims": {"missing": 0.08, "lower_x": 0.3, "wrong_check": 0.01, "typo1": 0.03,
                         "transposed": 0.01, "valid_corrupt": 0.005, "legacy15": 0.02},
    "deregistrations": {"missing": 0.02, "lower_x": 0.1, "wrong_check": 0.003, "typo1": 0.006,
                        "transposed": 0.002, "valid_corrupt": 0.002, "legacy15": 0.01},
    "cremations": {"missing": 0.25, "lower_x": 0.4, "wrong_check": 0.02, "typo1": 0.05,
                   "transposed": 0.02, "valid_corrupt": 0.008, "legacy15": 0.03},
    "injury_claims": {"missing": 0.01, "lower_x": 0.15, "wrong_check": 0.004, "typo1": 0.01,
                      "transposed": 0.004, "valid_corrupt": 0.002, "legacy15": 0.003},
    "medical_records": {"missing": 0.07, "lower_x": 0.35, "wrong_check": 0.01, "typo1": 0.03,
                        "transposed": 0.01, "valid_corrupt": 0.005, "legacy15": 0.01},
    "employment": {"lower_x": 0.05, "wrong_check": 0.002, "typo1": 0.006, "transposed": 0.002,
                   "valid_corrupt": 0.002, "legacy15": 0.002},
}
NAME_NOISE: dict[str, dict[str, float]] = {
    "accident_victims": {"homophone": 0.03, "traditional": 0.003, "pinyin": 0.003,
                         "dropped": 0.005, "space": 0.01, "dot": 0.002},
    "deregistrations": {"homophone": 0.006, "traditional": 0.004, "dropped": 0.002,
                        "space": 0.003},
    "cremations": {"homophone": 0.04, "traditional": 0.01, "pinyin": 0.002, "dropped": 0.008,
                   "doubled": 0.003, "space": 0.012, "dot": 0.004},
    "injury_claims": {"homophone": 0.01, "traditional": 0.002, "dropped": 0.002, "space": 0.006},
    "medical_records": {"homophone": 0.035, "traditional": 0.008, "pinyin": 0.012,
                        "dropped": 0.006, "doubled": 0.002, "space": 0.015, "dot": 0.005},
    "employment": {"homophone": 0.012, "traditional": 0.003, "pinyin": 0.003, "dropped": 0.002,
                   "space": 0.008, "dot": 0.002},
}
DUPLICATES = {"deregistrations": 0.002, "cremations": 0.003, "injury_claims": 0.004,
              "medical_records": 0.01}
SEX_STYLE = {"accident_victims": ("男", "女", 0.02), "deregistrations": ("1", "2", 0.003),
             "cremations": ("男", "女", 0.03), "injury_claims": ("M", "F", 0.01),
             "medical_records": ("M", "F", 0.04)}
RECORD_PREFIX = {"deregistrations": "HZ", "cremations": "BZ", "injury_claims": "GS",
                 "medical_records": "MR", "employment": "SB"}
DATE_STYLES = ["%Y-%m-%d", "%Y/%-m/%-d", "%Y年%-m月%-d日", "%Y%m%d"]


def stable_bucket(values: pl.Series, buckets: int) -> pl.Series:
    """A seed-independent bucket per value (a funeral home's or a county's export habit)."""
    lut = {v: zlib.crc32(v.encode("utf-8")) % buckets for v in values.unique().drop_nulls()}
    return values.replace_strict(lut, default=0, return_dtype=pl.Int64)


def fmt_dates(col: str, style: pl.Series) -> pl.Expr:
    e = pl.col(col)
    out: Any = pl.when(style == 0).then(e.dt.strftime(DATE_STYLES[0]))
    for i in range(1, len(DATE_STYLES)):
        out = out.when(style == i).then(e.dt.strftime(DATE_STYLES[i]))
    return out.otherwise(e.dt.strftime(DATE_STYLES[0])).alias(col)


def render_ids(rng: np.random.Generator, people: People, ident: IntArr, person: IntArr,
               forced: np.ndarray, probs: dict[str, float], allow_missing: bool = True
               ) -> tuple[np.ndarray, np.ndarray]:
    m = ident.size
    p = np.array([probs.get(k, 0.0) for k in ID_KINDS])
    p[0] = max(0.0, 1.0 - p[1:].sum())
    kind = rng.choice(len(ID_KINDS), size=m, p=p / p.sum())
    digits = people.col("digits")[ident].copy()
    check = people.col("check")[ident].copy()
    birth_year = digits[:, 6] * 1000 + digits[:, 7] * 100 + digits[:, 8] * 10 + digits[:, 9]
    K = {k: i for i, k in enumerate(ID_KINDS)}
    # lower_x only where the check is X; other rows fall back to clean
    kind = np.where((kind == K["lower_x"]) & (check != 10), K["clean"], kind)
    kind = np.where((kind == K["legacy15"]) & (birth_year >= 1985), K["clean"], kind)
    if not allow_missing:
        kind = np.where(kind == K["missing"], K["clean"], kind)
    kind = np.where(forced == "missing", K["missing"], kind)
    kind = np.where(forced == "clean", K["clean"], kind)
    rows = np.arange(m)
    # transposition of two adjacent, different digits (always breaks the check)
    tmask = kind == K["transposed"]
    diff = digits[:, :-1] != digits[:, 1:]
    score = np.where(diff, rng.random((m, 16)), -1.0)
    tpos = score.argmax(axis=1)
    ok = diff[rows, tpos]
    kind = np.where(tmask & ~ok, K["typo1"], kind)
    tmask = tmask & ok
    a = digits[rows, tpos].copy()
    b = digits[rows, tpos + 1].copy()
    digits[rows[tmask], tpos[tmask]] = b[tmask]
    digits[rows[tmask], tpos[tmask] + 1] = a[tmask]
    # one mistyped digit (also always breaks the check)
    ymask = kind == K["typo1"]
    ypos = rng.integers(0, 17, m)
    newd = (digits[rows, ypos] + rng.integers(1, 10, m)) % 10
    digits[rows[ymask], ypos[ymask]] = newd[ymask]
    # corrupted but valid: a date or sequence digit changed and the check recomputed
    vmask = kind == K["valid_corrupt"]
    vpos = rng.integers(10, 17, m)
    newv = (digits[rows, vpos] + rng.integers(1, 10, m)) % 10
    digits[rows[vmask], vpos[vmask]] = newv[vmask]
    check = np.where(vmask, idm.id_check_values(digits), check)
    # wrong check character
    cmask = kind == K["wrong_check"]
    check = np.where(cmask, (check + rng.integers(1, 11, m)) % 11, check)
    ids = idm.digits_to_strings(digits, check).astype(object)
    lx = kind == K["lower_x"]
    ids[lx] = np.strings.lower(ids[lx].astype(str)).astype(object)
    lg = kind == K["legacy15"]
    if lg.any():
        sub = np.concatenate([digits[lg][:, :6], digits[lg][:, 8:17]], axis=1)
        ids[lg] = idm.digits_to_strings(sub).astype(object)
    ids[kind == K["missing"]] = None
    labels = np.array(ID_KINDS, dtype=object)[kind]
    clean = kind == K["clean"]
    labels[clean & (people.col("dup_of")[ident] >= 0)] = "duplicate"
    labels[clean & (ident != person)] = "borrowed"
    return ids, labels


def finalize_person_source(src: str, df: pl.DataFrame, people: People,
                           rng: np.random.Generator) -> tuple[pl.DataFrame, pl.DataFrame,
                                                              dict[str, Any]]:
    """Internal records -> (contract frame, truth record_person frame, stats)."""
    # duplicates: the same record exported twice
    share = DUPLICATES.get(src, 0.0)
    if share:
        dup = df.filter(pl.Series(rng.random(df.height) < share))
        df = pl.concat([df, dup])
    df = df.sample(fraction=1.0, shuffle=True, seed=int(rng.integers(0, 2**31)))
    n = df.height
    if src == "accident_victims":
        rid = df["tag"]
    else:
        base = int(rng.integers(10**8, 4 * 10**8))
        width = 10 if src in ("deregistrations", "medical_records", "employment") else 9
        rid = pl.select((pl.lit(RECORD_PREFIX[src]) + (pl.int_range(0, n, dtype=pl.Int64)
                                                       + base).cast(pl.String).str.zfill(width))
                        .alias("record_id")).to_series()
    rid = rid.alias("record_id")
    person = df["person"].to_numpy()
    ident = df["ident"].to_numpy()
    forced = df["id_force"].to_numpy()
    # names
    sur, g1, g2 = people.col("sur")[ident], people.col("g1")[ident], people.col("g2")[ident]
    nm, nkind = names.render_names(rng, sur, g1, g2, NAME_NOISE[src])
    nm = nm.astype(object)
    if src == "medical_records":
        # emergency admissions are often registered without an ID number
        hours = (df["discharged_at"] - df["admitted_at"]).dt.total_hours().to_numpy()
        ed = np.isnan(hours.astype(float)) | (hours < 12)
        forced = np.where(ed & (rng.random(n) < 0.3) & (forced == None), "missing", forced)  # noqa: E711
    if "anon" in df.columns:
        anon = df["anon"].fill_null(False).to_numpy()
        nm[anon] = "无名氏"
        forced = np.where(anon, "missing", forced)
        nkind = np.where(anon, "anonymous", nkind)
    ids, ikind = render_ids(rng, people, ident, person, forced, ID_NOISE[src],
                            allow_missing=src != "employment")
    cols: dict[str, Any] = {"record_id": rid, "name": pl.Series(nm.tolist(), dtype=pl.String),
                            "id_number": pl.Series(ids.tolist(), dtype=pl.String)}
    if src in SEX_STYLE:
        ms, fs, miss = SEX_STYLE[src]
        male = people.col("male")[ident]
        sx = np.where(male, ms, fs).astype(object)
        sx[rng.random(n) < miss] = None
        cols["sex"] = pl.Series(sx.tolist(), dtype=pl.String)
    body = df.with_columns(**cols)
    stats = {"id_kinds": pl.DataFrame({"record_id": rid, "kind": ikind.tolist()}),
             "name_kinds": pl.DataFrame({"record_id": rid, "kind": nkind.tolist()})}
    truth = pl.DataFrame({"source": [src] * n, "record_id": rid,
                          "person_id": person_ids(person)})
    return body, truth, stats


def person_ids(person: np.ndarray) -> pl.Series:
    s = pl.Series(person.astype(np.int64)).cast(pl.String).str.zfill(8)
    return pl.select((pl.lit("P") + s).alias("person_id")).to_series()


def age_noise(df: pl.DataFrame, rng: np.random.Generator, nominal: float, missing: float
              ) -> pl.DataFrame:
    n = df.height
    r = rng.random(n)
    add = pl.Series(np.where(r < nominal, 1, 0))
    keep = pl.Series(rng.random(n) >= missing)
    return df.with_columns(pl.when(keep).then(pl.col("age") + add).otherwise(None).alias("age"))


def write(df: pl.DataFrame, out: Path, src: str) -> None:
    kind, enc = FORMATS[src]
    if kind == "parquet":
        df.write_parquet(out / f"{src}.parquet", statistics=False)
        return
    text = df.write_csv(null_value="")
    (out / f"{src}.csv").write_bytes(text.encode(enc))


def format_source(src: str, body: pl.DataFrame, people: People, rng: np.random.Generator
                  ) -> pl.DataFrame:
    """Select and format the contract's columns of a person-bearing source."""
    if src == "accident_victims":
        body = age_noise(body, rng, 0.0, 0.0)
        return body.select("record_id", "accident_id", "name", "id_number", "sex", "age",
                           "outcome")
    if src == "deregistrations":
        birth = people.col("birth")[body["ident"].to_numpy()]
        body = body.with_columns(pl.when(pl.col("show_birth")).then(
            pl.Series(birth.astype(np.int32)).cast(pl.Date)).otherwise(None).alias("birth_date"))
        b = stable_bucket(body["region_code"], 9)
        style = pl.select(pl.when(b == 0).then(3).when(b == 1).then(1).otherwise(0)).to_series()
        body = body.with_columns(*(fmt_dates(c, style) for c in
                                   ("birth_date", "death_date", "deregistered_on")))
        return body.select("record_id", "name", "id_number", "sex", "birth_date", "death_date",
                           "deregistered_on", "region_code", "reason", "death_cause")
    if src == "cremations":
        body = age_noise(body, rng, 0.12, 0.04)
        style = stable_bucket(body["funeral_home"], 4)
        body = body.with_columns(*(fmt_dates(c, style) for c in ("death_date", "cremated_on")))
        return body.select("record_id", "name", "id_number", "sex", "age", "death_date",
                           "cremated_on", "funeral_home", "region_code", "death_cause",
                           "certificate_issuer", "body_origin")
    if src == "injury_claims":
        b = stable_bucket(body["region_code"], 6)
        style = pl.select(pl.when(b == 0).then(1).otherwise(0)).to_series()
        body = body.with_columns(*(fmt_dates(c, style) for c in
                                   ("injury_date", "applied_on", "decided_on")))
        return body.select("record_id", "name", "id_number", "sex", "employer_name",
                           "employer_uscc", "injury_date", "applied_on", "decided_on", "outcome",
                           "injury_description", "region_code")
    if src == "medical_records":
        body = age_noise(body, rng, 0.0, 0.05)
        return body.select("record_id", "name", "id_number", "sex", "age", "hospital",
                           "region_code", "admitted_at", "discharged_at", "diagnosis_icd10",
                           "external_cause_icd10", "disposition", "payer", "employer_name")
    if src == "employment":
        return body.select("record_id", "id_number", "name", "employer_name", "employer_uscc",
                           "industry", "start_date", "end_date")
    raise ValueError(src)
