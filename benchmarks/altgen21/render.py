"""Rendering: record plans become the departments' files. Each department has its own error
rates (names, ID numbers, sex), date styles, encodings and record-id schemes; records dated after
the extraction (2025-02-15) are not there yet. Also writes ``truth/``."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import numpy as np
import polars as pl

from . import geo, names
from .firms import name_variant
from .ident import legacy15, transpose, typo_digits, uscc_typo, valid_corrupt, wrong_check
from .world import EXTRACT, World

FORMATS = {"accidents": "utf-8-sig", "accident_victims": "utf-8-sig", "deregistrations": "gb18030",
           "cremations": "utf-8-sig", "injury_claims": "utf-8", "medical_records": "parquet",
           "employment": "parquet", "enterprises": "utf-8"}
PERSON_SOURCES = ["accident_victims", "deregistrations", "cremations", "injury_claims",
                  "medical_records", "employment"]

# ID errors: missing, legacy 15-digit, wrong check, one digit, two digits, transposition,
# corruption keeping the check, and lower-case x (share of IDs ending in X)
ID_RATES = {
    "deregistrations": (0.01, 0.004, 0.003, 0.003, 0.0005, 0.002, 0.0005, 0.05),
    "cremations": (0.18, 0.03, 0.012, 0.015, 0.003, 0.008, 0.001, 0.3),
    "injury_claims": (0.02, 0.003, 0.004, 0.005, 0.001, 0.003, 0.0005, 0.1),
    "medical_records": (0.06, 0.01, 0.006, 0.01, 0.002, 0.005, 0.001, 0.25),
    "accident_victims": (0.07, 0.005, 0.01, 0.012, 0.002, 0.006, 0.001, 0.2),
    "employment": (0.0, 0.003, 0.003, 0.004, 0.001, 0.002, 0.0005, 0.02),
}
# name errors: other transliteration (of minority names), homophone, traditional, dropped char,
# doubled char, stray space, stray dot, pinyin
NAME_RATES = {
    "deregistrations": (0.12, 0.006, 0.001, 0.001, 0.001, 0.003, 0.001, 0.0),
    "cremations": (0.35, 0.03, 0.005, 0.005, 0.003, 0.01, 0.002, 0.002),
    "injury_claims": (0.25, 0.01, 0.002, 0.002, 0.001, 0.005, 0.001, 0.002),
    "medical_records": (0.4, 0.025, 0.003, 0.003, 0.003, 0.015, 0.002, 0.005),
    "accident_victims": (0.4, 0.02, 0.002, 0.003, 0.002, 0.005, 0.002, 0.005),
    "employment": (0.2, 0.005, 0.001, 0.001, 0.001, 0.003, 0.001, 0.001),
}
SEX_MISSING = {"deregistrations": 0.002, "cremations": 0.03, "injury_claims": 0.01,
               "medical_records": 0.02, "accident_victims": 0.02}


# ---------------------------------------------------------------- identity
def render_identity(w: World, src: str, ident: np.ndarray, true_pid: np.ndarray,
                    emergency: np.ndarray | None = None) -> tuple[list, list, np.ndarray, list]:
    """Names, ID numbers, male flags (None when missing) and ID kinds as ``src`` writes them."""
    rng, P = w.rng, w.people
    n = len(ident)
    nm = P.name[ident].astype(object).copy()
    style = P.style[ident]
    variant, homo, trad, drop, dup, space, dot, pin = NAME_RATES[src]
    var = np.flatnonzero((style != "han") & (rng.random(n) < variant))
    for i in var.tolist():
        if style[i] == "dot" and rng.random() < 0.5:
            nm[i] = names.dotted(nm[i])
        else:
            nm[i] = names.translit_variant(nm[i], rng)
    probs = np.array([homo, trad, drop, dup, space, dot, pin])
    u = rng.random(n)
    cum = np.cumsum(probs)
    err = np.searchsorted(cum, u, side="right")  # 0..6 = error kind, 7 = none
    for i in np.flatnonzero(err < 7).tolist():
        e = err[i]
        s = nm[i]
        nm[i] = (names.homophone(s, rng) if e == 0 else names.traditional(s) if e == 1 else
                 names.drop_char(s) if e == 2 else names.dup_char(s) if e == 3 else
                 names.stray_space(s, rng) if e == 4 else names.stray_dot(s) if e == 5 else
                 names.pinyin(s, rng))
    ids = P.id18[ident].astype(object).copy()
    kinds = np.where(ident != true_pid, "borrowed", np.where(P.dup[ident], "duplicate", "clean")).astype(object)
    miss, leg, wc, t1, t2, tr, vc, lowx = ID_RATES[src]
    pm = np.full(n, miss)
    if emergency is not None:
        pm = np.where(emergency, 0.25, miss)
    u = rng.random(n)
    old = P.birth[ident] < np.datetime64("1985-01-01")
    edges = np.cumsum([leg, wc, t1, t2, tr, vc])
    for i in range(n):
        if u[i] < pm[i]:
            ids[i], kinds[i] = None, "missing"
            continue
        v = (u[i] - pm[i]) / max(1e-12, 1 - pm[i])
        k = int(np.searchsorted(edges, v, side="right"))
        if k == 6:
            continue
        s = ids[i]
        if k == 0:
            if old[i]:
                ids[i], kinds[i] = legacy15(s), "legacy15"
        elif k == 1:
            ids[i], kinds[i] = wrong_check(s, rng), "wrong_check"
        elif k == 2:
            ids[i], kinds[i] = typo_digits(s, rng, 1), "typo1"
        elif k == 3:
            ids[i], kinds[i] = typo_digits(s, rng, 2), "typo2"
        elif k == 4:
            t = transpose(s, rng)
            if t is not None:
                ids[i], kinds[i] = t, "transposed"
        else:
            ids[i], kinds[i] = valid_corrupt(s, rng), "valid_corrupt"
    xs = np.flatnonzero(np.array([isinstance(s, str) and len(s) == 18 and s.endswith("X") for s in ids])
                        & np.isin(kinds, ["clean", "duplicate", "borrowed"]))
    low = xs[rng.random(len(xs)) < lowx]
    for i in low.tolist():
        ids[i], kinds[i] = ids[i][:17] + "x", "lower_x"
    if emergency is not None:  # unidentified emergency patients
        anon = np.flatnonzero(emergency & (kinds == "missing") & (rng.random(n) < 0.06))
        for i in anon.tolist():
            nm[i] = "无名氏" if rng.random() < 0.7 else f"无名氏{int(rng.integers(1, 30))}"
    male = P.male[ident].astype(object)
    flip = rng.random(n) < 0.002
    male[flip] = ~P.male[ident][flip]
    male[rng.random(n) < SEX_MISSING.get(src, 0.0)] = None
    return list(nm), list(ids), male, list(kinds)


def sex_text(male: np.ndarray, style: np.ndarray | str) -> list[str | None]:
    st = np.broadcast_to(np.asarray(style, dtype=object), male.shape)
    out: list[str | None] = []
    for m, s in zip(male.tolist(), st.tolist(), strict=True):
        if m is None:
            out.append(None)
        elif s == "cn":
            out.append("男" if m else "女")
        elif s == "num":
            out.append("1" if m else "2")
        else:
            out.append("M" if m else "F")
    return out


# ---------------------------------------------------------------- dates
def fmt_dates(s: pl.Series, style: np.ndarray | str) -> pl.Series:
    """A date column in per-row styles: iso, slash (YYYY/M/D), compact (YYYYMMDD), chinese."""
    df = pl.DataFrame({"d": s, "st": np.broadcast_to(np.asarray(style, dtype=object), (len(s),)).astype(str)})
    out = df.select(pl.when(pl.col("st") == "slash").then(pl.col("d").dt.strftime("%Y/%-m/%-d"))
                    .when(pl.col("st") == "compact").then(pl.col("d").dt.strftime("%Y%m%d"))
                    .when(pl.col("st") == "chinese").then(pl.col("d").dt.strftime("%Y年%-m月%-d日"))
                    .otherwise(pl.col("d").dt.strftime("%Y-%m-%d")).alias("x"))["x"]
    return out.rename(s.name)


def assign_ids(rng: np.random.Generator, df: pl.DataFrame, group: str, date: str,
               fmt) -> pl.DataFrame:
    """Record ids numbered per ``group`` (and year of ``date``) in date order; ``fmt`` builds
    the id from (group value, year, sequence)."""
    df = df.with_columns(pl.Series("_r", rng.random(df.height)),
                         pl.col(date).dt.year().alias("_y"))
    df = df.sort([date, "_r"]).with_columns(
        (pl.int_range(pl.len()).over([group, "_y"]) + 1).alias("_seq"))
    rid = [fmt(g, y, q) for g, y, q in zip(df[group].to_list(), df["_y"].to_list(), df["_seq"].to_list(),
                                           strict=True)]
    return df.with_columns(pl.Series("record_id", rid)).drop(["_r", "_y", "_seq"])


def _ages(w: World, pids: np.ndarray, on: pl.Series) -> np.ndarray:
    d = on.cast(pl.Date).to_numpy().astype("datetime64[D]")
    return w.people.ages(pids, d)


def _uscc_as_written(w: World, firms: np.ndarray, p_missing: float, p_typo: float) -> list[str | None]:
    rng = w.rng
    out: list[str | None] = []
    for f in firms.tolist():
        if f < 0:
            out.append(None)
            continue
        u = rng.random()
        code = w.firms.uscc[f]
        out.append(None if u < p_missing else uscc_typo(code, rng) if u < p_missing + p_typo else code)
    return out


# ---------------------------------------------------------------- sources
def deregistrations(w: World) -> tuple[pl.DataFrame, list, np.ndarray]:
    rng = w.rng
    df = w.plans.frame("deregistrations").filter(pl.col("dereg_date") <= EXTRACT.astype(object))
    df = assign_ids(rng, df, "region_code", "dereg_date", lambda g, y, q: f"{g}{y}{q:05d}")
    pid = df["pid"].to_numpy()
    nm, ids, male, kinds = render_identity(w, "deregistrations", pid, pid)
    pref = np.array([r[:4] for r in df["region_code"].to_list()])
    style = np.where(np.isin(pref, ["5306", "5309", "5333"]), "compact", "iso")
    birth = pl.Series("birth_date", w.people.birth[pid].astype("datetime64[D]")).cast(pl.Date)
    birth = birth.scatter(np.flatnonzero(rng.random(len(pid)) < 0.01), None)
    out = pl.DataFrame({
        "record_id": df["record_id"], "name": nm, "id_number": pl.Series(ids, dtype=pl.String),
        "sex": pl.Series(sex_text(male, "cn"), dtype=pl.String),
        "birth_date": fmt_dates(birth, style), "death_date": fmt_dates(df["death_date"], style),
        "deregistered_on": fmt_dates(df["dereg_date"], style), "region_code": df["region_code"],
        "reason": df["reason"], "death_cause": df["death_cause"]})
    return out, list(zip(df["record_id"].to_list(), kinds, strict=True)), pid


def cremations(w: World):
    rng = w.rng
    df = w.plans.frame("cremations").filter(pl.col("cremated_on") <= EXTRACT.astype(object))
    df = assign_ids(rng, df, "fh", "cremated_on", lambda g, y, q: f"BZ{g:03d}-{y}-{q:05d}")
    pid = df["pid"].to_numpy()
    fh = df["fh"].to_numpy()
    nm, ids, male, kinds = render_identity(w, "cremations", pid, pid)
    true_death = df["death_date"].fill_null(df["cremated_on"])
    age = _ages(w, pid, true_death).astype(object)
    age = np.where(rng.random(len(pid)) < 0.1, age + 1, age)  # nominal age (虚岁)
    age[rng.random(len(pid)) < 0.06] = None
    dstyle = np.array(["iso", "iso", "slash", "compact", "chinese"], dtype=object)[fh % 5]
    sstyle = np.where(fh % 3 == 0, "cn", "mf")
    out = pl.DataFrame({
        "record_id": df["record_id"], "name": nm, "id_number": pl.Series(ids, dtype=pl.String),
        "sex": pl.Series(sex_text(male, sstyle), dtype=pl.String),
        "age": pl.Series(list(age), dtype=pl.Int64),
        "death_date": fmt_dates(df["death_date"], dstyle),
        "cremated_on": fmt_dates(df["cremated_on"], dstyle),
        "funeral_home": geo.FH_NAME[fh], "region_code": geo.FH_REGION[fh],
        "death_cause": df["death_cause"], "certificate_issuer": df["certificate_issuer"],
        "body_origin": df["body_origin"]})
    return out, list(zip(df["record_id"].to_list(), kinds, strict=True)), pid


def injury_claims(w: World):
    rng = w.rng
    df = w.plans.frame("injury_claims").filter(pl.col("applied_on") <= EXTRACT.astype(object))
    late = (pl.col("decided_on") > EXTRACT.astype(object)) | pl.Series(rng.random(df.height) < 0.03)
    df = df.with_columns(pl.when(late).then(pl.lit("pending")).otherwise(pl.col("outcome")).alias("outcome"),
                         pl.when(late).then(None).otherwise(pl.col("decided_on")).alias("decided_on"))
    df = df.with_columns(pl.when(pl.col("outcome") == "pending").then(None).otherwise(pl.col("decided_on"))
                         .alias("decided_on"))
    df = assign_ids(rng, df, "region_code", "applied_on", lambda g, y, q: f"GS{g}{y}{q:05d}")
    pid = df["pid"].to_numpy()
    firm = df["firm"].to_numpy()
    nm, ids, male, kinds = render_identity(w, "injury_claims", pid, pid)
    pref = np.array([r[:4] for r in df["region_code"].to_list()])
    sstyle = np.where(np.isin(pref, ["5325", "5303", "5329"]), "num", "mf")
    dstyle = np.where(np.isin(pref, ["5325", "5308"]), "slash", "iso")
    emp_names = [name_variant(w.firms, int(f), "injury_claims", rng) for f in firm]
    out = pl.DataFrame({
        "record_id": df["record_id"], "name": nm, "id_number": pl.Series(ids, dtype=pl.String),
        "sex": pl.Series(sex_text(male, sstyle), dtype=pl.String), "employer_name": emp_names,
        "employer_uscc": pl.Series(_uscc_as_written(w, firm, 0.12, 0.03), dtype=pl.String),
        "injury_date": fmt_dates(df["injury_date"], dstyle),
        "applied_on": fmt_dates(df["applied_on"], dstyle),
        "decided_on": fmt_dates(df["decided_on"], dstyle), "outcome": df["outcome"],
        "injury_description": df["description"], "region_code": df["region_code"]})
    return out, list(zip(df["record_id"].to_list(), kinds, strict=True)), pid


def medical_records(w: World):
    rng = w.rng
    ex = dt.datetime(2025, 2, 15)
    df = w.plans.frame("medical_records").filter(pl.col("admitted_at") <= ex)
    df = df.with_columns(pl.when(pl.col("discharged_at") > ex).then(None).otherwise(pl.col("discharged_at"))
                         .alias("discharged_at"),
                         pl.col("admitted_at").dt.truncate("1m").alias("admitted_at"))
    df = df.with_columns(pl.col("discharged_at").dt.truncate("1m"))
    df = assign_ids(rng, df, "hosp", "admitted_at", lambda g, y, q: f"ZY{g:03d}{y % 100:02d}{q:06d}")
    pid = df["pid"].to_numpy()
    emerg = df["emergency"].to_numpy()
    nm, ids, male, kinds = render_identity(w, "medical_records", pid, pid, emergency=emerg)
    age = _ages(w, pid, df["admitted_at"].dt.date()).astype(object)
    noid = np.array([k == "missing" for k in kinds])
    est = noid & (rng.random(len(pid)) < 0.5)
    age = np.where(est, np.round(age.astype(float) / 5) * 5, age).astype(object)
    age = np.array([int(a) if a is not None else None for a in age], dtype=object)
    age[noid & (rng.random(len(pid)) < 0.15)] = None
    firm = df["firm"].to_numpy()
    et = df["employer_text"].to_list()
    emp = [name_variant(w.firms, int(f), "medical_records", rng) if f >= 0 else t for f, t in
           zip(firm.tolist(), et, strict=True)]
    hosp = df["hosp"].to_numpy()
    out = pl.DataFrame({
        "record_id": df["record_id"], "name": nm, "id_number": pl.Series(ids, dtype=pl.String),
        "sex": pl.Series(sex_text(male, "mf"), dtype=pl.String),
        "age": pl.Series(list(age), dtype=pl.Int64), "hospital": geo.HOSP_NAME[hosp],
        "region_code": geo.HOSP_REGION[hosp], "admitted_at": df["admitted_at"],
        "discharged_at": df["discharged_at"], "diagnosis_icd10": df["dx"],
        "external_cause_icd10": df["ext"], "disposition": df["disposition"], "payer": df["payer"],
        "employer_name": pl.Series(emp, dtype=pl.String)})
    return out, list(zip(df["record_id"].to_list(), kinds, strict=True)), pid


def employment(w: World):
    rng = w.rng
    ex = EXTRACT.astype(object)
    df = w.plans.frame("employment").filter(pl.col("start") <= ex)
    df = df.with_columns(pl.when(pl.col("end") > ex).then(None).otherwise(pl.col("end")).alias("end"))
    df = df.with_columns(pl.lit("SB").alias("_g"))
    df = assign_ids(rng, df, "_g", "start", lambda g, y, q: f"SB{y}{q:07d}")
    pid = df["pid"].to_numpy()
    firm = df["firm"].to_numpy()
    nm, ids, _, kinds = render_identity(w, "employment", pid, pid)
    nm = [None if rng.random() < 0.01 else x for x in nm]
    # enrolment systems require a number: a missing one is never written here
    starts = df["start"].to_numpy()
    emp = [name_variant(w.firms, int(f), "employment", rng, bool(s < np.datetime64("2021-01-01")))
           for f, s in zip(firm.tolist(), starts, strict=True)]
    ind = [None if rng.random() < 0.05 else w.firms.industry[f] for f in firm.tolist()]
    out = pl.DataFrame({
        "record_id": df["record_id"], "id_number": pl.Series(ids, dtype=pl.String),
        "name": pl.Series(nm, dtype=pl.String), "employer_name": emp,
        "employer_uscc": pl.Series(_uscc_as_written(w, firm, 0.03, 0.02), dtype=pl.String),
        "industry": pl.Series(ind, dtype=pl.String), "start_date": df["start"],
        "end_date": df["end"]})
    return out, list(zip(df["record_id"].to_list(), kinds, strict=True)), pid


def accidents(w: World) -> pl.DataFrame:
    rng = w.rng
    accs = w.accidents
    df = pl.DataFrame({"i": np.arange(len(accs)), "county": [a["county"] for a in accs],
                       "occ": [np.datetime64(a["occurred"], "s").astype(object) for a in accs]})
    df = df.with_columns(pl.col("occ").cast(pl.Datetime("us")))
    df = assign_ids(rng, df, "county", "occ", lambda g, y, q: f"AJ{g}{y}{q:03d}")
    for i, rid in zip(df["i"].to_list(), df["record_id"].to_list(), strict=True):
        accs[i]["rid"] = rid
    f = w.firms
    rows = []
    for a in accs:
        slash = int(a["county"]) % 5 == 0
        fmt = (lambda t: f"{t.year}/{t.month}/{t.day} {t.hour:02d}:{t.minute:02d}") if slash else \
            (lambda t: t.strftime("%Y-%m-%d %H:%M"))
        occ = np.datetime64(a["occurred"], "s").astype(object)
        rep = np.datetime64(a["reported"], "s").astype(object)
        firm = a["firm"]
        rows.append({
            "record_id": a["rid"], "occurred_at": fmt(occ), "reported_at": fmt(rep),
            "region_code": a["county"], "address": a["address"],
            "enterprise_name": name_variant(f, firm, "accidents", rng),
            "enterprise_uscc": _uscc_as_written(w, np.array([firm]), 0.05, 0.03)[0],
            "industry": a["industry"], "accident_type": a["atype"], "reported_deaths": a["deaths"],
            "reported_serious_injuries": a["serious"], "reported_minor_injuries": a["minor"],
            "direct_loss_10k_yuan": a["loss"]})
    schema = {"record_id": pl.String, "occurred_at": pl.String, "reported_at": pl.String,
              "region_code": pl.String, "address": pl.String, "enterprise_name": pl.String,
              "enterprise_uscc": pl.String, "industry": pl.String, "accident_type": pl.String,
              "reported_deaths": pl.Int64, "reported_serious_injuries": pl.Int64,
              "reported_minor_injuries": pl.Int64, "direct_loss_10k_yuan": pl.Float64}
    return pl.DataFrame(rows, schema=schema).sort("record_id")


def accident_victims(w: World):
    rng = w.rng
    df = w.plans.frame("accident_victims")
    key = {f"#{i}": a["rid"] for i, a in enumerate(w.accidents)}
    occ = {f"#{i}": np.datetime64(a["occurred"], "D") for i, a in enumerate(w.accidents)}
    acc_ids = [key[k] for k in df["accident_id"].to_list()]
    on = np.array([occ[k] for k in df["accident_id"].to_list()], dtype="datetime64[D]")
    rid = [f"{a}-{o:02d}" for a, o in zip(acc_ids, df["order"].to_list(), strict=True)]
    pid = df["pid"].to_numpy()
    ident = df["ident_pid"].to_numpy()
    nm, ids, male, kinds = render_identity(w, "accident_victims", ident, pid)
    age = w.people.ages(ident, on).astype(object)
    age[rng.random(len(pid)) < 0.03] = None
    out = pl.DataFrame({
        "record_id": rid, "accident_id": acc_ids, "name": nm,
        "id_number": pl.Series(ids, dtype=pl.String), "sex": pl.Series(sex_text(male, "cn"), dtype=pl.String),
        "age": pl.Series(list(age), dtype=pl.Int64), "outcome": df["outcome"]})
    order = np.argsort(np.array(rid), kind="stable")
    out = out[order.tolist()]
    kinds_sorted = [(rid[i], kinds[i]) for i in order.tolist()]
    return out, kinds_sorted, pid[order]


def enterprises(w: World) -> pl.DataFrame:
    f = w.firms
    idx = np.flatnonzero(f.in_register)
    return pl.DataFrame({"uscc": [f.uscc[i] for i in idx], "name": [f.name[i] for i in idx],
                         "industry": f.industry[idx], "region_code": f.region[idx],
                         "high_risk": f.high_risk[idx]}).sort("uscc")


# ---------------------------------------------------------------- writing
def write_table(df: pl.DataFrame, out: Path, src: str) -> None:
    fmt = FORMATS[src]
    if fmt == "parquet":
        df.write_parquet(out / f"{src}.parquet", compression="zstd", statistics=False)
        return
    buf = io.StringIO()
    df.write_csv(buf, null_value="", line_terminator="\n")
    text = buf.getvalue()
    data = text.encode("gb18030") if fmt == "gb18030" else text.encode("utf-8")
    if fmt == "utf-8-sig":
        data = b"\xef\xbb\xbf" + data
    (out / f"{src}.csv").write_bytes(data)
