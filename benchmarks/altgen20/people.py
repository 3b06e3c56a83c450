"""The people of the synthetic world: one row per person (name, sex, birth date, household
registration, resident ID), added in batches by the stages that need them."""

from __future__ import annotations

import numpy as np

from . import geo
from .ident import build_ids
from .names import sample_names

REF = np.datetime64("2023-10-01")
# out-of-province homes are Han-named mostly; Yunnan's Zhenxiong / Yiliang have Yi and Miao
OUT_PROFILE = np.array([0.85, 0.06, 0.0, 0.0, 0.09])


class Population:
    """Column arrays grown batch by batch; ``pid`` is the row number."""

    def __init__(self) -> None:
        self.name: list[np.ndarray] = []
        self.male: list[np.ndarray] = []
        self.birth: list[np.ndarray] = []
        self.hukou: list[np.ndarray] = []  # current registration code (6 digits)
        self.id18: list[np.ndarray] = []
        self.legacy_ok: list[np.ndarray] = []  # old rural people whose 15-digit number lingers
        self.n = 0
        self.rename: dict[int, str] = {}
        self.duplicate: np.ndarray = np.zeros(0, dtype=bool)

    def add(self, rng: np.random.Generator, age: np.ndarray, male: np.ndarray,
            county: np.ndarray, *, out_code: np.ndarray | None = None) -> np.ndarray:
        """Add people of ``age`` (years at 2023-10-01) registered in ``county`` (index into
        geo.COUNTIES, or -1 with ``out_code`` giving the out-of-province registration)."""
        n = len(age)
        birth = REF - (np.asarray(age, dtype=float) * 365.25 + rng.integers(0, 365, n)).astype(
            "timedelta64[D]")
        county = np.asarray(county)
        inside = county >= 0
        ci = np.where(inside, county, 0)
        hukou = np.where(inside, geo.COUNTY_CODES[ci], out_code if out_code is not None else "")
        # people born before the reorganisations keep the old prefecture's code in their ID
        year = birth.astype("datetime64[Y]").astype(int) + 1970
        legacy = inside & (year < 2011) & (rng.random(n) < 0.9)
        id_region = np.where(legacy, geo.LEGACY_ARR[ci], hukou)
        prof = np.where(inside[:, None], np.array(list(geo.PROFILES.values()))[
            geo.COUNTY_PROFILE[ci]], OUT_PROFILE[None, :])
        names = sample_names(rng, male, prof, born=birth)
        ids = build_ids(id_region.astype("U6"), birth, male, rng)
        rural = np.where(inside, geo.COUNTY_URBAN[ci] < 2, True)
        self.name.append(names)
        self.male.append(np.asarray(male, dtype=bool))
        self.birth.append(birth)
        self.hukou.append(hukou.astype("U6"))
        self.id18.append(ids.astype("U18"))
        self.legacy_ok.append(rural & (year < 1966) & (rng.random(n) < 0.45))
        pids = np.arange(self.n, self.n + n)
        self.n += n
        return pids

    def freeze(self, rng: np.random.Generator, dup_rate: float = 0.0006) -> None:
        """Concatenate the batches, then give a few people a number another person already holds
        (same sex, birth date and issuing region), as real registers have."""
        self.names = np.concatenate(self.name)
        for pid, nm in self.rename.items():
            self.names[pid] = nm
        self.males = np.concatenate(self.male)
        self.births = np.concatenate(self.birth)
        self.hukous = np.concatenate(self.hukou)
        self.ids = np.concatenate(self.id18).astype(object)
        self.legacy = np.concatenate(self.legacy_ok)
        k = max(2, int(self.n * dup_rate))
        a = rng.choice(self.n, 3 * k, replace=False)
        b = rng.choice(self.n, 3 * k, replace=False)
        self.duplicate = np.zeros(self.n, dtype=bool)
        done = 0
        for x, y in zip(a, b, strict=True):
            if done >= k:
                break
            if x == y or self.duplicate[x] or self.duplicate[y] or self.males[x] != self.males[y]:
                continue
            self.births[y] = self.births[x]
            self.ids[y] = self.ids[x]
            self.duplicate[x] = self.duplicate[y] = True
            done += 1

    def age_at(self, pid: np.ndarray, day: np.ndarray) -> np.ndarray:
        """Completed years at ``day``."""
        b = self.births[pid]
        yb = b.astype("datetime64[Y]").astype(int)
        yd = day.astype("datetime64[D]").astype("datetime64[Y]").astype(int)
        before = (day.astype("datetime64[D]") - day.astype("datetime64[D]").astype(
            "datetime64[Y]")) < (b - b.astype("datetime64[Y]"))
        return yd - yb - before.astype(int)
