"""Production-safety incidents of 2024: reported accidents of every grade (most 一般, some 较大,
one or two 重大) with their named victims; under-reported accidents (deaths left out to stay
below a grade line, an injured victim who died within 30 days — 7 for road traffic and fire —
never added, an impersonated victim); and concealed incidents of every pattern the domain brief
names, each leaving its own trail in the other departments' records."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import geo, texts
from .people import birth_from_age
from .workers import worker_people
from .world import World

REPORTED_INDUSTRY = {"transport": 30, "construction": 26, "non_coal_mining": 12, "coal_mining": 6,
                     "manufacturing": 9, "hazardous_chemicals": 4, "metallurgy": 3, "fireworks": 1,
                     "other": 9}
MULTI_INDUSTRY = {"transport": 40, "coal_mining": 15, "non_coal_mining": 15, "construction": 15,
                  "hazardous_chemicals": 8, "fireworks": 4, "other": 3}
MULTI_TYPES = {"coal": ["gas_explosion", "flooding", "poisoning_asphyxiation", "roof_fall"],
               "mine": ["poisoning_asphyxiation", "flooding", "collapse", "explosion"],
               "tunnel": ["collapse", "explosion"], "building": ["collapse", "lifting"],
               "hazardous_chemicals": ["explosion", "poisoning_asphyxiation", "fire"],
               "fireworks": ["explosion"], "transport": ["vehicle"],
               "metallurgy": ["poisoning_asphyxiation", "explosion"],
               "manufacturing": ["poisoning_asphyxiation", "fire"],
               "other": ["poisoning_asphyxiation", "vehicle"]}
CONCEALED_INDUSTRY = {"non_coal_mining": 35, "coal_mining": 20, "construction": 25,
                      "hazardous_chemicals": 6, "fireworks": 5, "metallurgy": 5, "manufacturing": 4}
UNDERGROUND = ("tin", "copper", "leadzinc", "tungsten", "phosphate")
CONCEALED_PATTERNS = {"sudden_illness": 0.22, "moved_body": 0.16, "fast_far_cremation": 0.16,
                      "private_settlement": 0.16, "staged_road_crash": 0.08, "injury_only": 0.18}
HIDE_STYLES = ["moved_body", "fast_far_cremation", "private_settlement", "sudden_illness"]


@dataclass
class Inc:
    kind: str
    pattern: str
    firm: int
    emp_firm: int
    industry: str
    subtype: str
    group: str
    atype: str
    county: str
    occurred: Any
    hosp: int
    victims: list[dict] = field(default_factory=list)
    illegal_name: str | None = None
    acc: dict | None = None


def _w(rng: np.random.Generator, d: dict) -> str:
    p = np.array(list(d.values()), dtype=float)
    return str(rng.choice(list(d), p=p / p.sum()))


def _firm_for(w: World, industry: str, concealed: bool) -> int:
    sub: tuple[str, ...] | None = None
    if industry == "construction":
        sub = ("building", "tunnel", "hydro")
    elif industry == "non_coal_mining" and concealed:
        sub = UNDERGROUND
    cands = w.firms_where(industry, sub)
    if concealed and len(cands):
        small = cands[w.firms.size[cands] < 60]
        cands = small if len(small) else cands
    return w.pick_firm(cands, by_size=not concealed)


def _occurred(rng: np.random.Generator, group: str) -> Any:
    day: Any = np.datetime64("2024-01-01") + np.timedelta64(int(rng.integers(0, 366)), "D")
    if group in ("coal", "mine", "hazardous_chemicals", "metallurgy"):
        hour = int(rng.integers(0, 24))
    else:
        hour = int(np.clip(rng.normal(13, 4), 5, 23))
    return np.datetime64(day, "s") + np.timedelta64(hour * 3600 + int(rng.integers(0, 3600)), "s")


def new_incident(w: World, kind: str, pattern: str, industry: str, n_dead: int, n_serious: int,
                 n_minor: int, atype: str | None = None, illegal: bool = False) -> Inc:
    rng = w.rng
    f = w.firms
    firm = -1 if illegal else _firm_for(w, industry, kind == "concealed")
    subtype = f.subtype[firm] if firm >= 0 else "leadzinc"
    group = texts.acc_group(industry, subtype)
    if atype is None:
        if n_dead >= 3 or (pattern == "injury_only" and n_serious >= 3):
            atype = texts.pick(rng, MULTI_TYPES[group])
        else:
            atype = _w(rng, texts.ACC_TYPES[group])
    if firm >= 0:
        county = f.region[firm]
    else:
        county = texts.pick(rng, ["533325", "530113", "532501", "530326", "530627", "532625"])
    if industry == "transport" and rng.random() < 0.45:
        county = str(geo.sample_counties(rng, 1)[0])
    emp = firm
    if industry == "construction" and rng.random() < 0.55:
        labour = w.firms_where("construction", ("labour",), yunnan=False)
        emp = int(labour[rng.integers(len(labour))]) if len(labour) else firm
    inc = Inc(kind, pattern, firm, emp, industry, subtype, group, atype, county,
              _occurred(rng, group), w.pick_hosp(county, 0.65, 0.3))
    if illegal:
        inc.illegal_name = f"{geo.BY_CODE[county].short}{texts.village(rng)}{texts.pick(rng, ['私人矿洞', '无证采矿点', '小矿窿'])}"
    date = np.datetime64(inc.occurred, "D")
    outcomes = ["death"] * n_dead + ["serious_injury"] * n_serious + ["minor_injury"] * n_minor
    n = len(outcomes)
    if industry == "transport":
        # the driver (an employee) and passengers or other road users
        ind = np.array(["transport"] + ["other"] * (n - 1))
        pids = worker_people(w, ind[:1], np.array([county]), on=date)
        if n > 1:
            k = n - 1
            age = rng.integers(3, 80, k)
            pas = w.people.add(rng, rng.random(k) < 0.55, birth_from_age(rng, age, np.full(k, date)),
                               geo.sample_counties(rng, k))
            pids = np.concatenate([pids, pas])
        workers = np.zeros(n, dtype=bool)
        workers[0] = True
        order = rng.permutation(n)
        pids, workers = pids[order], workers[order]
    else:
        mig = 1.5 if kind == "concealed" else 1.0
        pids = worker_people(w, np.full(n, industry), np.full(n, county), on=date, migrant_mult=mig)
        workers = np.ones(n, dtype=bool)
    p_enrol = {"reported": 0.68, "under_reported": 0.5, "concealed": 0.35}[kind]
    if illegal:
        p_enrol = 0.0
    for pid, out, wk in zip(pids.tolist(), outcomes, workers.tolist(), strict=True):
        enrolled = bool(wk and rng.random() < p_enrol and emp >= 0)
        inc.victims.append({"pid": pid, "outcome": out, "reported": None, "worker": wk,
                            "enrolled": enrolled, "style": "honest", "death": None})
    return inc


# ---------------------------------------------------------------- records per victim
def _date(x: Any) -> Any:
    return np.datetime64(x, "D")


def _hours(a: Any, b: Any) -> float:
    """Hours from datetime ``a`` to date/datetime ``b``."""
    return float((np.datetime64(b, "s") - np.datetime64(a, "s")) / np.timedelta64(1, "h"))


def _cn(d) -> str:
    o = np.datetime64(d, "D").astype(object)
    return f"{o.year}年{o.month}月{o.day}日"


def _hide_ext(rng: np.random.Generator, ext: str) -> str | None:
    r = rng.random()
    if r < 0.2:
        return None
    if r < 0.4 and ext[0] in "WX":
        return ext[:4] + str(rng.choice(["9", "8"]))
    return ext


def _site_text(w: World, inc: Inc) -> str:
    rng = w.rng
    if inc.group == "transport" or (inc.atype == "vehicle" and inc.industry == "transport"):
        return texts.road_point(rng)
    short = w.firms.short[inc.firm] if inc.firm >= 0 else (inc.illegal_name or "矿区")
    return short + texts.pick(rng, ["事故现场", "矿区", "工地", "厂区", ""])


def _employer_text(w: World, inc: Inc) -> str | None:
    rng = w.rng
    if inc.firm < 0:
        return texts.pick(rng, ["矿上", "私人矿洞", None, "打工"])
    if rng.random() < 0.25:
        return texts.pick(rng, ["工地", "矿山", "矿上", "建筑工地", "厂里"])
    return None


def _claim_employer(inc: Inc) -> int:
    return inc.emp_firm if inc.emp_firm >= 0 else inc.firm


def _spell(w: World, inc: Inc, v: dict) -> None:
    if not v["enrolled"]:
        return
    rng = w.rng
    date = _date(inc.occurred)
    start = w.random_start(date - np.timedelta64(int(rng.integers(3, 30)), "D"))
    end = None
    if v["outcome"] == "death":
        end = (v["death"] + np.timedelta64(int(rng.integers(0, 40)), "D")) if rng.random() < 0.8 else None
    w.employment_row(v["pid"], inc.emp_firm, start, end)


def _medical_death(w: World, inc: Inc, v: dict, died_hours: float, style: str) -> str:
    """An emergency encounter ending in death (or the body taken away); returns the hospital."""
    rng = w.rng
    dxs, _, _, exts = texts.ACC_ICD[inc.atype]
    hosp = inc.hosp if rng.random() < 0.8 else w.pick_hosp(inc.county, 0.5, 0.45)
    adm = np.datetime64(inc.occurred, "s") + np.timedelta64(int(rng.integers(900, 7200)), "s")
    ext = texts.pick(rng, texts.TRAFFIC_EXT) if inc.industry == "transport" else texts.pick(rng, exts)
    dx = texts.pick(rng, dxs)
    disp = "died"
    payer = texts.pick(rng, ["work_injury_insurance", "employee_insurance", "self_pay", "commercial", None])
    firm = inc.emp_firm if (inc.emp_firm >= 0 and rng.random() < 0.35) else -1
    et = _employer_text(w, inc) if firm < 0 else None
    if style == "staged_road_crash":
        dx = texts.pick(rng, ["T58", "T58", "S06.5", "T71", "T07"])
        ext = texts.pick(rng, texts.MOTORCYCLE_EXT)
        payer, firm, et = texts.pick(rng, ["self_pay", "resident_insurance"]), -1, None
    elif style in ("moved_body", "fast_far_cremation"):
        disp = texts.pick(rng, ["left_against_advice", "left_against_advice", "transferred"])
        ext = _hide_ext(rng, ext)
        payer, firm = "self_pay", -1
        died_hours = float(rng.uniform(0.3, 5))
    elif style in ("private_settlement", "sudden_illness"):
        ext = _hide_ext(rng, ext)
        payer = texts.pick(rng, ["self_pay", "commercial", "employee_insurance"])
        firm = -1
    w.medical_row(v["pid"], hosp, adm, died_hours, dx, ext, disp, payer, firm, et, emergency=True)
    return str(geo.HOSP_NAME[hosp])


def _death_records(w: World, inc: Inc, v: dict) -> None:
    rng, P = w.rng, w.people
    pid, dd, style = v["pid"], v["death"], v["style"]
    yn = P.one("origin", pid) == "yunnan"
    home = P.one("home", pid)
    occ_day = _date(inc.occurred)
    later = dd > occ_day
    hours = _hours(inc.occurred, dd) + float(rng.uniform(2, 20)) if later else float(rng.uniform(0.3, 4))
    inc_pref = inc.county[:4]
    home_fh = geo.FH_FOR_COUNTY.get(home)
    local_fh = geo.FH_FOR_COUNTY[inc.county]
    emp = _claim_employer(inc)
    hosp_name = None
    if style == "honest":
        if later or rng.random() < 0.25:
            hosp_name = _medical_death(w, inc, v, hours, style)
        if rng.random() < (0.82 if yn else 0.72):
            fh = local_fh if (rng.random() < 0.75 or home_fh is None) else home_fh
            cert = "hospital" if hosp_name else ("police" if rng.random() < 0.8 else "other")
            w.cremation_row(pid, dd, fh, int(rng.integers(2, 10)), texts.pick(rng, texts.ACC_CAUSE[inc.atype]),
                            cert, hosp_name or _site_text(w, inc))
        w.dereg_row(pid, dd, texts.pick(rng, ["工伤", "意外", "事故", None, "意外死亡"]))
        if v["worker"] and emp >= 0 and rng.random() < (0.85 if v["enrolled"] else 0.5):
            w.claim_row(pid, emp, occ_day, "death" if rng.random() < 0.95 else "pending",
                        texts.claim_description(rng, _cn(occ_day), inc.atype, "death"),
                        family=rng.random() < 0.3, project=inc.county)
    elif style == "late_death":
        hosp = inc.hosp
        adm = np.datetime64(inc.occurred, "s") + np.timedelta64(int(rng.integers(900, 7200)), "s")
        sdx, _, exts = texts.ACC_ICD[inc.atype][1], None, texts.ACC_ICD[inc.atype][3]
        ext = texts.pick(rng, texts.TRAFFIC_EXT) if inc.industry == "transport" else texts.pick(rng, exts)
        dx = texts.pick(rng, sdx)
        total = _hours(adm, dd) + float(rng.uniform(1, 20))
        payer = texts.pick(rng, ["work_injury_insurance", "employee_insurance", "commercial", "self_pay"])
        if rng.random() < 0.45 and total > 30:
            first = float(rng.uniform(4, min(48, total - 6)))
            w.medical_row(pid, hosp, adm, first, dx, ext, "transferred", payer, emergency=True)
            h2 = geo.referral_hospital(rng, hosp)
            adm2 = adm + np.timedelta64(int(first * 3600 + rng.integers(1800, 7200)), "s")
            w.medical_row(pid, h2, adm2, total - first - 2, dx, ext, "died", payer, emergency=False)
            hosp = h2
        else:
            w.medical_row(pid, hosp, adm, float(total), dx, ext, "died", payer, emergency=True)
        if rng.random() < 0.85:
            fh = local_fh if (rng.random() < 0.6 or home_fh is None) else home_fh
            w.cremation_row(pid, dd, fh, int(rng.integers(1, 6)),
                            texts.pick(rng, ["多器官功能衰竭", "颅脑损伤", "呼吸衰竭", "感染性休克"]
                                       + texts.ACC_CAUSE[inc.atype]), "hospital", str(geo.HOSP_NAME[hosp]))
        w.dereg_row(pid, dd, texts.pick(rng, ["工伤", "意外", None, "病故"]))
        if v["worker"] and emp >= 0 and rng.random() < 0.6:
            w.claim_row(pid, emp, occ_day, "death",
                        texts.claim_description(rng, _cn(occ_day), inc.atype, "death"), family=rng.random() < 0.5, project=inc.county)
    elif style == "sudden_illness":
        if rng.random() < 0.85:
            cert = texts.pick(rng, ["community", "community", "other", "hospital", None])
            origin = texts.pick(rng, ["家中", "家中", w.place_text(inc.county), None])
            w.cremation_row(pid, dd, local_fh if rng.random() < 0.8 or home_fh is None else home_fh,
                            int(rng.integers(1, 4)), texts.pick(rng, texts.SUDDEN_CAUSES), cert, origin)
        w.dereg_row(pid, dd, texts.pick(rng, ["病故", "病故", "猝死", None]))
        if emp >= 0 and rng.random() < 0.06:
            w.claim_row(pid, emp, occ_day, texts.pick(rng, ["rejected", "pending", "death"]),
                        f"{_cn(occ_day)}在工作中突发疾病死亡", family=True, project=inc.county)
    elif style == "moved_body":
        if rng.random() < 0.3:
            _medical_death(w, inc, v, hours, style)
        if not yn and rng.random() < 0.65:
            pass  # taken back to the home province: no Yunnan funeral record
        else:
            if yn and home[:4] != inc_pref and home_fh is not None:
                fh = home_fh
            else:
                fh = geo.far_funeral_home(rng, {inc_pref, home[:4]})
            w.cremation_row(pid, dd, fh, int(rng.integers(1, 5)),
                            texts.pick(rng, ["病故", "意外", None, "不详", "疾病"]),
                            texts.pick(rng, ["community", "other", None]),
                            texts.pick(rng, ["家中", w.place_text(str(geo.FH_REGION[fh])), None]))
        w.dereg_row(pid, dd, texts.pick(rng, ["病故", "意外", None]), lag_mult=1.5, p=0.9)
        if emp >= 0 and rng.random() < 0.05:
            w.claim_row(pid, emp, occ_day, texts.pick(rng, ["pending", "death"]),
                        texts.claim_description(rng, _cn(occ_day), inc.atype, "death"), family=True, project=inc.county)
    elif style == "fast_far_cremation":
        if rng.random() < 0.1:
            _medical_death(w, inc, v, hours, style)
        if rng.random() < 0.95:
            fh = geo.far_funeral_home(rng, {inc_pref, home[:4]})
            w.cremation_row(pid, dd, fh, int(rng.choice([0, 0, 1])), texts.pick(rng, texts.VAGUE_CAUSES),
                            texts.pick(rng, [None, None, "other", "community"]),
                            texts.pick(rng, [None, "外地运入", w.place_text(str(geo.FH_REGION[fh]))]),
                            death_known=rng.random() < 0.8)
        w.dereg_row(pid, dd, texts.pick(rng, [None, "病故", "意外"]), p=0.85)
        if emp >= 0 and rng.random() < 0.03:
            w.claim_row(pid, emp, occ_day, "pending", None, family=True, project=inc.county)
    elif style == "private_settlement":
        if rng.random() < 0.45:
            hosp_name = _medical_death(w, inc, v, hours, style)
        if rng.random() < 0.75:
            cause = texts.pick(rng, [c for c in texts.ACC_CAUSE[inc.atype] if c != "工伤"]) \
                if rng.random() < 0.6 else "意外"
            cert = "hospital" if hosp_name else texts.pick(rng, ["police", "community", "community", "other"])
            w.cremation_row(pid, dd, local_fh, int(rng.integers(2, 5)), cause, cert,
                            hosp_name or texts.pick(rng, ["家中", w.place_text(inc.county)]))
        w.dereg_row(pid, dd, texts.pick(rng, ["意外", "意外", None]))
    elif style == "staged_road_crash":
        if rng.random() < 0.4:
            hosp_name = _medical_death(w, inc, v, hours, style)
        if rng.random() < 0.85:
            cert = "hospital" if hosp_name and rng.random() < 0.5 else "police"
            w.cremation_row(pid, dd, local_fh, int(rng.integers(1, 4)), texts.pick(rng, ["交通事故", "车祸"]),
                            cert, f"{geo.BY_CODE[inc.county].short}{texts.pick(rng, ['乡道', '县道'])}"
                                  f"{texts.pick(rng, ['X', 'Y'])}{int(rng.integers(10, 300)):03d}线")
        w.dereg_row(pid, dd, texts.pick(rng, ["交通事故", "交通事故", "意外", None]))
        if emp >= 0 and rng.random() < 0.02:
            w.claim_row(pid, emp, occ_day, "rejected", f"{_cn(occ_day)}骑摩托车途中发生交通事故死亡",
                        family=True, project=inc.county)
    else:
        raise ValueError(style)
    _spell(w, inc, v)


def _injury_records(w: World, inc: Inc, v: dict, hidden: bool) -> None:
    rng = w.rng
    pid, out = v["pid"], v["outcome"]
    _, sdx, mdx, exts = texts.ACC_ICD[inc.atype]
    ext = texts.pick(rng, texts.TRAFFIC_EXT) if inc.industry == "transport" else texts.pick(rng, exts)
    if hidden:
        ext = _hide_ext(rng, ext)
        payer = texts.pick(rng, ["self_pay", "self_pay", "employee_insurance", "commercial", "resident_insurance"])
        firm = inc.emp_firm if (inc.emp_firm >= 0 and rng.random() < 0.25) else -1
    else:
        payer = texts.pick(rng, ["work_injury_insurance", "work_injury_insurance", "employee_insurance",
                                 "self_pay", "commercial", None])
        firm = inc.emp_firm if (inc.emp_firm >= 0 and rng.random() < 0.4) else -1
    et = _employer_text(w, inc) if firm < 0 and v["worker"] else None
    hosp = inc.hosp if rng.random() < 0.8 else w.pick_hosp(inc.county, 0.5, 0.45)
    adm = np.datetime64(inc.occurred, "s") + np.timedelta64(int(rng.integers(1200, 4 * 3600)), "s")
    if out == "serious_injury":
        if rng.random() < 0.95:
            dx = texts.pick(rng, sdx)
            if rng.random() < 0.3:
                first = float(rng.uniform(3, 40))
                w.medical_row(pid, hosp, adm, first, dx, ext, "transferred", payer, firm, et)
                h2 = geo.referral_hospital(rng, hosp)
                w.medical_row(pid, h2, adm + np.timedelta64(int(first * 3600) + 3600, "s"),
                              w.los_hours(14, 50), dx, ext, "discharged", payer, firm, et, emergency=False)
            else:
                w.medical_row(pid, hosp, adm, w.los_hours(14, 60), dx, ext, "discharged", payer, firm, et)
        p_claim = 0.08 if hidden else 0.75
        if v["worker"] and rng.random() < p_claim and _claim_employer(inc) >= 0:
            o = str(rng.choice(["disability_1", "disability_2", "disability_3", "disability_4", "pending"],
                               p=[0.05, 0.12, 0.23, 0.45, 0.15]))
            w.claim_row(pid, _claim_employer(inc), _date(inc.occurred), o,
                        texts.claim_description(rng, _cn(inc.occurred), inc.atype, "injury"), project=inc.county)
    else:
        if rng.random() < 0.8:
            w.medical_row(pid, hosp, adm, w.los_hours(0.3, 9), texts.pick(rng, mdx), ext, "discharged",
                          payer, firm, et)
        p_claim = 0.03 if hidden else 0.4
        if v["worker"] and rng.random() < p_claim and _claim_employer(inc) >= 0:
            o = str(rng.choice(["injury", "disability_10", "disability_9"], p=[0.6, 0.25, 0.15]))
            w.claim_row(pid, _claim_employer(inc), _date(inc.occurred), o,
                        texts.claim_description(rng, _cn(inc.occurred), inc.atype, "injury"), project=inc.county)
    _spell(w, inc, v)


# ---------------------------------------------------------------- emitting an incident
def _death_dates(w: World, inc: Inc) -> None:
    rng = w.rng
    day = _date(inc.occurred)
    for v in inc.victims:
        if v["outcome"] != "death":
            continue
        later = v["style"] == "honest" and rng.random() < 0.25
        v["death"] = day + np.timedelta64(int(rng.integers(1, 21)), "D") if later else day


def emit(w: World, inc: Inc, set_dates: bool = True) -> None:
    """Records, accident rows and truth for one incident."""
    rng = w.rng
    if set_dates:
        _death_dates(w, inc)
    for v in inc.victims:
        if v["outcome"] == "death":
            _death_records(w, inc, v)
        else:
            _injury_records(w, inc, v, hidden=inc.kind == "concealed")
    true_deaths = sum(v["outcome"] == "death" for v in inc.victims)
    rep_deaths = sum(v["reported"] == "death" for v in inc.victims)
    acc = None
    if inc.kind != "concealed":
        delay = rng.choice([rng.uniform(600, 3600), rng.uniform(3600, 12 * 3600), rng.uniform(86400, 4 * 86400)],
                           p=[0.75, 0.18, 0.07])
        f = w.firms
        rep_serious = sum(v["reported"] == "serious_injury" for v in inc.victims)
        rep_minor = sum(v["outcome"] == "minor_injury" for v in inc.victims)
        loss = rep_deaths * rng.uniform(110, 190) + rep_serious * rng.uniform(10, 40) + \
            rep_minor * rng.uniform(1, 5) + rng.uniform(2, 150)
        cap = 999.0 if rep_deaths <= 2 else (4999.0 if rep_deaths <= 9 else 9999.0)
        loss = min(loss, cap * rng.uniform(0.8, 1.0))
        place = geo.place_name(inc.county)
        acc = {"county": inc.county, "occurred": inc.occurred,
               "reported": np.datetime64(inc.occurred, "s") + np.timedelta64(int(delay), "s"),
               "address": texts.accident_address(rng, place, inc.county, inc.group,
                                                 f.short[inc.firm] if inc.firm >= 0 else "", inc.atype),
               "firm": inc.firm, "industry": inc.industry, "atype": inc.atype, "deaths": rep_deaths,
               "serious": rep_serious, "minor": rep_minor,
               "loss": None if rng.random() < 0.08 else round(float(loss), 1), "rid": None}
        w.accidents.append(acc)
        acc_key = f"#{len(w.accidents) - 1}"
        k = 0
        for v in inc.victims:
            if v["reported"] is None:
                continue
            k += 1
            w.plans.row("accident_victims", accident_id=acc_key, pid=v["pid"],
                        ident_pid=v.get("ident", v["pid"]), outcome=v["reported"], order=k)
    rec = {"kind": inc.kind, "pattern": inc.pattern, "acc": acc, "true_deaths": true_deaths,
           "reported_deaths": rep_deaths,
           "uscc": w.firms.uscc[inc.firm] if inc.firm >= 0 else None,
           "occurred": inc.occurred, "victims": inc.victims}
    w.incidents.append(rec)
    for v in inc.victims:
        if v["outcome"] == "death":
            w.deaths.append({"pid": v["pid"], "cls": "incident", "inc": rec})


# ---------------------------------------------------------------- the three kinds
def _minor_count(rng: np.random.Generator, hi: int = 3) -> int:
    return int(rng.choice(np.arange(hi + 1), p=np.array([0.45, 0.3, 0.15, 0.1][:hi + 1]) /
                          sum([0.45, 0.3, 0.15, 0.1][:hi + 1])))


def reported(w: World) -> None:
    rng = w.rng
    s = w.scale
    n = max(14, round(600 * s))
    n_major = 1 if s < 0.75 else 2
    if s < 0.1:
        n_major = 0
    n_large = max(2, round(30 * s))
    n_two = max(1, round(50 * s))
    n_injury = max(2, round(120 * s))
    n_one = max(1, n - n_major - n_large - n_two - n_injury)
    specs = ([("major", 0)] * n_major + [("large", 0)] * n_large + [("two", 0)] * n_two
             + [("injury", 0)] * n_injury + [("one", 0)] * n_one)
    for cat, _ in specs:
        if cat in ("major", "large"):
            ind = _w(rng, MULTI_INDUSTRY)
            dead = int(rng.integers(10, 16)) if cat == "major" else int(rng.choice([3, 3, 3, 4, 4, 5, 6, 7, 9]))
            ser = int(rng.integers(2, 16)) if ind == "transport" else int(rng.integers(0, 4))
            mino = int(rng.integers(3, 20)) if ind == "transport" else _minor_count(rng)
        else:
            ind = _w(rng, REPORTED_INDUSTRY)
            dead = {"two": 2, "injury": 0, "one": 1}[cat]
            ser = int(rng.integers(1, 4)) if cat == "injury" else int(rng.choice([0, 0, 0, 1, 1, 2]))
            mino = _minor_count(rng)
            if ind == "transport" and rng.random() < 0.4:
                mino += int(rng.integers(1, 6))
        inc = new_incident(w, "reported", "honest", ind, dead, ser, mino)
        for v in inc.victims:
            v["reported"] = v["outcome"] if (v["outcome"] != "minor_injury" or rng.random() < 0.7) else None
        emit(w, inc)


def under_reported(w: World) -> dict[str, int]:
    rng = w.rng
    s = w.scale
    n = max(5, round(75 * s))
    pats = ["late_death", "grade_line", "left_out", "impersonated"]
    seq = pats + list(rng.choice(pats, size=max(0, n - 4), p=[0.36, 0.34, 0.22, 0.08]))
    counts = {p: 0 for p in pats}
    big_done = s < 0.1
    big_imp_done = s < 0.1
    huge_done = s < 0.75
    for pat in seq:
        counts[pat] += 1
        if pat == "late_death":
            ind = _w(rng, REPORTED_INDUSTRY)
            dead = int(rng.choice([0, 1, 1, 2]))
            inc = new_incident(w, "under_reported", pat, ind, dead, int(rng.integers(1, 4)), _minor_count(rng))
            for v in inc.victims:
                v["reported"] = v["outcome"] if v["outcome"] != "minor_injury" or rng.random() < 0.7 else None
            late = next(v for v in inc.victims if v["outcome"] == "serious_injury")
            window = 7 if (inc.atype == "fire" or (inc.atype == "vehicle" and ind == "transport")) else 30
            late["outcome"] = "death"
            late["style"] = "late_death"
            _death_dates(w, inc)
            late["death"] = _date(inc.occurred) + np.timedelta64(int(rng.integers(1, window)), "D")
            emit(w, inc, set_dates=False)
            continue
        if pat == "grade_line":
            if not huge_done:
                huge_done = True
                true, rep = int(rng.integers(31, 36)), int(rng.choice([28, 29]))
            elif not big_done:
                big_done = True
                true, rep = int(rng.choice([10, 11, 12])), 9
            else:
                true, rep = int(rng.choice([3, 3, 4])), 2
            ind = _w(rng, {"coal_mining": 30, "non_coal_mining": 30, "construction": 20, "transport": 15,
                           "hazardous_chemicals": 5})
            inc = new_incident(w, "under_reported", pat, ind, true, int(rng.integers(0, 4)), _minor_count(rng))
            _hide_some(w, inc, true - rep)
            emit(w, inc)
            continue
        if pat == "left_out":
            ind = _w(rng, REPORTED_INDUSTRY)
            true = int(rng.choice([1, 2, 2]))
            ser = int(rng.integers(1, 3)) if true == 1 else int(rng.integers(0, 3))
            inc = new_incident(w, "under_reported", pat, ind, true, ser, _minor_count(rng))
            _hide_some(w, inc, 1)
            emit(w, inc)
            continue
        # impersonated: one named dead victim carries a living person's identity, another is
        # left out — "10 died, 9 reported with an impersonated victim"
        if not big_imp_done:
            big_imp_done = True
            true = 10
        else:
            true = 3
        ind = _w(rng, {"coal_mining": 50, "non_coal_mining": 50})
        inc = new_incident(w, "under_reported", pat, ind, true, int(rng.integers(0, 3)), _minor_count(rng))
        _hide_some(w, inc, 1)
        named = [v for v in inc.victims if v["reported"] == "death"]
        imp = named[int(rng.integers(len(named)))]
        imp["ident"] = _living_identity(w, inc)
        emit(w, inc)
    return counts


def _hide_some(w: World, inc: Inc, k: int) -> None:
    """Name every victim truthfully except ``k`` dead ones, who are left out and disappear in
    one of the concealment styles."""
    rng = w.rng
    dead = [v for v in inc.victims if v["outcome"] == "death"]
    order = rng.permutation(len(dead))
    hidden = {id(dead[i]) for i in order[:k]}
    for v in inc.victims:
        if id(v) in hidden:
            v["reported"] = None
            v["style"] = texts.pick(rng, HIDE_STYLES)
        elif v["outcome"] == "minor_injury":
            v["reported"] = "minor_injury" if rng.random() < 0.7 else None
        else:
            v["reported"] = v["outcome"]


def _living_identity(w: World, inc: Inc) -> int:
    """A living person whose name and ID number are written for a dead victim: a co-worker of
    the same employer when there is one, else a newly made relative-like person."""
    rng = w.rng
    lw, wf = w.living_workers, w.worker_firm
    cands = lw[wf == inc.emp_firm] if inc.emp_firm >= 0 else np.array([], dtype=np.int64)
    if len(cands):
        return int(cands[rng.integers(len(cands))])
    pid = int(worker_people(w, np.array([inc.industry]), np.array([inc.county]))[0])
    if inc.emp_firm >= 0:
        w.employment_row(pid, inc.emp_firm, w.random_start(np.datetime64("2024-01-01")), None)
    return pid


def concealed(w: World) -> dict[str, int]:
    rng = w.rng
    s = w.scale
    n = max(8, round(165 * s))
    n_disaster = 1 if s < 0.75 else 2
    pats = list(CONCEALED_PATTERNS)
    p = np.array(list(CONCEALED_PATTERNS.values()))
    seq = pats + list(rng.choice(pats, size=max(0, n - n_disaster - len(pats)), p=p / p.sum()))
    seq += ["mine_disaster"] * n_disaster
    counts: dict[str, int] = {}
    for pat in seq:
        counts[pat] = counts.get(pat, 0) + 1
        if pat == "mine_disaster":
            ind = "non_coal_mining" if rng.random() < 0.6 else "coal_mining"
            dead = int(rng.integers(6, 11)) if s < 0.75 else int(rng.integers(7, 15))
            inc = new_incident(w, "concealed", pat, ind, dead, int(rng.integers(1, 4)), _minor_count(rng, 2),
                               illegal=rng.random() < 0.35)
            for v in inc.victims:
                if v["outcome"] == "death":
                    v["style"] = texts.pick(rng, ["sudden_illness", "moved_body", "moved_body",
                                                  "fast_far_cremation", "fast_far_cremation",
                                                  "private_settlement"])
            emit(w, inc)
            continue
        if pat == "injury_only":
            ind = _w(rng, CONCEALED_INDUSTRY)
            inc = new_incident(w, "concealed", pat, ind, 0, int(rng.integers(2, 6)), _minor_count(rng))
            emit(w, inc)
            continue
        if pat == "staged_road_crash":
            ind = "coal_mining"
            dead = int(rng.choice([1, 1, 2, 2, 3]))
            inc = new_incident(w, "concealed", pat, ind, dead, int(rng.integers(0, 2)), 0,
                               atype=texts.pick(rng, ["gas_explosion", "poisoning_asphyxiation"]))
        else:
            ind = _w(rng, CONCEALED_INDUSTRY)
            if pat == "sudden_illness":
                dead = int(rng.choice([1, 1, 1, 1, 2]))
            elif pat == "moved_body":
                dead = int(rng.choice([1, 1, 1, 2, 3]))
            else:
                dead = int(rng.choice([1, 1, 1, 2, 2]))
            illegal = ind == "non_coal_mining" and rng.random() < 0.2
            inc = new_incident(w, "concealed", pat, ind, dead, int(rng.choice([0, 0, 1, 2])),
                               int(rng.choice([0, 0, 1])), illegal=illegal)
        for v in inc.victims:
            if v["outcome"] == "death":
                v["style"] = pat
        emit(w, inc)
    return counts
