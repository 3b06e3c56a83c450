"""Background: natural and non-occupational deaths, living workers, ordinary injuries — the
records among which the hidden accidents must be found, hard negatives included."""

from __future__ import annotations

import numpy as np

from . import codes, geo
from .sim import HIGH_RISK_KINDS, World
from .world import D2024, DAY_S, EXTRACT, NULL, YEAR_END, day, employer_form, pick, uscc_form


def _pop_counties(w: World, n: int, weights: dict[str, float] | None = None) -> list[str]:
    cs = list(geo.COVERED)
    p = np.array([geo.POP_WEIGHT[c] * (weights.get(c, 1.0) if weights else 1.0) for c in cs])
    return list(w.rng.choice(cs, size=n, p=p / p.sum()))


def _origin_for(w: World, pid: int, death: int, cert_issuer: str | None) -> str | None:
    """Where a body came from, as a funeral home writes it."""
    r = w.r
    if cert_issuer == "hospital":
        return w.hospital_name(w.hosp_near(w.people.hukou[pid])) if r.random() < .85 else None
    if cert_issuer in ("community", None):
        return "家中" if r.random() < .85 else None
    return pick(r, ["家中", f"{w.town()}镇", None])


def natural_deaths(w: World) -> None:
    """Deaths from illness and old age, of everyone; some had a fall recorded earlier."""
    r, rng = w.r, w.rng
    n = w.n(190_000, 1500)
    hukou = _pop_counties(w, n)
    old = rng.random(n) < 0.82
    ages = np.where(old, np.clip(rng.normal(80, 9, n), 52, 103),
                    18 + 47 * rng.beta(2.5, 1.2, n))
    male = rng.random(n) < np.where(old, 0.53, 0.66)
    death = w.year_days(n, winter=1.35)
    late23 = rng.random(n) < 0.02  # died at the end of 2023, deregistered in 2024
    death = np.where(late23, rng.integers(day("2023-11-15"), D2024, size=n), death)
    pids = w.people.add(hukou, ages, male, death)
    w.died(pids, "natural", death)
    for i, pid in enumerate(pids.tolist()):
        d = int(death[i])
        age = int(ages[i])
        w.dereg(pid, d, r.choices(codes.DEREG_NATURAL, weights=codes.DEREG_NATURAL_W)[0]
                if age >= 50 or r.random() < .7 else pick(r, ["猝死", "病故"]), p=0.9)
        if w.cremated(pid, hukou[i]):
            issuer = pick(r, ["hospital", "community", "other", "police"], [.52, .43, .03, .02]) \
                if r.random() > .02 else None
            w.crem(pid, d, w.fh_near(hukou[i]), cause=w.illness_cert(age)
                   if r.random() > .08 else None, issuer=issuer,
                   origin=_origin_for(w, pid, d, issuer))
        if old[i] and r.random() < 0.04:  # a fall at home earlier in the year
            adm = int(rng.integers(D2024, max(D2024 + 1, d - 5))) * DAY_S + r.randint(6, 22) * 3600
            dx, ext, _ = codes.BG_INJURY["fall_home"]
            w.med(pid, w.hosp_near(hukou[i]), adm, adm + r.randint(3, 25) * DAY_S,
                  r.choice(dx), r.choice(ext) if r.random() > .1 else None, "discharged",
                  pick(r, ["resident_insurance", "employee_insurance", "self_pay"], [.7, .2, .1]))


