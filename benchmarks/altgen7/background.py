"""The background population, vectorised: natural and non-occupational deaths, injury
encounters of the living, ordinary work injuries with claims, and employment spells."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl

from . import tables
from .context import Ctx
from .world import D_END, D_EXTRACT, D_START, age_at, births_for_ages, years_of

IntArr = npt.NDArray[np.int64]
BoolArr = npt.NDArray[np.bool_]
NONE = np.array(None, dtype=object)  # a null for np.where on object arrays
MONTHS_DEATH = np.array([1.8, 1.15, 1.0, 0.95, 0.9, 0.85, 0.85, 0.85, 0.9, 0.95, 1.0, 1.1])
MONTHS_FLAT = np.ones(12)
MONTHS_WINTER = np.array([3.0, 2.5, 1.2, 0.3, 0.05, 0.0, 0.0, 0.0, 0.05, 0.4, 1.6, 2.8])


# ------------------------------------------------------------------ small vectorised helpers
def pick(rng: np.random.Generator, items: list[Any], n: int,
         p: list[float] | None = None) -> np.ndarray:
    arr = np.empty(len(items), dtype=object)
    arr[:] = items
    if p is None:
        return arr[rng.integers(0, len(items), size=n)]
    pa = np.asarray(p, dtype=float)
    return arr[rng.choice(len(items), size=n, p=pa / pa.sum())]


def days_in_study(rng: np.random.Generator, n: int, months: np.ndarray = MONTHS_FLAT,
                  start: int = D_START) -> IntArr:
    mstart = np.array([np.datetime64(f"2023-{m:02d}-01") for m in range(1, 13)]).astype(np.int64)
    mlen = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
    w = months * mlen
    m = rng.choice(12, size=n, p=w / w.sum())
    d = mstart[m] + (rng.random(n) * mlen[m]).astype(np.int64)
    return np.maximum(d, start)


def date_col(name: str, days: IntArr, valid: BoolArr | None = None) -> pl.Series:
    s = pl.Series(name, days.astype(np.int32)).cast(pl.Date)
    if valid is not None:
        s = pl.select(pl.when(pl.Series(valid)).then(s).otherwise(None).alias(name)).to_series()
    return s


def ts_col(name: str, secs: IntArr, valid: BoolArr | None = None) -> pl.Series:
    s = pl.from_epoch(pl.Series(name, secs.astype(np.int64)), time_unit="s").cast(
        pl.Datetime("us"))
    if valid is not None:
        s = pl.select(pl.when(pl.Series(valid)).then(s).otherwise(None).alias(name)).to_series()
    return s


def str_col(name: str, arr: np.ndarray) -> pl.Series:
    return pl.Series(name, arr.tolist(), dtype=pl.String)


def short_names(names: np.ndarray, r: np.ndarray, share: float) -> np.ndarray:
    """Vectorised :func:`short_name` for a `share` of the rows (selected by r < share)."""
    s = pl.Series(names.tolist(), dtype=pl.String)
    x = pl.Series(r / share)
    out = pl.select(
        pl.when(x >= 1.0).then(s)
        .when(x < 0.35).then(s.str.replace("有限责任公司", "有限公司", literal=True))
        .when(x < 0.6).then(pl.when(s.str.starts_with("山西"))
                            .then(s.str.replace("山西", "", literal=True)).otherwise(s + " "))
        .when(x < 0.8).then(s.str.replace_all("有限责任公司|有限公司|集团", ""))
        .otherwise(s.str.replace("有限公司", "公司", literal=True))).to_series()
    return out.to_numpy().astype(object)


def villages(rng: np.random.Generator, n: int) -> np.ndarray:
    t = np.array(tables.TOWN_CHARS)
    s = np.array(tables.VILLAGE_SUFFIX)
    a = t[rng.integers(0, t.size, n)]
    b = t[rng.integers(0, t.size, n)]
    return np.strings.add(np.strings.add(a, b), s[rng.integers(0, s.size, n)])


def county_labels(ctx: Ctx, county: IntArr) -> np.ndarray:
    geo = ctx.geo
    labels = np.array([geo.county_name(int(c)) for c in geo.codes])
    return labels[county]


def residence(ctx: Ctx, person: IntArr, fallback: IntArr | None = None) -> IntArr:
    """County index where a person lives: the hukou county, else `fallback` / a random one."""
    geo = ctx.geo
    c = geo.cidx(ctx.people.col("hukou")[person])
    if fallback is None:
        fallback = ctx.rng.choice(geo.codes.size, size=person.size, p=geo.pop_w)
    return np.where(c >= 0, c, fallback)


# ------------------------------------------------------------------ death trails
def death_trail(ctx: Ctx, person: IntArr, death: IntArr, res: IntArr, in_hosp: BoolArr,
                hosp: IntArr, natural: bool, tag: str, dereg_causes: list[Any],
                crem_causes: list[Any], home_p: float = 0.9) -> None:
    """Deregistration and cremation rows of background deaths."""
    rng, geo, P = ctx.rng, ctx.geo, ctx.people
    n = person.size
    if n == 0:
        return
    hukou = P.col("hukou")[person]
    shanxi = hukou // 10000 == 14
    # ---- household-registration cancellation
    lag = np.clip(rng.lognormal(np.log(18), 0.95, n), 1, 600).astype(np.int64)
    on = death + lag
    m = shanxi & (rng.random(n) < 0.9) & (on <= D_EXTRACT)
    declared = rng.random(n) < 0.002
    on = np.where(declared, np.minimum(death + rng.integers(200, 500, n), D_EXTRACT), on)
    k = int(m.sum())
    if k:
        dd_ok = (rng.random(k) < 0.97) & ~declared[m]
        ctx.sink.add_frame("deregistrations", pl.DataFrame([
            pl.Series("person", person[m]), pl.Series("ident", person[m]),
            pl.Series("tag", [tag] * k, dtype=pl.String),
            date_col("death_date", death[m], dd_ok), date_col("deregistered_on", on[m]),
            str_col("region_code", hukou[m].astype(str)),
            str_col("reason", np.where(declared[m], "declared_dead", "death")),
            str_col("death_cause", np.where(declared[m], NONE, pick(rng, dereg_causes, k))),
            pl.Series("show_birth", rng.random(k) < 0.92)]))
    # ---- cremation
    hcounty = geo.cidx(geo.hosp_region[np.maximum(hosp, 0)])
    dcounty = np.where(in_hosp, hcounty, res)
    p = np.where(geo.is_district[dcounty], 0.86, 0.6) * np.where(shanxi, 1.0, 0.8)
    lag2 = rng.choice(8, size=n, p=[0.04, 0.14, 0.3, 0.3, 0.1, 0.05, 0.04, 0.03])
    cm = (rng.random(n) < p) & (death + lag2 <= D_EXTRACT)
    k = int(cm.sum())
    if not k:
        return
    ih = in_hosp[cm]
    r = rng.random(k)
    if natural:
        home_issuer = np.where(r < 0.78, "community", np.where(r < 0.88, "other", NONE))
    else:
        home_issuer = np.where(r < 0.7, "police", np.where(r < 0.85, "community",
                                                             np.where(r < 0.95, "other", NONE)))
    issuer = np.where(ih, np.where(rng.random(k) < 0.93, "hospital", NONE), home_issuer)
    hname = ctx.geo.hosp_name[np.maximum(hosp[cm], 0)]
    labels = county_labels(ctx, dcounty[cm])
    if natural:
        at_home = rng.random(k) < home_p
        elsewhere = np.strings.add(labels, np.where(rng.random(k) < 0.5, "养老院", "社会福利院"))
        origin = np.where(at_home, "家中", elsewhere)
        issuer = np.where(~ih & ~at_home, "other", issuer)
    else:
        origin = np.strings.add(labels, villages(rng, k))
    origin = np.where(ih, hname, origin).astype(object)
    origin[rng.random(k) < 0.12] = None
    fh = geo.fh_of_county[dcounty[cm]]
    birth = P.col("birth")[person[cm]]
    ctx.sink.add_frame("cremations", pl.DataFrame([
        pl.Series("person", person[cm]), pl.Series("ident", person[cm]),
        pl.Series("tag", [tag] * k, dtype=pl.String),
        pl.Series("age", age_at(birth, death[cm])),
        date_col("death_date", death[cm], rng.random(k) < 0.96),
        date_col("cremated_on", death[cm] + lag2[cm]),
        str_col("funeral_home", geo.fh_name[fh]), str_col("region_code", geo.fh_region[fh].astype(
            str)),
        str_col("death_cause", np.where(rng.random(k) < 0.9, pick(rng, crem_causes, k), NONE)),
        str_col("certificate_issuer", issuer.astype(object)), str_col("body_origin", origin)]))


# ------------------------------------------------------------------ medical encounters
# category: share among living encounters, age (lo, mode, hi), male share, months,
#           diagnoses, external causes (None = not coded), share with no external cause
CATEGORIES: dict[str, dict[str, Any]] = {
    "traffic": dict(share=0.22, age=(3, 38, 85), male=0.66, months=MONTHS_FLAT,
                    diag=["S06.0", "S82.2", "S42.0", "S52.5", "S22.4", "S00.0", "S01.0", "S80.0",
                          "T14.0", "S06.5", "S32.0"],
                    ext=["V89.2", "V43.5", "V23.4", "V03.1", "V29.4", "V47.5", "V49.4", "V19.4"],
                    noext=0.15),
    "fall": dict(share=0.28, age=(1, 68, 96), male=0.45, months=MONTHS_DEATH,
                 diag=["S72.0", "S52.5", "S82.8", "S42.2", "S32.0", "S06.0", "S00.0", "S01.0",
                       "S93.4", "S72.1"],
                 ext=["W01.0", "W10.0", "W18.0", "W19.0", "W01.4", "W10.2", "W06.0", "W19.9"],
                 noext=0.18),
    "mechanical_home": dict(share=0.1, age=(2, 35, 80), male=0.6, months=MONTHS_FLAT,
                            diag=["S61.0", "S81.8", "S01.4", "S51.8", "S91.3"],
                            ext=["W25.0", "W22.0", "W54.0", "W54.4", "W26.0", "W22.2"],
                            noext=0.2),
    "work_informal": dict(share=0.07, age=(18, 45, 68), male=0.85, months=MONTHS_FLAT,
                          diag=["S61.0", "S62.6", "S82.2", "S42.0", "S06.0", "S92.3", "S68.1"],
                          ext=["W20.6", "W23.6", "W31.6", "W12.6", "W11.6", "W17.6"], noext=0.3),
    "farm": dict(share=0.05, age=(25, 55, 80), male=0.7, months=np.array(
                     [0.3, 0.3, 0.8, 1.3, 1.5, 1.6, 1.4, 1.2, 1.6, 1.5, 0.8, 0.3]),
                 diag=["S61.0", "S82.2", "S06.0", "S92.3", "T14.0"],
                 ext=["W30.7", "W31.7", "W20.7", "W17.7", "W55.7"], noext=0.25),
    "burn": dict(share=0.04, age=(1, 30, 85), male=0.5, months=MONTHS_FLAT,
                 diag=["T20.2", "T21.2", "T23.2", "T24.2", "T22.1", "T29.2"],
                 ext=["X10.0", "X11.0", "X12.0", "X00.0", "X17.0"], noext=0.2),
    "poisoning": dict(share=0.04, age=(1, 45, 90), male=0.5, months=MONTHS_WINTER + 0.3,
                      diag=["T58", "T58", "T60.0", "T42.4", "T51.0"],
                      ext=["X47.0", "X47.0", "X48.7", "X44.0", "X45.0"], noext=0.25),
    "assault": dict(share=0.05, age=(16, 35, 70), male=0.8, months=MONTHS_FLAT,
                    diag=["S01.0", "S06.0", "S02.2", "S00.1", "S21.1"],
                    ext=["Y04.4", "Y04.0", "X99.4", "Y00.4"], noext=0.2),
    "self_harm": dict(share=0.02, age=(14, 35, 85), male=0.45, months=MONTHS_FLAT,
                      diag=["T60.0", "S61.0", "T42.4", "S51.8"],
                      ext=["X68.0", "X78.0", "X61.0", "X68.7"], noext=0.3),
    "unspecified": dict(share=0.13, age=(1, 40, 90), male=0.55, months=MONTHS_FLAT,
                        diag=["T14.0", "T14.9", "S00.0", "S01.0", "S60.0", "S80.0", "S93.4",
                              "S63.5", "S13.4"],
                        ext=["X59.9"], noext=0.9),
}


def med_frame(ctx: Ctx, person: IntArr, hosp: IntArr, admit_s: IntArr, los_s: IntArr,
              diag: np.ndarray, ext: np.ndarray, disposition: np.ndarray, payer: np.ndarray,
              employer: np.ndarray, tag: str, ident: IntArr | None = None,
              anon: BoolArr | None = None) -> None:
    rng = ctx.rng
    n = person.size
    if n == 0:
        return
    ident = person if ident is None else ident
    birth = ctx.people.col("birth")[ident]
    admit_day = admit_s // 86400
    dis = admit_s + los_s
    ok = (dis // 86400 <= D_EXTRACT) & (rng.random(n) >= 0.015)
    ctx.sink.add_frame("medical_records", pl.DataFrame([
        pl.Series("person", person), pl.Series("ident", ident),
        pl.Series("tag", [tag] * n, dtype=pl.String),
        pl.Series("age", age_at(birth, admit_day)),
        str_col("hospital", ctx.geo.hosp_name[hosp]),
        str_col("region_code", ctx.geo.hosp_region[hosp].astype(str)),
        ts_col("admitted_at", admit_s), ts_col("discharged_at", dis, ok),
        str_col("diagnosis_icd10", diag), str_col("external_cause_icd10", ext),
        str_col("disposition", disposition), str_col("payer", payer),
        str_col("employer_name", employer),
        pl.Series("anon", np.zeros(n, dtype=bool) if anon is None else anon)]))


def payers(rng: np.random.Generator, n: int, traffic: BoolArr | None = None) -> np.ndarray:
    p = pick(rng, ["resident_insurance", "employee_insurance", "self_pay", "commercial", "other",
                   None], n, [0.45, 0.22, 0.18, 0.05, 0.05, 0.05])
    if traffic is not None:
        p = np.where(traffic & (rng.random(n) < 0.3), "other", p)
    return p


def admit_seconds(rng: np.random.Generator, day: IntArr) -> IntArr:
    hour_w = np.array([1, 0.7, 0.5, 0.4, 0.4, 0.5, 0.9, 1.4, 1.8, 1.9, 1.9, 1.8, 1.6, 1.6, 1.7,
                       1.8, 1.9, 2.0, 2.0, 1.9, 1.7, 1.5, 1.3, 1.1])
    h = rng.choice(24, size=day.size, p=hour_w / hour_w.sum())
    return day * 86400 + h * 3600 + rng.integers(0, 3600, size=day.size)


def living_encounters(ctx: Ctx, n_people: int) -> None:
    """Injury encounters of people who do not die in the study year."""
    rng, geo = ctx.rng, ctx.geo
    cats = list(CATEGORIES)
    share = np.array([CATEGORIES[c]["share"] for c in cats])
    cat = rng.choice(len(cats), size=n_people, p=share / share.sum())
    age = np.zeros(n_people)
    male = np.zeros(n_people, dtype=bool)
    for i, c in enumerate(cats):
        m = cat == i
        lo, mode, hi = CATEGORIES[c]["age"]
        age[m] = rng.triangular(lo, mode, hi, size=int(m.sum()))
        male[m] = rng.random(int(m.sum())) < CATEGORIES[c]["male"]
    hukou_c = rng.choice(geo.codes.size, size=n_people, p=geo.pop_w)
    hukou = geo.codes[hukou_c].copy()
    mig = rng.random(n_people) < 0.03
    hukou[mig] = geo.migrant_codes[rng.integers(0, geo.migrant_codes.size, int(mig.sum()))]
    birth = births_for_ages(rng, age, np.full(n_people, D_START)) - rng.integers(0, 365, n_people)
    person = ctx.people.add(birth, male, hukou)
    # a second encounter for some (follow-up or another injury, same kind)
    again = rng.random(n_people) < 0.12
    p_all = np.concatenate([person, person[again]])
    c_all = np.concatenate([cat, cat[again]])
    res_all = np.concatenate([hukou_c, hukou_c[again]])
    n = p_all.size
    day = np.zeros(n, dtype=np.int64)
    diag = np.empty(n, dtype=object)
    ext = np.empty(n, dtype=object)
    for i, c in enumerate(cats):
        m = c_all == i
        k = int(m.sum())
        spec = CATEGORIES[c]
        day[m] = days_in_study(rng, k, spec["months"])
        diag[m] = pick(rng, spec["diag"], k)
        e = pick(rng, spec["ext"], k)
        e[rng.random(k) < spec["noext"]] = None
        ext[m] = e
    # elderly falls are mostly hip fractures; the young rarely
    ed = rng.random(n) < 0.45
    los = np.where(ed, rng.integers(2 * 3600, 9 * 3600, n),
                   (np.clip(rng.lognormal(np.log(7), 0.7, n), 1, 90) * 86400).astype(np.int64))
    r = rng.random(n)
    disp = np.where(r < 0.88, "discharged", np.where(r < 0.94, "left_against_advice",
                                                      "transferred")).astype(object)
    hosp = geo.pick_hospital(rng, res_all)
    traffic = c_all == cats.index("traffic")
    employer = np.full(n, None, dtype=object)
    anon = ed & (rng.random(n) < 0.004)
    med_frame(ctx, p_all, hosp, admit_seconds(rng, day), los, diag, ext, disp,
              payers(rng, n, traffic), employer, "bg_living", anon=anon)


# ------------------------------------------------------------------ deaths
def natural_deaths(ctx: Ctx, n_new: int, n_workers: int, n_sudden_at_work: int,
                   n_pneumo: int) -> None:
    rng, geo = ctx.rng, ctx.geo
    # ---- residents who die of illness or age
    band = rng.choice(5, size=n_new, p=[0.005, 0.03, 0.12, 0.27, 0.575])
    lo = np.array([0, 1, 40, 60, 75])[band]
    hi = np.array([1, 40, 60, 75, 100])[band]
    age = lo + rng.random(n_new) * (hi - lo)
    male = rng.random(n_new) < np.where(age > 85, 0.42, 0.58)
    death = days_in_study(rng, n_new, MONTHS_DEATH)
    res = rng.choice(geo.codes.size, size=n_new, p=geo.pop_w)
    birth = births_for_ages(rng, age, death)
    person = ctx.people.add(birth, male, geo.codes[res])
    # ---- workers who die of illness (hard negatives: some at high-risk employers)
    w = ctx.workers
    cand = np.flatnonzero(~w.used)
    page = (D_START - ctx.people.col("birth")[w.person[cand]]) / 365.25
    pw = np.exp((page - 40) / 8.0)
    wsel = rng.choice(cand, size=n_workers, replace=False, p=pw / pw.sum())
    w.used[wsel] = True
    wdeath = days_in_study(rng, n_workers, MONTHS_DEATH)
    wdeath = np.maximum(wdeath, w.start[wsel] + 30)
    wdeath = np.minimum(wdeath, D_END)
    wperson = w.person[wsel]
    wres = residence(ctx, wperson, geo.cidx(ctx.ent.region[w.employer[wsel]]))
    _end_spells(ctx, wsel, wdeath)
    # sudden death at work, recognised as work death (视同工亡): a claim, no accident
    sud = np.zeros(n_workers, dtype=bool)
    sud[:n_sudden_at_work] = True
    # ---- retired miners dying of pneumoconiosis (an occupational-disease 工亡 claim)
    page2 = rng.uniform(55, 82, n_pneumo)
    pdeath = days_in_study(rng, n_pneumo, MONTHS_DEATH)
    coal = np.flatnonzero(ctx.ent.industry == "coal_mining")
    pemp = coal[rng.integers(0, coal.size, n_pneumo)]
    pres = geo.cidx(ctx.ent.region[pemp])
    pbirth = births_for_ages(rng, page2, pdeath)
    pperson = ctx.people.add(pbirth, np.ones(n_pneumo, dtype=bool), geo.codes[pres])
    ctx.retired_miners = (pperson, pemp, pbirth)

    all_p = np.concatenate([person, wperson, pperson])
    all_d = np.concatenate([death, wdeath, pdeath])
    all_res = np.concatenate([res, wres, pres])
    n = all_p.size
    in_hosp = rng.random(n) < 0.4
    in_hosp[person.size:person.size + n_sudden_at_work] = True
    hosp = np.where(in_hosp, geo.pick_hospital(ctx.rng, all_res), -1)
    # residents; then workers and retired miners, among whom sudden cardiac deaths are common
    # (the very words a disguised work death is written up with)
    k = person.size
    death_trail(ctx, all_p[:k], all_d[:k], all_res[:k], in_hosp[:k], hosp[:k], True,
                "bg_natural", tables.NATURAL_DEREG_CAUSE + [None] * 5, tables.NATURAL_CREM_CAUSE,
                home_p=0.87)
    death_trail(ctx, all_p[k:], all_d[k:], all_res[k:], in_hosp[k:], hosp[k:], True,
                "bg_natural_worker", tables.NATURAL_DEREG_CAUSE + ["猝死"] * 4 + [None] * 5,
                [*tables.NATURAL_CREM_CAUSE, "心源性猝死", "猝死", "急性心肌梗死", "心源性猝死",
                 "猝死", "脑出血"], home_p=0.95)
    ctx.truth.bg_death_person.append(all_p)
    ctx.truth.bg_death_class.extend(["natural"] * n)
    # claims
    sw = wsel[sud]
    ctx.note("sudden_death_at_work_claims", int(sud.sum()))
    _claims(ctx, w.person[sw], w.ident[sw], w.employer[sw], wdeath[sud], "death",
            pick(rng, ["工作时间在工作岗位突发疾病，经抢救无效死亡",
                       "在岗期间突发疾病48小时内经抢救无效死亡"], int(sud.sum())),
            "bg_sudden_at_work", lag_lo=10, lag_hi=70)
    has_claim = rng.random(n_pneumo) < 0.7
    ctx.note("pneumoconiosis_claims", int(has_claim.sum()))
    _claims(ctx, pperson[has_claim], pperson[has_claim], pemp[has_claim], pdeath[has_claim],
            "death", pick(rng, ["职业病（煤工尘肺）死亡", "尘肺病并发症死亡，申请工亡待遇"],
                          int(has_claim.sum())), "bg_pneumoconiosis", lag_lo=20, lag_hi=300)


def _end_spells(ctx: Ctx, wsel: IntArr, death: IntArr) -> None:
    w, rng = ctx.workers, ctx.rng
    n = wsel.size
    end = death + rng.integers(10, 75, n)
    end = np.where((rng.random(n) < 0.4) | (end > D_EXTRACT), -1, end)
    cur = w.end[wsel]
    w.end[wsel] = np.where((cur >= 0) & (cur < death), cur, end)


def _claims(ctx: Ctx, person: IntArr, ident: IntArr, emp: IntArr, injury: IntArr,
            outcome: Any, text: np.ndarray, tag: str, lag_lo: int = 3, lag_hi: int = 30,
            late_share: float = 0.0) -> None:
    rng, ent = ctx.rng, ctx.ent
    n = person.size
    if n == 0:
        return
    lag = rng.integers(lag_lo, lag_hi + 1, n)
    late = rng.random(n) < late_share
    lag[late] = rng.integers(31, 366, int(late.sum()))
    applied = injury + lag
    decided = applied + rng.integers(15, 61, n)
    out = np.asarray(outcome if isinstance(outcome, np.ndarray) else np.full(n, outcome),
                     dtype=object)
    pend = (decided > D_EXTRACT) | (out == "pending")
    out = np.where(pend, "pending", out)
    keep = applied <= D_EXTRACT
    written = short_names(ent.name[emp], rng.random(n), 0.15)
    uscc = np.where(rng.random(n) < 0.92, ent.uscc[emp], NONE)
    ctx.sink.add_frame("injury_claims", pl.DataFrame([
        pl.Series("person", person[keep]), pl.Series("ident", ident[keep]),
        pl.Series("tag", [tag] * int(keep.sum()), dtype=pl.String),
        str_col("employer_name", written[keep]), str_col("employer_uscc", uscc[keep]),
        date_col("injury_date", injury[keep]), date_col("applied_on", applied[keep]),
        date_col("decided_on", decided[keep], ~pend[keep]), str_col("outcome", out[keep]),
        str_col("injury_description", text[keep]),
        str_col("region_code", ent.region[emp][keep].astype(str))]))


# non-occupational death kinds: count at scale 1, age (lo, mode, hi), male share, months,
# share with a hospital record, diagnoses, external causes, deregistration and cremation causes,
# drawn from workers?
NONOCC: dict[str, dict[str, Any]] = {
    "traffic": dict(n=5000, age=(3, 45, 88), male=0.72, months=MONTHS_FLAT, med=0.6,
                    diag=["S06.5", "T07", "S36.1", "S06.2", "S32.0", "S27.3"],
                    ext=["V89.2", "V43.5", "V23.4", "V03.1", "V29.4", "V47.5", "V87.7"],
                    dereg=["交通事故", "交通事故", "意外", None], crem=["颅脑损伤", "多发伤",
                                                                "交通事故", "失血性休克"]),
    "traffic_worker": dict(n=700, worker=True, months=MONTHS_FLAT, med=0.6,
                           diag=["S06.5", "T07", "S36.1"], ext=["V89.2", "V43.5", "V23.4",
                                                                 "V29.4"],
                           dereg=["交通事故", "意外", None], crem=["颅脑损伤", "多发伤"]),
    "commuting": dict(n=160, worker=True, months=MONTHS_FLAT, med=0.7,
                      diag=["S06.5", "T07"], ext=["V23.4", "V29.4", "V43.5", "V03.1"],
                      dereg=["交通事故", None], crem=["颅脑损伤", "交通事故"]),
    "fall_home": dict(n=4000, age=(68, 84, 99), male=0.42, months=MONTHS_DEATH, med=0.7,
                      diag=["S72.0", "S06.5", "S06.0", "S32.0", "S72.1"],
                      ext=["W01.0", "W10.0", "W06.0", "W19.0", "W18.0"],
                      dereg=["病故", "摔伤", "意外", None], crem=["股骨颈骨折并发肺部感染",
                                                              "颅脑损伤", "多器官功能衰竭"]),
    "fall_other": dict(n=700, age=(30, 55, 80), male=0.82, months=MONTHS_FLAT, med=0.6,
                       diag=["S06.5", "S32.0", "T07"], ext=["W11.0", "W13.0", "W17.7",
                                                             "W13.8", "W17.0"],
                       dereg=["意外", "摔伤", None], crem=["高坠伤", "颅脑损伤"]),
    "drowning": dict(n=700, age=(4, 25, 75), male=0.75, months=np.array(
                         [0.2, 0.2, 0.4, 0.8, 1.5, 2.5, 3.0, 2.8, 1.2, 0.5, 0.3, 0.2]), med=0.2,
                     diag=["T75.1"], ext=["W69.8", "W74.8", "W74.9", "W65.0"],
                     dereg=["溺水", "意外", None], crem=["溺水"]),
    "co_home": dict(n=500, age=(40, 72, 95), male=0.5, months=MONTHS_WINTER, med=0.5,
                    diag=["T58"], ext=["X47.0"], dereg=["煤气中毒", "意外", None],
                    crem=["一氧化碳中毒"]),
    "self_harm": dict(n=2200, age=(15, 55, 90), male=0.6, months=MONTHS_FLAT, med=0.45,
                      diag=["T60.0", "T71", "S06.5", "T42.4"], ext=["X68.0", "X70.0", "X80.8",
                                                                    "X68.7", "X61.0"],
                      dereg=["自杀", None, None, "意外"], crem=["农药中毒", "自缢", "高坠伤",
                                                             "死因不明"]),
    "farm_machinery": dict(n=150, age=(38, 55, 75), male=0.9, months=np.array(
                               [0.3, 0.3, 0.8, 1.3, 1.5, 1.6, 1.4, 1.2, 1.6, 1.5, 0.8, 0.3]),
                           med=0.5, diag=["T07", "S06.5"], ext=["W30.7", "V84.7"],
                           dereg=["意外", None], crem=["多发伤"]),
    "electrocution_home": dict(n=150, age=(20, 50, 80), male=0.8, months=MONTHS_FLAT, med=0.4,
                               diag=["T75.4"], ext=["W86.0", "W87.0", "W87.7"],
                               dereg=["触电", "意外", None], crem=["电击伤"]),
    "assault": dict(n=150, age=(18, 35, 70), male=0.8, months=MONTHS_FLAT, med=0.55,
                    diag=["S06.5", "S21.1", "S36.1"], ext=["Y04.4", "X99.4", "X99.0"],
                    dereg=["他杀", None], crem=["颅脑损伤", "失血性休克"]),
}


def nonocc_deaths(ctx: Ctx, scale: float) -> None:
    rng, geo = ctx.rng, ctx.geo
    w = ctx.workers
    for kind, spec in NONOCC.items():
        n = max(1, round(spec["n"] * scale))
        death = days_in_study(rng, n, spec["months"])
        if spec.get("worker"):
            cand = np.flatnonzero(~w.used)
            wsel = rng.choice(cand, size=n, replace=False)
            w.used[wsel] = True
            death = np.minimum(np.maximum(death, w.start[wsel] + 30), D_END)
            person = w.person[wsel]
            res = residence(ctx, person, geo.cidx(ctx.ent.region[w.employer[wsel]]))
            _end_spells(ctx, wsel, death)
            if kind == "commuting":
                ctx.note("commuting_death_claims", n)
                _claims(ctx, person, w.ident[wsel], w.employer[wsel], death, "death",
                        pick(rng, ["上下班途中发生非本人主要责任的交通事故死亡",
                                   "下班途中被机动车撞伤，经抢救无效死亡"], n),
                        "bg_commuting", lag_lo=10, lag_hi=90)
        else:
            lo, mode, hi = spec["age"]
            age = rng.triangular(lo, mode, hi, n)
            male = rng.random(n) < spec["male"]
            res = rng.choice(geo.codes.size, size=n, p=geo.pop_w)
            person = ctx.people.add(births_for_ages(rng, age, death), male, geo.codes[res])
        _nonocc_trail(ctx, person, death, res, spec, f"bg_{kind}")
    # clusters: families poisoned by a coal stove, villagers in a crashed minibus
    _clusters(ctx, scale)


def _nonocc_trail(ctx: Ctx, person: IntArr, death: IntArr, res: IntArr, spec: dict[str, Any],
                  tag: str, hosp: IntArr | None = None) -> None:
    rng, geo = ctx.rng, ctx.geo
    n = person.size
    med = rng.random(n) < spec["med"]
    if hosp is None:
        hosp = geo.pick_hospital(rng, res, (0.5, 0.4, 0.08, 0.02))
    # days in hospital before death (0 = died the day of admission)
    stay = np.where(rng.random(n) < 0.55, 0, rng.integers(1, 25, n))
    admit_day = np.maximum(death - stay, D_START)
    admit_s = admit_seconds(rng, admit_day)
    death_s = np.maximum(admit_s + 1800, death * 86400 + rng.integers(0, 86400, n))
    r = rng.random(n)
    disp = np.where(r < 0.82, "died", "left_against_advice").astype(object)
    laa = disp == "left_against_advice"
    ext = pick(rng, spec["ext"], n)
    ext[rng.random(n) < 0.2] = None
    m = med
    med_frame(ctx, person[m], hosp[m], admit_s[m], (death_s - admit_s)[m],
              pick(rng, spec["diag"], int(m.sum())), ext[m], disp[m],
              payers(rng, int(m.sum())), np.full(int(m.sum()), None, dtype=object), tag)
    in_hosp = med & ~laa
    death_trail(ctx, person, death_s // 86400, res, in_hosp, np.where(in_hosp, hosp, -1), False,
                tag, spec["dereg"], spec["crem"])
    ctx.truth.bg_death_person.append(person)
    ctx.truth.bg_death_class.extend(["non_occupational"] * n)


def _clusters(ctx: Ctx, scale: float) -> None:
    """Hard negatives: several deaths and trauma admissions at one place within hours."""
    rng, geo, P = ctx.rng, ctx.geo, ctx.people
    n_co = max(1, round(120 * scale))
    n_bus = max(1, round(40 * scale))
    dead_p: list[np.ndarray] = []
    dead_res: list[np.ndarray] = []
    dead_day: list[np.ndarray] = []
    dead_hosp: list[np.ndarray] = []
    live_rows: list[tuple[np.ndarray, np.ndarray, np.ndarray, str, str]] = []
    for kind, count in (("co_family", n_co), ("minibus", n_bus)):
        for _ in range(count):
            size = int(rng.integers(2, 5)) if kind == "co_family" else int(rng.integers(4, 11))
            ndead = int(rng.integers(1, min(size, 3) + 1))
            county = int(rng.choice(geo.codes.size, p=geo.pop_w))
            months = MONTHS_WINTER if kind == "co_family" else MONTHS_FLAT
            day = int(days_in_study(rng, 1, months)[0])
            if kind == "co_family":
                age = np.concatenate([rng.uniform(35, 80, 2), rng.uniform(3, 30, size)])[:size]
                sur = np.full(size, int(rng.integers(0, 60)))
                male = np.arange(size) % 2 == 0
            else:
                age = rng.uniform(8, 75, size)
                sur = None
                male = rng.random(size) < 0.55
            birth = births_for_ages(rng, age, np.full(size, day))
            person = P.add(birth, male, np.full(size, geo.codes[county]),
                           surname=None if sur is None else sur)
            hosp = int(geo.pick_hospital(rng, np.array([county]), (0.7, 0.3, 0.0, 0.0))[0])
            order = rng.permutation(size)
            dead, live = person[order[:ndead]], person[order[ndead:]]
            dead_p.append(dead)
            dead_res.append(np.full(ndead, county))
            dead_day.append(np.full(ndead, day))
            dead_hosp.append(np.full(ndead, hosp))
            live_rows.append((live, np.full(live.size, hosp), np.full(live.size, day), kind,
                              "T58" if kind == "co_family" else "S06.0"))
    # the dead
    for kind, spec_key in (("co_family", "co_home"), ("minibus", "traffic")):
        idx = [i for i, row in enumerate(live_rows) if row[3] == kind]
        p = np.concatenate([dead_p[i] for i in idx])
        spec = dict(NONOCC[spec_key])
        spec["med"] = 0.75
        if kind == "minibus":
            spec["ext"] = ["V49.4", "V59.4", "V89.2"]
        _nonocc_trail(ctx, p, np.concatenate([dead_day[i] for i in idx]),
                      np.concatenate([dead_res[i] for i in idx]), spec, f"bg_cluster_{kind}",
                      hosp=np.concatenate([dead_hosp[i] for i in idx]))
        ctx.note(f"cluster_{kind}", len(idx))
    # the living injured: admitted together
    lp = np.concatenate([r[0] for r in live_rows])
    lh = np.concatenate([r[1] for r in live_rows])
    ld = np.concatenate([r[2] for r in live_rows])
    kinds = np.concatenate([np.full(r[0].size, r[3]) for r in live_rows])
    n = lp.size
    co = kinds == "co_family"
    diag = np.where(co, "T58", pick(rng, ["S06.0", "S82.2", "S42.0", "S22.4", "T14.0", "S32.0"],
                                    n)).astype(object)
    ext = np.where(co, "X47.0", pick(rng, ["V49.4", "V59.4", "V89.2"], n)).astype(object)
    admit = ld * 86400 + np.where(co, 6 * 3600, 15 * 3600) + rng.integers(0, 7200, n)
    los = (np.clip(rng.lognormal(np.log(5), 0.8, n), 0.2, 40) * 86400).astype(np.int64)
    disp = np.where(rng.random(n) < 0.9, "discharged", "transferred").astype(object)
    med_frame(ctx, lp, lh, admit, los, diag, ext, disp, payers(rng, n, ~co),
              np.full(n, None, dtype=object), "bg_cluster_injured")


# ------------------------------------------------------------------ ordinary work injuries
WORK_DIAG: dict[str, list[str]] = {
    "fall_from_height": ["S82.2", "S32.0", "S42.0", "S52.5", "S92.0"],
    "struck_by_object": ["S06.0", "S01.0", "S92.3", "S22.4", "S20.2"],
    "machinery": ["S61.0", "S62.6", "S68.1", "S66.0", "S61.8"],
    "burn": ["T23.2", "T24.2", "T22.2", "T26.4"], "lifting": ["S82.2", "S42.0", "S22.4"],
    "electrocution": ["T75.4"], "poisoning_asphyxiation": ["T59.9", "T59.6"],
    "vehicle": ["S82.2", "S06.0", "S42.0"], "roof_fall": ["S32.0", "S82.2", "S22.4", "S72.3"],
}


def work_injuries(ctx: Ctx, n: int) -> None:
    rng, ent, w, geo = ctx.rng, ctx.ent, ctx.workers, ctx.geo
    cand = np.flatnonzero(~w.used)
    risk = np.array([tables.INJURY_RISK[i] for i in ent.industry[w.employer[cand]]])
    wsel = rng.choice(cand, size=n, replace=False, p=risk / risk.sum())
    w.used[wsel] = True
    emp = w.employer[wsel]
    day = np.minimum(np.maximum(days_in_study(rng, n), w.start[wsel] + 7), D_END)
    ended = (w.end[wsel] >= 0) & (w.end[wsel] <= day)
    day = np.where(ended, np.maximum(w.start[wsel] + 1, w.end[wsel] - 20), day)
    mech = np.empty(n, dtype=object)
    for ind in tables.INDUSTRIES:
        m = ent.industry[emp] == ind
        types = [t for t in tables.ACCIDENT_TYPES_BY_INDUSTRY[ind] if t in WORK_DIAG]
        wts = [tables.ACCIDENT_TYPES_BY_INDUSTRY[ind][t] for t in types]
        mech[m] = pick(rng, types, int(m.sum()), wts)
    commuting = rng.random(n) < 0.1
    mech[commuting] = "commuting"
    diag = np.empty(n, dtype=object)
    ext = np.empty(n, dtype=object)
    text = np.empty(n, dtype=object)
    for t in [*WORK_DIAG, "commuting"]:
        m = mech == t
        k = int(m.sum())
        if not k:
            continue
        if t == "commuting":
            diag[m] = pick(rng, ["S82.2", "S42.0", "S06.0", "S52.5"], k)
            ext[m] = pick(rng, ["V23.4", "V29.4", "V03.1"], k)
            text[m] = pick(rng, ["上下班途中发生交通事故受伤", "下班途中骑电动车被撞伤"], k)
        else:
            diag[m] = pick(rng, WORK_DIAG[t], k)
            ext[m] = pick(rng, tables.TRAUMA[t][1], k)
            text[m] = pick(rng, [tables.CLAIM_TEXT[t] + s for s in
                                 ("", "，致手部受伤", "，致腿部骨折", "，致头部受伤")], k)
    noext = rng.random(n) < 0.33
    ext[noext] = None
    person, ident = w.person[wsel], w.ident[wsel]
    sev = rng.random(n)
    serious = sev < 0.07
    # medical records for 80 %
    med = rng.random(n) < 0.8
    ecounty = geo.cidx(ent.region[emp])
    hosp = geo.pick_hospital(rng, ecounty, (0.5, 0.3, 0.05, 0.15))
    los = np.where(serious, rng.integers(14, 70, n) * 86400,
                   np.where(rng.random(n) < 0.45, rng.integers(2, 8, n) * 3600,
                            rng.integers(1, 14, n) * 86400))
    disp = np.where(serious & (rng.random(n) < 0.3), "transferred", "discharged").astype(object)
    pay = pick(rng, ["work_injury_insurance", "employee_insurance", "self_pay", "commercial",
                     None], n, [0.45, 0.2, 0.2, 0.05, 0.1])
    empname = np.where(rng.random(n) < 0.45, ent.name[emp], NONE)
    m = med
    med_frame(ctx, person[m], hosp[m], admit_seconds(rng, day[m]), los[m], diag[m], ext[m],
              disp[m], pay[m], empname[m], "bg_work_injury", ident=ident[m])
    # claims for 88 %
    c = rng.random(n) < 0.88
    out = np.where(serious, pick(rng, ["disability_1", "disability_2", "disability_3",
                                       "disability_4", "disability_5", "disability_6"], n,
                                 [0.05, 0.08, 0.12, 0.25, 0.25, 0.25]),
                   pick(rng, ["injury", "disability_10", "disability_9", "disability_8",
                              "disability_7", "rejected", "pending"], n,
                        [0.22, 0.24, 0.18, 0.12, 0.07, 0.09, 0.08]))
    _claims(ctx, person[c], ident[c], emp[c], day[c], out[c], text[c], "bg_work_injury",
            lag_lo=3, lag_hi=30, late_share=0.25)
    ctx.note("work_injuries", n)


# ------------------------------------------------------------------ employment spells
def employment(ctx: Ctx) -> None:
    rng, ent, w = ctx.rng, ctx.ent, ctx.workers
    n = w.n
    # main spells
    frames = [_spell_frame(ctx, w.person, w.ident, w.employer, w.start, w.end, "emp_main")]
    # earlier spells with other employers
    k = rng.choice(4, size=n, p=[0.55, 0.28, 0.12, 0.05])
    rep = np.repeat(np.arange(n), k)
    m = rep.size
    dur = (np.clip(rng.lognormal(np.log(700), 0.9, m), 60, 4000)).astype(np.int64)
    gap = rng.integers(0, 200, m)
    step = dur + gap
    # spell j of worker i ends before the start of spell j-1 (j = 0 is the main spell)
    csum = np.cumsum(step)
    kk = k[k > 0]
    first = np.concatenate([[0], np.cumsum(kk)[:-1]]).astype(np.int64)
    offset = np.repeat(csum[first] - step[first], kk)
    back = csum - offset
    end = w.start[rep] - back + dur - 1
    start = end - dur + 1
    birth = ctx.people.col("birth")[w.person[rep]]
    ok = (start > birth + 16 * 365) & (start > 9862)  # adult, and not before 1997
    emp = rng.choice(ent.n, size=m, p=ent.size_w / ent.size_w.sum())
    rep, start, end, emp = rep[ok], start[ok], end[ok], emp[ok]
    frames.append(_spell_frame(ctx, w.person[rep], w.person[rep], emp, start, end, "emp_past"))
    # retired miners
    assert ctx.retired_miners is not None
    pperson, pemp, pbirth = ctx.retired_miners
    ps = pbirth + (rng.uniform(20, 30, pperson.size) * 365.25).astype(np.int64)
    pe = np.minimum(ps + (rng.uniform(10, 28, pperson.size) * 365.25).astype(np.int64),
                    D_START - 400)
    ps = np.minimum(ps, pe - 365)
    frames.append(_spell_frame(ctx, pperson, pperson, pemp, ps, pe, "emp_retired_miner"))
    df = pl.concat(frames)
    # re-entered duplicates
    dup = df.filter(pl.Series(rng.random(df.height) < 0.004))
    ctx.sink.add_frame("employment", pl.concat([df, dup.with_columns(pl.lit("emp_dup")
                                                                      .alias("tag"))]))


def _spell_frame(ctx: Ctx, person: IntArr, ident: IntArr, emp: IntArr, start: IntArr,
                 end: IntArr, tag: str) -> pl.DataFrame:
    rng, ent = ctx.rng, ctx.ent
    n = person.size
    reg = ent.registered[emp]
    u = rng.random(n)
    uscc = np.where((u < 0.96) & (reg | (u < 0.4)), ent.uscc[emp], NONE).astype(object)
    typo = (u >= 0.96) & (u < 0.97) & reg
    if typo.any():
        chars = np.array(list("0123456789ABCDEFGHJKLMNPQRTUWXY"))
        src = ent.uscc[emp[typo]]
        pos = rng.integers(2, 17, int(typo.sum()))
        new = chars[rng.integers(0, chars.size, int(typo.sum()))]
        uscc[typo] = [s[:p] + (c if c != s[p] else ("1" if s[p] != "1" else "2")) + s[p + 1:]
                      for s, p, c in zip(src, pos, new, strict=True)]
    names = short_names(ent.name[emp], rng.random(n), 0.03)
    industry = np.where(rng.random(n) < 0.95, ent.industry[emp], NONE).astype(object)
    return pl.DataFrame([
        pl.Series("person", person), pl.Series("ident", ident),
        pl.Series("tag", [tag] * n, dtype=pl.String), str_col("employer_name", names),
        str_col("employer_uscc", uscc), str_col("industry", industry),
        date_col("start_date", start), date_col("end_date", np.maximum(end, start), end >= 0)])


__all__ = ["employment", "living_encounters", "natural_deaths", "nonocc_deaths",
           "work_injuries", "years_of"]
