"""The province's ordinary deaths and injuries — the haystack: natural deaths at 8.4 per mille,
road deaths, falls at home, coal-stove poisonings and drownings, the workforce's own deaths,
work-injury claims that need no accident report, and hospital injury encounters."""

from __future__ import annotations

import numpy as np

from . import geo as G
from .core import (
    BG_START,
    EXPORT,
    MINOR_WORK_TEXT,
    NATURAL_CERT_CAUSES_OLD,
    NATURAL_CERT_CAUSES_YOUNG,
    NATURAL_DEREG_CAUSES,
    SUDDEN_CAUSES,
    TRAFFIC_EXT,
    Y2022,
    age_at,
    pick,
    pick_by,
)
from .people import births_for_ages
from .world import CREMATION_RATE, Ctx

YEARS_BG = (EXPORT - BG_START + 1) / 365.2425
YEARS_MED = (EXPORT - Y2022 + 1) / 365.2425
_MONTH_W = np.array([1.22, 1.12, 1.04, 0.97, 0.93, 0.88, 0.88, 0.88, 0.9, 0.97, 1.05, 1.18])
_CO_W = np.array([3.0, 2.5, 1.0, 0.3, 0.05, 0.02, 0.02, 0.02, 0.05, 0.4, 1.8, 3.0])
_DROWN_W = np.array([0.1, 0.1, 0.2, 0.5, 1.2, 2.5, 3.5, 3.0, 1.0, 0.3, 0.1, 0.1])

# (diagnoses, external causes) of injuries that were not at work
INJ: dict[str, tuple[list[str], list[str]]] = {
    "fall_home": (["S72.0", "S52.5", "S42.2", "S06.0", "S32.0", "S22.4", "S72.1"],
                  ["W01.0", "W06.0", "W10.0", "W18.0", "W19.0"]),
    "fall_street": (["S52.5", "S82.2", "S42.2", "S06.0", "S93.4"],
                    ["W00.4", "W01.4", "W10.4", "W19.4"]),
    "traffic": (["S06.0", "S06.5", "S82.2", "S72.3", "S22.4", "S27.3", "S36.1", "T07"], TRAFFIC_EXT),
    "struck": (["S61.0", "S01.8", "S62.6", "S68.1", "S60.2"],
               ["W26.0", "W20.0", "W22.0", "W25.0", "W27.0"]),
    "sports": (["S83.5", "S93.4", "S52.5", "S42.0"], ["W03.3", "W21.3", "W51.3", "W01.3"]),
    "assault": (["S01.8", "S06.0", "S02.2", "S22.4"], ["Y04.9", "X99.9"]),
    "burn": (["T23.2", "T24.2", "T22.2", "T30.0"], ["X12.0", "X11.0", "X10.0", "X15.0"]),
    "co": (["T58"], ["X47.0"]),
    "dog": (["S81.8", "S61.8", "T14.1"], ["W54.0", "W54.4"]),
    "other": (["T14.9", "S09.9"], ["X59.9", "W49.9"]),
    "drown": (["T75.1"], ["W69.9", "W74.9"]),
    "fall_old": (["S72.0", "S06.5", "S06.6", "S32.0", "T07", "S72.1"],
                 ["W01.0", "W10.0", "W19.0", "W06.0", "W18.0"]),
}
# work injuries of background claims: category of the free text → (diagnoses, external causes)
WORK_INJ: dict[str, tuple[list[str], list[str]]] = {
    "sprain": (["S33.5", "S39.0"], ["X50.6"]),
    "hand": (["S62.6", "S68.1", "S61.0"], ["W23.6", "W31.6", "W27.6"]),
    "fall": (["S82.2", "S52.5", "S93.4"], ["W01.6", "W10.6"]),
    "cut": (["S61.0", "S61.8"], ["W26.6", "W25.6"]),
    "eye": (["S05.0", "T15.0"], ["W44.6"]),
    "commute": (["S82.2", "S52.5", "S06.0", "S42.2"], ["V28.4", "V23.4", "V03.1"]),
    "foot": (["S92.3", "S90.3"], ["W20.6"]),
}
_WORK_TEXT_CAT = ["sprain", "hand", "fall", "cut", "eye", "commute", "commute", "foot", "hand"]


