"""Production-safety incidents: reported, under-reported and concealed, with their victims."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from . import places
from .population import END, INCIDENT_END, START, Enterprises, People, Workers

ACCIDENT_TYPES: dict[str, dict[str, float]] = {
    "coal_mining": {"roof_fall": 30, "gas_explosion": 6, "flooding": 5, "vehicle": 16,
                    "machinery": 10, "electrocution": 4, "poisoning_asphyxiation": 8,
                    "struck_by_object": 8, "fall_from_height": 4, "explosion": 3, "other": 6},
    "non_coal_mining": {"roof_fall": 20, "collapse": 15, "fall_from_height": 15, "explosion": 12,
                        "struck_by_object": 12, "vehicle": 10, "machinery": 8, "flooding": 3,
                        "poisoning_asphyxiation": 5},
    "hazardous_chemicals": {"explosion": 25, "fire": 20, "poisoning_asphyxiation": 25,
                            "burn": 15, "machinery": 5, "fall_from_height": 5, "other": 5},
    "metallurgy": {"burn": 25, "poisoning_asphyxiation": 20, "explosion": 10, "machinery": 15,
                   "lifting": 15, "fall_from_height": 10, "struck_by_object": 5},
    "construction": {"fall_from_height": 45, "collapse": 12, "struck_by_object": 15,
                     "lifting": 10, "electrocution": 8, "machinery": 5, "vehicle": 5},
    "transport": {"vehicle": 95, "other": 5},
    "fireworks": {"explosion": 80, "fire": 15, "burn": 5},
    "manufacturing": {"machinery": 40, "struck_by_object": 15, "fall_from_height": 10,
                      "lifting": 10, "electrocution": 8, "burn": 7, "fire": 5, "other": 5},
    "other": {"fall_from_height": 20, "electrocution": 15, "vehicle": 15, "machinery": 15,
              "flooding": 5, "poisoning_asphyxiation": 10, "other": 20},
}
BIG_TYPES = {"gas_explosion", "flooding", "explosion", "fire", "collapse", "vehicle",
             "poisoning_asphyxiation"}
# where each kind of incident happens (industry shares)
REPORTED_INDUSTRY = {"coal_mining": 8, "non_coal_mining": 10, "hazardous_chemicals": 5,
                     "metallurgy": 5, "construction": 25, "transport": 30, "fireworks": 2,
                     "manufacturing": 10, "other": 5}
UNDER_INDUSTRY = {"coal_mining": 25, "non_coal_mining": 20, "hazardous_chemicals": 8,
                  "metallurgy": 7, "construction": 25, "transport": 10, "fireworks": 5}
CONCEALED_INDUSTRY = {"coal_mining": 30, "non_coal_mining": 25, "construction": 18,
                      "fireworks": 8, "hazardous_chemicals": 6, "metallurgy": 5,
                      "manufacturing": 5, "transport": 3}
# how the dead of a concealed incident are hidden (see traces.PROFILES): a single death can be
# staged as a road crash or written up as sudden illness; several bodies are moved or settled
CONCEAL_PATTERNS = {"hidden_move": 22, "hidden_settle": 25, "hidden_illness": 18,
                    "hidden_traffic": 10, "hidden_vague": 13, "hidden_open": 12}
CONCEAL_SINGLE = {"hidden_move": 15, "hidden_settle": 20, "hidden_illness": 24,
                  "hidden_traffic": 20, "hidden_vague": 10, "hidden_open": 11}
CONCEAL_MULTI = {"hidden_move": 32, "hidden_settle": 30, "hidden_illness": 8,
                 "hidden_vague": 16, "hidden_open": 14}
UNDER_SUBKINDS = {"grade_line": 40, "late_death": 35, "dropped": 25}
_PLACE_WORDS = {
    "coal_mining": ["井下{n}号煤层{m}工作面", "{m}回风巷", "{m}运输大巷", "主斜井", "{m}掘进工作面"],
    "non_coal_mining": ["{m}采场", "露天采场{n}号台阶", "{n}号竖井", "{m}中段巷道"],
    "construction": ["{v}安置房项目{n}号楼", "{v}道路改造工程施工现场", "{v}厂房建设项目"],
    "transport": ["G{g}国道K{k}处", "S{g}省道K{k}处", "{v}路口"],
}


def _pick(rng: np.random.Generator, weights: Mapping[str, float]) -> str:
    keys = list(weights)
    w = np.array([weights[k] for k in keys], float)
    return keys[int(rng.choice(len(keys), p=w / w.sum()))]


@dataclass
class IncidentData:
    accidents: list[dict] = field(default_factory=list)
    victims: list[dict] = field(default_factory=list)
    incidents: list[dict] = field(default_factory=list)
    incident_person: list[dict] = field(default_factory=list)
    deaths: list[dict] = field(default_factory=list)
    injuries: list[dict] = field(default_factory=list)
    borrowed: set[int] = field(default_factory=set)  # persons reported under a relative's ID
    used: set[int] = field(default_factory=set)  # persons hurt or killed in an incident


class _Builder:
    def __init__(self, rng: np.random.Generator, people: People, ent: Enterprises,
                 workers: Workers) -> None:
        self.rng, self.people, self.ent, self.workers = rng, people, ent, workers
        order = np.argsort(workers.employer, kind="stable")
        self.order = order
        self.bounds = np.searchsorted(workers.employer[order], np.arange(len(ent) + 1))
        self.out = IncidentData()
        self.n = 0
        self.by_industry = {ind: np.flatnonzero((ent.industry == ind) & ~ent.dispatch.astype(bool))
                            for ind in ACCIDENT_TYPES}

    # -- choosing who, where and when -------------------------------------------------------
    def employer(self, industry: str, concealing: bool) -> int:
        cand = self.by_industry[industry]
        size = self.ent.size[cand].astype(float)
        w = size ** 0.6 * (self.ent.conceal[cand].astype(float) ** 1.5 if concealing else 1.0)
        return int(cand[self.rng.choice(len(cand), p=w / w.sum())])

    def victims(self, employer: int, k: int, informal_bias: float) -> list[int]:
        """k distinct persons working at the employer; outsiders when it has too few."""
        if k == 0:
            return []
        r = self.rng
        lo, hi = self.bounds[employer], self.bounds[employer + 1]
        idx = self.order[lo:hi]
        persons = self.workers.person[idx]
        free = np.array([p not in self.out.used for p in persons], bool)
        idx, persons = idx[free], persons[free]
        chosen: list[int] = []
        if len(persons):
            w = np.where(self.workers.enrolled[idx], 1.0, informal_bias)
            take = min(k, len(persons))
            chosen = [int(p) for p in r.choice(persons, take, replace=False, p=w / w.sum())]
        if len(chosen) < k:
            extra = self.people.add_random(k - len(chosen), age_at=START, age_lo=19, age_hi=58,
                                           p_male=0.95, p_outside=0.45)
            chosen += [int(p) for p in extra]
        self.out.used.update(chosen)
        return chosen

    def bystanders(self, k: int) -> list[int]:
        """Other road users killed or hurt in a road-transport accident."""
        if k == 0:
            return []
        extra = self.people.add_random(k, age_at=START, age_lo=6, age_hi=80, p_male=0.6)
        self.out.used.update(int(p) for p in extra)
        return [int(p) for p in extra]

    def when(self, industry: str) -> np.datetime64:
        r = self.rng
        days = int((INCIDENT_END - START).astype(int))
        day = START + np.timedelta64(int(r.integers(0, days)), "D")
        if industry in ("coal_mining", "non_coal_mining", "metallurgy", "hazardous_chemicals"):
            hour = int(r.integers(0, 24))  # three shifts
        else:
            hour = int(np.clip(r.normal(13, 3.5), 6, 22))
        return day.astype("datetime64[m]") + np.timedelta64(hour * 60 + int(r.integers(60)), "m")

    def where(self, employer: int, industry: str) -> str:
        home = str(self.ent.region[employer])
        if industry in ("construction", "transport") and self.rng.random() < 0.3:
            return str(places.COUNTIES[int(self.rng.integers(len(places.COUNTIES)))].code)
        return home

    def address(self, county: str, employer: int, industry: str) -> str:
        r = self.rng
        c = places.BY_CODE[county]
        base = f"山西省{c.full}"
        tpl = _PLACE_WORDS.get(industry)
        if tpl is None or r.random() < 0.25:
            return f"{base}{places.town_name(r)}{places.village_name(r)}"
        text = str(r.choice(tpl)).format(n=int(r.integers(1, 16)), m=int(r.integers(1101, 9999)),
                                         v=places.village_name(r)[:2], g=int(r.integers(100, 340)),
                                         k=int(r.integers(1, 700)))
        if industry in ("coal_mining", "non_coal_mining"):
            return f"{base}{places.town_name(r)}{self.ent.zihao[employer]}矿区{text}"
        return f"{base}{text}"

    # -- one incident ----------------------------------------------------------------------
    def incident(self, kind: str, industry: str, sub: str | None = None) -> None:
        r, out = self.rng, self.out
        concealing = kind != "reported"
        emp = self.employer(industry, concealing)
        acc_type = _pick(r, ACCIDENT_TYPES[industry])
        t0 = self.when(industry)
        county = self.where(emp, industry)
        big = acc_type in BIG_TYPES
        window = 7 if (acc_type == "vehicle" and industry == "transport") or acc_type == "fire" \
            else 30
        inc_id = f"INC{self.n:05d}"
        self.n += 1

        # what truly happened
        if kind == "reported":
            d = int(r.choice([0, 1, 2, 3, 4, 5, 7, 11],
                             p=[.20, .50, .14, .08, .04, .02, .015, .005] if big else
                             [.25, .62, .08, .03, .01, .005, .003, .002]))
        elif kind == "concealed":
            d = int(r.choice([0, 1, 2, 3, 4, 5, 6, 8, 11],
                             p=[.06, .46, .22, .12, .05, .03, .02, .03, .01]))
        elif sub == "grade_line":
            line = int(r.choice([2, 9, 29], p=[.86, .13, .01]))
            d = line + int(r.integers(1, 6 if line == 2 else 7))
        elif sub == "dropped":
            d = int(r.choice([2, 3, 4], p=[.6, .3, .1]))
        else:  # late_death
            d = int(r.choice([0, 1, 2], p=[.4, .45, .15]))
        s = int(r.poisson(0.5 + (1.2 if big else 0.3) * d)) + (1 if d == 0 else 0)
        if sub == "late_death":
            s = max(s, 2)
        m = int(r.poisson(0.8 + (0.8 if big else 0.2) * d))
        third = 0
        if industry == "transport" and d + s + m:
            third = int(r.binomial(d + s + m, 0.55))
        staff = self.victims(emp, d + s + m - third, informal_bias=4.0 if concealing else 1.5)
        persons = staff + self.bystanders(third)
        r.shuffle(persons)
        dead, serious, minor = persons[:d], persons[d:d + s], persons[d + s:]

        # what was reported (named outcome per person; None = not named)
        named: dict[int, str | None] = {}
        late: list[int] = []  # injured who die within the window
        if kind == "reported":
            named.update(dict.fromkeys(dead, "death"))
            named.update(dict.fromkeys(serious, "serious_injury"))
            named.update({p: "minor_injury" if r.random() < 0.7 else None for p in minor})
        elif kind == "concealed":
            named.update(dict.fromkeys(persons))
        elif sub == "grade_line":
            rep = line if r.random() < 0.8 else max(1, line - int(r.integers(1, 3)))
            if line == 9 and r.random() < 0.3:
                rep = int(r.integers(5, 9))  # "24 died, 7 reported"
            for i, p in enumerate(dead):
                if i < rep:
                    named[p] = "death"
                else:
                    named[p] = "serious_injury" if r.random() < 0.25 else None
            named.update(dict.fromkeys(serious, "serious_injury"))
            named.update({p: "minor_injury" if r.random() < 0.5 else None for p in minor})
            if r.random() < 0.35:  # one reported victim named under a relative's identity
                out.borrowed.add(dead[0])
        elif sub == "dropped":
            named.update(dict.fromkeys(dead[:-1], "death"))
            named[dead[-1]] = None
            named.update(dict.fromkeys(serious, "serious_injury"))
            named.update({p: "minor_injury" if r.random() < 0.6 else None for p in minor})
        else:  # late_death: one or two of the seriously injured die, the report never updated
            named.update(dict.fromkeys(dead, "death"))
            named.update(dict.fromkeys(serious, "serious_injury"))
            named.update({p: "minor_injury" if r.random() < 0.7 else None for p in minor})
            late = serious[: int(r.choice([1, 2], p=[.8, .2]))]
        true_out = {p: "death" for p in dead} | {p: "serious_injury" for p in serious} \
            | {p: "minor_injury" for p in minor} | dict.fromkeys(late, "death")

        # the dead and how each leaves the world
        day0 = t0.astype("datetime64[D]")
        pattern = _pick(r, CONCEAL_SINGLE if d == 1 else CONCEAL_MULTI)
        for p in dead + late:
            if p in late:
                ddate = day0 + np.timedelta64(int(r.integers(1, window)), "D")
                group = "hidden_late"
            elif named[p] == "death":
                # most die on the spot; some in hospital later, still added to the report
                lag = 0 if r.random() < 0.85 else int(r.integers(1, window))
                ddate = day0 + np.timedelta64(lag, "D")
                group = "reported" if lag == 0 else "reported_late"
            else:
                lag = 0 if r.random() < 0.88 else int(r.integers(1, 8))
                ddate = day0 + np.timedelta64(lag, "D")
                if kind == "concealed":
                    group = pattern if r.random() < 0.8 else _pick(r, CONCEAL_PATTERNS)
                    if group == "hidden_traffic" and d > 1:
                        group = "hidden_settle"  # one staged crash, not several
                else:
                    group = _pick(r, {"hidden_settle": 40, "hidden_move": 20,
                                      "hidden_illness": 15, "hidden_vague": 15,
                                      "hidden_open": 10})
                if lag > 0 and group in ("hidden_move", "hidden_traffic"):
                    group = "hidden_open"  # died in a hospital days later: hard to stage
            place = county
            if group == "hidden_move":
                place = _elsewhere(r, county)
            if ddate > END:
                ddate = END
            out.deaths.append({"person": p, "death_date": ddate.item(), "group": group,
                               "incident_id": inc_id, "employer": emp, "industry": industry,
                               "acc_type": acc_type, "place": place, "injured_on": day0.item()})
        for p in serious + minor:
            if p in late:
                continue
            out.injuries.append({"person": p, "injured_on": day0.item(),
                                 "injured_at": t0.astype("datetime64[us]").item(),
                                 "severity": "serious" if p in serious else "minor",
                                 "group": "incident_concealed" if kind == "concealed" or
                                 named[p] is None else "incident_reported",
                                 "incident_id": inc_id, "employer": emp, "industry": industry,
                                 "acc_type": acc_type, "place": county})

        # truth
        true_deaths = len(dead) + len(late)
        rep_deaths = sum(1 for v in named.values() if v == "death")
        out.incidents.append({"incident_id": inc_id, "kind": kind, "true_deaths": true_deaths,
                              "reported_deaths": rep_deaths, "employer": emp,
                              "occurred_on": day0.item(),
                              "sub": (sub or pattern) if concealing else None})
        for p in persons:
            out.incident_person.append({"incident_id": inc_id, "person": p,
                                        "outcome": true_out[p], "reported_outcome": named[p]})
        if kind == "concealed":
            return

        # the accident as reported
        if kind == "reported" or r.random() < 0.7:
            rep_lag = int(r.integers(8, 60)) if r.random() < 0.9 else int(r.integers(60, 600))
        else:  # late reports are commoner where something is being arranged first
            rep_lag = int(r.integers(120, 4000))
        rep_s = sum(1 for v in named.values() if v == "serious_injury")
        rep_m = sum(1 for p in minor if p not in late) - (0 if kind == "reported"
                                                          else int(r.integers(0, 2)))
        loss = None
        if r.random() < 0.9:
            loss = round(rep_deaths * float(r.uniform(105, 190)) + rep_s * float(r.uniform(6, 35))
                         + max(rep_m, 0) * float(r.uniform(0.5, 4))
                         + float(r.gamma(1.2, 40 if big else 8)), 2)
        out.accidents.append({
            "incident_id": inc_id, "occurred_at": t0.astype("datetime64[us]").item(),
            "reported_at": (t0 + np.timedelta64(rep_lag, "m")).astype("datetime64[us]").item(),
            "region_code": county,
            "address": self.address(county, emp, industry), "employer": emp,
            "industry": industry, "accident_type": acc_type, "reported_deaths": rep_deaths,
            "reported_serious_injuries": rep_s, "reported_minor_injuries": max(rep_m, 0),
            "direct_loss_10k_yuan": loss})
        for p in persons:
            if named[p] is not None:
                out.victims.append({"incident_id": inc_id, "person": p, "outcome": named[p],
                                    "occurred_on": day0.item()})


def _elsewhere(rng: np.random.Generator, county: str) -> str:
    """Where a moved body turns up: another city of Shanxi, or another province."""
    if rng.random() < 0.35:
        return str(places.OUTSIDE_CODES[int(rng.integers(len(places.OUTSIDE)))])
    far = [c.code for c in places.COUNTIES if c.city != county[:4]]
    return far[int(rng.integers(len(far)))]


def _count(rng: np.random.Generator, base: float, scale: float, floor: int) -> int:
    return max(floor, round(base * scale * float(rng.uniform(0.9, 1.1))))


def make_incidents(rng: np.random.Generator, people: People, ent: Enterprises,
                   workers: Workers, scale: float) -> IncidentData:
    b = _Builder(rng, people, ent, workers)
    for _ in range(_count(rng, 850, scale, 4)):
        b.incident("reported", _pick(rng, REPORTED_INDUSTRY))
    n_under = _count(rng, 65, scale, 3)
    subs = ["grade_line", "late_death", "dropped"] + [_pick(rng, UNDER_SUBKINDS)
                                                      for _ in range(n_under - 3)]
    for sub in subs:
        b.incident("under_reported", _pick(rng, UNDER_INDUSTRY), sub)
    for _ in range(_count(rng, 140, scale, 3)):
        b.incident("concealed", _pick(rng, CONCEALED_INDUSTRY))
    return b.out