def worker_natural_deaths(w: World) -> None:
    """Hard negatives: enrolled high-risk workers who died of illness, ex-miners dead of
    pneumoconiosis (a recognised work death with no accident), and sudden deaths at work
    recognised as work deaths (视同工亡)."""
    r, rng = w.r, w.rng
    # illness deaths of enrolled high-risk workers
    n = w.n(2500, 25)
    ents = [w.pick_ent(HIGH_RISK_KINDS, registered=True) for _ in range(n)]
    death = w.year_days(n)
    end = np.where(rng.random(n) < .6, death + rng.integers(0, 30, n), NULL)
    pids, _ = w.new_workers(ents, death, enrol=np.ones(n, dtype=bool), end_main=end,
                            age_shift=6)
    w.died(pids, "natural", death)
    for i, pid in enumerate(pids.tolist()):
        d = int(death[i])
        age = w.people.age_on(pid, d)
        w.dereg(pid, d, pick(r, ["病故", "疾病死亡", "猝死", None], [.55, .15, .1, .2]))
        if w.cremated(pid, w.people.hukou[pid]):
            issuer = pick(r, ["hospital", "community", "other"], [.6, .35, .05])
            w.crem(pid, d, w.fh_near(w.people.hukou[pid]), cause=w.illness_cert(age),
                   issuer=issuer, origin=_origin_for(w, pid, d, issuer))
    # pneumoconiosis of former coal miners
    n = w.n(600, 8)
    mines = [w.pick_ent(("coal",), registered=True) for _ in range(n)]
    death = w.year_days(n, winter=1.4)
    hukou = [w.origins.sample("mine", e.site, r) for e in mines]
    ages = np.clip(rng.normal(63, 7, n), 46, 82)
    pids = w.people.add(hukou, ages, np.ones(n, dtype=bool), death)
    w.died(pids, "natural", death)
    for i, pid in enumerate(pids.tolist()):
        d, e = int(death[i]), mines[i]
        start = day(f"{r.randint(1995, 2008)}-0{r.randint(1, 9)}-01")
        stop = min(start + r.randint(5, 18) * 365, day("2016-12-31"))
        w.spell(pid, e, start, stop)
        w.dereg(pid, d, pick(r, ["尘肺病", "病故", "职业病死亡", None], [.3, .45, .05, .2]))
        if w.cremated(pid, hukou[i]):
            w.crem(pid, d, w.fh_near(hukou[i]),
                   cause=pick(r, ["尘肺病并呼吸衰竭", "煤工尘肺", "肺部感染", "呼吸衰竭"]),
                   issuer=pick(r, ["hospital", "community"], [.6, .4]), origin=None)
        if r.random() < 0.45:
            diag = day(f"{r.randint(2017, 2023)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}")
            w.claim(pid, employer_form(e, pick(r, ["full", "unit", "variant"], [.6, .3, .1]), r),
                    uscc_form(e, r, .15, .02), diag, d + r.randint(20, 150), "death",
                    pick(r, ["职业病（煤工尘肺叁期）死亡，申请工亡待遇", "煤工尘肺病致死亡",
                             "尘肺病患者死亡，申请职业病工亡待遇"]), e.region)
    # sudden death at work, recognised as a work death
    n = w.n(250, 6)
    ents = [w.pick_ent(list(sorted(w.by_kind)), registered=True) for _ in range(n)]
    death = w.year_days(n, winter=1.3)
    end = np.where(rng.random(n) < .6, death + rng.integers(0, 30, n), NULL)
    pids, _ = w.new_workers(ents, death, enrol=np.ones(n, dtype=bool), end_main=end,
                            age_shift=5)
    w.died(pids, "natural", death)
    for i, pid in enumerate(pids.tolist()):
        d, e = int(death[i]), ents[i]
        w.dereg(pid, d, pick(r, ["猝死", "病故", "疾病死亡", None], [.4, .35, .1, .15]))
        if w.cremated(pid, w.people.hukou[pid], boost=.1):
            w.crem(pid, d, w.fh_near(e.site if e.site in geo.COVERED else w.people.hukou[pid]),
                   cause=pick(r, ["心源性猝死", "急性心肌梗死", "脑出血", "猝死"]),
                   issuer="hospital", origin=w.hospital_name(w.hosp_near(e.site)))
        if r.random() < .75:
            w.claim(pid, employer_form(e, pick(r, ["full", "branch", "variant"], [.85, .1, .05]),
                                       r), uscc_form(e, r, .08, .01), d, d + r.randint(7, 60),
                    pick(r, ["death", "rejected", "pending"], [.7, .2, .1]),
                    "工作时间在工作岗位突发疾病，经抢救无效48小时内死亡（视同工伤）",
                    e.region if e.region in geo.COVERED else e.site)