def season_days(rng: np.random.Generator, n: int, lo: int, hi: int, w12: np.ndarray) -> np.ndarray:
    days = np.arange(lo, hi + 1)
    months = days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64) % 12
    p = w12[months]
    return rng.choice(days, n, p=p / p.sum()).astype(np.int64)


def _cert_origin_place(ctx: Ctx, counties: np.ndarray, kind: str) -> np.ndarray:
    rng = ctx.rng
    out = np.empty(len(counties), dtype=object)
    for i, c in enumerate(counties):
        cc = c if c.startswith("14") else "140105"
        t = G.town(ctx.geo, rng, cc)
        if kind == "road":
            out[i] = f"{t}{pick(rng, ['G208', 'G307', 'S226', 'S248', '县道', 'G209', 'S331'])}路段"
        elif kind == "water":
            out[i] = f"{t}{pick(rng, ['汾河', '水库', '河道', '鱼塘', '沁河'])}"
        else:
            out[i] = f"{t}{G.village(rng)}"
    return out


def death_records(ctx: Ctx, persons: np.ndarray, death: np.ndarray, sub: np.ndarray,
                  site: np.ndarray | None = None, retired: np.ndarray | None = None) -> None:
    """Deregistration, cremation and (for injuries that reached a hospital) the hospital record
    of background deaths. ``sub``: natural / sudden_work / traffic / commute / fall / co / drown /
    other."""
    rng = ctx.rng
    n = len(persons)
    if n == 0:
        return
    _s, births, hukous = ctx.people.arrays()
    hukou = hukous[persons]
    birth = births[persons]
    age = age_at(birth, death)
    shanxi = np.array([h.startswith("14") for h in hukou])
    if site is None:
        site = hukou.copy()
        w = np.array(ctx.geo.weights)
        out = ~shanxi
        site[out] = np.array(ctx.geo.codes, dtype=object)[rng.choice(len(w), int(out.sum()),
                                                                     p=w / w.sum())]
    hosp_p = {"natural": 0.45, "sudden_work": 0.5, "traffic": 0.45, "commute": 0.45,
              "fall": 0.55, "co": 0.3, "drown": 0.08, "other": 0.4}
    in_hosp = rng.random(n) < np.array([hosp_p[s] for s in sub])
    natural = np.isin(sub, ["natural", "sudden_work"])

    # ---- deregistration (household registration in Shanxi only)
    p_dereg = np.where(age >= 85, 0.8, 0.88)
    has = shanxi & (rng.random(n) < p_dereg)
    lag = np.ceil(rng.lognormal(np.log(16), 1.0, n)).astype(np.int64)
    late = rng.random(n) < 0.04
    lag[late] = rng.integers(150, 700, int(late.sum()))
    dereg_on = death + lag
    ok = has & (dereg_on >= Y2022) & (dereg_on <= EXPORT)
    cause = np.empty(n, dtype=object)
    cause[natural] = pick(rng, *NATURAL_DEREG_CAUSES, size=int(natural.sum()))
    cause[natural & (rng.random(n) < 0.42)] = None
    sw = sub == "sudden_work"
    cause[sw] = pick(rng, ["猝死", "病故", None, "突发疾病"], [3, 3, 4, 1], size=int(sw.sum()))
    tr = np.isin(sub, ["traffic", "commute"])
    cause[tr] = pick(rng, ["交通事故", "意外", None, "车祸"], [45, 15, 36, 4], size=int(tr.sum()))
    acc = np.isin(sub, ["fall", "drown", "other"])
    cause[acc] = pick(rng, ["意外", None, "意外死亡", "摔伤"], [45, 42, 10, 3], size=int(acc.sum()))
    co = sub == "co"
    cause[co] = pick(rng, ["煤气中毒", "意外", None], [25, 35, 40], size=int(co.sum()))
    reason = np.where(natural & (rng.random(n) < 0.0005), "declared_dead", "death").astype(object)
    d_death = np.where(reason == "declared_dead", -1, death)
    i = np.flatnonzero(ok)
    ctx.traces.add("deregistrations", person=persons[i], death=d_death[i], dereg_on=dereg_on[i],
                   reason=reason[i], cause=cause[i])
    dup = i[rng.random(len(i)) < 0.003]  # two police stations cancelled the same person
    on2 = dereg_on[dup] + rng.integers(0, 40, len(dup))
    dup, on2 = dup[on2 <= EXPORT], on2[on2 <= EXPORT]
    if len(dup):
        ctx.traces.add("deregistrations", person=persons[dup], death=d_death[dup], dereg_on=on2,
                       reason=reason[dup], cause=cause[dup], q=2.0)

    # ---- cremation
    rate = np.array([CREMATION_RATE[s[:4]] for s in site]) + np.where(natural, 0.0, 0.1)
    crem = (rng.random(n) < rate) & (reason == "death")
    lag = pick(rng, [0, 1, 2, 3, 4, 5, 6, 7, 10, 15], [3, 10, 22, 40, 10, 6, 3, 2, 2, 2], size=n)
    lag = lag.astype(np.int64)
    police = np.isin(sub, ["traffic", "commute", "drown", "other"]) & (rng.random(n) < 0.5)
    lag[police] += rng.integers(1, 4, int(police.sum()))
    crem_on = death + lag
    fh = ctx.funeral_near_many(site)
    far = rng.random(n) < 0.07  # the family lives in another city (Taiyuan above all)
    for j in np.flatnonzero(far):
        fh[j] = ctx._fh_city["1401"] if rng.random() < 0.5 else ctx.funeral_far({site[j][:4]})
    issuer = np.empty(n, dtype=object)
    issuer[in_hosp] = np.where(rng.random(int(in_hosp.sum())) < 0.95, "hospital", "other")
    home_nat = ~in_hosp & natural
    issuer[home_nat] = pick(rng, ["community", "other", "police", None], [85, 8, 4, 3],
                            size=int(home_nat.sum()))
    scene = ~in_hosp & ~natural
    issuer[scene] = pick(rng, ["police", "community", "other", None], [80, 10, 5, 5],
                         size=int(scene.sum()))
    ccause = np.empty(n, dtype=object)
    old = age >= 60
    nat_old, nat_young = natural & old, natural & ~old
    ccause[nat_old] = pick(rng, NATURAL_CERT_CAUSES_OLD, size=int(nat_old.sum()))
    ccause[nat_young] = pick(rng, NATURAL_CERT_CAUSES_YOUNG, size=int(nat_young.sum()))
    ccause[sw] = pick(rng, SUDDEN_CAUSES, size=int(sw.sum()))
    if retired is not None:
        r = retired & (rng.random(n) < 0.35)
        ccause[r] = pick(rng, ["尘肺病", "煤工尘肺", "肺心病", "尘肺合并肺部感染"], size=int(r.sum()))
    ccause[tr] = pick(rng, ["颅脑损伤", "多发伤", "交通事故", "重型颅脑损伤"], size=int(tr.sum()))
    fall = sub == "fall"
    ccause[fall] = pick(rng, ["颅脑损伤", "股骨颈骨折", "摔伤", "跌倒致颅脑损伤", "多器官功能衰竭"],
                        size=int(fall.sum()))
    ccause[co] = pick(rng, ["一氧化碳中毒", "煤气中毒"], size=int(co.sum()))
    ccause[sub == "drown"] = "溺水"
    ccause[sub == "other"] = pick(rng, ["意外", "多发伤", "窒息"], size=int((sub == "other").sum()))
    ccause[rng.random(n) < 0.08] = None
    origin = np.empty(n, dtype=object)
    hosp = ctx.hospitals_for(site, serious=1.0)
    for j in np.flatnonzero(in_hosp):
        origin[j] = ctx.hospital_label(int(hosp[j]))
    home = ~in_hosp & (natural | np.isin(sub, ["fall", "co"]))
    origin[home] = pick(rng, ["家中", None], [85, 15], size=int(home.sum()))
    road = ~in_hosp & tr
    origin[road] = _cert_origin_place(ctx, site[road], "road")
    water = ~in_hosp & (sub == "drown")
    origin[water] = _cert_origin_place(ctx, site[water], "water")
    rest = ~in_hosp & (sub == "other")
    origin[rest] = _cert_origin_place(ctx, site[rest], "place")
    i = np.flatnonzero(crem & (crem_on >= Y2022) & (crem_on <= EXPORT))
    ctx.traces.add("cremations", person=persons[i], death=death[i], crem_on=crem_on[i], fh=fh[i],
                   cause=ccause[i], issuer=issuer[i], origin=origin[i])

    # ---- hospital record of an injury death
    med = in_hosp & ~natural
    key = np.where(np.isin(sub, ["traffic", "commute"]), "traffic",
                   np.where(sub == "fall", "fall_old", sub)).astype(object)
    los = np.where(sub == "fall", rng.integers(0, 40, n), rng.integers(0, 8, n))
    los[rng.random(n) < 0.45] = 0
    end_min = death * 1440 + rng.integers(0, 1440, n)
    adm = end_min - los * 1440 - rng.integers(30, 600, n)
    diag = pick_by(rng, {k: v[0] for k, v in INJ.items()}, key)
    ext = pick_by(rng, {k: v[1] for k, v in INJ.items()}, key)
    ext[rng.random(n) < 0.15] = None
    payer = pick(rng, ["resident_insurance", "employee_insurance", "self_pay", "commercial", None],
                 [50, 15, 20, 10, 5], size=n)
    i = np.flatnonzero(med & (adm >= Y2022 * 1440) & (adm <= EXPORT * 1440))
    ctx.traces.add("medical_records", person=persons[i], hosp=hosp[i], adm=adm[i], dis=end_min[i],
                   diag=diag[i], ext=ext[i], disp="died", payer=payer[i], firm=-1)


