"""The simulated world: calendar, people, enterprises, spells, and the rows each source collects."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import polars as pl

BASE = np.datetime64("1970-01-01", "D")


def day(iso: str) -> int:
    return int((np.datetime64(iso, "D") - BASE).astype(np.int64))


T0 = day("2021-01-01")          # first event day
T1 = day("2023-12-31")          # last event day
EXTRACT = day("2024-06-30")     # the departments' extraction date: nothing is dated later
NO_DEATH = np.iinfo(np.int32).max
NULL = -1                       # null day / index in the internal tables


def ymd(days: np.ndarray | int) -> np.ndarray:
    """Days since 1970-01-01 -> yyyymmdd integers."""
    d = BASE + np.asarray(days, dtype=np.int64).astype("timedelta64[D]")
    y = d.astype("datetime64[Y]").astype(np.int64) + 1970
    m = d.astype("datetime64[M]").astype(np.int64) % 12 + 1
    dd = (d - d.astype("datetime64[M]")).astype(np.int64) + 1
    return y * 10000 + m * 100 + dd


def age_at(birth: np.ndarray | int, when: np.ndarray | int) -> np.ndarray:
    return (ymd(when) - ymd(birth)) // 10000


def season_days(rng: np.random.Generator, n: int, amp: float = 0.25, peak_doy: int = 15,
                lo: int = T0, hi: int = T1) -> np.ndarray:
    """Days in [lo, hi] with a yearly cycle peaking at day-of-year ``peak_doy``."""
    out = np.empty(0, dtype=np.int64)
    while len(out) < n:
        d = rng.integers(lo, hi + 1, 2 * (n - len(out)) + 16)
        doy = (ymd(d) // 100 % 100 - 1) * 30.4 + ymd(d) % 100
        keep = rng.random(len(d)) * (1 + abs(amp)) < 1 + amp * np.cos(
            2 * np.pi * (doy - peak_doy) / 365.25)
        out = np.concatenate([out, d[keep]])
    return out[:n]


class People:
    """Every person of the simulation; attributes grow in chunks and are read as arrays."""

    def __init__(self) -> None:
        self._chunks: dict[str, list[np.ndarray]] = {"birth": [], "male": [], "hukou": [],
                                                    "surname": []}
        self._cache: dict[str, np.ndarray] = {}
        self.n = 0
        self.death = np.empty(0, dtype=np.int64)
        self.death_class = np.empty(0, dtype=np.int8)   # 0 alive, 1 natural, 2 non-occ, 3 incident
        self.death_incident = np.empty(0, dtype=np.int64)

    def add(self, birth: np.ndarray, male: np.ndarray, hukou: np.ndarray,
            surname: np.ndarray | None = None) -> np.ndarray:
        k = len(birth)
        self._chunks["birth"].append(np.asarray(birth, dtype=np.int64))
        self._chunks["male"].append(np.asarray(male, dtype=bool))
        self._chunks["hukou"].append(np.asarray(hukou, dtype=np.int64))
        sn = np.full(k, -1, dtype=np.int64) if surname is None else np.asarray(surname)
        self._chunks["surname"].append(sn.astype(np.int64))
        self._cache.clear()
        self.death = np.concatenate([self.death, np.full(k, NO_DEATH, dtype=np.int64)])
        self.death_class = np.concatenate([self.death_class, np.zeros(k, dtype=np.int8)])
        self.death_incident = np.concatenate([self.death_incident, np.full(k, -1, np.int64)])
        pids = np.arange(self.n, self.n + k)
        self.n += k
        return pids

    def _get(self, key: str) -> np.ndarray:
        if key not in self._cache:
            self._cache[key] = np.concatenate(self._chunks[key]) if self._chunks[key] else \
                np.empty(0, dtype=np.int64)
        return self._cache[key]

    @property
    def birth(self) -> np.ndarray:
        return self._get("birth")

    @property
    def male(self) -> np.ndarray:
        return self._get("male")

    @property
    def hukou(self) -> np.ndarray:
        return self._get("hukou")

    @property
    def surname(self) -> np.ndarray:
        return self._get("surname")

    def set_birth(self, pids: np.ndarray, births: np.ndarray) -> None:
        b = self.birth.copy()
        b[pids] = births
        self._chunks["birth"] = [b]
        self._cache.clear()

    def die(self, pids: np.ndarray | list[int] | int, days: np.ndarray | int, cls: int,
            incident: int = -1) -> None:
        pids = np.atleast_1d(np.asarray(pids, dtype=np.int64))
        assert (self.death[pids] == NO_DEATH).all(), "a person dies once"
        self.death[pids] = days
        self.death_class[pids] = cls
        self.death_incident[pids] = incident


@dataclass
class Enterprises:
    uscc: list[str]
    name: list[str]
    short: list[str]           # how other departments abbreviate the name
    industry: np.ndarray       # index into geo.INDUSTRIES
    county: np.ndarray
    high_risk: np.ndarray
    size: np.ndarray
    dispatch: np.ndarray       # labour-dispatch (劳务派遣) companies

    def __len__(self) -> int:
        return len(self.name)


# internal columns of each person-bearing source (before noise and formatting)
SCHEMA: dict[str, dict[str, Any]] = {
    "accident_victims": {"pid": pl.Int64, "acc": pl.Int64, "outcome": pl.Utf8,
                         "noise": pl.Float64, "id_force": pl.Utf8},
    "deregistrations": {"pid": pl.Int64, "death": pl.Int64, "dereg": pl.Int64,
                        "region": pl.Int64, "reason": pl.Utf8, "cause": pl.Utf8,
                        "noise": pl.Float64, "id_force": pl.Utf8},
    "cremations": {"pid": pl.Int64, "death": pl.Int64, "crem": pl.Int64, "home": pl.Int64,
                   "cause": pl.Utf8, "issuer": pl.Utf8, "origin": pl.Utf8,
                   "noise": pl.Float64, "id_force": pl.Utf8},
    "injury_claims": {"pid": pl.Int64, "ent": pl.Int64, "injury": pl.Int64,
                      "applied": pl.Int64, "decided": pl.Int64, "outcome": pl.Utf8,
                      "desc": pl.Utf8, "region": pl.Int64, "noise": pl.Float64,
                      "id_force": pl.Utf8},
    "medical_records": {"pid": pl.Int64, "hosp": pl.Int64, "admit": pl.Int64,
                        "disch": pl.Int64, "diag": pl.Utf8, "ext": pl.Utf8, "disp": pl.Utf8,
                        "payer": pl.Utf8, "ent": pl.Int64, "noise": pl.Float64,
                        "id_force": pl.Utf8},
    "employment": {"pid": pl.Int64, "ent": pl.Int64, "start": pl.Int64, "end": pl.Int64,
                   "noise": pl.Float64, "id_force": pl.Utf8},
}
DEFAULTS = {"noise": 1.0, "id_force": None, "ent": NULL, "disch": NULL, "decided": NULL,
            "death": NULL, "end": NULL, "ext": None, "cause": None, "issuer": None,
            "origin": None, "payer": None, "desc": None, "reason": "death"}


@dataclass
class World:
    rng: np.random.Generator
    scale: float
    people: People = field(default_factory=People)
    ent: Enterprises | None = None
    # employment spells (mutable: concealment ends or removes them)
    sp_pid: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    sp_ent: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    sp_start: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    sp_end: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    sp_keep: np.ndarray = field(default_factory=lambda: np.empty(0, bool))
    rows: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {s: [] for s in SCHEMA})
    frames: dict[str, list[pl.DataFrame]] = field(
        default_factory=lambda: {s: [] for s in SCHEMA})
    accidents: list[dict[str, Any]] = field(default_factory=list)
    incidents: list[dict[str, Any]] = field(default_factory=list)
    incident_person: list[dict[str, Any]] = field(default_factory=list)
    tally: dict[str, int] = field(default_factory=dict)

    def n(self, base: float, minimum: int = 1) -> int:
        """A count given at scale 1.0, scaled."""
        return max(minimum, round(base * self.scale))

    def count(self, key: str, k: int = 1) -> None:
        self.tally[key] = self.tally.get(key, 0) + k

    def add_row(self, source: str, **kw: Any) -> None:
        cols = SCHEMA[source]
        row = {c: kw[c] if c in kw else DEFAULTS[c] for c in cols}
        unknown = set(kw) - set(cols)
        assert not unknown, (source, unknown)
        self.rows[source].append(row)

    def add_frame(self, source: str, data: dict[str, Any],
                  keep: np.ndarray | None = None) -> None:
        """Columns as arrays (object arrays for text), optionally filtered by ``keep``."""
        cols = SCHEMA[source]
        n = len(next(iter(data.values())))
        series = []
        for c, t in cols.items():
            v = data.get(c, DEFAULTS.get(c))
            if not isinstance(v, np.ndarray):
                v = np.full(n, v, dtype=object if v is None or isinstance(v, str) else None)
            if keep is not None:
                v = v[keep]
            series.append(pl.Series(c, v.tolist() if v.dtype == object else v, dtype=t))
        self.frames[source].append(pl.DataFrame(series))

    def table(self, source: str) -> pl.DataFrame:
        cols = SCHEMA[source]
        parts = list(self.frames[source])
        if self.rows[source]:
            parts.append(pl.DataFrame(self.rows[source], schema=cols))
        return pl.concat(parts, how="vertical") if parts else pl.DataFrame(schema=cols)
