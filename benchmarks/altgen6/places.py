"""Shanxi administrative divisions, hospitals, funeral homes and addresses."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

CITIES: dict[str, str] = {
    "1401": "太原", "1402": "大同", "1403": "阳泉", "1404": "长治", "1405": "晋城",
    "1406": "朔州", "1407": "晋中", "1408": "运城", "1409": "忻州", "1410": "临汾",
    "1411": "吕梁",
}
# resident population, millions (rough)
CITY_POP: dict[str, float] = {
    "1401": 5.4, "1402": 3.1, "1403": 1.3, "1404": 3.2, "1405": 2.2, "1406": 1.6,
    "1407": 3.4, "1408": 4.8, "1409": 2.7, "1410": 4.0, "1411": 3.4,
}
# prefecture codes in use before the 1999-2000 reorganisations: old IDs keep them
OLD_PREFIX: dict[str, str] = {"1407": "1424", "1408": "1427", "1409": "1422", "1410": "1426",
                              "1411": "1423"}

_COUNTY_TEXT = """
140105 小店区 140106 迎泽区 140107 杏花岭区 140108 尖草坪区 140109 万柏林区 140110 晋源区
140121 清徐县 140122 阳曲县 140123 娄烦县 140181 古交市
140212 新荣区 140213 平城区 140214 云冈区 140215 云州区 140221 阳高县 140222 天镇县
140223 广灵县 140224 灵丘县 140225 浑源县 140226 左云县
140302 城区 140303 矿区 140311 郊区 140321 平定县 140322 盂县
140403 潞州区 140404 上党区 140405 屯留区 140406 潞城区 140423 襄垣县 140425 平顺县
140426 黎城县 140427 壶关县 140428 长子县 140429 武乡县 140430 沁县 140431 沁源县
140502 城区 140521 沁水县 140522 阳城县 140524 陵川县 140525 泽州县 140581 高平市
140602 朔城区 140603 平鲁区 140621 山阴县 140622 应县 140623 右玉县 140681 怀仁市
140702 榆次区 140703 太谷区 140721 榆社县 140722 左权县 140723 和顺县 140724 昔阳县
140725 寿阳县 140727 祁县 140728 平遥县 140729 灵石县 140781 介休市
140802 盐湖区 140821 临猗县 140822 万荣县 140823 闻喜县 140824 稷山县 140825 新绛县
140826 绛县 140827 垣曲县 140828 夏县 140829 平陆县 140830 芮城县 140881 永济市
140882 河津市
140902 忻府区 140921 定襄县 140922 五台县 140923 代县 140924 繁峙县 140925 宁武县
140926 静乐县 140927 神池县 140928 五寨县 140929 岢岚县 140930 河曲县 140931 保德县
140932 偏关县 140981 原平市
141002 尧都区 141021 曲沃县 141022 翼城县 141023 襄汾县 141024 洪洞县 141025 古县
141026 安泽县 141027 浮山县 141028 吉县 141029 乡宁县 141030 大宁县 141031 隰县
141032 永和县 141033 蒲县 141034 汾西县 141081 侯马市 141082 霍州市
141102 离石区 141121 文水县 141122 交城县 141123 兴县 141124 临县 141125 柳林县
141126 石楼县 141127 岚县 141128 方山县 141129 中阳县 141130 交口县 141181 孝义市
141182 汾阳市
"""
# where migrant miners and builders come from (Henan, Shaanxi, Inner Mongolia, Hebei, Sichuan,
# Gansu, Chongqing): their household registration, and so their deregistration, is elsewhere
_OUTSIDE_TEXT = """
410526 滑县 411421 民权县 410482 汝州市 610881 神木市 610524 合阳县 150621 达拉特旗
130434 魏县 511321 南部县 620421 靖远县 500236 奉节县
"""

# relative weight of mining (coal, non-coal) per county; absent = 0.2
_MINING_WEIGHT: dict[str, float] = {
    "140181": 3, "140212": 2, "140214": 4, "140226": 3, "140303": 3, "140311": 3, "140321": 2,
    "140322": 3, "140404": 2, "140423": 3, "140431": 3, "140521": 3, "140522": 3, "140525": 4,
    "140581": 3, "140602": 2, "140603": 4, "140621": 2, "140681": 2, "140722": 2, "140723": 2,
    "140724": 2, "140725": 2, "140729": 4, "140781": 3, "140925": 3, "140930": 3, "140931": 3,
    "141024": 2, "141029": 4, "141033": 3, "141034": 2, "141082": 4, "141125": 4, "141129": 3,
    "141130": 3, "141181": 4, "141123": 2, "140827": 2, "140924": 2,
}


def _parse(text: str) -> list[tuple[str, str]]:
    tok = text.split()
    return [(tok[i], tok[i + 1]) for i in range(0, len(tok), 2)]


@dataclass(frozen=True)
class County:
    code: str
    name: str

    @property
    def city(self) -> str:
        return self.code[:4]

    @property
    def full(self) -> str:
        """The name as written in addresses: `朔州市平鲁区`; `城区` needs its city."""
        return f"{CITIES[self.city]}市{self.name}"


COUNTIES: list[County] = [County(c, n) for c, n in _parse(_COUNTY_TEXT)]
OUTSIDE: list[County] = [County(c, n) for c, n in _parse(_OUTSIDE_TEXT)]
COUNTY_CODES = np.array([c.code for c in COUNTIES])
OUTSIDE_CODES = np.array([c.code for c in OUTSIDE])
BY_CODE: dict[str, County] = {c.code: c for c in COUNTIES + OUTSIDE}


@cache
def county_weights() -> np.ndarray:
    """Population weights of the counties (city population split evenly, districts heavier)."""
    w = np.empty(len(COUNTIES))
    for i, c in enumerate(COUNTIES):
        n_in_city = sum(1 for d in COUNTIES if d.city == c.city)
        urban = 1.8 if c.name.endswith("区") else 1.0
        w[i] = CITY_POP[c.city] / n_in_city * urban
    return w / w.sum()


def mining_weights() -> np.ndarray:
    w = np.array([_MINING_WEIGHT.get(c.code, 0.2) for c in COUNTIES])
    return w / w.sum()


def old_region_code(code: str, rng: np.random.Generator) -> str:
    """A pre-reorganisation county code of the same area (for IDs issued long ago)."""
    old = OLD_PREFIX.get(code[:4])
    if old is None:
        return code
    return f"{old}{int(rng.integers(1, 34)):02d}"


@dataclass(frozen=True)
class Facility:
    name: str
    region_code: str
    level: int  # 0 county, 1 city, 2 province


def _city_seat(city: str) -> str:
    """The first district of a city: where its city-level facilities stand."""
    return next(c.code for c in COUNTIES if c.city == city)


def hospitals() -> list[Facility]:
    out = [
        Facility("山西医科大学第一医院", "140106", 2),
        Facility("山西医科大学第二医院", "140107", 2),
        Facility("山西省人民医院", "140106", 2),
        Facility("山西白求恩医院", "140105", 2),
    ]
    for city, cname in CITIES.items():
        seat = _city_seat(city)
        out.append(Facility(f"{cname}市第一人民医院", seat, 1))
        out.append(Facility(f"{cname}市中心医院", seat, 1))
    for c in COUNTIES:
        label = c.full if c.name == "城区" or c.name in ("矿区", "郊区") else c.name
        out.append(Facility(f"{label}人民医院", c.code, 0))
        if c.code in _MINING_WEIGHT and _MINING_WEIGHT[c.code] >= 3:
            out.append(Facility(f"{label}煤矿职工医院", c.code, 0))
    return out


def funeral_homes() -> list[Facility]:
    out = []
    for city, cname in CITIES.items():
        out.append(Facility(f"{cname}市殡仪馆", _city_seat(city), 1))
    for c in COUNTIES:
        if c.name.endswith(("县", "市")):
            out.append(Facility(f"{c.name}殡仪馆", c.code, 0))
    return out


_TOWN_CHARS = "东西南北上下大小前后新老高张王李刘赵杨郭柳杏桃石水河泉沟峪坪庄堡寨岭山川源宁安和平兴隆丰"
_VILLAGE_SUFFIX = ["村", "庄", "沟村", "峪村", "坪村", "堡村"]


def town_name(rng: np.random.Generator) -> str:
    a, b = rng.choice(list(_TOWN_CHARS), 2, replace=False)
    return f"{a}{b}{'镇' if rng.random() < 0.6 else '乡'}"


def village_name(rng: np.random.Generator) -> str:
    a, b = rng.choice(list(_TOWN_CHARS), 2, replace=False)
    return f"{a}{b}{_VILLAGE_SUFFIX[int(rng.integers(len(_VILLAGE_SUFFIX)))]}"
