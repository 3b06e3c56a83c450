"""The simulated province-year: enterprises and their workforce, honest, under-reported and
concealed incidents, natural and non-occupational deaths, routine work injuries and the hospitals'
injury background. It writes each department's records as the department would hold them, still
clean (person index, ordinals, minutes); :mod:`.render` adds the departments' errors."""

from __future__ import annotations

import bisect
import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from . import vocab as V
from .geo import BY_CODE, CITIES, CLUSTERS, COUNTIES, MIGRANT_COUNTIES, Places
from .ids import make_uscc
from .people import REF, People

D0 = date(2024, 1, 1).toordinal()
D1 = date(2024, 12, 31).toordinal()
EXPORT = date(2025, 3, 31).toordinal()
DAY = 1440

# per scale 1.0: a province-year of Hebei, less the part of the population no source covers
N_WORKERS = 1_600_000
N_NATURAL = 330_000
N_LATE2023 = 9_000
N_ROAD, N_SUICIDE, N_FALLS, N_CO_EVENTS, N_DROWN, N_OTHER_NONOCC = 8_500, 4_500, 5_500, 900, \
    1_400, 900
N_DECLARED = 150
N_WORKSITE_NONOCC = 160  # deaths at sites that are no production-safety accident
N_MED_BG = 1_400_000
N_ROUTINE = 45_000
N_REPORTED, N_UNDER, N_CONCEALED = 550, 75, 135

FIELDS: dict[str, tuple[str, ...]] = {
    "accident_victims": ("p", "accident_id", "outcome", "when", "order"),
    "deregistrations": ("p", "death", "dereg", "region", "reason", "cause", "birth_known"),
    "cremations": ("p", "death", "cremated", "home", "cause", "issuer", "origin", "id_hint",
                   "name_hint"),
    "injury_claims": ("p", "ent", "emp_name", "injury", "applied", "decided", "outcome", "desc",
                      "region"),
    "medical_records": ("p", "hosp", "adm", "dis", "diag", "ext", "disp", "payer", "emp",
                        "anon", "emergency"),
    "employment": ("p", "ent", "start", "end", "industry_known", "bad"),
}

# sub-kind, industry, enterprises at scale 1, minimum, share of workers, male share,
# age (mean, sd, lo, hi), share under special supervision, where (cluster key)
GROUPS: list[tuple[str, str, int, int, float, float, tuple[int, int, int, int], float, str]] = [
    ("steel", "metallurgy", 450, 5, .13, .88, (40, 9, 19, 60), .97, "steel"),
    ("coking", "metallurgy", 90, 2, .025, .85, (41, 9, 19, 60), 1.0, "coking"),
    ("non_coal_mining", "non_coal_mining", 800, 6, .04, .93, (45, 9, 20, 62), .95,
     "non_coal_mining"),
    ("coal_mining", "coal_mining", 45, 3, .035, .95, (42, 8, 20, 60), 1.0, "coal_mining"),
    ("hazardous_chemicals", "hazardous_chemicals", 1500, 6, .065, .75, (38, 9, 19, 60), .9,
     "hazardous_chemicals"),
    ("construction", "construction", 4200, 10, .06, .9, (42, 10, 20, 62), .7, "construction"),
    ("labour_sub", "construction", 1200, 5, .10, .92, (46, 10, 18, 65), 0.0, "construction"),
    ("fireworks", "fireworks", 12, 2, .001, .6, (45, 10, 20, 65), 1.0, "fireworks"),
    ("workshop", "manufacturing", 140, 5, .0004, .5, (50, 10, 25, 68), 0.0, "fireworks"),
    ("manufacturing", "manufacturing", 13500, 20, .33, .58, (37, 10, 18, 62), .03,
     "manufacturing"),
    ("transport", "transport", 3200, 6, .06, .88, (42, 9, 21, 60), 0.0, "transport"),
    ("hazmat_transport", "transport", 300, 2, .01, .95, (43, 8, 22, 60), 1.0, "transport"),
    ("other", "other", 3600, 10, .10, .45, (36, 11, 18, 62), 0.0, "population"),
    ("dispatch", "other", 500, 4, .04, .8, (38, 10, 18, 60), 0.0, "population"),
]
TENURE_YEARS = {"steel": 9, "coking": 7, "non_coal_mining": 5, "coal_mining": 12,
                "hazardous_chemicals": 6, "construction": 4, "labour_sub": 1.5, "fireworks": 3,
                "workshop": 2, "manufacturing": 5, "transport": 4, "hazmat_transport": 5,
                "other": 3, "dispatch": 2}
MONTH_W = [1.25, 1.15, 1.05, .95, .9, .85, .88, .88, .88, .95, 1.05, 1.25]
ROADS = ["G1京哈高速", "G25长深高速", "G4京港澳高速", "G45大广高速", "G18荣乌高速", "G20青银高速",
         "G95首都环线高速", "G102国道", "G107国道", "G112国道", "G205国道", "G307国道", "S333省道"]
PROJECTS = ["花园", "家园", "安置房", "产业园", "学校", "医院综合楼", "商业综合体", "大桥"]


class Rows:
    """One source's records before noise, as column lists."""

    def __init__(self, fields: tuple[str, ...]) -> None:
        self.cols: dict[str, list[Any]] = {f: [] for f in fields}

    def add(self, **kw: Any) -> None:
        for f, col in self.cols.items():
            col.append(kw.get(f))

    def __len__(self) -> int:
        return len(next(iter(self.cols.values())))


@dataclass
class Ent:
    uscc: str
    name: str
    short: str
    industry: str
    sub: str
    county: str
    high_risk: bool
    size: int = 0


@dataclass
class Member:
    p: int
    outcome: str
    reported: str | None
    mode: str
    link: str
    death_t: int | None = None


@dataclass
class Incident:
    iid: str
    kind: str
    pattern: str
    ent: int
    industry: str
    atype: str
    county: str
    t: int
    members: list[Member] = field(default_factory=list)
    accident_id: str | None = None
    reported_deaths: int = 0
    hosp: int | None = None
    far_home: int | None = None


def _wpick(r: random.Random, weights: Mapping[str, float]) -> str:
    return r.choices(list(weights), weights=list(weights.values()))[0]


def _fill(r: random.Random, weights: Mapping[str, float], n: int, shuffle: bool = True
          ) -> list[str]:
    """``n`` draws from ``weights`` in which each key appears at least once (when n allows);
    unshuffled, the keys come first."""
    keys = list(weights)
    r.shuffle(keys)
    out = keys[:n] + [_wpick(r, weights) for _ in range(max(0, n - len(keys)))]
    if shuffle:
        r.shuffle(out)
    return out


