"""Deaths that are not production-safety accidents: illness and old age (the large majority),
and external causes of non-workers or outside work (road traffic, falls at home, drowning,
suicide, charcoal-stove CO and wild-mushroom poisoning, snake bites in plantations, farm
injuries), including clusters that look like incidents: the January 2024 landslide in Zhenxiong,
family car crashes, mushroom-poisoned families, children drowned together, house fires. Some of
these people were enrolled with high-risk employers; some get work-injury death claims (sudden
illness at work, commuting crashes, occupational disease, snake bites while tapping rubber)."""

from __future__ import annotations

from typing import Any

import numpy as np

from . import geo, texts
from .people import birth_from_age, year_dates
from .world import World

AGE_BANDS = [(0, 4, 1.5), (5, 15, 0.5), (16, 29, 1.2), (30, 44, 3.3), (45, 54, 6), (55, 64, 10.5),
             (65, 74, 19), (75, 84, 29), (85, 100, 29)]
POLICE_KINDS = {"traffic", "drowning", "suicide", "assault", "landslide", "electro_home", "fire_home"}
MED_P = {"traffic": 0.45, "fall_home": 0.5, "fall_other": 0.4, "drowning": 0.12, "suicide": 0.3,
         "poison_home": 0.55, "snake": 0.6, "farm": 0.4, "assault": 0.45, "electro_home": 0.2,
         "fire_home": 0.3, "landslide": 0.05}
N_DEATHS_FULL = 330000


def _ages(rng: np.random.Generator, n: int) -> np.ndarray:
    p = np.array([b[2] for b in AGE_BANDS])
    band = rng.choice(len(AGE_BANDS), size=n, p=p / p.sum())
    lo = np.array([b[0] for b in AGE_BANDS])[band]
    hi = np.array([b[1] for b in AGE_BANDS])[band]
    return (lo + rng.random(n) * (hi - lo + 1)).astype(int)


def _weighted(rng: np.random.Generator, d: dict, n: int) -> np.ndarray:
    p = np.array(list(d.values()), dtype=float)
    return rng.choice(np.array(list(d), dtype=object), size=n, p=p / p.sum())


def _enrol(w: World, pids: np.ndarray, death: np.ndarray, p: np.ndarray,
           firm_choice: np.ndarray | None = None) -> np.ndarray:
    """Enrolment spells (ending at or after death, or left open) for a share of decedents;
    returns the firm of each (-1 when not enrolled)."""
    rng = w.rng
    n = len(pids)
    enrolled = rng.random(n) < p
    firm = np.full(n, -1, dtype=np.int64)
    k = int(enrolled.sum())
    if not k:
        return firm
    firm[enrolled] = w.employer_for_enrolment(k) if firm_choice is None else firm_choice[enrolled]
    back = np.minimum(8000, rng.exponential(1800, k)).astype(int) + 40
    start = death[enrolled] - back.astype("timedelta64[D]")
    close = rng.random(k) < 0.78
    end = np.where(close, death[enrolled] + rng.integers(0, 45, k).astype("timedelta64[D]"),
                   np.datetime64("NaT"))
    w.plans.add("employment", pid=pids[enrolled], firm=firm[enrolled], start=start, end=end)
    return firm


