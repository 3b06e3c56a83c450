"""Turn the true world into department exports: noise, record ids, formats, truth tables."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from .ident import corrupt_id, mistype_uscc, resolve_kind
from .names import name_variant
from .world import World

# file format per source: parquet or the CSV encoding
FORMATS: dict[str, str] = {
    "accidents": "gb18030", "accident_victims": "gb18030", "deregistrations": "parquet",
    "cremations": "utf-8-sig", "injury_claims": "utf-8", "medical_records": "parquet",
    "employment": "utf-8-sig", "enterprises": "parquet",
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

# ID noise per source (lower_x: share of IDs ending in X written with a lower-case x)
ID_NOISE: dict[str, dict[str, float]] = {
    "accident_victims": {"missing": .15, "typo": .04, "transposed": .02, "wrong_check": .01,
                         "legacy15": .01, "lower_x": .5},
    "deregistrations": {"missing": .004, "typo": .003, "wrong_check": .002, "valid_other": .003},
    "cremations": {"missing": .30, "typo": .05, "transposed": .03, "wrong_check": .02,
                   "legacy15": .04, "valid_other": .005, "lower_x": .4},
    "injury_claims": {"missing": .005, "typo": .01, "transposed": .005, "lower_x": .2},
    "medical_records": {"missing": .30, "typo": .03, "transposed": .02, "wrong_check": .01,
                        "legacy15": .01, "lower_x": .5},
    "employment": {"typo": .004, "valid_other": .004, "lower_x": .1},
}
NAME_NOISE: dict[str, dict[str, float]] = {
    "accident_victims": {"homophone": .04, "traditional": .01, "space": .01, "dropped": .01},
    "deregistrations": {"homophone": .005, "dot": .002},
    "cremations": {"homophone": .05, "traditional": .01, "dropped": .01, "duplicated": .005,
                   "space": .01},
    "injury_claims": {"homophone": .01, "trailing": .02},
    "medical_records": {"homophone": .03, "pinyin": .01, "traditional": .005, "space": .01},
    "employment": {"homophone": .01, "space": .01},
}
SEX_STYLE = {"accident_victims": ("男", "女", .05), "deregistrations": ("男", "女", .002),
             "cremations": ("M", "F", .1), "injury_claims": ("1", "2", .01),
             "medical_records": ("M", "F", .03)}
NOISY_ID_KINDS = ("typo", "transposed", "wrong_check")
CLEAN_ID_KINDS = ("clean", "valid_other")


def _frame(w: World, src: str) -> pl.DataFrame:
    parts = []
    for b in w.blocks.get(src, []):
        cols: dict[str, Any] = {}
        n = len(b.cols["pid"])
        for k, v in b.cols.items():
            a = np.asarray(v)
            if a.ndim == 0 or len(a) != n:
                a = np.broadcast_to(a, n)
            if a.dtype.kind == "M" and a.dtype != np.dtype("datetime64[D]"):
                a = a.astype("datetime64[ms]")
            cols[k] = a.tolist() if a.dtype == object or a.dtype.kind == "U" else a
        parts.append(pl.DataFrame(cols))
    return pl.concat(parts, how="diagonal_relaxed")


def _date_str(s: pl.Series, style: np.ndarray) -> list[str | None]:
    d = pl.DataFrame({"d": s, "st": style}).select(
        pl.when(pl.col("st") == 0).then(pl.col("d").dt.strftime("%Y-%m-%d"))
        .when(pl.col("st") == 1).then(pl.col("d").dt.strftime("%Y/%-m/%-d"))
        .when(pl.col("st") == 2).then(pl.col("d").dt.strftime("%Y%m%d"))
        .otherwise(pl.col("d").dt.strftime("%Y年%-m月%-d日")).alias("o"))
    return d["o"].to_list()


class Renderer:
    def __init__(self, w: World) -> None:
        self.w = w
        self.rng = w.rng
        self.p = w.people()
        self.id_kinds: dict[str, dict[str, str]] = {}
        self.record_person: list[pl.DataFrame] = []

    # ---------------------------------------------------------------- persons
    def _persons(self, src: str, rids: list[str], pid: np.ndarray) -> dict[str, list[Any]]:
        rng = self.rng
        names = self.p["name"][pid].tolist()
        ids = self.p["id"][pid].tolist()
        births = self.p["birth"][pid]
        years = births.astype("datetime64[Y]").astype(int) + 1970
        n = len(pid)
        idn = ID_NOISE[src]
        kinds = [k for k in idn if k != "lower_x"]
        probs = np.array([idn[k] for k in kinds])
        draw = rng.random(n)
        cum = np.cumsum(probs)
        choice = np.searchsorted(cum, draw, side="right")
        low = rng.random(n) < idn.get("lower_x", 0.0)
        out_ids: list[str | None] = []
        kind_map: dict[str, str] = {}
        for i in range(n):
            k = kinds[choice[i]] if choice[i] < len(kinds) else "clean"
            s = ids[i]
            if k == "clean" and low[i]:
                k = "lower_x"
            k = resolve_kind(s, k, int(years[i]))
            out_ids.append(corrupt_id(s, k, rng) if k != "clean" else s)
            kind_map[rids[i]] = k
        self.id_kinds[src] = kind_map
        nn = NAME_NOISE[src]
        nk = list(nn)
        ncum = np.cumsum([nn[k] for k in nk])
        nchoice = np.searchsorted(ncum, rng.random(n), side="right")
        for i in np.flatnonzero(nchoice < len(nk)).tolist():
            names[i] = name_variant(names[i], nk[nchoice[i]], rng)
        out: dict[str, list[Any]] = {"name": names, "id_number": out_ids}
        if src in SEX_STYLE:
            m, f, miss = SEX_STYLE[src]
            male = self.p["male"][pid]
            sx = np.where(male, m, f).astype(object)
            if src == "medical_records":
                alt = rng.random(n) < 0.3
                sx[alt] = np.where(male[alt], "男", "女")
            sx[rng.random(n) < miss] = None
            out["sex"] = sx.tolist()
        self.record_person.append(pl.DataFrame({
            "source": [src] * n, "record_id": rids,
            "person_id": [f"P{x:07d}" for x in pid.tolist()]}))
        return out

    def _ages(self, pid: np.ndarray, at: pl.Series) -> np.ndarray:
        b = self.p["birth"][pid]
        a = at.cast(pl.Date).to_numpy().astype("datetime64[D]")
        return ((a - b).astype(np.int64) // 365.25).astype(np.int64)

    def _employer(self, ent: np.ndarray, full_share: float) -> list[str | None]:
        rng = self.rng
        e = self.w.ent
        out: list[str | None] = []
        for i in ent.tolist():
            if i < 0:
                out.append(None)
                continue
            name = str(e["name"][i])
            u = rng.random()
            if u < full_share:
                out.append(name)
                continue
            v = int(rng.integers(0, 5))
            if v == 0:
                out.append(name.removeprefix("陕西").removeprefix(
                    str(name[:3]) if name[2] in "市县区" else ""))
            elif v == 1:
                out.append(str(e["short"][i]))
            elif v == 2:
                out.append(name + ("（" if rng.random() < .5 else "(") + str(e["short"][i])
                           + ("）" if rng.random() < .5 else ")"))
            elif v == 3:
                out.append(name.replace("有限责任公司", "有限公司") if "有限责任" in name
                           else name.replace("有限公司", "有限责任公司"))
            else:
                out.append(name.replace("有限公司", " 有限公司") + " ")
        return out

    def _uscc(self, ent: np.ndarray, p_null: float, p_typo: float) -> list[str | None]:
        rng = self.rng
        out: list[str | None] = []
        for i in ent.tolist():
            u = rng.random()
            if i < 0 or u < p_null:
                out.append(None)
            elif u < p_null + p_typo:
                out.append(mistype_uscc(str(self.w.ent["uscc"][i]), rng))
            else:
                out.append(str(self.w.ent["uscc"][i]))
        return out

    def _order(self, df: pl.DataFrame, by: str, prefix: str, width: int = 8) -> pl.DataFrame:
        df = df.with_columns(pl.Series("_r", self.rng.random(df.height))).sort([by, "_r"])
        return df.drop("_r").with_columns(
            pl.format(prefix + "{}", pl.int_range(1, df.height + 1).cast(pl.String)
                      .str.zfill(width)).alias("record_id"))

    # ---------------------------------------------------------------- sources
    def sources(self) -> dict[str, pl.DataFrame]:
        rng = self.rng
        out: dict[str, pl.DataFrame] = {}
        # deregistrations (public security): typed parquet, clean IDs, hukou dates
        d = self._order(_frame(self.w, "deregistrations"), "dereg_on", "HJZX2025")
        pid = d["pid"].to_numpy()
        per = self._persons("deregistrations", d["record_id"].to_list(), pid)
        birth = self.p["birth"][pid].copy()
        wrong = rng.random(len(pid)) < 0.015  # registered (lunar / mis-filed) birth date
        birth[wrong] += rng.integers(-60, 60, int(wrong.sum())) * np.timedelta64(1, "D")
        ddate = d["death_date"].to_numpy().astype("datetime64[D]").copy()
        ddate[rng.random(len(pid)) < 0.01] = np.datetime64("NaT")
        out["deregistrations"] = pl.DataFrame({
            "record_id": d["record_id"], **per, "birth_date": pl.Series(birth),
            "death_date": pl.Series(ddate), "deregistered_on": d["dereg_on"],
            "region_code": d["region"], "reason": d["reason"], "death_cause": d["cause"]})
        # cremations (civil affairs): funeral homes' own date styles, nominal ages
        c = self._order(_frame(self.w, "cremations"), "cremated_on", "BZ2025", 7)
        pid = c["pid"].to_numpy()
        per = self._persons("cremations", c["record_id"].to_list(), pid)
        fh = c["funeral_home"].to_list()
        style = np.array([sum(map(ord, f)) % 4 for f in fh])
        age = self._ages(pid, c["death_date"])
        age = age + (rng.random(len(pid)) < 0.25)  # 虚岁
        cd = c["death_date"].to_numpy().astype("datetime64[D]").copy()
        shift = rng.random(len(pid)) < 0.04
        cd[shift] += rng.choice([-1, 1], int(shift.sum())) * np.timedelta64(1, "D")
        cd[rng.random(len(pid)) < 0.05] = np.datetime64("NaT")
        ages: list[int | None] = age.tolist()
        for i in np.flatnonzero(rng.random(len(pid)) < 0.05).tolist():
            ages[i] = None
        out["cremations"] = pl.DataFrame({
            "record_id": c["record_id"], **per, "age": pl.Series(ages, dtype=pl.Int64),
            "death_date": _date_str(pl.Series(cd), style),
            "cremated_on": _date_str(c["cremated_on"], style), "funeral_home": fh,
            "region_code": c["region"], "death_cause": c["cause"],
            "certificate_issuer": c["issuer"], "body_origin": c["origin"]})
        # injury claims (HRSS): YYYYMMDD from the social-insurance system
        j = self._order(_frame(self.w, "injury_claims"), "applied", "GS61", 9)
        pid = j["pid"].to_numpy()
        per = self._persons("injury_claims", j["record_id"].to_list(), pid)
        ent = j["ent"].to_numpy()
        style = np.where(rng.random(len(pid)) < 0.7, 2, 0)
        out["injury_claims"] = pl.DataFrame({
            "record_id": j["record_id"], **per, "employer_name": self._employer(ent, 0.55),
            "employer_uscc": self._uscc(ent, 0.2, 0.04),
            "injury_date": _date_str(j["injury"], style),
            "applied_on": _date_str(j["applied"], style),
            "decided_on": _date_str(j["decided"], style), "outcome": j["outcome"],
            "injury_description": j["desc"], "region_code": j["region"]})
        # medical records (health): emergency admissions without ID, unidentified patients
        m = self._order(_frame(self.w, "medical_records"), "admitted", "ZY", 9)
        pid = m["pid"].to_numpy()
        per = self._persons("medical_records", m["record_id"].to_list(), pid)
        age = self._ages(pid, m["admitted"]).astype(object)
        unknown = [i for i, x in enumerate(per["id_number"]) if x is None and rng.random() < .04]
        for i in unknown:
            per["name"][i] = "无名氏"
            age[i] = int(round(age[i] / 5) * 5)
        age[rng.random(len(pid)) < 0.04] = None
        out["medical_records"] = pl.DataFrame({
            "record_id": m["record_id"], **per, "age": pl.Series(age.tolist(), dtype=pl.Int64),
            "hospital": m["hospital"], "region_code": m["region"], "admitted_at": m["admitted"],
            "discharged_at": m["discharged"].to_numpy().copy(), "diagnosis_icd10": m["dx"],
            "external_cause_icd10": m["ext"], "disposition": m["disposition"],
            "payer": m["payer"], "employer_name": self._employer(m["employer"].to_numpy(), 0.3)})
        out["medical_records"] = out["medical_records"].with_columns(  # still in hospital
            pl.when(pl.col("discharged_at") > pl.datetime(2026, 3, 31, 23, 59)).then(None)
            .otherwise(pl.col("discharged_at")).alias("discharged_at"))
        # employment (HRSS enrolment spells)
        e = self._order(_frame(self.w, "employment"), "start", "CB", 9)
        pid = e["pid"].to_numpy()
        per = self._persons("employment", e["record_id"].to_list(), pid)
        ent = e["ent"].to_numpy()
        style = np.where(rng.random(len(pid)) < 0.3, 2, 0)
        nm = per["name"]
        for i in np.flatnonzero(rng.random(len(pid)) < 0.04).tolist():
            nm[i] = None
        ind = self.w.ent["industry"][ent].astype(object)
        ind[rng.random(len(pid)) < 0.05] = None
        out["employment"] = pl.DataFrame({
            "record_id": e["record_id"], "id_number": per["id_number"], "name": nm,
            "employer_name": self._employer(ent, 0.9), "employer_uscc": self._uscc(ent, .03, .02),
            "industry": ind.tolist(), "start_date": _date_str(e["start"], style),
            "end_date": _date_str(e["end"], style)})
        # enterprises register
        en = self.w.ent
        out["enterprises"] = pl.DataFrame({
            "uscc": en["uscc"].tolist(), "name": en["name"].tolist(),
            "industry": en["industry"].tolist(), "region_code": en["region"].tolist(),
            "high_risk": en["high_risk"]}).sort("uscc")
        return out

    def accidents(self, acc: list[dict[str, Any]], victims: list[dict[str, Any]]
                  ) -> dict[str, pl.DataFrame]:
        """The emergency-management accident reports and their named casualties."""
        rng = self.rng
        ent = np.array([a["ent"] for a in acc])
        style = np.where(rng.random(len(acc)) < 0.6, 0, 1)
        fmt = {0: "%Y-%m-%d %H:%M", 1: "%Y/%-m/%-d %H:%M:%S"}
        acc_df = pl.DataFrame({
            "record_id": [a["record_id"] for a in acc],
            "occurred_at": [str(pd_fmt(a["occurred"], fmt[int(st)])) for a, st in zip(
                acc, style, strict=True)],
            "reported_at": [str(pd_fmt(a["reported"], fmt[int(st)])) for a, st in zip(
                acc, style, strict=True)],
            "region_code": [a["region"] for a in acc], "address": [a["address"] for a in acc],
            "enterprise_name": self._employer(ent, 0.85),
            "enterprise_uscc": self._uscc(ent, 0.08, 0.02),
            "industry": [a["industry"] for a in acc], "accident_type": [a["type"] for a in acc],
            "reported_deaths": [a["deaths"] for a in acc],
            "reported_serious_injuries": [a["serious"] for a in acc],
            "reported_minor_injuries": [a["minor"] for a in acc],
            "direct_loss_10k_yuan": pl.Series([a["loss"] for a in acc], dtype=pl.Float64)})
        v = sorted(victims, key=lambda x: (x["accident_id"], x["pid"]))
        rids = [""] * len(v)
        # number victims within their accident
        k: dict[str, int] = {}
        for i, x in enumerate(v):
            k[x["accident_id"]] = k.get(x["accident_id"], 0) + 1
            rids[i] = f"{x['accident_id']}-{k[x['accident_id']]:02d}"
        pid = np.array([x["pid"] for x in v], dtype=np.int64)
        per = self._persons("accident_victims", rids, pid)
        days = np.array([x["day"] for x in v], dtype="datetime64[D]")
        age = ((days - self.p["birth"][pid]).astype(np.int64) // 365.25).astype(np.int64)
        age = age + rng.choice([-1, 0, 0, 0, 0, 1], len(pid))
        ages: list[int | None] = age.tolist()
        for i in np.flatnonzero(rng.random(len(pid)) < 0.05).tolist():
            ages[i] = None
        vic = pl.DataFrame({"record_id": rids, "accident_id": [x["accident_id"] for x in v],
                            **per, "age": pl.Series(ages, dtype=pl.Int64),
                            "outcome": [x["outcome"] for x in v]})
        return {"accidents": acc_df, "accident_victims": vic}


def pd_fmt(t: np.datetime64, fmt: str) -> str:
    from datetime import datetime

    dt = t.astype("datetime64[s]").astype(datetime)
    return dt.strftime(fmt.replace("%-m", str(dt.month)).replace("%-d", str(dt.day)))


def write_source(df: pl.DataFrame, out: Path, src: str) -> None:
    fmt = FORMATS[src]
    df = df.select(COLUMNS[src])
    if fmt == "parquet":
        df.write_parquet(out / f"{src}.parquet")
        return
    buf = io.StringIO()
    df.write_csv(buf)
    data = buf.getvalue().encode("gb18030" if fmt == "gb18030" else "utf-8")
    if fmt == "utf-8-sig":
        data = b"\xef\xbb\xbf" + data
    (out / f"{src}.csv").write_bytes(data)