class World:
    """One seeded province-year. ``build()`` fills :attr:`tables`, :attr:`accidents`,
    :attr:`incidents` and :attr:`death_class`."""

    def __init__(self, scale: float, seed: int) -> None:
        self.scale = scale
        self.r = random.Random(seed)
        self.g = np.random.default_rng(seed)
        self.places = Places(random.Random(seed + 7_000_003))
        self.people = People()
        self.ents: list[Ent] = []
        self.by_sub: dict[str, list[int]] = {}
        self.spells: list[list[Any]] = []  # [p, ent, start, end]
        self.spells_of: dict[int, list[int]] = {}
        self.w_p: list[int] = []
        self.w_ent: list[int] = []
        self.w_host: list[int] = []
        self.w_spell: list[int] = []
        self.by_host: dict[int, list[int]] = {}
        self.worker_of: dict[int, int] = {}
        self.tables = {src: Rows(f) for src, f in FIELDS.items()}
        self.accidents: list[dict[str, Any]] = []
        self.incidents: list[Incident] = []
        self.death_class: dict[int, tuple[str, str | None]] = {}
        self.used: set[int] = set()
        self.pattern_counts: dict[str, int] = {}
        self._big_left = round(scale * 5) if scale >= 0.15 else 0
        self._seen_modes: set[str] = set()
        self._pop_codes = [c.code for c in COUNTIES]
        self._pop_w = np.array([c.pop for c in COUNTIES], dtype=float)
        self._pop_w /= self._pop_w.sum()
        self._pop_cw = np.cumsum(self._pop_w).tolist()
        self._month_cw = np.cumsum(MONTH_W).tolist()
        self._city_counties: dict[str, list[str]] = {}
        for c in COUNTIES:
            self._city_counties.setdefault(c.city, []).append(c.code)
        self._hour_cw = {
            "work": np.cumsum([2, 2, 2, 2, 2, 3, 4, 8, 10, 11, 11, 9, 6, 8, 10, 11, 10, 8, 6, 5,
                               4, 3, 3, 2]).tolist(),
            "any": np.cumsum([3, 2, 1, 1, 1, 2, 4, 7, 8, 8, 8, 7, 6, 6, 7, 7, 7, 8, 8, 8, 7, 6,
                              5, 4]).tolist()}

    # ---------------------------------------------------------------- helpers
    def n(self, x: float, lo: int = 0) -> int:
        return max(lo, round(x * self.scale))

    def counties(self, k: int) -> list[str]:
        return [self._pop_codes[i] for i in self.g.choice(len(self._pop_codes), k, p=self._pop_w)]

    def rand_county(self) -> str:
        i = bisect.bisect_left(self._pop_cw, self.r.random() * self._pop_cw[-1])
        return self._pop_codes[min(i, len(self._pop_codes) - 1)]

    def add_spell(self, p: int, ent: int, start: int, end: int | None) -> int:
        self.spells_of.setdefault(p, []).append(len(self.spells))
        self.spells.append([p, ent, start, end])
        return len(self.spells) - 1

    def county_weights(self, key: str) -> dict[str, float]:
        if key in ("steel", "coking", "non_coal_mining", "coal_mining", "hazardous_chemicals",
                   "fireworks"):
            return CLUSTERS[key]
        boost = CLUSTERS.get(f"{key}_boost", {})
        return {c.code: c.pop * (1 + boost.get(c.code, 0)) for c in COUNTIES}

    def neighbour(self, county: str) -> str:
        same = self._city_counties.get(county[:4], [])
        if len(same) < 2:
            return county
        while True:
            c = self.r.choice(same)
            if c != county:
                return c

    def other_city(self, *avoid: str) -> str:
        return self.r.choice([c for c in CITIES if c not in avoid])

    def hukou_near(self, county: str, migrant: float) -> str:
        u = self.r.random()
        if u < migrant:
            return self.r.choice(MIGRANT_COUNTIES)
        if u < migrant + 0.55 or not county.startswith("13"):
            return county
        if u < migrant + 0.77:
            return self.neighbour(county)
        return self.rand_county()

    def day_in_year(self, months: list[int] | None = None, lo: int = D0, hi: int = D1) -> int:
        r = self.r
        for _ in range(50):
            m = months[r.randrange(len(months))] if months else \
                bisect.bisect_left(self._month_cw, r.random() * self._month_cw[-1]) + 1
            first = date(2024, m, 1).toordinal()
            last = date(2024 + (m == 12), m % 12 + 1, 1).toordinal() - 1
            o = r.randint(first, last)
            if lo <= o <= hi:
                return o
        return r.randint(lo, hi)

    def minute(self, kind: str = "work") -> int:
        r = self.r
        cw = self._hour_cw[kind]
        h = min(23, bisect.bisect_left(cw, r.random() * cw[-1]))
        return h * 60 + r.randrange(60)

    def ent_variant(self, e: Ent, free_text: bool = False) -> str:
        """How another department writes the enterprise's name."""
        r = self.r
        u = r.random()
        if free_text:
            if u < 0.45:
                return e.short
            if u < 0.75:
                return e.name
        elif u < 0.9:
            return e.name
        v = r.random()
        if v < 0.3 and e.name.endswith("有限公司"):
            return e.name[:-4] + "公司"
        if v < 0.5 and e.name.endswith("有限公司"):
            return e.name[:-4] + "有限责任公司"
        if v < 0.75:
            c = BY_CODE[e.county]
            return e.name.replace(c.name, "").replace(c.short, "") or e.name
        return "河北" + e.name if not e.name.startswith("河北") else e.name[2:]

    # ---------------------------------------------------------------- build
    def build(self) -> None:
        self.build_enterprises()
        self.build_workers()
        self.build_incidents()
        self.build_worker_deaths()
        self.build_natural_deaths()
        self.build_nonocc_deaths()
        self.build_routine_injuries()
        self.build_background_injuries()
        self.build_employment()

    def build_enterprises(self) -> None:
        r = self.r
        names: set[str] = set()
        total_w = N_WORKERS * self.scale
        for sub, industry, n_ent, lo, share, _male, _age, hr, where in GROUPS:
            k = self.n(n_ent, lo)
            cw = self.county_weights(where if where != "population" else "other")
            codes = list(cw)
            picks = r.choices(codes, weights=[cw[c] for c in codes], k=k)
            if sub == "workshop":
                sizes = np.array([r.choice([0, 0, 1, 2, 3]) for _ in range(k)])
            else:
                raw = self.g.lognormal(0.0, 0.9 if "mining" in sub else 1.1, k)
                sizes = np.maximum(1, np.round(raw / raw.sum() * total_w * share)).astype(int)
            for county, size in zip(picks, sizes.tolist(), strict=True):
                c = BY_CODE[county]
                for _ in range(100):
                    brand = r.choice(V.BRAND_CHARS) + r.choice(V.BRAND_CHARS)
                    if brand[0] == brand[1]:
                        continue
                    suffix = r.choice(V.ENT_SUFFIX[sub])
                    u = r.random()
                    prefix = (c.name if u < 0.45 else CITIES[c.city][:-1] if u < 0.75 else
                              "河北" if u < 0.82 and size > 300 else c.short if u < 0.92 else "")
                    name = prefix + brand + suffix
                    if name not in names:
                        break
                names.add(name)
                word = V.SHORT_WORD[sub] if sub != "manufacturing" else suffix[:2]
                short = brand + word
                self.by_sub.setdefault(sub, []).append(len(self.ents))
                self.ents.append(Ent(make_uscc(r, county, individual=sub == "workshop"), name,
                                     short, industry, sub, county, r.random() < hr, int(size)))

    def build_workers(self) -> None:
        g, r = self.g, self.r
        group = {gr[0]: gr for gr in GROUPS}
        hosts_for: dict[str, list[int]] = {}
        for sub in ("steel", "coking", "hazardous_chemicals", "non_coal_mining", "coal_mining",
                    "manufacturing"):
            hosts_for.setdefault("dispatch", []).extend(self.by_sub.get(sub, []))
        hosts_for["labour_sub"] = list(self.by_sub.get("construction", []))
        plan: list[tuple[int, int, int]] = []  # enterprise, first row, size
        ages_l: list[np.ndarray] = []
        male_l: list[np.ndarray] = []
        hukou: list[str] = []
        n = 0
        for ei, e in enumerate(self.ents):
            if e.size == 0:
                continue
            _, _, _, _, _, male_share, (mu, sd, lo, hi), _, _ = group[e.sub]
            ages_l.append(np.clip(g.normal(mu, sd, e.size), lo, hi))
            male_l.append(g.random(e.size) < male_share)
            migrant = 0.25 if e.industry == "construction" else 0.12 if "mining" in e.sub else 0.08
            hukou.extend(self.hukou_near(e.county, migrant) for _ in range(e.size))
            plan.append((ei, n, e.size))
            n += e.size
        all_ages = np.concatenate(ages_l)
        all_ps = self.people.add(g, all_ages, np.concatenate(male_l), hukou)
        for ei, first, size in plan:
            e = self.ents[ei]
            ages = all_ages[first:first + size]
            ps = all_ps[first:first + size]
            tenure = g.exponential(TENURE_YEARS[e.sub] * 365, size)
            pool = hosts_for.get(e.sub)
            same_city = [h for h in pool if self.ents[h].county[:4] == e.county[:4]] if pool else []
            for k, p in enumerate(ps):
                start = int(REF - min(tenure[k], (ages[k] - 18) * 365.2425))
                if r.random() < 0.08:
                    start = r.randint(REF, D1)
                end: int | None = None
                if r.random() < 0.10:
                    end = r.randint(max(start + 30, D0), D1 + 60)
                host = ei
                if pool:
                    host = r.choice(same_city) if same_city and r.random() < 0.85 else \
                        r.choice(pool)
                si = self.add_spell(p, ei, start, end)
                if end is not None and r.random() < 0.5:
                    ne = r.randrange(len(self.ents))
                    ns = end + r.randint(1, 60)
                    if ns <= EXPORT and self.ents[ne].size > 0:
                        self.add_spell(p, ne, ns, None)
                if r.random() < 0.18:
                    pe = r.randrange(len(self.ents))
                    pend = start - r.randint(1, 200)
                    pstart = pend - int(r.expovariate(1 / (3 * 365))) - 30
                    if pend >= date(2016, 1, 1).toordinal() and self.ents[pe].size > 0:
                        self.add_spell(p, pe, pstart, pend)
                self.worker_of[p] = len(self.w_p)
                self.by_host.setdefault(host, []).append(len(self.w_p))
                self.w_p.append(p)
                self.w_ent.append(ei)
                self.w_host.append(host)
                self.w_spell.append(si)

    # ---------------------------------------------------------------- persons on demand
    def new_person(self, age: float, male: bool, hukou: str) -> int:
        return self.people.add(self.g, np.array([age]), np.array([male]), [hukou], 0.0)[0]

    def informal_worker(self, county: str, industry: str, migrant: float = 0.3) -> int:
        r = self.r
        male_share = 0.6 if industry in ("fireworks", "manufacturing") else 0.92
        age = min(68.0, max(20.0, r.gauss(48, 10)))
        p = self.new_person(age, r.random() < male_share, self.hukou_near(county, migrant))
        if r.random() < 0.3:  # enrolled somewhere years ago
            e = r.randrange(len(self.ents))
            end = r.randint(date(2016, 1, 1).toordinal(), D0 - 200)
            self.add_spell(p, e, end - r.randint(100, 2000), end)
        return p

    def alive_worker(self, w: int, when: int) -> bool:
        p = self.w_p[w]
        if p in self.used or self.people.death[p] is not None:
            return False
        _, _, start, end = self.spells[self.w_spell[w]]
        return bool(start <= when and (end is None or end >= when))

    def pick_victim(self, host: int, when: int, link: str) -> tuple[int, str]:
        """A person working at ``host`` on day ``when``: on its books (enrolled), placed there by
        a labour company (dispatched), or not on any books (informal)."""
        r = self.r
        e = self.ents[host]
        cands = self.by_host.get(host, [])
        if link != "informal" and cands and e.sub != "workshop":
            for _ in range(40):
                w = r.choice(cands)
                if (self.w_ent[w] == host) == (link == "enrolled") and self.alive_worker(w, when):
                    self.used.add(self.w_p[w])
                    return self.w_p[w], link
            for _ in range(40):
                w = r.choice(cands)
                if self.alive_worker(w, when):
                    self.used.add(self.w_p[w])
                    return self.w_p[w], "enrolled" if self.w_ent[w] == host else "dispatched"
        p = self.informal_worker(e.county, e.industry, 0.15 if e.sub == "workshop" else 0.3)
        self.used.add(p)
        return p, "informal"

    def host_for(self, industry: str, weight_pow: float) -> int:
        subs = [gr[0] for gr in GROUPS if gr[1] == industry and gr[0] not in
                ("labour_sub", "dispatch")]
        if industry == "fireworks":
            subs = ["fireworks", "workshop"]
        if industry == "manufacturing":
            subs = ["manufacturing"]
        idx = [i for s in subs for i in self.by_sub.get(s, [])]
        w = [max(1, self.ents[i].size) ** weight_pow for i in idx]
        if industry == "fireworks":
            w = [x * (4 if self.ents[i].sub == "workshop" else 1) for x, i in zip(w, idx,
                                                                                strict=True)]
        return self.r.choices(idx, weights=w)[0]

    # ---------------------------------------------------------------- records
    def dereg_delay(self) -> int:
        r = self.r
        u = r.random()
        if u < 0.55:
            return r.randint(1, 15)
        if u < 0.88:
            return r.randint(16, 90)
        return r.randint(91, 400)

    def crem_delay(self, kind: str) -> int:
        r = self.r
        if kind == "fast":
            return r.choices([0, 1, 2], weights=[45, 45, 10])[0]
        if kind == "police":
            return r.randint(2, 15) if r.random() < 0.88 else r.randint(16, 40)
        if kind == "hospital":
            return r.randint(1, 4)
        d = r.choices([0, 1, 2, 3, 4, 5, 6, 7], weights=[4, 18, 33, 28, 8, 3, 2, 1.5])[0]
        return d if r.random() > 0.03 else r.randint(8, 30)

    def funeral_home(self, county: str) -> int:
        """The funeral home a family near ``county`` uses."""
        r, pl = self.r, self.places
        if not county.startswith("13"):
            return pl.home_for(self.rand_county())
        u = r.random()
        north3 = county in ("131082", "131028", "131024", "131022", "130681")
        if (north3 and u < 0.08) or (county[:4] in ("1310", "1306", "1307") and u < 0.006):
            return r.choice(pl.outside)
        if u > 0.97:
            return pl.home_for(self.r.choice([c.code for c in COUNTIES if c.city != county[:4]]))
        return pl.home_for(county)

    def death(self, p: int, t: int, cls: str, incident: str | None = None, *,
              dereg_p: float = 0.92, dereg_causes: list[str] | None = None,
              dereg_cause_p: float = 0.35, crem_p: float | None = None,
              home: int | None = None, crem_delay: str = "natural",
              crem_causes: list[str] | None = None, crem_cause_p: float = 0.9,
              issuer: str | None = "hospital", origin: str | None = None,
              crem_hint: str | None = None, name_hint: str | None = None,
              death_day_shift: int = 0) -> None:
        """A death and the records it leaves in the household register and the funeral home."""
        r, people = self.r, self.people
        day = t // DAY
        people.death[p] = day
        self.death_class[p] = (cls, incident)
        hukou = people.hukou[p]
        recorded_day = day + death_day_shift
        if hukou.startswith("13") and r.random() < dereg_p:
            dd = recorded_day + self.dereg_delay()
            if day < D0:
                dd = max(dd, D0 + r.randint(0, 40))
            if dd <= EXPORT:
                cause = r.choice(dereg_causes) if dereg_causes and r.random() < dereg_cause_p \
                    else None
                rows = 2 if r.random() < 0.003 else 1  # registered twice, cancelled twice
                for k in range(rows):
                    region = hukou if k == 0 else self.neighbour(hukou)
                    self.tables["deregistrations"].add(
                        p=p, death=None if r.random() < 0.015 else recorded_day,
                        dereg=min(EXPORT, dd + k * r.randint(3, 60)), region=region,
                        reason="death", cause=cause, birth_known=r.random() > 0.01)
        if crem_p is None:
            urban = BY_CODE[hukou].urban if hukou in BY_CODE else False
            crem_p = 0.9 if urban else 0.66 if hukou.startswith("13") else 0.5
        if r.random() < crem_p:
            cd = recorded_day + self.crem_delay(crem_delay)
            if D0 <= cd <= EXPORT:
                h = home if home is not None else self.funeral_home(hukou)
                cause = r.choice(crem_causes) if crem_causes and r.random() < crem_cause_p \
                    else None
                rows = 2 if r.random() < 0.012 else 1  # re-exported after a correction
                for _ in range(rows):
                    self.tables["cremations"].add(
                        p=p, death=None if r.random() < 0.02 else recorded_day, cremated=cd,
                        home=h, cause=cause, issuer=issuer if r.random() > 0.04 else None,
                        origin=origin, id_hint=crem_hint, name_hint=name_hint)

    def medical(self, p: int, hosp: int, adm: int, dis: int | None, diag: str, ext: str | None,
                disp: str, payer: str | None, emp: str | None = None, anon: bool = False,
                emergency: bool | None = None) -> None:
        if emergency is None:
            emergency = dis is not None and dis - adm < DAY
        for _ in range(2 if self.r.random() < 0.004 else 1):  # exported twice by the hospital
            self.tables["medical_records"].add(p=p, hosp=hosp, adm=adm, dis=dis, diag=diag,
                                               ext=ext, disp=disp, payer=payer, emp=emp,
                                               anon=anon, emergency=emergency)

    def claim(self, p: int, ent: int, injury: int, outcome: str, desc: str | None,
              applied: int | None = None, emp_name: str | None = None) -> None:
        r = self.r
        if applied is None:
            applied = injury + (r.randint(5, 30) if r.random() < 0.75 else r.randint(31, 330))
        if applied > EXPORT or applied < D0:
            return
        decided: int | None = applied + r.randint(15, 60)
        if outcome == "pending" or decided is None or decided > EXPORT:
            outcome, decided = "pending", None
        e = self.ents[ent]
        self.tables["injury_claims"].add(
            p=p, ent=ent, emp_name=emp_name or self.ent_variant(e), injury=injury,
            applied=applied, decided=decided, outcome=outcome, desc=desc, region=e.county)

    def end_spell_at_death(self, p: int, day: int, backdate: bool = False) -> None:
        """The employer stops the insurance: at the end of the month after the death, never
        (the record is stale), or, hiding a victim, days before the accident."""
        r = self.r
        for si in self.spells_of.get(p, []):
            s = self.spells[si]
            if s[2] > day:
                s[2] = -1  # a job the dead never started: dropped
            elif s[3] is None or s[3] > day:
                u = r.random()
                if backdate:
                    s[3] = max(s[2], day - r.randint(1, 10))
                elif u < 0.7:
                    s[3] = day + r.randint(0, 40)
                else:
                    s[3] = None

    # ---------------------------------------------------------------- incidents
    def build_incidents(self) -> None:
        r = self.r
        n_rep, n_under, n_conc = (self.n(N_REPORTED, 10), self.n(N_UNDER, 5),
                                  self.n(N_CONCEALED, 8))
        rep_ind = {"construction": .33, "transport": .2, "manufacturing": .12, "metallurgy": .09,
                   "non_coal_mining": .07, "hazardous_chemicals": .06, "coal_mining": .03,
                   "fireworks": .01, "other": .09}
        under_ind = {"non_coal_mining": .2, "metallurgy": .2, "construction": .25,
                     "hazardous_chemicals": .12, "coal_mining": .08, "manufacturing": .08,
                     "other": .07}
        conc_ind = {"non_coal_mining": .2, "metallurgy": .17, "construction": .2,
                    "hazardous_chemicals": .1, "coal_mining": .07, "fireworks": .08,
                    "manufacturing": .08, "other": .1}
        specs: list[tuple[str, str, str]] = []
        for _ in range(n_rep):
            specs.append(("reported", "honest", _wpick(r, rep_ind)))
        for pat in _fill(r, {"grade_line": .3, "late_death": .3, "unnamed_informal": .25,
                             "named_injured": .15}, n_under):
            specs.append(("under_reported", pat, _wpick(r, under_ind)))
        pats = _fill(r, {"single": .45, "multi": .25, "death_plus_injured": .15,
                         "injury_only": .15}, n_conc)
        while sum(p != "injury_only" for p in pats) < 6 and pats.count("injury_only") > 1:
            pats[pats.index("injury_only")] = "single"  # room for every way of hiding a death
        for pat in pats:
            specs.append(("concealed", pat, _wpick(r, conc_ind)))
        n_hidden = sum(1 for s in specs if s[0] == "concealed" and s[1] != "injury_only")
        self._modes = _fill(r, {"home_illness": .22, "moved_far": .18, "hospital": .2,
                                "traffic": .12, "other_employer": .13, "migrant": .15},
                            n_hidden * 3, shuffle=False)
        ids = list(range(1, len(specs) + 1))
        r.shuffle(ids)
        for (kind, pat, industry), num in zip(specs, ids, strict=True):
            if kind == "under_reported" and pat == "late_death" and industry == "transport":
                industry = "construction"
            self.make_incident(f"INC{num:05d}", kind, pat, industry)
        self.number_accidents()

    def next_mode(self) -> str:
        return self._modes.pop(0) if self._modes else _wpick(self.r, {
            "home_illness": .22, "moved_far": .18, "hospital": .2, "traffic": .12,
            "other_employer": .13, "migrant": .15})

    def make_incident(self, iid: str, kind: str, pat: str, industry: str) -> None:
        r = self.r
        host = self.host_for(industry, 0.5 if kind == "reported" else 0.3)
        e = self.ents[host]
        atype = _wpick(r, V.ACCIDENT_TYPES[industry])
        if industry == "other" and kind != "reported" and r.random() < 0.6:
            atype = "poisoning_asphyxiation"  # confined spaces: sewers, tanks
        county = e.county
        if industry == "construction" and r.random() < 0.4:
            county = (r.choice(["130629", "130632", "130638"]) if r.random() < 0.35
                      else self.neighbour(e.county))
        if industry == "transport":
            county = r.choice([e.county, self.neighbour(e.county), self.rand_county()])
        months = None
        if industry == "construction":
            months = [3, 4, 5, 6, 7, 8, 9, 10, 11, 3, 4, 5, 8, 9, 10, 12, 1]
        if industry == "fireworks":
            months = [1, 1, 2, 9, 10, 11, 12, 12]
        if atype == "poisoning_asphyxiation" and industry == "other":
            months = [5, 6, 7, 8, 9]
        day = self.day_in_year(months)
        t = day * DAY + self.minute("work")
        inc = Incident(iid, kind, pat, host, industry, atype, county, t)
        self.pattern_counts[f"{kind}:{pat}"] = self.pattern_counts.get(f"{kind}:{pat}", 0) + 1
        link_w = ({"enrolled": .75, "dispatched": .15, "informal": .10} if kind == "reported"
                  else {"enrolled": .4, "dispatched": .25, "informal": .35})
        if e.sub == "labour_sub" or industry == "construction":
            link_w = {"enrolled": .25, "dispatched": .5, "informal": .25}

        def add(outcome: str, reported: str | None, mode: str, link: str | None = None,
                person: int | None = None) -> Member:
            if person is None:
                p, lk = self.pick_victim(host, day, link or _wpick(r, link_w))
            else:
                p, lk = person, "third_party"
            m = Member(p, outcome, reported, mode, lk)
            inc.members.append(m)
            return m

        if kind == "reported":
            u = r.random()
            deaths = 0 if u < .2 else 1 if u < .82 else 2 if u < .93 else 3 if u < .97 else \
                r.randint(4, 5)
            serious = r.randint(1, 3) if deaths == 0 else (r.randint(1, 2) if r.random() < .3
                                                          else 0)
            minor = r.randint(0, 3) if r.random() < .45 else 0
            if industry == "transport":
                add("death" if deaths else "serious_injury", "death" if deaths else
                    "serious_injury", "honest", "enrolled")
                rest = [("death", max(0, deaths - 1)), ("serious_injury",
                                                        serious - (0 if deaths else 1)),
                        ("minor_injury", minor)]
                for outcome, k in rest:
                    for _ in range(max(0, k)):
                        age = min(85.0, max(3.0, r.gauss(42, 18)))
                        hk = self.hukou_near(county, 0.03)
                        add(outcome, outcome, "honest",
                            person=self.new_person(age, r.random() < .6, hk))
            else:
                for outcome, k in (("death", deaths), ("serious_injury", serious),
                                   ("minor_injury", minor)):
                    for _ in range(k):
                        add(outcome, outcome, "honest")
        elif kind == "under_reported":
            if pat == "grade_line":
                # a 重大 accident (10+ dead) reported as 9: at most one per province-fifth
                big = self._big_left > 0 and r.random() < 0.5
                self._big_left -= big
                rep = 9 if big else 2
                true = r.randint(10, 12) if big else r.randint(3, 5)
                for _ in range(rep):
                    add("death", "death", "honest")
                for _ in range(true - rep):
                    if r.random() < 0.35:
                        add("death", "serious_injury", "named_injured")
                    else:
                        add("death", None, _wpick(r, {"home_illness": .3, "moved_far": .35,
                                                      "hospital": .35}))
            elif pat == "late_death":
                d0 = r.choices([0, 1, 2], weights=[4, 5, 1])[0]
                for _ in range(d0):
                    add("death", "death", "honest")
                for _ in range(2 if r.random() < 0.1 else 1):
                    add("death", "serious_injury", "late")
            elif pat == "unnamed_informal":
                for _ in range(1 if r.random() < .7 else 2):
                    add("death", "death", "honest")
                for _ in range(2 if r.random() < .2 else 1):
                    add("death", None, _wpick(r, {"home_illness": .35, "moved_far": .3,
                                                  "hospital": .2, "traffic": .15}), "informal")
            else:  # named_injured: died, written up as injured
                for _ in range(r.choice([0, 1])):
                    add("death", "death", "honest")
                add("death", r.choice(["serious_injury", "minor_injury"]), "named_injured")
            for _ in range(r.choice([0, 0, 1, 2, 3])):
                o = r.choice(["serious_injury", "minor_injury"])
                add(o, o, "honest")
        else:  # concealed
            if pat == "injury_only":
                if industry in ("hazardous_chemicals", "other", "metallurgy"):
                    atype = "poisoning_asphyxiation"
                    inc.atype = atype
                for _ in range(r.randint(2, 4)):
                    add("serious_injury", None, "concealed_injured")
                for _ in range(r.choice([0, 1, 2])):
                    add("minor_injury", None, "concealed_injured")
            else:
                nd = 1 if pat in ("single", "death_plus_injured") else r.randint(2, 5)
                if pat == "multi" and industry == "other":
                    nd = r.randint(2, 3)  # a worker and those who went down after him
                shared = self.next_mode()
                for k in range(nd):
                    mode = shared if k == 0 or r.random() < 0.65 else self.next_mode()
                    add("death", None, mode, "informal" if mode == "migrant" else None)
                if pat == "death_plus_injured" or (pat == "multi" and r.random() < 0.5):
                    for _ in range(r.randint(1, 3)):
                        add(r.choice(["serious_injury", "minor_injury"]), None,
                            "concealed_injured")
        inc.reported_deaths = sum(1 for m in inc.members if m.reported == "death")
        self.incidents.append(inc)
        for m in inc.members:
            self.emit_member(inc, m)

    def number_accidents(self) -> None:
        r = self.r
        on_file = sorted((i for i in self.incidents if i.kind != "concealed"),
                         key=lambda i: (i.t, i.iid))
        per_county: dict[str, int] = {}
        for inc in on_file:
            k = per_county.get(inc.county, 0) + 1
            per_county[inc.county] = k
            inc.accident_id = f"SG{inc.county}2024{k:03d}"
            e = self.ents[inc.ent]
            named = [m for m in inc.members if m.reported is not None]
            counts = {o: sum(1 for m in named if m.reported == o)
                      for o in ("death", "serious_injury", "minor_injury")}
            delay = (r.randint(15, 90) if r.random() < 0.8 else r.randint(91, 360)
                     if r.random() < 0.75 else r.randint(1440, 4320))
            loss = (counts["death"] * r.uniform(80, 180) + counts["serious_injury"]
                    * r.uniform(10, 40) + counts["minor_injury"] * r.uniform(1, 5)
                    + r.uniform(5, 80))
            self.accidents.append(dict(
                record_id=inc.accident_id, occurred=inc.t, reported=inc.t + delay,
                region_code=inc.county, address=self.address(inc), enterprise_name=e.name,
                ent=inc.ent, industry=inc.industry, accident_type=inc.atype,
                reported_deaths=counts["death"],
                reported_serious_injuries=counts["serious_injury"],
                reported_minor_injuries=counts["minor_injury"],
                direct_loss_10k_yuan=None if r.random() < 0.12 else round(loss, 2)))
            for order, m in enumerate(sorted(named, key=lambda m: ["death", "serious_injury",
                                                                    "minor_injury"]
                                             .index(m.reported or "death"))):
                self.tables["accident_victims"].add(p=m.p, accident_id=inc.accident_id,
                                                    outcome=m.reported, when=inc.t // DAY,
                                                    order=order + 1)

    def address(self, inc: Incident) -> str:
        r = self.r
        c = BY_CODE[inc.county]
        e = self.ents[inc.ent]
        town = r.choice(self.places.towns[inc.county])
        if inc.industry == "transport":
            return f"{r.choice(ROADS)}{c.short}段K{r.randint(3, 420)}+{r.randint(0, 999):03d}"
        if inc.industry == "construction":
            pre = "雄安新区" if inc.county in ("130629", "130632", "130638") else ""
            proj = e.short[:2] + r.choice(PROJECTS)
            return f"{pre}{c.name}{town}{proj}项目{r.randint(1, 24)}号楼工地"
        sub = V.WORKSHOP.get(inc.industry, ["厂区"])
        return f"{c.name}{town}{e.name}{r.choice(sub)}"

    # ---------------------------------------------------------------- incident records
    def emit_member(self, inc: Incident, m: Member) -> None:
        r = self.r
        e = self.ents[inc.ent]
        day = inc.t // DAY
        diag_list, ext_list = V.TRAUMA[inc.atype]
        if inc.industry == "fireworks" or e.sub == "workshop":
            ext_list = [V.FIREWORKS_EXT]
        if inc.industry == "transport":
            ext_list = ["V03.1", "V23.4", "V43.5"] if m.link == "third_party" else \
                ["V64.5", "V44.5", "V47.5"]
        enrolled_at = self.w_ent[self.worker_of[m.p]] if m.p in self.worker_of else None
        claim_ent = enrolled_at if enrolled_at is not None else inc.ent
        if m.outcome != "death":
            self.emit_injured(inc, m, diag_list, ext_list, claim_ent)
            return
        mode = m.mode
        cause_honest = V.CAUSE_HONEST[inc.atype]
        if inc.industry == "transport":
            cause_honest = ["交通事故", "颅脑损伤", "多发伤"]
        place_name = self.places.village(r, inc.county)
        if mode in ("honest", "named_injured"):
            at_hospital = r.random() < 0.45
            dt = inc.t + (r.randint(40, 600) if at_hospital else r.randint(0, 30))
            if at_hospital and r.random() < 0.2:
                dt = inc.t + r.randint(1, 2) * DAY + r.randint(0, 600)
            hosp = self.places.hospital_for(r, inc.county, "fatal")
            if at_hospital or r.random() < 0.3:  # dead on arrival also gets an emergency record
                adm = inc.t + r.randint(30, 120)
                if not at_hospital:
                    dt = adm + r.randint(5, 20)  # declared dead on arrival
                self.medical(m.p, hosp, adm, max(adm + 20, dt), r.choice(diag_list),
                             r.choice(ext_list) if r.random() < 0.75 else None, "died",
                             r.choices(["work_injury_insurance", "self_pay", "employee_insurance",
                                        None], weights=[35, 25, 10, 30])[0],
                             self.ent_variant(e, True) if r.random() < 0.4 else None)
            named_inj = mode == "named_injured"
            self.death(m.p, dt, "incident", inc.iid,
                       dereg_causes=V.DEREG_WORK if not named_inj else V.DEREG_ACCIDENT,
                       dereg_cause_p=0.5, crem_p=0.9 if not named_inj else 0.93,
                       home=(self.places.home_for(self.places.hospitals[hosp].county)
                             if at_hospital else self.funeral_home(inc.county)),
                       crem_delay="police" if not named_inj else "fast",
                       crem_causes=(cause_honest * 3 + V.CAUSE_GENERIC_WORK) if not named_inj
                       else cause_honest + V.VAGUE + V.DISGUISE_ILLNESS[:3],
                       issuer=("hospital" if at_hospital else r.choice(["police", "police",
                                                                         "other"])),
                       origin=(self.places.hospitals[hosp].name if at_hospital else
                               r.choice([place_name, e.name, "事故现场", None])))
            if m.link != "third_party" and r.random() < (0.85 if not named_inj else 0.35):
                self.claim(m.p, claim_ent, day, "death",
                           V.DEATH_DESC[inc.atype] + ("，经抢救无效死亡" if at_hospital
                                                      else "，当场死亡"))
            self.end_spell_at_death(m.p, dt // DAY)
            return
        if mode == "late":
            window = 7 if inc.atype == "fire" or inc.industry == "transport" else 30
            k = r.randint(2, 7) if window == 7 else r.randint(3, 28)
            adm = inc.t + r.randint(30, 120)
            dt = day * DAY + k * DAY + r.randint(0, DAY - 1)
            diag = r.choice(["S06.5", "S06.6", "T07", "S32.0", "T31.5", "S27.3", "T29.3"])
            ext = r.choice(ext_list) if r.random() < 0.7 else None
            payer = r.choice(["work_injury_insurance", "self_pay", "employee_insurance"])
            first = self.places.hospital_for(r, inc.county, "serious")
            if r.random() < 0.5 and self.places.hospitals[first].level != "city":
                tr = adm + r.randint(3, 30) * 60
                self.medical(m.p, first, adm, tr, diag, ext, "transferred", payer)
                big = r.choice(self.places.city_hosp[inc.county[:4]])
                self.medical(m.p, big, tr + r.randint(60, 300), dt, diag, ext, "died", payer,
                             emergency=False)
                last = big
            else:
                self.medical(m.p, first, adm, dt, diag, ext, "died", payer, emergency=False)
                last = first
            hosp_county = self.places.hospitals[last].county
            self.death(m.p, dt, "incident", inc.iid, dereg_causes=["病故", "意外", "意外死亡"],
                       dereg_cause_p=0.4, crem_p=0.92, home=self.places.home_for(hosp_county),
                       crem_delay="hospital",
                       crem_causes=["多器官功能衰竭", "医治无效死亡", "感染性休克", "颅脑损伤",
                                    "呼吸衰竭"], issuer="hospital",
                       origin=self.places.hospitals[last].name)
            u = r.random()
            if u < 0.5:
                self.claim(m.p, claim_ent, day, "death", V.DEATH_DESC[inc.atype]
                           + "，住院治疗期间死亡", applied=dt // DAY + r.randint(10, 90))
            elif u < 0.75:
                self.claim(m.p, claim_ent, day, "pending", V.DEATH_DESC[inc.atype] + "，重伤住院",
                           applied=day + r.randint(3, 20))
            self.end_spell_at_death(m.p, dt // DAY)
            return
        self.emit_hidden(inc, m, diag_list, ext_list, place_name)

    def emit_injured(self, inc: Incident, m: Member, diag_list: list[str], ext_list: list[str],
                     claim_ent: int) -> None:
        r = self.r
        e = self.ents[inc.ent]
        day = inc.t // DAY
        serious = m.outcome == "serious_injury"
        concealed = m.mode == "concealed_injured"
        if concealed and inc.hosp is not None and r.random() < 0.7:
            hosp = inc.hosp
        else:
            hosp = self.places.hospital_for(r, inc.county, "serious" if serious else "minor")
            if inc.hosp is None:
                inc.hosp = hosp
        adm = inc.t + r.randint(30, 180)
        diag = r.choice(diag_list) if serious else r.choice(["S00.0", "S01.0", "S61.0", "S52.5",
                                                             "S93.4", "S20.2", "T14.0"])
        if inc.atype in ("poisoning_asphyxiation", "burn", "fire", "electrocution"):
            diag = r.choice(diag_list)
        if concealed:
            u = r.random()
            ext = (r.choice(ext_list) if u < 0.35 else r.choice(["X59.9", "W19.9", None, None])
                   if u < 0.85 else r.choice(["W01.0", "W19.0", "X47.0"]))
            payer = r.choices(["self_pay", "resident_insurance", None, "employee_insurance"],
                              weights=[60, 25, 10, 5])[0]
            emp = None
        else:
            ext = r.choice(ext_list) if r.random() < 0.8 else None
            payer = r.choices(["work_injury_insurance", "self_pay", "employee_insurance", None],
                              weights=[50, 20, 15, 15])[0]
            emp = self.ent_variant(e, True) if r.random() < 0.5 else None
        if serious:
            if r.random() < 0.25 and self.places.hospitals[hosp].level != "city":
                tr = adm + r.randint(2, 48) * 60
                self.medical(m.p, hosp, adm, tr, diag, ext, "transferred", payer, emp)
                big = r.choice(self.places.city_hosp[inc.county[:4]])
                a2 = tr + r.randint(60, 300)
                self.medical(m.p, big, a2, a2 + r.randint(10, 40) * DAY, diag, ext, "discharged",
                             payer, emp, emergency=False)
            else:
                self.medical(m.p, hosp, adm, adm + r.randint(14, 60) * DAY, diag, ext,
                             "discharged" if r.random() < 0.9 else "left_against_advice",
                             payer, emp, emergency=False)
        else:
            los = 0 if r.random() < 0.4 else r.randint(1, 10)
            self.medical(m.p, hosp, adm, adm + los * DAY + r.randint(60, 600), diag, ext,
                         "discharged", payer, emp)
        if concealed:
            if r.random() < 0.2:
                other = self.other_employer(inc.ent)
                self.claim(m.p, r.choice([claim_ent, other]), day,
                           r.choice(["disability_5", "disability_7", "injury", "pending"]),
                           r.choice(V.VAGUE_INJURY_DESC))
            return
        if m.link != "third_party" and r.random() < (0.8 if serious else 0.6):
            if serious:
                outcome = r.choices([f"disability_{i}" for i in range(1, 7)] + ["pending"],
                                    weights=[4, 8, 12, 16, 12, 8, 10])[0]
            else:
                outcome = r.choice(["injury", "disability_10", "disability_9", "disability_8"])
            self.claim(m.p, claim_ent, day, outcome,
                       V.DEATH_DESC[inc.atype].replace("在作业中", "在作业时") + "受伤")

    def other_employer(self, ent: int) -> int:
        """A labour company, subcontractor or sister firm in the same city that puts its name on
        a claim instead of the employer's."""
        r = self.r
        e = self.ents[ent]
        pool = [i for s in ("dispatch", "labour_sub") for i in self.by_sub.get(s, [])
                if self.ents[i].county[:4] == e.county[:4]]
        if not pool:
            pool = [i for i, x in enumerate(self.ents) if x.county[:4] == e.county[:4]
                    and i != ent] or [i for i in range(len(self.ents)) if i != ent]
        return r.choice(pool)

    def emit_hidden(self, inc: Incident, m: Member, diag_list: list[str], ext_list: list[str],
                    place_name: str) -> None:
        """A death kept out of the accident report, recorded the way ``m.mode`` hides it."""
        r, pl = self.r, self.places
        e = self.ents[inc.ent]
        p = m.p
        day = inc.t // DAY
        hukou = self.people.hukou[p]
        home_county = hukou if hukou.startswith("13") else inc.county
        mode = m.mode
        backdate = r.random() < 0.25
        dt = inc.t + r.randint(0, 90)
        if mode == "home_illness":
            home = pl.home_for(home_county if r.random() < 0.7 else self.neighbour(home_county))
            self.death(p, dt, "incident", inc.iid, dereg_p=0.9,
                       dereg_causes=V.DEREG_NATURAL, dereg_cause_p=0.5, crem_p=0.92, home=home,
                       crem_delay="fast", crem_causes=V.DISGUISE_ILLNESS, crem_cause_p=0.85,
                       issuer=r.choices(["community", "other", None], weights=[55, 25, 20])[0],
                       origin=r.choices(["家中", self.places.village(r, home_county), None],
                                        weights=[60, 30, 10])[0],
                       death_day_shift=1 if r.random() < 0.2 else 0)
        elif mode == "moved_far":
            avoid = {home_county[:4], inc.county[:4], e.county[:4]}
            city = self.other_city(*avoid)
            target = r.choice(self._city_counties[city])
            if inc.far_home is None or r.random() < 0.25:
                inc.far_home = pl.home_for(target)
            target = pl.homes[inc.far_home].county
            self.death(p, dt, "incident", inc.iid, dereg_p=0.85, dereg_causes=["病故"],
                       dereg_cause_p=0.3, crem_p=1.0, home=inc.far_home,
                       crem_delay="fast", crem_causes=V.SUDDEN * 2 + V.VAGUE, crem_cause_p=0.8,
                       issuer=r.choices(["other", None, "community"], weights=[40, 35, 25])[0],
                       origin=r.choices([self.places.village(r, target), "外地", None],
                                        weights=[40, 15, 45])[0])
        elif mode == "hospital":
            hosp = inc.hosp if inc.hosp is not None and r.random() < 0.7 else \
                pl.hospital_for(r, inc.county, "fatal")
            inc.hosp = hosp
            adm = inc.t + r.randint(40, 150)
            dt = adm + (r.randint(20, 300) if r.random() < 0.75 else r.randint(1, 3) * DAY)
            u = r.random()
            ext = (r.choice(ext_list) if u < 0.35 else r.choice(["X59.9", "W19.9", None, None])
                   if u < 0.8 else r.choice(["W01.0", "W19.0", "W00.4"]))
            self.medical(p, hosp, adm, dt, r.choice(diag_list), ext, "died",
                         r.choices(["self_pay", "resident_insurance", None], weights=[7, 2, 1])[0],
                         self.ent_variant(e, True) if r.random() < 0.1 else None,
                         anon=r.random() < 0.08)
            self.death(p, dt, "incident", inc.iid, dereg_p=0.9, dereg_causes=["意外", "病故"],
                       dereg_cause_p=0.5, crem_p=0.92,
                       home=pl.home_for(pl.hospitals[hosp].county), crem_delay="hospital",
                       crem_causes=V.CAUSE_HONEST[inc.atype] + V.VAGUE + V.DISGUISE_ILLNESS[:2],
                       issuer="hospital", origin=pl.hospitals[hosp].name)
        elif mode == "traffic":
            where = self.neighbour(inc.county)
            dt = inc.t + r.randint(5, 14) * 60
            has_med = r.random() < 0.6 or "traffic" not in self._seen_modes  # the first: sure
            self._seen_modes.add("traffic")
            hosp = pl.hospital_for(r, where, "fatal")
            if has_med:
                self.medical(p, hosp, dt - r.randint(10, 60), dt,
                             r.choice(["S06.5", "T07", "S06.6", "S02.0"]),
                             r.choice(["V28.4", "V29.4", "V23.4", "V89.2", "V47.5"]), "died",
                             r.choice(["self_pay", "other", "commercial", None]))
            self.death(p, dt, "incident", inc.iid, dereg_p=0.9, dereg_causes=["交通事故"],
                       dereg_cause_p=0.75, crem_p=0.9,
                       home=pl.home_for(pl.hospitals[hosp].county if has_med else where),
                       crem_delay="police" if r.random() < 0.4 else "hospital",
                       crem_causes=["交通事故", "交通事故", "颅脑损伤", "多发伤"],
                       issuer="hospital" if has_med and r.random() < 0.6 else "police",
                       origin=pl.hospitals[hosp].name if has_med else
                       self.places.village(r, where))
        elif mode == "other_employer":
            hosp = pl.hospital_for(r, inc.county, "fatal")
            has_med = r.random() < 0.5
            if has_med:
                adm = inc.t + r.randint(40, 150)
                dt = adm + r.randint(20, 600)
                self.medical(p, hosp, adm, dt, r.choice(diag_list),
                             r.choice(ext_list) if r.random() < 0.6 else None, "died",
                             r.choice(["self_pay", "work_injury_insurance", None]))
            self.death(p, dt, "incident", inc.iid, dereg_p=0.9,
                       dereg_causes=["工伤", "意外", "意外死亡"], dereg_cause_p=0.5, crem_p=0.9,
                       home=pl.home_for(pl.hospitals[hosp].county if has_med else home_county),
                       crem_delay="hospital", crem_causes=V.CAUSE_HONEST[inc.atype] + V.VAGUE,
                       issuer="hospital" if has_med else r.choice(["other", "police"]),
                       origin=pl.hospitals[hosp].name if has_med else None)
            other = self.other_employer(inc.ent)
            inj = day if r.random() < 0.7 else day + r.choice([-3, -2, -1, 1, 2, 3])
            self.claim(p, other, inj, r.choices(["death", "pending", "rejected"],
                                                weights=[75, 15, 10])[0],
                       r.choice(V.VAGUE_WORK_DESC), applied=day + r.randint(10, 120))
        else:  # migrant: registered in another province, cremated here or taken home
            if r.random() < 0.15:
                self.people.death[p] = dt // DAY
                self.death_class[p] = ("incident", inc.iid)
            else:
                if r.random() < 0.25:
                    hosp = pl.hospital_for(r, inc.county, "fatal")
                    adm = inc.t + r.randint(40, 150)
                    dt = adm + r.randint(20, 300)
                    self.medical(p, hosp, adm, dt, r.choice(diag_list),
                                 r.choice(["X59.9", None, None]), "died", "self_pay",
                                 anon=r.random() < 0.4)
                home = pl.home_for(inc.county if r.random() < 0.6 else self.neighbour(inc.county))
                self.death(p, dt, "incident", inc.iid, dereg_p=0.0, crem_p=0.97, home=home,
                           crem_delay="fast", crem_causes=V.DISGUISE_ILLNESS + V.VAGUE,
                           crem_cause_p=0.75,
                           issuer=r.choices(["other", None, "community"], weights=[5, 4, 1])[0],
                           origin=r.choice([None, "工棚", "出租屋", None]),
                           crem_hint="hide", name_hint="variant" if r.random() < 0.35 else None)
        self.end_spell_at_death(p, dt // DAY, backdate=backdate)

    # ---------------------------------------------------------------- other deaths
    def natural_death_records(self, p: int, t: int, place: str, county: str) -> None:
        r, pl = self.r, self.places
        if place == "hospital":
            hosp = pl.hospital_for(r, county, "serious")
            issuer: str | None = "hospital" if r.random() < 0.95 else "other"
            origin: str | None = pl.hospitals[hosp].name if r.random() < 0.9 else None
            home = pl.home_for(pl.hospitals[hosp].county) if r.random() < 0.5 else \
                self.funeral_home(county)
        else:
            issuer = r.choices(["community", "other", "hospital"], weights=[85, 10, 5])[0]
            origin = (r.choices(["家中", self.places.village(r, county), None],
                                weights=[70, 20, 10])[0] if place == "home"
                      else f"{BY_CODE[county].short}{r.choice('福寿康乐安')}{r.choice('康颐')}养老院"
                      if county in BY_CODE else None)
            home = self.funeral_home(county)
            if not self.people.hukou[p].startswith("13") and place == "home":
                origin = r.choices(["出租屋", "家中", "工棚"], weights=[5, 4, 1])[0]
        if pl.homes[home].county[:4] != county[:4] and r.random() < 0.4:
            origin = "外地"
        self.death(p, t, "natural", dereg_causes=V.DEREG_NATURAL, dereg_cause_p=0.35,
                   home=home, crem_causes=self._illness(), issuer=issuer, origin=origin)

    def _illness(self) -> list[str]:
        return self.r.choices(V.ILLNESS, weights=V.ILLNESS_P, k=6)

    def build_natural_deaths(self) -> None:
        g, r = self.g, self.r
        n = self.n(N_NATURAL, 50)
        bins = [(0, 15, .007), (15, 45, .03), (45, 60, .10), (60, 70, .17), (70, 80, .28),
                (80, 90, .30), (90, 101, .113)]
        b = g.choice(len(bins), n, p=np.array([x[2] for x in bins]) / sum(x[2] for x in bins))
        ages = np.array([g.uniform(bins[i][0], bins[i][1]) for i in b])
        male = g.random(n) < 0.56
        hukou = self.counties(n)
        for i in range(n):
            if r.random() < 0.01:
                hukou[i] = r.choice(MIGRANT_COUNTIES)
        ps = self.people.add(g, ages, male, hukou)
        for p in ps:
            day = self.day_in_year()
            place = r.choices(["hospital", "home", "nursing"], weights=[38, 57, 5])[0]
            self.natural_death_records(p, day * DAY + self.minute("any"), place,
                                       self.people.hukou[p] if self.people.hukou[p] in BY_CODE
                                       else self.rand_county())
        # deaths of November and December 2023 whose registration was cancelled in 2024
        n2 = self.n(N_LATE2023, 5)
        b = g.choice(len(bins), n2, p=np.array([x[2] for x in bins]) / sum(x[2] for x in bins))
        ps = self.people.add(g, np.array([g.uniform(bins[i][0], bins[i][1]) for i in b]),
                             g.random(n2) < 0.56, self.counties(n2))
        for p in ps:
            day = D0 - r.randint(1, 60)
            self.death(p, day * DAY + self.minute("any"), "natural", dereg_p=1.0,
                       dereg_causes=V.DEREG_NATURAL, crem_p=0.0)
        # declared dead by a court: missing for years
        n3 = self.n(N_DECLARED, 2)
        ps = self.people.add(g, g.uniform(25, 80, n3), g.random(n3) < 0.7, self.counties(n3))
        for p in ps:
            day = self.day_in_year()
            self.people.death[p] = day
            self.death_class[p] = ("non_occupational", None)
            self.tables["deregistrations"].add(
                p=p, death=day if r.random() < 0.5 else None, dereg=day + r.randint(5, 60),
                region=self.people.hukou[p], reason="declared_dead",
                cause=r.choice([None, "宣告死亡", "失踪"]), birth_known=True)

    def build_worker_deaths(self) -> None:
        """Workers die too: mostly of illness, some on the road or by their own hand. A few die of
        a sudden illness at their post or on the way to work, which the work-injury insurance
        recognises as work deaths although no accident happened."""
        r = self.r
        people = self.people
        rates = [(25, .0006), (35, .0009), (45, .0018), (55, .0040), (60, .0075), (200, .012)]
        sudden = commute = 0
        for w, p in enumerate(self.w_p):
            if p in self.used:
                continue
            a = people.age(p, REF)
            q = next(rate for lim, rate in rates if a < lim) * (1 if people.male[p] else 0.5)
            if r.random() >= q:
                continue
            u = r.random()
            if u < 0.78:
                v = r.random()
                if v < 0.06 and a >= 30:
                    sudden += self.worker_death(w, "sudden")
                else:
                    self.worker_death(w, "natural_rejected" if v > 0.975 else "natural")
            elif u < 0.90:
                commute += self.worker_death(w, "commute" if r.random() < 0.3 else "road")
            else:
                self.worker_death(w, "suicide" if u < 0.95 else "other")
        for kind, have in (("sudden", sudden), ("commute", commute)):
            for _ in range(200):  # small worlds still hold a couple of each
                if have >= 2:
                    break
                w = r.randrange(len(self.w_p))
                p = self.w_p[w]
                if p not in self.used and people.death[p] is None and people.age(p, REF) >= 30:
                    have += self.worker_death(w, kind)

    def worker_death(self, w: int, kind: str) -> bool:
        """Worker ``w`` dies as ``kind`` says; True when a work-death claim was filed."""
        r = self.r
        people = self.people
        p = self.w_p[w]
        e = self.ents[self.w_ent[w]]
        day = self.day_in_year(hi=D1 - 120) if kind in ("sudden", "commute") else \
            self.day_in_year()
        county = people.hukou[p] if people.hukou[p] in BY_CODE else e.county
        t = day * DAY + self.minute("work" if kind == "sudden" else "any")
        n_claims = len(self.tables["injury_claims"])
        if kind == "sudden":  # at the post: a recognised work death without an accident
            hosp = self.places.hospital_for(r, e.county, "serious")
            self.death(p, t, "natural", dereg_causes=V.DEREG_NATURAL,
                       home=self.places.home_for(self.places.hospitals[hosp].county),
                       crem_causes=V.SUDDEN, issuer="hospital",
                       origin=self.places.hospitals[hosp].name)
            self.claim(p, self.w_ent[w], day, "death", r.choice(V.SUDDEN_DESC),
                       applied=day + r.randint(5, 40))
        elif kind.startswith("natural"):
            self.natural_death_records(p, t, r.choices(["hospital", "home"], weights=[45, 55])[0],
                                       county)
            if kind == "natural_rejected":
                self.claim(p, self.w_ent[w], day, "rejected", V.REJECTED_DESC[0],
                           applied=day + r.randint(20, 200))
        elif kind in ("road", "commute"):
            self.road_death(p, day, county, t)
            if kind == "commute":
                self.claim(p, self.w_ent[w], day, "death", r.choice(V.COMMUTE_DEATH_DESC),
                           applied=day + r.randint(5, 60))
        elif kind == "suicide":
            self.suicide(p, day, county)
        else:
            self.other_nonocc(p, day, county)
        self.used.add(p)
        self.end_spell_at_death(p, day)
        return len(self.tables["injury_claims"]) > n_claims

    def road_death(self, p: int, day: int, county: str, t: int | None = None,
                   hosp: int | None = None) -> int:
        r, pl = self.r, self.places
        t = t if t is not None else day * DAY + self.minute("any")
        where = county if r.random() < 0.7 else self.neighbour(county)
        has_med = r.random() < 0.7
        h = hosp if hosp is not None else pl.hospital_for(r, where, "fatal")
        dt = t + r.randint(10, 90)
        if has_med:
            adm = t + r.randint(20, 90)
            dt = adm + (r.randint(20, 600) if r.random() < 0.6 else r.randint(1, 20) * DAY)
            self.medical(p, h, adm, dt,
                         r.choice(["S06.5", "S06.6", "T07", "S27.3", "S36.1", "S32.0"]),
                         r.choice(V.ROAD_CODES) if r.random() < 0.85 else None, "died",
                         r.choices(["other", "self_pay", "resident_insurance", "commercial", None],
                                   weights=[30, 30, 25, 10, 5])[0])
        self.death(p, dt, "non_occupational", dereg_causes=["交通事故", "交通事故", "意外"],
                   dereg_cause_p=0.55, home=pl.home_for(pl.hospitals[h].county)
                   if has_med else self.funeral_home(county), crem_delay="police",
                   crem_causes=["交通事故", "颅脑损伤", "多发伤"],
                   issuer="hospital" if has_med else "police",
                   origin=pl.hospitals[h].name if has_med else
                   r.choice([self.places.village(r, where), "事故现场"]))
        return h

    def suicide(self, p: int, day: int, county: str) -> None:
        r, pl = self.r, self.places
        method = r.choices(["pesticide", "hanging", "jump", "drowning"],
                           weights=[35, 40, 15, 10])[0]
        t = day * DAY + self.minute("any")
        issuer = "police"
        origin: str | None = r.choice(["家中", None])
        dt = t
        if method == "pesticide" and r.random() < 0.6:
            h = pl.hospital_for(r, county, "serious")
            adm = t + r.randint(30, 180)
            dt = adm + r.randint(0, 5) * DAY + r.randint(60, 600)
            self.medical(p, h, adm, dt, r.choice(["T60.0", "T60.3"]),
                         r.choice(["X68.0", "X68.9", None]), "died",
                         r.choice(["resident_insurance", "self_pay"]))
            issuer, origin = "hospital", pl.hospitals[h].name
        elif method == "jump" and r.random() < 0.3:
            h = pl.hospital_for(r, county, "fatal")
            adm = t + r.randint(20, 60)
            dt = adm + r.randint(20, 200)
            self.medical(p, h, adm, dt, r.choice(["T07", "S06.5"]), r.choice(["X80.0", "X80.8",
                                                                              None]),
                         "died", r.choice(["resident_insurance", "self_pay", None]))
            issuer, origin = "hospital", pl.hospitals[h].name
        cause = {"pesticide": "服毒", "hanging": "自缢", "jump": "高坠", "drowning": "溺水"}[method]
        self.death(p, dt, "non_occupational",
                   dereg_causes=["自杀", "非正常死亡", "意外"], dereg_cause_p=0.4,
                   crem_delay="police", crem_causes=[cause, cause, "非正常死亡", "猝死"],
                   issuer=issuer, origin=origin)

    def other_nonocc(self, p: int, day: int, county: str) -> None:
        r, pl = self.r, self.places
        kind = r.choice(["electric", "farm", "fire", "selfbuild", "drown"])
        diag, ext, cause = {
            "electric": ("T75.4", r.choice(["W87.0", "W85.7"]), "触电"),
            "farm": ("T07", "W30.7", "农机伤害"),
            "fire": ("T29.3", "X00.0", "火灾烧伤"),
            "selfbuild": ("S06.5", r.choice(["W13.0", "W12.0", "W11.0"]), "摔伤"),
            "drown": ("T75.1", "W74.8", "溺水"),
        }[kind]
        t = day * DAY + self.minute("any")
        dt = t + r.randint(10, 120)
        issuer, origin = "police", self.places.village(r, county)
        if kind != "drown" and r.random() < 0.5:
            h = pl.hospital_for(r, county, "fatal")
            adm = t + r.randint(30, 120)
            dt = adm + r.randint(20, 400)
            self.medical(p, h, adm, dt, diag, ext if r.random() < 0.8 else None, "died",
                         r.choice(["resident_insurance", "self_pay", None]))
            issuer, origin = "hospital", pl.hospitals[h].name
        self.death(p, dt, "non_occupational", dereg_causes=["意外", "意外死亡"],
                   dereg_cause_p=0.4, crem_delay="police", crem_causes=[cause, "意外死亡"],
                   issuer=issuer, origin=origin)

    def build_nonocc_deaths(self) -> None:
        g, r, pl = self.g, self.r, self.places
        people = self.people

        def persons(n: int, mu: float, sd: float, lo: float, hi: float, male: float) -> list[int]:
            ages = np.clip(g.normal(mu, sd, n), lo, hi)
            return people.add(g, ages, g.random(n) < male, self.counties(n))

        ps = persons(self.n(N_ROAD, 10), 45, 18, 4, 90, 0.72)
        i = 0
        while i < len(ps):
            p = ps[i]
            day = self.day_in_year()
            t = day * DAY + self.minute("any")
            h = self.road_death(p, day, people.hukou[p], t)
            if r.random() < 0.08 and i + 1 < len(ps):  # a family car: two dead, one hospital
                people.hukou[ps[i + 1]] = people.hukou[p]
                self.road_death(ps[i + 1], day, people.hukou[p], t, h)
                i += 1
            i += 1
        for p in persons(self.n(N_SUICIDE, 5), 50, 20, 15, 92, 0.6):
            self.suicide(p, self.day_in_year(), people.hukou[p])
        for p in persons(self.n(N_FALLS, 5), 82, 7, 65, 100, 0.42):
            county = people.hukou[p]
            day = self.day_in_year()
            t = day * DAY + self.minute("any")
            ext = r.choice(["W19.0", "W01.0", "W10.0", "W06.0", "W18.0"]) \
                if r.random() < 0.8 else None
            diag = r.choice(["S72.0", "S72.1", "S06.5", "S06.6", "S32.0", "S72.0"])
            if r.random() < 0.85:
                h = pl.hospital_for(r, county, "serious")
                adm = t + r.randint(60, 600)
                if r.random() < 0.5:
                    dt = adm + r.randint(1, 30) * DAY
                    self.medical(p, h, adm, dt, diag, ext, "died",
                                 r.choice(["resident_insurance", "employee_insurance"]),
                                 emergency=False)
                    self.death(p, dt, "non_occupational", dereg_causes=V.DEREG_NATURAL,
                               dereg_cause_p=0.3, home=pl.home_for(pl.hospitals[h].county),
                               crem_causes=["骨折并发症", "肺部感染", "颅脑损伤", "多器官功能衰竭"],
                               issuer="hospital", origin=pl.hospitals[h].name)
                    continue
                dis = adm + r.randint(5, 20) * DAY
                self.medical(p, h, adm, dis, diag, ext, r.choice(["discharged",
                                                                  "left_against_advice"]),
                             r.choice(["resident_insurance", "employee_insurance"]),
                             emergency=False)
                t = dis + r.randint(5, 60) * DAY
                if t // DAY > D1:
                    t = dis + r.randint(1, 3) * DAY
            self.death(p, t, "non_occupational", dereg_causes=V.DEREG_NATURAL, dereg_cause_p=0.3,
                       crem_causes=["病故", "肺部感染", "骨折并发症", "多器官功能衰竭", "摔伤"],
                       issuer=r.choice(["community", "hospital"]), origin="家中")
        # carbon monoxide from coal stoves in winter: families
        for _ in range(self.n(N_CO_EVENTS, 3)):
            k = r.choices([1, 2, 3], weights=[65, 28, 7])[0]
            county = self.rand_county()
            ages = np.array([min(95.0, max(2.0, r.gauss(55, 22))) for _ in range(k)])
            fam = people.add(g, ages, g.random(k) < 0.5, [county] * k)
            day = self.day_in_year([1, 1, 2, 2, 3, 11, 12, 12])
            t = day * DAY + r.randint(0, 7 * 60)
            to_hosp = r.random() < 0.35
            h = pl.hospital_for(r, county, "fatal")
            village = self.places.village(r, county)
            for p in fam:
                dt = t + r.randint(0, 120)
                if to_hosp:
                    adm = t + r.randint(60, 180)
                    dt = adm + r.randint(20, 600)
                    self.medical(p, h, adm, dt, "T58", "X47.0" if r.random() < 0.8 else None,
                                 "died", r.choice(["resident_insurance", "self_pay"]))
                self.death(p, dt, "non_occupational", dereg_causes=["煤气中毒", "意外"],
                           dereg_cause_p=0.5, crem_delay="police",
                           crem_causes=["一氧化碳中毒", "煤气中毒"],
                           issuer="hospital" if to_hosp else "police",
                           origin=pl.hospitals[h].name if to_hosp else village)
        for p in persons(self.n(N_DROWN, 3), 28, 18, 5, 75, 0.8):
            day = self.day_in_year([5, 6, 7, 7, 8, 8, 9])
            t = day * DAY + self.minute("any")
            self.death(p, t + r.randint(60, 2000), "non_occupational",
                       dereg_causes=["溺水", "意外"], dereg_cause_p=0.4, crem_delay="police",
                       crem_causes=["溺水", "溺亡"], issuer="police",
                       origin=self.places.village(r, people.hukou[p]))
        for p in persons(self.n(N_OTHER_NONOCC, 3), 50, 15, 15, 85, 0.85):
            self.other_nonocc(p, self.day_in_year(), people.hukou[p])
        # at an industrial or building site, yet no production-safety accident: a jump from an
        # unfinished building, a cable thief on a live line, a child in a flooded foundation pit
        k = self.n(N_WORKSITE_NONOCC, 3)
        for i, p in enumerate(persons(k, 38, 14, 16, 70, 0.8)):
            kind = ("jump", "theft", "pit")[i % 3]
            if kind == "pit":
                p = people.add(g, np.array([r.uniform(6, 15)]), np.array([r.random() < .7]),
                               [self.rand_county()])[0]
            self.worksite_nonocc(p, kind, to_hospital=i == 0 or r.random() < 0.45)

    def worksite_nonocc(self, p: int, kind: str, to_hospital: bool) -> None:
        r, pl = self.r, self.places
        county = self.people.hukou[p] if self.people.hukou[p] in BY_CODE else self.rand_county()
        day = self.day_in_year([5, 6, 7, 8] if kind == "pit" else None)
        t = day * DAY + self.minute("any")
        diag, ext, cause, dcause = {
            "jump": (r.choice(["T07", "S06.5"]), "X80.6", "高坠", ["自杀", "非正常死亡"]),
            "theft": ("T75.4", r.choice(["W85.6", "W87.6"]), "触电", ["意外", "意外死亡"]),
            "pit": ("T75.1", r.choice(["W74.6", "W69.6"]), "溺水", ["溺水", "意外"]),
        }[kind]
        dt = t + r.randint(10, 120)
        issuer, origin = "police", r.choice([self.places.village(r, county), "工地", None])
        if to_hospital:
            h = pl.hospital_for(r, county, "fatal")
            adm = t + r.randint(30, 120)
            dt = adm + r.randint(20, 400)
            self.medical(p, h, adm, dt, diag, ext, "died",
                         r.choice(["resident_insurance", "self_pay", None]))
            issuer, origin = "hospital", pl.hospitals[h].name
        self.death(p, dt, "non_occupational", dereg_causes=dcause, dereg_cause_p=0.4,
                   crem_delay="police", crem_causes=[cause, "意外死亡", "非正常死亡"],
                   issuer=issuer, origin=origin)

    # ---------------------------------------------------------------- injuries
    def alive_at(self, p: int, day: int) -> bool:
        d = self.people.death[p]
        return d is None or d > day

    def build_routine_injuries(self) -> None:
        """Work injuries reported properly: hospital, then a claim, and no accident report (none
        is due for them)."""
        r, pl = self.r, self.places
        mech_by_ind = {
            "metallurgy": {"hand": 3, "struck": 3, "burn": 3, "fall": 2, "cut": 2, "strain": 1},
            "construction": {"struck": 4, "fall": 4, "cut": 2, "hand": 1, "strain": 2},
            "manufacturing": {"hand": 5, "cut": 3, "struck": 2, "fall": 1, "strain": 1},
        }
        n = self.n(N_ROUTINE, 30)
        k = 0
        nw = len(self.w_p)
        while k < n:
            w = r.randrange(nw)
            p = self.w_p[w]
            day = self.day_in_year()
            if r.random() < 0.05:
                day = D0 - r.randint(1, 80)
            if not self.alive_at(p, day) or p in self.used:
                continue
            k += 1
            host = self.ents[self.w_host[w]]
            commute = r.random() < 0.08
            mech = _wpick(r, mech_by_ind.get(host.industry, {"hand": 2, "struck": 2, "fall": 3,
                                                                "cut": 2, "strain": 2}))
            diags, exts, descs = V.ROUTINE_WORK[mech]
            diag, desc, code = r.choice(diags), r.choice(descs), r.choice(exts)
            if commute:
                diag = r.choice(["S82.2", "S52.5", "S42.0", "S00.0", "S93.4"])
                code, desc = r.choice(["V23.4", "V13.4", "V28.4", "V03.1"]), \
                    r.choice(V.COMMUTE_DESC)
            u = r.random()
            ext: str | None = code
            if u < 0.15:
                ext = None  # not coded
            elif u < 0.2 and code[0] != "V":
                ext = code[:4] + "9"  # place not specified"
            long_stay = r.random() < 0.04
            d = self.people.death[p]
            if d is not None and d <= day + 40:
                continue  # treated, then dead within weeks: not a routine injury
            if day >= D0 and r.random() < 0.85:
                h = pl.hospital_for(r, host.county, "minor")
                adm = day * DAY + self.minute("work")
                los = r.randint(14, 25) if long_stay else (0 if r.random() < 0.38 else
                                                           r.randint(1, 13))
                dis = adm + los * DAY + r.randint(60, 600)
                payer = r.choices(["work_injury_insurance", "employee_insurance", "self_pay",
                                   "commercial", None], weights=[55, 15, 20, 7, 3])[0]
                self.medical(p, h, adm, dis, diag, ext,
                             "discharged" if r.random() < 0.95 else "left_against_advice",
                             payer, self.ent_variant(host, True) if r.random() < 0.65 else None)
            if r.random() < 0.72:
                if long_stay:
                    outcome = r.choice(["disability_7", "disability_8", "disability_9"])
                else:
                    outcome = r.choices(
                        ["injury", "disability_10", "disability_9", "disability_8",
                         "disability_7", "disability_6", "disability_5", "rejected"],
                        weights=[42, 16, 12, 8, 4, 1.5, .5, 6])[0]
                if outcome == "rejected":
                    desc = r.choice(V.REJECTED_DESC[1:])
                self.claim(p, self.w_ent[w], day, outcome, desc if r.random() < 0.9 else None)

    def build_background_injuries(self) -> None:
        """The hospitals' injury encounters that have nothing to do with work accidents."""
        g, r = self.g, self.r
        n = self.n(N_MED_BG, 300)
        cats: dict[str, tuple[float, tuple[float, float, float, float], float]] = {
            # share, age (mean, sd, lo, hi), male share
            "fall_home": (.20, (58, 25, 1, 98), .42), "fall_street": (.08, (50, 20, 5, 90), .5),
            "road": (.22, (42, 17, 3, 88), .65), "cut": (.10, (38, 16, 3, 85), .62),
            "dog": (.08, (35, 20, 2, 85), .5), "burn": (.04, (28, 22, 0.5, 85), .5),
            "poison": (.05, (40, 18, 14, 85), .55), "assault": (.04, (33, 11, 16, 70), .82),
            "sport": (.04, (25, 10, 10, 60), .75), "informal_work": (.06, (47, 11, 18, 72), .8),
            "other": (.09, (40, 22, 1, 90), .55),
        }
        names = list(cats)
        shares = np.array([cats[c][0] for c in names])
        counts = np.round(shares / shares.sum() * n).astype(int)
        nw = len(self.w_p)
        for cat, cnt in zip(names, counts.tolist(), strict=True):
            _, (mu, sd, lo, hi), male = cats[cat]
            ages = np.clip(g.normal(mu, sd, cnt), lo, hi)
            if cat == "fall_home":
                old = g.random(cnt) < 0.5
                ages = np.where(old, np.clip(g.normal(78, 9, cnt), 60, 99), ages)
            fresh = self.people.add(g, ages, g.random(cnt) < male, self.counties(cnt))
            reuse = g.random(cnt)
            for i in range(cnt):
                p = fresh[i]
                day = self.day_in_year([1, 2, 12] if cat == "fall_street" and reuse[i] < 0.4
                                       else None)
                if reuse[i] < (0.12 if cat not in ("fall_home", "dog", "burn") else 0.04) and nw:
                    w = r.randrange(nw)
                    if self.alive_at(self.w_p[w], day):
                        p = self.w_p[w]
                elif reuse[i] > 0.97 and i > 0:  # a second encounter of someone seen before
                    q = fresh[r.randrange(i)]
                    if self.alive_at(q, day):
                        p = q
                self.background_encounter(p, day, cat)

    def background_encounter(self, p: int, day: int, cat: str) -> None:
        r, pl = self.r, self.places
        h_county = self.people.hukou[p] if self.people.hukou[p] in BY_CODE else \
            self.rand_county()
        if r.random() < 0.12:
            h_county = self.neighbour(h_county)
        diag: str
        ext: str | None
        if cat == "fall_home":
            old = self.people.age(p, day) >= 65
            diag = r.choice(["S72.0", "S72.1", "S52.5", "S32.0", "S06.0", "S42.2"] if old else
                            ["S00.0", "S01.0", "S52.5", "S93.4", "S06.0", "S82.8", "S22.3"])
            ext = r.choice(["W01.0", "W10.0", "W06.0", "W18.0", "W19.0", "W11.0"])
        elif cat == "fall_street":
            diag = r.choice(["S52.5", "S82.6", "S93.4", "S00.0", "S42.0", "S06.0"])
            ext = r.choice(["W00.4", "W01.4", "W19.4", "W10.4"])
        elif cat == "road":
            diag, ext = r.choice(V.ROAD_DIAG), r.choice(V.ROAD_CODES)
        elif cat == "cut":
            diag = r.choice(["S61.0", "S01.0", "S51.0", "S91.3", "S60.2"])
            ext = r.choice(["W25.0", "W26.0", "W22.0", "W20.0", "W26.8"])
        elif cat == "dog":
            diag, ext = r.choice(["T14.1", "S61.0", "S81.8", "S51.8"]), r.choice(["W54.0",
                                                                                  "W54.4"])
        elif cat == "burn":
            diag = r.choice(["T20.2", "T22.2", "T23.2", "T24.2", "T29.2", "T30.2"])
            ext = r.choice(["X12.0", "X10.0", "X11.0", "X15.0"])
        elif cat == "poison":
            diag, ext = r.choice([("T51.0", "X45.0"), ("T51.0", "X45.9"), ("T58", "X47.0"),
                                  ("T58", "X47.0"), ("T60.0", "X48.7"), ("T60.0", "X68.0"),
                                  ("T42.4", "X61.0")])
        elif cat == "assault":
            diag = r.choice(["S00.0", "S01.0", "S02.2", "S06.0", "S21.1", "S61.0"])
            ext = r.choice(["Y04.4", "Y04.9", "X99.4", "X99.9", "Y00.4"])
        elif cat == "sport":
            diag = r.choice(["S83.5", "S93.4", "S62.6", "S42.0", "S43.0"])
            ext = r.choice(["W03.3", "W21.3", "W51.3", "W18.3"])
        elif cat == "informal_work":
            diag = r.choice(["S61.0", "S62.6", "S68.1", "S92.3", "S82.8", "S52.5", "S32.0"])
            ext = r.choice(["W30.7", "W01.7", "W20.7", "W11.0", "W23.6", "W20.6", "W13.6",
                            "W31.6", "W25.6"])
        else:
            diag = r.choice(["T14.9", "T14.0", "S00.9", "T15.1", "S09.9", "T14.1"])
            ext = r.choice(["X59.9", "W44.0", "W49.9", None])
        if r.random() < 0.2:
            ext = None
        adm = day * DAY + self.minute("any")
        u = r.random()
        inpatient = u > (0.55 if cat not in ("dog", "cut", "assault") else 0.85)
        if cat == "fall_home" and diag.startswith("S72"):
            inpatient = True
        los = (max(1, round(r.lognormvariate(1.9, 0.6))) if inpatient else 0)
        dis: int | None = adm + los * DAY + (r.randint(60, 360) if not inpatient else
                                             r.randint(-180, 180))
        if dis is not None and dis <= adm:
            dis = adm + 60
        disp = "discharged"
        v = r.random()
        if inpatient and v < 0.035:
            disp = "transferred"
        elif v > 0.95:
            disp = "left_against_advice"
        if self.people.death[p] is not None:
            death_min = self.people.death[p] * DAY  # type: ignore[operator]
            if dis is not None and dis >= death_min:
                dis = max(adm + 30, death_min - 3 * DAY)
                if dis >= death_min or adm >= death_min:
                    return
        if r.random() < 0.004:
            dis = None
        is_worker = p in self.worker_of
        payer = r.choices(["resident_insurance", "employee_insurance", "self_pay", "commercial",
                           "other", None],
                          weights=[30 if is_worker else 50, 45 if is_worker else 15, 17, 5,
                                   10 if cat == "road" else 3, 5])[0]
        emp = None
        if is_worker and (payer == "employee_insurance" and r.random() < 0.08):
            emp = self.ent_variant(self.ents[self.w_ent[self.worker_of[p]]], True)
        level = "serious" if inpatient and los > 7 else "minor"
        h = pl.hospital_for(r, h_county, level)
        anon = (not inpatient and cat in ("road", "poison") and r.random() < 0.01)
        self.medical(p, h, adm, dis, diag, ext, disp, payer, emp, anon=anon)
        if disp == "transferred" and dis is not None:
            big = r.choice(pl.city_hosp[pl.hospitals[h].county[:4]])
            a2 = dis + r.randint(30, 300)
            d = self.people.death[p]
            if d is not None and a2 + 25 * DAY >= d * DAY:
                return
            self.medical(p, big, a2, a2 + r.randint(3, 25) * DAY, diag, ext, "discharged",
                         payer, emp, emergency=False)

    # ---------------------------------------------------------------- employment
    def build_employment(self) -> None:
        r = self.r
        since = date(2016, 1, 1).toordinal()
        for p, ent, start, end in self.spells:
            if start < 0 or start > EXPORT or (end is not None and end < since):
                continue
            if end is not None and end > EXPORT:
                end = None
            bad = r.random() < 0.0005  # an end date typed a decade early
            if bad:
                end = start - r.randint(3000, 3700)
            self.tables["employment"].add(p=p, ent=ent, start=start, end=end,
                                          industry_known=r.random() > 0.1, bad=bad)
