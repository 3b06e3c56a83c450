"""People: everyone who leaves a record, with the truth about them (sex, birth, household
registration, ID number), and the insured workforce of the enterprises."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import geo as G
from .core import REF_MID
from .firms import Firm
from .ident import make_ids
from .names import make_names


@dataclass
class People:
    sex: list[np.ndarray] = field(default_factory=list)
    birth: list[np.ndarray] = field(default_factory=list)
    hukou: list[np.ndarray] = field(default_factory=list)
    n: int = 0
    # filled by finalize()
    sex_a: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int8))
    birth_a: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    hukou_a: np.ndarray = field(default_factory=lambda: np.zeros(0, object))
    name: np.ndarray = field(default_factory=lambda: np.zeros(0, object))
    id18: np.ndarray = field(default_factory=lambda: np.zeros(0, object))
    dup: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))
    _cache: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
    _cache_n: int = 0
    _extra: dict[int, tuple[int, int, str]] = field(default_factory=dict)

    def add(self, sex: np.ndarray, birth: np.ndarray, hukou: np.ndarray) -> np.ndarray:
        k = len(sex)
        self.sex.append(np.asarray(sex, dtype=np.int8))
        self.birth.append(np.asarray(birth, dtype=np.int64))
        self.hukou.append(np.asarray(hukou, dtype=object))
        idx = np.arange(self.n, self.n + k, dtype=np.int64)
        self.n += k
        return idx

    def add1(self, sex: int, birth: int, hukou: str) -> int:
        p = int(self.add(np.array([sex]), np.array([birth]), np.array([hukou], dtype=object))[0])
        self._extra[p] = (sex, birth, hukou)
        return p

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(sex, birth, hukou) of everyone added so far."""
        if self._cache is None or self._cache_n != self.n:
            self._cache = (np.concatenate(self.sex), np.concatenate(self.birth),
                           np.concatenate(self.hukou))
            self._cache_n = self.n
            self._extra = {}
        return self._cache

    def info(self, p: int) -> tuple[int, int, str]:
        """(sex, birth, hukou) of one person."""
        if p in self._extra:
            return self._extra[p]
        if self._cache is None or p >= self._cache_n:
            self.arrays()
        assert self._cache is not None
        s, b, h = self._cache
        return int(s[p]), int(b[p]), str(h[p])

    def finalize(self, rng: np.random.Generator, geo: G.Geo) -> None:
        self.sex_a = np.concatenate(self.sex)
        self.birth_a = np.concatenate(self.birth)
        self.hukou_a = np.concatenate(self.hukou)
        n = self.n
        self.name = make_names(rng, self.sex_a)
        # the region an ID number carries: where it was first issued, often an older code
        region = self.hukou_a.copy()
        shanxi = np.array([h.startswith("14") for h in region])
        moved = shanxi & (rng.random(n) < 0.12)
        w = np.array(geo.weights)
        region[moved] = np.array(geo.codes, dtype=object)[rng.choice(len(w), int(moved.sum()),
                                                                     p=w / w.sum())]
        old = self.birth_a < 10957  # born before 2000
        for code, olds in G.OLD_ID_CODES.items():
            m = (region == code) & old & (rng.random(n) < 0.75)
            if m.any():
                region[m] = np.array(olds, dtype=object)[rng.integers(0, len(olds), int(m.sum()))]
        seq = rng.integers(0, 500, n) * 2 + np.where(self.sex_a == 0, 1, 0)
        ids = make_ids(region.astype(str), self.birth_a, seq)
        for _ in range(20):  # real numbers are unique but for the register's own duplicates
            _u, first, counts = np.unique(ids, return_index=True, return_counts=True)
            if (counts == 1).all():
                break
            keep = np.zeros(n, bool)
            keep[first] = True
            redo = np.flatnonzero(~keep)
            seq[redo] = rng.integers(0, 500, len(redo)) * 2 + np.where(self.sex_a[redo] == 0, 1, 0)
            ids[redo] = make_ids(region[redo].astype(str), self.birth_a[redo], seq[redo])
        # duplicated numbers in the register: a pair of people of the same sex and birth date
        # who were issued one number
        k = max(1, int(n * 0.0003))
        a = rng.choice(n, k, replace=False)
        b = rng.choice(n, k, replace=False)
        ok = a != b
        a, b = a[ok], b[ok]
        _, uniq = np.unique(b, return_index=True)
        a, b = a[uniq], b[uniq]
        ok = ~np.isin(b, a)
        a, b = a[ok], b[ok]
        self.sex_a[b] = self.sex_a[a]
        self.birth_a[b] = self.birth_a[a]
        ids[b] = ids[a]
        self.id18 = ids
        self.dup = np.zeros(n, bool)
        self.dup[a] = True
        self.dup[b] = True


