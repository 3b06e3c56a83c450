"""The world's building blocks: people, enterprises, and each department's export habits."""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from .ident import corrupt_id, make_id, make_uscc, mistype_uscc
from .names import NameMaker, spoil_name
from .places import (
    CITIES,
    COAL_CITY_WEIGHT,
    COUNTIES,
    COUNTY_NAME,
    COUNTY_POP,
    OLD_PREFIX,
    TOWN_WORDS,
    URBAN_CORE,
)

YEAR_START = date(2023, 1, 1)
YEAR_DAYS = 365
EXTRACT = date(2024, 6, 30)
INDUSTRIES = ["coal_mining", "non_coal_mining", "hazardous_chemicals", "metallurgy",
              "construction", "transport", "fireworks", "manufacturing", "other"]
HIGH_RISK = {"coal_mining", "non_coal_mining", "hazardous_chemicals", "metallurgy",
             "construction", "fireworks"}
# deaths and admissions follow the seasons (winter heavy; CO poisoning only Nov-Mar)
MONTH_WEIGHT = [1.25, 1.12, 1.02, 0.95, 0.9, 0.86, 0.85, 0.86, 0.9, 0.96, 1.08, 1.22]
_DAYS = [date(2023, 1, 1) + timedelta(days=i) for i in range(365)]
_DAY_CUM = list(itertools.accumulate(MONTH_WEIGHT[d.month - 1] for d in _DAYS))
_WINTER_DAYS = [d for d in _DAYS if d.month in (1, 2, 3, 11, 12)]


def fmt_date(d: date | None, style: str) -> str | None:
    if d is None:
        return None
    if style == "iso":
        return d.isoformat()
    if style == "slash":
        return f"{d.year}/{d.month}/{d.day}"
    if style == "compact":
        return f"{d:%Y%m%d}"
    return f"{d.year}年{d.month}月{d.day}日"


def month_end(d: date) -> date:
    nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def seasonal_date(rng: random.Random, winter_only: bool = False) -> date:
    """A day of 2023, more likely in winter."""
    if winter_only:
        return rng.choice(_WINTER_DAYS)
    return _DAYS[bisect.bisect(_DAY_CUM, rng.random() * _DAY_CUM[-1])]


def pick_cum(rng: random.Random, items: list, cum: Sequence[float]):
    return items[bisect.bisect(cum, rng.random() * cum[-1])]


def weighted(rng: random.Random, table: dict):
    """A key of ``table`` drawn with its value as weight."""
    r = rng.random() * sum(table.values())
    acc = 0.0
    key = None
    for key, wt in table.items():
        acc += wt
        if r < acc:
            return key
    return key


@dataclass(slots=True)
class Person:
    pid: str
    name: str
    sex: str
    birth: date
    hukou: str
    id18: str
    dup: bool = False

    def age_at(self, d: date) -> int:
        return d.year - self.birth.year - ((d.month, d.day) < (self.birth.month, self.birth.day))


@dataclass(slots=True)
class Enterprise:
    uscc: str
    name: str
    industry: str
    region: str
    high_risk: bool
    size: int
    short: str  # the name people use: the mine, the plant, the project
    registered: bool = True


@dataclass
class Source:
    """Rows of one export before their record ids: sort key, person, id kind, values."""
    rows: list[tuple] = field(default_factory=list)


# each department's habits ------------------------------------------------------------------
ID_PROFILE = {
    "accident_victims": {"missing": 0.05, "typo1": 0.03, "transposed": 0.012, "wrong_check": 0.01,
                         "legacy15": 0.004, "typo2": 0.004, "valid_corrupt": 0.002},
    "deregistrations": {"missing": 0.015, "typo1": 0.004, "legacy15": 0.004,
                        "wrong_check": 0.002},
    "cremations": {"missing": 0.24, "typo1": 0.06, "transposed": 0.025, "wrong_check": 0.025,
                   "legacy15": 0.03, "typo2": 0.01, "valid_corrupt": 0.004},
    "injury_claims": {"missing": 0.01, "typo1": 0.015, "transposed": 0.006, "wrong_check": 0.004,
                      "valid_corrupt": 0.002},
    "medical_records": {"missing": 0.12, "typo1": 0.025, "transposed": 0.01, "wrong_check": 0.01,
                        "legacy15": 0.01, "typo2": 0.004, "valid_corrupt": 0.002},
    "employment": {"typo1": 0.012, "transposed": 0.005, "wrong_check": 0.004, "legacy15": 0.003,
                   "valid_corrupt": 0.001},
}
LOWER_X = {"accident_victims": 0.15, "deregistrations": 0.0, "cremations": 0.3,
           "injury_claims": 0.05, "medical_records": 0.4, "employment": 0.1}
