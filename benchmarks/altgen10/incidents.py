"""Production-safety incidents: honest reported accidents, under-reported ones (a grade line kept,
an injured victim who died within the supplementary-report window and was never added, a casual
worker left off the list) and concealed ones (death written up as illness, body moved to another
prefecture, private settlement, the worker kept off the books, staged road crash, injuries only).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from . import codes, geo
from .codes import pick
from .geo import Facility
from .world import END, START, Enterprise, Person, Record, World

ACC_INDUSTRY = [("construction", 33.0), ("coal_mining", 15.0), ("non_coal_mining", 9.0),
                ("hazardous_chemicals", 10.0), ("transport", 14.0), ("metallurgy", 5.0),
                ("manufacturing", 9.0), ("other", 4.0), ("fireworks", 1.0)]
CONC_INDUSTRY = [("coal_mining", 34.0), ("non_coal_mining", 20.0), ("construction", 24.0),
                 ("hazardous_chemicals", 10.0), ("metallurgy", 6.0), ("manufacturing", 4.0),
                 ("fireworks", 2.0)]
CONCEAL_PATTERNS = [("illness_cover", 22.0), ("body_moved", 16.0), ("private_settlement", 16.0),
                    ("off_books", 14.0), ("traffic_disguise", 12.0), ("injury_only", 20.0)]
UNDER_PATTERNS = [("grade_cut", 40.0), ("late_death", 40.0), ("omitted", 20.0)]
REPORTED, CONCEALED, UNDER = 1000, 150, 75  # incidents at scale 1
LAST = END - timedelta(days=35)  # late deaths fall inside the data window


@dataclass
class Casualty:
    person: Person
    outcome: str  # death, serious_injury, minor_injury
    reported: str | None = None
    day: int = 0  # day of death after the accident
    enrol: str = "open"  # open, closed (retroactively), never, third (a road user)


def _counts(w: World, table: Sequence[tuple[int, float]]) -> int:
    return w.rng.choices([k for k, _ in table], weights=[p for _, p in table])[0]


def _when(w: World, industry: str) -> datetime:
    """Outdoor construction stops in the Xinjiang winter; mines run three shifts."""
    while True:
        d = w.day(START, LAST)
        if industry == "construction" and d.month in (12, 1, 2) and w.chance(0.7):
            continue
        return w.at_time(d, 0, 23) if industry in geo.SITES else w.at_time(d, 7, 21)


def _casualties(w: World, ent: Enterprise, when: date, outcomes: list[str],
                mix: dict[str, float]) -> list[Casualty]:
    out: list[Casualty] = []
    statuses = w.rng.choices(list(mix), weights=list(mix.values()), k=len(outcomes))
    crew = w.crew(ent, when, sum(1 for s in statuses if s != "never"))
    for outcome, status in zip(outcomes, statuses, strict=True):
        if status != "never" and crew:
            p = crew.pop()
            if status == "closed":  # the spell ended "before" the accident
                s = w.enrolled(p, ent, when)
                if s is not None:
                    s.end = when - timedelta(days=w.rng.randint(1, 20))
                    if s.end < s.start:
                        s.end = s.start
        else:
            p, status = w.casual(ent, when), "never"
        out.append(Casualty(p, outcome, enrol=status))
    return out


def _site_text(ent: Enterprise, region: str) -> str:
    return f"{geo.PREFECTURES[region[:4]][0]}{geo.county_name(region)}{ent.place}"


def _hospital_path(w: World, c: Casualty, local: Facility, when: datetime, dx: str,
                   ext: str | None, payer: str | None, employer: str | None,
                   died_day: int | None, id_kind: str | None = None
                   ) -> tuple[Facility, datetime | None]:
    """Admission at the local hospital, maybe a transfer to a referral hospital; for a death on a
    later day the last stay ends in ``died``. Returns where the person was last, and when they
    left (or died)."""
    admitted = when + timedelta(minutes=w.rng.randint(40, 240))
    p = c.person
    if died_day is not None and died_day == 0:
        out = w.admit(p, local, admitted, w.rng.uniform(0.05, 0.5), dx, ext, "died", payer,
                      employer, id_kind)
        return local, out
    transfer = w.chance(0.35 if died_day is None else 0.5)
    stay = died_day if died_day is not None else \
        (w.rng.randint(14, 60) if c.outcome == "serious_injury" else w.rng.randint(1, 10))
    if transfer and stay >= 2:
        first = w.rng.uniform(0.3, min(2.0, stay - 0.5))
        out = w.admit(p, local, admitted, first, dx, ext, "transferred", payer, employer, id_kind)
        if out is None:
            return local, None
        ref = w.geo.referral["6501"] if w.chance(0.5) else w.geo.referral[local.region[:4]]
        disp = "died" if died_day is not None else "discharged"
        out = w.admit(p, ref, out + timedelta(hours=w.rng.uniform(2, 10)), stay - first, dx, ext,
                      disp, payer, employer, id_kind)
        return ref, out
    disp = "died" if died_day is not None else \
        ("left_against_advice" if w.chance(0.04) else "discharged")
    return local, w.admit(p, local, admitted, stay, dx, ext, disp, payer, employer, id_kind)


def _accident_row(w: World, ent: Enterprise, region: str, when: datetime, atype: str,
                  cas: list[Casualty], address: str) -> Record:
    rng = w.rng
    u = rng.random()
    delay = timedelta(minutes=rng.randint(15, 70)) if u < 0.7 else \
        timedelta(minutes=rng.randint(70, 600)) if u < 0.95 else \
        timedelta(hours=rng.randint(24, 100))  # 迟报
    deaths = sum(1 for c in cas if c.reported == "death")
    serious = sum(1 for c in cas if c.reported == "serious_injury")
    minor = sum(1 for c in cas if c.reported == "minor_injury")
    minor += sum(1 for c in cas if c.outcome == "minor_injury" and c.reported is None and
                 rng.random() < 0.5)
    loss: float | None = round(deaths * rng.uniform(90, 210) + (serious + minor) *
                               rng.uniform(4, 30) + rng.uniform(1, 60), 2)
    if rng.random() < 0.18:
        loss = None
    uscc = w.uscc_text(ent, 0.1)
    row: Record = {
        "_sort": when, "_tie": rng.random(), "_region": region,
        "occurred_at": when, "reported_at": when + delay, "region_code": region,
        "address": address,
        "enterprise_name": ent.name if rng.random() < 0.92 else w.employer_text(ent, "free"),
        "enterprise_uscc": uscc,
        "industry": ent.industry, "accident_type": atype, "reported_deaths": deaths,
        "reported_serious_injuries": serious, "reported_minor_injuries": minor,
        "direct_loss_10k_yuan": loss,
    }
    w.records["accidents"].append(row)
    for k, c in enumerate(cas):
        if c.reported is not None:
            w.records["accident_victims"].append({
                "_pid": c.person.pid, "_acc": row, "_k": k, "_at": when.date(),
                "age": c.person.age(when.date()) if rng.random() < 0.85 else None,
                "outcome": c.reported,
            })
    return row


def _truth(w: World, kind: str, acc: Record | None, cas: list[Casualty], ent: Enterprise,
           when: datetime) -> str:
    inc_id = f"XJ{len(w.incidents) + 1:05d}"
    w.incidents.append({
        "incident_id": inc_id, "_acc": acc, "kind": kind,
        "true_deaths": sum(1 for c in cas if c.outcome == "death"),
        "reported_deaths": sum(1 for c in cas if c.reported == "death"),
        "employer_uscc": ent.uscc, "occurred_on": when.date(),
    })
    for c in cas:
        w.incident_persons.append({"incident_id": inc_id, "person_id": c.person.pid,
                                   "outcome": c.outcome, "reported_outcome": c.reported})
    return inc_id


def _claim_desc(atype: str, ent: Enterprise, when: date, outcome: str) -> str:
    base = codes.DESC[atype].format(site=ent.place or ent.short)
    tail = {"death": "，经抢救无效死亡", "serious_injury": "，致多处骨折",
            "minor_injury": "，致软组织挫伤"}[outcome]
    return f"{when.year}年{when.month}月{when.day}日{base}{tail}"


def _disability(w: World, outcome: str) -> str:
    if outcome == "serious_injury":
        grade = pick(w.rng, [("1", 4), ("2", 6), ("3", 10), ("4", 20), ("5", 25), ("6", 20),
                             ("7", 15)])
        return f"disability_{grade}"
    return pick(w.rng, [("injury", 50), ("disability_10", 30), ("disability_9", 15),
                        ("disability_8", 5)])


def _pick_industry_ent(w: World, table: list[tuple[str, float]],
                       high_risk: bool | None) -> Enterprise:
    while True:
        ind = pick(w.rng, table)
        if w.by_industry.get(ind):
            return w.pick_enterprise(ind, high_risk)


def _location(w: World, ent: Enterprise, atype: str) -> tuple[str, str, bool]:
    """(county, address, on a public road)."""
    if ent.industry == "transport" and atype == "vehicle":
        road, counties = w.rng.choice(geo.ROADS)
        county = w.rng.choice(counties)
        km = w.rng.randint(10, 4400)
        where = f"{road}K{km}+{w.rng.randint(0, 999):03d}处（{geo.county_name(county)}境内）"
        return county, where, True
    region = ent.region
    spot = w.rng.choice(("井下+1150水平3号工作面", "采掘区", "1号剥离台阶", "主井", "回风巷",
                         "排土场")) if ent.industry in ("coal_mining", "non_coal_mining") else \
        w.rng.choice(("厂区", "生产车间", "储罐区", "装置区", "检修现场")) \
        if ent.industry in ("hazardous_chemicals", "metallurgy", "manufacturing", "fireworks") \
        else w.rng.choice(("项目工地", "施工现场", "在建楼盘3号楼", "基坑", "道路施工段"))
    return region, f"{_site_text(ent, region)}{ent.short}{spot}", False


# --- honest and under-reported accidents -----------------------------------------------------
def reported_accident(w: World, kind: str, pattern: str | None = None) -> None:
    rng = w.rng
    ent = _pick_industry_ent(w, ACC_INDUSTRY, None)
    atype = pick(rng, codes.ACCIDENT_TYPES[ent.industry])
    when = _when(w, ent.industry)
    region, address, road = _location(w, ent, atype)
    window = 7 if (road or atype == "fire") else 30
    outcomes: list[str] = []
    rep = 0
    if kind == "reported":
        deaths = _counts(w, [(0, 12), (1, 66), (2, 14), (3, 2.5), (4, 1), (5, 0.5), (6, 0.3),
                             (7, 0.2), (8, 0.1), (9, 0.1)])
        serious = rng.randint(1, 4) if deaths == 0 else _counts(w, [(0, 60), (1, 25), (2, 10),
                                                                      (3, 5)])
        minor = _counts(w, [(0, 55), (1, 25), (2, 12), (3, 8)])
        outcomes = ["death"] * deaths + ["serious_injury"] * serious + ["minor_injury"] * minor
    else:
        if pattern == "grade_cut":
            if rng.random() < 0.12:
                deaths, rep = rng.randint(10, 13), 9
            else:
                deaths, rep = _counts(w, [(3, 45), (4, 30), (5, 15), (6, 10)]), 2
        elif pattern == "late_death":
            rep = _counts(w, [(0, 20), (1, 60), (2, 20)])
            deaths = rep + (1 if rng.random() < 0.85 else 2)
        else:
            rep = _counts(w, [(1, 70), (2, 30)])
            deaths = rep + (1 if rng.random() < 0.8 else 2)
        serious, minor = rng.randint(0, 2), rng.randint(0, 2)
        outcomes = ["death"] * deaths + ["serious_injury"] * serious + ["minor_injury"] * minor
    third = road and rng.random() < 0.5
    mix = {"open": 0.82, "never": 0.18} if not road else {"open": 0.9, "never": 0.1}
    cas = _casualties(w, ent, when.date(), outcomes, mix)
    if third and len(cas) > 1:  # the other car's occupants
        for c in cas[1:]:
            c.person = w.new_person(when.date(), rng.randint(8, 75), county=region)
            c.enrol = "third"  # not a worker: no employer, no work-injury claim
    # what the report says
    n_dead = 0
    hidden: list[Casualty] = []
    for c in cas:
        if c.outcome == "death":
            c.day = 0 if rng.random() < 0.88 else rng.randint(1, window - 1)
            if kind == "reported" or n_dead < rep:
                c.reported = "death"
                n_dead += 1
            else:
                hidden.append(c)
        elif c.outcome == "serious_injury" or rng.random() < 0.8:
            c.reported = c.outcome
    if kind == "under_reported":
        assert pattern is not None
        w.patterns[f"under_{pattern}"] += 1
        if pattern == "grade_cut":
            for c in hidden:
                c.reported = "serious_injury" if rng.random() < 0.35 else None
        elif pattern == "late_death":
            for c in hidden:
                c.reported, c.day = "serious_injury", rng.randint(1, window - 1)
        else:
            for c in hidden:
                if c.enrol != "never":
                    c.person, c.enrol = w.casual(ent, when.date()), "never"
                c.reported, c.day = None, 0
    acc = _accident_row(w, ent, region, when, atype, cas, address)
    inc_id = _truth(w, kind, acc, cas, ent, when)
    local = w.geo.hospital(region)
    for c in cas:
        _reported_evidence(w, c, ent, region, local, when, atype, road, inc_id,
                           pattern if c in hidden else None)


def _reported_evidence(w: World, c: Casualty, ent: Enterprise, region: str, local: Facility,
                       when: datetime, atype: str, road: bool, inc_id: str,
                       hidden: str | None) -> None:
    rng = w.rng
    p = c.person
    d0 = when.date()
    dx, ext = codes.injury_codes(rng, atype, c.outcome, road)
    ext_w: str | None = ext if rng.random() < 0.88 else None
    payer = pick(rng, [("work_injury_insurance", 45), ("employee_insurance", 20),
                       ("self_pay", 15), ("commercial", 12), ("other", 8)]) \
        if c.enrol == "open" else pick(rng, [("self_pay", 45), ("resident_insurance", 30),
                                              ("commercial", 25)])
    if c.enrol == "third":
        payer = pick(rng, [("commercial", 60), ("resident_insurance", 25), ("self_pay", 15)])
    employer = w.employer_text(ent, "free") \
        if c.enrol not in ("never", "third") and rng.random() < 0.5 else None
    enrolled = c.enrol == "open"
    if c.outcome != "death":
        w.last_seen[p.pid] = max(w.last_seen.get(p.pid, d0), d0)
        if c.outcome == "serious_injury" or rng.random() < 0.7 or \
                (c.reported is None and c.enrol in ("never", "third")):
            _hospital_path(w, c, local, when, dx, ext_w, payer, employer, None)
        if enrolled and rng.random() < (0.85 if c.outcome == "serious_injury" else 0.55):
            w.claim(p, w.employer_text(ent, "claim"), w.uscc_text(ent, 0.1),
                    d0, d0 + timedelta(days=rng.randint(5, 50)), _disability(w, c.outcome),
                    _claim_desc(atype, ent, d0, c.outcome), ent.region)
        return
    death = d0 + timedelta(days=c.day)
    place: Facility | None = None
    p_hosp = 0.4 if hidden is None else 0.2 if hidden == "omitted" else 0.3
    if c.day > 0 or rng.random() < p_hosp:
        place, out = _hospital_path(w, c, local, when, dx, ext_w, payer, employer, c.day)
        if out is not None:
            death = out.date()
    w.die(p, death, "incident", inc_id)
    if hidden in ("grade_cut", "omitted"):
        cause = pick(rng, [("", 40), ("意外", 25), ("病故", 20), ("死亡", 15)]) or None
        issuer = pick(rng, [("hospital", 30), ("community", 30), ("other", 30), ("", 10)]) or None
    else:
        cause = pick(rng, [("", 38), ("工伤", 18), ("意外", 20), ("因工死亡", 10), ("事故死亡", 6),
                           ("因伤死亡", 8)]) or None
        issuer = "hospital" if place is not None else \
            pick(rng, [("police", 50), ("hospital", 25), ("other", 20), ("", 5)]) or None
    origin = place.name if place is not None else \
        (f"{geo.county_name(region)}{ent.place}" if rng.random() < 0.6 else None)
    got = w.deregister(p, death, cause)
    got = w.funeral(p, death, region, cause=cause, issuer=issuer, origin=origin,
                    fast=hidden == "grade_cut" and rng.random() < 0.5) or got
    if not got:
        w.funeral(p, death, region, cause=cause, issuer=issuer, origin=origin, p_record=1.0)
    desc = _claim_desc(atype, ent, d0, "death")
    if enrolled and hidden is None and rng.random() < 0.88:
        w.claim(p, w.employer_text(ent, "claim"), w.uscc_text(ent, 0.1), d0,
                death + timedelta(days=rng.randint(6, 45)), "death", desc, ent.region)
    elif hidden == "late_death" and rng.random() < 0.5:
        w.claim(p, w.employer_text(ent, "claim"), w.uscc_text(ent, 0.2), d0,
                death + timedelta(days=rng.randint(20, 200)), "death", desc, ent.region)
    elif c.enrol == "never" and rng.random() < (0.3 if hidden is None else 0.2):
        result = pick(rng, [("death", 50), ("rejected", 30), ("pending", 20)])
        w.claim(p, w.employer_text(ent, "free"), None, d0,
                death + timedelta(days=rng.randint(30, 330)), result, desc, ent.region)


# --- concealed incidents ---------------------------------------------------------------------
def concealed_incident(w: World, pattern: str) -> None:
    rng = w.rng
    w.patterns[pattern] += 1
    ent = _pick_industry_ent(w, CONC_INDUSTRY, True)
    atype = pick(rng, codes.ACCIDENT_TYPES[ent.industry])
    when = _when(w, ent.industry)
    region = ent.region
    if pattern == "injury_only":
        serious, minor = rng.randint(1, 3), rng.randint(0, 3)
        if serious + minor < 2:
            minor = 2 - serious
        outcomes = ["serious_injury"] * serious + ["minor_injury"] * minor
    else:
        table = [(1, 75), (2, 25)] if pattern == "traffic_disguise" else \
            [(1, 45), (2, 28), (3, 15), (4, 7), (5, 3), (6, 2)]
        deaths = _counts(w, table)
        injured = _counts(w, [(0, 50), (1, 30), (2, 12), (3, 8)])
        if pattern == "traffic_disguise":
            injured = min(injured, 1)
        outcomes = ["death"] * deaths + \
            ["serious_injury" if rng.random() < 0.6 else "minor_injury" for _ in range(injured)]
    mix = {"closed": 0.5, "never": 0.5} if pattern == "off_books" else \
        {"open": 0.55, "closed": 0.15, "never": 0.30}
    cas = _casualties(w, ent, when.date(), outcomes, mix)
    inc_id = _truth(w, "concealed", None, cas, ent, when)
    local = w.geo.hospital(region)
    for c in cas:
        if c.outcome == "death":
            _concealed_death(w, c, ent, region, local, when, atype, pattern, inc_id)
        else:
            _concealed_injury(w, c, ent, local, when, atype)


def _concealed_injury(w: World, c: Casualty, ent: Enterprise, local: Facility, when: datetime,
                      atype: str) -> None:
    rng = w.rng
    p = c.person
    d0 = when.date()
    w.last_seen[p.pid] = max(w.last_seen.get(p.pid, d0), d0)
    if rng.random() < (0.85 if c.outcome == "serious_injury" else 0.6) or c.enrol == "never":
        dx, ext = codes.injury_codes(rng, atype, c.outcome)
        u = rng.random()
        ext_w = ext if u < 0.5 else ext[:3] + ".9" if u < 0.8 else None  # place left unspecified
        payer = pick(rng, [("self_pay", 55), ("employee_insurance", 18), ("commercial", 15),
                           ("resident_insurance", 12)])
        employer = w.employer_text(ent, "free") if rng.random() < 0.35 else None
        start = when + timedelta(hours=rng.uniform(0, 30))  # brought in later, by the company car
        _hospital_path(w, c, local, start, dx, ext_w, payer, employer, None,
                       "missing" if rng.random() < 0.3 else None)
    if rng.random() < 0.12:
        out = pick(rng, [("pending", 40), ("rejected", 30), ("injury", 15), ("disability_7", 15)])
        w.claim(p, w.employer_text(ent, "free"), None, d0,
                d0 + timedelta(days=rng.randint(40, 330)), out,
                _claim_desc(atype, ent, d0, c.outcome), ent.region)


def _concealed_death(w: World, c: Casualty, ent: Enterprise, region: str, local: Facility,
                     when: datetime, atype: str, pattern: str, inc_id: str) -> None:
    rng = w.rng
    p = c.person
    d0 = when.date()
    death = d0 if rng.random() < 0.9 else d0 + timedelta(days=1)
    out: datetime | None = None  # when the emergency room gave up
    dx, ext = codes.injury_codes(rng, atype, "death")
    hosp: Facility | None = None
    cause: str | None
    crem_cause: str | None
    issuer: str | None
    origin: str | None
    home: Facility | None = None
    fast = False
    dereg_lag: int | None = None
    p_dereg = 0.9
    id_kind: str | None = None
    if pattern == "illness_cover":
        cause = pick(rng, [("病故", 35), ("猝死", 25), ("心源性猝死", 12), ("突发疾病", 10),
                           ("脑出血", 8), ("", 10)]) or None
        crem_cause = pick(rng, [("猝死", 35), ("心脏骤停", 25), ("病故", 25), ("", 15)]) or None
        issuer = pick(rng, [("community", 45), ("hospital", 25), ("other", 20), ("", 10)]) or None
        fast = rng.random() < 0.65
        if rng.random() < 0.2:  # the emergency room saw the injuries
            hosp = local
            out = w.admit(p, local, when + timedelta(minutes=rng.randint(60, 300)),
                          rng.uniform(0.05, 0.3), dx, ext if rng.random() < 0.5 else None,
                          "died",
                    "self_pay", None, "missing" if rng.random() < 0.4 else None)
        origin = hosp.name if hosp is not None else \
            pick(rng, [("家中", 55), (f"{ent.place}", 20), ("", 25)]) or None
    elif pattern == "body_moved":
        cause = pick(rng, [("", 45), ("病故", 30), ("死亡", 10), ("意外", 15)]) or None
        crem_cause = pick(rng, [("", 50), ("病故", 25), ("心脏病", 15), ("意外", 10)]) or None
        issuer = pick(rng, [("other", 45), ("", 35), ("police", 10), ("community", 10)]) or None
        origin = pick(rng, [("", 40), ("外地", 25), (geo.county_name(region), 20),
                            ("家中", 15)]) or None
        fast = True
        avoid = (region[:4], p.hukou[:4])
        if p.eth not in ("uyghur", "kazakh", "hui"):
            home = w.geo.far_home(rng, avoid)
        id_kind = "missing" if rng.random() < 0.55 else None
        dereg_lag = rng.randint(30, 240)
        p_dereg = 0.65
    elif pattern == "private_settlement":
        cause = pick(rng, [("", 50), ("意外", 30), ("病故", 20)]) or None
        crem_cause = pick(rng, [("", 40), ("意外", 30), ("病故", 30)]) or None
        issuer = pick(rng, [("community", 50), ("hospital", 20), ("other", 20), ("", 10)]) or None
        fast = rng.random() < 0.5
        if rng.random() < 0.3:
            hosp = local
            out = w.admit(p, local, when + timedelta(minutes=rng.randint(40, 200)),
                    rng.uniform(0.05, 0.5), dx, ext if rng.random() < 0.6 else None, "died",
                    "self_pay", None)
        origin = hosp.name if hosp is not None else \
            pick(rng, [("家中", 40), (ent.place, 30), ("", 30)]) or None
        dereg_lag = rng.randint(20, 150)
    elif pattern == "off_books":
        cause = pick(rng, [("", 40), ("意外", 35), ("病故", 25)]) or None
        crem_cause = pick(rng, [("", 40), ("意外", 35), ("外伤", 10), ("病故", 15)]) or None
        issuer = pick(rng, [("hospital", 35), ("community", 35), ("police", 15), ("other", 15)])
        if rng.random() < 0.4:
            hosp = local
            employer = w.employer_text(ent, "free") if rng.random() < 0.6 else None
            out = w.admit(p, local, when + timedelta(minutes=rng.randint(40, 200)),
                    rng.uniform(0.05, 0.8), dx, ext if rng.random() < 0.7 else None, "died",
                    "self_pay", employer)
        origin = hosp.name if hosp is not None else pick(rng, [("家中", 50), ("", 50)]) or None
    else:  # traffic_disguise: a motorcycle "crash" on the county road near the mine
        cause = pick(rng, [("交通事故", 60), ("车祸", 20), ("意外", 20)])
        crem_cause = pick(rng, [("交通事故", 60), ("颅脑损伤", 25), ("", 15)]) or None
        issuer = pick(rng, [("police", 70), ("hospital", 20), ("other", 10)])
        road_spot = f"{geo.county_name(region)}{ent.place}附近公路"
        if rng.random() < 0.6:
            hosp = local
            out = w.admit(p, local, when + timedelta(minutes=rng.randint(60, 240)),
                    rng.uniform(0.05, 0.5), rng.choice(("S06.5", "T07", "S06.6")),
                    rng.choice(("V28.4", "V23.4", "V29.4", "V89.2")), "died",
                    pick(rng, [("self_pay", 50), ("commercial", 30), ("resident_insurance", 20)]),
                    None)
        origin = hosp.name if hosp is not None else road_spot
    if out is not None:
        death = out.date()
    w.die(p, death, "incident", inc_id)
    got = False
    if rng.random() < p_dereg:
        got = w.deregister(p, death, cause, lag=dereg_lag)
    got = w.funeral(p, death, region, cause=crem_cause, issuer=issuer, origin=origin, fast=fast,
                    home=home, id_kind=id_kind,
                    name_kind="given_only" if pattern == "body_moved" and p.minority and
                    rng.random() < 0.3 else None,
                    p_record=0.12 if pattern == "body_moved" and p.eth != "han" else None) or got
    if not got and not w.deregister(p, death, cause, lag=rng.randint(10, 60)):
        w.funeral(p, death, region, cause=crem_cause, issuer=issuer, origin=origin,
                  fast=fast, home=home, p_record=1.0, id_kind=id_kind)
    # a family that did not settle files later; the employer denies the work relation
    p_claim = {"illness_cover": 0.15, "off_books": 0.3, "private_settlement": 0.0,
               "body_moved": 0.03, "traffic_disguise": 0.05}[pattern]
    if rng.random() < p_claim:
        desc = "工作期间死亡，单位称系突发疾病" if pattern == "illness_cover" else \
            _claim_desc(atype, ent, d0, "death")
        result = pick(rng, [("rejected", 45), ("pending", 35), ("death", 20)])
        w.claim(p, w.employer_text(ent, "free"), None, d0,
                death + timedelta(days=rng.randint(40, 340)), result, desc, ent.region)


def _quota(w: World, n: int, table: list[tuple[str, float]]) -> list[str]:
    """``n`` patterns in the table's shares (largest remainders), in random order: every pattern
    appears once ``n`` allows it, whatever the seed."""
    total = sum(p for _, p in table)
    exact = [(k, n * p / total) for k, p in table]
    out = [k for k, x in exact for _ in range(int(x))]
    rest = sorted(exact, key=lambda kx: kx[1] - int(kx[1]), reverse=True)
    out += [k for k, _ in rest[: n - len(out)]]
    w.rng.shuffle(out)
    return out


def build_incidents(w: World) -> None:
    for _ in range(w.n(REPORTED, minimum=8)):
        reported_accident(w, "reported")
    for pattern in _quota(w, w.n(UNDER, minimum=3), UNDER_PATTERNS):
        reported_accident(w, "under_reported", pattern)
    for pattern in _quota(w, w.n(CONCEALED, minimum=6), CONCEAL_PATTERNS):
        concealed_incident(w, pattern)
