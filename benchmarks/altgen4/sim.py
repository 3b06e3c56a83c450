"""The simulation: a worker population, incidents (reported, under-reported, concealed) and the
background of natural deaths, non-occupational injuries and routine work injuries.

Everything here produces *raw* rows (person indices, day numbers, codes); render.py turns them
into the department exports with their noise.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import polars as pl

from .world import (
    COUNTY_CODES,
    COUNTY_P,
    EXTRACT,
    OUT_CODES,
    OUT_P,
    T0,
    T1,
    Enterprise,
    Facility,
    People,
    build_enterprises,
    build_funeral_homes,
    build_hospitals,
    day,
)

SOURCES = ["accident_victims", "deregistrations", "cremations", "injury_claims",
           "medical_records", "employment"]
I64, STR, BOOL = pl.Int64, pl.String, pl.Boolean
RAW: dict[str, dict[str, Any]] = {
    "accident_victims": {"pid": I64, "iid": I64, "ctx": STR, "acc": STR, "outcome": STR,
                         "ref": I64},
    "deregistrations": {"pid": I64, "iid": I64, "ctx": STR, "death": I64, "dereg": I64,
                        "region": I64, "reason": STR, "cause": STR},
    "cremations": {"pid": I64, "iid": I64, "ctx": STR, "death": I64, "crem": I64, "fh": I64,
                   "cause": STR, "issuer": STR, "origin": STR},
    "injury_claims": {"pid": I64, "iid": I64, "ctx": STR, "emp": I64, "inj": I64,
                      "applied": I64, "decided": I64, "outcome": STR, "desc": STR,
                      "region": I64},
    "medical_records": {"pid": I64, "iid": I64, "ctx": STR, "hosp": I64, "adm": I64,
                        "dis": I64, "dx": STR, "ext": STR, "disp": STR, "payer": STR,
                        "emp": I64},
    "employment": {"pid": I64, "iid": I64, "ctx": STR, "emp": I64, "start": I64, "end": I64,
                   "ind_known": BOOL},
}

# yearly volumes at scale 1.0 (a Shanxi-sized province, one year of events)
RATES = {
    "enterprises": 30_000, "workers": 1_500_000, "natural_deaths": 272_000,
    "nonocc_deaths": 17_000, "nonfatal_injured": 1_300_000, "background_work_injuries": 35_000,
    "fatal_incidents": 560, "serious_incidents": 200, "loss_only_accidents": 30,
    "commuting_deaths": 150, "sudden_illness_at_work": 200, "declared_dead": 300,
}
FEMALE_SHARE = {"coal_mining": 0.05, "non_coal_mining": 0.08, "hazardous_chemicals": 0.2,
                "metallurgy": 0.15, "construction": 0.08, "transport": 0.1, "fireworks": 0.35,
                "manufacturing": 0.4, "other": 0.5}
MIGRANT_SHARE = {"coal_mining": 0.15, "non_coal_mining": 0.2, "construction": 0.25,
                 "hazardous_chemicals": 0.08, "metallurgy": 0.08, "transport": 0.06,
                 "fireworks": 0.03, "manufacturing": 0.06, "other": 0.05}
MONTH_W = np.array([1.25, 1.15, 1.05, 0.95, 0.9, 0.85, 0.88, 0.88, 0.9, 0.95, 1.05, 1.2])
MASS_TYPES = {
    "coal_mining": ["gas_explosion", "flooding", "poisoning_asphyxiation", "roof_fall"],
    "non_coal_mining": ["collapse", "explosion", "poisoning_asphyxiation"],
    "hazardous_chemicals": ["explosion", "fire", "poisoning_asphyxiation"],
    "metallurgy": ["explosion", "poisoning_asphyxiation", "burn"],
    "construction": ["collapse", "lifting", "fall_from_height"],
    "transport": ["vehicle"], "fireworks": ["explosion"],
    "manufacturing": ["fire", "explosion", "poisoning_asphyxiation"],
    "other": ["poisoning_asphyxiation", "fire"],
}


def _choice(rng: np.random.Generator, items: list[tuple[str, float]]) -> str:
    p = np.array([w for _, w in items])
    return items[int(rng.choice(len(items), p=p / p.sum()))][0]


def _pick(rng: np.random.Generator, d: dict[str, float]) -> str:
    return _choice(rng, list(d.items()))


def month_days(rng: np.random.Generator, n: int, weights: np.ndarray | None = None) -> np.ndarray:
    """Days in the observed year, with monthly weights."""
    w = MONTH_W if weights is None else weights
    months = rng.choice(12, n, p=w / w.sum())
    starts = np.array([day(f"2023-{m + 1:02d}-01") for m in range(12)] + [T1])
    lens = starts[1:] - starts[:-1]
    return starts[months] + (rng.random(n) * lens[months]).astype(np.int64)


@dataclass
class Sim:
    scale: float
    seed: int
    people: People = field(default_factory=People)
    ents: list[Enterprise] = field(default_factory=list)
    hosp: list[Facility] = field(default_factory=list)
    fh: list[Facility] = field(default_factory=list)
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    chunks: dict[str, list[pl.DataFrame]] = field(default_factory=dict)
    accidents: list[dict[str, Any]] = field(default_factory=list)
    incidents: list[dict[str, Any]] = field(default_factory=list)
    inc_person: list[dict[str, Any]] = field(default_factory=list)
    death_chunks: list[pl.DataFrame] = field(default_factory=list)
    hidden: list[dict[str, Any]] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)

    # ------------------------------------------------------------------ set-up
    def rng(self, label: str) -> np.random.Generator:
        return np.random.default_rng([self.seed, zlib.crc32(label.encode())])

    def n(self, key: str, minimum: int = 0) -> int:
        return max(minimum, round(float(RATES[key] * self.scale)))

    def setup(self) -> None:
        self.rows = {s: [] for s in SOURCES}
        self.chunks = {s: [] for s in SOURCES}
        self.ents = build_enterprises(self.rng("enterprises"), self.n("enterprises", 300))
        self.hosp = build_hospitals()
        self.fh = build_funeral_homes()
        self._index_facilities()
        self._workers()

    def _index_facilities(self) -> None:
        self.county_pos = {int(c): i for i, c in enumerate(COUNTY_CODES.tolist())}
        nc = COUNTY_CODES.size
        self.h_county = np.full(nc, -1, dtype=np.int64)
        self.h_city: dict[int, list[int]] = {}
        self.h_prov: list[int] = []
        self.h_mining: dict[int, int] = {}
        for i, h in enumerate(self.hosp):
            if h.level == "county" and self.h_county[self.county_pos[h.region]] < 0:
                self.h_county[self.county_pos[h.region]] = i
            elif h.level == "city":
                self.h_city.setdefault(h.region // 100, []).append(i)
            elif h.level == "provincial":
                self.h_prov.append(i)
            elif h.level == "mining":
                self.h_mining[h.region // 100] = i
        self.h_city_first = np.array([self.h_city[c // 100][0] for c in COUNTY_CODES.tolist()])
        self.f_county = np.full(nc, -1, dtype=np.int64)
        self.f_city: dict[int, int] = {}
        for i, f in enumerate(self.fh):
            if f.level == "county":
                self.f_county[self.county_pos[f.region]] = i
            elif f.region // 100 not in self.f_city:
                self.f_city[f.region // 100] = i
        self.f_city_arr = np.array([self.f_city[c // 100] for c in COUNTY_CODES.tolist()])

    def cpos(self, codes: np.ndarray) -> np.ndarray:
        return np.searchsorted(COUNTY_CODES, codes)

    def shanxi_county(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return COUNTY_CODES[rng.choice(COUNTY_CODES.size, n, p=COUNTY_P)]

    def _workers(self) -> None:
        rng = self.rng("workers")
        n = self.n("workers", 3000)
        wf = np.array([e.workforce for e in self.ents])
        emp = rng.choice(len(self.ents), n, p=wf / wf.sum())
        self.ent_ind = np.array([e.industry for e in self.ents])
        self.ent_hr = np.array([e.high_risk for e in self.ents])
        ind = self.ent_ind[emp]
        fshare = np.vectorize(FEMALE_SHARE.get)(ind).astype(float)
        female = rng.random(n) < fshare
        age = np.clip(rng.normal(41, 10, n), 18, 60)
        age = np.where(female, np.minimum(age, 55), age)
        birth = T0 - (age * 365.25).astype(np.int64) - rng.integers(0, 365, n)
        region = np.array([self.ents[e].region for e in emp], dtype=np.int64)
        mig = rng.random(n) < np.vectorize(MIGRANT_SHARE.get)(ind).astype(float)
        u = rng.random(n)
        hukou = np.where(u < 0.6, region, self.shanxi_county(rng, n))
        same_city = (u >= 0.6) & (u < 0.85)
        # another county of the same city
        cands = COUNTY_CODES[rng.integers(0, COUNTY_CODES.size, n)]
        same_city_ok = same_city & (cands // 100 == region // 100)
        hukou = np.where(same_city_ok, cands, hukou)
        hukou = np.where(mig, OUT_CODES[rng.choice(OUT_CODES.size, n, p=OUT_P)], hukou)
        pid = self.people.add(female, birth, hukou, region)
        tenure = np.minimum(rng.exponential(6.0, n), np.maximum(age - 18, 0.2))
        start = T0 + rng.integers(0, 365, n) - (tenure * 365.25).astype(np.int64)
        # enrolment records begin with work-injury insurance (2004) at the earliest
        floor = day("2004-01-01") + rng.integers(0, 400, n)
        start = np.maximum(start, floor)
        ended = rng.random(n) < 0.14
        end = np.where(ended, rng.integers(T0 - 400, EXTRACT, n), -1)
        end = np.where(ended & (end <= start), start + rng.integers(30, 400, n), end)
        end = np.where(end > EXTRACT, -1, end)
        self.w_pid, self.w_emp, self.w_start, self.w_end = pid, emp, start, end
        self.w_free = np.ones(n, bool)
        self.w_end_override: dict[int, int] = {}
        self.w_death: dict[int, int] = {}
        order = np.argsort(emp, kind="stable")
        bounds = np.searchsorted(emp[order], np.arange(len(self.ents) + 1))
        self.emp_members = [order[bounds[i]:bounds[i + 1]] for i in range(len(self.ents))]
        # earlier spells at other employers
        k = rng.choice(3, n, p=[0.55, 0.3, 0.15])
        rows_p, rows_e, rows_s, rows_en = [], [], [], []
        cur = start.copy()
        for j in range(2):
            m = np.flatnonzero(k > j)
            gap = rng.integers(0, 200, m.size)
            length = (rng.exponential(3.0, m.size) * 365).astype(np.int64) + 60
            e_end = cur[m] - gap
            e_start = e_end - length
            other = rng.choice(len(self.ents), m.size, p=wf / wf.sum())
            keep = e_end >= day("2015-01-01")
            rows_p.append(pid[m][keep])
            rows_e.append(other[keep])
            rows_s.append(e_start[keep])
            rows_en.append(e_end[keep])
            cur[m] = e_start
        self.prev_spells = (np.concatenate(rows_p), np.concatenate(rows_e),
                            np.concatenate(rows_s), np.concatenate(rows_en))
        self.stats["workers"] = int(n)

    def take_workers(self, ent: int, k: int, rng: np.random.Generator, on_day: int) -> list[int]:
        """Up to k free workers enrolled at ent on on_day (positions in the pool)."""
        mem = self.emp_members[ent] if ent < len(self.emp_members) else np.zeros(0, np.int64)
        ok = self.w_free[mem] & (self.w_start[mem] < on_day) & (
            (self.w_end[mem] < 0) | (self.w_end[mem] > on_day))
        free = mem[ok]
        if free.size == 0 or k <= 0:
            return []
        pick = rng.permutation(free)[:k]
        self.w_free[pick] = False
        return [int(x) for x in pick]

    def take_random_workers(self, k: int, rng: np.random.Generator,
                            high_risk: bool | None = None, active: bool = False) -> np.ndarray:
        """k free workers; active: enrolled for at least a month of the observed year."""
        free = np.flatnonzero(self.w_free)
        if active:
            st, en = self.w_start[free], self.w_end[free]
            free = free[(st < T1 - 30) & ((en < 0) | (en > T0 + 30))]
        if high_risk is not None:
            hr = self.ent_hr[self.w_emp[free]]
            free = free[hr == high_risk] if (hr == high_risk).sum() >= k else free
        pick = rng.choice(free, min(k, free.size), replace=False)
        self.w_free[pick] = False
        return pick

    def active_days(self, wpos: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """A day of the observed year on which each worker was enrolled."""
        lo = np.maximum(self.w_start[wpos], T0)
        hi = np.where(self.w_end[wpos] < 0, T1, np.minimum(self.w_end[wpos], T1))
        hi = np.maximum(hi, lo + 1)
        return lo + (rng.random(wpos.size) * (hi - lo)).astype(np.int64)

    def new_people(self, rng: np.random.Generator, n: int, age_lo: float, age_hi: float,
                   female_p: float, ref_day: np.ndarray | int, migrant_p: float = 0.0,
                   residence: np.ndarray | None = None,
                   ages: np.ndarray | None = None) -> np.ndarray:
        age = rng.uniform(age_lo, age_hi, n) if ages is None else ages
        ref = np.broadcast_to(np.asarray(ref_day, dtype=np.int64), (n,))
        birth = ref - (age * 365.25).astype(np.int64) - rng.integers(0, 365, n)
        female = rng.random(n) < female_p
        res = self.shanxi_county(rng, n) if residence is None else residence
        hukou = np.where(rng.random(n) < 0.85, res, self.shanxi_county(rng, n))
        mig = rng.random(n) < migrant_p
        hukou = np.where(mig, OUT_CODES[rng.choice(OUT_CODES.size, n, p=OUT_P)], hukou)
        return self.people.add(female, birth, hukou, res)

    # ------------------------------------------------------------------ helpers
    def hospital_for(self, county: int, severity: str, rng: np.random.Generator,
                     industry: str = "") -> int:
        cp = self.county_pos[county]
        u = rng.random()
        if industry == "coal_mining" and county // 100 in self.h_mining and u < 0.35:
            return self.h_mining[county // 100]
        p_local = {"minor": 0.75, "serious": 0.35, "death": 0.55}[severity]
        if u < p_local and self.h_county[cp] >= 0:
            return int(self.h_county[cp])
        if severity == "serious" and rng.random() < 0.3:
            return self.h_prov[int(rng.integers(0, len(self.h_prov)))]
        cities = self.h_city[county // 100]
        return cities[int(rng.integers(0, len(cities)))]

    def funeral_home(self, county: int, rng: np.random.Generator) -> int:
        if county // 10000 != 14:
            county = int(self.shanxi_county(rng, 1)[0])
        cp = self.county_pos[county]
        if self.f_county[cp] >= 0 and rng.random() < 0.65:
            return int(self.f_county[cp])
        return self.f_city[county // 100]

    def far_funeral_home(self, avoid_cities: set[int], rng: np.random.Generator) -> int:
        cands = [i for i, f in enumerate(self.fh) if f.region // 100 not in avoid_cities]
        return cands[int(rng.integers(0, len(cands)))]

    def add_row(self, source: str, **kw: Any) -> None:
        self.rows[source].append(kw)

    def add_chunk(self, source: str, data: dict[str, Any]) -> None:
        schema = RAW[source]
        n = len(data["pid"])
        cols = {}
        for c, dt in schema.items():
            v = data.get(c)
            if v is None:
                cols[c] = pl.repeat(None, n, dtype=dt, eager=True).alias(c)
            elif dt == STR:
                cols[c] = pl.Series(c, np.asarray(v, dtype=object).tolist(), dtype=STR)
            else:
                cols[c] = pl.Series(c, np.asarray(v)).cast(dt)
        self.chunks[source].append(pl.DataFrame(cols))

    def add_deaths(self, pid: np.ndarray, cls: str,
                   incident: list[str | None] | None = None) -> None:
        inc = incident if incident is not None else [None] * len(pid)
        self.death_chunks.append(pl.DataFrame({
            "pid": pl.Series(pid, dtype=I64), "death_class": [cls] * len(pid),
            "incident_id": pl.Series(inc, dtype=STR),
        }))
