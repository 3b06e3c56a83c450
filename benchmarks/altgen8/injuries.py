"""Background injury encounters (the haystack) and routine work-injury claims."""

from __future__ import annotations

import numpy as np

from . import codes, geo
from .deaths import _arr, _county_hospitals, _place_of
from .emit import DAY
from .employers import births_for_ages
from .world import EXTRACT, NULL, T0, T1, World, age_at

MIX = {"home_fall": .24, "traffic": .28, "work": .16, "assault": .05, "animal": .06,
       "burn_home": .04, "sport": .04, "farm": .05, "other": .08}
_AGES = {"home_fall": (55, 80, 98), "traffic": (6, 38, 85), "assault": (16, 32, 70),
         "animal": (3, 40, 85), "burn_home": (1, 30, 85), "sport": (8, 22, 60),
         "farm": (25, 52, 78), "other": (1, 35, 90)}
_LOS = {"home_fall": 2.4, "traffic": 1.9, "assault": 1.2, "animal": 0.6, "burn_home": 1.6,
        "sport": 1.3, "farm": 1.7, "other": 1.2}  # log-mean of the stay in days
CLAIM_OUTCOMES = ["injury", "disability_10", "disability_9", "disability_8", "disability_7",
                  "disability_6", "disability_5", "rejected", "pending"]
CLAIM_P = np.array([.35, .18, .14, .08, .05, .02, .01, .07, .10])


def _encounters(w: World, kind: str, pids: np.ndarray, days: np.ndarray, place: np.ndarray,
                ent: np.ndarray | None = None) -> None:
    rng = w.rng
    n = len(pids)
    info = codes.MINOR[kind]
    admit = days * DAY + rng.integers(0, DAY, n)
    if kind == "work":
        los = rng.integers(1, 14, n)
    else:
        los = np.maximum(1, np.round(rng.lognormal(_LOS[kind], 0.7, n))).astype(np.int64)
    disch = admit + los * DAY + rng.integers(-3 * 3600, 6 * 3600, n)
    u = rng.random(n)
    disp = np.where(u < 0.05, "left_against_advice", "discharged").astype(object)
    transfer = (kind != "work") & (u > 0.95)
    disp[transfer] = "transferred"
    disch[transfer] = admit[transfer] + rng.integers(2, 48, int(transfer.sum())) * 3600
    disch[(rng.random(n) < 0.02) & ~transfer] = NULL  # discharge time not filled in
    hosp = _county_hospitals(rng, place, 0.15, 0.04)
    diag = _arr(info["diag"])[rng.integers(0, len(info["diag"]), n)]
    ext = _arr(info["ext"])[rng.integers(0, len(info["ext"]), n)]
    ext[rng.random(n) < 0.2] = None
    if kind == "work":
        payer = rng.choice(["work_injury_insurance", "employee_insurance", "self_pay", "other"],
                           n, p=[.5, .15, .25, .1])
        rec_ent = np.where((rng.random(n) < 0.4) & (ent is not None), ent, NULL) \
            if ent is not None else np.full(n, NULL)
    elif kind == "traffic":
        payer = rng.choice(["commercial", "resident_insurance", "employee_insurance",
                            "self_pay"], n, p=[.3, .35, .15, .2])
        rec_ent = np.full(n, NULL)
    else:
        payer = rng.choice(["resident_insurance", "employee_insurance", "self_pay", "other"],
                           n, p=[.55, .2, .2, .05])
        rec_ent = np.full(n, NULL)
    payer = payer.astype(object)
    payer[rng.random(n) < 0.04] = None
    w.add_frame("medical_records", {
        "pid": pids, "hosp": hosp, "admit": admit,
        "disch": np.where(disch > (EXTRACT + 1) * DAY, NULL, disch), "diag": diag, "ext": ext,
        "disp": disp, "payer": payer, "ent": rec_ent}, admit <= EXTRACT * DAY)
    if transfer.any():  # the onward admission at a city or provincial hospital
        t = np.flatnonzero(transfer)
        hosp2 = np.array([geo.referral_hospital(rng, int(h)) for h in hosp[t]])
        a2 = disch[t] + rng.integers(1, 5, len(t)) * 3600
        d2 = a2 + np.maximum(1, np.round(rng.lognormal(2.6, 0.6, len(t)))).astype(
            np.int64) * DAY
        w.add_frame("medical_records", {
            "pid": pids[t], "hosp": hosp2, "admit": a2,
            "disch": np.where(d2 > (EXTRACT + 1) * DAY, NULL, d2), "diag": diag[t],
            "ext": ext[t], "disp": "discharged", "payer": payer[t], "ent": rec_ent[t]},
            a2 <= EXTRACT * DAY)


