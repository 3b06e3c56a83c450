"""Shanxi's geography as the records see it: 11 cities and their counties (GB/T 2260 as of
2022), the older codes that older ID numbers still carry, the counties migrant workers come from,
hospitals, funeral homes and place names."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

# city code, name, population (millions, 2020 census), main district
CITIES: list[tuple[str, str, float, str]] = [
    ("1401", "太原", 5.30, "140105"), ("1402", "大同", 3.11, "140213"),
    ("1403", "阳泉", 1.32, "140302"), ("1404", "长治", 3.18, "140403"),
    ("1405", "晋城", 2.19, "140502"), ("1406", "朔州", 1.59, "140602"),
    ("1407", "晋中", 3.38, "140702"), ("1408", "运城", 4.77, "140802"),
    ("1409", "忻州", 2.68, "140902"), ("1410", "临汾", 3.98, "141002"),
    ("1411", "吕梁", 3.40, "141102"),
]

_COUNTIES = """
140105 小店区|140106 迎泽区|140107 杏花岭区|140108 尖草坪区|140109 万柏林区|140110 晋源区|140121 清徐县|140122 阳曲县|140123 娄烦县|140181 古交市
140212 新荣区|140213 平城区|140214 云冈区|140215 云州区|140221 阳高县|140222 天镇县|140223 广灵县|140224 灵丘县|140225 浑源县|140226 左云县
140302 城区|140303 矿区|140311 郊区|140321 平定县|140322 盂县
140403 潞州区|140404 上党区|140405 屯留区|140406 潞城区|140423 襄垣县|140425 平顺县|140426 黎城县|140427 壶关县|140428 长子县|140429 武乡县|140430 沁县|140431 沁源县
140502 城区|140521 沁水县|140522 阳城县|140524 陵川县|140525 泽州县|140581 高平市
140602 朔城区|140603 平鲁区|140621 山阴县|140622 应县|140623 右玉县|140681 怀仁市
140702 榆次区|140703 太谷区|140721 榆社县|140722 左权县|140723 和顺县|140724 昔阳县|140725 寿阳县|140727 祁县|140728 平遥县|140729 灵石县|140781 介休市
140802 盐湖区|140821 临猗县|140822 万荣县|140823 闻喜县|140824 稷山县|140825 新绛县|140826 绛县|140827 垣曲县|140828 夏县|140829 平陆县|140830 芮城县|140881 永济市|140882 河津市
140902 忻府区|140921 定襄县|140922 五台县|140923 代县|140924 繁峙县|140925 宁武县|140926 静乐县|140927 神池县|140928 五寨县|140929 岢岚县|140930 河曲县|140931 保德县|140932 偏关县|140981 原平市
141002 尧都区|141021 曲沃县|141022 翼城县|141023 襄汾县|141024 洪洞县|141025 古县|141026 安泽县|141027 浮山县|141028 吉县|141029 乡宁县|141030 大宁县|141031 隰县|141032 永和县|141033 蒲县|141034 汾西县|141081 侯马市|141082 霍州市
141102 离石区|141121 文水县|141122 交城县|141123 兴县|141124 临县|141125 柳林县|141126 石楼县|141127 岚县|141128 方山县|141129 中阳县|141130 交口县|141181 孝义市|141182 汾阳市
"""

#: the codes older ID numbers carry for today's counties (districts merged or renamed in 2018-2019;
#: Lüliang was 吕梁地区, 1423xx, until 2004)
OLD_ID_CODES: dict[str, list[str]] = {
    "140213": ["140202"], "140214": ["140203", "140211"], "140215": ["140227"],
    "140403": ["140402", "140411"], "140404": ["140421"], "140405": ["140424"],
    "140406": ["140481"], "140703": ["140726"], "140681": ["140624"],
    "141102": ["142302", "142321"], "141121": ["142322"], "141122": ["142323"],
    "141123": ["142325"], "141124": ["142326"], "141125": ["142327"], "141126": ["142328"],
    "141127": ["142329"], "141128": ["142330"], "141129": ["142332"], "141130": ["142333"],
    "141181": ["142301"], "141182": ["142303"],
}

#: counties of other provinces that send miners and builders to Shanxi
MIGRANT_COUNTIES: list[tuple[str, str]] = [
    ("411323", "河南淅川"), ("411522", "河南光山"), ("412722", "河南西华"), ("411421", "河南民权"),
    ("511321", "四川南部"), ("510722", "四川三台"), ("511623", "四川邻水"), ("511921", "四川通江"),
    ("130726", "河北蔚县"), ("130727", "河北阳原"), ("610824", "陕西靖边"), ("610822", "陕西府谷"),
    ("150621", "内蒙古达拉特"), ("620421", "甘肃靖远"), ("500236", "重庆奉节"), ("500235", "重庆云阳"),
]

# where each high-risk industry sits (county code → weight); other industries follow population
COAL_COUNTIES = {
    "140181": 5, "140214": 4, "140226": 3, "140303": 3, "140311": 2, "140321": 2, "140322": 3,
    "140404": 2, "140405": 3, "140406": 2, "140423": 3, "140431": 3, "140429": 1,
    "140521": 3, "140522": 3, "140525": 3, "140581": 3, "140603": 4, "140681": 2, "140621": 2,
    "140729": 4, "140781": 3, "140724": 2, "140725": 2, "140723": 2, "140722": 2,
    "141024": 2, "141034": 2, "141082": 3, "141029": 3, "141033": 2, "141026": 2, "141025": 1,
    "140925": 3, "140931": 2, "140930": 2, "140929": 1,
    "141125": 4, "141129": 3, "141130": 3, "141181": 3, "141123": 2, "141124": 1, "141122": 1,
}
COKING_COUNTIES = {"141181": 5, "141122": 3, "140781": 4, "141024": 3, "140406": 2, "140882": 3,
                   "141082": 1, "140729": 1, "140322": 1, "140525": 1}
CHEMICAL_COUNTIES = {"140121": 3, "140108": 2, "140406": 3, "140423": 2, "140522": 2,
                     "140525": 2, "140802": 2, "140882": 2, "141181": 2, "140311": 2, "140702": 1}
METAL_COUNTIES = {"140107": 3, "140108": 3, "140882": 4, "140823": 3, "141081": 3, "141023": 2,
                  "141181": 3, "140406": 2, "140404": 1, "140781": 2, "140213": 1}
NONCOAL_COUNTIES = {"140923": 4, "140924": 3, "140922": 2, "141127": 3, "140827": 3,
                    "140224": 2, "141029": 1, "140181": 1, "140525": 2, "140929": 1, "141181": 1}
FIREWORK_COUNTIES = {"140821": 2, "140822": 2, "141024": 2, "140728": 1, "140727": 1}


@dataclass
class Geo:
    codes: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)
    towns: dict[str, list[str]] = field(default_factory=dict)

    @property
    def index(self) -> dict[str, int]:
        return {c: i for i, c in enumerate(self.codes)}


_TOWN_A = "东西南北上下大小新古石柳杨李王张赵郭河沟坡峪庄堡寨村泉水山岭峰川湾口"
_TOWN_B = "关庄镇峪堡沟泉坪头河湾岭寨"


def city_name(code: str) -> str:
    for c, n, _p, _m in CITIES:
        if c == code[:4]:
            return n
    for c, n in MIGRANT_COUNTIES:
        if c == code:
            return n
    return "外省"


def build_geo(rng: np.random.Generator) -> Geo:
    g = Geo()
    pop = {c: p for c, _n, p, _m in CITIES}
    for line in _COUNTIES.strip().splitlines():
        items = [x.split(" ") for x in line.split("|")]
        raw = []
        for code, name in items:
            w = 2.2 if name.endswith("区") else 1.5 if name.endswith("市") else 1.0
            if code[:4] == "1401" and name.endswith("区"):
                w = 3.5
            raw.append(w)
        tot = sum(raw)
        for (code, name), w in zip(items, raw, strict=True):
            g.codes.append(code)
            g.names.append(name)
            g.weights.append(pop[code[:4]] * w / tot)
    for code in g.codes:
        towns: set[str] = set()
        while len(towns) < 6:
            a = _TOWN_A[int(rng.integers(0, len(_TOWN_A)))]
            b = _TOWN_A[int(rng.integers(0, len(_TOWN_A)))]
            kind = "镇" if rng.random() < 0.6 else "乡"
            towns.add(f"{a}{b}{_TOWN_B[int(rng.integers(0, len(_TOWN_B)))]}{kind}" if rng.random() < 0.3
                      else f"{a}{b}{kind}")
        g.towns[code] = sorted(towns)
    return g


def county_label(g: Geo, code: str) -> str:
    """How a county is named in free text: city prefix for the ambiguous ``城区``/``矿区``/``郊区``."""
    i = g.index.get(code)
    if i is None:
        return city_name(code)
    name = g.names[i]
    return f"{city_name(code)}市{name}" if name in ("城区", "矿区", "郊区") else name


# ------------------------------------------------------------------------------ facilities

@dataclass
class Facility:
    name: str
    region: str
    tier: int  # hospitals: 1 county, 2 city, 3 provincial; funeral homes: 1 county, 2 city
    aliases: list[str]


def build_hospitals(g: Geo) -> list[Facility]:
    out: list[Facility] = []
    for code, name in zip(g.codes, g.names, strict=True):
        city = city_name(code)
        label = f"{city}市{name}" if name.endswith("区") else name
        out.append(Facility(f"{label}人民医院", code, 1,
                            [f"{name[:-1]}县医院" if name.endswith("县") else f"{label}医院",
                             f"{label}人民医院"]))
        if not name.endswith("区"):
            out.append(Facility(f"{label}中医医院", code, 1, [f"{label}中医院"]))
    for _code, city, _p, main in CITIES:
        out.append(Facility(f"{city}市人民医院", main, 2, [f"{city}市医院", "市医院"]))
        out.append(Facility(f"{city}市第二人民医院", main, 2, [f"{city}市二院", "市二院"]))
        out.append(Facility(f"{city}市中心医院", main, 2, [f"{city}中心医院", "中心医院"]))
    prov = [("山西医科大学第一医院", "140106", ["山大一院", "山医大一院"]),
            ("山西医科大学第二医院", "140106", ["山大二院", "山医大二院"]),
            ("山西省人民医院", "140106", ["省人民医院", "省人医"]),
            ("山西白求恩医院", "140107", ["白求恩医院", "省白求恩医院"]),
            ("太钢总医院", "140107", ["太钢医院"])]
    for name, code, al in prov:
        out.append(Facility(name, code, 3, al))
    mine = [("晋能控股煤业集团总医院", "140213", ["同煤总医院", "煤峪口医院"]),
            ("阳泉煤业集团总医院", "140302", ["阳煤总医院", "阳煤医院"]),
            ("潞安化工集团总医院", "140406", ["潞安总医院", "潞矿医院"]),
            ("晋城煤业集团总医院", "140502", ["晋煤总医院"]),
            ("汾西矿业集团职工总医院", "140781", ["汾矿医院", "汾西矿务局医院"]),
            ("霍州煤电集团总医院", "141082", ["霍煤医院"]),
            ("西山煤电集团职工总医院", "140109", ["西山医院", "西山矿务局医院"])]
    for name, code, al in mine:
        out.append(Facility(name, code, 2, al))
    return out


def build_funeral_homes(g: Geo, rng: np.random.Generator) -> list[Facility]:
    out: list[Facility] = []
    for _code, city, _p, main in CITIES:
        out.append(Facility(f"{city}市殡仪馆", main, 2, [f"{city}殡仪馆"]))
    for code, name in zip(g.codes, g.names, strict=True):
        if name.endswith("区") or rng.random() > 0.85:
            continue
        style = rng.random()
        full = (f"{name}殡仪馆" if style < 0.7 else f"{name}殡仪服务中心" if style < 0.9
                else f"{name}火葬场")
        out.append(Facility(full, code, 1, [f"{name}殡仪馆"]))
    return out


def town(g: Geo, rng: np.random.Generator, code: str) -> str:
    t = g.towns.get(code)
    if not t:
        return "某乡"
    return t[int(rng.integers(0, len(t)))]


def village(rng: np.random.Generator) -> str:
    a = _TOWN_A[int(rng.integers(0, len(_TOWN_A)))]
    b = _TOWN_A[int(rng.integers(0, len(_TOWN_A)))]
    return f"{a}{b}村"
