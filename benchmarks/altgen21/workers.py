"""Living people: the enrolled workforce of the register's enterprises (social-insurance spells),
non-occupational injury patients (traffic, falls at home, farm and plantation injuries, snake and
dog bites, wild-mushroom poisoning), and ordinary work-injury claims that are not accidents of the
register (minor injuries, commuting)."""

from __future__ import annotations

import numpy as np

from . import geo, texts
from .people import birth_from_age, year_dates
from .world import YEAR0, World

MALE_SHARE = {"coal_mining": 0.93, "non_coal_mining": 0.9, "construction": 0.88, "transport": 0.9,
              "hazardous_chemicals": 0.75, "metallurgy": 0.85, "manufacturing": 0.6,
              "fireworks": 0.5, "other": 0.5}
MIGRANT_SHARE = {"coal_mining": 0.2, "non_coal_mining": 0.25, "construction": 0.4,
                 "transport": 0.08, "hazardous_chemicals": 0.08, "metallurgy": 0.1,
                 "manufacturing": 0.08, "fireworks": 0.05, "other": 0.06}


def worker_people(w: World, industry: np.ndarray, near: np.ndarray, ages: tuple[int, int] = (18, 60),
                  on=None, migrant_mult: float = 1.0) -> np.ndarray:
    """New working persons for jobs in ``industry`` near counties ``near``."""
    rng = w.rng
    n = len(industry)
    if n == 0:
        return np.array([], dtype=np.int64)
    male = rng.random(n) < np.array([MALE_SHARE[i] for i in industry])
    age = np.clip(np.round(rng.normal(40, 10, n)), ages[0], ages[1]).astype(int)
    on = YEAR0 + np.timedelta64(180, "D") if on is None else on
    birth = birth_from_age(rng, age, np.broadcast_to(np.asarray(on, dtype="datetime64[D]"), (n,)))
    mig = rng.random(n) < np.array([MIGRANT_SHARE[i] for i in industry]) * migrant_mult
    home = np.array(near, dtype="<U6").copy()
    local_else = ~mig & (rng.random(n) < 0.4)
    if local_else.any():
        home[local_else] = geo.sample_counties(rng, int(local_else.sum()))
    notyn = ~np.char.startswith(home, "53")
    if notyn.any():
        home[notyn] = geo.sample_counties(rng, int(notyn.sum()))
    origin = np.full(n, "yunnan", dtype=object)
    if mig.any():
        prov, reg = geo.sample_migrant_regions(rng, int(mig.sum()))
        origin[mig] = prov
        home[mig] = reg
    return w.people.add(rng, male, birth, home, origin)


def workforce(w: World) -> None:
    """Every enrolled worker of every firm: one spell each, some ended during 2024 and followed
    by a spell elsewhere."""
    rng, f = w.rng, w.firms
    firm = np.repeat(np.arange(len(f)), f.size)
    near = f.region[firm]
    pids = worker_people(w, f.industry[firm], near)
    n = len(pids)
    back = np.minimum(8000, rng.exponential(1500, n)).astype(int) + 20
    start = np.datetime64("2024-12-20", "D") - back.astype("timedelta64[D]")
    ended = rng.random(n) < 0.17
    end_off = rng.integers(0, 366, n).astype("timedelta64[D]")
    end = np.where(ended, np.maximum(start + np.timedelta64(30, "D"), YEAR0 + end_off),
                   np.datetime64("NaT"))
    w.plans.add("employment", pid=pids, firm=firm, start=start, end=end)
    again = ended & (rng.random(n) < 0.5) & (end < np.datetime64("2024-12-01"))
    k = int(again.sum())
    if k:
        nf = w.employer_for_enrolment(k)
        s2 = end[again] + rng.integers(5, 60, k).astype("timedelta64[D]")
        w.plans.add("employment", pid=pids[again], firm=nf, start=s2, end=None)
    w.living_workers = pids
    w.worker_firm = firm


