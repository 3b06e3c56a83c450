"""Turn the simulated world into the departments' exports (with their noise and habits) and
the ground truth."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from . import geo
from .emit import DAY
from .ids import ID_KINDS, make_ids, spoil_id, spoil_uscc
from .names import NAME_NOISE, draw_names, spoil_name
from .world import World, age_at, ymd

# file type per source: a CSV encoding, or parquet
FORMATS = {"accidents": "gb18030", "accident_victims": "utf-8-sig", "deregistrations": "utf-8",
           "cremations": "gb18030", "injury_claims": "utf-8-sig", "medical_records": "parquet",
           "employment": "parquet", "enterprises": "parquet"}
STYLES = {"iso": "%Y-%m-%d", "slash": "%Y/%-m/%-d", "compact": "%Y%m%d", "cn": "%Y年%-m月%-d日"}
# probability of each kind of ID error per source (scaled by a record's noise factor);
# ``lower_x`` applies to IDs ending in X
ID_NOISE: dict[str, dict[str, float]] = {
    "accident_victims": {"missing": .05, "wrong_check": .015, "typo1": .025, "transposed": .01,
                         "valid_corrupt": .005, "lower_x": .3},
    "deregistrations": {"missing": .01, "legacy15": .03, "wrong_check": .003, "typo1": .008,
                        "transposed": .004, "valid_corrupt": .002, "lower_x": .2},
    "cremations": {"missing": .20, "legacy15": .03, "wrong_check": .02, "typo1": .05,
                   "transposed": .025, "valid_corrupt": .01, "lower_x": .4},
    "injury_claims": {"missing": .004, "wrong_check": .004, "typo1": .012, "transposed": .008,
                      "valid_corrupt": .003, "lower_x": .1},
    "medical_records": {"missing": .18, "legacy15": .01, "wrong_check": .01, "typo1": .035,
                        "transposed": .015, "valid_corrupt": .005, "lower_x": .5},
    "employment": {"wrong_check": .004, "typo1": .008, "transposed": .006,
                   "valid_corrupt": .002, "lower_x": .15},
}
NAME_RATE = {"accident_victims": .05, "deregistrations": .02, "cremations": .08,
             "injury_claims": .03, "medical_records": .09, "employment": .03}
NAME_MIX = {"default": [.45, .15, .12, .06, .04, .12, .06],
            "medical_records": [.35, .10, .10, .05, .15, .15, .10]}
DUP_RATE = {"medical_records": .008, "cremations": .003, "deregistrations": .002,
            "injury_claims": .005, "employment": .003, "accident_victims": 0.0}


class People:
    """Names and true ID numbers of everyone, fixed once the simulation is over."""

    def __init__(self, w: World) -> None:
        rng, p = w.rng, w.people
        n = p.n
        self.male = p.male
        self.names = np.empty(n, dtype=object)
        self.names[:] = draw_names(rng, n, p.male, p.surname)
        seq = 2 * rng.integers(0, 499, n) + np.where(p.male, 1, 2)
        hukou = p.hukou
        while True:  # one ID per person ...
            key = hukou * 10**11 + ymd(p.birth) * 1000 + seq
            _, first = np.unique(key, return_index=True)
            dup = np.ones(n, dtype=bool)
            dup[first] = False
            if not dup.any():
                break
            seq[dup] = 2 * rng.integers(0, 499, int(dup.sum())) + np.where(p.male[dup], 1, 2)
        # ... except a few duplicated numbers, as real registers have
        n_dup = max(1, n // 4000)
        for b in rng.choice(n, n_dup, replace=False):
            cands = np.flatnonzero((hukou == hukou[b]) & (p.male == p.male[b])
                                   & (np.abs(p.birth - p.birth[b]) < 366))
            cands = cands[cands != b]
            if len(cands):
                a = int(cands[rng.integers(len(cands))])
                p.set_birth(np.array([b]), p.birth[[a]])
                seq[b] = seq[a]
        self.birth = p.birth
        self.ids = np.empty(n, dtype=object)
        self.ids[:] = make_ids(hukou, ymd(p.birth), seq)
        self.n_dup = n_dup


def _s(name: str, arr: Any, dtype: Any = pl.Utf8) -> pl.Series:
    """A Series from a (possibly object) array; object arrays go through Python lists."""
    if isinstance(arr, np.ndarray) and arr.dtype == object:
        arr = arr.tolist()
    return pl.Series(name, arr, dtype=dtype)


def _date(col: str, style: pl.Expr | str) -> pl.Expr:
    """Days (NULL = -1, except birth dates, which carry real nulls) as text in ``style``."""
    c = pl.col(col)
    d = (c if col == "_birth" else pl.when(c >= 0).then(c)).cast(pl.Int32).cast(pl.Date)
    if isinstance(style, str):
        return d.dt.strftime(STYLES[style])
    out: Any = pl.when(style == "iso").then(d.dt.strftime(STYLES["iso"]))
    for k in ("slash", "compact", "cn"):
        out = out.when(style == k).then(d.dt.strftime(STYLES[k]))
    return out


def _typed_date(col: str) -> pl.Expr:
    return pl.when(pl.col(col) >= 0).then(pl.col(col)).cast(pl.Int32).cast(pl.Date)


def _typed_datetime(col: str) -> pl.Expr:
    return pl.from_epoch(pl.when(pl.col(col) >= 0).then(pl.col(col)), time_unit="s").cast(
        pl.Datetime("us"))


def _persons(w: World, ppl: People, src: str, df: pl.DataFrame) -> tuple[pl.DataFrame,
                                                                        np.ndarray]:
    """Names and ID numbers as the source wrote them; returns the ID kinds too."""
    rng = w.rng
    n = df.height
    pid = df["pid"].to_numpy()
    noise = df["noise"].to_numpy()
    # names
    names = ppl.names[pid].copy()
    spoil = rng.random(n) < NAME_RATE[src] * noise
    mix = np.array(NAME_MIX.get(src, NAME_MIX["default"]))
    kinds = rng.choice(len(NAME_NOISE), n, p=mix / mix.sum())
    for i in np.flatnonzero(spoil):
        names[i] = spoil_name(rng, names[i], NAME_NOISE[kinds[i]])
    # ID numbers
    rates = dict(ID_NOISE[src])
    lower_x = rates.pop("lower_x")
    order = list(rates)
    p_miss = np.full(n, rates.get("missing", 0.0))
    if src == "cremations":
        p_miss = geo.HOME_ID_MISSING[df["home"].to_numpy()]
    if src == "medical_records":
        p_miss = np.where(df["disp"].to_numpy() == "died", 0.4, p_miss)
    probs = np.stack([p_miss if k == "missing" else np.full(n, rates[k]) for k in order], 1)
    probs = probs * noise[:, None]
    probs = probs / np.maximum(1.0, probs.sum(1) / 0.9)[:, None]
    cum = np.cumsum(probs, 1)
    u = rng.random(n)
    kind_idx = (u[:, None] >= cum).sum(1)  # len(order) means clean
    kind = np.array([*order, "clean"], dtype=object)[kind_idx]
    forced = df["id_force"].to_numpy()
    has_force = np.array([f is not None for f in forced], dtype=bool)
    kind[has_force] = forced[has_force]
    ids = ppl.ids[pid].copy()
    ends_x = np.array([s[-1] == "X" for s in ids], dtype=bool)
    lx = (kind == "clean") & ends_x & (rng.random(n) < lower_x)
    kind[lx] = "lower_x"
    byear = ymd(ppl.birth[pid]) // 10000
    for i in np.flatnonzero(kind != "clean"):
        ids[i], kind[i] = spoil_id(rng, ppl.ids[pid[i]], kind[i], int(byear[i]))
    assert set(kind.tolist()) <= set(ID_KINDS)
    return df.with_columns(_s("name", names),
                           _s("id_number", ids)), kind


def _sex(ppl: People, pid: np.ndarray, rng: np.random.Generator, style: str | np.ndarray,
         p_null: float) -> pl.Series:
    male = ppl.male[pid]
    codes = {"mf": ("M", "F"), "zh": ("男", "女"), "12": ("1", "2")}
    st = np.broadcast_to(np.asarray(style, dtype=object), male.shape)
    out = np.empty(len(pid), dtype=object)
    for k, (m, f) in codes.items():
        sel = st == k
        out[sel] = np.where(male[sel], m, f)
    out[rng.random(len(pid)) < p_null] = None
    return _s("sex", out)


def _age(ppl: People, pid: np.ndarray, when: np.ndarray, rng: np.random.Generator,
         p_null: float, nominal: np.ndarray | None = None) -> pl.Series:
    age = age_at(ppl.birth[pid], np.maximum(when, 0)).astype(np.int64)
    if nominal is not None:
        age = age + nominal.astype(np.int64)
    s = pl.Series("age", age, dtype=pl.Int64)
    return s.scatter(np.flatnonzero(rng.random(len(pid)) < p_null), None)


def _duplicate(w: World, src: str, df: pl.DataFrame) -> pl.DataFrame:
    k = int(df.height * DUP_RATE[src])
    if k == 0:
        return df
    extra = df[np.sort(w.rng.choice(df.height, k, replace=False)).tolist()]
    return pl.concat([df, extra])


def _shuffle_sort(w: World, df: pl.DataFrame, by: str) -> pl.DataFrame:
    return df.with_columns(pl.Series("_r", w.rng.random(df.height))).sort(
        [by, "_r"]).drop("_r")


def _employer(w: World, ent_idx: np.ndarray, p_short: float) -> tuple[np.ndarray, np.ndarray]:
    """Employer name as another department writes it, and its USCC (sometimes absent/wrong)."""
    ent, rng = w.ent, w.rng
    assert ent is not None
    n = len(ent_idx)
    names = np.empty(n, dtype=object)
    usccs = np.empty(n, dtype=object)
    short = rng.random(n) < p_short
    u = rng.random(n)
    for i, e in enumerate(ent_idx.tolist()):
        if e < 0:
            names[i] = usccs[i] = None
            continue
        names[i] = ent.short[e] if short[i] else ent.name[e]
        usccs[i] = None if u[i] < 0.09 else (spoil_uscc(rng, ent.uscc[e]) if u[i] > 0.97
                                             else ent.uscc[e])
    return names, usccs


def build_sources(w: World, ppl: People) -> tuple[dict[str, pl.DataFrame], dict[str, Any]]:
    """Every source as written (canonical columns), plus record->person and ID kinds."""
    rng, ent = w.rng, w.ent
    assert ent is not None
    out: dict[str, pl.DataFrame] = {}
    rp: list[pl.DataFrame] = []
    kinds: dict[str, pl.DataFrame] = {}

    def finish(src: str, df: pl.DataFrame, kind: np.ndarray, cols: list[str]) -> None:
        rp.append(pl.DataFrame({"source": src, "record_id": df["record_id"],
                                "person_id": [f"P{p:07d}" for p in df["pid"].to_list()]}))
        kinds[src] = pl.DataFrame({"record_id": df["record_id"],
                                   "kind": _s("kind", kind)})
        out[src] = df.select(cols)

    # accidents
    acc = pl.DataFrame(w.accidents, schema={
        "record_id": pl.Utf8, "occurred_at": pl.Int64, "reported_at": pl.Int64,
        "region_code": pl.Utf8, "address": pl.Utf8, "enterprise_name": pl.Utf8,
        "enterprise_uscc": pl.Utf8, "industry": pl.Utf8, "accident_type": pl.Utf8,
        "reported_deaths": pl.Int64, "reported_serious_injuries": pl.Int64,
        "reported_minor_injuries": pl.Int64, "direct_loss_10k_yuan": pl.Float64})
    acc_rids = acc["record_id"].to_list()
    acc_day = (acc["occurred_at"] // DAY).to_numpy()
    fmt = "%Y-%m-%d %H:%M"
    out["accidents"] = acc.with_columns(
        pl.from_epoch("occurred_at", time_unit="s").dt.strftime(fmt),
        pl.from_epoch("reported_at", time_unit="s").dt.strftime(fmt))

    # accident_victims: numbered within their accident
    av = w.table("accident_victims")
    av = av.with_columns(pl.int_range(pl.len()).over("acc").alias("_k"))
    av, kind = _persons(w, ppl, "accident_victims", av)
    pid = av["pid"].to_numpy()
    acc_idx = av["acc"].to_numpy()
    av = av.with_columns(
        pl.Series("record_id", [f"{acc_rids[a]}-{k + 1:02d}" for a, k in
                                zip(acc_idx.tolist(), av["_k"].to_list(), strict=True)]),
        pl.Series("accident_id", [acc_rids[a] for a in acc_idx.tolist()]),
        _sex(ppl, pid, rng, "zh", 0.03), _age(ppl, pid, acc_day[acc_idx], rng, 0.05))
    finish("accident_victims", av, kind, ["record_id", "accident_id", "name", "id_number",
                                          "sex", "age", "outcome"])

    # deregistrations: police stations write compact dates, some ISO
    dr = _shuffle_sort(w, _duplicate(w, "deregistrations", w.table("deregistrations")), "dereg")
    dr, kind = _persons(w, ppl, "deregistrations", dr)
    pid = dr["pid"].to_numpy()
    style = np.where(dr["region"].to_numpy() % 3 == 0, "iso", "compact")
    birth = pl.Series("_birth", ppl.birth[pid]).scatter(
        np.flatnonzero(rng.random(dr.height) < 0.03), None)
    dr = dr.with_columns(
        pl.Series("record_id", [f"ZX{r}{i + 1:07d}" for i, r in
                                enumerate(dr["region"].to_list())]),
        _sex(ppl, pid, rng, "12", 0.01), birth, pl.Series("_st", style),
        pl.col("region").cast(pl.Utf8).alias("region_code"),
        pl.col("cause").alias("death_cause"))
    st = pl.col("_st")
    dr = dr.with_columns(_date("_birth", st).alias("birth_date"),
                         _date("death", st).alias("death_date"),
                         _date("dereg", st).alias("deregistered_on"))
    finish("deregistrations", dr, kind, ["record_id", "name", "id_number", "sex", "birth_date",
                                         "death_date", "deregistered_on", "region_code",
                                         "reason", "death_cause"])

    # cremations: each funeral home has its own date style and age habit
    cr = _shuffle_sort(w, _duplicate(w, "cremations", w.table("cremations")), "crem")
    cr, kind = _persons(w, ppl, "cremations", cr)
    pid = cr["pid"].to_numpy()
    home = cr["home"].to_numpy()
    year = ymd(cr["crem"].to_numpy()) // 10000
    cr = cr.with_columns(pl.Series("_year", year))
    cr = cr.with_columns(pl.int_range(pl.len()).over(["home", "_year"]).alias("_k"))
    styles = np.array(geo.HOME_DATE_STYLE, dtype=object)[home]
    death_or_crem = np.where(cr["death"].to_numpy() >= 0, cr["death"].to_numpy(),
                             cr["crem"].to_numpy())
    cr = cr.with_columns(
        pl.Series("record_id", [f"BY{h:02d}-{y}-{k + 1:05d}" for h, y, k in
                                zip(home.tolist(), year.tolist(), cr["_k"].to_list(),
                                    strict=True)]),
        _sex(ppl, pid, rng, "zh", 0.06),
        _age(ppl, pid, death_or_crem, rng, 0.07, geo.HOME_NOMINAL_AGE[home]),
        _s("_st", styles),
        _s("funeral_home", np.array(geo.HOME_NAME, dtype=object)[home]),
        pl.Series("region_code", geo.HOME_COUNTY[home].astype(str)),
        pl.col("cause").alias("death_cause"), pl.col("issuer").alias("certificate_issuer"),
        pl.col("origin").alias("body_origin"))
    st = pl.col("_st")
    cr = cr.with_columns(_date("death", st).alias("death_date"),
                         _date("crem", st).alias("cremated_on"))
    finish("cremations", cr, kind, ["record_id", "name", "id_number", "sex", "age",
                                    "death_date", "cremated_on", "funeral_home", "region_code",
                                    "death_cause", "certificate_issuer", "body_origin"])

    # injury_claims: Zunyi and Bijie offices write 2023/5/7, the others ISO
    cl = _shuffle_sort(w, _duplicate(w, "injury_claims", w.table("injury_claims")), "applied")
    cl, kind = _persons(w, ppl, "injury_claims", cl)
    pid = cl["pid"].to_numpy()
    names, usccs = _employer(w, cl["ent"].to_numpy(), 0.12)
    region = cl["region"].to_numpy()
    style = np.where(np.isin(region // 100, [5203, 5205]), "slash", "iso")
    year = ymd(cl["applied"].to_numpy()) // 10000
    cl = cl.with_columns(
        pl.Series("record_id", [f"GS{y}{i + 1:07d}" for i, y in enumerate(year.tolist())]),
        _sex(ppl, pid, rng, "mf", 0.01), _s("employer_name", names),
        _s("employer_uscc", usccs), pl.Series("_st", style),
        pl.col("desc").alias("injury_description"),
        pl.col("region").cast(pl.Utf8).alias("region_code"))
    st = pl.col("_st")
    cl = cl.with_columns(_date("injury", st).alias("injury_date"),
                         _date("applied", st).alias("applied_on"),
                         _date("decided", st).alias("decided_on"))
    finish("injury_claims", cl, kind, ["record_id", "name", "id_number", "sex",
                                       "employer_name", "employer_uscc", "injury_date",
                                       "applied_on", "decided_on", "outcome",
                                       "injury_description", "region_code"])

    # medical_records (parquet, typed datetimes)
    me = _shuffle_sort(w, _duplicate(w, "medical_records", w.table("medical_records")), "admit")
    me, kind = _persons(w, ppl, "medical_records", me)
    pid = me["pid"].to_numpy()
    hosp = me["hosp"].to_numpy()
    names, _ = _employer(w, me["ent"].to_numpy(), 0.5)
    year = ymd(me["admit"].to_numpy() // DAY) // 10000
    me = me.with_columns(pl.Series("_year", year))
    me = me.with_columns(pl.int_range(pl.len()).over(["hosp", "_year"]).alias("_k"))
    sex_style = np.where(hosp % 3 == 0, "zh", "mf")
    me = me.with_columns(
        pl.Series("record_id", [f"H{h:02d}{y % 100}{k + 1:07d}" for h, y, k in
                                zip(hosp.tolist(), year.tolist(), me["_k"].to_list(),
                                    strict=True)]),
        _sex(ppl, pid, rng, sex_style, 0.04),
        _age(ppl, pid, me["admit"].to_numpy() // DAY, rng, 0.04),
        _s("hospital", np.array(geo.HOSP_NAME, dtype=object)[hosp]),
        pl.Series("region_code", geo.HOSP_COUNTY[hosp].astype(str)),
        _typed_datetime("admit").alias("admitted_at"),
        _typed_datetime("disch").alias("discharged_at"),
        pl.col("diag").alias("diagnosis_icd10"), pl.col("ext").alias("external_cause_icd10"),
        pl.col("disp").alias("disposition"), _s("employer_name", names))
    finish("medical_records", me, kind, ["record_id", "name", "id_number", "sex", "age",
                                         "hospital", "region_code", "admitted_at",
                                         "discharged_at", "diagnosis_icd10",
                                         "external_cause_icd10", "disposition", "payer",
                                         "employer_name"])

    # employment (parquet, typed dates)
    em = _shuffle_sort(w, _duplicate(w, "employment", w.table("employment")), "start")
    em, kind = _persons(w, ppl, "employment", em)
    e = em["ent"].to_numpy()
    names, usccs = _employer(w, e, 0.0)
    usccs = np.where(rng.random(len(e)) < 0.5, np.array(ent.uscc, dtype=object)[e], usccs)
    ind = np.array(geo.INDUSTRIES, dtype=object)[ent.industry[e]]
    ind[rng.random(len(e)) < 0.08] = None
    ename = em["name"].to_numpy().copy()
    ename[rng.random(len(e)) < 0.04] = None
    em = em.with_columns(
        pl.Series("record_id", [f"SB{i + 1:09d}" for i in range(em.height)]),
        _s("name", ename),
        _s("employer_name", names),
        _s("employer_uscc", usccs),
        _s("industry", ind),
        _typed_date("start").alias("start_date"), _typed_date("end").alias("end_date"))
    finish("employment", em, kind, ["record_id", "id_number", "name", "employer_name",
                                    "employer_uscc", "industry", "start_date", "end_date"])

    out["enterprises"] = pl.DataFrame({
        "uscc": ent.uscc, "name": ent.name,
        "industry": [geo.INDUSTRIES[i] for i in ent.industry],
        "region_code": [str(c) for c in ent.county], "high_risk": ent.high_risk.tolist()},
        schema={"uscc": pl.Utf8, "name": pl.Utf8, "industry": pl.Utf8, "region_code": pl.Utf8,
                "high_risk": pl.Boolean}).sort("uscc")
    record_person = pl.concat(rp).sort(["source", "record_id"])
    return out, {"record_person": record_person, "id_kinds": kinds}


def build_truth(w: World, record_person: pl.DataFrame) -> dict[str, pl.DataFrame]:
    inc = pl.DataFrame(w.incidents, schema={
        "incident_id": pl.Utf8, "accident_record_id": pl.Utf8, "kind": pl.Utf8,
        "true_deaths": pl.Int64, "reported_deaths": pl.Int64, "employer_uscc": pl.Utf8,
        "occurred_on": pl.Int64}).with_columns(
        pl.col("occurred_on").cast(pl.Int32).cast(pl.Date)).sort("incident_id")
    ip = pl.DataFrame(w.incident_person, schema={
        "incident_id": pl.Utf8, "pid": pl.Int64, "outcome": pl.Utf8,
        "reported_outcome": pl.Utf8})
    ip = ip.select("incident_id", pl.format("P{}", pl.col("pid").cast(pl.Utf8).str.zfill(7))
                   .alias("person_id"), "outcome", "reported_outcome").sort(
        ["incident_id", "person_id"])
    p = w.people
    dead = np.flatnonzero(p.death_class > 0)
    cls = np.array(["", "natural", "non_occupational", "incident"], dtype=object)[
        p.death_class[dead]]
    inc_id = np.array([f"GZ-INC-{i:05d}" if i >= 0 else None for i in
                       p.death_incident[dead].tolist()], dtype=object)
    deaths = pl.DataFrame({"person_id": [f"P{i:07d}" for i in dead.tolist()],
                           "death_class": _s("death_class", cls),
                           "incident_id": _s("incident_id", inc_id)})
    return {"record_person": record_person, "incidents": inc, "incident_person": ip,
            "deaths": deaths}


def write_all(out: Path, sources: dict[str, pl.DataFrame],
              truth: dict[str, pl.DataFrame]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "truth").mkdir(exist_ok=True)
    for src, df in sources.items():
        enc = FORMATS[src]
        if enc == "parquet":
            df.write_parquet(out / f"{src}.parquet", statistics=False)
        else:
            text = df.write_csv()
            (out / f"{src}.csv").write_bytes(text.encode(enc))
    for name, df in truth.items():
        df.write_parquet(out / "truth" / f"{name}.parquet", statistics=False)
