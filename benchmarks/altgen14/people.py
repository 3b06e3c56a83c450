"""The persons of the world: names, sexes, birth dates, household registration and the ID numbers
their records carry."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import numpy.typing as npt

from .ids import make_ids
from .names import make_names

EPOCH = np.datetime64("1970-01-01", "D")


def to_days(d: date) -> int:
    return int((np.datetime64(d, "D") - EPOCH).astype(np.int64))


def from_days(n: int) -> date:
    return (EPOCH + np.timedelta64(int(n), "D")).astype(date)  # type: ignore[no-any-return]


@dataclass
class Persons:
    """A growing table of persons, added in blocks, finished once before records are written."""

    rng: np.random.Generator
    _male: list[npt.NDArray[np.bool_]] = field(default_factory=list)
    _birth: list[npt.NDArray[np.int64]] = field(default_factory=list)
    _region: list[npt.NDArray[np.int64]] = field(default_factory=list)
    _live: list[npt.NDArray[np.int64]] = field(default_factory=list)
    n: int = 0
    # filled by finish()
    male: npt.NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, dtype=bool))
    birth: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    region: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    live: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    name: npt.NDArray[np.object_] = field(default_factory=lambda: np.zeros(0, dtype=object))
    idrec: npt.NDArray[np.object_] = field(default_factory=lambda: np.zeros(0, dtype=object))
    kind0: npt.NDArray[np.object_] = field(default_factory=lambda: np.zeros(0, dtype=object))
    person_id: npt.NDArray[np.object_] = field(default_factory=lambda: np.zeros(0, dtype=object))

    def add(self, male: npt.NDArray[np.bool_], age: npt.NDArray[np.float64],
            region: npt.NDArray[np.int64], live: npt.NDArray[np.int64],
            ref: date) -> npt.NDArray[np.int64]:
        """Persons of the given sexes, ages (years, fractional) at ``ref``, registration and
        living counties; returns their indices."""
        k = len(male)
        birth = to_days(ref) - np.floor(age * 365.25).astype(np.int64)
        self._male.append(male.astype(bool))
        self._birth.append(birth)
        self._region.append(region.astype(np.int64))
        self._live.append(live.astype(np.int64))
        idx = np.arange(self.n, self.n + k, dtype=np.int64)
        self.n += k
        return idx

    def finish(self, dup_share: float = 0.001) -> None:
        """Names, ID numbers (a few shared by two persons, as real registers have) and person
        ids."""
        rng = self.rng
        self.male = np.concatenate(self._male)
        self.birth = np.concatenate(self._birth)
        self.region = np.concatenate(self._region)
        self.live = np.concatenate(self._live)
        local = (self.region // 10000) == 44
        self.name = np.array(make_names(rng, self.male, local), dtype=object)
        ymd = self.birth_ymd()
        seq = 2 * rng.integers(0, 500, self.n) + self.male.astype(np.int64)
        ids = make_ids(self.region, ymd, seq)
        # two persons never get the same number by accident: re-draw clashes
        seen: dict[str, int] = {}
        for i, v in enumerate(ids):
            while v in seen:
                s = 2 * int(rng.integers(0, 500)) + int(self.male[i])
                v = make_ids(self.region[i:i + 1], ymd[i:i + 1], np.array([s]))[0]
            seen[v] = i
            ids[i] = v
        self.idrec = np.array(ids, dtype=object)
        self.kind0 = np.full(self.n, "clean", dtype=object)
        dup = rng.choice(self.n, size=max(2, int(self.n * dup_share)), replace=False)
        src = rng.choice(self.n, size=len(dup), replace=False)
        for d, s in zip(dup, src, strict=True):
            if d != s:
                self.idrec[d] = self.idrec[s]
                self.kind0[d] = "duplicate"
        self.person_id = np.array([f"P{i:07d}" for i in range(self.n)], dtype=object)

    def birth_ymd(self) -> npt.NDArray[np.int64]:
        dt = (EPOCH + self.birth.astype("timedelta64[D]")).astype("datetime64[D]")
        y = dt.astype("datetime64[Y]").astype(np.int64) + 1970
        m = dt.astype("datetime64[M]").astype(np.int64) % 12 + 1
        d = (dt - dt.astype("datetime64[M]").astype("datetime64[D]")).astype(np.int64) + 1
        return (y * 10000 + m * 100 + d).astype(np.int64)

    def age_at(self, pid: npt.NDArray[np.int64], day: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """Completed years of age of persons ``pid`` on days ``day`` (days since 1970)."""
        b = (EPOCH + self.birth[pid].astype("timedelta64[D]")).astype("datetime64[D]")
        t = (EPOCH + day.astype("timedelta64[D]")).astype("datetime64[D]")
        by = b.astype("datetime64[Y]").astype(np.int64)
        ty = t.astype("datetime64[Y]").astype(np.int64)
        bdoy = (b - b.astype("datetime64[Y]").astype("datetime64[D]")).astype(np.int64)
        tdoy = (t - t.astype("datetime64[Y]").astype("datetime64[D]")).astype(np.int64)
        return (ty - by - (tdoy < bdoy)).astype(np.int64)

    def age1(self, pid: int, day: int) -> int:
        return int(self.age_at(np.array([pid]), np.array([day]))[0])
