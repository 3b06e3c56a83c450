"""The simulated world: persons, enterprises and their workforces, and the primitives that leave
records in each department's files (a death, a funeral, a hospital stay, a work-injury claim, an
insurance spell). Scenarios (background, hard negatives, accidents, concealment) are built from
these in ``background.py`` and ``incidents.py``."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from . import geo, ids, names
from .geo import Facility, Geography

START = date(2022, 1, 1)  # events happen from here ...
END = date(2024, 12, 31)  # ... to here
EXTRACT = date(2025, 3, 31)  # the departments' extraction date: nothing later is on file
SPAN = (END - START).days

Record = dict[str, Any]
HIGH_RISK = ("coal_mining", "non_coal_mining", "hazardous_chemicals", "metallurgy", "fireworks")
MUSLIM = ("uyghur", "kazakh", "hui")


@dataclass
class Person:
    pid: str
    eth: str  # han, hui, uyghur, kazakh
    male: bool
    birth: date
    hukou: str  # county of household registration (outside 65 for migrant workers)
    id18: str
    parts: tuple[str, str]  # (surname, given) or (own name, father's name)
    duplicate: bool = False  # shares the ID number with another person

    @property
    def minority(self) -> bool:
        return self.eth in ("uyghur", "kazakh")

    @property
    def name(self) -> str:
        return names.full_name(self.parts, self.minority)

    def age(self, at: date) -> int:
        return at.year - self.birth.year - ((at.month, at.day) < (self.birth.month, self.birth.day))


@dataclass
class Enterprise:
    uscc: str
    name: str
    industry: str
    region: str
    high_risk: bool
    size: int
    place: str
    brand: str
    sector: str
    coop: bool = False

    @property
    def short(self) -> str:
        return self.brand + self.sector


@dataclass
class Spell:
    ent: Enterprise
    start: date
    end: date | None
    lender: str | None = None  # person id of the relative whose name and ID number he works under


@dataclass
class World:
    rng: random.Random
    scale: float
    geo: Geography = field(default_factory=Geography.build)
    persons: dict[str, Person] = field(default_factory=dict)
    used_ids: set[str] = field(default_factory=set)
    enterprises: list[Enterprise] = field(default_factory=list)
    by_industry: dict[str, list[Enterprise]] = field(default_factory=dict)
    coops: list[Enterprise] = field(default_factory=list)
    workforce: dict[str, list[str]] = field(default_factory=dict)  # uscc -> person ids
    spells: dict[str, list[Spell]] = field(default_factory=dict)
    dead: dict[str, date] = field(default_factory=dict)
    last_seen: dict[str, date] = field(default_factory=dict)  # latest event of a living person
    records: dict[str, list[Record]] = field(default_factory=dict)
    incidents: list[Record] = field(default_factory=list)
    incident_persons: list[Record] = field(default_factory=list)
    deaths: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    patterns: Counter[str] = field(default_factory=Counter)
    negatives: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        for src in ("accidents", "accident_victims", "deregistrations", "cremations",
                    "injury_claims", "medical_records", "employment"):
            self.records[src] = []

    # --- helpers -------------------------------------------------------------------------------
    def n(self, base: float, minimum: int = 0) -> int:
        """``base`` at scale 1, scaled, with a little seed-dependent spread."""
        x = base * self.scale * self.rng.uniform(0.9, 1.1)
        return max(minimum, round(x))

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def day(self, lo: date = START, hi: date = END) -> date:
        return lo + timedelta(days=self.rng.randint(0, max(0, (hi - lo).days)))

    def at_time(self, d: date, lo: int = 0, hi: int = 23) -> datetime:
        return datetime(d.year, d.month, d.day, self.rng.randint(lo, hi), self.rng.randint(0, 59),
                        self.rng.choice((0, 0, self.rng.randint(0, 59))))

    def _touch(self, p: Person, d: date) -> None:
        if p.pid not in self.dead and self.last_seen.get(p.pid, d) <= d:
            self.last_seen[p.pid] = d

    def alive(self, p: Person, at: date) -> bool:
        return p.pid not in self.dead or self.dead[p.pid] > at

    # --- persons -------------------------------------------------------------------------------
    def pick_eth(self, county: str) -> str:
        if county[:2] != "65":
            return "hui" if self.chance(0.06) else "han"
        mix = geo.PREFECTURES[county[:4]][2]
        return self.rng.choices(("uyghur", "han", "kazakh", "hui"), weights=mix)[0]

    def new_person(self, at: date, age: int, *, county: str | None = None, eth: str | None = None,
                   male: bool | None = None, parts: tuple[str, str] | None = None) -> Person:
        rng = self.rng
        if county is None:
            county = self.geo.pick_county(rng)
        if eth is None:
            eth = self.pick_eth(county)
        if male is None:
            male = rng.random() < 0.5
        birth = _years_before(at, age + 1) + timedelta(days=rng.randint(1, 364))
        if parts is None:
            if eth in ("uyghur", "kazakh"):
                parts = names.minority_name(rng, male, eth == "kazakh")
            else:
                parts = names.han_name(rng, male, eth == "hui")
        pid = f"P{len(self.persons) + 1:07d}"
        if self.persons and rng.random() < 0.0004:  # a number issued twice
            other = self.persons[rng.choice(list(self.persons)[-500:])]
            if other.male == male and not other.duplicate:
                p = Person(pid, eth, male, other.birth, other.hukou, other.id18, parts, True)
                other.duplicate = True
                self.persons[pid] = p
                return p
        region = county
        if county[:2] == "65" and rng.random() < 0.2:  # ID issued at the birthplace
            region = self.geo.pick_county(rng, county[:4])
        if region in geo.OLD_ID_CODES and birth.year < geo.OLD_ID_CODES[region][1]:
            region = geo.OLD_ID_CODES[region][0]
        while True:
            id18 = ids.make_id(region, birth, male, rng)
            if id18 not in self.used_ids:
                break
        self.used_ids.add(id18)
        p = Person(pid, eth, male, birth, county, id18, parts)
        self.persons[pid] = p
        return p

    def relative(self, p: Person, at: date, age: int, male: bool | None = None,
                 child: bool = False) -> Person:
        """A family member in the same household: a Han child keeps the surname, a Uyghur or
        Kazakh child carries the father's own name."""
        if male is None:
            male = self.chance(0.5)
        parts: tuple[str, str] | None = None
        if p.minority and child and p.male:
            own = names.minority_name(self.rng, male, p.eth == "kazakh")[0]
            parts = (own, p.parts[0])
        elif not p.minority and (child or self.chance(0.3)):
            parts = (p.parts[0], names.han_name(self.rng, male, p.eth == "hui")[1])
        return self.new_person(at, age, county=p.hukou, eth=p.eth, male=male, parts=parts)

    def migrant_or_local(self, county: str, local: float, province: float) -> str:
        """A worker's household registration: the site's county, elsewhere in Xinjiang (often the
        south), or another province."""
        u = self.rng.random()
        if u < local:
            return county if self.chance(0.6) else self.geo.pick_county(self.rng, county[:4])
        if u < local + province:
            return self.geo.pick_county(self.rng)
        return geo.weighted(self.rng, geo.MIGRANT_ORIGINS)

    # --- deaths --------------------------------------------------------------------------------
    def die(self, p: Person, when: date, cls: str, incident_id: str | None = None) -> None:
        """Truth of the death; the person's insurance spells stop (or are left open by a slow
        employer) and none starts later."""
        self.dead[p.pid] = when
        self.deaths[p.pid] = (cls, incident_id)
        kept: list[Spell] = []
        for s in self.spells.get(p.pid, []):
            if s.start > when:
                continue
            if (s.end is None or s.end > when) and self.chance(0.8):
                end = when + timedelta(days=self.rng.randint(0, 75))
                s.end = end if end <= EXTRACT else None
            kept.append(s)
        if p.pid in self.spells:
            self.spells[p.pid] = kept

    def deregister(self, p: Person, death: date, cause: str | None, *, lag: int | None = None,
                   reason: str = "death", show_death_date: bool = True) -> bool:
        """A household-registration cancellation (only for a Xinjiang registration)."""
        if p.hukou[:2] != "65":
            return False
        if lag is None:
            lag = int(self.rng.lognormvariate(2.8, 0.9))
        on = death + timedelta(days=lag)
        if on > EXTRACT:
            return False
        rng = self.rng
        self.records["deregistrations"].append({
            "_pid": p.pid, "_sort": on, "_tie": rng.random(), "_at": death,
            "birth_date": p.birth if rng.random() > 0.02 else None,
            "death_date": death if show_death_date and rng.random() > 0.02 else None,
            "deregistered_on": on, "region_code": p.hukou, "reason": reason,
            "death_cause": cause,
        })
        return True

    def funeral(self, p: Person, death: date, place: str, *, cause: str | None,
                issuer: str | None, origin: str | None, fast: bool = False,
                home: Facility | None = None, p_record: float | None = None,
                id_kind: str | None = None, name_kind: str | None = None) -> bool:
        """A funeral-home record: cremation for Han families (near where the person died or
        lived), a burial-service record for Muslim families (in the home county, within a day)."""
        rng = self.rng
        muslim = p.eth in MUSLIM
        if p_record is None:
            p_record = 0.3 if p.eth == "hui" else 0.22 if muslim else 0.85
        if rng.random() >= p_record:
            return False
        if place not in geo.COUNTIES:  # died where the registration is, outside Xinjiang
            place = self.geo.pick_county(rng)
        if home is None:
            if muslim:
                home = self.geo.burial[p.hukou if p.hukou in geo.COUNTIES else place]
            else:
                base = p.hukou if p.hukou in geo.COUNTIES and rng.random() < 0.4 else place
                home = self.geo.funeral[base]
        if muslim or fast:
            lag = rng.choice((0, 0, 1, 1, 1)) if muslim else rng.choice((0, 1, 1))
        else:
            lag = rng.choice((1, 2, 2, 3, 3, 3, 4, 5, 6, 8))
        on = death + timedelta(days=lag)
        if on > EXTRACT:
            return False
        self.records["cremations"].append({
            "_pid": p.pid, "_sort": on, "_tie": rng.random(), "_at": death, "_home": home,
            "_id_kind": id_kind, "_name_kind": name_kind,
            "age": _age_text(p, death, rng), "death_date": death if rng.random() > 0.03 else None,
            "cremated_on": on, "funeral_home": home.name, "region_code": home.region,
            "death_cause": cause, "certificate_issuer": issuer, "body_origin": origin,
        })
        return True

    # --- injuries ------------------------------------------------------------------------------
    def admit(self, p: Person, hospital: Facility, admitted: datetime, days: float, dx: str,
              ext: str | None, disposition: str, payer: str | None,
              employer: str | None = None, id_kind: str | None = None) -> datetime | None:
        """One inpatient or emergency encounter; returns the discharge time (None if the patient
        is still in hospital at extraction)."""
        if admitted.date() > EXTRACT:
            return None
        rng = self.rng
        hours = days * 24 + rng.uniform(-6, 6)
        admitted = admitted.replace(second=admitted.second if rng.random() < 0.5 else 0,
                                    microsecond=0)
        out: datetime | None = admitted + timedelta(
            minutes=int(60 * max(1.0 if disposition != "died" else 0.3, hours)))
        if out is not None and out.date() > EXTRACT:
            out = None
        self._touch(p, out.date() if out is not None else admitted.date())
        self.records["medical_records"].append({
            "_pid": p.pid, "_sort": admitted, "_tie": rng.random(), "_at": admitted.date(),
            "_hosp": hospital, "_id_kind": id_kind,
            "age": _age_text(p, admitted.date(), rng), "hospital": hospital.name,
            "region_code": hospital.region, "admitted_at": admitted, "discharged_at": out,
            "diagnosis_icd10": dx, "external_cause_icd10": ext,
            "disposition": disposition if out is not None else "discharged",
            "payer": payer, "employer_name": employer,
        })
        return out

    def claim(self, p: Person, employer: str, uscc: str | None, injury: date, applied: date,
              outcome: str, desc: str | None, region: str, wait: int | None = None) -> bool:
        """A work-injury recognition; decided a few weeks after the application, or pending at
        extraction."""
        if applied > EXTRACT:
            return False
        rng = self.rng
        self._touch(p, injury)
        decided: date | None = None
        if outcome != "pending":
            decided = applied + timedelta(days=wait if wait is not None else rng.randint(15, 75))
            if decided > EXTRACT:
                decided, outcome = None, "pending"
        self.records["injury_claims"].append({
            "_pid": p.pid, "_sort": applied, "_tie": rng.random(), "_at": injury,
            "employer_name": employer, "employer_uscc": uscc, "injury_date": injury,
            "applied_on": applied, "decided_on": decided, "outcome": outcome,
            "injury_description": desc, "region_code": region,
        })
        return True

    # --- enterprises and insurance spells -------------------------------------------------------
    def add_spell(self, p: Person, ent: Enterprise, start: date, end: date | None,
                  lender: str | None = None) -> Spell:
        s = Spell(ent, start, end if end is None or end <= EXTRACT else None, lender)
        self.spells.setdefault(p.pid, []).append(s)
        return s

    def enrolled(self, p: Person, ent: Enterprise, at: date) -> Spell | None:
        for s in self.spells.get(p.pid, []):
            if s.ent is ent and s.start <= at and (s.end is None or s.end >= at):
                return s
        return None

    def current_spell(self, p: Person, at: date) -> Spell | None:
        for s in self.spells.get(p.pid, []):
            if s.start <= at and (s.end is None or s.end >= at):
                return s
        return None

    def pick_enterprise(self, industry: str, high_risk: bool | None = None) -> Enterprise:
        pool = self.by_industry[industry]
        if high_risk is not None:
            pool = [e for e in pool if e.high_risk == high_risk] or pool
        return self.rng.choices(pool, weights=[e.size ** 0.7 for e in pool])[0]

    def employer_text(self, ent: Enterprise, style: str) -> str:
        """The employer's name as another department writes it."""
        rng = self.rng
        u = rng.random()
        if style == "register" and u < 0.92:
            return ent.name
        if style == "claim" and u < 0.8:
            return ent.name
        if u < 0.35:
            return ent.name.replace("有限责任公司", "有限公司") if "有限责任公司" in ent.name \
                else ent.name.removeprefix("新疆")
        if u < 0.6:
            return ent.name.removeprefix("新疆")
        if u < 0.85:
            return ent.short + ("公司" if rng.random() < 0.5 else "")
        return f"{ent.place}{ent.short}" if ent.place else ent.short

    def uscc_text(self, ent: Enterprise, missing: float) -> str | None:
        """The employer's code as another department copies it: sometimes left out, sometimes
        with one character mistyped."""
        u = self.rng.random()
        if u < missing:
            return None
        if u < missing + 0.03:
            return ids.uscc_typo(ent.uscc, self.rng)
        return ent.uscc

    def crew(self, ent: Enterprise, at: date, k: int) -> list[Person]:
        """Up to ``k`` living workers enrolled with ``ent`` at ``at``."""
        pids = self.workforce.get(ent.uscc, [])
        out: list[Person] = []
        for pid in self.rng.sample(pids, min(len(pids), 40)):
            p = self.persons[pid]
            if pid not in self.deaths and self.last_seen.get(pid, at) <= at and \
                    self.enrolled(p, ent, at) and 18 <= p.age(at) <= 62:
                out.append(p)
                if len(out) == k:
                    break
        return out

    def casual(self, ent: Enterprise, at: date, male_share: float = 0.95) -> Person:
        """A worker the enterprise never enrolled (day labourer, subcontractor's man)."""
        county = self.migrant_or_local(ent.region, 0.35, 0.45)
        return self.new_person(at, self.rng.randint(20, 62), county=county,
                               male=self.chance(male_share))


def _years_before(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year - years)
    except ValueError:  # 29 February
        return d.replace(year=d.year - years, day=28)


def _age_text(p: Person, at: date, rng: random.Random) -> int | None:
    """Age as a clerk writes it: sometimes the nominal age (one more), sometimes blank."""
    u = rng.random()
    if u < 0.08:
        return None
    age = p.age(at)
    return age + 1 if u < 0.16 else age
