"""World state: population, enterprises, workers and employment spells, record buffers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import polars as pl

from .geo import OUT_PROVINCE, TOWN_WORDS, VILLAGE_WORDS, Geo
from .ident import make_ids, make_usccs
from .names import make_names

EPOCH = dt.date(1970, 1, 1)


def day(y: int, m: int, d: int) -> int:
    return (dt.date(y, m, d) - EPOCH).days


D0 = day(2023, 1, 1)  # start of the observation window
D1 = day(2024, 6, 30)  # extraction date: no record carries a later date
REF = day(2023, 10, 1)

INDUSTRIES = ["coal_mining", "non_coal_mining", "hazardous_chemicals", "metallurgy",
              "construction", "transport", "fireworks", "manufacturing", "other"]
HIGH_RISK = {"coal_mining", "non_coal_mining", "hazardous_chemicals", "fireworks", "metallurgy",
             "construction"}
IND_SHARE = [0.05, 0.08, 0.07, 0.05, 0.30, 0.14, 0.01, 0.20, 0.10]
IND_SIZE = [300.0, 50.0, 120.0, 200.0, 70.0, 35.0, 25.0, 60.0, 25.0]  # median enrolled workers
IND_MALE = [0.96, 0.9, 0.75, 0.85, 0.88, 0.9, 0.6, 0.65, 0.5]
IND_WORDS = {
    "coal_mining": ["煤业", "煤矿", "煤业集团"], "non_coal_mining": ["矿业", "石料", "铝矾土矿业"],
    "hazardous_chemicals": ["化工", "焦化", "精细化工"], "metallurgy": ["钢铁", "铸造", "冶炼"],
    "construction": ["建筑工程", "建设集团", "建工"], "transport": ["运输", "物流", "汽车运输"],
    "fireworks": ["烟花爆竹", "花炮"], "manufacturing": ["机械制造", "装备制造", "制品"],
    "other": ["商贸", "实业", "物业管理"],
}
BRANDS = list("鑫源金泰宏达永兴晋丰恒泰瑞丰兴旺广源顺发昌盛隆盛福源东辉三元凯嘉义棠华晟"
              "盛大正通荣昌德信宝山天和润通新峰安泰")
SUFFIXES = ["有限公司", "有限责任公司", "股份有限公司", "集团有限公司"]
OTHER_EMPLOYER_WORDS = ["商贸", "餐饮管理", "物业服务", "保洁服务", "超市", "酒店管理", "快递服务",
                        "汽车维修", "装饰工程", "农业开发"]


def days_to_date(x: np.ndarray | list[int | None]) -> pl.Series:
    return pl.Series(x, dtype=pl.Int32).cast(pl.Date)


def secs_to_datetime(x: np.ndarray | list[int | None]) -> pl.Series:
    return (pl.Series(x, dtype=pl.Int64) * 1_000_000).cast(pl.Datetime("us"))


def place_names(rng: np.random.Generator, n: int) -> np.ndarray:
    tw = np.array(TOWN_WORDS)
    t = np.char.add(tw[rng.integers(0, len(tw), n)], tw[rng.integers(0, len(tw), n)])
    v = np.char.add(tw[rng.integers(0, len(tw), n)],
                    np.array(VILLAGE_WORDS)[rng.integers(0, len(VILLAGE_WORDS), n)])
    return np.char.add(np.char.add(t, "镇"), v)


@dataclass
class Pop:
    names: list[np.ndarray] = field(default_factory=list)
    male: list[np.ndarray] = field(default_factory=list)
    birth: list[np.ndarray] = field(default_factory=list)
    hukou: list[np.ndarray] = field(default_factory=list)
    ids: list[np.ndarray] = field(default_factory=list)
    n: int = 0
    _cache: dict[str, np.ndarray] = field(default_factory=dict)

    def add(self, rng: np.random.Generator, geo: Geo, ages: np.ndarray, male_p: float | np.ndarray,
            out_p: float | np.ndarray = 0.0, hukou: np.ndarray | None = None,
            ref: int = REF) -> np.ndarray:
        k = len(ages)
        if k == 0:
            return np.zeros(0, dtype=np.int64)
        male = rng.random(k) < male_p
        birth = (ref - np.floor(ages * 365.25) - rng.integers(0, 365, k)).astype(np.int64)
        if hukou is None:
            hk = geo.county_codes[rng.choice(len(geo.county_codes), k, p=geo.county_pop_w)]
            out = rng.random(k) < out_p
            hukou = np.where(out, np.array(OUT_PROVINCE)[rng.integers(0, len(OUT_PROVINCE), k)],
                             hk)
        ymd = _ymd(birth)
        seq = rng.integers(0, 500, k) * 2 + male.astype(np.int64)
        self.names.append(make_names(rng, male))
        self.male.append(male)
        self.birth.append(birth)
        self.hukou.append(np.asarray(hukou).astype("U6"))
        self.ids.append(make_ids(np.asarray(hukou).astype("U6"), ymd, seq))
        idx = np.arange(self.n, self.n + k)
        self.n += k
        self._cache.clear()
        return idx

    def arr(self, what: str) -> np.ndarray:
        if what not in self._cache:
            self._cache[what] = np.concatenate(getattr(self, what))
        return self._cache[what]


def _ymd(days: np.ndarray) -> np.ndarray:
    d = np.datetime64("1970-01-01") + days.astype("timedelta64[D]")
    y = d.astype("datetime64[Y]").astype(int) + 1970
    m = d.astype("datetime64[M]").astype(int) % 12 + 1
    dd = (d - d.astype("datetime64[M]")).astype(int) + 1
    return y * 10000 + m * 100 + dd


def ages_at(birth: np.ndarray, at: np.ndarray | int) -> np.ndarray:
    return np.floor((np.asarray(at) - birth) / 365.25).astype(np.int64)


@dataclass
class Enterprises:
    uscc: np.ndarray
    name: np.ndarray
    alt: np.ndarray  # variant as other departments write it
    short: np.ndarray
    industry: np.ndarray
    region: np.ndarray
    high_risk: np.ndarray
    size: np.ndarray
    n_reg: int  # the first n_reg are in the enterprise register


def make_enterprises(rng: np.random.Generator, geo: Geo, n_reg: int, n_other: int) -> Enterprises:
    ind = np.array(INDUSTRIES)[rng.choice(len(INDUSTRIES), n_reg, p=IND_SHARE)]
    heavy = np.isin(ind, ["coal_mining", "non_coal_mining", "hazardous_chemicals", "metallurgy"])
    reg_pop = geo.county_codes[rng.choice(len(geo.county_codes), n_reg, p=geo.county_pop_w)]
    reg_coal = geo.county_codes[rng.choice(len(geo.county_codes), n_reg, p=geo.county_coal_w)]
    region = np.where(heavy, reg_coal, reg_pop)
    ind_o = np.array(["other"] * n_other, dtype="U20")
    ind_o[rng.random(n_other) < 0.3] = "manufacturing"
    region_o = geo.county_codes[rng.choice(len(geo.county_codes), n_other, p=geo.county_pop_w)]
    ind_all = np.concatenate([ind, ind_o])
    region_all = np.concatenate([region, region_o])
    n = n_reg + n_other
    # names: 山西 + county + brand + industry word + suffix, unique
    seen: set[str] = set()
    names, alts, shorts = [], [], []
    for i in range(n):
        county = geo.county_name(str(region_all[i]))
        cshort = county[:-1] if len(county) > 2 else county
        while True:
            brand = "".join(rng.choice(BRANDS, 2))
            if i < n_reg:
                word = str(rng.choice(IND_WORDS[str(ind_all[i])]))
            else:
                word = str(rng.choice(OTHER_EMPLOYER_WORDS))
            suf = str(rng.choice(SUFFIXES, p=[0.6, 0.25, 0.05, 0.1]))
            full = f"山西{cshort}{brand}{word}{suf}"
            if full not in seen:
                break
        seen.add(full)
        names.append(full)
        alt = full[2:] if rng.random() < 0.5 else "山西省" + full[2:]
        if suf == "有限公司" and rng.random() < 0.3:
            alt = alt.replace("有限公司", "有限责任公司")
        alts.append(alt)
        shorts.append(f"{cshort}{brand}{word}")
    med = np.array([IND_SIZE[INDUSTRIES.index(str(x))] for x in ind_all])
    size = np.maximum(3, np.round(med * rng.lognormal(0, 0.9, n)))
    size[n_reg:] = np.maximum(3, np.round(15 * rng.lognormal(0, 0.8, n_other)))
    hr = np.isin(ind_all, list(HIGH_RISK)) & (rng.random(n) < 0.75)
    hr |= rng.random(n) < 0.03
    uscc = make_usccs(region_all, rng, bad_share=0.02)
    return Enterprises(uscc, np.array(names), np.array(alts), np.array(shorts), ind_all,
                       region_all, hr, size, n_reg)


@dataclass
class World:
    rng: np.random.Generator
    geo: Geo
    scale: float
    pop: Pop
    ent: Enterprises
    # workers
    w_person: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    w_emp: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    w_start: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    w_end: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # -1 open
    taken: set[int] = field(default_factory=set)  # persons used by incidents / deaths
    emp_end_override: dict[int, int | None] = field(default_factory=dict)  # person -> end day
    recs: dict[str, list[pl.DataFrame]] = field(default_factory=dict)
    rows: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    incidents: list[dict[str, object]] = field(default_factory=list)
    incident_person: list[dict[str, object]] = field(default_factory=list)
    deaths: list[pl.DataFrame] = field(default_factory=list)
    incident_deaths: list[dict[str, object]] = field(default_factory=list)
    accidents: list[dict[str, object]] = field(default_factory=list)

    def add_rows(self, source: str, row: dict[str, object]) -> None:
        self.rows.setdefault(source, []).append(row)

    def add_frame(self, source: str, df: pl.DataFrame) -> None:
        self.recs.setdefault(source, []).append(df)

    def n(self, per_scale1: float, minimum: int = 1) -> int:
        return max(minimum, round(per_scale1 * self.scale))


def make_workers(w: World, n_workers: int) -> None:
    rng, ent = w.rng, w.ent
    p = ent.size[: ent.n_reg] / ent.size[: ent.n_reg].sum()
    emp = rng.choice(ent.n_reg, n_workers, p=p)
    ind_idx = np.array([INDUSTRIES.index(str(x)) for x in ent.industry[: ent.n_reg]])[emp]
    male_p = np.array(IND_MALE)[ind_idx]
    out_p = np.where(np.isin(ind_idx, [0, 1, 4]), 0.2, 0.05)
    ages = np.clip(rng.normal(41, 10, n_workers), 18, 60)
    persons = w.pop.add(rng, w.geo, ages, male_p, out_p)
    birth = w.pop.arr("birth")[persons]
    earliest = np.maximum(day(2005, 1, 1), birth + int(18 * 365.25))
    start = np.maximum(earliest, D1 - 30 - np.round(rng.exponential(6 * 365, n_workers)))
    start = np.minimum(start, D1 - 5).astype(np.int64)
    ended = rng.random(n_workers) < 0.10
    lo = np.maximum(start + 30, D0)
    end = np.where(ended & (lo < D1), lo + (rng.random(n_workers) * np.maximum(D1 - lo, 1)), -1)
    w.w_person, w.w_emp = persons, emp
    w.w_start, w.w_end = start, end.astype(np.int64)