def natural_deaths(w: World) -> None:
    rng, P = w.rng, w.people
    n = round(N_DEATHS_FULL * w.scale * 0.915)
    age = _ages(rng, n)
    male = rng.random(n) < 0.56
    death = year_dates(rng, n, winter=0.25)
    home = geo.sample_counties(rng, n)
    migrant = (rng.random(n) < 0.015) & (age >= 20) & (age <= 62)
    origin = np.full(n, "yunnan", dtype=object)
    county = home.copy()
    if migrant.any():
        prov, reg = geo.sample_migrant_regions(rng, int(migrant.sum()))
        origin[migrant] = prov
        home[migrant] = reg
    pids = P.add(rng, male, birth_from_age(rng, age, death), home, origin)
    kind = np.array([geo.BY_CODE[c].kind for c in county.tolist()])
    in_hosp = rng.random(n) < np.select([kind == "city", kind == "county"], [0.55, 0.38], 0.22)
    hosp = geo.pick_hospitals(rng, county, 0.75, 0.22)
    cause = _weighted(rng, texts.NATURAL_CAUSES, n)
    dcause = rng.choice(np.array(["病故", None, "正常死亡"], dtype=object), size=n, p=[0.7, 0.25, 0.05])
    cert = np.where(in_hosp, "hospital", rng.choice(np.array(["community", "other", None], dtype=object),
                                                      size=n, p=[0.8, 0.14, 0.06]))
    origin_txt = np.where(in_hosp, geo.HOSP_NAME[hosp],
                          rng.choice(np.array(["家中", "家中", "家中", "养老院", None], dtype=object), size=n))
    # working-age decedents enrolled with an employer (miners dying of illness: hard negatives)
    working = (age >= 18) & (age <= 64)
    p_enrol = np.where(working, np.where(male, 0.22, 0.09), 0.0)
    firm = _enrol(w, pids, death, p_enrol)
    # sudden illness at work within 48 hours: recognised as a work death (视同工亡)
    sud = (firm >= 0) & (age >= 25) & (age <= 62) & (rng.random(n) < 0.05)
    cause = np.where(sud, rng.choice(np.array(["猝死", "心源性猝死", "心肌梗死", "脑出血"], dtype=object), size=n),
                     cause)
    in_hosp |= sud
    cert = np.where(sud, "hospital", cert)
    origin_txt = np.where(sud, geo.HOSP_NAME[hosp], origin_txt)
    for i in np.flatnonzero(sud).tolist():
        d = death[i]
        desc = f"{_cn(d)}在工作时间和工作岗位突发疾病，经抢救无效于48小时内死亡"
        out = str(rng.choice(["death", "death", "death", "death", "rejected"]))
        w.claim_row(int(pids[i]), int(firm[i]), d, out, desc, family=rng.random() < 0.6)
    # former miners dying of pneumoconiosis: occupational-disease death claims
    mining = np.isin(w.firms.industry[np.maximum(firm, 0)], ["coal_mining", "non_coal_mining",
                                                             "metallurgy"]) & (firm >= 0)
    dust = mining & male & (age >= 45) & (rng.random(n) < 0.12)
    cause = np.where(dust, rng.choice(np.array(["尘肺病", "矽肺", "肺心病"], dtype=object), size=n), cause)
    for i in np.flatnonzero(dust & (rng.random(n) < 0.6)).tolist():
        w.claim_row(int(pids[i]), int(firm[i]), death[i], "death",
                    "职业病（" + str(rng.choice(["矽肺", "煤工尘肺", "尘肺病"])) + "）死亡", family=True)
    w.death_records(pids, death, county, hosp, cause, dcause, cert, origin_txt)
    for p in pids.tolist():
        w.deaths.append({"pid": p, "cls": "natural", "iid": None})


def _cn(d) -> str:
    o = np.datetime64(d, "D").astype(object)
    return f"{o.year}年{o.month}月{o.day}日"