# ------------------------------------------------------------------------- populations

def natural_deaths(ctx: Ctx, worker_deaths: int) -> None:
    rng = ctx.rng
    total = int(rng.poisson(280_000 * ctx.scale * YEARS_BG))
    n = max(0, total - worker_deaths)
    lo = np.array([0, 1, 15, 45, 60, 70, 80, 90])
    hi = np.array([1, 15, 45, 60, 70, 80, 90, 101])
    w = np.array([0.6, 0.5, 5.5, 14, 19, 27, 25, 8.4])
    male_p = np.array([0.55, 0.58, 0.68, 0.66, 0.62, 0.56, 0.48, 0.4])
    b = rng.choice(len(w), n, p=w / w.sum())
    ages = lo[b] + rng.random(n) * (hi[b] - lo[b])
    sex = (rng.random(n) > male_p[b]).astype(np.int8)
    death = season_days(rng, n, BG_START, EXPORT, _MONTH_W)
    births = (death - np.round(ages * 365.2425)).astype(np.int64)
    gw = np.array(ctx.geo.weights)
    hukou = np.array(ctx.geo.codes, dtype=object)[rng.choice(len(gw), n, p=gw / gw.sum())]
    mig = rng.random(n) < 0.012
    mc = np.array([c for c, _ in G.MIGRANT_COUNTIES], dtype=object)
    hukou[mig] = mc[rng.integers(0, len(mc), int(mig.sum()))]
    persons = ctx.people.add(sex, births, hukou)
    # retired miners: an old enrolment spell at a mine, long closed
    coal_city = np.array([h[:4] in ("1402", "1403", "1404", "1405", "1406", "1407", "1409",
                                    "1410", "1411") for h in hukou])
    retired = (sex == 0) & (ages >= 60) & coal_city & (rng.random(n) < 0.12)
    mines = [i for i, f in enumerate(ctx.firms) if f.kind in ("state_mine", "private_mine")]
    by_city: dict[str, list[int]] = {}
    for i in mines:
        by_city.setdefault(ctx.firms[i].region[:4], []).append(i)
    ri = np.flatnonzero(retired)
    if len(ri) and mines:
        start = births[ri] + rng.integers(18 * 365, 28 * 365, len(ri))
        end = np.minimum(births[ri] + 60 * 365 + rng.integers(-1500, 60, len(ri)), 18900)
        ok = (end > start) & (end >= 8036)  # enrolment records begin in 1992
        start = np.maximum(start, 8036)
        ri, start, end = ri[ok], start[ok], end[ok]
        mine = np.empty(len(ri), dtype=np.int64)
        for j, h in enumerate(hukou[ri]):  # a mine of the city they live in
            pool = by_city.get(h[:4]) or mines
            mine[j] = pool[int(rng.integers(0, len(pool)))]
        ctx.traces.add("employment", person=persons[ri], firm=mine, start=start, end=end)
    ctx.died(persons, "natural")
    death_records(ctx, persons, death, np.full(n, "natural", dtype=object), retired=retired)


