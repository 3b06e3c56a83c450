"""Background deaths: natural (incl. enrolled workers), non-occupational, and legitimate
work-related deaths that are not production-safety accidents (hard negatives)."""

from __future__ import annotations

import numpy as np

from . import codes, geo
from .codes import pick
from .emit import DAY, cremation_lag, emit_claim, emit_cremation, emit_dereg, emit_medical
from .employers import births_for_ages
from .names import SURNAME_P, SURNAMES
from .world import EXTRACT, NO_DEATH, NULL, T0, T1, World, age_at, season_days


def _arr(items: list) -> np.ndarray:
    a = np.empty(len(items), dtype=object)
    a[:] = items
    return a


def _county_hospitals(rng: np.random.Generator, place: np.ndarray, p_city: float,
                      p_prov: float) -> np.ndarray:
    """Vectorised choice of the hospital serving ``place`` (county, city or provincial)."""
    n = len(place)
    first = np.array([geo.COUNTY_HOSP[int(c)][0] for c in geo.COUNTY_CODES])
    second = np.array([geo.COUNTY_HOSP[int(c)][-1] for c in geo.COUNTY_CODES])
    ci = np.searchsorted(geo.COUNTY_CODES, place)
    hosp = np.where(rng.random(n) < 0.8, first[ci], second[ci])
    city_h = np.array([geo.CITY_HOSP[int(c) // 100][0] for c in geo.COUNTY_CODES])
    city_h2 = np.array([geo.CITY_HOSP[int(c) // 100][-1] for c in geo.COUNTY_CODES])
    u = rng.random(n)
    hosp = np.where(u < p_city, np.where(rng.random(n) < 0.5, city_h[ci], city_h2[ci]), hosp)
    prov = np.array(geo.PROV_HOSP)[rng.integers(0, len(geo.PROV_HOSP), n)]
    return np.where(u > 1 - p_prov, prov, hosp)


def _dereg_lags(rng: np.random.Generator, n: int) -> np.ndarray:
    u = rng.random(n)
    return np.where(u < 0.6, rng.integers(2, 30, n),
                    np.where(u < 0.95, rng.integers(30, 180, n), rng.integers(180, 720, n)))


def _crem_lags(rng: np.random.Generator, n: int) -> np.ndarray:
    return rng.choice(9, n, p=[0.02, 0.15, 0.25, 0.28, 0.13, 0.07, 0.05, 0.03, 0.02])


def _place_of(w: World, pids: np.ndarray) -> np.ndarray:
    """Where people live: their registration county, or a random one for migrants."""
    hukou = w.people.hukou[pids]
    p = geo.COUNTY_POP / geo.COUNTY_POP.sum()
    anyc = geo.COUNTY_CODES[w.rng.choice(len(p), len(pids), p=p)].astype(np.int64)
    inside = np.isin(hukou, geo.COUNTY_CODES)
    moved = w.rng.random(len(pids)) < 0.05
    return np.where(inside & ~moved, hukou, anyc)


def _dereg_frame(w: World, pids: np.ndarray, days: np.ndarray, causes: np.ndarray,
                 p: float, declared: float = 0.0) -> None:
    """Household-registration cancellations; ``declared`` of them by a declaration of death
    (a body never found), months later and without a death date."""
    rng = w.rng
    n = len(pids)
    hukou = w.people.hukou[pids]
    dec = rng.random(n) < declared
    dereg = days + np.where(dec, rng.integers(150, 500, n), _dereg_lags(rng, n))
    keep = (hukou // 10000 == 52) & (rng.random(n) < p) & (dereg <= EXTRACT)
    death = np.where((rng.random(n) < 0.015) | dec, NULL, days)
    reason = np.where(dec, "declared_dead", "death").astype(object)
    w.add_frame("deregistrations", {"pid": pids, "death": death, "dereg": dereg,
                                    "region": hukou, "cause": causes, "reason": reason}, keep)


def _cremation_frame(w: World, pids: np.ndarray, days: np.ndarray, place: np.ndarray,
                     hosp: np.ndarray, causes: np.ndarray, issuer: np.ndarray,
                     origin: np.ndarray, p: np.ndarray, lags: np.ndarray) -> None:
    rng = w.rng
    n = len(pids)
    home = geo.SERVING_HOME_ARR[np.searchsorted(geo.COUNTY_CODES, place)]
    # deaths in a city or provincial hospital: often cremated where the hospital is
    hc = geo.HOSP_COUNTY[np.maximum(hosp, 0)]
    big = (hosp >= 0) & np.isin(hosp, [i for i, lv in enumerate(geo.HOSP_LEVEL)
                                       if lv in ("city", "provincial")])
    there = geo.SERVING_HOME_ARR[np.searchsorted(geo.COUNTY_CODES, hc)]
    home = np.where(big & (rng.random(n) < 0.6), there, home)
    crem = days + lags
    keep = (rng.random(n) < p) & (crem <= EXTRACT)
    w.add_frame("cremations", {
        "pid": pids, "death": np.where(rng.random(n) < 0.03, NULL, days), "crem": crem,
        "home": home, "cause": causes, "issuer": issuer, "origin": origin}, keep)


def natural_records(w: World, pids: np.ndarray, days: np.ndarray, place: np.ndarray,
                    cause_pool: list[str] | None = None) -> None:
    """Deregistration and cremation of people who died of illness or old age."""
    rng = w.rng
    n = len(pids)
    if n == 0:
        return
    age = age_at(w.people.birth[pids], days)
    urban = geo.COUNTY_URBAN[np.searchsorted(geo.COUNTY_CODES, place)]
    in_hosp = rng.random(n) < np.where(urban, 0.6, 0.32)
    hosp = np.where(in_hosp, _county_hospitals(rng, place, 0.12, 0.05), -1)
    _dereg_frame(w, pids, days, _arr(codes.DEREG_NATURAL)[rng.integers(
        0, len(codes.DEREG_NATURAL), n)], 0.94)
    if cause_pool is None:
        causes = _arr(codes.NATURAL_CAUSES)[rng.choice(len(codes.NATURAL_CAUSES), n,
                                                       p=codes.NATURAL_CAUSE_P)]
        old = (age >= 85) & (rng.random(n) < 0.3)
        causes[old] = _arr(codes.OLD_AGE_CAUSES)[rng.integers(0, 3, int(old.sum()))]
        sudden = (age < 65) & (rng.random(n) < 0.10)
        causes[sudden] = _arr(codes.SUDDEN_CAUSES)[rng.integers(0, 5, int(sudden.sum()))]
    else:
        causes = _arr(cause_pool)[rng.integers(0, len(cause_pool), n)]
    causes[rng.random(n) < 0.05] = None
    u = rng.random(n)
    issuer = np.where(in_hosp, np.where(u < 0.95, "hospital", "other"),
                      np.where(u < 0.72, "community", np.where(u < 0.87, "other", np.where(
                          u < 0.92, "police", "")))).astype(object)
    issuer[issuer == ""] = None
    hosp_names = _arr(geo.HOSP_NAME)
    origin = np.where(in_hosp, hosp_names[np.maximum(hosp, 0)], "家中").astype(object)
    v = rng.random(n)
    origin[~in_hosp & (age >= 75) & (v < 0.07)] = "敬老院"
    origin[~in_hosp & (v > 0.93)] = None
    origin[in_hosp & (v > 0.97)] = None
    _cremation_frame(w, pids, days, place, hosp, causes, issuer, origin,
                     np.where(urban, 0.88, 0.42), _crem_lags(rng, n))


def natural_deaths(w: World) -> None:
    """People who die of illness or old age, most never seen by any other department."""
    rng = w.rng
    n = w.n(210000, 200)
    u = rng.random(n)
    ages = np.where(u < 0.85, np.clip(rng.normal(79, 9, n), 60, 104),
                    np.where(u < 0.97, rng.uniform(40, 60, n), rng.uniform(1, 40, n)))
    ages = ages.astype(np.int64)
    days = season_days(rng, n, amp=0.2, peak_doy=15)
    male = rng.random(n) < 0.55
    p = geo.COUNTY_POP / geo.COUNTY_POP.sum()
    hukou = geo.COUNTY_CODES[rng.choice(len(p), n, p=p)].astype(np.int64)
    pids = w.people.add(births_for_ages(rng, ages, days), male, hukou)
    w.people.die(pids, days, 1)
    natural_records(w, pids, days, _place_of(w, pids))
    w.count("natural_deaths", n)


def worker_natural_deaths(w: World, exclude: np.ndarray) -> None:
    """Enrolled workers who die of illness — many at high-risk employers (a hard negative)."""
    rng = w.rng
    pids = np.unique(w.sp_pid)
    pids = pids[(w.people.death[pids] == NO_DEATH) & ~np.isin(pids, exclude)]
    age = age_at(w.people.birth[pids], (T0 + T1) // 2)
    hazard = 3 * 0.0006 * np.exp(0.085 * (age - 30))
    die = rng.random(len(pids)) < hazard
    pids = pids[die]
    days = rng.integers(T0, T1 + 1, len(pids))
    w.people.die(pids, days, 1)
    natural_records(w, pids, days, _place_of(w, pids))
    w.count("worker_natural_deaths", len(pids))


NONOCC_MIX = {"traffic": .37, "home_fall": .22, "drowning": .09, "suicide": .15,
              "assault": .03, "farm": .04, "home_electric": .03}
_AGES = {"traffic": (15, 42, 85), "home_fall": (65, 83, 99), "drowning": (4, 25, 75),
         "suicide": (16, 55, 90), "assault": (18, 35, 65), "farm": (30, 55, 78),
         "home_electric": (20, 50, 80)}
_MALE = {"traffic": .72, "home_fall": .45, "drowning": .75, "suicide": .6, "assault": .8,
         "farm": .7, "home_electric": .7}
_MED_P = {"traffic": .55, "home_fall": .6, "drowning": .15, "suicide": .35, "assault": .5,
          "farm": .4, "home_electric": .3, "co_home": .4}
_POLICE = {"traffic", "drowning", "suicide", "assault", "home_electric", "co_home"}


def nonocc_records(w: World, kind: str, pids: np.ndarray, days: np.ndarray,
                   place: np.ndarray, hosp: np.ndarray | None = None) -> None:
    """Medical, deregistration and cremation records of non-occupational injury deaths."""
    rng = w.rng
    n = len(pids)
    if n == 0:
        return
    info = codes.NONOCC[kind]
    med = rng.random(n) < _MED_P[kind]
    if hosp is None:
        hosp = _county_hospitals(rng, place, 0.2, 0.06)
    stay = rng.integers(2, 25, n) if kind == "home_fall" else (rng.random(n) < 0.3) * \
        rng.integers(1, 4, n)
    admit = (days - stay) * DAY + rng.integers(0, DAY, n)
    disch = np.maximum(days * DAY + rng.integers(0, DAY, n), admit + 1800)
    diag = _arr(info["diag"])[rng.integers(0, len(info["diag"]), n)]
    ext = _arr(info["ext"])[rng.integers(0, len(info["ext"]), n)]
    ext[rng.random(n) < 0.15] = None
    if kind == "traffic":
        payer = rng.choice(["commercial", "resident_insurance", "employee_insurance",
                            "self_pay"], n, p=[.3, .35, .15, .2])
    else:
        payer = rng.choice(["resident_insurance", "employee_insurance", "self_pay"], n,
                           p=[.5, .2, .3])
    keep = med & (admit >= T0 * DAY)
    w.add_frame("medical_records", {
        "pid": pids, "hosp": hosp, "admit": admit, "disch": disch, "diag": diag, "ext": ext,
        "disp": "died", "payer": payer.astype(object)}, keep)
    _dereg_frame(w, pids, days, _arr(info["dereg"])[rng.integers(0, len(info["dereg"]), n)],
                 0.93, declared=0.08 if kind == "drowning" else 0.0)
    u = rng.random(n)
    police = kind in _POLICE
    issuer = np.where(med & (u < 0.8), "hospital",
                      np.where(police, "police", np.where(u < 0.9, "community", "other")))
    hosp_names = _arr(geo.HOSP_NAME)
    origin = hosp_names[hosp].copy()
    if kind in ("home_fall", "co_home", "home_electric", "suicide"):
        origin[~med] = "家中"
    else:
        origin[~med] = [geo.place(rng, int(c)) for c in place[~med]]
    lags = rng.integers(2, 11, n) if police else _crem_lags(rng, n)
    causes = _arr(info["cert"])[rng.integers(0, len(info["cert"]), n)]
    urban = geo.COUNTY_URBAN[np.searchsorted(geo.COUNTY_CODES, place)]
    _cremation_frame(w, pids, days, place, np.where(med, hosp, -1), causes,
                     issuer.astype(object), origin, np.where(urban, 0.9, 0.5), lags)


def nonocc_deaths(w: World, exclude: np.ndarray) -> None:
    """Traffic, falls at home, drowning, suicide, assault, farm and household electrocution."""
    rng = w.rng
    n = w.n(15000, 60)
    kinds = list(NONOCC_MIX)
    pk = np.array([NONOCC_MIX[k] for k in kinds])
    kind_of = rng.choice(len(kinds), n, p=pk / pk.sum())
    # a fifth of the working-age deaths are enrolled workers, off duty
    workers = np.unique(w.sp_pid)
    workers = workers[(w.people.death[workers] == NO_DEATH) & ~np.isin(workers, exclude)]
    for k, kind in enumerate(kinds):
        m = int((kind_of == k).sum())
        if m == 0:
            continue
        if kind == "drowning":
            days = season_days(rng, m, amp=0.8, peak_doy=200)
        else:
            days = rng.integers(T0, T1 + 1, m)
        n_w = int(rng.binomial(m, 0.2)) if kind in ("traffic", "drowning", "suicide",
                                                    "assault", "home_electric") else 0
        n_w = min(n_w, len(workers))
        wp = rng.choice(workers, n_w, replace=False) if n_w else np.empty(0, np.int64)
        workers = workers[~np.isin(workers, wp)]
        lo, mode, hi = _AGES[kind]
        ages = np.round(rng.triangular(lo, mode, hi, m - n_w)).astype(np.int64)
        male = rng.random(m - n_w) < _MALE[kind]
        p = geo.COUNTY_POP / geo.COUNTY_POP.sum()
        hukou = geo.COUNTY_CODES[rng.choice(len(p), m - n_w, p=p)].astype(np.int64)
        new = w.people.add(births_for_ages(rng, ages, days[n_w:]), male, hukou)
        pids = np.concatenate([wp, new])
        w.people.die(pids, days, 2)
        nonocc_records(w, kind, pids, days, _place_of(w, pids))
        w.count(f"nonocc_{kind}", m)
    _co_households(w)
    _family_crashes(w)


def _co_households(w: World) -> None:
    """Coal-stove carbon-monoxide deaths of whole households in winter: several deaths at one
    place on one day, with no employer at all."""
    rng = w.rng
    for _ in range(w.n(450, 2)):
        d = int(season_days(rng, 1, amp=3.0, peak_doy=10)[0])
        p = geo.COUNTY_POP / geo.COUNTY_POP.sum()
        c = int(geo.COUNTY_CODES[rng.choice(len(p), p=p)])
        k = int(rng.choice([2, 3, 4], p=[.55, .3, .15]))
        ages = np.concatenate([rng.integers(35, 80, 2), rng.integers(2, 20, k)])[:k]
        male = np.array([True, False, *(rng.random(max(k - 2, 0)) < 0.5)])[:k]
        sn = int(rng.choice(len(SURNAMES), p=SURNAME_P))
        surname = np.array([sn, -1] + [sn] * (k - 2))[:k]
        pids = w.people.add(births_for_ages(rng, ages, d), male, np.full(k, c), surname)
        dead = np.ones(k, dtype=bool)
        if k > 2 and rng.random() < 0.3:
            dead[-1] = False  # a child survives
        w.people.die(pids[dead], d, 2)
        hosp = np.full(k, geo.county_hospital(rng, c))
        nonocc_records(w, "co_home", pids[dead], np.full(int(dead.sum()), d),
                       np.full(int(dead.sum()), c), hosp[dead])
        for pid in pids[~dead]:
            admit = d * DAY + int(rng.integers(6, 11)) * 3600
            emit_medical(w, int(pid), int(hosp[0]), admit, admit + int(rng.integers(2, 8)) * DAY,
                         "T58", "X47.0", "discharged", "resident_insurance")
        w.count("co_households")


def _family_crashes(w: World) -> None:
    """Private-car crashes: several trauma admissions at one hospital, one or two deaths."""
    rng = w.rng
    for _ in range(w.n(200, 2)):
        d = int(rng.integers(T0, T1 + 1))
        p = geo.COUNTY_POP / geo.COUNTY_POP.sum()
        c = int(geo.COUNTY_CODES[rng.choice(len(p), p=p)])
        k = int(rng.choice([2, 3, 4, 5], p=[.4, .3, .2, .1]))
        ages = rng.integers(3, 75, k)
        male = rng.random(k) < 0.5
        sn = int(rng.choice(len(SURNAMES), p=SURNAME_P))
        surname = np.where(rng.random(k) < 0.6, sn, -1)
        pids = w.people.add(births_for_ages(rng, ages, d), male, np.full(k, c), surname)
        n_dead = int(rng.choice([1, 2], p=[.7, .3]))
        hosp = geo.county_hospital(rng, c)
        w.people.die(pids[:n_dead], d, 2)
        nonocc_records(w, "traffic", pids[:n_dead], np.full(n_dead, d), np.full(n_dead, c),
                       np.full(n_dead, hosp))
        for pid in pids[n_dead:]:
            admit = d * DAY + int(rng.integers(8, 22)) * 3600
            serious = rng.random() < 0.4
            stay = int(rng.integers(14, 60)) if serious else int(rng.integers(1, 10))
            ext = str(pick(rng, ["V43.5", "V43.6", "V47.5", "V48.6"]))
            emit_medical(w, int(pid), hosp, admit, admit + stay * DAY,
                         str(pick(rng, codes.MINOR["traffic"]["diag"])), ext, "discharged",
                         str(pick(rng, ["commercial", "resident_insurance", "self_pay"])))
        w.count("family_crashes")


def _sample_spells(w: World, n: int, exclude: np.ndarray, industries: list[int] | None = None,
                   min_age: int = 18, max_age: int = 62) -> list[tuple[int, int, int]]:
    """(person, spell, day) for people at work on a day of the window."""
    rng = w.rng
    lo = np.maximum(w.sp_start, T0)
    hi = np.where(w.sp_end < 0, T1, np.minimum(w.sp_end, T1))
    ok = (hi > lo + 5) & w.sp_keep & ~np.isin(w.sp_pid, exclude)
    if industries is not None:
        assert w.ent is not None
        ok &= np.isin(w.ent.industry[w.sp_ent], industries)
    cand = np.flatnonzero(ok)
    out: list[tuple[int, int, int]] = []
    seen: set[int] = set()
    tries = 0
    while len(out) < n and tries < 50 * n + 100 and len(cand):
        tries += 1
        s = int(cand[rng.integers(len(cand))])
        pid = int(w.sp_pid[s])
        d = int(rng.integers(lo[s], hi[s]))
        age = int(age_at(w.people.birth[pid], d))
        if pid in seen or w.people.death[pid] != NO_DEATH or not min_age <= age <= max_age:
            continue
        seen.add(pid)
        out.append((pid, s, d))
    return out


def work_related_deaths(w: World, exclude: np.ndarray) -> None:
    """Deaths recognised as work deaths that are not production-safety accidents: commuting
    crashes, sudden illness at the workplace, pneumoconiosis."""
    rng, ent = w.rng, w.ent
    assert ent is not None
    for pid, s, d in _sample_spells(w, w.n(300), exclude):
        w.people.die(pid, d, 2)
        c = int(ent.county[w.sp_ent[s]])
        nonocc_records(w, "traffic", np.array([pid]), np.array([d]), np.array([c]))
        if rng.random() < 0.8:
            applied = d + int(rng.integers(20, 90))
            emit_claim(w, pid, int(w.sp_ent[s]), d, applied, applied + int(rng.integers(30, 90)),
                       "death" if rng.random() < 0.85 else "rejected", codes.COMMUTE_DESC)
        w.count("commuting_deaths")
    for pid, s, d in _sample_spells(w, w.n(400), exclude, min_age=35):
        w.people.die(pid, d, 1)
        c = int(ent.county[w.sp_ent[s]])
        hosp = geo.county_hospital(rng, c)
        emit_dereg(w, pid, d, str(pick(rng, codes.DEREG_ILLNESS)))
        if rng.random() < 0.75:
            in_h = rng.random() < 0.75
            emit_cremation(w, pid, d, d + cremation_lag(rng), geo.SERVING_HOME[c],
                           str(pick(rng, codes.SUDDEN_CAUSES)),
                           "hospital" if in_h else "community",
                           geo.HOSP_NAME[hosp] if in_h else "家中")
        if rng.random() < 0.8:
            applied = d + int(rng.integers(15, 60))
            emit_claim(w, pid, int(w.sp_ent[s]), d, applied, applied + int(rng.integers(30, 120)),
                       "death" if rng.random() < 0.8 else "rejected", codes.SUDDEN_DESC)
        w.count("sudden_deaths_at_work")
    mining = [geo.IND["coal_mining"], geo.IND["non_coal_mining"]]
    for pid, s, d in _sample_spells(w, w.n(300), exclude, industries=mining, min_age=45,
                                    max_age=75):
        w.people.die(pid, d, 1)
        c = int(ent.county[w.sp_ent[s]])
        emit_dereg(w, pid, d, "病故")
        if rng.random() < 0.6:
            hosp = geo.pick_hospital(rng, c, severe=True)
            emit_cremation(w, pid, d, d + cremation_lag(rng), geo.SERVING_HOME[c],
                           str(pick(rng, codes.PNEUMOCONIOSIS_CAUSES)), "hospital",
                           geo.HOSP_NAME[hosp])
        if rng.random() < 0.7:
            applied = d + int(rng.integers(15, 120))
            emit_claim(w, pid, int(w.sp_ent[s]), d, applied, applied + int(rng.integers(30, 120)),
                       "death", codes.PNEUMO_DESC)
        w.count("pneumoconiosis_deaths")
