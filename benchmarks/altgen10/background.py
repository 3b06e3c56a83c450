"""The background every lead must stand out from, and the hard negatives that look like
concealment: elderly and working-age natural deaths (many of them miners' deaths of illness,
some sudden deaths at work recognised as work deaths), pneumoconiosis, road traffic deaths of
non-workers and commuting deaths, falls and coal-stove poisoning at home, herders' accidents,
heat illness in the cotton fields, and the ordinary injuries that fill the hospitals' files."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from . import codes, geo
from .codes import pick
from .geo import Facility
from .world import END, START, Person, World

NATURAL_CAUSES = [("病故", 52.0), ("", 30.0), ("脑出血", 3.0), ("心脏病", 3.0), ("肺癌", 2.0),
                  ("肝癌", 1.5), ("慢性阻塞性肺病", 2.0), ("自然死亡", 2.5), ("老死", 2.0),
                  ("心肌梗死", 1.0), ("脑梗死", 1.0)]
CERT_CAUSES = [("病故", 25.0), ("心肺衰竭", 15.0), ("脑梗死", 10.0), ("冠心病", 10.0),
               ("肺部感染", 8.0), ("多器官功能衰竭", 7.0), ("恶性肿瘤", 10.0), ("", 15.0)]
TRAFFIC_EXT = ("V43.5", "V43.6", "V23.4", "V03.1", "V28.4", "V13.4", "V89.2", "V47.5")


def _age_at_death(w: World) -> int:
    band = pick(w.rng, [("0", 1.0), ("16", 6.0), ("46", 17.0), ("66", 36.0), ("81", 40.0)])
    lo = int(band)
    hi = {0: 15, 16: 45, 46: 65, 66: 80, 81: 99}[lo]
    return w.rng.randint(lo, hi)


def _natural_records(w: World, p: Person, death: date, place: str) -> None:
    """Deregistration and funeral of a death of illness or old age."""
    rng = w.rng
    cause = pick(rng, NATURAL_CAUSES) or None
    if rng.random() < 0.45:
        hosp: Facility = w.geo.hospital(place) if rng.random() < 0.7 else \
            w.geo.referral[place[:4]] if place[:4] in w.geo.referral else w.geo.hospital(place)
        issuer: str | None = "hospital"
        origin: str | None = hosp.name
    else:
        issuer = pick(rng, [("community", 70), ("hospital", 18), ("other", 7), ("", 5)]) or None
        origin = "家中" if rng.random() < 0.85 else None
    w.deregister(p, death, cause)
    w.funeral(p, death, place, cause=pick(rng, CERT_CAUSES) or None, issuer=issuer,
              origin=origin, fast=rng.random() < 0.1)


def natural_deaths(w: World) -> None:
    """The elderly and the sick; Muslim families bury within a day (a fast "cremation" that means
    nothing)."""
    for _ in range(w.n(140_000, minimum=50)):
        death = w.day()
        p = w.new_person(death, _age_at_death(w))
        w.die(p, death, "natural")
        _natural_records(w, p, death, p.hukou if p.hukou in geo.COUNTIES else
                         w.geo.pick_county(w.rng))
        w.negatives["elderly_natural" if p.age(death) > 65 else "natural_other"] += 1


def _workers(w: World) -> list[str]:
    return [pid for pids in w.workforce.values() for pid in pids]


def _death_day_after(w: World, p: Person) -> date | None:
    lo = max(START, w.last_seen.get(p.pid, START) + timedelta(days=1))
    if p.pid in w.dead or lo >= END:
        return None
    return w.day(lo, END)


def worker_deaths(w: World) -> None:
    """Enrolled workers who die of illness (the miners among them look like illness-covered work
    deaths), sudden deaths at work recognised as work deaths (视同工伤), pneumoconiosis."""
    rng = w.rng
    workers = _workers(w)
    for pid in rng.sample(workers, min(len(workers), w.n(1_500))):
        p = w.persons[pid]
        death = _death_day_after(w, p)
        if death is None or not 25 <= p.age(death) <= 65:
            continue
        spell = w.current_spell(p, death)
        w.die(p, death, "natural")
        place = spell.ent.region if spell is not None and rng.random() < 0.4 else p.hukou
        if p.hukou[:2] != "65":
            place = spell.ent.region if spell is not None else w.geo.pick_county(rng)
        _natural_records(w, p, death, place)
        w.negatives["worker_illness_high_risk" if spell is not None and spell.ent.high_risk
                    else "worker_illness"] += 1
    for pid in rng.sample(workers, min(len(workers), w.n(200))):
        p = w.persons[pid]
        death = _death_day_after(w, p)
        if death is None:
            continue
        spell = w.current_spell(p, death)
        if spell is None or not 30 <= p.age(death) <= 62:
            continue
        ent = spell.ent
        w.die(p, death, "natural")
        hosp = w.geo.hospital(ent.region)
        cause = pick(rng, [("猝死", 40), ("心源性猝死", 25), ("病故", 20), ("脑出血", 15)])
        w.deregister(p, death, cause)
        w.funeral(p, death, ent.region, cause=pick(rng, [("心源性猝死", 50), ("猝死", 30),
                                                          ("急性心肌梗死", 20)]),
                  issuer="hospital", origin=hosp.name)
        out = pick(rng, [("death", 80), ("rejected", 20)])
        w.claim(p, w.employer_text(ent, "claim"), w.uscc_text(ent, 0.05), death,
                death + timedelta(days=rng.randint(8, 60)), out,
                "在工作时间和工作岗位突发疾病，经抢救无效于48小时内死亡（视同工伤）", ent.region)
        w.negatives["sudden_death_at_work"] += 1
    miners = [e for ind in ("coal_mining", "non_coal_mining") for e in w.by_industry.get(ind, [])]
    for i in range(w.n(300, minimum=2)):
        fatal = i % 2 == 0
        ent = rng.choice(miners)
        when = w.day()
        home = w.migrant_or_local(ent.region, 0.6, 0.35)
        p = w.new_person(when, rng.randint(48, 78), county=home,
                         male=True)
        start = date(rng.randint(1992, 2008), rng.randint(1, 12), 1)
        end = start + timedelta(days=rng.randint(1500, 6000))
        w.add_spell(p, ent, start, end if end < when else None)
        w.workforce.setdefault(ent.uscc, []).append(p.pid)
        disease = "煤工尘肺" if ent.industry == "coal_mining" else "矽肺"
        stage = rng.choice(("壹期", "贰期", "叁期"))
        if fatal:
            w.die(p, when, "natural")
            lung = pick(rng, [("尘肺病", 40), ("肺病", 20), ("病故", 30), ("", 10)]) or None
            w.deregister(p, when, lung)
            w.funeral(p, when, p.hukou if p.hukou in geo.COUNTIES else ent.region,
                      cause=pick(rng, [("尘肺病", 40), ("呼吸衰竭", 40), ("肺部感染", 20)]),
                      issuer=pick(rng, [("hospital", 60), ("community", 40)]), origin=None)
            w.claim(p, w.employer_text(ent, "claim"), w.uscc_text(ent, 0.1), when,
                    when + timedelta(days=rng.randint(20, 200)), "death",
                    f"职业病：{disease}{stage}，因尘肺病并发呼吸衰竭死亡", ent.region)
            w.negatives["pneumoconiosis_death"] += 1
        else:
            w.claim(p, w.employer_text(ent, "claim"), w.uscc_text(ent, 0.1), when,
                    when + timedelta(days=rng.randint(20, 120)),
                    f"disability_{rng.randint(2, 7)}", f"职业病：{disease}{stage}", ent.region)
            w.negatives["pneumoconiosis_claim"] += 1


def _traffic_death(w: World, p: Person, when: datetime, county: str, hosp: Facility) -> None:
    rng = w.rng
    d = when.date()
    in_hosp = rng.random() < 0.55
    if in_hosp:
        out = w.admit(p, hosp, when + timedelta(minutes=rng.randint(20, 90)),
                      rng.uniform(0.05, 2.0),
                      rng.choice(("S06.5", "T07", "S27.3", "S36.1", "S06.6")),
                      rng.choice(TRAFFIC_EXT) if rng.random() < 0.9 else None, "died",
                      pick(rng, [("commercial", 40), ("resident_insurance", 30), ("self_pay", 20),
                                 ("other", 10)]), None, "missing" if rng.random() < 0.3 else None)
        d = out.date() if out is not None else d
    w.die(p, d, "non_occupational")
    cause = pick(rng, [("交通事故", 55), ("意外", 15), ("车祸", 10), ("", 20)]) or None
    w.deregister(p, d, cause)
    w.funeral(p, d, county, cause=pick(rng, [("交通事故", 50), ("颅脑损伤", 30), ("", 20)]) or None,
              issuer="hospital" if in_hosp else pick(rng, [("police", 80), ("other", 20)]),
              origin=hosp.name if in_hosp else f"{geo.county_name(county)}境内公路")
    spell = w.current_spell(p, d)
    if spell is not None and rng.random() < 0.35:  # commuting: recognised as a work death
        ent = spell.ent
        w.claim(p, w.employer_text(ent, "claim"), w.uscc_text(ent, 0.05), d,
                d + timedelta(days=rng.randint(20, 150)), pick(rng, [("death", 85),
                                                                     ("rejected", 15)]),
                "上下班途中发生非本人主要责任的交通事故死亡", ent.region)
        w.negatives["commuting_death_claim"] += 1


def road_deaths(w: World) -> None:
    rng = w.rng
    workers = _workers(w)
    for _ in range(w.n(5_000, minimum=10)):
        when = w.at_time(w.day())
        p: Person | None = None
        if rng.random() < 0.15:
            cand = w.persons[rng.choice(workers)]
            if cand.pid not in w.dead and w.last_seen.get(cand.pid, START) < when.date() and \
                    w.current_spell(cand, when.date()) is not None:
                p = cand
        if p is None:
            p = w.new_person(when.date(), rng.randint(3, 85))
        county = p.hukou if p.hukou in geo.COUNTIES and rng.random() < 0.6 else \
            rng.choice(rng.choice(geo.ROADS)[1])
        _traffic_death(w, p, when, county, w.geo.hospital(county))
        w.negatives["road_death"] += 1
    for _ in range(w.n(60, minimum=1)):  # a minibus or family car on the highway
        county = rng.choice(rng.choice(geo.ROADS)[1])
        when = w.at_time(w.day())
        hosp = w.geo.hospital(county)
        head = w.new_person(when.date(), rng.randint(25, 60))
        group = [head] + [w.relative(head, when.date(), rng.randint(2, 60),
                                     child=rng.random() < 0.5)
                          if rng.random() < 0.6 else w.new_person(when.date(), rng.randint(8, 70))
                          for _ in range(rng.randint(2, 6))]
        n_dead = rng.randint(2, min(5, len(group)))
        for i, p in enumerate(group):
            if i < n_dead:
                _traffic_death(w, p, when, county, hosp)
            else:
                w.admit(p, hosp, when + timedelta(minutes=rng.randint(30, 120)),
                        rng.uniform(2, 20), rng.choice(("S72.0", "S82.2", "S22.4", "S06.0")),
                        rng.choice(TRAFFIC_EXT), "discharged",
                        pick(rng, [("commercial", 60), ("resident_insurance", 40)]))
        w.negatives["multi_death_crash"] += 1


def home_and_herder(w: World) -> None:
    rng = w.rng
    for _ in range(w.n(4_000, minimum=5)):  # the elderly fall at home
        when = w.at_time(w.day())
        p = w.new_person(when.date(), rng.randint(65, 95))
        hosp = w.geo.hospital(p.hukou)
        out = w.admit(p, hosp, when + timedelta(hours=rng.uniform(1, 20)), rng.uniform(5, 25),
                      rng.choice(("S72.0", "S72.1", "S32.0", "S06.5", "S52.5")),
                      rng.choice(("W19.0", "W01.0", "W10.0", "W06.0", "W18.0")),
                      "discharged", pick(rng, [("resident_insurance", 60),
                                                ("employee_insurance", 30), ("self_pay", 10)]))
        if rng.random() < 0.12 and out is not None and out.date() < END:
            death = out.date() + timedelta(days=rng.randint(0, 60))
            death = min(death, END)
            w.die(p, death, "non_occupational")
            _natural_records(w, p, death, p.hukou)
            w.negatives["elderly_fall_death"] += 1
        else:
            w.negatives["elderly_fall"] += 1
    for _ in range(w.n(90, minimum=1)):  # coal-stove poisoning, a household at a time
        while True:
            d = w.day()
            if d.month in (11, 12, 1, 2, 3):
                break
        when = w.at_time(d, 0, 7)
        head = w.new_person(d, rng.randint(25, 70), male=True)
        house = [head, w.relative(head, d, max(18, head.age(d) - rng.randint(-5, 5)),
                                  male=False)]
        house += [w.relative(head, d, rng.randint(1, 17), child=True)
                  for _ in range(rng.randint(0, 3))]
        hosp = w.geo.hospital(head.hukou)
        deaths = 0
        for p in house:
            if rng.random() < 0.45 or (deaths == 0 and p is house[-1]):
                deaths += 1
                w.die(p, d, "non_occupational")
                cause = pick(rng, [("煤气中毒", 40), ("一氧化碳中毒", 30), ("意外", 20), ("", 10)]) or None
                w.deregister(p, d, cause)
                w.funeral(p, d, p.hukou, cause=cause, issuer=pick(rng, [("community", 50),
                                                                        ("police", 30),
                                                                        ("hospital", 20)]),
                          origin="家中")
            else:
                w.admit(p, hosp, when + timedelta(hours=rng.uniform(0.5, 4)), rng.uniform(2, 8),
                        "T58", "X47.0", "discharged",
                        pick(rng, [("resident_insurance", 70), ("self_pay", 30)]))
        w.negatives["coal_stove_household"] += 1
    for _ in range(w.n(350, minimum=1)):  # drowning and electrocution at home
        d = w.day()
        child = rng.random() < 0.6
        p = w.new_person(d, rng.randint(4, 15) if child else rng.randint(20, 70))
        w.die(p, d, "non_occupational")
        cause = pick(rng, [("溺水", 60), ("意外", 40)]) if child else \
            pick(rng, [("触电", 50), ("意外", 50)])
        w.deregister(p, d, cause)
        w.funeral(p, d, p.hukou, cause=cause, issuer=pick(rng, [("police", 50),
                                                                ("community", 50)]),
                  origin=None if child else "家中")
        w.negatives["home_or_drowning_death"] += 1
    herders = [c for c, _ in geo.HERDER_COUNTIES]
    for _ in range(w.n(700, minimum=2)):  # horses, cattle, snow, avalanches
        d = w.day()
        county = geo.weighted(rng, geo.HERDER_COUNTIES)
        eth = "kazakh" if rng.random() < 0.7 else None
        p = w.new_person(d, rng.randint(16, 70), county=county, eth=eth, male=rng.random() < 0.8)
        kind = pick(rng, [("horse", 45), ("cattle", 25), ("cold", 20), ("avalanche", 10)])
        dx, ext = {"horse": (rng.choice(("S06.0", "S72.0", "S42.0", "S22.4", "S32.0")), "V80.0"),
                   "cattle": (rng.choice(("S82.2", "S22.4", "S36.0")), "W55.7"),
                   "cold": (rng.choice(("T68", "T33.9", "T35.3")), "X31.8"),
                   "avalanche": (rng.choice(("T71", "T07")), "X36.8")}[kind]
        fatal = rng.random() < (0.35 if kind in ("cold", "avalanche") else 0.08)
        hosp = w.geo.hospital(county)
        when = w.at_time(d)
        if fatal:
            if rng.random() < 0.4:
                out = w.admit(p, hosp, when + timedelta(hours=rng.uniform(2, 20)),
                              rng.uniform(0.1, 3), dx, ext, "died",
                              pick(rng, [("resident_insurance", 70), ("self_pay", 30)]))
                d = out.date() if out is not None else d
            w.die(p, d, "non_occupational")
            cause = pick(rng, [("意外", 50), ("", 30), ("冻死", 10), ("坠马", 10)]) or None
            w.deregister(p, d, cause)
            w.funeral(p, d, county, cause=cause, issuer=pick(rng, [("community", 50),
                                                                   ("police", 30),
                                                                   ("hospital", 20)]),
                      origin=rng.choice(("夏牧场", "冬牧场", "转场途中", None)))
            w.negatives["herder_death"] += 1
        else:
            w.admit(p, hosp, when + timedelta(hours=rng.uniform(2, 30)), rng.uniform(2, 15), dx,
                    ext, "discharged", pick(rng, [("resident_insurance", 70), ("self_pay", 30)]))
            w.negatives["herder_injury"] += 1
    for _ in range(w.n(25, minimum=1)):  # lost in the mountains: declared dead
        d = w.day(START, date(2023, 3, 1))
        county = rng.choice(herders)
        p = w.new_person(d, rng.randint(18, 60), county=county, male=True)
        w.die(p, d, "non_occupational")
        w.deregister(p, d, None, lag=rng.randint(400, 800), reason="declared_dead",
                     show_death_date=False)
        w.negatives["declared_dead"] += 1


def cotton(w: World) -> None:
    """Heat illness in the cotton fields: several field hands of one co-operative at one county
    hospital within a day or two; farm accidents are not production-safety accidents."""
    rng = w.rng
    for _ in range(w.n(45, minimum=1)):
        coop = rng.choice(w.coops)
        year = rng.choice((2022, 2023, 2024))
        d = date(year, 7, 1) + timedelta(days=rng.randint(0, 80))
        hosp = w.geo.hospital(coop.region)
        k = rng.randint(3, 9)
        death_i = rng.randrange(k) if rng.random() < 0.2 else -1
        for i in range(k):
            south = rng.random() < 0.6
            county = w.geo.pick_county(rng, rng.choice(("6531", "6532", "6529"))) if south \
                else coop.region
            p = w.new_person(d, rng.randint(17, 60), county=county)
            when = w.at_time(d + timedelta(days=rng.choice((0, 0, 0, 1))), 12, 20)
            employer = w.employer_text(coop, "free") if rng.random() < 0.55 else None
            payer = pick(rng, [("resident_insurance", 60), ("self_pay", 25), ("commercial", 15)])
            if i == death_i:
                out = w.admit(p, hosp, when, rng.uniform(0.1, 1.5), "T67.0", "X30.7", "died",
                              payer, employer)
                dd = out.date() if out is not None else when.date()
                w.die(p, dd, "non_occupational")
                cause = pick(rng, [("中暑", 40), ("病故", 30), ("", 30)]) or None
                w.deregister(p, dd, cause)
                w.funeral(p, dd, coop.region, cause=cause, issuer="hospital", origin=hosp.name)
                w.negatives["cotton_heat_death"] += 1
            else:
                w.admit(p, hosp, when, rng.uniform(0.5, 5),
                        pick(rng, [("T67.0", 35), ("T67.3", 40), ("T67.1", 25)]), "X30.7",
                        "discharged", payer, employer)
        w.negatives["cotton_heat_cluster"] += 1
    for _ in range(w.n(300, minimum=1)):
        coop = rng.choice(w.coops)
        year = rng.choice((2022, 2023, 2024))
        d = date(year, 9, 1) + timedelta(days=rng.randint(0, 70))
        p = w.new_person(d, rng.randint(18, 60), county=coop.region, male=rng.random() < 0.8)
        w.admit(p, w.geo.hospital(coop.region), w.at_time(d, 9, 21), rng.uniform(3, 20),
                rng.choice(("S68.1", "S62.5", "S58.1", "S82.2")), "W30.7", "discharged",
                pick(rng, [("resident_insurance", 60), ("self_pay", 40)]),
                w.employer_text(coop, "free") if rng.random() < 0.4 else None)
        w.negatives["cotton_machinery_injury"] += 1


# everyday injuries: (diagnoses, external causes, stay range, payer table)
ORDINARY: list[tuple[str, float, tuple[str, ...], tuple[str, ...], tuple[float, float]]] = [
    ("traffic", 28, ("S06.0", "S82.2", "S72.0", "S52.5", "S22.4", "S42.0", "S00.8", "T14.0"),
     TRAFFIC_EXT, (1, 18)),
    ("fall_home", 14, ("S72.0", "S52.5", "S42.2", "S32.0", "S06.0", "S82.6"),
     ("W01.0", "W10.0", "W19.0", "W06.0", "W11.0"), (2, 16)),
    ("fall_street", 10, ("S52.5", "S82.6", "S93.4", "S42.0", "S00.8"),
     ("W01.4", "W00.4", "W19.4"), (1, 10)),
    ("cut", 12, ("S61.0", "S01.8", "S51.8", "S81.8"), ("W25.0", "W26.0", "W20.0", "W22.0"),
     (1, 5)),
    ("animal", 4, ("S61.0", "S81.8", "T14.1"), ("W54.0", "W55.7"), (1, 4)),
    ("burn", 5, ("T23.2", "T24.2", "T31.0", "T22.2"), ("X10.0", "X12.0", "X11.0"), (2, 14)),
    ("gas", 2, ("T58",), ("X47.0",), (1, 5)),
    ("assault", 6, ("S01.8", "S06.0", "S22.3", "S61.0"), ("Y04.4", "X99.4", "Y04.0"), (1, 8)),
    ("sport", 4, ("S83.5", "S93.4", "S82.1", "S42.0"), ("W02.3", "W03.3", "W18.3"), (1, 7)),
    ("other", 5, ("T14.0", "S60.2", "S80.0", "T15.1"), ("W49.9", "W44.9", "X59.9"), (1, 4)),
]


def ordinary_injuries(w: World) -> None:
    rng = w.rng
    workers = _workers(w)
    weights = [t[1] for t in ORDINARY]
    for _ in range(w.n(200_000, minimum=100)):
        d = w.day()
        p: Person | None = None
        if rng.random() < 0.12:
            cand = w.persons[rng.choice(workers)]
            if w.alive(cand, d + timedelta(days=30)) and cand.pid not in w.deaths:
                p = cand
        if p is None:
            age = rng.randint(1, 90) if rng.random() < 0.7 else rng.randint(18, 60)
            p = w.new_person(d, age)
        _, _, dxs, exts, (lo, hi) = rng.choices(ORDINARY, weights=weights)[0]
        county = p.hukou if p.hukou in geo.COUNTIES else w.geo.pick_county(rng)
        hosp = w.geo.hospital(county)
        if rng.random() < 0.12:
            hosp = w.geo.referral[county[:4]]
        u = rng.random()
        disp = "discharged" if u < 0.9 else "left_against_advice" if u < 0.95 else "transferred"
        payer = pick(rng, [("resident_insurance", 45), ("employee_insurance", 20),
                           ("self_pay", 20), ("commercial", 10), ("other", 5)])
        if rng.random() < 0.05:
            payer = ""
        employer = None
        spell = w.current_spell(p, d)
        if spell is not None and payer == "employee_insurance" and rng.random() < 0.2:
            employer = w.employer_text(spell.ent, "free")
        w.admit(p, hosp, w.at_time(d), rng.uniform(lo, hi), rng.choice(dxs),
                rng.choice(exts) if rng.random() < 0.88 else None, disp, payer or None, employer)
        w.negatives["ordinary_injury"] += 1


def work_injuries(w: World) -> None:
    """Small injuries at work: the bulk of work-injury claims, at a hospital or not."""
    rng = w.rng
    workers = _workers(w)
    for _ in range(w.n(30_000, minimum=20)):
        d = w.day()
        p = w.persons[rng.choice(workers)]
        spell = w.current_spell(p, d)
        if spell is None or not w.alive(p, d + timedelta(days=30)) or p.pid in w.deaths:
            continue
        ent = spell.ent
        atype = pick(rng, codes.ACCIDENT_TYPES[ent.industry])
        outcome = "serious_injury" if rng.random() < 0.22 else "minor_injury"
        dx, ext = codes.injury_codes(rng, atype, outcome, ent.industry == "transport" and
                                     atype == "vehicle")
        if outcome == "serious_injury" and dx.startswith("T"):
            dx = rng.choice(("S62.5", "S82.2", "S52.5", "S92.3"))
        if rng.random() < 0.7:
            stay = rng.uniform(1, 9) if outcome == "minor_injury" else rng.uniform(5, 16)
            w.admit(p, w.geo.hospital(ent.region), w.at_time(d, 7, 22), stay, dx,
                    ext if rng.random() < 0.8 else None,
                    "discharged" if rng.random() < 0.96 else "transferred",
                    pick(rng, [("work_injury_insurance", 50), ("employee_insurance", 25),
                               ("self_pay", 15), ("commercial", 10)]),
                    w.employer_text(ent, "free") if rng.random() < 0.55 else None)
        if rng.random() < 0.75:
            if outcome == "minor_injury":
                out = pick(rng, [("injury", 45), ("disability_10", 18), ("disability_9", 12),
                                 ("rejected", 12), ("pending", 8), ("disability_8", 5)])
            else:
                out = pick(rng, [("disability_9", 25), ("disability_8", 25), ("disability_7", 22),
                                 ("disability_6", 12), ("disability_5", 8), ("rejected", 4),
                                 ("disability_4", 3), ("disability_3", 1)])
            desc = codes.DESC[atype].format(site=ent.place or ent.short)
            w.claim(p, w.employer_text(ent, "claim"), w.uscc_text(ent, 0.1), d,
                    d + timedelta(days=rng.randint(3, 60)), out,
                    f"{desc}" if rng.random() < 0.9 else None, ent.region)
        w.negatives["work_injury"] += 1


def build_background(w: World) -> None:
    worker_deaths(w)
    natural_deaths(w)
    road_deaths(w)
    home_and_herder(w)
    cotton(w)
    work_injuries(w)
    ordinary_injuries(w)