def injury_deaths(ctx: Ctx) -> None:
    """Deaths from injuries away from work: the hard negatives with trauma."""
    rng = ctx.rng
    per_year = {"traffic": 2800, "fall": 3200, "co": 250, "drown": 500, "other": 800}
    season = {"traffic": np.ones(12), "fall": _MONTH_W, "co": _CO_W, "drown": _DROWN_W,
              "other": np.ones(12)}
    age_mu = {"traffic": (48, 17), "fall": (82, 8), "co": (55, 20), "drown": (28, 18),
              "other": (50, 18)}
    gw = np.array(ctx.geo.weights)
    for sub, rate in per_year.items():
        n = int(rng.poisson(rate * ctx.scale * YEARS_BG))
        if n == 0:
            continue
        mu, sd = age_mu[sub]
        ages = np.clip(rng.normal(mu, sd, n), 3 if sub != "fall" else 62, 99)
        male = {"traffic": 0.72, "fall": 0.45, "co": 0.55, "drown": 0.7, "other": 0.65}[sub]
        sex = (rng.random(n) > male).astype(np.int8)
        death = season_days(rng, n, BG_START, EXPORT, season[sub])
        births = (death - np.round(ages * 365.2425)).astype(np.int64)
        hukou = np.array(ctx.geo.codes, dtype=object)[rng.choice(len(gw), n, p=gw / gw.sum())]
        persons = ctx.people.add(sex, births, hukou)
        ctx.died(persons, "non_occupational")
        site = hukou.copy()
        away = rng.random(n) < (0.3 if sub == "traffic" else 0.05)
        site[away] = np.array(ctx.geo.codes, dtype=object)[rng.choice(len(gw), int(away.sum()),
                                                                      p=gw / gw.sum())]
        death_records(ctx, persons, death, np.full(n, sub, dtype=object), site=site)