def living_injuries(w: World) -> None:
    """Injury encounters of living persons (not at work, or minor at work without a claim)."""
    rng, P = w.rng, w.people
    n = round(250000 * w.scale)
    kinds = [k for k, v in texts.NONOCC.items() if v[1] > 0] + ["work_minor"]
    wts = np.array([texts.NONOCC[k][1] for k in kinds[:-1]] + [0.06])
    kind = rng.choice(np.array(kinds), size=n, p=wts / wts.sum())
    reuse = rng.random(n) < 0.08
    reuse &= kind != "fall_home"
    pid = np.empty(n, dtype=np.int64)
    nr = int(reuse.sum())
    lw = w.living_workers
    pid[reuse] = lw[rng.integers(0, len(lw), nr)]
    new = ~reuse
    nn = int(new.sum())
    lo = np.array([texts.NONOCC[k][6][0] if k != "work_minor" else 18 for k in kind[new]])
    hi = np.array([texts.NONOCC[k][6][1] if k != "work_minor" else 60 for k in kind[new]])
    u = rng.random(nn)
    age = np.where(kind[new] == "fall_home", hi - (hi - lo) * u ** 1.6, lo + (hi - lo) * u)
    age = np.round(age).astype(int)
    msh = np.array([texts.NONOCC[k][7] if k != "work_minor" else 0.75 for k in kind[new]])
    male = rng.random(nn) < msh
    date = year_dates(rng, n)
    home = geo.sample_counties(rng, nn)
    pid[new] = P.add(rng, male, birth_from_age(rng, age, date[new]), home)
    where = np.empty(n, dtype="<U6")
    where[new] = home
    if nr:
        where[reuse] = w.firms.region[w.worker_firm[np.searchsorted(lw, pid[reuse])]]
        bad = ~np.char.startswith(where, "53")
        where[bad] = geo.sample_counties(rng, int(bad.sum()))
    hosp = geo.pick_hospitals(rng, where)
    hour = rng.choice(24, size=n, p=_hour_weights())
    adm = date.astype("datetime64[s]") + (hour * 3600 + rng.integers(0, 3600, n)).astype("timedelta64[s]")
    dx = np.empty(n, dtype=object)
    ext = np.empty(n, dtype=object)
    for k in np.unique(kind).tolist():
        m = kind == k
        if k == "work_minor":
            ch = rng.integers(0, len(texts.WORK_MINOR), int(m.sum()))
            dx[m] = [texts.WORK_MINOR[c][0] for c in ch]
            ext[m] = [texts.WORK_MINOR[c][1] for c in ch]
        else:
            spec = texts.NONOCC[k]
            dx[m] = rng.choice(spec[4], size=int(m.sum()))
            ext[m] = rng.choice(spec[2], size=int(m.sum()))
    ext[rng.random(n) < 0.12] = None  # external cause often not coded
    serious_dx = np.isin(dx, ["S72.0", "S72.1", "S72.3", "S32.0", "S06.5", "S22.4", "T29.2"])
    los_days = np.where(serious_dx, rng.uniform(6, 26, n), rng.exponential(4.0, n) + 0.3)
    los_days = np.where(kind == "work_minor", np.minimum(los_days, 12.5), los_days)
    disp = rng.choice(np.array(["discharged", "transferred", "left_against_advice"]), size=n,
                      p=[0.88, 0.06, 0.06])
    disp = np.where(kind == "work_minor", "discharged", disp)
    los_days = np.where(disp == "transferred", rng.uniform(0.1, 2.0, n), los_days)
    dis = adm + (los_days * 86400).astype("timedelta64[s]")
    payer = rng.choice(np.array(["resident_insurance", "employee_insurance", "self_pay", "commercial",
                                 "other"]), size=n, p=[0.55, 0.18, 0.15, 0.08, 0.04])
    payer = payer.astype(object)
    payer[rng.random(n) < 0.03] = None
    firm = np.full(n, -1, dtype=np.int64)
    wf = reuse & ((kind == "work_minor") | (rng.random(n) < 0.15))
    if wf.any():
        firm[wf] = w.worker_firm[np.searchsorted(lw, pid[wf])]
    emerg = np.isin(kind, ["traffic", "assault", "poison_home", "drowning", "fall_other"])
    w.plans.add("medical_records", pid=pid, hosp=hosp, admitted_at=adm, discharged_at=dis, dx=dx,
                ext=ext, disposition=disp, payer=payer, firm=firm, employer_text=None,
                emergency=emerg)
    # the referral hospital's record of transferred patients
    tr = np.flatnonzero((disp == "transferred") & (rng.random(n) < 0.75))
    if len(tr):
        h2 = np.array([geo.referral_hospital(rng, int(h)) for h in hosp[tr]])
        adm2 = dis[tr] + rng.integers(1800, 30000, len(tr)).astype("timedelta64[s]")
        los2 = np.where(serious_dx[tr], rng.uniform(8, 30, len(tr)), rng.uniform(2, 16, len(tr)))
        w.plans.add("medical_records", pid=pid[tr], hosp=h2, admitted_at=adm2,
                    discharged_at=adm2 + (los2 * 86400).astype("timedelta64[s]"), dx=dx[tr],
                    ext=ext[tr], disposition="discharged", payer=payer[tr], firm=firm[tr],
                    employer_text=None, emergency=False)
    # a few readmissions later in the year
    re = np.flatnonzero(rng.random(n) < 0.02)
    if len(re):
        adm3 = dis[re] + rng.integers(5, 120, len(re)).astype("timedelta64[D]").astype("timedelta64[s]")
        w.plans.add("medical_records", pid=pid[re], hosp=hosp[re], admitted_at=adm3,
                    discharged_at=adm3 + (rng.uniform(1, 8, len(re)) * 86400).astype("timedelta64[s]"),
                    dx=dx[re], ext=None, disposition="discharged", payer=payer[re], firm=-1,
                    employer_text=None, emergency=False)


