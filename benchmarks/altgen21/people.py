"""The person registry: every person of the world (decedents, victims, workers, patients) with
sex, birth date, ethnicity, origin, household-registration county, true name and true ID number.
Records are rendered from these attributes later, with each department's errors."""

from __future__ import annotations

import numpy as np

from . import geo
from .ident import make_ids
from .names import make_names

DAY0 = np.datetime64("2024-01-01", "D")


class People:
    def __init__(self) -> None:
        self._parts: list[dict[str, np.ndarray]] = []
        self._offsets: list[int] = []
        self.n = 0
        self.final = False

    def add(self, rng: np.random.Generator, male: np.ndarray, birth: np.ndarray,
            home: np.ndarray, origin: np.ndarray | None = None,
            id_county: np.ndarray | None = None) -> np.ndarray:
        """Create ``len(male)`` persons; returns their person indices. ``home`` is the
        household-registration county; ``origin`` ``yunnan`` or a migrant province."""
        assert not self.final
        n = len(male)
        if n == 0:
            return np.array([], dtype=np.int64)
        if origin is None:
            origin = np.full(n, "yunnan", dtype=object)
        origin = np.asarray(origin, dtype=object)
        home = np.asarray(home).astype("<U6")
        birth = np.asarray(birth).astype("datetime64[D]")
        byear = birth.astype("datetime64[Y]").astype(int) + 1970
        yn = origin == "yunnan"
        # birth county (in the ID): mostly the registration county, else elsewhere in Yunnan
        if id_county is None:
            id_county = home.copy()
            moved = yn & (rng.random(n) < 0.15)
            if moved.any():
                id_county[moved] = geo.sample_counties(rng, int(moved.sum()))
        eth = np.full(n, "han", dtype=object)
        if yn.any():
            eth[yn] = geo.sample_ethnicity(rng, id_county[yn])
        ls = np.isin(home, list(geo.LIANGSHAN_YI))
        eth[ls] = "liangshan"
        gz = (origin == "guizhou") & (rng.random(n) < 0.15)
        eth[gz] = np.where(rng.random(int(gz.sum())) < 0.5, "miao", "yi")
        names, style = make_names(rng, male, byear, eth.astype(str), id_county)
        idreg = np.array([geo.id_region(c, int(y)) for c, y in zip(id_county.tolist(), byear.tolist(),
                                                                     strict=True)], dtype="<U6")
        k = rng.integers(0, 500, size=n)
        seq = np.where(male, 2 * k + 1, 2 * np.maximum(k, 1))
        part = {"male": np.asarray(male, dtype=bool), "birth": birth, "home": home,
                "origin": origin.astype(str), "eth": eth, "name": names, "style": style, "idreg": idreg,
                "seq": seq.astype(np.int64)}
        self._parts.append(part)
        self._offsets.append(self.n)
        pids = np.arange(self.n, self.n + n, dtype=np.int64)
        self.n += n
        return pids

    def col(self, attr: str, pids) -> np.ndarray:
        """Attribute ``attr`` (male, birth, home, origin, eth, name) of persons ``pids``, before
        or after :meth:`finalize`."""
        pids = np.atleast_1d(np.asarray(pids, dtype=np.int64))
        if self.final:
            return getattr(self, attr)[pids]
        which = np.searchsorted(np.array(self._offsets), pids, side="right") - 1
        first = self._parts[int(which[0])][attr] if len(pids) else np.array([])
        out = np.empty(len(pids), dtype=first.dtype)
        for w in np.unique(which).tolist():
            m = which == w
            out[m] = self._parts[w][attr][pids[m] - self._offsets[w]]
        return out

    def one(self, attr: str, pid: int):
        return self.col(attr, [pid])[0]

    def finalize(self, rng: np.random.Generator, dup_rate: float = 0.0004) -> None:
        """Join the batches, make ID numbers unique (re-drawing colliding sequences), then give
        a few persons the ID number of a namesake-free neighbour (duplicated numbers exist in
        real registers)."""
        cols = {k: np.concatenate([p[k] for p in self._parts]) for k in self._parts[0]}
        self._parts = []
        self._offsets = []
        self.male = cols["male"]
        self.birth = cols["birth"]
        self.home = cols["home"]
        self.origin = cols["origin"].astype(str)
        self.eth = cols["eth"].astype(str)
        self.name = cols["name"]
        self.style = cols["style"].astype(str)
        self.idreg = cols["idreg"]
        seq = cols["seq"]
        ids = make_ids(self.idreg, self.birth, seq)
        for _ in range(50):
            _, first, counts = np.unique(ids, return_index=True, return_counts=True)
            if (counts == 1).all():
                break
            keep = np.zeros(len(ids), dtype=bool)
            keep[first] = True
            redo = np.flatnonzero(~keep)
            k = rng.integers(0, 500, size=len(redo))
            seq[redo] = np.where(self.male[redo], 2 * k + 1, 2 * np.maximum(k, 1))
            ids[redo] = make_ids(self.idreg[redo], self.birth[redo], seq[redo])
        self.dup = np.zeros(self.n, dtype=bool)
        m = max(2, round(self.n * dup_rate))
        order = np.lexsort((self.birth.astype("datetime64[Y]").astype(int), self.male, self.idreg))
        cand = np.flatnonzero((self.idreg[order][1:] == self.idreg[order][:-1])
                              & (self.male[order][1:] == self.male[order][:-1]))
        if len(cand):
            chosen = rng.choice(cand, size=min(m, len(cand)), replace=False)
            for c in chosen.tolist():
                donor, recv = order[c], order[c + 1]
                if self.dup[donor] or self.dup[recv]:
                    continue
                ids[recv] = ids[donor]
                self.birth[recv] = self.birth[donor]
                self.dup[recv] = True
        self.id18 = ids
        self.final = True

    def ages(self, pids: np.ndarray, on: np.ndarray) -> np.ndarray:
        """Completed years of age on the dates ``on`` (datetime64[D])."""
        b = self.birth[pids]
        by = b.astype("datetime64[Y]").astype(int)
        oy = on.astype("datetime64[Y]").astype(int)
        bmd = b - b.astype("datetime64[Y]").astype("datetime64[D]")
        omd = on - on.astype("datetime64[Y]").astype("datetime64[D]")
        return (oy - by - (omd < bmd)).astype(np.int64)


def birth_from_age(rng: np.random.Generator, age: np.ndarray, on: np.ndarray) -> np.ndarray:
    """A birth date giving completed ``age`` years on date ``on``."""
    days = np.floor(np.asarray(age, dtype=float) * 365.25 + rng.uniform(1, 364, size=len(age)))
    return (np.asarray(on, dtype="datetime64[D]") - days.astype("timedelta64[D]")).astype("datetime64[D]")


def year_dates(rng: np.random.Generator, n: int, winter: float = 0.0) -> np.ndarray:
    """``n`` dates in 2024; ``winter`` > 0 weights December to February up (excess winter
    mortality)."""
    d = np.arange(366)
    month = (DAY0 + d).astype("datetime64[M]").astype(int) % 12
    w = np.where(np.isin(month, [0, 1, 11]), 1.0 + winter, 1.0)
    return DAY0 + rng.choice(d, size=n, p=w / w.sum()).astype("timedelta64[D]")