def close_spells(ctx: Ctx, rows: np.ndarray, death: np.ndarray, backdate: float = 0.0) -> None:
    """The employer stops paying after a death: most spells end near the day, some stay open;
    a concealing employer may end it before the day."""
    rng = ctx.rng
    W = ctx.work
    r = rng.random(len(rows))
    sp = W.current_spell[rows]
    end = np.where(r < backdate, death - rng.integers(1, 25, len(rows)),
                   np.where(r < backdate + (1 - backdate) * 0.65,
                            death + rng.integers(0, 45, len(rows)), -1))
    end = np.where((end >= 0) & (end < W.spell_start[sp]), W.spell_start[sp], end)
    W.spell_end[sp] = end


def worker_deaths(ctx: Ctx) -> int:
    """The insured workers' own deaths: illness (some at their post), roads (some commuting)."""
    rng = ctx.rng
    W = ctx.work
    alive = np.flatnonzero(W.alive)
    sexes, births, _h = ctx.people.arrays()
    birth = births[W.person[alive]]
    sex = sexes[W.person[alive]]
    age = age_at(birth, 19350)
    rate = np.select([age < 30, age < 40, age < 50], [0.6e-3, 1.2e-3, 2.8e-3], 6e-3)
    rate = rate * np.where(sex == 0, 1.35, 0.75) * YEARS_BG
    dead = alive[rng.random(len(alive)) < rate]
    n = len(dead)
    W.alive[dead] = False
    death = season_days(rng, n, BG_START, EXPORT, _MONTH_W)
    start = W.spell_start[W.current_spell[dead]]
    early = death < start + 30  # died after enrolling: draw the day again within the spell
    lo = np.maximum(start[early] + 30, BG_START)
    death[early] = np.minimum(lo + (rng.random(int(early.sum())) * (EXPORT - lo + 1)).astype(np.int64),
                              EXPORT)
    sub = pick(rng, ["natural", "sudden_work", "traffic", "commute", "fall", "drown", "other", "co"],
               [80, 5, 6, 3, 1, 1, 2, 2], size=n)
    persons = W.person[dead]
    for cls, subs in (("natural", ["natural", "sudden_work"]),
                      ("non_occupational", ["traffic", "commute", "fall", "drown", "other", "co"])):
        m = np.isin(sub, subs)
        ctx.died(persons[m], cls)
    close_spells(ctx, dead, death)
    death_records(ctx, persons, death, sub)
    # work-injury claims: sudden illness at the post (counted as work death by Art. 15) and
    # road deaths on the way to or from work — recognised, and no production-safety accident
    for kind, p, texts in (("sudden_work", 0.75, ["工作时间在工作岗位突发疾病经抢救无效死亡",
                                                   "在岗位上突发疾病，48小时内经抢救无效死亡",
                                                   "作业中突感不适，送医后抢救无效死亡"]),
                           ("commute", 0.8, ["上班途中驾驶电动车与货车相撞死亡",
                                             "下班途中发生非本人主要责任交通事故死亡",
                                             "上班途中骑摩托车被小轿车撞伤，经抢救无效死亡"])):
        sel = np.flatnonzero((sub == kind) & (rng.random(n) < p))
        if not len(sel):
            continue
        applied = death[sel] + rng.integers(7, 60, len(sel))
        decided = applied + rng.integers(20, 70, len(sel))
        outcome = pick(rng, ["death", "rejected"], [85, 15] if kind == "commute" else [75, 25],
                       size=len(sel))
        outcome = np.where(decided > EXPORT, "pending", outcome).astype(object)
        decided = np.where(decided > EXPORT, -1, decided)
        firms = W.firm[dead[sel]]
        region = np.array([_insuring_region(ctx, int(f)) for f in firms], dtype=object)
        keep = (applied >= Y2022) & (applied <= EXPORT)
        ctx.traces.add("injury_claims", person=persons[sel][keep], firm=firms[keep], inj=death[sel][keep],
                       applied=applied[keep], decided=decided[keep], outcome=outcome[keep],
                       desc=pick(rng, texts, size=int(keep.sum())), region=region[keep])
    return n


