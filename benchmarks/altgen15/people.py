"""The people of the world: names, sex, birth dates, household registration and resident IDs,
kept as columns so hundreds of thousands of them stay cheap."""

from __future__ import annotations

from datetime import date

import numpy as np

from .geo import COUNTIES, RETIRED
from .ids import id_checks
from .names import make_names

EPOCH = date(1970, 1, 1).toordinal()
REF = date(2024, 7, 1).toordinal()  # ages are given at mid-year


class People:
    """Column store of persons; a person is its index."""

    def __init__(self) -> None:
        self.surname: list[str] = []
        self.given: list[str] = []
        self.male: list[bool] = []
        self.birth: list[int] = []
        self.hukou: list[str] = []
        self.id18: list[str] = []
        self.death: list[int | None] = []
        self.shared_id: set[int] = set()  # persons whose ID number a register gave twice
        self._ids: set[str] = set()

    def __len__(self) -> int:
        return len(self.male)

    def age(self, p: int, when: int) -> int:
        return int((when - self.birth[p]) / 365.2425)

    def birth_year(self, p: int) -> int:
        return date.fromordinal(self.birth[p]).year

    def add(self, g: np.random.Generator, ages: np.ndarray, male: np.ndarray,
            hukou: list[str], dup_rate: float = 0.0004) -> list[int]:
        """New persons of the given ages (at mid-2024), sexes and registration counties."""
        n = len(ages)
        if n == 0:
            return []
        birth = REF - np.round(np.asarray(ages, dtype=float) * 365.2425).astype(np.int64)
        birth = birth - g.integers(0, 30, n)
        dt = (birth - EPOCH).astype("datetime64[D]")
        years = dt.astype("datetime64[Y]").astype(np.int64) + 1970
        ymd = [s.replace("-", "") for s in np.datetime_as_string(dt).tolist()]
        male = np.asarray(male, dtype=bool)
        sur, giv = make_names(g, male, years)
        u = g.random(n)
        alt = g.integers(0, len(COUNTIES), n)
        regs: list[str] = []
        for i, h in enumerate(hukou):
            if h in RETIRED and years[i] < 1995 and u[i] < 0.7:
                regs.append(RETIRED[h])
            elif h.startswith("13") and u[i] > 0.96:
                regs.append(COUNTIES[int(alt[i])].code)  # born elsewhere in the province
            else:
                regs.append(h)
        seq = g.integers(0, 500, n) * 2 + male.astype(np.int64)
        todo = list(range(n))
        ids: list[str] = [""] * n
        while todo:
            bodies = [f"{regs[i]}{ymd[i]}{int(seq[i]):03d}" for i in todo]
            retry: list[int] = []
            for i, b, c in zip(todo, bodies, id_checks(bodies), strict=True):
                s = b + c
                if s in self._ids:
                    retry.append(i)
                else:
                    ids[i] = s
                    self._ids.add(s)
            for i in retry:
                seq[i] = int(g.integers(0, 500)) * 2 + int(male[i])
            todo = retry
        start = len(self.male)
        births = birth.tolist()
        dup = np.nonzero(g.random(n) < dup_rate)[0].tolist() if start > 1000 else []
        for i in dup:  # a register gave this person someone else's number
            for _ in range(50):
                j = int(g.integers(0, start))
                if self.male[j] == bool(male[i]) and j not in self.shared_id:
                    ids[i] = self.id18[j]
                    births[i] = self.birth[j]
                    self.shared_id.add(start + i)
                    break
        self.surname.extend(sur)
        self.given.extend(giv)
        self.male.extend(male.tolist())
        self.birth.extend(births)
        self.hukou.extend(hukou)
        self.id18.extend(ids)
        self.death.extend([None] * n)
        return list(range(start, start + n))