def background_injuries(w: World) -> None:
    rng, ent = w.rng, w.ent
    assert ent is not None
    n = w.n(500000, 500)
    kinds = list(MIX)
    pk = np.array([MIX[k] for k in kinds])
    counts = rng.multinomial(n, pk / pk.sum())
    p = geo.COUNTY_POP / geo.COUNTY_POP.sum()
    for kind, m in zip(kinds, counts, strict=True):
        if m == 0:
            continue
        if kind == "work":
            _work_injuries(w, int(m))
            continue
        if kind == "home_fall":  # elderly who fell and later died of illness
            dec = np.flatnonzero((w.people.death_class == 1) &
                                 (age_at(w.people.birth, np.minimum(w.people.death, T1)) >= 70))
            k = min(len(dec), m // 10)
            old = rng.choice(dec, k, replace=False)
            old_days = w.people.death[old] - rng.integers(30, 400, k)
            keep = old_days >= T0
            old, old_days = old[keep], old_days[keep]
        else:  # people the simulation already knows (workers, relatives, later decedents)
            r = int(0.18 * m)
            old = rng.integers(0, w.people.n, r)
            old_days = rng.integers(T0, T1 + 1, r)
            keep = w.people.death[old] > old_days + 1
            old, old_days = old[keep], old_days[keep]
        k_new = m - len(old)
        lo, mode, hi = _AGES[kind]
        ages = np.round(rng.triangular(lo, mode, hi, k_new)).astype(np.int64)
        new_days = rng.integers(T0, T1 + 1, k_new)
        male = rng.random(k_new) < (0.45 if kind == "home_fall" else 0.6)
        hukou = geo.COUNTY_CODES[rng.choice(len(p), k_new, p=p)].astype(np.int64)
        new = w.people.add(births_for_ages(rng, ages, new_days), male, hukou)
        pids = np.concatenate([old, new])
        all_days = np.concatenate([old_days, new_days])
        _encounters(w, kind, pids, all_days, _place_of(w, pids))


def _work_injuries(w: World, m: int) -> None:
    """Minor injuries at work: treated (some), claimed (some), never an accident report."""
    rng, ent = w.rng, w.ent
    assert ent is not None
    lo = np.maximum(w.sp_start, T0)
    hi = np.where(w.sp_end < 0, T1, np.minimum(w.sp_end, T1))
    ok = np.flatnonzero((hi > lo) & w.sp_keep)
    span = (hi - lo)[ok].astype(float)
    risk = np.where(np.isin(ent.industry[w.sp_ent[ok]], [geo.IND[k] for k in geo.HIGH_RISK]),
                    2.0, 1.0)
    wt = span * risk
    s = ok[rng.choice(len(ok), int(m * 1.15), p=wt / wt.sum())]
    days = lo[s] + (rng.random(len(s)) * (hi[s] - lo[s])).astype(np.int64)
    alive = w.people.death[w.sp_pid[s]] > days + 1
    s, days = s[alive], days[alive]
    pids, e = w.sp_pid[s], w.sp_ent[s]
    place = ent.county[e]
    med = np.arange(len(s)) < m  # the rest were treated as outpatients: a claim only
    _encounters(w, "work", pids[med], days[med], place[med], e[med])
    claim = np.where(med, rng.random(len(s)) < 0.55, True)
    pids, e, days = pids[claim], e[claim], days[claim]
    k = len(pids)
    applied = days + np.where(rng.random(k) < 0.9, rng.integers(5, 60, k),
                              rng.integers(60, 300, k))
    outcome = rng.choice(CLAIM_OUTCOMES, k, p=CLAIM_P).astype(object)
    decided = applied + rng.integers(15, 60, k)
    late = decided > EXTRACT
    outcome[late] = "pending"
    decided = np.where((outcome == "pending"), NULL, decided)
    desc = _arr(codes.WORK_MINOR_DESC)[rng.integers(0, len(codes.WORK_MINOR_DESC), k)]
    desc[rng.random(k) < 0.1] = None
    w.add_frame("injury_claims", {"pid": pids, "ent": e, "injury": days, "applied": applied,
                                  "decided": decided, "outcome": outcome, "desc": desc,
                                  "region": ent.county[e]}, applied <= EXTRACT)
    w.count("background_work_injuries", len(s))