def _insuring_region(ctx: Ctx, firm: int) -> str:
    f = ctx.firms[firm]
    if ctx.rng.random() < 0.85:
        return f.region
    for c, _n, _p, main in G.CITIES:
        if c == f.region[:4]:
            return main
    return f.region


def work_claims(ctx: Ctx) -> None:
    """Tens of thousands of recognitions a year: sprains, crushed fingers, commuting falls."""
    rng = ctx.rng
    W = ctx.work
    n = int(rng.poisson(30_000 * ctx.scale * YEARS_MED))
    alive = np.flatnonzero(W.alive)
    rows = alive[rng.integers(0, len(alive), n)]
    persons = W.person[rows]
    firms = W.firm[rows]
    inj = rng.integers(BG_START - 60, EXPORT - 10, n)
    inj = np.maximum(inj, W.spell_start[W.current_spell[rows]] + rng.integers(5, 60, n))
    fam = rng.random(n) < 0.28
    applied = inj + np.where(fam, rng.integers(31, 360, n), rng.integers(3, 31, n))
    outcomes = ["injury", "disability_10", "disability_9", "disability_8", "disability_7",
                "disability_6", "disability_5", "disability_4", "disability_3", "disability_2",
                "disability_1", "rejected", "pending"]
    ow = [30, 18, 12, 8, 5, 3, 2, 0.8, 0.5, 0.3, 0.2, 8, 5]
    outcome = pick(rng, outcomes, ow, size=n)
    disab = np.array([o.startswith("disability") for o in outcome])
    decided = applied + rng.integers(15, 75, n) + np.where(disab, rng.integers(40, 180, n), 0)
    pend = (outcome == "pending") | (decided > EXPORT)
    outcome = np.where(pend, "pending", outcome).astype(object)
    decided = np.where(pend, -1, decided)
    ti = rng.integers(0, len(MINOR_WORK_TEXT), n)
    desc = np.array(MINOR_WORK_TEXT, dtype=object)[ti]
    cat = np.array(_WORK_TEXT_CAT, dtype=object)[ti]
    serious = np.isin(outcome, ["disability_1", "disability_2", "disability_3", "disability_4"])
    desc[serious] = pick(rng, ["操作设备时被机器绞伤右臂", "高处作业时坠落致腰椎骨折",
                               "被坠物砸伤头部", "作业时被挤压致骨盆骨折"], size=int(serious.sum()))
    cat[serious] = "fall"
    desc[rng.random(n) < 0.1] = None
    region = np.array([_insuring_region(ctx, int(f)) for f in firms], dtype=object)
    keep = (applied >= Y2022) & (applied <= EXPORT)
    k = np.flatnonzero(keep)
    ctx.traces.add("injury_claims", person=persons[k], firm=firms[k], inj=inj[k], applied=applied[k],
                   decided=decided[k], outcome=outcome[k], desc=desc[k], region=region[k])
    # the hospital stays behind the claims
    med = np.flatnonzero(rng.random(n) < 0.8)
    sites = np.array([ctx.firms[int(f)].region for f in firms[med]], dtype=object)
    hosp = ctx.hospitals_for(sites, serious=float(serious.mean()) if n else 0.0)
    adm = (inj[med] + rng.integers(0, 2, len(med))) * 1440 + rng.integers(0, 1440, len(med))
    sev = outcome[med]
    los = np.where(np.isin(sev, ["disability_1", "disability_2", "disability_3", "disability_4"]),
                   rng.integers(20, 120, len(med)),
                   np.where(np.isin(sev, ["disability_5", "disability_6"]), rng.integers(10, 40, len(med)),
                            np.where(sev == "injury", rng.integers(0, 6, len(med)),
                                     rng.integers(3, 21, len(med)))))
    dis = adm + los * 1440 + rng.integers(0, 600, len(med))
    c = cat[med]
    diag = pick_by(rng, {k: v[0] for k, v in WORK_INJ.items()}, c)
    ext = pick_by(rng, {k: v[1] for k, v in WORK_INJ.items()}, c)
    noplace = rng.random(len(med)) < 0.25
    ext[noplace] = np.array([e[:3] for e in ext[noplace]], dtype=object)
    ext[rng.random(len(med)) < 0.1] = None
    payer = pick(rng, ["work_injury_insurance", "employee_insurance", "self_pay", "other"],
                 [45, 30, 20, 5], size=len(med))
    shown = np.where(rng.random(len(med)) < 0.4, firms[med], -1)
    ok = (adm >= Y2022 * 1440) & (adm <= EXPORT * 1440)
    ctx.traces.add("medical_records", person=persons[med][ok], hosp=hosp[ok], adm=adm[ok],
                   dis=np.where(dis > EXPORT * 1440, -1, dis)[ok], diag=diag[ok], ext=ext[ok],
                   disp="discharged", payer=payer[ok], firm=shown[ok])


