"""Guizhou's enterprises: small coal mines in outburst-prone seams being merged into groups
mid-period (new name and code), phosphate and other non-coal mines, phosphorus chemicals,
aluminium and ferroalloy smelters, highway/bridge/tunnel contractors working through labour
subcontractors, fireworks makers, mountain-road hauliers, manufacturing and the rest."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import geo
from .ident import make_uscc, uscc_typo

BRANDS = ["兴隆", "宏达", "鑫源", "恒通", "盛达", "金鑫", "隆昌", "永安", "福瑞", "顺发", "鼎盛", "华远", "新星", "富源", "泰和", "红旗", "东升", "天宏", "鸿运", "安达", "利民", "众鑫", "佳豪", "瑞丰", "万家", "宏发", "金鼎", "银河", "大地", "长城", "聚力", "丰源", "德润", "鑫达", "宏泰", "荣昌", "金源", "乌蒙", "黔兴", "黔通", "黔丰", "金沙", "红岩", "青龙", "白马", "黑山", "龙凤", "凤凰", "双龙", "三合", "四方", "五福", "六合", "七星", "八方", "九龙", "百盛", "千禧", "恒盛", "恒源", "汇丰", "汇通", "远航", "远大", "志诚", "德鑫", "祥和", "祥瑞", "中兴", "中恒", "中鑫", "正大", "正兴", "泰丰", "泰盛", "海达", "海鑫", "振兴", "振华", "华鑫", "华盛", "华通", "裕丰", "裕隆", "嘉禾", "嘉盛", "金山", "银山", "宝山", "青山", "明珠", "阳光", "东方", "西南", "南山", "北斗", "新华", "新民", "新光", "兴旺", "兴发", "旺达", "永兴", "永盛", "永鑫", "昌盛", "昌达", "瑞祥", "瑞鑫", "润丰", "鹏程", "腾达", "腾飞", "飞达", "鼎鑫", "鼎力", "同心", "同创", "合力", "合众"]
GROUPS = ["贵州黔能煤业集团有限公司", "贵州乌蒙山能源集团有限公司", "六盘水宏源煤业集团有限公司",
          "贵州盘兴能源投资有限公司", "毕节鼎盛煤业集团有限公司", "贵州黔西南恒泰能源有限公司"]
RIVERS = ["北盘江", "南盘江", "乌江", "清水江", "六冲河", "三岔河", "红水河", "赤水河", "都柳江",
          "舞阳河", "格凸河", "野纪河"]
PRODUCTS = ["酒业", "食品", "建材", "水泥", "机械制造", "电子科技", "服装", "家具", "制药", "茶业",
            "包装", "新材料", "木业", "饲料"]
SERVICES = ["商贸", "物业管理", "酒店管理", "餐饮管理", "农业开发", "保安服务", "环卫服务",
            "房地产开发", "电力安装", "园林绿化"]

# industry: (base count at scale 1, mean workforce, minimum count)
PLAN: dict[str, tuple[int, float, int]] = {
    "coal_mining": (420, 210.0, 5), "non_coal_mining": (260, 45.0, 3),
    "hazardous_chemicals": (200, 140.0, 3), "metallurgy": (90, 330.0, 2),
    "construction": (180, 110.0, 3), "labour": (480, 85.0, 4), "transport": (450, 25.0, 3),
    "fireworks": (40, 30.0, 2), "manufacturing": (2500, 45.0, 10), "other": (3000, 22.0, 10),
}
REGIONS: dict[str, tuple[dict[str, float], float]] = {
    "coal_mining": ({"520281": .20, "520204": .12, "520203": .08, "520201": .02, "520525": .10,
                     "520524": .08, "520521": .06, "520581": .05, "520523": .04, "520502": .03,
                     "520527": .02, "520526": .02, "522302": .04, "522323": .04, "522324": .03,
                     "522301": .02, "522325": .01, "522328": .01, "520322": .01, "520330": .01,
                     "520422": .01, "520181": .01}, 0.0),
    "non_coal_mining": ({"520121": .22, "522702": .14, "522725": .10, "520326": .05,
                         "520324": .04, "520325": .03, "520181": .04, "520628": .05}, 0.33),
    "hazardous_chemicals": ({"522702": .20, "520121": .15, "522725": .12, "520122": .08,
                             "520181": .05, "520201": .06, "520204": .04, "522301": .03}, 0.27),
    "metallurgy": ({"520181": .12, "520113": .10, "520303": .10, "520304": .06, "520201": .12,
                    "522302": .08, "520628": .08, "520603": .06, "520402": .06, "520502": .06},
                   0.16),
    "construction": ({"520115": .35, "520102": .20, "520103": .10, "520303": .05, "520502": .05,
                      "520201": .05}, 0.20),
    "fireworks": ({"522627": .3, "520622": .2, "522624": .1, "520623": .1}, 0.3),
    "manufacturing": ({"520382": .10}, 0.9),
}
HIGH_RISK_P = {"coal_mining": 1.0, "non_coal_mining": 1.0, "hazardous_chemicals": 1.0,
               "fireworks": 1.0, "metallurgy": 0.7, "construction": 0.5, "labour": 0.0,
               "transport": 0.2, "manufacturing": 0.03, "other": 0.01}


@dataclass
class Firms:
    name: list[str] = field(default_factory=list)
    uscc: list[str] = field(default_factory=list)
    industry: list[str] = field(default_factory=list)  # contract enum ("labour" → construction)
    kind: list[str] = field(default_factory=list)  # plan key, "group", "mine_group"
    county: list[int] = field(default_factory=list)
    high_risk: list[bool] = field(default_factory=list)
    size: list[int] = field(default_factory=list)
    in_register: list[bool] = field(default_factory=list)
    merge_to: list[int] = field(default_factory=list)
    merge_day: list[int] = field(default_factory=list)  # day offset from 2023-07-01, -1 none
    project: list[int] = field(default_factory=list)  # labour subcontractors and contractors
    brand: list[str] = field(default_factory=list)
    projects: list[tuple[int, int, str]] = field(default_factory=list)  # main firm, county, name
    _names: set[str] = field(default_factory=set)

    def add(self, name: str, industry: str, kind: str, county: int, size: int,
            rng: np.random.Generator, *, brand: str = "", high_risk: bool | None = None,
            uscc_region: str | None = None) -> int:
        base = name
        k = 2
        while name in self._names:
            name = base.replace("有限公司", f"第{k}分公司") if "有限公司" in base else f"{base}{k}号井"
            k += 1
        self._names.add(name)
        region = uscc_region or geo.COUNTIES[county].code
        code = make_uscc(region, rng)
        if rng.random() < 0.03:  # some codes on the register itself fail their check
            code = uscc_typo(code, rng)
        self.name.append(name)
        self.uscc.append(code)
        self.industry.append("construction" if kind == "labour" else industry)
        self.kind.append(kind)
        self.county.append(county)
        hr = rng.random() < HIGH_RISK_P.get(kind, 0.0) if high_risk is None else high_risk
        self.high_risk.append(bool(hr))
        self.size.append(size)
        self.in_register.append(True)
        self.merge_to.append(-1)
        self.merge_day.append(-1)
        self.project.append(-1)
        self.brand.append(brand)
        return len(self.name) - 1

    def __len__(self) -> int:
        return len(self.name)


def _pick(rng: np.random.Generator, seq: list[str] | tuple[str, ...]) -> str:
    return seq[int(rng.integers(len(seq)))]


def _town(rng: np.random.Generator) -> str:
    return _pick(rng, geo.TOWNS) + ("镇" if rng.random() < 0.7 else "乡")


def _name(kind: str, county: int, brand: str, rng: np.random.Generator) -> str:
    c = geo.short(geo.COUNTIES[county].name)
    code = geo.COUNTIES[county].code
    city = geo.CITIES[code[:4]].replace("州", "")
    u = rng.random()
    if kind == "coal_mining":
        if u < 0.5:
            return f"{c}{_town(rng)}{brand}煤矿"
        if u < 0.8:
            return f"{c}{brand}煤业有限公司"
        return f"贵州{brand}矿业有限公司{_pick(rng, BRANDS)}煤矿"
    if kind == "non_coal_mining":
        if code in ("520121", "522702", "522725"):
            return f"{c}{brand}磷矿" if u < 0.5 else f"贵州{brand}磷业有限公司{_town(rng)}磷矿"
        if code in ("520326", "520324", "520325", "520181"):
            return f"{c}{brand}铝土矿"
        if code == "520628":
            return f"松桃{brand}锰矿有限公司"
        return f"{c}{_town(rng)}{brand}采石场" if u < 0.6 else f"{c}{brand}砂石有限公司"
    if kind == "hazardous_chemicals":
        opts = [f"贵州{brand}磷化工有限责任公司", f"{c}{brand}化工有限公司", f"{c}{brand}黄磷厂",
                f"贵州{brand}化肥有限公司", f"{city}{brand}煤化工有限公司", f"{c}{brand}气体有限公司"]
        return _pick(rng, opts)
    if kind == "metallurgy":
        opts = [f"贵州{brand}铝业有限公司", f"{c}{brand}铁合金有限责任公司", f"{city}{brand}硅业有限公司",
                f"{c}{brand}冶金有限公司", f"贵州{brand}锰业有限公司", f"{city}{brand}钢铁有限公司"]
        return _pick(rng, opts)
    if kind == "construction":
        opts = [f"贵州{brand}路桥工程有限公司", f"贵州{brand}建设集团有限公司", f"贵州{brand}隧道工程有限公司",
                f"贵州{brand}交通建设有限公司", f"{city}{brand}建筑工程有限公司"]
        return _pick(rng, opts)
    if kind == "labour":
        opts = [f"{c}{brand}劳务有限公司", f"贵州{brand}建筑劳务有限公司", f"{city}{brand}劳务分包有限公司"]
        return _pick(rng, opts)
    if kind == "transport":
        opts = [f"{c}{brand}运输有限公司", f"贵州{brand}物流有限公司", f"{c}{brand}汽车运输有限责任公司",
                f"{city}{brand}货运有限公司"]
        return _pick(rng, opts)
    if kind == "fireworks":
        return f"{c}{brand}烟花爆竹有限公司" if u < 0.7 else f"{c}{brand}鞭炮厂"
    if kind == "manufacturing":
        prod = "酒业" if code == "520382" and u < 0.7 else _pick(rng, PRODUCTS)
        pre = _pick(rng, ["贵州", c, city])
        return f"{pre}{brand}{prod}有限公司"
    pre = _pick(rng, ["贵州", c, city])
    return f"{pre}{brand}{_pick(rng, SERVICES)}有限公司"


def build_firms(rng: np.random.Generator, scale: float) -> Firms:
    f = Firms()
    for gname in GROUPS:  # group head offices: registered in the province, no miners of their own
        f.add(gname, "coal_mining", "group", geo.CODE_INDEX["520115"], 0, rng, high_risk=True,
              uscc_region="520000")
    for kind, (base, mean, low) in PLAN.items():
        n = max(low, round(base * scale))
        if kind == "labour":
            continue
        weights, rest = REGIONS.get(kind, ({}, 1.0))
        counties = rng.choice(geo.N_COUNTIES, n, p=geo.county_weights(weights, rest))
        sizes = np.maximum(3, rng.lognormal(np.log(mean) - 0.3, 0.75, n)).astype(int)
        for i in range(n):
            brand = _pick(rng, BRANDS)
            county = int(counties[i])
            owned = kind == "coal_mining" and rng.random() < 0.3
            if owned:  # already a group's mine: bigger, stable name
                g = int(rng.integers(len(GROUPS)))
                nm = f"{GROUPS[g]}{brand}煤矿"
                idx = f.add(nm, kind, "mine_group", county, int(sizes[i] * 2.2), rng, brand=brand)
            else:
                nm = _name(kind, county, brand, rng)
                reg = "520000" if nm.startswith("贵州") and rng.random() < 0.5 else None
                idx = f.add(nm, kind, kind, county, int(sizes[i]), rng, brand=brand,
                            uscc_region=reg)
            if kind == "coal_mining" and not owned and rng.random() < 0.4:
                _merge(f, idx, rng)
    _projects(f, rng, scale)
    return f


def _merge(f: Firms, old: int, rng: np.random.Generator) -> None:
    """The small mine joins a group between August and November: from that day its miners work
    for a branch with a new name and a new code; the old entity may stay on the register."""
    g = int(rng.integers(len(GROUPS)))
    c = geo.short(geo.COUNTIES[f.county[old]].name)
    nm = f"{GROUPS[g]}{c}{f.brand[old]}煤矿"
    new = f.add(nm, "coal_mining", "coal_mining", f.county[old], f.size[old], rng,
                brand=f.brand[old], high_risk=True)
    f.merge_to[old] = new
    f.merge_day[old] = int(rng.integers(31, 153))
    f.in_register[old] = bool(rng.random() < 0.6)


def _projects(f: Firms, rng: np.random.Generator, scale: float) -> None:
    """Highway, bridge and tunnel sections of the main contractors, each staffed by labour
    subcontractors."""
    mains = [i for i, k in enumerate(f.kind) if k == "construction"]
    w = geo.county_weights({}, 1.0) * np.where(geo.COUNTY_URBAN == 2, 0.3, 1.0)
    w = w / w.sum()
    for m in mains:
        for _ in range(int(rng.integers(1, 4))):
            county = int(rng.choice(geo.N_COUNTIES, p=w))
            c = geo.short(geo.COUNTIES[county].name)
            u = rng.random()
            if u < 0.4:
                nm = f"{_pick(rng, geo.TOWNS)}至{_pick(rng, geo.TOWNS)}高速公路第{int(rng.integers(1, 12))}标段"
            elif u < 0.65:
                nm = f"{_pick(rng, RIVERS)}特大桥工程"
            elif u < 0.9:
                nm = f"{c}{_pick(rng, geo.TOWNS)}隧道工程"
            else:
                nm = f"{c}国道改扩建工程"
            f.projects.append((m, county, nm))
    n_lab = max(PLAN["labour"][2], round(PLAN["labour"][0] * scale))
    for j in range(n_lab):
        p = j % len(f.projects) if j < len(f.projects) else int(rng.integers(len(f.projects)))
        pcounty = f.projects[p][1]
        county = pcounty if rng.random() < 0.5 else int(rng.choice(geo.N_COUNTIES,
                                                                    p=geo.POP_WEIGHTS))
        brand = _pick(rng, BRANDS)
        size = max(5, int(rng.lognormal(np.log(PLAN["labour"][1]) - 0.3, 0.7)))
        idx = f.add(_name("labour", county, brand, rng), "construction", "labour", county, size,
                    rng, brand=brand)
        f.project[idx] = p
    for p, (m, _, _) in enumerate(f.projects):
        if f.project[m] < 0:
            f.project[m] = p