NONOCC: dict[str, tuple[float, list[str | None], list[str], dict[str, float], float]] = {
    # category: weight, dereg causes, certificate causes, issuers, p(medical record)
    "traffic": (.5, ["交通事故", "车祸", "意外死亡", None], ["交通事故", "颅脑损伤", "多发伤"],
                {"police": .55, "hospital": .45}, .65),
    "fall": (.25, ["意外", "病故", None, "摔伤"], ["摔伤", "颅脑损伤", "股骨颈骨折并发肺部感染",
                                                 "多器官功能衰竭"], {"hospital": .6, "community": .4}, .4),
    "drowning": (.08, ["溺水", "意外", None], ["溺水"], {"police": .7, "hospital": .3}, .2),
    "co_home": (.06, ["煤气中毒", "一氧化碳中毒", "意外"], ["一氧化碳中毒"],
                {"hospital": .5, "police": .3, "community": .2}, .3),
    "electric_home": (.03, ["触电", "意外"], ["电击伤"], {"hospital": .5, "police": .5}, .3),
    "pesticide": (.08, ["服毒", "意外", None, "病故"], ["有机磷农药中毒", "中毒"],
                  {"hospital": .8, "community": .2}, .6),
}
NONOCC_ICD = {"traffic": (["S06.5", "S06.2", "T06.8", "S27.3", "S36.1"],
                          ["V28.4", "V23.4", "V43.5", "V03.1", "V29.4", "V89.2", "V47.5"]),
              "fall": (["S06.5", "S72.0", "S32.0", "S06.0"], ["W10.0", "W01.0", "W19.0", "W11.0"]),
              "drowning": (["T75.1"], ["W69.8", "W74.9", "W67.0"]),
              "co_home": (["T58"], ["X47.0"]),
              "electric_home": (["T75.4"], ["W86.0", "W87.0"]),
              "pesticide": (["T60.0"], ["X68.0", "X48.0"])}


def nonoccupational_deaths(w: World) -> None:
    """Traffic deaths (a quarter of them workers, some on the way to work with a recognised
    work death), falls, drowning, carbon monoxide at home in winter, electric shocks at home,
    pesticide poisoning."""
    r, rng = w.r, w.rng
    n = w.n(13_000, 120)
    cats = list(NONOCC)
    cat = rng.choice(cats, size=n, p=np.array([NONOCC[c][0] for c in cats]))
    for c in cats:
        idx = np.flatnonzero(cat == c)
        m = len(idx)
        if m == 0:
            continue
        death = w.year_days(m, winter=3.0 if c == "co_home" else 1.0)
        workers = np.zeros(m, dtype=bool)
        if c == "traffic":
            workers = rng.random(m) < 0.25
        pids = np.zeros(m, dtype=np.int64)
        wk = np.flatnonzero(workers)
        ents = [w.pick_ent(list(sorted(w.by_kind)), registered=True) for _ in wk]
        if len(wk):
            end = np.where(rng.random(len(wk)) < .5, death[wk] + rng.integers(0, 40, len(wk)),
                           NULL)
            pw, _ = w.new_workers(ents, death[wk], enrol=np.ones(len(wk), dtype=bool),
                                  end_main=end)
            pids[wk] = pw
        rest = np.flatnonzero(~workers)
        if len(rest):
            weights = {k: 6.0 for k in geo.WEST} if c == "co_home" else None
            homes = _pop_counties(w, len(rest), weights)
            if c == "fall":
                ages = np.clip(rng.normal(81, 8, len(rest)), 55, 102)
            elif c == "drowning":
                ages = np.where(rng.random(len(rest)) < .35, rng.uniform(5, 17, len(rest)),
                                rng.uniform(18, 80, len(rest)))
            else:
                ages = np.clip(rng.normal(52, 18, len(rest)), 16, 92)
            male = rng.random(len(rest)) < .68
            pids[rest] = w.people.add(homes, ages, male, death[rest])
        w.died(pids, "non_occupational", death)
        _, dereg_causes, certs, issuers, p_med = NONOCC[c]
        dx, ext = NONOCC_ICD[c]
        for j in range(m):
            pid, d = int(pids[j]), int(death[j])
            hk = w.people.hukou[pid]
            place = hk if hk in geo.COVERED else r.choice(geo.SICHUAN)
            w.dereg(pid, d, r.choice(dereg_causes))
            hosp = None
            if r.random() < p_med:
                hosp = w.hosp_near(place, serious=True)
                adm = d * DAY_S + r.randint(0, 23) * 3600 + r.randint(0, 59) * 60
                stay = 0 if r.random() < .6 else r.randint(1, 10)
                adm -= stay * DAY_S
                if adm // DAY_S < D2024:
                    adm += stay * DAY_S
                w.med(pid, hosp, adm, d * DAY_S + 23 * 3600 if stay else adm + 3600,
                      r.choice(dx), r.choice(ext) if r.random() > .08 else None, "died",
                      pick(r, ["resident_insurance", "employee_insurance", "self_pay",
                               "commercial", "other"], [.4, .2, .25, .05, .1]),
                      unknown=(c == "traffic" and stay == 0 and r.random() < .08), idmiss=.2)
            if w.cremated(pid, place, boost=.1):
                issuer = pick(r, list(issuers), list(issuers.values()))
                w.crem(pid, d, w.fh_near(place), cause=r.choice(certs), issuer=issuer,
                       origin=w.hospital_name(hosp) if hosp is not None and issuer == "hospital"
                       else pick(r, ["家中", f"{w.town()}镇", None], [.5, .3, .2]))
            if workers[j] and r.random() < .3:  # killed on the way to work
                e = ents[int(np.searchsorted(wk, j))]
                w.claim(pid, employer_form(e, pick(r, ["full", "variant"], [.9, .1]), r),
                        uscc_form(e, r, .08, .01), d, d + r.randint(10, 120),
                        pick(r, ["death", "pending"], [.85, .15]),
                        pick(r, ["上班途中驾驶摩托车发生交通事故死亡（非本人主要责任）",
                                 "下班途中被机动车撞伤经抢救无效死亡，非本人主要责任"]),
                        e.region if e.region in geo.COVERED else e.site)