def background_medical(ctx: Ctx) -> None:
    """Injury encounters of everyone (and of off-duty workers): falls, roads, cuts, burns."""
    rng = ctx.rng
    total = int(rng.poisson(350_000 * ctx.scale * YEARS_MED))
    n_workers = int(total * 0.12)
    n = total - n_workers
    types = ["fall_home", "fall_street", "traffic", "struck", "sports", "assault", "burn", "co",
             "dog", "other"]
    tw = [20, 15, 30, 15, 5, 5, 3, 2, 3, 2]
    kind = pick(rng, types, tw, size=n)
    age_rng = {"fall_home": (60, 95), "fall_street": (20, 85), "traffic": (15, 80),
               "struck": (15, 70), "sports": (10, 45), "assault": (18, 55), "burn": (1, 80),
               "co": (10, 90), "dog": (5, 80), "other": (5, 85)}
    lo = np.array([age_rng[k][0] for k in kind])
    hi = np.array([age_rng[k][1] for k in kind])
    ages = lo + rng.random(n) * (hi - lo)
    kids = (kind == "fall_home") & (rng.random(n) < 0.3)
    ages[kids] = rng.random(int(kids.sum())) * 9 + 1
    sex = (rng.random(n) < np.where(kind == "fall_home", 0.6, 0.38)).astype(np.int8)
    gw = np.array(ctx.geo.weights)
    hukou = np.array(ctx.geo.codes, dtype=object)[rng.choice(len(gw), n, p=gw / gw.sum())]
    mig = rng.random(n) < 0.02
    mc = np.array([c for c, _ in G.MIGRANT_COUNTIES], dtype=object)
    hukou[mig] = mc[rng.integers(0, len(mc), int(mig.sum()))]
    births = births_for_ages(rng, ages)
    persons = ctx.people.add(sex, births, hukou)
    _encounters(ctx, persons, kind, hukou, np.full(n, -1, dtype=np.int64))
    # workers hurt off duty: the employer is sometimes written down anyway
    W = ctx.work
    alive = np.flatnonzero(W.alive)
    rows = alive[rng.integers(0, len(alive), n_workers)]
    kind_w = pick(rng, ["fall_street", "traffic", "struck", "sports", "assault", "burn", "dog"],
                  [20, 40, 15, 10, 5, 5, 5], size=n_workers)
    shown = np.where(rng.random(n_workers) < 0.25, W.firm[rows], -1)
    sites = np.array([ctx.firms[int(f)].region for f in W.firm[rows]], dtype=object)
    _encounters(ctx, W.person[rows], kind_w, sites, shown, workers=True)


