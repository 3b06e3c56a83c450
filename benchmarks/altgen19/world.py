"""The world: people, enterprises with their workforces, and the generation context."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import polars as pl

from . import geo
from .ident import corrupt_uscc, make_ids, make_uscc
from .names import han_names, mongol_names

YEAR_START = dt.date(2024, 1, 1)
YEAR_END = dt.date(2024, 12, 31)
EXPORT = dt.date(2025, 3, 31)
DEATH_WINDOW_START = dt.date(2023, 8, 1)
EPOCH = np.datetime64("1970-01-01", "D")


def d64(d: dt.date) -> np.datetime64:
    return np.datetime64(d, "D")


def to_date(x: Any) -> dt.date:
    """A numpy datetime64[D] (or date) as a Python date."""
    if isinstance(x, dt.date):
        return x
    days = (np.datetime64(x, "D") - EPOCH) // np.timedelta64(1, "D")
    return dt.date(1970, 1, 1) + dt.timedelta(days=int(days))


# month weights for deaths (winter higher) indexed by month 1..12
DEATH_MONTH_W = np.array([1.25, 1.15, 1.05, 0.95, 0.9, 0.85, 0.85, 0.85, 0.9, 0.95, 1.05, 1.2])


def seasonal_dates(rng: np.random.Generator, start: dt.date, end: dt.date, n: int,
                   month_w: np.ndarray = DEATH_MONTH_W) -> np.ndarray:
    """``n`` dates in [start, end] with month weights."""
    days = np.arange(d64(start), d64(end) + 1)
    months = days.astype("datetime64[M]").astype(np.int64) % 12
    w = month_w[months]
    return rng.choice(days, size=n, p=w / w.sum())


class People:
    """Everyone who appears in any record, built in vectorised chunks."""

    def __init__(self) -> None:
        self._chunks: list[dict[str, np.ndarray]] = []
        self.n = 0
        self.frame: pl.DataFrame | None = None
        self._cache: dict[str, np.ndarray] = {}

    def add(self, rng: np.random.Generator, *, region: np.ndarray, male: np.ndarray,
            birth: np.ndarray, mongol: np.ndarray | None = None,
            migrant: np.ndarray | None = None, raw_names: np.ndarray | None = None,
            role: str = "") -> np.ndarray:
        k = len(region)
        if mongol is None:
            share = np.array([geo.county(r).mongol if r.startswith("15") else 0.0 for r in region])
            mongol = rng.random(k) < share
        if migrant is None:
            migrant = np.array([not r.startswith("15") for r in region])
        if raw_names is None:
            raw_names = np.where(mongol, mongol_names(rng, male), han_names(rng, male))
        ids = np.arange(self.n, self.n + k, dtype=np.int64)
        self._chunks.append({
            "person_id": ids, "raw_name": np.asarray(raw_names, dtype=object),
            "male": np.asarray(male, dtype=bool), "mongol": np.asarray(mongol, dtype=bool),
            "migrant": np.asarray(migrant, dtype=bool), "region": np.asarray(region, dtype=object),
            "birth": np.asarray(birth, dtype="datetime64[D]"),
            "role": np.full(k, role, dtype=object)})
        self.n += k
        self._cache.clear()
        return ids

    def col(self, name: str) -> np.ndarray:
        """One attribute of everyone added so far, indexed by person_id."""
        if name not in self._cache:
            self._cache[name] = np.concatenate([c[name] for c in self._chunks])
        return self._cache[name]

    def finalize(self, rng: np.random.Generator, dup_pairs: list[tuple[int, int]]) -> pl.DataFrame:
        """All people with unique 18-digit IDs, except ``dup_pairs`` (a, b): b's register entry
        was given a's number (and a's birth date, sex and region)."""
        cols = {k: np.concatenate([c[k] for c in self._chunks]) for k in self._chunks[0]}
        for a, b in dup_pairs:
            for k in ("birth", "male", "region"):
                cols[k][b] = cols[k][a]
        n = len(cols["person_id"])
        region = np.array([int(r) for r in cols["region"]], dtype=np.int64)
        seq = rng.integers(0, 500, size=n) * 2 + cols["male"].astype(np.int64)
        ids = make_ids(region, cols["birth"], seq)
        for _ in range(50):  # redraw colliding sequence numbers
            s = pl.Series(ids)
            dup = s.is_duplicated().to_numpy()
            if not dup.any():
                break
            first = s.is_first_distinct().to_numpy()
            redo = dup & ~first
            seq[redo] = rng.integers(0, 500, size=int(redo.sum())) * 2 + \
                cols["male"][redo].astype(np.int64)
            ids[redo] = make_ids(region[redo], cols["birth"][redo], seq[redo])
        dup_id = np.zeros(n, dtype=bool)
        for a, b in dup_pairs:
            ids[b] = ids[a]
            dup_id[a] = dup_id[b] = True
        cols["id18"] = ids
        cols["dup_id"] = dup_id
        cols["name"] = np.array([x.replace("|", "") for x in cols["raw_name"]], dtype=object)
        self.frame = pl.DataFrame({k: (v.tolist() if v.dtype == object else v)
                                   for k, v in cols.items()})
        return self.frame


@dataclass
class Ent:
    idx: int
    kind: str
    industry: str
    high_risk: bool
    region: str
    name: str
    short: str
    uscc: str
    host: int = -1
    workers: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    enrolled: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))


# kind: industry, high risk, count at scale 1, median size, where (county or city weights or
# "pop"), migrant share, enrolment share, male share
KINDS: dict[str, tuple[str, bool, int, int, Any, float, float, float]] = {
    "openpit": ("coal_mining", True, 40, 900,
                {"150622": 14, "150627": 6, "150621": 2, "152502": 4, "152525": 2, "152526": 3,
                 "150703": 2, "150725": 2, "150724": 3, "150403": 2, "150581": 2, "150526": 1},
                0.15, 0.98, 0.9),
    "strip": ("construction", True, 200, 120, "host", 0.6, 0.55, 0.96),
    "haul_in": ("transport", False, 150, 90, "host", 0.5, 0.5, 0.97),
    "blast": ("other", True, 40, 35, "host", 0.3, 0.85, 0.95),
    "underground": ("coal_mining", True, 170, 350,
                    {"150627": 14, "150622": 8, "150626": 5, "150602": 3, "150621": 2, "150624": 4,
                     "150302": 3, "150303": 4, "150304": 4, "150205": 3, "150403": 2, "150404": 2,
                     "150703": 2, "150782": 1, "152921": 2, "152531": 1}, 0.4, 0.85, 0.96),
    "rare_earth_mine": ("non_coal_mining", True, 8, 600, {"150206": 3, "150223": 1},
                        0.15, 0.95, 0.85),
    "nonferrous": ("non_coal_mining", True, 110, 130,
                   {"150823": 3, "150824": 4, "150825": 4, "150425": 2, "150423": 2, "150426": 2,
                    "150421": 1, "152522": 2, "150727": 2, "150784": 1, "152921": 2, "152922": 1},
                   0.45, 0.7, 0.92),
    "quarry": ("non_coal_mining", True, 140, 25, "pop", 0.3, 0.45, 0.92),
    "coal_chem": ("hazardous_chemicals", True, 80, 500,
                  {"150624": 6, "150626": 4, "150622": 3, "150621": 2, "150627": 2, "150303": 3,
                   "152921": 2, "150207": 1, "150724": 1, "150581": 1}, 0.25, 0.95, 0.8),
    "chem": ("hazardous_chemicals", True, 140, 90,
             {"1503": 2, "1508": 1.5, "1529": 1.5, "1502": 1.5, "1506": 1.5, "1501": 1, "1504": 0.5,
              "1505": 0.5}, 0.2, 0.85, 0.75),
    "steel": ("metallurgy", True, 4, 4000, {"150203": 2, "150204": 1, "150207": 1}, 0.1, 0.99, 0.85),
    "re_smelt": ("metallurgy", True, 25, 300, {"150207": 2, "150204": 1, "150203": 1}, 0.15, 0.9,
                 0.8),
    "ferroalloy": ("metallurgy", True, 110, 180,
                   {"1503": 3.5, "1529": 1.5, "1509": 3.5, "1502": 1, "1506": 0.5}, 0.35, 0.7, 0.9),
    "aluminium": ("metallurgy", True, 10, 1200, {"150581": 1, "150207": 1}, 0.15, 0.97, 0.85),
    "power": ("other", False, 60, 250,
              {"1506": 3, "1525": 1.5, "1507": 1, "1502": 1, "1505": 1, "1504": 1, "1503": 0.5,
               "1501": 1}, 0.1, 0.98, 0.85),
    "construction": ("construction", True, 420, 100, "pop", 0.55, 0.4, 0.88),
    "haulier": ("transport", False, 320, 50,
                {"1506": 4.5, "1503": 1, "1502": 1, "1525": 1, "1507": 0.5, "1509": 1, "1508": 0.5,
                 "1504": 0.5}, 0.35, 0.45, 0.97),
    "manufacturing": ("manufacturing", False, 320, 180, "pop", 0.1, 0.9, 0.55),
    "fireworks": ("fireworks", True, 25, 12,
                  {"1504": 3, "1505": 2.5, "1501": 1.5, "1502": 1.5, "1509": 1.5}, 0.05, 0.7, 0.6),
    "services": ("other", False, 280, 70, "pop", 0.15, 0.85, 0.5),
}
CONTRACTOR_KINDS = ("strip", "haul_in", "blast")
GROUPS = ["北疆能源", "蒙西煤电", "草原能源", "国兴煤业", "塞北能源", "长城煤化"]
_BRAND_CHARS = "鑫达恒通宏远顺发金泰隆盛瑞丰兴旺永华利民昌荣汇源天润万广德胜富祥嘉禾伊蒙泽安正元亨博诚信聚众和佳兆益久晟"
WORKERS_PER_SCALE = 300_000


def _where_weights(where: Any) -> np.ndarray:
    if where == "pop":
        return geo.county_weights()
    w = np.zeros(len(geo.COUNTIES))
    for key, v in where.items():
        if len(key) == 6:
            w[geo.COUNTY_INDEX[key]] += v
        else:
            cw = geo.county_weights(geo.city_counties(key))
            w += v * cw
    return w / w.sum()


def _short_county(name: str) -> str:
    for suf in ("族自治旗", "自治旗", "联合旗", "矿区", "区", "县", "旗", "市"):
        if name.endswith(suf) and len(name) > len(suf) + 1:
            return name[: -len(suf)]
    return name


def _ent_names(rng: np.random.Generator, kind: str, region: str, brand: str,
               pit: str) -> tuple[str, str]:
    c = geo.county(region)
    city = c.city_name
    cs = _short_county(c.name)
    if kind == "openpit":
        g = GROUPS[int(rng.integers(len(GROUPS)))]
        return f"{g}{cs}{pit}露天煤矿有限责任公司", f"{pit}露天煤矿"
    if kind == "underground":
        return f"{city}{brand}煤业有限责任公司{pit}煤矿", f"{pit}煤矿"
    if kind == "strip":
        return f"{c.name}{brand}土石方工程有限公司", f"{brand}土石方"
    if kind == "haul_in":
        return f"{c.name}{brand}运输有限责任公司", f"{brand}运输"
    if kind == "blast":
        return f"内蒙古{brand}爆破工程有限公司", f"{brand}爆破"
    if kind == "rare_earth_mine":
        return f"包头{brand}稀土矿业有限公司", f"{brand}稀土矿"
    if kind == "nonferrous":
        metal = ["铅锌", "铜", "金", "萤石", "铁"][int(rng.integers(5))]
        return f"{c.name}{brand}{metal}矿业有限公司", f"{brand}{metal}矿"
    if kind == "quarry":
        return f"{c.name}{brand}石料有限公司", f"{brand}采石场"
    if kind == "coal_chem":
        return f"内蒙古{brand}煤化工有限公司", f"{brand}煤化工"
    if kind == "chem":
        return f"{city}{brand}化工有限责任公司", f"{brand}化工"
    if kind == "steel":
        return f"包头{brand}钢铁（集团）有限责任公司", f"{brand}钢铁"
    if kind == "re_smelt":
        return f"包头{brand}稀土冶炼有限公司", f"{brand}稀土"
    if kind == "ferroalloy":
        prod = ["硅铁", "铁合金", "硅锰"][int(rng.integers(3))]
        return f"{c.name}{brand}{prod}有限公司", f"{brand}{prod}"
    if kind == "aluminium":
        return f"{city}{brand}铝业有限公司", f"{brand}铝业"
    if kind == "power":
        g = GROUPS[int(rng.integers(len(GROUPS)))]
        return f"{g}{cs}{pit}发电有限责任公司", f"{pit}电厂"
    if kind == "construction":
        return f"{city}{brand}建筑工程有限公司", f"{brand}建筑"
    if kind == "haulier":
        return f"{c.name}{brand}物流有限公司", f"{brand}物流"
    if kind == "manufacturing":
        prod = ["乳业", "绒纺", "食品", "机械制造", "肉业", "建材"][int(rng.integers(6))]
        return f"{city}{brand}{prod}有限公司", f"{brand}{prod}"
    if kind == "fireworks":
        return f"{city}{brand}烟花爆竹批发有限公司", f"{brand}烟花"
    prod = ["物业管理", "商贸", "热力", "环卫服务"][int(rng.integers(4))]
    return f"{city}{brand}{prod}有限公司", f"{brand}{prod}"


def _pit_name(rng: np.random.Generator) -> str:
    if rng.random() < 0.75:
        a = geo._MONGOL_TOWN[int(rng.integers(len(geo._MONGOL_TOWN)))]
        b = geo._MONGOL_TOWN_END[int(rng.integers(len(geo._MONGOL_TOWN_END)))]
        return a + b
    return geo._HAN_TOWN[int(rng.integers(len(geo._HAN_TOWN)))] + \
        geo._HAN_TOWN_END[int(rng.integers(len(geo._HAN_TOWN_END)))]


def make_enterprises(rng: np.random.Generator, scale: float) -> list[Ent]:
    """The enterprise register, contractors placed at their host open-pit mines."""
    ents: list[Ent] = []
    used_names: set[str] = set()
    hosts: list[int] = []
    for kind, (industry, high, n1, _size, where, *_rest) in KINDS.items():
        n = max(1, round(n1 * scale))
        w = None if where == "host" else _where_weights(where)
        for _ in range(n):
            host = -1
            if where == "host":
                host = hosts[int(rng.integers(len(hosts)))]
                region = ents[host].region
            else:
                assert w is not None
                region = geo.COUNTIES[int(rng.choice(len(w), p=w))].code
            for _try in range(100):
                brand = "".join(rng.choice(list(_BRAND_CHARS), size=2, replace=False))
                name, short = _ent_names(rng, kind, region, brand, _pit_name(rng))
                if name not in used_names:
                    break
            used_names.add(name)
            uscc = make_uscc(rng, region)
            if rng.random() < 0.03:  # real registers hold some codes failing the check
                uscc = corrupt_uscc(uscc, rng)
            ents.append(Ent(len(ents), kind, industry, high, region, name, short, uscc, host))
            if kind == "openpit":
                hosts.append(len(ents) - 1)
    return ents


def _ages(rng: np.random.Generator, n: int, old_share: float) -> np.ndarray:
    age = np.clip(rng.normal(41, 10, size=n), 18, 59)
    old = rng.random(n) < old_share
    age[old] = rng.uniform(58, 66, size=int(old.sum()))
    return age


def birth_from_age(rng: np.random.Generator, age: np.ndarray, ref: np.ndarray) -> np.ndarray:
    days = (np.asarray(age, dtype=float) * 365.25).astype(np.int64) + rng.integers(0, 365,
                                                                                  size=len(age))
    return np.asarray(ref, dtype="datetime64[D]") - days.astype("timedelta64[D]")


def make_workers(rng: np.random.Generator, ents: list[Ent], people: People,
                 scale: float) -> pl.DataFrame:
    """Each enterprise's workforce (local and migrant), enrolled or not; returns one row per
    worker: person_id, ent, enrolled, start (spell start)."""
    sizes = np.array([KINDS[e.kind][3] for e in ents], dtype=float)
    sizes = sizes * rng.lognormal(0, 0.5, size=len(ents))
    target = WORKERS_PER_SCALE * scale
    if sizes.sum() > target:
        sizes *= target / sizes.sum()
    sizes = np.maximum(4, np.round(sizes)).astype(np.int64)
    cw = geo.county_weights()
    rows: list[pl.DataFrame] = []
    for e in ents:
        _ind, _hr, _n, _s, _w, mig, enrol, male_share = KINDS[e.kind]
        k = int(sizes[e.idx])
        migrant = rng.random(k) < mig
        local_home = np.where(rng.random(k) < 0.6, e.region,
                              np.array([c.code for c in geo.COUNTIES], dtype=object)[
                                  rng.choice(len(cw), size=k, p=cw)])
        home = np.where(migrant, geo.migrant_home(rng, e.region, k), local_home)
        male = rng.random(k) < male_share
        old_share = 0.06 if e.kind in ("strip", "construction", "quarry", "haul_in") else 0.01
        age = _ages(rng, k, old_share)
        birth = birth_from_age(rng, age, np.full(k, d64(YEAR_START)))
        share = np.array([geo.county(h).mongol * 0.6 if h.startswith("15") else 0.0
                          for h in home])
        mongol = rng.random(k) < share
        pids = people.add(rng, region=home, male=male, birth=birth, mongol=mongol,
                          migrant=migrant, role="worker")
        enrolled = rng.random(k) < enrol * np.where(migrant, 0.85, 1.0)
        e.workers, e.enrolled = pids, enrolled
        tenure = np.minimum(rng.exponential(4.5, size=k), np.maximum(age - 18, 0.1))
        new = rng.random(k) < 0.18
        start = d64(YEAR_START) - (tenure * 365.25).astype(np.int64).astype("timedelta64[D]")
        start[new] = d64(YEAR_START) + rng.integers(0, 420, size=int(new.sum())).astype(
            "timedelta64[D]")
        leaves = rng.random(k) < 0.12
        lo = np.maximum(start, d64(dt.date(2023, 6, 1))).astype(np.int64)
        hi = np.int64((d64(EXPORT) - EPOCH).astype(np.int64))
        leave_day = lo + (rng.random(k) * np.maximum(hi - lo, 1)).astype(np.int64)
        leave = np.where(leaves, leave_day, -1)
        rows.append(pl.DataFrame({"person_id": pids, "ent": np.full(k, e.idx),
                                  "enrolled": enrolled, "start": start,
                                  "leave": pl.Series(leave).cast(pl.Date)}).with_columns(
            pl.when(pl.col("leave") == dt.date(1969, 12, 31)).then(None)
            .otherwise(pl.col("leave")).alias("leave")))
    return pl.concat(rows)


@dataclass
class Ctx:
    """Everything the generators share."""
    rng: np.random.Generator
    pr: random.Random
    scale: float
    people: People
    ents: list[Ent]
    workers: pl.DataFrame
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    frames: dict[str, list[pl.DataFrame]] = field(default_factory=dict)
    spell_end: dict[int, dt.date] = field(default_factory=dict)
    dup_pairs: list[tuple[int, int]] = field(default_factory=list)
    borrowed: dict[int, int] = field(default_factory=dict)
    deaths: list[dict[str, Any]] = field(default_factory=list)
    notes: dict[str, int] = field(default_factory=dict)
    used: set[int] = field(default_factory=set)
    enrolled: dict[int, bool] = field(default_factory=dict)

    def add(self, source: str, **row: Any) -> None:
        self.rows.setdefault(source, []).append(row)

    def add_frame(self, source: str, df: pl.DataFrame) -> None:
        self.frames.setdefault(source, []).append(df)

    def note(self, key: str, k: int = 1) -> None:
        self.notes[key] = self.notes.get(key, 0) + k
