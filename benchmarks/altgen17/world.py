"""The world's state shared by the event generators: geography, facilities, enterprises,
people, the workforce, the traces and the truth."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import geo as G
from .core import Traces
from .firms import Firm
from .people import People, Workforce

#: share of deaths cremated, by city (Shanxi buries much of its countryside)
CREMATION_RATE = {"1401": 0.92, "1402": 0.75, "1403": 0.8, "1404": 0.65, "1405": 0.7,
                  "1406": 0.6, "1407": 0.7, "1408": 0.45, "1409": 0.5, "1410": 0.5, "1411": 0.45}


@dataclass
class Incident:
    iid: int
    kind: str                 # reported / concealed / under_reported
    pattern: str              # how it was hidden ("" when reported)
    firm: int                 # the enterprise responsible
    site: str                 # county where it happened
    at: int                   # minutes since 1970
    atype: str
    industry: str
    acc: int = -1             # row in the accidents list when on file
    persons: list[tuple[int, str, str | None]] = field(default_factory=list)


@dataclass
class Ctx:
    rng: np.random.Generator
    scale: float
    geo: G.Geo
    hospitals: list[G.Facility]
    funeral_homes: list[G.Facility]
    firms: list[Firm]
    people: People
    work: Workforce
    traces: Traces = field(default_factory=Traces)
    death_person: list[np.ndarray] = field(default_factory=list)
    death_class: list[np.ndarray] = field(default_factory=list)
    death_incident: list[np.ndarray] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)
    accidents: list[dict[str, object]] = field(default_factory=list)
    # lookups
    _h_county: dict[str, list[int]] = field(default_factory=dict)
    _h_city: dict[str, list[int]] = field(default_factory=dict)
    _h_prov: list[int] = field(default_factory=list)
    _fh_county: dict[str, int] = field(default_factory=dict)
    _fh_city: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for i, h in enumerate(self.hospitals):
            if h.tier == 1:
                self._h_county.setdefault(h.region, []).append(i)
            elif h.tier == 2:
                self._h_city.setdefault(h.region[:4], []).append(i)
            else:
                self._h_prov.append(i)
        for i, f in enumerate(self.funeral_homes):
            if f.tier == 2:
                self._fh_city[f.region[:4]] = i
            else:
                self._fh_county[f.region] = i

    # ------------------------------------------------------------------ deaths (truth)
    def died(self, persons: np.ndarray, cls: str, incident: int | None = None) -> None:
        persons = np.asarray(persons, dtype=np.int64)
        self.death_person.append(persons)
        self.death_class.append(np.full(len(persons), cls, dtype=object))
        self.death_incident.append(np.full(len(persons), -1 if incident is None else incident))

    # ------------------------------------------------------------------ facilities
    def hospital(self, county: str, *, serious: bool = False) -> int:
        rng = self.rng
        if not county.startswith("14"):
            county = "140105"
        r = rng.random()
        local = self._h_county.get(county, [])
        city = self._h_city.get(county[:4], [])
        if local and r < (0.45 if serious else 0.65):
            return local[int(rng.integers(0, len(local)))]
        if r < (0.85 if serious else 0.95) and city:
            return city[int(rng.integers(0, len(city)))]
        return self._h_prov[int(rng.integers(0, len(self._h_prov)))]

    def hospitals_for(self, counties: np.ndarray, serious: float = 0.0) -> np.ndarray:
        out = np.empty(len(counties), dtype=np.int64)
        for c in np.unique(counties):
            m = np.flatnonzero(counties == c)
            cc = c if c.startswith("14") else "140105"
            local = self._h_county.get(cc, [])
            city = self._h_city.get(cc[:4], [])
            r = self.rng.random(len(m))
            lo, ci = (0.65 - 0.2 * serious), (0.95 - 0.1 * serious)
            choice = np.where(
                (r < lo) & bool(local), np.array(local or [0])[self.rng.integers(0, max(1, len(local)), len(m))],
                np.where((r < ci) & bool(city), np.array(city or [0])[self.rng.integers(0, max(1, len(city)), len(m))],
                         np.array(self._h_prov)[self.rng.integers(0, len(self._h_prov), len(m))]))
            out[m] = choice
        return out

    def upper_hospital(self, h: int) -> int:
        """Where a county hospital transfers a serious case: the city, or the province."""
        fac = self.hospitals[h]
        city = self._h_city.get(fac.region[:4], [])
        if fac.tier == 1 and city and self.rng.random() < 0.6:
            return city[int(self.rng.integers(0, len(city)))]
        return self._h_prov[int(self.rng.integers(0, len(self._h_prov)))]

    def funeral_near(self, county: str) -> int:
        if not county.startswith("14"):
            county = "140105"
        own = self._fh_county.get(county)
        if own is not None and self.rng.random() < 0.8:
            return own
        return self._fh_city[county[:4]]

    def funeral_near_many(self, counties: np.ndarray) -> np.ndarray:
        out = np.empty(len(counties), dtype=np.int64)
        for c in np.unique(counties):
            m = np.flatnonzero(counties == c)
            cc = c if c.startswith("14") else "140105"
            own = self._fh_county.get(cc)
            city = self._fh_city[cc[:4]]
            if own is None:
                out[m] = city
            else:
                out[m] = np.where(self.rng.random(len(m)) < 0.8, own, city)
        return out

    def funeral_far(self, avoid_cities: set[str]) -> int:
        """A funeral home in a city none of ``avoid_cities``; most often a county home."""
        cand = [i for i, f in enumerate(self.funeral_homes) if f.region[:4] not in avoid_cities]
        return cand[int(self.rng.integers(0, len(cand)))]

    def county_in_other_city(self, avoid_cities: set[str]) -> str:
        cand = [c for c in self.geo.codes if c[:4] not in avoid_cities]
        return cand[int(self.rng.integers(0, len(cand)))]

    def hospital_label(self, h: int) -> str:
        fac = self.hospitals[h]
        if self.rng.random() < 0.4 and fac.aliases:
            return fac.aliases[int(self.rng.integers(0, len(fac.aliases)))]
        return fac.name