def external_deaths(w: World, n: int, kind: np.ndarray, death: np.ndarray, county: np.ndarray,
                    pids: np.ndarray, age: np.ndarray, crem_mult: float = 1.0,
                    med_mult: float = 1.0, hosp: np.ndarray | None = None) -> None:
    """Records of non-occupational external-cause deaths."""
    rng = w.rng
    med = rng.random(n) < np.array([MED_P[k] for k in kind]) * med_mult
    if hosp is None:
        hosp = geo.pick_hospitals(rng, county, 0.7, 0.27)
    cause = np.array([texts.pick(rng, texts.NONOCC[k][5]) for k in kind], dtype=object)
    dcause = np.array([_dereg_kind(k) for k in kind], dtype=object)
    dcause[rng.random(n) < 0.45] = None
    dcause[rng.random(n) < 0.4] = "意外"
    police = np.isin(kind, list(POLICE_KINDS))
    cert = np.where(med, np.where(police & (rng.random(n) < 0.4), "police", "hospital"),
                    np.where(police, "police", rng.choice(np.array(["community", "other", None], dtype=object),
                                                          size=n, p=[0.7, 0.2, 0.1])))
    otxt = np.empty(n, dtype=object)
    for i in range(n):
        k = kind[i]
        if med[i]:
            otxt[i] = geo.HOSP_NAME[hosp[i]]
        elif k == "traffic":
            otxt[i] = texts.road_point(rng)
        elif k == "drowning":
            otxt[i] = texts.pick(rng, texts.RIVERS) if rng.random() < 0.6 else w.place_text(county[i]) + "水塘"
        elif k in ("fall_home", "suicide", "poison_home", "electro_home", "fire_home"):
            otxt[i] = "家中" if rng.random() < 0.8 else None
        else:
            otxt[i] = w.place_text(county[i])
    w.death_records(pids, death, county, hosp, cause, dcause, cert, otxt, crem_mult=crem_mult)
    for i in np.flatnonzero(med).tolist():
        k = kind[i]
        spec = texts.NONOCC[k]
        hours = float(rng.uniform(0.3, 6) if rng.random() < 0.5 else rng.uniform(6, 24 * 12))
        since = float((death[i] - np.datetime64("2024-01-01", "D")) / np.timedelta64(1, "h"))
        r = int(rng.integers(0, 20 * 3600))
        hours = max(0.2, min(hours, since + r / 3600))
        adm = np.datetime64(death[i], "s") - np.timedelta64(int(hours * 3600), "s") + np.timedelta64(r, "s")
        w.medical_row(int(pids[i]), int(hosp[i]), adm, hours, texts.pick(rng, spec[3]),
                      texts.pick(rng, spec[2]) if rng.random() > 0.1 else None, "died",
                      str(rng.choice(["resident_insurance", "self_pay", "commercial", "employee_insurance"],
                                     p=[0.5, 0.2, 0.15, 0.15])) if rng.random() > 0.05 else None,
                      emergency=True)
    del age


def _dereg_kind(k: str) -> str | None:
    return {"traffic": "交通事故", "drowning": "溺水", "suicide": "自杀", "landslide": "自然灾害",
            "poison_home": "中毒", "snake": "意外", "farm": "意外"}.get(k, "意外")


def nonocc_deaths(w: World) -> None:
    rng, P = w.rng, w.people
    n = round(N_DEATHS_FULL * w.scale * 0.075)
    kinds = [k for k, v in texts.NONOCC.items() if v[0] > 0 and k != "landslide"]
    wts = np.array([texts.NONOCC[k][0] for k in kinds])
    kind = rng.choice(np.array(kinds, dtype=object), size=n, p=wts / wts.sum())
    lo = np.array([texts.NONOCC[k][6][0] for k in kind])
    hi = np.array([texts.NONOCC[k][6][1] for k in kind])
    u = rng.random(n)
    age = np.round(np.where(kind == "fall_home", hi - (hi - lo) * u ** 1.7, lo + (hi - lo) * u)).astype(int)
    male = rng.random(n) < np.array([texts.NONOCC[k][7] for k in kind])
    death = year_dates(rng, n)
    # seasons: mushrooms in the rainy season, charcoal CO in winter, drowning in summer
    month = death.astype("datetime64[M]").astype(int) % 12
    fix = ((kind == "poison_home") | (kind == "drowning")) & ~np.isin(month, [0, 1, 5, 6, 7, 8, 11])
    death[fix] = death[fix] + np.timedelta64(150, "D")
    death = np.minimum(death, np.datetime64("2024-12-31"))
    home = geo.sample_counties(rng, n)
    snake = kind == "snake"
    if snake.any():
        home[snake] = geo.sample_counties(rng, int(snake.sum()), prefs=["5328", "5308", "5309", "5325"])
    pids = P.add(rng, male, birth_from_age(rng, age, death), home)
    working = (age >= 18) & (age <= 64)
    p_enrol = np.where(working, np.where(male, 0.16, 0.07), 0.0)
    choice = w.employer_for_enrolment(n)
    plant = w.firms_where("other", ("rubber", "tea"))
    if len(plant):
        choice[snake] = plant[rng.integers(0, len(plant), int(snake.sum()))]
        p_enrol = np.where(snake & working, 0.5, p_enrol)
    firm = _enrol(w, pids, death, p_enrol, choice)
    external_deaths(w, n, kind, death, home, pids, age)
    # commuting crashes and snake bites while tapping rubber: work-injury death claims
    for i in np.flatnonzero((firm >= 0) & np.isin(kind, ["traffic", "snake"])).tolist():
        if rng.random() < (0.45 if kind[i] == "traffic" else 0.5):
            desc = (f"{_cn(death[i])}" + ("下班途中驾驶摩托车发生非本人主要责任的交通事故死亡"
                                          if kind[i] == "traffic" else "凌晨在胶林割胶时被毒蛇咬伤，经抢救无效死亡"))
            w.claim_row(int(pids[i]), int(firm[i]), death[i],
                        str(rng.choice(["death", "death", "death", "rejected"])), desc, family=True)
    for p in pids.tolist():
        w.deaths.append({"pid": p, "cls": "non_occupational", "iid": None})