NAME_PROFILE = {
    "accident_victims": {"homophone": 0.04, "space": 0.01, "drop": 0.005, "traditional": 0.003},
    "deregistrations": {"homophone": 0.004, "traditional": 0.002},
    "cremations": {"homophone": 0.05, "traditional": 0.025, "space": 0.02, "dot": 0.005,
                   "drop": 0.01, "dup": 0.005, "pinyin": 0.003},
    "injury_claims": {"homophone": 0.02, "space": 0.006, "pinyin": 0.002},
    "medical_records": {"homophone": 0.04, "traditional": 0.006, "space": 0.012, "drop": 0.01,
                        "pinyin": 0.008},
    "employment": {"homophone": 0.01, "pinyin": 0.012, "traditional": 0.003, "space": 0.004},
}

ENT_WORDS = ["鑫源", "宏达", "兴旺", "华盛", "金泰", "恒通", "永盛", "瑞丰", "东辉", "晋丰", "泰和",
             "天元", "三元", "聚福", "鸿运", "昌盛", "宝丰", "福泰", "荣达", "德盛", "长兴", "隆鑫",
             "金石", "富源", "万通", "盛世", "众和", "利民", "新兴", "宏图", "远航", "金鼎", "正阳",
             "广汇", "华鑫", "晋源", "鼎盛", "通达", "安泰", "嘉禾", "汇丰", "大成", "永昌", "中兴",
             "润泽", "东方", "北辰", "西山", "南山", "凯达", "博远", "康达", "锦华", "盛源", "星光",
             "神农", "祥瑞", "振兴", "宇通", "恒泰"]
ENT_FORMS: dict[str, list[tuple[str, str]]] = {
    # (official name pattern, what people call it)
    "coal_mining": [("山西{group}{p}煤业有限公司", "{p}煤矿"), ("{c}{p}煤业有限责任公司", "{p}煤矿"),
                    ("山西{c}{p}煤矿有限公司", "{p}矿")],
    "non_coal_mining": [("{c}{p}矿业有限公司", "{p}铁矿"), ("{c}{p}铝矾土开采有限公司", "{p}铝土矿"),
                        ("{c}{p}石料有限公司", "{p}石料厂")],
    "hazardous_chemicals": [("山西{p}焦化有限公司", "{p}焦化厂"), ("{c}{p}化工有限公司", "{p}化工厂"),
                            ("{c}{p}燃气有限公司", "{p}燃气公司")],
    "metallurgy": [("山西{p}钢铁有限公司", "{p}钢厂"), ("{c}{p}铸造有限公司", "{p}铸造厂"),
                   ("{c}{p}镁业有限公司", "{p}镁厂")],
    "construction": [("山西{p}建筑工程有限公司", "{p}建筑"), ("{c}{p}建设集团有限公司", "{p}建设"),
                     ("山西{p}路桥工程有限公司", "{p}路桥")],
    "transport": [("{c}{p}运输有限公司", "{p}运输"), ("山西{p}物流有限公司", "{p}物流"),
                  ("{c}{p}客运有限责任公司", "{p}客运")],
    "fireworks": [("{c}{p}烟花爆竹有限公司", "{p}花炮厂")],
    "manufacturing": [("{c}{p}机械制造有限公司", "{p}机械厂"), ("山西{p}食品有限公司", "{p}食品厂"),
                      ("{c}{p}陶瓷有限公司", "{p}陶瓷厂"), ("{c}{p}建材有限公司", "{p}建材厂")],
    "other": [("{c}{p}物业管理有限公司", "{p}物业"), ("{c}{p}商贸有限公司", "{p}商贸"),
              ("{c}{p}环卫服务有限公司", "{p}环卫")],
}
GROUPS = ["晋能控股", "潞安", "焦煤", "华阳", "兰花", "同煤", "汾西", "霍州", "离柳"]
# the workforce the employment register holds, by industry, and the enterprise count (scale 1)
INDUSTRY_WORKERS = {"coal_mining": 0.30, "non_coal_mining": 0.04, "hazardous_chemicals": 0.06,
                    "metallurgy": 0.08, "construction": 0.15, "transport": 0.06,
                    "fireworks": 0.005, "manufacturing": 0.205, "other": 0.10}
INDUSTRY_FIRMS = {"coal_mining": 900, "non_coal_mining": 1500, "hazardous_chemicals": 1500,
                  "metallurgy": 800, "construction": 6000, "transport": 2500, "fireworks": 200,
                  "manufacturing": 9000, "other": 2600}