def _encounters(ctx: Ctx, persons: np.ndarray, kind: np.ndarray, where: np.ndarray,
                shown: np.ndarray, workers: bool = False) -> None:
    rng = ctx.rng
    n = len(persons)
    if n == 0:
        return
    adm = rng.integers(Y2022 * 1440, (EXPORT + 1) * 1440, n)
    away = rng.random(n) < 0.1
    where = where.copy()
    gw = np.array(ctx.geo.weights)
    where[away] = np.array(ctx.geo.codes, dtype=object)[rng.choice(len(gw), int(away.sum()),
                                                                   p=gw / gw.sum())]
    hosp = ctx.hospitals_for(where, serious=0.2)
    er = rng.random(n) < 0.4
    los = np.where(er, 0, np.clip(np.round(rng.lognormal(np.log(8), 0.7, n)), 1, 60)).astype(np.int64)
    dis = adm + los * 1440 + rng.integers(60, 600, n)
    diag = pick_by(rng, {k: v[0] for k, v in INJ.items()}, kind)
    ext = pick_by(rng, {k: v[1] for k, v in INJ.items()}, kind)
    noplace = rng.random(n) < 0.15
    ext[noplace] = np.array([e[:3] for e in ext[noplace]], dtype=object)
    ext[rng.random(n) < 0.2] = None
    disp = pick(rng, ["discharged", "transferred", "left_against_advice"], [935, 40, 25], size=n)
    if workers:
        payer = pick(rng, ["employee_insurance", "self_pay", "commercial", "other", None],
                     [70, 12, 8, 4, 6], size=n)
    else:
        payer = pick(rng, ["resident_insurance", "employee_insurance", "self_pay", "commercial",
                           "other", None], [48, 18, 18, 6, 4, 6], size=n)
    traffic = kind == "traffic"
    ins = traffic & (rng.random(n) < 0.2)
    payer[ins] = "commercial"
    dis_out = np.where(dis > EXPORT * 1440, -1, dis)
    ctx.traces.add("medical_records", person=persons, hosp=hosp, adm=adm, dis=dis_out, diag=diag,
                   ext=ext, disp=disp, payer=payer, firm=shown)
    # the transferred ones arrive at a bigger hospital the same day
    t = np.flatnonzero(disp == "transferred")
    if len(t):
        up = np.array([ctx.upper_hospital(int(h)) for h in hosp[t]], dtype=np.int64)
        adm2 = dis[t] + rng.integers(60, 300, len(t))
        los2 = rng.integers(2, 30, len(t))
        dis2 = adm2 + los2 * 1440
        ok = adm2 <= EXPORT * 1440
        ctx.traces.add("medical_records", person=persons[t][ok], hosp=up[ok], adm=adm2[ok],
                       dis=np.where(dis2 > EXPORT * 1440, -1, dis2)[ok], diag=diag[t][ok],
                       ext=ext[t][ok], disp="discharged", payer=payer[t][ok], firm=shown[t][ok])
    # a few come back
    again = np.flatnonzero((rng.random(n) < 0.03) & (dis + 30 * 1440 < EXPORT * 1440))
    if len(again):
        adm3 = dis[again] + rng.integers(10, 90, len(again)) * 1440
        ok = adm3 <= EXPORT * 1440
        ctx.traces.add("medical_records", person=persons[again][ok], hosp=hosp[again][ok],
                       adm=adm3[ok], dis=np.where(adm3 + 5 * 1440 > EXPORT * 1440, -1,
                                                  adm3 + rng.integers(1, 10, len(again)) * 1440)[ok],
                       diag=diag[again][ok], ext=ext[again][ok], disp="discharged",
                       payer=payer[again][ok], firm=shown[again][ok])