def _hour_weights() -> np.ndarray:
    h = np.arange(24)
    wts = 0.4 + np.exp(-((h - 11) ** 2) / 18) + np.exp(-((h - 18) ** 2) / 12)
    return wts / wts.sum()


def ordinary_claims(w: World) -> None:
    """Work-injury claims of living workers: minor injuries at work and commuting injuries."""
    rng = w.rng
    n = round(30000 * w.scale)
    lw = w.living_workers
    idx = rng.integers(0, len(lw), n)
    pid = lw[idx]
    firm = w.worker_firm[idx]
    informal = rng.random(n) < 0.15
    if informal.any():
        k = int(informal.sum())
        ff = w.employer_for_enrolment(k)
        firm[informal] = ff
        pid[informal] = worker_people(w, w.firms.industry[ff], w.firms.region[ff])
    date = year_dates(rng, n)
    commute = rng.random(n) < 0.15
    outcomes = np.array(["injury", "disability_10", "disability_9", "disability_8", "disability_7",
                         "disability_6", "disability_5", "rejected"])
    outcome = rng.choice(outcomes, size=n, p=[0.4, 0.16, 0.13, 0.08, 0.05, 0.02, 0.01, 0.15])
    for i in range(n):
        if commute[i]:
            dx, ext, desc = texts.COMMUTE[int(rng.integers(len(texts.COMMUTE)))]
        else:
            dx, ext, desc = texts.WORK_MINOR[int(rng.integers(len(texts.WORK_MINOR)))]
        d = date[i]
        dtext = f"{d.astype(object).year}年{d.astype(object).month}月{d.astype(object).day}日"
        w.claim_row(int(pid[i]), int(firm[i]), d, str(outcome[i]), f"{dtext}，{desc}"
                    if rng.random() < 0.9 else None, family=rng.random() < 0.2)
        if rng.random() < 0.7:
            county = w.firms.region[firm[i]]
            if county[:2] != "53":
                county = str(geo.sample_counties(rng, 1)[0])
            hosp = w.pick_hosp(county)
            adm = np.datetime64(d, "s") + np.timedelta64(int(rng.integers(7 * 3600, 22 * 3600)), "s")
            payer = str(rng.choice(["work_injury_insurance", "employee_insurance", "self_pay"],
                                   p=[0.55, 0.25, 0.2]))
            w.medical_row(int(pid[i]), hosp, adm, w.los_hours(0.2, 12.5), dx,
                          ext if rng.random() > 0.1 else None, "discharged", payer,
                          firm=int(firm[i]) if rng.random() < 0.5 else -1, emergency=bool(commute[i]))
    # informal claimants: some were enrolled only after the injury
    for i in np.flatnonzero(informal & (rng.random(n) < 0.3)).tolist():
        w.employment_row(int(pid[i]), int(firm[i]), date[i] + np.timedelta64(int(rng.integers(1, 40)), "D"),
                         None)
