"""Guizhou (52): prefectures, counties (GB/T 2260), hospitals, funeral homes and place names."""

from __future__ import annotations

import numpy as np

INDUSTRIES = ["coal_mining", "non_coal_mining", "hazardous_chemicals", "metallurgy",
              "construction", "transport", "fireworks", "manufacturing", "other"]
IND = {name: i for i, name in enumerate(INDUSTRIES)}
HIGH_RISK = {"coal_mining", "non_coal_mining", "hazardous_chemicals", "metallurgy",
             "construction", "fireworks"}

CITIES = {5201: "贵阳市", 5202: "六盘水市", 5203: "遵义市", 5204: "安顺市", 5205: "毕节市"}

# industry mix of the enterprises registered in a county, in INDUSTRIES order
PROFILES = {
    "urban": [0.0, 0.01, 0.03, 0.02, 0.30, 0.12, 0.005, 0.17, 0.345],
    "coal": [0.30, 0.04, 0.03, 0.03, 0.20, 0.10, 0.01, 0.08, 0.21],
    "phosphate": [0.02, 0.15, 0.14, 0.03, 0.20, 0.10, 0.01, 0.10, 0.25],
    "metal": [0.05, 0.04, 0.06, 0.16, 0.22, 0.10, 0.005, 0.14, 0.235],
    "liquor": [0.0, 0.02, 0.03, 0.01, 0.20, 0.10, 0.01, 0.35, 0.28],
    "rural": [0.08, 0.08, 0.03, 0.02, 0.25, 0.12, 0.04, 0.12, 0.26],
}

# code, full name, short name, population (10k), profile, urban
COUNTIES: list[tuple[int, str, str, int, str, bool]] = [
    (520102, "南明区", "南明", 105, "urban", True),
    (520103, "云岩区", "云岩", 110, "urban", True),
    (520111, "花溪区", "花溪", 60, "metal", True),
    (520115, "观山湖区", "观山湖", 60, "urban", True),
    (520121, "开阳县", "开阳", 40, "phosphate", False),
    (520122, "息烽县", "息烽", 25, "phosphate", False),
    (520181, "清镇市", "清镇", 55, "metal", False),
    (520201, "钟山区", "钟山", 75, "metal", True),
    (520203, "六枝特区", "六枝", 50, "coal", False),
    (520204, "水城区", "水城", 75, "coal", False),
    (520281, "盘州市", "盘州", 105, "coal", False),
    (520302, "红花岗区", "红花岗", 80, "urban", True),
    (520303, "汇川区", "汇川", 70, "urban", True),
    (520304, "播州区", "播州", 75, "metal", False),
    (520322, "桐梓县", "桐梓", 55, "coal", False),
    (520381, "赤水市", "赤水", 25, "rural", False),
    (520382, "仁怀市", "仁怀", 65, "liquor", False),
    (520402, "西秀区", "西秀", 75, "urban", True),
    (520403, "平坝区", "平坝", 30, "rural", False),
    (520422, "普定县", "普定", 38, "coal", False),
    (520502, "七星关区", "七星关", 135, "urban", True),
    (520521, "大方县", "大方", 78, "coal", False),
    (520523, "金沙县", "金沙", 55, "coal", False),
    (520524, "织金县", "织金", 80, "phosphate", False),
    (520525, "纳雍县", "纳雍", 68, "coal", False),
    (520526, "威宁彝族回族苗族自治县", "威宁", 125, "rural", False),
    (520527, "赫章县", "赫章", 65, "rural", False),
    (520581, "黔西市", "黔西", 75, "coal", False),
]
COUNTY_CODES = np.array([c[0] for c in COUNTIES], dtype=np.int32)
COUNTY_POP = np.array([c[3] for c in COUNTIES], dtype=float)
COUNTY_URBAN = np.array([c[5] for c in COUNTIES], dtype=bool)
COUNTY_INDEX = {c[0]: i for i, c in enumerate(COUNTIES)}
COUNTY_SHORT = {c[0]: c[2] for c in COUNTIES}
COUNTY_NAME = {c[0]: c[1] for c in COUNTIES}
COUNTY_CITY = COUNTY_CODES // 100

# where migrant workers' household registration is (Sichuan, Chongqing, Yunnan, Hunan, Guangxi)
OUT_OF_PROVINCE = np.array([510524, 511524, 500101, 500236, 530381, 530627, 431202, 451202],
                           dtype=np.int32)