def declared_dead(w: World) -> None:
    """People missing for years, declared dead by a court and deregistered in 2024."""
    r = w.r
    n = w.n(60, 2)
    hk = _pop_counties(w, n)
    gone = w.rng.integers(day("2016-01-01"), day("2021-12-31"), size=n)
    ages = w.rng.uniform(20, 70, n)
    pids = w.people.add(hk, ages, w.rng.random(n) < .8, gone)
    w.died(pids, "non_occupational", gone)
    for i, pid in enumerate(pids.tolist()):
        d = int(w.rng.integers(D2024, EXTRACT))
        w.sink.row("dereg", pid=pid, death=int(gone[i]) if r.random() < .6 else NULL, dereg=d,
                   region=hk[i], reason="declared_dead", cause=pick(r, ["宣告死亡", None]))


def living_workers(w: World) -> np.ndarray:
    """Enrolled workers of every employer, alive through the extract (most records of the
    employment source)."""
    rng = w.rng
    n = w.n(90_000, 700)
    pool = [e for e in w.ents if e.in_register and e.enrol > 0]
    wts = np.array([e.size * e.enrol for e in pool])
    choice = rng.choice(len(pool), size=n, p=wts / wts.sum())
    ents = [pool[i] for i in choice]
    ref = rng.integers(D2024, EXTRACT, size=n)
    end = np.where(rng.random(n) < .85, NULL, rng.integers(D2024, EXTRACT, size=n))
    pids, _ = w.new_workers(ents, ref, enrol=np.ones(n, dtype=bool), end_main=end)
    w.living = (pids, ents)  # type: ignore[attr-defined]
    return pids