def death_clusters(w: World) -> None:
    """Multi-death events that are not production-safety accidents."""
    rng, P = w.rng, w.people
    s = w.scale
    groups: list[tuple[Any, ...]] = []
    # the Zhenxiong landslide, 22 January 2024
    groups.append(("landslide", np.datetime64("2024-01-22"), "530627", max(2, round(44 * s)), (1, 90)))
    for _ in range(max(2, round(50 * s))):
        groups.append(("traffic", None, None, int(rng.integers(3, 6)), (3, 80)))
    for _ in range(max(1, round(12 * s))):
        groups.append(("poison_home", "mushroom", None, int(rng.integers(2, 5)), (8, 80)))
    for _ in range(max(1, round(15 * s))):
        groups.append(("drowning", "summer", None, int(rng.integers(2, 4)), (7, 15)))
    for _ in range(max(1, round(6 * s))):
        groups.append(("fire_home", None, None, int(rng.integers(2, 5)), (2, 85)))
    for kind, when, county, k, (lo, hi) in groups:
        if isinstance(when, np.datetime64):
            d = when
        elif when in ("mushroom", "summer"):
            d = np.datetime64("2024-06-01") + np.timedelta64(int(rng.integers(0, 110)), "D")
        else:
            d = year_dates(rng, 1)[0]
        if county is None:
            prefs = ["5323", "5301", "5304", "5329", "5308"] if when == "mushroom" else None
            county = str(geo.sample_counties(rng, 1, prefs=prefs)[0])
        age = rng.integers(lo, hi + 1, k)
        male = rng.random(k) < 0.55
        death = np.full(k, d, dtype="datetime64[D]")
        if kind == "poison_home":
            death = death + rng.integers(0, 4, k).astype("timedelta64[D]")
        pids = P.add(rng, male, birth_from_age(rng, age, death), np.full(k, county))
        hosp = np.full(k, w.pick_hosp(county, 0.5, 0.5))
        kinds = np.full(k, kind, dtype=object)
        external_deaths(w, k, kinds, death, np.full(k, county), pids, age,
                        crem_mult=0.3 if kind == "landslide" else 1.0,
                        med_mult=1.5 if kind == "poison_home" else 1.0, hosp=hosp)
        for p in pids.tolist():
            w.deaths.append({"pid": p, "cls": "non_occupational", "iid": None})
    # declared dead: long-missing persons cancelled by a court declaration
    m = max(1, round(900 * s * 0.01))
    age = rng.integers(25, 70, m)
    gone = np.datetime64("2024-01-01") - rng.integers(730, 3000, m).astype("timedelta64[D]")
    home = geo.sample_counties(rng, m)
    pids = P.add(rng, rng.random(m) < 0.8, birth_from_age(rng, age, gone), home)
    for i, p in enumerate(pids.tolist()):
        dd = year_dates(rng, 1)[0]
        w.plans.row("deregistrations", pid=p, death_date=None if rng.random() < 0.4 else
                    gone[i].astype(object), dereg_date=dd.astype(object), region_code=home[i],
                    reason="declared_dead", death_cause=None if rng.random() < 0.5 else "宣告死亡")
        w.deaths.append({"pid": p, "cls": "non_occupational", "iid": None})
