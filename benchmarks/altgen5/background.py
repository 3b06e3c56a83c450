"""Vectorised background: natural and non-occupational deaths, routine injuries, employment."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import polars as pl

from .codes import CERT_ILLNESS, ILLNESS_CAUSES, NONWORK_MECH, WORK_MINOR_MECH
from .sim import D0, D1, World, day, place_names

DAY = 86400
H = 3600


def _cat(rng: np.random.Generator, items: Sequence[str | None], p: Sequence[float],
         n: int) -> list:
    pp = np.array(p, dtype=float)
    idx = rng.choice(len(items), size=n, p=pp / pp.sum())
    return [items[i] for i in idx]


def _uniform_days(rng: np.random.Generator, lo: np.ndarray | int, hi: np.ndarray | int,
                  n: int) -> np.ndarray:
    lo_a = np.broadcast_to(np.asarray(lo), (n,))
    hi_a = np.broadcast_to(np.asarray(hi), (n,))
    return (lo_a + np.floor(rng.random(n) * np.maximum(hi_a - lo_a + 1, 1))).astype(np.int64)


def pick_hospital(w: World, county: np.ndarray, city_p: float = 0.3) -> np.ndarray:
    rng, g = w.rng, w.geo
    out = np.zeros(len(county), dtype=np.int64)
    use_city = rng.random(len(county)) < city_p
    for c in np.unique(county):
        m = county == c
        cc = str(c)
        if not cc.startswith("14"):
            cc = str(g.county_codes[0])
        local = g.hospital_by_county.get(cc, g.hospital_by_city[cc[:4]])
        city = g.hospital_by_city[cc[:4]]
        k = int(m.sum())
        out[m] = np.where(use_city[m], np.array(city)[rng.integers(0, len(city), k)],
                          np.array(local)[rng.integers(0, len(local), k)])
    return out


def pick_funeral(w: World, city: np.ndarray) -> np.ndarray:
    rng, g = w.rng, w.geo
    out = np.zeros(len(city), dtype=np.int64)
    for c in np.unique(city):
        m = city == c
        homes = g.funeral_by_city.get(str(c), g.funeral_by_city[g.city_codes[0]])
        out[m] = np.array(homes)[rng.integers(0, len(homes), int(m.sum()))]
    return out


def home_city(w: World, persons: np.ndarray) -> np.ndarray:
    hk = w.pop.arr("hukou")[persons]
    city = np.array([h[:4] for h in hk.tolist()])
    other = ~np.char.startswith(city, "14")
    city[other] = np.array(w.geo.city_codes)[w.rng.integers(0, len(w.geo.city_codes),
                                                            int(other.sum()))]
    return city


def v_dereg(w: World, persons: np.ndarray, death: np.ndarray, causes: list, p: float,
            median: float) -> None:
    rng = w.rng
    n = len(persons)
    on = death + rng.lognormal(np.log(median), 0.9, n).astype(np.int64)
    long = rng.random(n) < 0.04
    on = np.where(long, on + rng.integers(150, 700, n), on)
    shanxi = np.char.startswith(w.pop.arr("hukou")[persons], "14")
    keep = shanxi & (rng.random(n) < p) & (on <= D1)
    df = pl.DataFrame({"person": persons, "death_date": death, "deregistered_on": on,
                       "reason": ["death"] * n, "death_cause": pl.Series(causes, dtype=pl.Utf8)})
    w.add_frame("deregistrations", df.filter(pl.Series(keep)))


def v_cremation(w: World, persons: np.ndarray, death: np.ndarray, delay: np.ndarray,
                funeral: np.ndarray, cause: list, issuer: list, origin: list, p: float) -> None:
    n = len(persons)
    keep = (w.rng.random(n) < p) & (death + delay <= D1)
    df = pl.DataFrame({"person": persons, "death_date": death, "cremated_on": death + delay,
                       "funeral": funeral, "death_cause": pl.Series(cause, dtype=pl.Utf8),
                       "certificate_issuer": pl.Series(issuer, dtype=pl.Utf8),
                       "body_origin": pl.Series(origin, dtype=pl.Utf8)})
    w.add_frame("cremations", df.filter(pl.Series(keep)))


def v_medical(w: World, persons: np.ndarray, hosp: np.ndarray, admitted: np.ndarray,
              stay: np.ndarray, diag: list, ext: list, disposition: list, payer: list,
              employer: list, id_miss_p: float | np.ndarray, keep: np.ndarray | None = None
              ) -> None:
    n = len(persons)
    dis = admitted + stay
    ok = (dis <= (D1 + 1) * DAY) & (admitted >= D0 * DAY)
    if keep is not None:
        ok &= keep
    df = pl.DataFrame({
        "person": persons, "hospital": hosp, "admitted_at": admitted, "discharged_at": dis,
        "diagnosis_icd10": pl.Series(diag, dtype=pl.Utf8),
        "external_cause_icd10": pl.Series(ext, dtype=pl.Utf8),
        "disposition": pl.Series(disposition, dtype=pl.Utf8),
        "payer": pl.Series(payer, dtype=pl.Utf8), "employer_name": pl.Series(employer,
                                                                             dtype=pl.Utf8),
        "id_miss_p": np.broadcast_to(np.asarray(id_miss_p, dtype=float), (n,)).copy(),
        "anon": np.zeros(n, dtype=bool)})
    w.add_frame("medical_records", df.filter(pl.Series(ok)))


def free_workers(w: World, k: int, min_start_before: int = D1) -> np.ndarray:
    """Indices into the worker arrays of k living workers not used elsewhere (then taken)."""
    rng = w.rng
    taken = np.fromiter(w.taken, dtype=np.int64) if w.taken else np.zeros(0, np.int64)
    ok = ~np.isin(w.w_person, taken) & (w.w_start < min_start_before)
    cand = np.flatnonzero(ok)
    pick = rng.choice(cand, size=min(k, len(cand)), replace=False)
    return np.sort(pick)


def employer_labels(w: World, emp: np.ndarray, p_null: float) -> list:
    rng, ent = w.rng, w.ent
    r = rng.random(len(emp))
    out = np.where(r < 0.5, ent.short[emp], np.where(r < 0.8, ent.name[emp], ent.alt[emp]))
    res: list[str | None] = out.tolist()
    for i in np.flatnonzero(rng.random(len(emp)) < p_null):
        res[i] = None
    return res


def _record_deaths(w: World, persons: np.ndarray, cls: str) -> None:
    w.deaths.append(pl.DataFrame({"person": persons, "death_class": [cls] * len(persons)}))
    w.taken.update(int(p) for p in persons)


def natural_deaths(w: World) -> None:
    rng = w.rng
    n_total = w.n(398_000, 20)
    # working-age deaths of enrolled workers (hard negatives at high-risk employers)
    k_w = max(2, round(len(w.w_person) * 0.0035))
    wi = free_workers(w, k_w)
    wp = w.w_person[wi]
    wd = _uniform_days(rng, np.maximum(w.w_start[wi] + 1, D0), D1, len(wi))
    n_g = max(10, n_total - len(wi))
    bins = np.array([20, 40, 60, 70, 80, 90, 100])
    wts = np.array([.02, .13, .18, .27, .30, .10])
    b = rng.choice(6, n_g, p=wts)
    ages = bins[b] + rng.random(n_g) * (bins[b + 1] - bins[b])
    gp = w.pop.add(rng, w.geo, ages, 0.57)
    gd = _uniform_days(rng, D0, D1, n_g)
    persons = np.concatenate([wp, gp])
    death = np.concatenate([wd, gd])
    for p, d in zip(wp.tolist(), wd.tolist(), strict=True):
        end = d + int(rng.integers(0, 45))
        w.emp_end_override[p] = None if end > D1 else end
    n = len(persons)
    place = rng.choice(3, n, p=[.45, .5, .05])  # hospital, home, other
    city = home_city(w, persons)
    hk = w.pop.arr("hukou")[persons]
    hosp = pick_hospital(w, hk)
    causes = _cat(rng, ["病故", None, *ILLNESS_CAUSES], [45, 35] + [2] * len(ILLNESS_CAUSES), n)
    v_dereg(w, persons, death, causes, 0.9, 20)
    far = rng.random(n) < 0.07
    fc = np.where(far, np.array(w.geo.city_codes)[rng.integers(0, 11, n)], city)
    delay = rng.choice(8, n, p=[.02, .08, .2, .4, .12, .08, .05, .05])
    delay = np.where(delay == 7, rng.integers(7, 30, n), delay)
    hosp_names = np.array([h[0] for h in w.geo.hospitals])[hosp]
    issuer = np.where(place == 0, "hospital", np.where(place == 1, "community", "police"))
    iss = issuer.astype(object)
    r_iss = rng.random(n)
    iss[(place == 1) & (r_iss < 0.1)] = "other"
    iss[(place == 1) & (r_iss > 0.9)] = None
    iss[(place == 2) & (rng.random(n) < 0.4)] = "other"
    origin = np.where(place == 0, hosp_names, np.where(place == 1, "家中",
                                                         place_names(rng, n))).astype(object)
    origin[rng.random(n) < 0.05] = None
    cert = _cat(rng, [*CERT_ILLNESS, None], [1.0] * len(CERT_ILLNESS) + [1.8], n)
    v_cremation(w, persons, death, delay, pick_funeral(w, fc), cert, iss.tolist(),
                origin.tolist(), 0.6)
    _record_deaths(w, persons, "natural")
    # deaths before the window whose registration is cancelled late, and court declarations
    n_old = max(2, round(n_total * 0.03))
    op = w.pop.add(rng, w.geo, rng.uniform(55, 95, n_old), 0.55)
    od = _uniform_days(rng, day(2012, 1, 1), D0 - 60, n_old)
    on = _uniform_days(rng, D0, D1, n_old)
    declared = rng.random(n_old) < 0.05
    od_obj = od.astype(object)
    od_obj[declared | (rng.random(n_old) < 0.3)] = None
    df = pl.DataFrame({"person": op, "death_date": pl.Series(od_obj.tolist(), dtype=pl.Int64),
                       "deregistered_on": on,
                       "reason": np.where(declared, "declared_dead", "death"),
                       "death_cause": pl.Series(_cat(rng, [None, "病故"], [.7, .3], n_old),
                                                dtype=pl.Utf8)})
    w.add_frame("deregistrations", df)
    _record_deaths(w, op, "natural")


# type: share, worker share, age range, male share, medical p, externals, diagnoses,
#       dereg causes, certificate causes, issuer
NONOCC: dict[str, tuple] = {
    "traffic": (.38, .15, (15, 80), .7, .6, ["V03.1", "V23.4", "V43.5", "V47.5", "V89.2"],
                ["S06.5", "T07", "S27.2", "S36.1"], ["交通事故"], ["交通事故", "颅脑损伤", None],
                "police"),
    "home_fall": (.22, 0, (65, 96), .45, .85, ["W01.0", "W10.0", "W18.0", "W19.0", "W06.0"],
                  ["S72.0", "S06.5", "S32.0", "S06.6"], ["意外", "病故", None],
                  ["多器官功能衰竭", "肺部感染", "颅脑损伤", None], "hospital"),
    "co_home": (.10, .08, (5, 85), .5, .5, ["X47.0"], ["T58"], ["煤气中毒", "意外", None],
                ["一氧化碳中毒", None], "police"),
    "drowning": (.05, 0, (6, 70), .75, .2, ["W69.8", "W74.8", "W69.9"], ["T75.1"],
                 ["溺水", "意外"], ["溺水", None], "police"),
    "suicide": (.10, .1, (16, 90), .6, .3, ["X70.0", "X68.0", "X80.0"], ["T71", "T60.0", "T07"],
                [None, "自杀"], [None, "机械性窒息", "中毒"], "police"),
    "farm": (.05, 0, (30, 75), .8, .5, ["W30.7", "W55.7", "W20.7"], ["S06.5", "T07", "S36.1"],
             ["意外"], ["意外", "多发伤", None], "community"),
    "electro_home": (.02, 0, (10, 80), .6, .4, ["W87.0"], ["T75.4"], ["触电", "意外"],
                     ["电击伤", None], "police"),
    "commute": (.04, 1.0, (20, 60), .75, .7, ["V23.4", "V43.4", "V03.1"],
                ["S06.5", "T07", "S27.2"], ["交通事故"], ["交通事故", "颅脑损伤"], "police"),
    "other_fall": (.04, 0, (30, 90), .6, .6, ["W13.0", "W13.4", "W17.8"], ["S06.5", "T07"],
                   ["意外", None], ["颅脑损伤", "多发伤", None], "police"),
}


def nonocc_deaths(w: World) -> None:
    rng = w.rng
    n_total = w.n(32_600, 12)
    for t, (share, wshare, (a0, a1), male, med_p, exts, diags, dcauses, ccauses,
            issuer) in NONOCC.items():
        n = max(1, round(n_total * share))
        n_w = round(n * wshare)
        wi = free_workers(w, n_w)
        n_w = len(wi)
        wp = w.w_person[wi]
        n_new = n - n_w
        if t == "co_home":  # families poisoned together by a coal stove, in winter
            sizes = rng.choice([1, 2, 3], size=n_new, p=[.55, .3, .15])
            cum = np.cumsum(sizes)
            sizes = sizes[: int(np.searchsorted(cum, n_new)) + 1]
            ev_county = w.geo.county_codes[rng.choice(len(w.geo.county_codes), len(sizes),
                                                      p=w.geo.county_pop_w)]
            hk = np.repeat(ev_county, sizes)[:n_new]
            ev = np.repeat(np.arange(len(sizes)), sizes)[:n_new]
            np_ = w.pop.add(rng, w.geo, rng.uniform(a0, a1, n_new), male, hukou=hk)
        else:
            np_ = w.pop.add(rng, w.geo, rng.uniform(a0, a1, n_new), male, 0.02)
            ev = np.arange(n_new)
        persons = np.concatenate([wp, np_])
        d_w = _uniform_days(rng, np.maximum(w.w_start[wi] + 1, D0), D1, n_w)
        d_new = _uniform_days(rng, D0, D1, n_new)
        if t == "co_home":
            winter = _winter_days(rng, int(ev.max()) + 1 if n_new else 0)
            d_new = winter[ev]
            d_w = _winter_days(rng, n_w)
        death = np.concatenate([d_w, d_new])
        n = len(persons)
        for p, d in zip(wp.tolist(), d_w.tolist(), strict=True):
            end = d + int(rng.integers(0, 45))
            w.emp_end_override[p] = None if end > D1 else end
        hk_all = w.pop.arr("hukou")[persons]
        hosp = pick_hospital(w, hk_all)
        if t == "co_home" and n_new:
            ev_h = pick_hospital(w, hk_all[n_w:][np.unique(ev, return_index=True)[1]])
            hosp[n_w:] = ev_h[ev]
        in_med = rng.random(n) < med_p
        if t == "home_fall":
            stay = rng.integers(2, 40, n) * DAY + rng.integers(0, DAY, n)
        else:
            stay = rng.integers(1, 18, n) * H
        admitted = death * DAY + rng.integers(0, DAY, n) - stay
        diag = _cat(rng, list(diags), [1.0] * len(diags), n)
        ext = _cat(rng, list(exts), [1.0] * len(exts), n)
        payer = _cat(rng, ["resident_insurance", "employee_insurance", "self_pay", "commercial"],
                     [.5, .2, .25, .05], n)
        v_medical(w, persons, hosp, admitted, stay, diag, ext, ["died"] * n, payer, [None] * n,
                  0.3, keep=in_med)
        v_dereg(w, persons, death, _cat(rng, list(dcauses), [1.0] * len(dcauses), n), 0.9, 25)
        hn = np.array([h[0] for h in w.geo.hospitals])[hosp]
        iss = np.where(in_med, "hospital", issuer).astype(object)
        origin = np.where(in_med, hn, np.where(rng.random(n) < .5, "家中",
                                               place_names(rng, n))).astype(object)
        delay = rng.choice(7, n, p=[.02, .1, .25, .35, .13, .1, .05])
        v_cremation(w, persons, death, delay, pick_funeral(w, home_city(w, persons)),
                    _cat(rng, list(ccauses), [1.0] * len(ccauses), n), iss.tolist(),
                    origin.tolist(), 0.65)
        if t == "commute" and n_w:
            e = w.w_emp[wi]
            _v_claims(w, wp, e, d_w, _cat(rng, ["death", "rejected"], [.9, .1], n_w),
                      ["上班途中发生非本人主要责任的交通事故死亡"] * n_w, family=True)
        _record_deaths(w, persons, "non_occupational")


def _winter_days(rng: np.random.Generator, n: int) -> np.ndarray:
    c = _uniform_days(rng, D0, D1, max(4 * n, 8))
    m = (np.datetime64("1970-01-01") + c.astype("timedelta64[D]")).astype("datetime64[M]")
    month = m.astype(int) % 12 + 1
    c = c[np.isin(month, [11, 12, 1, 2, 3])]
    return c[:n] if len(c) >= n else np.resize(c, n)


def _v_claims(w: World, persons: np.ndarray, emp: np.ndarray, injury: np.ndarray,
              outcome: list, desc: list, family: bool = False) -> None:
    rng, ent = w.rng, w.ent
    n = len(persons)
    lag = rng.lognormal(np.log(100 if family else 20), 0.7, n).astype(np.int64)
    applied = injury + lag
    decided = applied + rng.integers(15, 75, n)
    out = np.array(outcome, dtype=object)
    pending = (decided > D1) | (out == "pending")
    out[pending] = "pending"
    r = rng.random(n)
    names = np.where(r < 0.8, ent.name[emp], ent.alt[emp])
    df = pl.DataFrame({
        "person": persons, "employer_name": names, "employer_uscc": ent.uscc[emp],
        "injury_date": injury, "applied_on": applied,
        "decided_on": pl.Series(np.where(pending, -1, decided)).replace(-1, None),
        "outcome": pl.Series(out.tolist(), dtype=pl.Utf8),
        "injury_description": pl.Series(desc, dtype=pl.Utf8), "region_code": ent.region[emp]})
    w.add_frame("injury_claims", df.filter(pl.Series((applied <= D1) & (applied >= D0))))


def sudden_illness_at_work(w: World) -> None:
    """Deaths from sudden illness at work within 48 h: treated as work deaths by the claim
    rules (视同工亡), natural deaths for the accident statistics."""
    rng = w.rng
    wi = free_workers(w, w.n(450, 2))
    p = w.w_person[wi]
    n = len(p)
    d = _uniform_days(rng, np.maximum(w.w_start[wi] + 1, D0), D1, n)
    for pp, dd in zip(p.tolist(), d.tolist(), strict=True):
        w.emp_end_override[pp] = min(dd + int(rng.integers(0, 30)), D1)
    v_dereg(w, p, d, _cat(rng, ["猝死", "病故", None], [.4, .3, .3], n), 0.9, 20)
    hosp = pick_hospital(w, w.pop.arr("hukou")[p])
    hn = np.array([h[0] for h in w.geo.hospitals])[hosp]
    v_cremation(w, p, d, rng.integers(2, 6, n), pick_funeral(w, home_city(w, p)),
                _cat(rng, ["心源性猝死", "脑出血", "心肌梗死"], [.5, .3, .2], n),
                ["hospital"] * n, hn.tolist(), 0.7)
    _v_claims(w, p, w.w_emp[wi], d, _cat(rng, ["death", "rejected", "pending"], [.8, .12, .08], n),
              ["工作时间在工作岗位突发疾病，48小时内经抢救无效死亡"] * n, family=True)
    _record_deaths(w, p, "natural")


def work_injuries(w: World, n_med_total: int) -> None:
    rng, ent = w.rng, w.ent
    n_claims = w.n(60_000, 10)
    n_w = round(n_claims * 0.7)
    wi = free_workers(w, n_w)
    wp, we = w.w_person[wi], w.w_emp[wi]
    inj_w = _uniform_days(rng, np.maximum(w.w_start[wi] + 1, D0 - 200), D1 - 5, len(wi))
    n_o = n_claims - len(wi)
    op = w.pop.add(rng, w.geo, np.clip(rng.normal(40, 11, n_o), 18, 62), 0.7, 0.05)
    oe = rng.integers(ent.n_reg, len(ent.uscc), n_o)
    inj_o = _uniform_days(rng, D0 - 200, D1 - 5, n_o)
    persons = np.concatenate([wp, op])
    emp = np.concatenate([we, oe])
    inj = np.concatenate([inj_w, inj_o])
    n = len(persons)
    mech = rng.integers(0, len(WORK_MINOR_MECH), n)
    outcomes = _cat(rng, ["injury", "disability_10", "disability_9", "disability_8",
                          "disability_7", "disability_6", "disability_5", "rejected", "pending"],
                    [45, 15, 10, 6, 5, 2, 1, 8, 8], n)
    desc = [WORK_MINOR_MECH[m][2] for m in mech]
    for i in np.flatnonzero(rng.random(n) < 0.05):
        desc[i] = None
    _v_claims(w, persons, emp, inj, outcomes, desc)
    in_med = rng.random(n) < 0.75
    admitted = inj * DAY + rng.integers(7 * H, 22 * H, n)
    stay = rng.integers(1, 14, n) * DAY - rng.integers(0, 12 * H, n)
    _work_medical(w, persons, emp, admitted, stay, mech, in_med)
    # work injuries treated in hospital without a claim
    n_x = round(n_med_total * 0.06)
    xi = free_workers(w, round(n_x * 0.6))
    xp = np.concatenate([w.w_person[xi], w.pop.add(rng, w.geo, np.clip(
        rng.normal(40, 11, n_x - len(xi)), 17, 65), 0.75, 0.05)])
    xe = np.concatenate([w.w_emp[xi], rng.integers(ent.n_reg, len(ent.uscc), n_x - len(xi))])
    adm = _uniform_days(rng, D0, D1, n_x) * DAY + rng.integers(6 * H, 23 * H, n_x)
    st = rng.integers(1, 14, n_x) * DAY - rng.integers(0, 12 * H, n_x)
    _work_medical(w, xp, xe, adm, st, rng.integers(0, len(WORK_MINOR_MECH), n_x),
                  np.ones(n_x, dtype=bool))
    w.taken.update(int(p) for p in persons)
    w.taken.update(int(p) for p in xp)


def _work_medical(w: World, persons: np.ndarray, emp: np.ndarray, admitted: np.ndarray,
                  stay: np.ndarray, mech: np.ndarray, keep: np.ndarray) -> None:
    rng = w.rng
    n = len(persons)
    county = w.ent.region[emp]
    hosp = pick_hospital(w, county, 0.35)
    ext = [WORK_MINOR_MECH[m][0] for m in mech]
    short = rng.random(n) < 0.08
    ext = [e[:3] if s else e for e, s in zip(ext, short, strict=True)]
    act = rng.random(n) < 0.03  # a few hospitals export the activity digit: W20.62
    ext = [e + "2" if a and "." in e else e for e, a in zip(ext, act, strict=True)]
    diag = [WORK_MINOR_MECH[m][1] for m in mech]
    payer = _cat(rng, ["work_injury_insurance", "employee_insurance", "self_pay", "commercial"],
                 [.55, .2, .2, .05], n)
    disp = _cat(rng, ["discharged", "left_against_advice"], [.95, .05], n)
    v_medical(w, persons, hosp, admitted, stay, diag, ext, disp, payer,
              employer_labels(w, emp, 0.45), 0.08, keep=keep)


def nonwork_medical(w: World, n_target: int) -> None:
    rng = w.rng
    have = sum(f.height for f in w.recs.get("medical_records", []))
    n = max(10, n_target - have)
    n_people = round(n / 1.08)
    n_wk = round(n_people * 0.12)
    wi = free_workers(w, n_wk)
    ages = np.concatenate([rng.uniform(1, 18, round(n_people * .15)),
                           rng.uniform(18, 60, round(n_people * .5)),
                           rng.uniform(60, 95, n_people)])[: n_people - len(wi)]
    gp = w.pop.add(rng, w.geo, ages, 0.55, 0.01)
    people = np.concatenate([w.w_person[wi], gp])
    again = people[rng.random(len(people)) < 0.08]
    persons = np.concatenate([people, again])
    n = len(persons)
    wts = np.array([m[2] for m in NONWORK_MECH])
    mech = rng.choice(len(NONWORK_MECH), n, p=wts / wts.sum())
    ext: list[str | None] = []
    diag: list[str] = []
    ri = rng.random((n, 2))
    for m, (a, b) in zip(mech.tolist(), ri.tolist(), strict=True):
        exts, diags, _ = NONWORK_MECH[m]
        ext.append(exts[int(a * len(exts))])
        diag.append(diags[int(b * len(diags))])
    for i in np.flatnonzero(rng.random(n) < 0.1):
        ext[i] = None
    for i in np.flatnonzero(rng.random(n) < 0.05):
        e = ext[i]
        if e is not None:
            ext[i] = e[:3]
    hosp = pick_hospital(w, w.pop.arr("hukou")[persons], 0.35)
    admitted = _uniform_days(rng, D0, D1, n) * DAY + rng.integers(0, DAY, n)
    los = np.minimum(rng.exponential(4.0, n), 40) * DAY
    hip = np.array([d == "S72.0" for d in diag])
    los = np.where(hip, rng.uniform(8, 30, n) * DAY, los)
    stay = np.maximum(los.astype(np.int64), 2 * H)
    disp = _cat(rng, ["discharged", "transferred", "left_against_advice"], [.9, .03, .07], n)
    payer = _cat(rng, ["resident_insurance", "employee_insurance", "self_pay", "commercial",
                       "other", None], [.42, .25, .18, .05, .05, .05], n)
    v_medical(w, persons, hosp, admitted, stay, diag, ext, disp, payer, [None] * n, 0.12)


def employment_frame(w: World) -> pl.DataFrame:
    rng, ent = w.rng, w.ent
    n = len(w.w_person)
    end = w.w_end.astype(object)
    end[end == -1] = None
    pos = {int(p): i for i, p in enumerate(w.w_person.tolist())}
    for p, e in w.emp_end_override.items():
        i = pos.get(p)
        if i is not None:
            end[i] = None if e is None else max(int(e), int(w.w_start[i]) + 1)
    cur = pl.DataFrame({"person": w.w_person, "employer": w.w_emp, "start_date": w.w_start,
                        "end_date": pl.Series(end.tolist(), dtype=pl.Int64)})
    prior = rng.random(n) < 0.35
    k = int(prior.sum())
    pend = w.w_start[prior] - rng.integers(1, 90, k)
    pstart = np.maximum(pend - rng.exponential(3 * 365, k).astype(np.int64) - 30,
                        day(1995, 1, 1))
    birth = w.pop.arr("birth")[w.w_person[prior]]
    ok = (pstart > birth + 17 * 365) & (pstart > day(1995, 1, 1))
    prev = pl.DataFrame({"person": w.w_person[prior], "employer": rng.integers(0, ent.n_reg, k),
                         "start_date": pstart, "end_date": pend}).filter(pl.Series(ok))
    return pl.concat([cur, prev])