class World:
    def __init__(self, seed: int, scale: float) -> None:
        self.rng = random.Random(f"altgen12:{seed}")
        self.scale = scale
        self.names = NameMaker()
        self.used_ids: set[str] = set()
        self.dup_donors: list[Person] = []
        self.n_persons = 0
        self.src: dict[str, Source] = {s: Source() for s in ID_PROFILE}
        self.accidents: list = []
        self.enterprises: list[Enterprise] = []
        self.by_industry: dict[str, tuple[list[Enterprise], list[float]]] = {}
        self.ent_cum: list[float] = []
        self.county_cum = list(itertools.accumulate(COUNTY_POP))
        self.deaths: dict[str, tuple[str, str | None]] = {}
        self.incidents: list[dict] = []
        self.incident_person: list[dict] = []
        self.workers: list[tuple[Person, Enterprise]] = []
        self.counts: dict[str, int] = {}
        self.hosp_region: dict[str, str] = {}
        self.county_h: dict[str, str] = {}
        self.city_h: dict[str, list[str]] = {}
        self.homes: list = []
        self.homes_out: list = []
        self.county_home: dict = {}
        self.city_home: dict = {}
        self.provincial: list[str] = []
        self.city_counties: dict[str, list[str]] = {k: [c for c, _, _ in v[1]]
                                                    for k, v in CITIES.items()}

    # people ------------------------------------------------------------------------------
    def county(self) -> str:
        return pick_cum(self.rng, COUNTIES, self.county_cum)

    def new_person(self, sex: str, birth: date, hukou: str, surname: str | None = None) -> Person:
        rng = self.rng
        self.n_persons += 1
        pid = f"P{self.n_persons:07d}"
        name = self.names.make(rng, sex, birth.year)
        if surname:
            name = surname + name[1:]
        if self.dup_donors and rng.random() < 0.0006:
            donor = rng.choice(self.dup_donors)
            if donor.sex == sex:  # a register duplicate: same region, birth date and sequence
                p = Person(pid, name, sex, donor.birth, hukou, donor.id18, dup=True)
                donor.dup = True
                return p
        region = hukou
        if hukou[:2] == "14" and birth.year < 1984 and hukou[:4] in OLD_PREFIX and rng.random() < 0.4:
            region = OLD_PREFIX[hukou[:4]] + hukou[4:]
        odd = 1 if sex == "M" else 0
        for _ in range(50):
            id18 = make_id(region, birth, int(rng.random() * 500) * 2 + odd)
            if id18 not in self.used_ids:
                break
        self.used_ids.add(id18)
        p = Person(pid, name, sex, birth, hukou, id18)
        if self.n_persons % 97 == 0:
            self.dup_donors.append(p)
        return p

    def person_aged(self, age: int, sex: str, hukou: str, at: date = YEAR_START) -> Person:
        birth = at - timedelta(days=age * 365 + self.rng.randrange(365))
        return self.new_person(sex, birth, hukou)

    def border_home(self, region: str, name: str):
        """A funeral home across the provincial border, shared with Shanxi's civil affairs."""
        from .records import Home
        for h in self.homes_out:
            if h.name == name:
                return h
        h = Home(100 + len(self.homes_out), region, name, "iso", True, False, 0.1)
        self.homes_out.append(h)
        return h

    def take_worker(self) -> tuple[Person, Enterprise]:
        """A worker of the register who is about to die: no later record may use them."""
        i = self.rng.randrange(len(self.workers))
        self.workers[i], self.workers[-1] = self.workers[-1], self.workers[i]
        return self.workers.pop()

    # enterprises --------------------------------------------------------------------------
    def build_enterprises(self) -> None:
        rng = self.rng
        used: set[str] = set()
        ccum = list(itertools.accumulate(COAL_CITY_WEIGHT[c[:4]] * p * (0.02 if c in URBAN_CORE
                                                                         else 1.0)
                                         for c, p in zip(COUNTIES, COUNTY_POP, strict=True)))
        for ind in INDUSTRIES:
            n = max(3, round(INDUSTRY_FIRMS[ind] * self.scale))
            firms: list[Enterprise] = []
            for _ in range(n):
                region = pick_cum(rng, COUNTIES, ccum) if ind == "coal_mining" else self.county()
                cname = COUNTY_NAME[region]
                cshort = cname[:-1] if len(cname) > 2 else cname
                for _ in range(30):
                    p = rng.choice(ENT_WORDS) if rng.random() < 0.6 else rng.choice(TOWN_WORDS)
                    form, short = rng.choice(ENT_FORMS[ind])
                    name = form.format(group=rng.choice(GROUPS) + "集团", p=p, c=cshort)
                    if name not in used:
                        break
                    p = p + rng.choice(["一", "二", "三", "新", "东", "西"])
                    name = form.format(group=rng.choice(GROUPS) + "集团", p=p, c=cshort)
                    if name not in used:
                        break
                used.add(name)
                uscc = make_uscc(rng, region)
                if rng.random() < 0.025:  # some real codes fail the check
                    uscc = uscc[:17] + rng.choice([c for c in "0123456789ABCDEF" if c != uscc[17]])
                hr = rng.random() < {"transport": 0.3, "manufacturing": 0.06, "other": 0.0}.get(
                    ind, 0.95)
                size = int(rng.paretovariate(1.3) * (60 if ind == "coal_mining" else 8))
                firms.append(Enterprise(uscc, name, ind, region, hr, min(size, 5000),
                                        short.format(p=p)))
            self.enterprises.extend(firms)
            wsum = sum(f.size for f in firms)
            cum = list(itertools.accumulate(f.size * INDUSTRY_WORKERS[ind] / wsum for f in firms))
            self.by_industry[ind] = (firms, cum)
        allf = [f for ind in INDUSTRIES for f in self.by_industry[ind][0]]
        self.enterprises = allf
        self.ent_cum = list(itertools.accumulate(
            f.size * INDUSTRY_WORKERS[f.industry] / sum(g.size for g in self.by_industry[
                f.industry][0]) for f in allf))

    def employer(self, industry: str | None = None) -> Enterprise:
        if industry is None:
            return pick_cum(self.rng, self.enterprises, self.ent_cum)
        firms, cum = self.by_industry[industry]
        return pick_cum(self.rng, firms, cum)

    def unregistered_employer(self, industry: str, region: str) -> Enterprise:
        """An illegal pit or a labour gang: no code, not in the register, no insurance."""
        rng = self.rng
        town = rng.choice(TOWN_WORDS)
        if industry == "coal_mining":
            name = f"{COUNTY_NAME[region]}{town}村小煤窑"
        elif industry == "non_coal_mining":
            name = f"{COUNTY_NAME[region]}{town}采石场(个体)"
        else:
            name = f"{town}施工队(包工头{rng.choice('王李张刘郭武贾')}某)"
        return Enterprise("", name, industry, region, True, 10, name, registered=False)

    def ent_name(self, e: Enterprise, dept: str) -> str:
        """How a department writes an employer: the register's full name, the mine's name, a
        dropped province prefix, 有限公司 for 有限责任公司, brackets and stray spaces."""
        rng = self.rng
        if not e.registered:
            return e.name
        r = rng.random()
        name = e.name
        if dept == "accidents":
            if r < 0.35:
                return e.short if rng.random() < 0.5 else f"{name}{e.short}"
            if r < 0.5:
                return name.removeprefix("山西")
            return name
        if dept == "medical":
            if r < 0.5:
                return e.short
            if r < 0.7:
                return name.replace("有限公司", "").replace("有限责任公司", "")
            return name
        if dept == "claims":
            if r < 0.12:
                return name.replace("有限责任公司", "有限公司")
            if r < 0.2:
                return name.removeprefix("山西").replace("有限公司", "有限责任公司")
            if r < 0.25:
                return name.replace("山西", "山西省", 1)
            if r < 0.28:
                return name[:4] + " " + name[4:]
            return name
        if dept == "employment":
            if r < 0.06:
                return name.replace("有限公司", "有限责任公司")
            if r < 0.1:
                return name + " "
            return name
        return name

    def write_uscc(self, e: Enterprise, p_missing: float, p_typo: float) -> str | None:
        if not e.registered:
            return None
        r = self.rng.random()
        if r < p_missing:
            return None
        if r < p_missing + p_typo:
            return mistype_uscc(self.rng, e.uscc)
        return e.uscc

    # what departments write about a person --------------------------------------------------
    def write_id(self, p: Person, src: str, boost_legacy: bool = False) -> tuple[str | None, str]:
        rng = self.rng
        prof = ID_PROFILE[src]
        r = rng.random()
        acc = 0.0
        kind = "clean"
        for k, pr in prof.items():
            acc += pr * (4 if (k == "legacy15" and boost_legacy) else 1)
            if r < acc:
                kind = k
                break
        if kind == "clean" and p.id18.endswith("X") and rng.random() < LOWER_X[src]:
            kind = "lower_x"
        value, kind = corrupt_id(rng, p.id18, kind)
        if kind == "clean" and p.dup:
            kind = "duplicate"
        return value, kind

    def write_name(self, p: Person, src: str) -> str:
        return spoil_name(self.rng, p.name, NAME_PROFILE[src])

    def add(self, src: str, key: tuple, p: Person, kind: str, values: tuple) -> None:
        self.src[src].rows.append((key, p.pid, kind, values))


def dt(d: date, minutes: int) -> datetime:
    return datetime(d.year, d.month, d.day) + timedelta(minutes=minutes)