def ordinary_work_injuries(w: World) -> None:
    """Minor work injuries: a claim and a short hospital stay, no accident report (none is
    due); some of unenrolled workers, paid out of pocket."""
    r, rng = w.r, w.rng
    pids, ents = w.living  # type: ignore[attr-defined]
    n = min(len(pids), w.n(35_000, 250))
    hr = np.array([3.0 if e.kind in HIGH_RISK_KINDS else 1.0 for e in ents])
    chosen = rng.choice(len(pids), size=n, replace=False, p=hr / hr.sum())
    for k in chosen.tolist():
        pid, e = int(pids[k]), ents[k]
        inj = int(rng.integers(day("2023-10-01"), YEAR_END + 1))
        site = e.site if e.site in geo.COVERED else w.people.hukou[pid]
        if site not in geo.COVERED:
            site = r.choice(geo.SICHUAN)
        di = r.randrange(len(codes.WORK_MINOR_DIAG))
        if r.random() < .8 and inj >= D2024:
            adm = inj * DAY_S + r.randint(7, 20) * 3600 + r.randint(0, 59) * 60
            los = r.choice([0, 0, 1, 2, 3, 5, 7, 9, 12])
            w.med(pid, w.hosp_near(site), adm, adm + los * DAY_S + r.randint(1, 8) * 3600,
                  codes.WORK_MINOR_DIAG[di], r.choice(codes.WORK_MINOR_EXT)
                  if r.random() > .15 else None,
                  pick(r, ["discharged", "left_against_advice"], [.96, .04]),
                  pick(r, ["work_injury_insurance", "employee_insurance", "self_pay", "other"],
                       [.5, .2, .2, .1]),
                  employer_form(e, pick(r, ["short", "full", "unit"], [.5, .35, .15]), r)
                  if r.random() < .5 else None)
        if r.random() < .85:
            outcome = pick(r, ["injury", "disability_10", "disability_9", "disability_8",
                               "disability_7", "disability_6", "disability_5", "rejected",
                               "pending"], [.35, .12, .1, .08, .06, .04, .03, .1, .12])
            w.claim(pid, employer_form(e, pick(r, ["full", "branch", "variant", "short"],
                                               [.8, .08, .07, .05]), r),
                    uscc_form(e, r, .1, .02), inj, inj + r.randint(5, 60), outcome,
                    r.choice(codes.WORK_MINOR_DESC) if r.random() > .1 else None,
                    e.region if e.region in geo.COVERED else site)
    # unenrolled workers' minor injuries: the hospital alone knows
    m = w.n(10_000, 80)
    pool = [x for k in ("labour", "quarry", "builder", "coal", "noncoal", "factory")
            for x in w.by_kind.get(k, [])]
    ents2 = [w.ents[r.choice(pool)] for _ in range(m)]
    days = rng.integers(D2024, YEAR_END + 1, size=m)
    projs = [w.projects[r.choice(e.projects)] if e.projects else None for e in ents2]
    pids2, _ = w.new_workers(ents2, days, project=projs, enrol=np.zeros(m, dtype=bool))
    for k in range(m):
        pid, e, p = int(pids2[k]), ents2[k], projs[k]
        site = p.county if p is not None else e.site
        if site not in geo.COVERED:
            site = r.choice(geo.SICHUAN)
        adm = int(days[k]) * DAY_S + r.randint(7, 21) * 3600 + r.randint(0, 59) * 60
        w.med(pid, w.hosp_near(site), adm, adm + r.choice([0, 0, 1, 2, 4, 6, 10]) * DAY_S + 7200,
              r.choice(codes.WORK_MINOR_DIAG), r.choice(codes.WORK_MINOR_EXT)
              if r.random() > .3 else None, "discharged",
              pick(r, ["self_pay", "resident_insurance", "other"], [.55, .35, .1]),
              employer_form(e, "short", r) if r.random() < .3 else None, idmiss=.1)


def injuries(w: World) -> None:
    """Hospital injury encounters of living people: falls, traffic, farm work, burns, bites."""
    r, rng = w.r, w.rng
    n = w.n(110_000, 900)
    cats = list(codes.BG_INJURY_W)
    cat = rng.choice(cats, size=n, p=np.array([codes.BG_INJURY_W[c] for c in cats]))
    hk = _pop_counties(w, n)
    ages = np.zeros(n)
    for c in cats:
        idx = np.flatnonzero(cat == c)
        lo, hi = codes.BG_INJURY[c][2]
        ages[idx] = rng.uniform(lo, hi, len(idx)) if c != "fall_home" else \
            np.clip(rng.normal(78, 9, len(idx)), lo, hi)
    inj = w.year_days(n, winter=1.2)
    pids = w.people.add(hk, ages, rng.random(n) < .55, inj)
    for i, pid in enumerate(pids.tolist()):
        c = str(cat[i])
        dx, ext, _ = codes.BG_INJURY[c]
        place = hk[i]
        hosp = w.hosp_near(place)
        adm = int(inj[i]) * DAY_S + r.randint(0, 23) * 3600 + r.randint(0, 59) * 60
        long = r.random() < (.35 if c in ("fall_home", "traffic") else .08)
        los = r.randint(14, 40) if long else r.choice([0, 0, 1, 2, 3, 5, 7, 10])
        transfer = r.random() < .04
        payer = pick(r, ["resident_insurance", "employee_insurance", "self_pay", "commercial",
                         "other"], [.5, .2, .2, .05, .05])
        e = r.choice(ext) if r.random() > .1 else None
        d = r.choice(dx)
        if transfer:
            dis = adm + r.randint(2, 48) * 3600
            w.med(pid, hosp, adm, dis, d, e, "transferred", payer, idmiss=.1)
            hosp, adm = w.hosp_up(hosp), dis + r.randint(1, 4) * 3600
        w.med(pid, hosp, adm, adm + los * DAY_S + r.randint(1, 10) * 3600, d, e,
              pick(r, ["discharged", "left_against_advice"], [.95, .05]), payer,
              idmiss=.25 if c == "traffic" else .05,
              unknown=c == "traffic" and r.random() < .01)
