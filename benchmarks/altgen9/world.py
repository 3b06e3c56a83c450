"""The simulated world: people (with their registered name, sex, birth date, home region and
ID), enterprises and social-insurance enrolment spells."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import numpy as np

from .geo import Geo
from .ident import make_ids, make_uscc
from .names import make_names

EPOCH = np.datetime64("1970-01-01", "D")


def day(s: str) -> int:
    return int((np.datetime64(s, "D") - EPOCH).astype(np.int64))


D0 = day("2021-01-01")  # first event day
D1 = day("2024-04-30")  # last event day
DX = day("2024-06-30")  # extraction: nothing is dated later
OPEN = 10**6  # an open spell's end
NULL_DAY = -(10**8)  # a date left empty

INDUSTRIES = ["coal_mining", "non_coal_mining", "hazardous_chemicals", "metallurgy",
              "construction", "transport", "fireworks", "manufacturing", "other"]
HIGH_RISK = {"coal_mining", "non_coal_mining", "hazardous_chemicals", "metallurgy",
             "construction", "fireworks"}


class People:
    """A growable column store of persons; ids are row positions."""

    def __init__(self, geo: Geo, rng: np.random.Generator, r: random.Random) -> None:
        self.geo, self.rng, self.r = geo, rng, r
        self.n = 0
        cap = 1024
        self.male = np.zeros(cap, dtype=bool)
        self.birth = np.zeros(cap, dtype=np.int64)
        self.home = np.zeros(cap, dtype=np.int64)  # region index (household registration)
        self.mongol = np.zeros(cap, dtype=bool)
        self.death = np.full(cap, OPEN, dtype=np.int64)
        self.names: list[str] = []
        self.parts: dict[int, tuple[str, str, str, str]] = {}
        self.ids: np.ndarray | None = None

    def _grow(self, need: int) -> None:
        cap = len(self.male)
        if need <= cap:
            return
        new = max(need, cap * 2)
        for a in ("male", "birth", "home", "mongol", "death"):
            old = getattr(self, a)
            fill = OPEN if a == "death" else 0
            arr = np.full(new, fill, dtype=old.dtype)
            arr[:cap] = old
            setattr(self, a, arr)

    def add(self, birth: np.ndarray, male: np.ndarray, home: np.ndarray,
            mongol_boost: float = 1.0) -> np.ndarray:
        n = len(birth)
        self._grow(self.n + n)
        s = slice(self.n, self.n + n)
        self.birth[s], self.male[s], self.home[s] = birth, male, home
        mongol = self.rng.random(n) < np.minimum(self.geo.mongol[home] * mongol_boost, 0.95)
        self.mongol[s] = mongol
        names, parts = make_names(n, male, mongol, self.rng, self.r)
        self.names.extend(names)
        for k, v in parts.items():
            self.parts[self.n + k] = v
        ids = np.arange(self.n, self.n + n)
        self.n += n
        return ids

    def finalize_ids(self) -> None:
        b = (self.birth[: self.n]).astype("datetime64[D]")
        ymd = np.char.replace(np.datetime_as_string(b), "-", "").astype(np.int64)
        region = self.geo.code[self.home[: self.n]].astype(np.int64)
        self.ids = make_ids(region, ymd, self.male[: self.n], self.rng)

    def age_at(self, pids: np.ndarray, days: np.ndarray) -> np.ndarray:
        return ((days - self.birth[pids]) / 365.2425).astype(np.int64)


def births_for_age(rng: np.random.Generator, ages: np.ndarray, at: np.ndarray) -> np.ndarray:
    """Birth days for people of the given (whole-year) ages at the given days."""
    return at - (ages * 365.2425 + rng.integers(0, 365, size=len(ages))).astype(np.int64)


@dataclass
class Enterprises:
    uscc: list[str]
    name: list[str]
    variants: list[list[str]]
    industry: np.ndarray
    region: np.ndarray
    high_risk: np.ndarray
    size: np.ndarray
    valid: np.ndarray
    by_industry: dict[str, np.ndarray] = field(default_factory=dict)


_IND_W = {"coal_mining": 7, "non_coal_mining": 5, "hazardous_chemicals": 5, "metallurgy": 4,
          "construction": 24, "transport": 14, "fireworks": 0.6, "manufacturing": 20,
          "other": 20.4}
_IND_REGIONS = {
    "coal_mining": "150622 20 150627 20 150621 5 150626 4 150624 6 150302 3 150303 6 150304 5 "
                   "152502 6 152525 3 150703 3 150724 2 150725 2 150581 4 150403 4 150602 5 "
                   "152921 2",
    "non_coal_mining": "150206 15 150223 10 150222 8 150825 10 150824 6 150823 5 150425 8 "
                       "150424 6 150422 6 150421 3 152922 4 152921 4 152522 3 150926 3 150207 4",
    "hazardous_chemicals": "150303 15 150304 10 150624 15 150627 8 150626 8 150622 7 150207 8 "
                           "152921 10 150981 3 150403 3 150581 3 150502 3 150122 5",
    "metallurgy": "150203 20 150204 5 150207 8 150221 5 150302 6 150303 5 150624 12 150902 8 "
                  "150981 6 150926 5 150403 4 150581 8 150122 3 152921 5",
    "fireworks": "150430 3 150426 2 150502 2 150429 3",
}
_TRANSPORT_EXTRA = "150622 8 150627 8 150303 5 150824 6 152501 5 150781 4 152923 3 150602 6"

_CORE = list("鑫泰宏源昌盛达恒丰瑞祥通金富华隆兴鼎汇聚蒙伊德正佳晟远腾骏荣安顺弘利")
_CORE2 = ["草原", "北方", "黄河", "阴山", "大青山", "乌兰", "巴音", "蒙西", "蒙东", "准能", "伊泰",
          "神东", "西部", "塞北", "天骄", "敕勒川", "漠南", "白云", "乌拉", "贺兰"]
_SUFFIX = {
    "coal_mining": ["煤炭有限责任公司", "煤业有限公司", "矿业有限责任公司", "能源有限公司",
                    "煤矿有限公司"],
    "non_coal_mining": ["矿业有限公司", "稀土有限责任公司", "铁矿有限公司", "萤石矿业有限公司",
                        "有色金属矿业有限公司"],
    "hazardous_chemicals": ["化工有限责任公司", "煤化工有限公司", "氯碱化工有限公司",
                            "精细化工有限公司", "焦化有限公司"],
    "metallurgy": ["冶金有限公司", "硅铁有限责任公司", "钢铁有限公司", "稀土冶炼有限公司",
                   "铁合金有限公司", "铝业有限公司"],
    "construction": ["建筑工程有限公司", "建设集团有限公司", "路桥工程有限公司",
                     "建筑安装工程有限公司", "市政工程有限公司"],
    "transport": ["物流有限公司", "运输有限责任公司", "汽车运输有限公司", "煤炭运销有限公司"],
    "fireworks": ["烟花爆竹有限公司", "花炮有限公司"],
    "manufacturing": ["机械制造有限公司", "食品有限公司", "乳业有限公司", "绒纺有限公司",
                      "新材料有限公司", "装备制造有限公司"],
    "other": ["商贸有限公司", "农牧业有限公司", "物业服务有限公司", "餐饮管理有限公司",
              "酒店管理有限公司", "农牧业专业合作社"],
}
_SIZE_MULT = {"coal_mining": 5.0, "non_coal_mining": 2.5, "hazardous_chemicals": 2.5,
              "metallurgy": 3.5, "construction": 1.5, "transport": 0.8, "fireworks": 0.6,
              "manufacturing": 1.2, "other": 0.6}


def _parse_w(spec: str, geo: Geo) -> tuple[np.ndarray, np.ndarray]:
    t = spec.split()
    return (np.array([geo.idx[c] for c in t[0::2]]),
            np.array([float(x) for x in t[1::2]]))


def make_enterprises(n: int, geo: Geo, rng: np.random.Generator,
                     r: random.Random) -> Enterprises:
    inds = list(_IND_W)
    w = np.array([_IND_W[i] for i in inds])
    ind_idx = rng.choice(len(inds), size=n, p=w / w.sum())
    ind_idx[: len(inds)] = np.arange(len(inds))  # every industry at least once
    industry = np.array(inds)[ind_idx]
    region = geo.sample_im(rng, n)
    for ind, spec in _IND_REGIONS.items():
        m = industry == ind
        cand, cw = _parse_w(spec, geo)
        region[m] = rng.choice(cand, size=int(m.sum()), p=cw / cw.sum())
    m = (industry == "transport") & (rng.random(n) < 0.5)
    cand, cw = _parse_w(_TRANSPORT_EXTRA, geo)
    region[m] = rng.choice(cand, size=int(m.sum()), p=cw / cw.sum())
    size = rng.lognormal(3.0, 1.1, size=n) * np.array([_SIZE_MULT[i] for i in industry])
    hr_p = np.select([np.isin(industry, ["coal_mining", "non_coal_mining", "hazardous_chemicals",
                                         "fireworks", "metallurgy"]),
                      industry == "construction", industry == "transport"],
                     [0.92, 0.3, 0.12], 0.02)
    high_risk = rng.random(n) < hr_p
    names, variants, usccs, seen = [], [], [], set()
    valid = rng.random(n) >= 0.03
    for i in range(n):
        city = geo.city_name[geo.code[region[i]][:4]]
        county = geo.name[region[i]]
        while True:
            core = r.choice(_CORE) + r.choice(_CORE) if r.random() < 0.7 else r.choice(_CORE2)
            suffix = r.choice(_SUFFIX[industry[i]])
            prefix = r.choices([city, "内蒙古", county, ""], weights=[45, 25, 20, 10])[0]
            if prefix == "" and len(core) < 3:
                prefix = city
            nm = prefix + core + suffix
            if nm not in seen:
                break
        seen.add(nm)
        names.append(nm)
        short = core + suffix
        v = [nm, nm.replace("有限责任公司", "有限公司"), short]
        if prefix == "内蒙古":
            v.append("内蒙" + core + suffix)
        if industry[i] == "coal_mining":
            v.append(core + "煤矿")
            v.append(prefix + core + suffix.replace("有限责任公司", "（集团）有限责任公司"))
        if r.random() < 0.3:
            v.append(nm.replace("有限公司", "有限责任公司") if "有限责任" not in nm
                     else nm.replace("有限责任公司", "有限公司"))
        variants.append(v)
        head = "93" if nm.endswith("合作社") else ("92" if r.random() < 0.01 else "91")
        u = make_uscc(geo.code[region[i]], r, new_style=r.random() < 0.55, head=head)
        if not valid[i]:  # the register holds a code that fails its own check
            c = u[17]
            u = u[:17] + r.choice([x for x in "0123456789ABCDEFGHJKLMNPQRTUWXY" if x != c])
        usccs.append(u)
    e = Enterprises(usccs, names, variants, industry, region, high_risk, size, valid)
    for ind in inds:
        e.by_industry[ind] = np.flatnonzero(industry == ind)
    return e


@dataclass
class Spells:
    worker: list[int] = field(default_factory=list)
    emp: list[int] = field(default_factory=list)
    start: list[int] = field(default_factory=list)
    end: list[int] = field(default_factory=list)

    def add(self, worker, emp, start, end) -> None:
        self.worker.extend(np.atleast_1d(worker).tolist())
        self.emp.extend(np.atleast_1d(emp).tolist())
        self.start.extend(np.atleast_1d(start).tolist())
        self.end.extend(np.atleast_1d(end).tolist())

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        return (np.array(self.worker, dtype=np.int64), np.array(self.emp, dtype=np.int64),
                np.array(self.start, dtype=np.int64), np.array(self.end, dtype=np.int64))
