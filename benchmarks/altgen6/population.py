"""The people and the employers: a person registry, enterprises, workers and their enrolment."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import polars as pl

from . import ids, names, places

START = np.datetime64("2023-01-01")  # first day of every export window
END = np.datetime64("2024-03-31")  # extraction day: nothing later is in any export
START_DAY, END_DAY = date(2023, 1, 1), date(2024, 3, 31)  # the same, for polars expressions
INCIDENT_END = np.datetime64("2024-03-15")

INDUSTRIES = ["coal_mining", "non_coal_mining", "hazardous_chemicals", "metallurgy",
              "construction", "transport", "fireworks", "manufacturing", "other"]
HIGH_RISK = {"coal_mining", "non_coal_mining", "hazardous_chemicals", "metallurgy",
             "construction", "fireworks"}
# per industry: enterprises at scale 1, median size, size spread, enrolment share, male share,
# share of out-of-province household registrations
_IND = {
    "coal_mining": (700, 300, 0.9, 0.85, 0.96, 0.12),
    "non_coal_mining": (1200, 40, 0.8, 0.58, 0.93, 0.18),
    "hazardous_chemicals": (900, 80, 0.8, 0.86, 0.75, 0.06),
    "metallurgy": (300, 260, 0.9, 0.86, 0.85, 0.08),
    "construction": (2600, 55, 1.0, 0.45, 0.88, 0.30),
    "transport": (1200, 30, 0.8, 0.70, 0.90, 0.05),
    "fireworks": (120, 25, 0.6, 0.50, 0.50, 0.03),
    "manufacturing": (1500, 80, 0.9, 0.80, 0.60, 0.06),
    "other": (500, 30, 0.8, 0.72, 0.55, 0.04),
}
_WORD = {
    "coal_mining": ["煤业", "煤业", "煤矿", "焦煤", "煤炭"],
    "non_coal_mining": ["矿业", "铁矿", "铝土矿业", "石料", "石膏矿业"],
    "hazardous_chemicals": ["化工", "焦化", "煤化工", "精细化工", "气体"],
    "metallurgy": ["钢铁", "冶炼", "铸造", "特钢", "镁业"],
    "construction": ["建筑工程", "建设", "建工", "路桥工程", "建筑安装工程"],
    "transport": ["运输", "物流", "汽车运输", "货运", "客运"],
    "fireworks": ["烟花爆竹", "花炮", "烟花"],
    "manufacturing": ["机械制造", "铝业", "玻璃制品", "陶瓷", "重工"],
    "other": ["商贸", "实业", "农业开发", "物业管理", "能源"],
}
_ZIHAO_CHARS = "华晋兴盛鑫源宏达金泰永安龙泉隆昌天和瑞丰恒汇聚富德顺三元四通正大宝山东方长城新峰凯嘉合利通泽润佳荣昊宇辰"


@dataclass
class People:
    """Every simulated person. Attributes are added in chunks and frozen once."""

    rng: np.random.Generator
    _male: list[np.ndarray] = field(default_factory=list)
    _birth: list[np.ndarray] = field(default_factory=list)
    _hukou: list[np.ndarray] = field(default_factory=list)
    n: int = 0
    male: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))
    birth: np.ndarray = field(default_factory=lambda: np.zeros(0, "datetime64[D]"))
    hukou: np.ndarray = field(default_factory=lambda: np.zeros(0, object))
    surname: np.ndarray = field(default_factory=lambda: np.zeros(0, object))
    given: np.ndarray = field(default_factory=lambda: np.zeros(0, object))
    id18: np.ndarray = field(default_factory=lambda: np.zeros(0, object))

    def add(self, male: np.ndarray, birth: np.ndarray, hukou: np.ndarray) -> np.ndarray:
        k = len(male)
        self._male.append(np.asarray(male, bool))
        self._birth.append(np.asarray(birth, "datetime64[D]"))
        self._hukou.append(np.asarray(hukou, object))
        out = np.arange(self.n, self.n + k)
        self.n += k
        self.male = np.concatenate(self._male)
        self.birth = np.concatenate(self._birth)
        self.hukou = np.concatenate(self._hukou)
        return out

    def add_random(self, k: int, *, age_at: np.datetime64, age_lo: np.ndarray | float,
                   age_hi: np.ndarray | float, p_male: float | np.ndarray,
                   p_outside: float = 0.02, hukou: np.ndarray | None = None) -> np.ndarray:
        """k new residents with uniform ages in [age_lo, age_hi) on the day given."""
        r = self.rng
        age_days = (r.uniform(age_lo, age_hi, k) * 365.25).astype(np.int64)
        birth = age_at - age_days.astype("timedelta64[D]")
        male = r.random(k) < p_male
        if hukou is None:
            hukou = home_counties(r, k, p_outside)
        return self.add(male, birth, hukou)

    def age(self, person: np.ndarray, on: np.ndarray) -> np.ndarray:
        """Completed years on the given day(s)."""
        b = self.birth[person]
        by = b.astype("datetime64[Y]").astype(int) + 1970
        oy = on.astype("datetime64[Y]").astype(int) + 1970
        bmd = (b - b.astype("datetime64[Y]")).astype(int)
        omd = (on.astype("datetime64[D]") - on.astype("datetime64[Y]")).astype(int)
        return oy - by - (omd < bmd)

    def freeze(self) -> None:
        """Names and ID numbers for everyone; a few real duplicated ID numbers."""
        r = self.rng
        by = self.birth.astype("datetime64[Y]").astype(int) + 1970
        self.surname = names.sample_surnames(r, self.n)
        self.given = names.sample_given(r, self.male, by)
        # the ID carries the region of first registration, not always today's household
        region = self.hukou.astype("U6").copy()
        moved = r.random(self.n) < 0.18
        region[moved] = places.COUNTY_CODES[r.choice(len(places.COUNTY_CODES), moved.sum(),
                                                     p=places.county_weights())]
        old = np.flatnonzero((by < 1985) & (r.random(self.n) < 0.35))
        for i in old:
            region[i] = places.old_region_code(region[i], r)
        idn = ids.make_ids(region, self.birth, self.male, r)
        # make accidental collisions unique again (new sequence numbers) ...
        for _ in range(20):
            s = pl.Series(idn.tolist())
            dup = np.flatnonzero((s.is_duplicated() & ~s.is_first_distinct()).to_numpy())
            if len(dup) == 0:
                break
            idn[dup] = ids.make_ids(region[dup], self.birth[dup], self.male[dup], r)
        # ... then a few true duplicates: two people issued the same number
        k = max(2, int(self.n * 0.0003))
        src = r.choice(self.n, k, replace=False)
        dst = r.choice(self.n, k, replace=False)
        ok = (src != dst) & (self.male[src] == self.male[dst])
        idn[dst[ok]] = idn[src[ok]]
        self.id18 = idn


def home_counties(rng: np.random.Generator, k: int, p_outside: float) -> np.ndarray:
    out = places.COUNTY_CODES[rng.choice(len(places.COUNTIES), k, p=places.county_weights())]
    out = out.astype(object)
    away = rng.random(k) < p_outside
    out[away] = places.OUTSIDE_CODES[rng.integers(0, len(places.OUTSIDE), away.sum())]
    return out


@dataclass
class Enterprises:
    uscc: np.ndarray
    name: np.ndarray  # full registered name
    zihao: np.ndarray  # the trade name (字号), for abbreviations
    word: np.ndarray  # the industry word in the name
    industry: np.ndarray
    region: np.ndarray
    high_risk: np.ndarray
    size: np.ndarray
    dispatch: np.ndarray  # a labour-dispatch agency, not a site employer
    conceal: np.ndarray  # propensity to hide an accident

    def __len__(self) -> int:
        return len(self.uscc)


def make_enterprises(rng: np.random.Generator, scale: float) -> Enterprises:
    rows: dict[str, list] = {k: [] for k in ("uscc", "name", "zihao", "word", "industry",
                                              "region", "high_risk", "size", "dispatch",
                                              "conceal")}
    seen: set[str] = set()
    pop_w, mine_w = places.county_weights(), places.mining_weights()
    for ind, (n1, med, sd, *_rest) in _IND.items():
        n = max(3, round(n1 * scale))
        mining = ind in ("coal_mining", "non_coal_mining")
        w = mine_w if mining else pop_w
        counties = rng.choice(len(places.COUNTIES), n, p=w)
        sizes = np.clip(rng.lognormal(np.log(med), sd, n), 3, 9000).astype(int)
        for ci, size in zip(counties, sizes, strict=True):
            county = places.COUNTIES[ci]
            while True:
                zihao = "".join(rng.choice(list(_ZIHAO_CHARS), 2, replace=False))
                word = str(rng.choice(_WORD[ind]))
                key = zihao + word
                if key not in seen:
                    seen.add(key)
                    break
            prefix = rng.choice(["山西", "山西", "山西省", county.full.split("市")[0] + "市",
                                 county.name.rstrip("县区市") if len(county.name) > 2 else
                                 county.name])
            suffix = rng.choice(["有限公司", "有限公司", "有限责任公司", "股份有限公司",
                                 "集团有限公司"], p=[0.45, 0.1, 0.3, 0.05, 0.1])
            name = f"{prefix}{zihao}{word}{suffix}"
            rows["uscc"].append(ids.make_uscc(county.code, rng))
            rows["name"].append(name)
            rows["zihao"].append(zihao)
            rows["word"].append(word)
            rows["industry"].append(ind)
            rows["region"].append(county.code)
            hr = (ind in HIGH_RISK and rng.random() < 0.93) or (ind == "manufacturing"
                                                              and rng.random() < 0.06)
            rows["high_risk"].append(bool(hr))
            rows["size"].append(int(size))
            rows["dispatch"].append(False)
            small = size < (150 if mining else 40)
            rows["conceal"].append(float(rng.gamma(2.0, 1.0) * (3.0 if small else 1.0)))
    for _ in range(max(3, round(150 * scale))):
        county = places.COUNTIES[int(rng.choice(len(places.COUNTIES), p=pop_w))]
        zihao = "".join(rng.choice(list(_ZIHAO_CHARS), 2, replace=False))
        word = str(rng.choice(["劳务派遣", "人力资源服务", "劳务"]))
        rows["uscc"].append(ids.make_uscc(county.code, rng))
        rows["name"].append(f"{places.CITIES[county.city]}市{zihao}{word}有限公司")
        rows["zihao"].append(zihao)
        rows["word"].append(word)
        rows["industry"].append("other")
        rows["region"].append(county.code)
        rows["high_risk"].append(False)
        rows["size"].append(0)
        rows["dispatch"].append(True)
        rows["conceal"].append(0.0)
    return Enterprises(**{k: np.array(v, dtype=object if k in ("uscc", "name", "zihao", "word",
                                                                "industry", "region") else None)
                          for k, v in rows.items()})


@dataclass
class Workers:
    person: np.ndarray
    employer: np.ndarray  # enterprise index of the site employer
    enrolled: np.ndarray  # enrolled in social insurance at all
    via: np.ndarray  # enterprise index of the enrolling employer (dispatch agency or itself)
    start: np.ndarray  # current job start
    borrowed: np.ndarray  # works under a relative's identity (and is enrolled under it)

    def __len__(self) -> int:
        return len(self.person)


def make_workers(rng: np.random.Generator, people: People, ent: Enterprises) -> Workers:
    site = np.flatnonzero(~ent.dispatch.astype(bool))
    agencies = np.flatnonzero(ent.dispatch.astype(bool))
    sizes = ent.size[site].astype(int)
    employer = np.repeat(site, sizes)
    n = len(employer)
    ind = ent.industry[employer]
    p_male = np.array([_IND[i][4] for i in ind])
    p_out = np.array([_IND[i][5] for i in ind])
    p_enrol = np.array([_IND[i][3] for i in ind])
    # the oldest hands in small mines and on building sites: often past retirement, informal
    old = rng.random(n) < np.where(np.isin(ind, ["non_coal_mining", "construction"]), 0.05, 0.01)
    age_lo = np.where(old, 60.0, 18.0)
    age_hi = np.where(old, 68.0, 60.0)
    # household registration: the employer's county, elsewhere in Shanxi, or another province
    hk = home_counties(rng, n, 0.0)
    local = rng.random(n) < 0.55
    hk[local] = ent.region[employer[local]]
    away = rng.random(n) < p_out
    hk[away] = places.OUTSIDE_CODES[rng.integers(0, len(places.OUTSIDE), away.sum())]
    person = people.add_random(n, age_at=START, age_lo=age_lo, age_hi=age_hi, p_male=p_male,
                               hukou=hk)
    small = ent.conceal[employer] > 4
    enrolled = (rng.random(n) < p_enrol * np.where(small, 0.7, 1.0)) & ~old
    via = employer.copy()
    disp = enrolled & np.isin(ind, ["coal_mining", "non_coal_mining", "construction",
                                    "metallurgy"]) & (rng.random(n) < 0.12)
    via[disp] = agencies[rng.integers(0, len(agencies), disp.sum())]
    tenure = rng.exponential(4.0, n).clip(0.05, 30) * 365.25
    start = START - tenure.astype(np.int64).astype("timedelta64[D]")
    # a job begun during the window
    late = rng.random(n) < 0.08
    start[late] = START + rng.integers(0, 420, late.sum()).astype("timedelta64[D]")
    borrowed = enrolled & np.isin(ind, ["coal_mining", "non_coal_mining"]) & (rng.random(n) < 0.01)
    return Workers(person, employer, enrolled, via, start, borrowed)


def make_former_miners(rng: np.random.Generator, people: People, ent: Enterprises,
                       scale: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Retired miners (closed enrolment spells at mines): natural deaths with a mining past."""
    mines = np.flatnonzero(np.isin(ent.industry, ["coal_mining", "non_coal_mining"]))
    k = max(5, round(60000 * scale))
    employer = mines[rng.integers(0, len(mines), k)]
    person = people.add_random(k, age_at=START, age_lo=55, age_hi=85, p_male=0.97,
                               hukou=ent.region[employer].copy())
    age = people.age(person, np.full(k, START))
    end = START - ((age - 58).clip(0, None) * 365.25 + rng.integers(0, 365, k)).astype(
        "timedelta64[D]")
    start = end - (rng.uniform(8, 30, k) * 365.25).astype(np.int64).astype("timedelta64[D]")
    return person, employer, start, end
