"""Persons (true identities) and record buffers."""

from __future__ import annotations

import datetime as dt

import numpy as np

from . import geo, ident


class People:
    """True identities; a person id is the index into these lists."""

    def __init__(self):
        self.name: list[str] = []
        self.idn: list[str] = []
        self.female: list[bool] = []
        self.birth: list[int] = []  # proleptic ordinal
        self.hukou: list[str] = []

    def add(self, rng: np.random.Generator, ages: np.ndarray, female: np.ndarray,
            hukou: list[str], ref_ord: int) -> np.ndarray:
        n = len(ages)
        start = len(self.name)
        births = (ref_ord - np.floor(np.asarray(ages) * 365.2425)).astype(np.int64)
        names = ident.make_names(rng, np.asarray(female))
        seq = rng.integers(0, 500, n) * 2 + np.where(np.asarray(female), 0, 1)
        other_birthplace = rng.random(n) < 0.1
        alt = rng.integers(0, len(geo.COUNTY_CODES), n)
        for i in range(n):
            b = int(births[i])
            reg = geo.COUNTY_CODES[alt[i]] if other_birthplace[i] else hukou[i]
            self.idn.append(ident.make_id(reg, dt.date.fromordinal(b), int(seq[i])))
            self.birth.append(b)
        self.name.extend(names)
        self.female.extend(bool(x) for x in female)
        self.hukou.extend(hukou)
        return np.arange(start, start + n, dtype=np.int64)

    def relative_of(self, rng: np.random.Generator, pid: int) -> int:
        """A male relative: same surname and household registration, age within ten years."""
        age = (dt.date(2025, 1, 1).toordinal() - self.birth[pid]) / 365.2425
        new = int(self.add(rng, np.array([max(18.0, age + rng.uniform(-10, 10))]), np.array([False]),
                           [self.hukou[pid]], dt.date(2025, 1, 1).toordinal())[0])
        self.name[new] = self.name[pid][0] + self.name[new][1:]
        return new

    def duplicate_ids(self, rng: np.random.Generator, frac: float):
        """Register errors: a few persons carry another person's (valid) ID number."""
        n = len(self.idn)
        k = max(1, int(n * frac))
        src = rng.integers(0, n, k)
        dst = rng.integers(0, n, k)
        for s, d in zip(src, dst, strict=False):
            if s != d:
                self.idn[int(d)] = self.idn[int(s)]

    def person_ids(self, rng: np.random.Generator) -> list[str]:
        perm = rng.permutation(len(self.name))
        return [f"P{int(k) + 1:08d}" for k in perm]


class Table:
    """Column buffer for one source; every row belongs to one person."""

    def __init__(self, cols: list[str]):
        self.cols: dict[str, list] = {c: [] for c in cols}
        self.pid: list[int] = []
        self.idmiss: list[float | None] = []

    def add(self, pid: int, _idmiss: float | None = None, **kw):
        for c, v in self.cols.items():
            v.append(kw.get(c))
        self.pid.append(int(pid))
        self.idmiss.append(_idmiss)


def fmt_date(o: int | None, style: str = "iso") -> str | None:
    if o is None:
        return None
    d = dt.date.fromordinal(int(o))
    if style == "iso":
        return d.isoformat()
    if style == "slash":
        return f"{d.year}/{d.month}/{d.day}"
    if style == "compact":
        return f"{d:%Y%m%d}"
    if style == "cn":
        return f"{d.year}年{d.month}月{d.day}日"
    raise ValueError(style)


def choice_p(d: dict) -> tuple[list, np.ndarray]:
    keys = list(d)
    p = np.array([d[k] for k in keys], dtype=float)
    return keys, p / p.sum()