def pick_hukou(rng: np.random.Generator, geo: G.Geo, site: str, n: int, *,
               migrant: float, local: float = 0.55, city: float = 0.30) -> np.ndarray:
    """Household registrations of ``n`` people working at ``site``: the county itself, its city,
    elsewhere in Shanxi, or a migrant's home county in another province."""
    r = rng.random(n)
    out = np.empty(n, dtype=object)
    codes = np.array(geo.codes, dtype=object)
    w = np.array(geo.weights)
    same_city = np.array([c[:4] == site[:4] for c in geo.codes])
    wc = np.where(same_city, w, 0)
    if wc.sum() == 0:
        wc = w
    mig = r < migrant
    loc = (~mig) & (r < migrant + (1 - migrant) * local)
    cit = (~mig) & (~loc) & (r < migrant + (1 - migrant) * (local + city))
    rest = ~(mig | loc | cit)
    out[loc] = site if site.startswith("14") else codes[0]
    out[cit] = codes[rng.choice(len(codes), int(cit.sum()), p=wc / wc.sum())]
    out[rest] = codes[rng.choice(len(codes), int(rest.sum()), p=w / w.sum())]
    mc = np.array([c for c, _ in G.MIGRANT_COUNTIES], dtype=object)
    out[mig] = mc[rng.integers(0, len(mc), int(mig.sum()))]
    return out


def births_for_ages(rng: np.random.Generator, ages: np.ndarray, ref: int = REF_MID) -> np.ndarray:
    return (ref - np.round(ages * 365.2425) - rng.integers(0, 365, len(ages))).astype(np.int64)


MALE_SHARE = {"coal_mining": 0.93, "non_coal_mining": 0.92, "construction": 0.9,
              "hazardous_chemicals": 0.78, "metallurgy": 0.82, "fireworks": 0.55,
              "transport": 0.9, "manufacturing": 0.6, "other": 0.5}
MIGRANT_SHARE = {"state_mine": 0.04, "private_mine": 0.15, "contractor": 0.3, "noncoal": 0.12,
                 "construction": 0.2}


@dataclass
class Workforce:
    """The insured workers: one row per worker (their current enterprise), and their spells."""
    person: np.ndarray
    firm: np.ndarray
    alive: np.ndarray
    spell_person: np.ndarray
    spell_firm: np.ndarray
    spell_start: np.ndarray
    spell_end: np.ndarray       # -1 = open
    current_spell: np.ndarray   # per worker: the index of the spell at ``firm``
    by_firm: dict[int, np.ndarray]

    def take(self, rng: np.random.Generator, firm: int, k: int, day: int) -> list[int]:
        """Up to ``k`` living workers of ``firm`` (row numbers) enrolled before ``day``, now used."""
        rows = self.by_firm.get(firm)
        if rows is None or not len(rows):
            return []
        live = rows[self.alive[rows] & (self.spell_start[self.current_spell[rows]] < day - 7)]
        if not len(live):
            return []
        chosen = rng.choice(live, min(k, len(live)), replace=False)
        self.alive[chosen] = False
        return [int(c) for c in chosen]


def build_workforce(rng: np.random.Generator, geo: G.Geo, firms: list[Firm],
                    people: People) -> Workforce:
    persons: list[np.ndarray] = []
    firm_of: list[np.ndarray] = []
    for fi, f in enumerate(firms):
        k = int(rng.binomial(f.size, f.enrol))
        if k == 0:
            continue
        ms = MALE_SHARE.get(f.industry, 0.6)
        sex = (rng.random(k) > ms).astype(np.int8)
        ages = np.clip(rng.normal(41, 9.5, k), 19, 59)
        births = births_for_ages(rng, ages)
        huk = pick_hukou(rng, geo, f.region, k, migrant=MIGRANT_SHARE.get(f.kind, 0.05))
        persons.append(people.add(sex, births, huk))
        firm_of.append(np.full(k, fi, dtype=np.int64))
    person = np.concatenate(persons)
    firm = np.concatenate(firm_of)
    n = len(person)
    # spells: tenure at the current employer; a share began during the period
    tenure = np.minimum(rng.exponential(7.5, n), 30) * 365.2425
    ref = rng.integers(18900, 19700, n)
    _s, births, _h = people.arrays()
    adult = births[person] + 18 * 365 + rng.integers(0, 3 * 365, n)
    start = np.minimum(np.maximum((ref - tenure).astype(np.int64), adult), 19700)
    end = np.full(n, -1, dtype=np.int64)
    # an earlier spell somewhere else for some (ended before the current one began)
    prev = rng.random(n) < 0.18
    pi = np.flatnonzero(prev)
    p_end = start[pi] - rng.integers(1, 120, len(pi))
    p_start = p_end - (rng.exponential(4.0, len(pi)) * 365.2425).astype(np.int64) - 30
    ok = p_start >= adult[pi]
    pi, p_start, p_end = pi[ok], p_start[ok], p_end[ok]
    same_ind = {ind: np.array([i for i, f in enumerate(firms) if f.industry == ind])
                for ind in {f.industry for f in firms}}
    p_firm = np.empty(len(pi), dtype=np.int64)
    for j, w in enumerate(pi):
        pool = same_ind[firms[int(firm[w])].industry] if rng.random() < 0.6 else np.arange(len(firms))
        p_firm[j] = int(pool[int(rng.integers(0, len(pool)))])
    spell_person = np.concatenate([person, person[pi]])
    spell_firm = np.concatenate([firm, p_firm])
    spell_start = np.concatenate([start, p_start])
    spell_end = np.concatenate([end, p_end])
    order = np.argsort(firm, kind="stable")
    bounds = np.flatnonzero(np.diff(firm[order])) + 1
    by_firm = {int(firm[g[0]]): g for g in np.split(order, bounds)}
    return Workforce(person=person, firm=firm, alive=np.ones(n, bool), spell_person=spell_person,
                     spell_firm=spell_firm, spell_start=spell_start, spell_end=spell_end,
                     current_spell=np.arange(n), by_firm=by_firm)