# hospitals: name, county, level (county / city / provincial / mine)
_CITY_HOSPITALS = [
    ("贵阳市第一人民医院", 520102, "city"), ("贵阳市第二人民医院", 520115, "city"),
    ("六盘水市人民医院", 520201, "city"), ("遵义市第一人民医院", 520302, "city"),
    ("遵义医科大学附属医院", 520303, "city"), ("安顺市人民医院", 520402, "city"),
    ("毕节市第一人民医院", 520502, "city"),
    ("贵州省人民医院", 520102, "provincial"), ("贵州医科大学附属医院", 520103, "provincial"),
    ("六枝工矿集团总医院", 520203, "mine"), ("盘江煤电集团总医院", 520281, "mine"),
    ("水矿总医院", 520201, "mine"),
]
_TCM = {520121, 520181, 520203, 520281, 520304, 520322, 520382, 520422, 520521, 520524,
        520526, 520581}


def _hospitals() -> list[tuple[str, int, str]]:
    out = []
    for code, full, _short, _pop, _prof, _urban in COUNTIES:
        base = "威宁县" if code == 520526 else full
        out.append((f"{base}人民医院", code, "county"))
        if code in _TCM:
            out.append((f"{base}中医院", code, "county"))
    return out + _CITY_HOSPITALS


HOSPITALS = _hospitals()
HOSP_NAME = [h[0] for h in HOSPITALS]
HOSP_COUNTY = np.array([h[1] for h in HOSPITALS], dtype=np.int32)
HOSP_LEVEL = [h[2] for h in HOSPITALS]
COUNTY_HOSP = {c: [i for i, h in enumerate(HOSPITALS) if h[1] == c and h[2] == "county"]
               for c in COUNTY_CODES.tolist()}
CITY_HOSP = {city: [i for i, h in enumerate(HOSPITALS) if h[1] // 100 == city
                    and h[2] == "city"] for city in CITIES}
PROV_HOSP = [i for i, h in enumerate(HOSPITALS) if h[2] == "provincial"]
MINE_HOSP = {h[1]: i for i, h in enumerate(HOSPITALS) if h[2] == "mine"}

