"""Production-safety incidents: reported, under-reported and concealed, with their victims'
records in every department and the concealment tactics that hide the deaths."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import codes, geo
from .codes import INJURY, pick
from .emit import DAY, cremation_lag, emit_claim, emit_cremation, emit_dereg, hospital_course
from .employers import MALE_SHARE, SpellIndex, births_for_ages, hukou_near
from .world import NULL, T0, T1, World, ymd

REPORTED_MIX = {"coal_mining": .13, "non_coal_mining": .09, "hazardous_chemicals": .05,
                "metallurgy": .05, "construction": .30, "transport": .18, "fireworks": .02,
                "manufacturing": .12, "other": .06}
UNDER_MIX = {"coal_mining": .25, "non_coal_mining": .12, "hazardous_chemicals": .10,
             "metallurgy": .08, "construction": .30, "transport": .05, "fireworks": .05,
             "manufacturing": .05}
CONCEALED_MIX = {"coal_mining": .22, "non_coal_mining": .18, "hazardous_chemicals": .08,
                 "metallurgy": .06, "construction": .30, "fireworks": .06,
                 "manufacturing": .06, "other": .04}
KIND_CODE = {"reported": 0, "under_reported": 1, "concealed": 2}


@dataclass
class Victim:
    pid: int
    spell: int                  # employment spell at the employer, -1 for informal workers
    outcome: str                # what truly happened
    reported: str | None        # as named in accident_victims (None: not named)
    die_day: int | None = None  # true death day (also for deaths after the statutory window)
    role: str = "honest"        # honest | hidden | late_hidden | post_window | injured_hidden


@dataclass
class Incident:
    iid: int
    kind: str
    ent: int
    day: int
    minute: int
    county: int
    atype: str
    subtype: str = ""
    victims: list[Victim] = field(default_factory=list)
    reported_deaths: int = 0
    acc: int = -1


def _window(inc: Incident, industry: str) -> int:
    """Days within which a later death must be added to the report."""
    if inc.atype == "fire" or (inc.atype == "vehicle" and industry == "transport"):
        return 7
    return 30


def _pick_ent(w: World, industry: str, power: float) -> int:
    assert w.ent is not None
    cands = np.flatnonzero((w.ent.industry == geo.IND[industry]) & ~w.ent.dispatch)
    wt = w.ent.size[cands] ** power
    return int(cands[w.rng.choice(len(cands), p=wt / wt.sum())])


def _atype(w: World, industry: str, deaths: int) -> str:
    mix = codes.TYPE_MIX[industry]
    if deaths >= 3:
        multi = {k: v for k, v in mix.items() if k in codes.MULTI}
        mix = multi or mix
    return codes.mix_choice(w.rng, mix)


def _pick_victims(w: World, idx: SpellIndex, e: int, d: int, n: int, informal: float,
                  taken: set[int]) -> list[tuple[int, int]]:
    """(person, spell) of ``n`` people at work at ``e`` on ``d``; informal ones are new.
    Nobody is a victim twice."""
    rng, ent = w.rng, w.ent
    assert ent is not None
    spells = idx.active(e, d)
    spells = spells[[int(p) not in taken for p in w.sp_pid[spells]]] if taken and len(
        spells) else spells
    ages = (ymd(d) - ymd(w.people.birth[w.sp_pid[spells]])) // 10000
    spells = spells[(ages >= 18) & (ages <= 62)]
    _, first = np.unique(w.sp_pid[spells], return_index=True)
    spells = spells[np.sort(first)]
    n_formal = min(int(rng.binomial(n, 1 - informal)), len(spells))
    chosen = rng.choice(spells, n_formal, replace=False) if n_formal else np.empty(0, np.int64)
    out = [(int(w.sp_pid[s]), int(s)) for s in chosen]
    k = n - n_formal
    if k:
        industry = geo.INDUSTRIES[ent.industry[e]]
        male = rng.random(k) < MALE_SHARE[industry]
        ages = np.clip(np.round(rng.triangular(19, 42, 60, k)), 18, 60).astype(np.int64)
        hukou = hukou_near(rng, np.full(k, ent.county[e]), p_local=0.55, p_out=0.15)
        pids = w.people.add(births_for_ages(rng, ages, d), male, hukou)
        out += [(int(p), -1) for p in pids]
    return out


def _deaths_reported(rng: np.random.Generator) -> int:
    return int(rng.choice([0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
                          p=[.355, .48, .12, .025, .01, .004, .002, .002, .001, .001]))


def _injuries(rng: np.random.Generator, atype: str, deaths: int) -> tuple[int, int]:
    lam = 0.6 + (0.8 if atype in codes.MULTI else 0) + 0.3 * deaths
    serious = int(rng.poisson(lam * 0.6))
    minor = int(rng.poisson(lam * 0.7))
    if deaths == 0 and serious + minor == 0:
        serious = 1
    return min(serious, 40), min(minor, 40)


def plan(w: World) -> list[dict[str, Any]]:
    """What will happen: kind, industry, true deaths and injuries, and how it is reported."""
    rng = w.rng
    plans: list[dict[str, Any]] = []
    n_rep, n_under, n_conc = w.n(1200, 12), w.n(75, 3), w.n(150, 3)
    big = []
    if w.scale >= 0.15:
        big.append(("coal_mining", "gas_explosion", int(rng.integers(30, 35))))
    for k in range(round(3 * w.scale)):
        big.append([("coal_mining", "flooding"), ("construction", "collapse"),
                    ("hazardous_chemicals", "explosion")][k % 3] + (int(rng.integers(10, 17)),))
    for industry, atype, dead in big:
        s, m = _injuries(rng, atype, dead)
        plans.append(dict(kind="reported", industry=industry, atype=atype, dead=dead,
                          serious=s + dead // 3, minor=m, reported=dead, sub="major"))
    for _ in range(n_rep - len(big)):
        industry = codes.mix_choice(rng, REPORTED_MIX)
        dead = _deaths_reported(rng)
        atype = _atype(w, industry, dead)
        s, m = _injuries(rng, atype, dead)
        plans.append(dict(kind="reported", industry=industry, atype=atype, dead=dead,
                          serious=s, minor=m, reported=dead, sub=""))
    subs = ["late_death", "grade_line", "undercount"]
    for k in range(n_under):
        industry = codes.mix_choice(rng, UNDER_MIX)
        sub = subs[k] if k < 3 else codes.mix_choice(
            rng, {"late_death": .35, "grade_line": .4, "undercount": .25})
        if sub == "grade_line":
            if w.scale >= 0.5 and k == 3:
                rep, dead = 29, int(rng.integers(30, 36))
            elif rng.random() < 0.22:
                rep, dead = 9, int(rng.integers(10, 14))
            else:
                rep, dead = 2, int(rng.integers(3, 6))
        elif sub == "late_death":
            rep = int(rng.choice([0, 1, 2], p=[.3, .5, .2]))
            dead = rep + (1 if rng.random() < 0.75 else 2)
        else:
            rep = int(rng.random() < 0.7)
            dead = rep + 1
        atype = _atype(w, industry, dead)
        s, m = _injuries(rng, atype, dead)
        if sub == "late_death":
            s += dead - rep
        plans.append(dict(kind="under_reported", industry=industry, atype=atype, dead=dead,
                          serious=s, minor=m, reported=rep, sub=sub))
    for _ in range(n_conc):
        industry = codes.mix_choice(rng, CONCEALED_MIX)
        dead = int(rng.choice([0, 1, 2, 3, 4, 5], p=[.12, .45, .25, .1, .05, .03]))
        atype = _atype(w, industry, dead)
        s = int(rng.poisson(0.5)) + (1 if dead == 0 else 0) + (1 if dead == 0 and
                                                                 rng.random() < .5 else 0)
        m = int(rng.poisson(0.6))
        plans.append(dict(kind="concealed", industry=industry, atype=atype, dead=dead,
                          serious=min(s, 6), minor=min(m, 6), reported=0, sub=""))
    return plans


def _tactics(rng: np.random.Generator) -> dict[str, Any]:
    """How an employer hides the deaths of one incident."""
    return {
        "disguise": codes.mix_choice(rng, {"illness": .35, "vague": .22, "traffic": .10,
                                           "honest": .33}),
        "body": codes.mix_choice(rng, {"local": .45, "far": .30, "neighbour": .12,
                                       "none": .13}),
        "fast": rng.random() < 0.5,
        "dereg": codes.mix_choice(rng, {"normal": .55, "delayed": .25, "never": .20}),
        "claim": codes.mix_choice(rng, {"none": .68, "late": .17, "timely": .07,
                                        "rejected": .08}),
        "spell": codes.mix_choice(rng, {"ended": .45, "dispatch": .15, "intact": .40}),
        "hospital": rng.random() < 0.35,
        "false_date": rng.random() < 0.15,
    }


def build_incidents(w: World, idx: SpellIndex) -> list[Incident]:
    rng, ent = w.rng, w.ent
    assert ent is not None
    incs: list[Incident] = []
    taken: set[int] = set()
    for p in plan(w):
        power = {"reported": 0.7, "under_reported": 0.5, "concealed": 0.3}[p["kind"]]
        e = _pick_ent(w, p["industry"], power)
        d = int(rng.integers(T0, T1 + 1))
        mining = p["industry"] in ("coal_mining", "non_coal_mining")
        hour = int(rng.integers(0, 24)) if mining else int(rng.integers(7, 19))
        county = int(ent.county[e])
        if p["industry"] == "transport" or (p["industry"] == "construction"
                                            and rng.random() < 0.25):
            county = int(geo.COUNTY_CODES[rng.integers(len(geo.COUNTY_CODES))])
        inc = Incident(iid=len(incs), kind=p["kind"], ent=e, day=d,
                       minute=hour * 60 + int(rng.integers(60)), county=county,
                       atype=p["atype"], subtype=p["sub"])
        informal = {"reported": .12, "under_reported": .25, "concealed": .45}[p["kind"]]
        if p["industry"] == "construction":
            informal += 0.15
        n = p["dead"] + p["serious"] + p["minor"]
        people = _pick_victims(w, idx, e, d, n, informal, taken)
        taken.update(pid for pid, _ in people)
        outcomes = ["death"] * p["dead"] + ["serious_injury"] * p["serious"] + \
            ["minor_injury"] * p["minor"]
        _assign(w, inc, p, people, outcomes)
        incs.append(inc)
    _number_accidents(w, incs)
    for inc in incs:
        _records(w, inc)
        _truth(w, inc)
    return incs


def _assign(w: World, inc: Incident, p: dict[str, Any], people: list[tuple[int, int]],
            outcomes: list[str]) -> None:
    """True outcomes, what the report names, and when the dead died."""
    rng = w.rng
    industry = p["industry"]
    win = _window(inc, industry)
    hidden_left = p["dead"] - p["reported"]
    for (pid, spell), out in zip(people, outcomes, strict=True):
        v = Victim(pid=pid, spell=spell, outcome=out, reported=out)
        if inc.kind == "concealed":
            v.reported = None
            v.role = "hidden" if out == "death" else "injured_hidden"
        if out == "death":
            v.die_day = inc.day + (0 if rng.random() < 0.85 else int(rng.integers(1, win)))
        if inc.kind == "under_reported" and out == "death" and hidden_left > 0:
            hidden_left -= 1
            if inc.subtype == "late_death":
                v.role, v.reported = "late_hidden", "serious_injury"
                v.die_day = inc.day + int(rng.integers(1, win))
            else:
                v.role = "hidden"
                v.reported = "serious_injury" if rng.random() < 0.3 else None
        if inc.kind == "under_reported" and out != "death" and rng.random() < 0.15:
            v.reported = None  # an injured worker left off the list too
        if inc.kind == "reported" and out == "minor_injury" and rng.random() < 0.1:
            v.reported = None  # counted but not named
        if inc.kind == "reported" and out == "serious_injury" and rng.random() < 0.03:
            v.role = "post_window"  # died after the statutory window: rightly not added
            v.die_day = inc.day + win + int(rng.integers(3, 60))
        inc.victims.append(v)
    inc.reported_deaths = p["reported"]
    for v in inc.victims:
        if v.die_day is None:
            continue
        if v.outcome == "death":
            w.people.die(v.pid, v.die_day, 3, inc.iid)
        else:
            w.people.die(v.pid, v.die_day, 2)
    if inc.kind != "concealed":
        named_dead = sum(v.reported == "death" for v in inc.victims)
        assert named_dead == inc.reported_deaths, (inc, named_dead)


def _number_accidents(w: World, incs: list[Incident]) -> None:
    """Accident numbers and rows, in order of occurrence."""
    rng, ent = w.rng, w.ent
    assert ent is not None
    rep = sorted((i for i in incs if i.kind != "concealed"), key=lambda i: (i.day, i.minute))
    per_year: dict[int, int] = {}
    for inc in rep:
        year = int(ymd(inc.day) // 10000)
        per_year[year] = per_year.get(year, 0) + 1
        rid = f"GZAJ-{year}-{inc.county}-{per_year[year]:04d}"
        inc.acc = len(w.accidents)
        industry = geo.INDUSTRIES[ent.industry[inc.ent]]
        occurred = inc.day * DAY + inc.minute * 60
        u = rng.random()
        delay = int(rng.integers(10, 60)) * 60 if u < 0.8 else (
            int(rng.integers(1, 24)) * 3600 if u < 0.95 else int(rng.integers(1, 10)) * DAY)
        named = [v.reported for v in inc.victims]
        serious = named.count("serious_injury")
        minor = named.count("minor_injury") + sum(
            v.reported is None and v.outcome == "minor_injury" for v in inc.victims
            if inc.kind == "reported")
        loss = inc.reported_deaths * rng.uniform(110, 180) + serious * rng.uniform(10, 40) + \
            minor * rng.uniform(1, 5) + rng.uniform(3, 60) * (
                4 if inc.atype in ("fire", "explosion", "gas_explosion") else 1)
        name = ent.name[inc.ent] if rng.random() < 0.9 else ent.short[inc.ent]
        uscc: str | None = ent.uscc[inc.ent] if rng.random() < 0.9 else None
        w.accidents.append({
            "record_id": rid, "occurred_at": occurred, "reported_at": occurred + delay,
            "region_code": str(inc.county), "address": _address(w, inc, industry),
            "enterprise_name": name, "enterprise_uscc": uscc, "industry": industry,
            "accident_type": inc.atype, "reported_deaths": inc.reported_deaths,
            "reported_serious_injuries": serious, "reported_minor_injuries": minor,
            "direct_loss_10k_yuan": None if rng.random() < 0.08 else round(loss, 1),
        })
        k = 0
        for v in inc.victims:
            if v.reported is not None:
                k += 1
                w.add_row("accident_victims", pid=v.pid, acc=inc.acc, outcome=v.reported,
                          noise=1.0 if v.role != "hidden" else 2.0)


def _address(w: World, inc: Incident, industry: str) -> str:
    rng, ent = w.rng, w.ent
    assert ent is not None
    if industry in ("coal_mining", "non_coal_mining"):
        face = pick(rng, ["1203", "21106", "3102", "11501", "+1150水平", "2号斜井"])
        return f"{geo.place(rng, int(ent.county[inc.ent]))}{ent.short[inc.ent]}井下{face}工作面"
    if industry == "transport":
        return f"{pick(rng, geo.HIGHWAYS)}K{int(rng.integers(10, 2000))}+{int(rng.integers(0, 999))}处"
    if industry == "construction":
        return f"{geo.COUNTY_NAME[inc.county]}{pick(rng, geo.ROADS)}{pick(rng, ['安置房', '综合体', '学校', '道路改造', '商住楼'])}项目工地"
    return f"{geo.place(rng, inc.county)}{ent.short[inc.ent]}厂区"


def _truth(w: World, inc: Incident) -> None:
    ent = w.ent
    assert ent is not None
    true_deaths = sum(v.outcome == "death" for v in inc.victims)
    w.incidents.append({
        "incident_id": f"GZ-INC-{inc.iid:05d}",
        "accident_record_id": w.accidents[inc.acc]["record_id"] if inc.acc >= 0 else None,
        "kind": inc.kind, "true_deaths": true_deaths, "reported_deaths": inc.reported_deaths,
        "employer_uscc": ent.uscc[inc.ent], "occurred_on": inc.day,
    })
    for v in inc.victims:
        w.incident_person.append({"incident_id": f"GZ-INC-{inc.iid:05d}", "pid": v.pid,
                                  "outcome": v.outcome, "reported_outcome": v.reported})
    if inc.kind != "reported":
        w.count(f"{inc.kind}_{inc.subtype or 'all'}")


# ---------------------------------------------------------------- victims' records

def _work_payer(rng: np.random.Generator) -> str | None:
    return codes.mix_choice(rng, {"work_injury_insurance": .6, "employee_insurance": .1,
                                  "self_pay": .15, "other": .1, "none": .05}).replace(
        "none", "") or None


def _records(w: World, inc: Incident) -> None:
    rng = w.rng
    tactics = _tactics(rng)
    if inc.kind == "concealed" or inc.subtype in ("grade_line", "undercount"):
        w.count(f"disguise_{tactics['disguise']}", sum(v.role == "hidden" for v in inc.victims))
    # the hospital the injured of this incident are taken to
    first_hosp = geo.pick_hospital(rng, inc.county, severe=True)
    for v in inc.victims:
        if v.role == "hidden":
            t = dict(tactics)
            if rng.random() < 0.25:  # victims' families do not all act alike
                t.update({k: _tactics(rng)[k] for k in ("body", "dereg", "claim")})
            _hidden_death(w, inc, v, t, first_hosp)
        elif v.role == "injured_hidden":
            _hidden_injury(w, inc, v, first_hosp)
        else:
            _honest(w, inc, v, first_hosp)


def _honest(w: World, inc: Incident, v: Victim, first_hosp: int) -> None:
    """A victim whose records tell the truth (reported ones, and late deaths not added)."""
    rng, ent = w.rng, w.ent
    assert ent is not None
    info = INJURY[inc.atype]
    diag, ext = str(pick(rng, info["diag"])), str(pick(rng, info["ext"]))
    admit = inc.day * DAY + inc.minute * 60 + int(rng.integers(30, 150)) * 60
    recorded_ent = inc.ent if rng.random() < 0.5 else NULL
    payer = _work_payer(rng)
    enrolled = v.spell >= 0
    hosp = first_hosp if rng.random() < 0.8 else geo.pick_hospital(rng, inc.county, True)
    if v.outcome == "death":
        died_in_hospital = v.die_day != inc.day or rng.random() < 0.4
        last = None
        if died_in_hospital:
            last = hospital_course(w, v.pid, admit, hosp, diag, ext, payer, recorded_ent,
                                   die_day=v.die_day, transfer=v.die_day != inc.day
                                   and rng.random() < 0.5)
        assert v.die_day is not None
        late = v.role == "late_hidden"
        cause = str(pick(rng, ["多器官功能衰竭", "感染性休克", "颅脑损伤", "呼吸衰竭"])) if late \
            else str(pick(rng, info["cause"]))
        dcause = pick(rng, codes.DEREG_WORK + (["病故"] if late else []))
        emit_dereg(w, v.pid, v.die_day, dcause)  # type: ignore[arg-type]
        if rng.random() < 0.8:
            hukou = int(w.people.hukou[v.pid])
            base = hukou if hukou // 10000 == 52 and rng.random() < 0.4 else \
                int(ent.county[inc.ent])
            home = geo.SERVING_HOME[base] if base in geo.SERVING_HOME else \
                geo.SERVING_HOME[int(ent.county[inc.ent])]
            origin = geo.HOSP_NAME[last] if last is not None else pick(
                rng, ["事故现场", geo.place(rng, inc.county), None])
            issuer = "hospital" if last is not None else pick(rng, ["police", "police", "other"])
            emit_cremation(w, v.pid, v.die_day, v.die_day + int(rng.integers(2, 13)), home,
                           cause, issuer, origin)  # type: ignore[arg-type]
        p_claim = (0.85 if enrolled else 0.4) * (0.75 if late else 1.0)
        if rng.random() < p_claim:
            applied = v.die_day + int(rng.integers(7, 60)) + (
                int(rng.integers(60, 200)) if late and rng.random() < 0.4 else 0)
            emit_claim(w, v.pid, inc.ent, inc.day, applied, applied + int(rng.integers(20, 90)),
                       "death", str(pick(rng, info["claim"])) + "，经抢救无效死亡")
        return
    serious = v.outcome == "serious_injury"
    post = v.role == "post_window"
    if serious or rng.random() < 0.8:
        hospital_course(w, v.pid, admit, hosp, diag, ext, payer, recorded_ent,
                        die_day=v.die_day if post else None,
                        los_days=(14, 120) if serious else (1, 14),
                        transfer=serious and rng.random() < 0.35)
    if post:
        assert v.die_day is not None
        emit_dereg(w, v.pid, v.die_day, pick(rng, ["病故", "工伤", None]))  # type: ignore[arg-type]
        if rng.random() < 0.7:
            emit_cremation(w, v.pid, v.die_day, v.die_day + int(rng.integers(1, 6)),
                           geo.SERVING_HOME[int(ent.county[inc.ent])],
                           str(pick(rng, ["多器官功能衰竭", "肺部感染", "呼吸衰竭"])), "hospital",
                           "医院")
    p_claim = (0.85 if serious else 0.6) * (1.0 if enrolled else 0.45)
    if rng.random() < p_claim:
        applied = inc.day + int(rng.integers(10, 60))
        if post and rng.random() < 0.5:
            outcome, decided = "death", v.die_day + int(rng.integers(30, 120))  # type: ignore
        elif serious:
            outcome = f"disability_{rng.choice(6, p=[.03, .07, .15, .25, .25, .25]) + 1}"
            decided = applied + int(rng.integers(60, 300))
        else:
            outcome = str(rng.choice(["injury", "disability_10", "disability_9", "rejected"],
                                     p=[.5, .25, .15, .1]))
            decided = applied + int(rng.integers(20, 90))
        emit_claim(w, v.pid, inc.ent, inc.day, applied, decided, outcome,
                   str(pick(rng, info["claim"])))


def _hidden_injury(w: World, inc: Incident, v: Victim, first_hosp: int) -> None:
    """Injured in a concealed incident: treated for cash, off the insurance, often moved."""
    rng = w.rng
    info = INJURY[inc.atype]
    diag = str(pick(rng, info["diag"]))
    ext = str(pick(rng, info["ext"])) if rng.random() < 0.5 else (
        None if rng.random() < 0.5 else str(pick(rng, codes.MINOR["other"]["ext"])))
    admit = inc.day * DAY + inc.minute * 60 + int(rng.integers(30, 240)) * 60
    payer = codes.mix_choice(rng, {"self_pay": .6, "other": .2, "resident_insurance": .2})
    serious = v.outcome == "serious_injury"
    if serious or rng.random() < 0.6:
        hospital_course(w, v.pid, admit, first_hosp, diag, ext, payer, NULL,
                        los_days=(14, 70) if serious else (1, 12),
                        transfer=serious and rng.random() < 0.4, noise=1.8,
                        id_force="missing" if rng.random() < 0.3 else None,
                        rename_second=True)
    if rng.random() < (0.15 if serious else 0.05):
        applied = inc.day + int(rng.integers(120, 340))
        emit_claim(w, v.pid, inc.ent, inc.day, applied, applied + int(rng.integers(30, 120)),
                   f"disability_{int(rng.integers(3, 9))}" if serious else "injury",
                   str(pick(rng, info["claim"])))


def _hidden_death(w: World, inc: Incident, v: Victim, t: dict[str, Any],
                  first_hosp: int) -> None:
    """A death the employer hides: cause, place, certificate, timing, enrolment, claim."""
    rng, ent = w.rng, w.ent
    assert ent is not None and v.die_day is not None
    info = INJURY[inc.atype]
    disguise = t["disguise"]
    hukou = int(w.people.hukou[v.pid])
    ent_county = int(ent.county[inc.ent])
    died_home = False
    last = None
    reach = t["hospital"] or (disguise == "traffic" and rng.random() < 0.7)
    if (reach and disguise != "illness") or (disguise == "illness" and rng.random() < 0.12):
        admit = inc.day * DAY + inc.minute * 60 + int(rng.integers(30, 180)) * 60
        ext: str | None
        if disguise == "traffic":
            diag, ext = str(pick(rng, ["S06.5", "T06.8", "S27.3"])), str(
                pick(rng, ["V28.4", "V29.4", "V23.4"]))
        elif disguise == "honest":
            diag, ext = str(pick(rng, info["diag"])), str(pick(rng, info["ext"]))
        else:
            diag = str(pick(rng, info["diag"]))
            e0 = str(pick(rng, info["ext"]))
            ext = None if rng.random() < 0.5 or e0[0] == "V" else e0[:4] + "9"
        left = rng.random() < 0.3
        payer = codes.mix_choice(rng, {"self_pay": .6, "other": .2, "resident_insurance": .2})
        last = hospital_course(w, v.pid, admit, first_hosp, diag, ext, payer, NULL,
                               die_day=None if left else v.die_day, left=left, noise=2.5,
                               left_by=v.die_day,
                               id_force="missing" if rng.random() < 0.5 else None)
        if left:  # taken home to die there (自动出院)
            died_home, last = True, None
            w.count("tactic_left_against_advice")
    # cremation
    if t["body"] != "none":
        if t["body"] == "far":
            home = geo.far_home(rng, ent_county, inc.county, hukou if hukou // 10000 == 52
                                else ent_county)
        elif t["body"] == "neighbour":
            home = geo.SERVING_HOME[geo.other_county_same_city(rng, inc.county)]
        else:
            home = geo.SERVING_HOME[inc.county]
        lag = int(rng.choice([0, 1], p=[.55, .45])) if t["fast"] else cremation_lag(rng)
        recorded = v.die_day
        if t["false_date"]:
            recorded = v.die_day + int(rng.choice([-3, -2, -1, 1]))
            w.count("tactic_false_date")
        crem = max(v.die_day + lag, recorded)
        if disguise == "illness":
            cause = pick(rng, [*codes.SUDDEN_CAUSES, "病故", "脑出血", "心力衰竭"])
            issuer = codes.mix_choice(rng, {"community": .5, "other": .3, "hospital": .2})
        elif disguise == "vague":
            cause = pick(rng, codes.VAGUE_CERT)
            issuer = codes.mix_choice(rng, {"community": .35, "other": .3, "police": .2,
                                            "none": .15})
        elif disguise == "traffic":
            cause = pick(rng, codes.NONOCC["traffic"]["cert"])
            issuer = "police" if rng.random() < 0.7 else "hospital"
        else:
            cause = pick(rng, info["cause"])
            issuer = "hospital" if last is not None else codes.mix_choice(
                rng, {"police": .4, "other": .3, "community": .3})
        if last is not None and disguise != "illness":
            origin: str | None = geo.HOSP_NAME[last]
        elif died_home or disguise == "illness":
            origin = "家中" if rng.random() < 0.7 else geo.place(rng, int(hukou) if hukou in
                                                               geo.SERVING_HOME else inc.county)
        else:
            origin = pick(rng, [None, geo.place(rng, inc.county), "外地"])  # type: ignore
        emit_cremation(w, v.pid, recorded, crem, home, cause,  # type: ignore[arg-type]
                       None if issuer == "none" else issuer, origin, noise=1.8,
                       id_force="missing" if rng.random() < 0.15 else None,
                       death_known=rng.random() > 0.08)
        w.count(f"tactic_body_{t['body']}")
        if t["fast"]:
            w.count("tactic_fast_cremation")
    else:
        w.count("tactic_no_cremation")
    # household registration
    if t["dereg"] != "never":
        dlag: int | None = int(rng.integers(90, 400)) if t["dereg"] == "delayed" else None
        dcause = {"illness": pick(rng, codes.DEREG_ILLNESS), "vague": pick(rng, codes.DEREG_VAGUE),
                  "traffic": "交通事故", "honest": pick(rng, codes.DEREG_WORK)}[disguise]
        emit_dereg(w, v.pid, v.die_day, dcause, lag=dlag)  # type: ignore[arg-type]
    w.count(f"tactic_dereg_{t['dereg']}")
    # enrolment: ended the day before, moved to a dispatch firm, or left as it was
    if v.spell >= 0:
        if t["spell"] == "ended":
            new_end = inc.day - int(rng.integers(1, 21))
            if w.sp_start[v.spell] > new_end:
                w.sp_keep[v.spell] = False
            else:
                w.sp_end[v.spell] = new_end
        elif t["spell"] == "dispatch":
            disp = np.flatnonzero(ent.dispatch & (ent.county // 100 == ent_county // 100))
            if len(disp) == 0:
                disp = np.flatnonzero(ent.dispatch)
            w.sp_ent[v.spell] = int(disp[rng.integers(len(disp))])
        w.count(f"tactic_spell_{t['spell']}")
    else:
        w.count("tactic_spell_informal")
    # the work-injury claim: usually settled privately and never filed
    claim = t["claim"]
    w.count(f"tactic_claim_{claim}")
    if claim == "none":
        return
    if claim == "late":
        applied = v.die_day + int(rng.integers(120, 340))
        outcome = codes.mix_choice(rng, {"death": .5, "pending": .3, "rejected": .2})
    elif claim == "timely":
        applied, outcome = v.die_day + int(rng.integers(10, 40)), "death"
    else:
        applied, outcome = v.die_day + int(rng.integers(20, 200)), "rejected"
    desc = str(pick(rng, info["claim"])) + "死亡" if disguise == "honest" else pick(
        rng, ["在工作中受伤死亡", "工作期间死亡", None, "在单位死亡，原因待查"])
    claim_ent = int(w.sp_ent[v.spell]) if v.spell >= 0 else inc.ent
    emit_claim(w, v.pid, claim_ent, inc.day, applied, applied + int(rng.integers(30, 150)),
               outcome, desc)  # type: ignore[arg-type]
