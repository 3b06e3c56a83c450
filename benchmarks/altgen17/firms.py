"""The enterprises: Shanxi's state coal groups and their mines, private mines and the contractors
that dig for them, coking and chemical plants, non-coal mines and quarries, metallurgy, builders,
fireworks, hauliers and ordinary factories — and the several ways each name gets written."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import geo as G
from .core import RENAMED
from .ident import make_uscc

_CORE = "鑫盛泰华源丰宏兴隆达昌祥瑞鼎恒晋通远金龙凤德荣顺安利新宇嘉兆永福东方天正汇润万和聚"
_CORE_HOMOPHONE = {"鑫": "新", "盛": "晟", "泰": "太", "源": "元", "丰": "峰", "宏": "鸿",
                   "兴": "星", "隆": "龙", "达": "大", "昌": "常", "祥": "翔", "瑞": "睿",
                   "恒": "衡", "晋": "进", "荣": "融", "顺": "舜", "利": "力", "宇": "玉", "汇": "惠",
                   "润": "闰", "聚": "巨", "福": "富", "嘉": "佳", "永": "勇"}


@dataclass
class Group:
    prefix: str          # in legal names of the mines
    short: str           # how people say it
    old_prefix: str      # before the 2020 reorganisation ("" when none)
    hq: str              # county of the headquarters
    cities: tuple[str, ...]


GROUPS = [
    Group("晋能控股煤业集团", "晋能控股", "大同煤矿集团", "140213", ("1402", "1406", "1409")),
    Group("晋能控股装备制造集团", "晋能装备", "晋城无烟煤矿业集团", "140502", ("1405",)),
    Group("山西焦煤集团", "焦煤", "", "140109", ("1401", "1411")),
    Group("山西焦煤霍州煤电集团", "霍州煤电", "", "141082", ("1410",)),
    Group("山西焦煤汾西矿业集团", "汾西矿业", "", "140781", ("1407",)),
    Group("潞安化工集团", "潞安", "山西潞安矿业集团", "140406", ("1404",)),
    Group("华阳新材料科技集团", "华阳", "阳泉煤业（集团）", "140302", ("1403",)),
    Group("中煤平朔集团", "中煤平朔", "", "140603", ()),
]


@dataclass
class Firm:
    uscc: str
    name: str
    short: str
    colloquial: str
    old_name: str | None
    industry: str
    kind: str
    region: str
    high_risk: bool
    in_register: bool
    size: int
    enrol: float
    host: int            # contractors: the mine they work in (-1 otherwise)
    group: int           # state mines: the group (-1 otherwise)


# kind: (industry, count at scale 1, median workforce, enrolment rate, where)
KINDS: dict[str, tuple[str, int, int, float, str]] = {
    "state_mine": ("coal_mining", 480, 550, 0.97, "coal"),
    "private_mine": ("coal_mining", 380, 220, 0.6, "coal"),
    "contractor": ("construction", 300, 70, 0.4, "coal"),
    "coking": ("hazardous_chemicals", 110, 500, 0.85, "coking"),
    "chemical": ("hazardous_chemicals", 450, 150, 0.85, "chemical"),
    "noncoal": ("non_coal_mining", 1000, 35, 0.5, "noncoal"),
    "metallurgy": ("metallurgy", 280, 250, 0.85, "metal"),
    "construction": ("construction", 2200, 40, 0.35, "pop"),
    "fireworks": ("fireworks", 40, 40, 0.6, "fireworks"),
    "transport": ("transport", 900, 35, 0.7, "pop"),
    "manufacturing": ("manufacturing", 1400, 50, 0.8, "pop"),
    "other": ("other", 700, 25, 0.7, "pop"),
}
HIGH_RISK_INDUSTRIES = ("coal_mining", "non_coal_mining", "hazardous_chemicals", "metallurgy",
                        "construction", "fireworks")


def _where(geo: G.Geo, key: str) -> tuple[list[str], np.ndarray]:
    table = {"coal": G.COAL_COUNTIES, "coking": G.COKING_COUNTIES,
             "chemical": G.CHEMICAL_COUNTIES, "metal": G.METAL_COUNTIES,
             "noncoal": G.NONCOAL_COUNTIES, "fireworks": G.FIREWORK_COUNTIES}.get(key)
    if table is None:
        w = np.array(geo.weights)
        return geo.codes, w / w.sum()
    codes = list(table)
    w = np.array([table[c] for c in codes], dtype=float)
    return codes, w / w.sum()


def _county_short(geo: G.Geo, code: str) -> str:
    name = geo.names[geo.index[code]]
    if name in ("城区", "矿区", "郊区"):
        return G.city_name(code)
    return name[:-1] if len(name) > 2 else name


def _group_for(code: str, rng: np.random.Generator) -> int:
    city = code[:4]
    if city == "1406" and rng.random() < 0.35:
        return 7
    if city == "1407" and code in ("140725", "140724", "140723", "140722"):
        return 6
    if city == "1411" and rng.random() < 0.3:
        return 0
    for gi, g in enumerate(GROUPS):
        if city in g.cities:
            return gi
    return 2


def _names(kind: str, core: str, cs: str, city: str, rng: np.random.Generator,
           group: Group | None, host_core: str) -> tuple[str, str, str, str | None]:
    """Legal name, short name, what people call it, and the old legal name if it had one."""
    r = rng.random()
    if kind == "state_mine" and group is not None:
        name = f"{group.prefix}{core}煤业有限公司"
        old = f"{group.old_prefix}{core}煤业有限公司" if group.old_prefix else None
        return name, f"{group.short}{core}煤矿", f"{core}矿", old
    if kind == "private_mine":
        name = f"山西{cs}{core}煤业有限公司" if r < 0.6 else f"{city}{cs}{core}煤矿有限责任公司"
        return name, f"{cs}{core}煤业", f"{core}煤矿", None
    if kind == "contractor":
        if r < 0.4:
            return f"山西{core}矿山建设工程有限公司", f"{core}矿建", f"{host_core}矿{core}工程队", None
        if r < 0.7:
            return f"{city}{core}井巷工程有限公司", f"{core}井巷", f"{core}工程队", None
        return f"山西{core}建筑劳务有限公司", f"{core}劳务", f"{core}劳务队", None
    if kind == "coking":
        if r < 0.5:
            return f"山西{core}焦化集团有限公司", f"{core}焦化", f"{core}焦化厂", None
        return f"{cs}{core}煤焦化有限公司", f"{cs}{core}焦化", f"{core}焦化厂", None
    if kind == "chemical":
        if r < 0.45:
            return f"山西{core}化工有限公司", f"{core}化工", f"{core}化工厂", None
        if r < 0.75:
            return f"山西{core}精细化工股份有限公司", f"{core}精细化工", f"{core}化工厂", None
        return f"{cs}{core}化肥有限责任公司", f"{core}化肥", f"{core}化肥厂", None
    if kind == "noncoal":
        if r < 0.45:
            return f"{cs}{core}铁矿有限公司", f"{core}铁矿", f"{core}铁矿", None
        if r < 0.75:
            return f"{cs}{core}石料厂", f"{core}石料厂", f"{core}采石场", None
        return f"山西{cs}{core}铝土矿有限公司", f"{core}铝土矿", f"{core}矿", None
    if kind == "metallurgy":
        if r < 0.3:
            return f"山西{core}钢铁有限公司", f"{core}钢铁", f"{core}钢厂", None
        if r < 0.55:
            return f"{cs}{core}铸造有限公司", f"{core}铸造", f"{core}铸造厂", None
        if r < 0.8:
            return f"山西{core}铝业有限公司", f"{core}铝业", f"{core}铝厂", None
        return f"{cs}{core}镁业有限公司", f"{core}镁业", f"{core}镁厂", None
    if kind == "construction":
        if r < 0.45:
            return f"山西{core}建筑工程有限公司", f"{core}建筑", f"{core}工地", None
        if r < 0.8:
            return f"{city}{core}建设集团有限公司", f"{core}建设", f"{core}建设工地", None
        return f"山西{core}建筑安装工程有限公司", f"{core}建安", f"{core}工地", None
    if kind == "fireworks":
        if r < 0.6:
            return f"{cs}{core}烟花爆竹有限公司", f"{core}烟花", f"{core}炮厂", None
        return f"{cs}{core}花炮厂", f"{core}花炮厂", f"{core}炮厂", None
    if kind == "transport":
        if r < 0.5:
            return f"{city}{core}运输有限公司", f"{core}运输", f"{core}车队", None
        if r < 0.8:
            return f"山西{core}物流有限公司", f"{core}物流", f"{core}物流", None
        return f"{city}{core}汽车运输集团有限公司", f"{core}汽运", f"{core}汽运", None
    if kind == "manufacturing":
        stem = ["机械制造", "陶瓷", "玻璃制品", "食品", "水泥"][int(rng.integers(0, 5))]
        return f"山西{core}{stem}有限公司", f"{core}{stem}", f"{core}{stem[:2]}厂", None
    stem = ["物业管理", "商贸", "环卫服务", "市政工程"][int(rng.integers(0, 4))]
    return f"{city}{core}{stem}有限公司", f"{core}{stem}", f"{core}{stem[:2]}", None


def build_firms(rng: np.random.Generator, geo: G.Geo, scale: float) -> list[Firm]:
    firms: list[Firm] = []
    used: set[str] = set()
    mines: list[int] = []
    for kind, (industry, count, median, enrol, where) in KINDS.items():
        n = max(2, round(count * scale))
        codes, p = _where(geo, where)
        regions = rng.choice(len(codes), n, p=p)
        sizes = np.maximum(5, np.round(median * rng.lognormal(0.0, 0.6, n))).astype(int)
        for j in range(n):
            code = codes[int(regions[j])]
            host = -1
            group_i = -1
            host_core = ""
            if kind == "contractor":
                host = mines[int(rng.integers(0, len(mines)))]
                code = firms[host].region if rng.random() < 0.6 else code
                host_core = firms[host].colloquial[:2]
            if kind == "state_mine":
                group_i = _group_for(code, rng)
            for _ in range(50):
                core = _CORE[int(rng.integers(0, len(_CORE)))] + _CORE[int(rng.integers(0, len(_CORE)))]
                if core[0] == core[1]:
                    continue
                legal, short, coll, old = _names(kind, core, _county_short(geo, code),
                                                 G.city_name(code), rng,
                                                 GROUPS[group_i] if group_i >= 0 else None, host_core)
                if legal not in used:
                    break
            used.add(legal)
            if kind in ("state_mine", "private_mine"):
                mines.append(len(firms))
            hr = industry in HIGH_RISK_INDUSTRIES
            if industry == "construction":
                hr = kind == "contractor" or rng.random() < 0.4
            if kind == "metallurgy":
                hr = rng.random() < 0.75
            if kind == "contractor" and rng.random() < 0.35:
                industry, hr = "other", False  # a labour-dispatch firm on paper
            in_reg = not (kind == "contractor" and rng.random() < 0.3) and not (
                kind in ("construction", "other") and rng.random() < 0.08)
            reg_code = code if kind != "state_mine" or rng.random() < 0.7 else GROUPS[group_i].hq
            firms.append(Firm(
                uscc=make_uscc(rng, reg_code, valid=rng.random() > 0.012), name=legal,
                short=short, colloquial=coll, old_name=old, industry=industry, kind=kind,
                region=code, high_risk=hr, in_register=in_reg, size=int(sizes[j]),
                enrol=enrol, host=host, group=group_i))
    return firms


def employer_text(rng: np.random.Generator, f: Firm, style: str, *, when: int | None = None) -> str:
    """The enterprise's name as one department writes it. ``style``: ``report`` (emergency
    management), ``claim`` (work-injury office), ``hr`` (enrolment), ``medical`` (what a patient or
    workmate tells the admitting nurse). ``when``: day of the record, for renamed enterprises."""
    r = rng.random()
    if f.old_name and when is not None and when < RENAMED and rng.random() < 0.5:
        return f.old_name
    if style == "medical":
        if r < 0.4:
            return f.colloquial
        if r < 0.7:
            return f.short
        if r < 0.9:
            return f.name
        return _homophone_core(rng, f.short)
    cut = {"report": 0.62, "claim": 0.72, "hr": 0.86}[style]
    if r < cut:
        return f.name
    v = rng.random()
    name = f.name
    if v < 0.25 and name.startswith("山西"):
        return name[2:]
    if v < 0.45:
        if name.endswith("有限责任公司"):
            return name[:-6] + "有限公司"
        if name.endswith("股份有限公司"):
            return name[:-6] + "有限公司"
        if name.endswith("有限公司"):
            return name[:-4] + ("有限责任公司" if rng.random() < 0.5 else "")
        return name + "有限公司"
    if v < 0.6:
        return f.short
    if v < 0.72:
        return name.replace("（", "(").replace("）", ")") if "（" in name else name + " "
    if v < 0.85:
        return _homophone_core(rng, name)
    if v < 0.93:
        if name.startswith("山西"):
            return f"山西省{name[2:]}"
        city = G.city_name(f.region)
        return name if name.startswith(city) else f"{city}市{name}"
    return name.replace("有限责任公司", "").replace("股份有限公司", "").replace("有限公司", "")


def _homophone_core(rng: np.random.Generator, text: str) -> str:
    pos = [i for i, c in enumerate(text) if c in _CORE_HOMOPHONE]
    if not pos:
        return text
    i = pos[int(rng.integers(0, len(pos)))]
    return text[:i] + _CORE_HOMOPHONE[text[i]] + text[i + 1:]