# funeral homes: name, county; every county is served by its own home or its city's
FUNERAL_HOMES: list[tuple[str, int]] = [
    ("贵阳市殡仪馆", 520111), ("六盘水市殡仪馆", 520201), ("遵义市殡仪馆", 520302),
    ("安顺市殡仪馆", 520402), ("毕节市殡仪馆", 520502),
    ("清镇市殡仪馆", 520181), ("开阳县殡仪馆", 520121), ("息烽县殡仪馆", 520122),
    ("六枝特区殡仪馆", 520203), ("水城区殡仪馆", 520204), ("盘州市殡仪馆", 520281),
    ("仁怀市殡仪馆", 520382), ("赤水市殡仪馆", 520381), ("桐梓县殡仪馆", 520322),
    ("播州区殡仪馆", 520304), ("平坝区殡仪馆", 520403), ("普定县殡仪馆", 520422),
    ("大方县殡仪馆", 520521), ("金沙县殡仪馆", 520523), ("织金县殡仪馆", 520524),
    ("纳雍县殡仪馆", 520525), ("威宁县殡仪馆", 520526), ("赫章县殡仪馆", 520527),
    ("黔西市殡仪馆", 520581),
]
HOME_NAME = [h[0] for h in FUNERAL_HOMES]
HOME_COUNTY = np.array([h[1] for h in FUNERAL_HOMES], dtype=np.int32)
CITY_HOME = {h[1] // 100: i for i, h in enumerate(FUNERAL_HOMES[:5])}
_OWN_HOME = {h[1]: i for i, h in enumerate(FUNERAL_HOMES[5:], start=5)}
SERVING_HOME = {c: _OWN_HOME.get(c, CITY_HOME[c // 100]) for c in COUNTY_CODES.tolist()}
SERVING_HOME_ARR = np.array([SERVING_HOME[c] for c in COUNTY_CODES.tolist()], dtype=np.int32)
# each funeral home's export habits: date style, nominal (虚岁) ages, how often it takes the ID
HOME_DATE_STYLE = ["iso", "slash", "cn", "iso", "compact", "cn", "slash", "iso", "compact",
                   "cn", "iso", "slash", "cn", "compact", "iso", "cn", "slash", "compact",
                   "iso", "cn", "slash", "cn", "compact", "iso"]
HOME_NOMINAL_AGE = np.array([i % 5 == 2 for i in range(len(FUNERAL_HOMES))])
HOME_ID_MISSING = np.array([0.08 if i < 5 else 0.30 for i in range(len(FUNERAL_HOMES))])

TOWNS = ["龙场", "新场", "马场", "羊场", "鸡场", "猪场", "牛场", "兔场", "猴场", "平寨",
         "岩脚", "木岗", "大用", "新窑", "郎岱", "发耳", "双河", "高坪", "黄泥塘", "沙子",
         "茶店", "青岩", "久长", "小河", "金钟", "土城", "二郎", "大坝", "白岩", "新民",
         "观音", "安场", "洒坪", "黑石", "中寨", "水塘", "石门", "雪山", "哲觉", "猫场",
         "以那", "阳长", "八步", "珠藏", "官寨", "大河", "坪上", "岩孔", "鸭池", "长石",
         "龙井", "杨柳", "清水", "马鞍", "红林", "老鹰山", "鸡场坪", "花贡", "果布戛", "勺米"]
VILLAGES = ["红星", "团结", "光明", "新华", "和平", "向阳", "胜利", "前进", "民主", "联合",
            "中心", "大寨", "小寨", "河口", "岩上", "坪子", "湾子", "坡脚", "沟头", "田坝"]
ROADS = ["中华路", "延安路", "北京路", "遵义路", "人民大道", "解放路", "黄河路", "长江路",
         "金阳大道", "林城路", "钟山大道", "凤凰路", "碧阳大道", "迎宾大道"]
HIGHWAYS = ["G60沪昆高速", "G75兰海高速", "G56杭瑞高速", "G76厦蓉高速", "S30毕威高速",
            "G320国道", "G326国道", "S209省道"]


def county_towns(code: int) -> list[str]:
    """Six towns of a county (fixed per county, independent of the seed)."""
    r = np.random.default_rng(code)
    return [TOWNS[i] for i in r.choice(len(TOWNS), 6, replace=False)]


TOWNS_OF = {c: county_towns(c) for c in COUNTY_CODES.tolist()}


def place(rng: np.random.Generator, code: int) -> str:
    """A village address in a county, e.g. ``六枝特区郎岱镇红星村``."""
    town = TOWNS_OF[code][int(rng.integers(6))]
    return f"{COUNTY_NAME[code]}{town}镇{VILLAGES[int(rng.integers(len(VILLAGES)))]}村"


def county_hospital(rng: np.random.Generator, code: int) -> int:
    hs = COUNTY_HOSP[code]
    return hs[0] if len(hs) == 1 or rng.random() < 0.75 else hs[1]


def city_hospital(rng: np.random.Generator, code: int) -> int:
    hs = CITY_HOSP[code // 100]
    return hs[int(rng.integers(len(hs)))]


def pick_hospital(rng: np.random.Generator, code: int, severe: bool) -> int:
    """The hospital a casualty at ``code`` is first taken to."""
    u = rng.random()
    if code in MINE_HOSP and u < 0.25:
        return MINE_HOSP[code]
    if not severe or u < 0.6:
        return county_hospital(rng, code)
    if u < 0.9:
        return city_hospital(rng, code)
    return PROV_HOSP[int(rng.integers(len(PROV_HOSP)))]


def referral_hospital(rng: np.random.Generator, from_hosp: int) -> int:
    """Where a patient is transferred: county -> city, city/mine -> provincial."""
    if HOSP_LEVEL[from_hosp] == "county" and rng.random() < 0.7:
        return city_hospital(rng, int(HOSP_COUNTY[from_hosp]))
    return PROV_HOSP[int(rng.integers(len(PROV_HOSP)))]


def far_home(rng: np.random.Generator, *codes: int) -> int:
    """A funeral home in a city other than those of ``codes``."""
    cities = {c // 100 for c in codes}
    cands = [i for i, c in enumerate(HOME_COUNTY.tolist()) if c // 100 not in cities]
    return cands[int(rng.integers(len(cands)))]


def other_county_same_city(rng: np.random.Generator, code: int) -> int:
    """A neighbouring county of the same city whose funeral home is not ``code``'s."""
    own = SERVING_HOME[code]
    cands = [c for c in COUNTY_CODES.tolist()
             if c // 100 == code // 100 and SERVING_HOME[c] != own]
    if not cands:
        return code
    return cands[int(rng.integers(len(cands)))]
