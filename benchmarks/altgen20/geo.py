"""Guizhou's counties (GB/T 2260), the pre-2011 codes old ID numbers still carry, hospitals,
funeral homes, towns, and the out-of-province places migrants come from or work in."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# ethnic profiles: shares of (han, miao, buyi, dong, yi) surname pools
PROFILES: dict[str, tuple[float, float, float, float, float]] = {
    "gy": (0.84, 0.07, 0.07, 0.01, 0.01),
    "lps": (0.70, 0.10, 0.09, 0.0, 0.11),
    "zy": (0.93, 0.04, 0.01, 0.01, 0.01),
    "as": (0.62, 0.15, 0.22, 0.0, 0.01),
    "bj": (0.76, 0.11, 0.02, 0.0, 0.11),
    "bj_yi": (0.55, 0.13, 0.0, 0.0, 0.32),
    "tr": (0.80, 0.12, 0.0, 0.08, 0.0),
    "tr_miao": (0.50, 0.45, 0.0, 0.05, 0.0),
    "qxn": (0.57, 0.07, 0.35, 0.0, 0.01),
    "qdn": (0.25, 0.43, 0.02, 0.30, 0.0),
    "qdn_dong": (0.22, 0.18, 0.0, 0.60, 0.0),
    "qn": (0.47, 0.14, 0.37, 0.02, 0.0),
}

CITIES: dict[str, str] = {
    "5201": "贵阳市", "5202": "六盘水市", "5203": "遵义市", "5204": "安顺市", "5205": "毕节市",
    "5206": "铜仁市", "5223": "黔西南州", "5226": "黔东南州", "5227": "黔南州",
}

# code, name, population (10k), urban level (2 city district, 1 county town, 0 rural county), profile
_COUNTIES: list[tuple[str, str, int, int, str]] = [
    ("520102", "南明区", 100, 2, "gy"), ("520103", "云岩区", 105, 2, "gy"),
    ("520111", "花溪区", 70, 2, "gy"), ("520112", "乌当区", 40, 2, "gy"),
    ("520113", "白云区", 40, 2, "gy"), ("520115", "观山湖区", 60, 2, "gy"),
    ("520121", "开阳县", 37, 1, "gy"), ("520122", "息烽县", 24, 1, "gy"),
    ("520123", "修文县", 30, 1, "gy"), ("520181", "清镇市", 57, 1, "gy"),
    ("520201", "钟山区", 60, 2, "lps"), ("520203", "六枝特区", 50, 0, "lps"),
    ("520204", "水城区", 75, 0, "lps"), ("520281", "盘州市", 118, 0, "lps"),
    ("520302", "红花岗区", 90, 2, "zy"), ("520303", "汇川区", 70, 2, "zy"),
    ("520304", "播州区", 70, 1, "zy"), ("520322", "桐梓县", 50, 0, "zy"),
    ("520323", "绥阳县", 37, 0, "zy"), ("520324", "正安县", 40, 0, "zy"),
    ("520325", "道真仡佬族苗族自治县", 25, 0, "zy"), ("520326", "务川仡佬族苗族自治县", 30, 0, "zy"),
    ("520327", "凤冈县", 32, 0, "zy"), ("520328", "湄潭县", 40, 0, "zy"),
    ("520329", "余庆县", 23, 0, "zy"), ("520330", "习水县", 50, 0, "zy"),
    ("520381", "赤水市", 24, 1, "zy"), ("520382", "仁怀市", 66, 1, "zy"),
    ("520402", "西秀区", 80, 2, "as"), ("520403", "平坝区", 30, 1, "as"),
    ("520422", "普定县", 38, 0, "as"), ("520423", "镇宁布依族苗族自治县", 29, 0, "as"),
    ("520424", "关岭布依族苗族自治县", 28, 0, "as"), ("520425", "紫云苗族布依族自治县", 27, 0, "as"),
    ("520502", "七星关区", 130, 2, "bj"), ("520521", "大方县", 75, 0, "bj"),
    ("520523", "金沙县", 52, 0, "bj"), ("520524", "织金县", 80, 0, "bj"),
    ("520525", "纳雍县", 67, 0, "bj"), ("520526", "威宁彝族回族苗族自治县", 125, 0, "bj_yi"),
    ("520527", "赫章县", 67, 0, "bj_yi"), ("520581", "黔西市", 70, 1, "bj"),
    ("520602", "碧江区", 45, 2, "tr"), ("520603", "万山区", 17, 1, "tr"),
    ("520621", "江口县", 17, 0, "tr"), ("520622", "玉屏侗族自治县", 12, 0, "qdn_dong"),
    ("520623", "石阡县", 30, 0, "tr"), ("520624", "思南县", 50, 0, "tr"),
    ("520625", "印江土家族苗族自治县", 29, 0, "tr"), ("520626", "德江县", 36, 0, "tr"),
    ("520627", "沿河土家族自治县", 46, 0, "tr"), ("520628", "松桃苗族自治县", 55, 0, "tr_miao"),
    ("522301", "兴义市", 98, 2, "qxn"), ("522302", "兴仁市", 44, 1, "qxn"),
    ("522323", "普安县", 25, 0, "qxn"), ("522324", "晴隆县", 25, 0, "qxn"),
    ("522325", "贞丰县", 32, 0, "qxn"), ("522326", "望谟县", 25, 0, "qxn"),
    ("522327", "册亨县", 20, 0, "qxn"), ("522328", "安龙县", 38, 0, "qxn"),
    ("522601", "凯里市", 70, 2, "qdn"), ("522622", "黄平县", 28, 0, "qdn"),
    ("522623", "施秉县", 13, 0, "qdn"), ("522624", "三穗县", 17, 0, "qdn_dong"),
    ("522625", "镇远县", 20, 0, "qdn"), ("522626", "岑巩县", 17, 0, "qdn_dong"),
    ("522627", "天柱县", 29, 0, "qdn_dong"), ("522628", "锦屏县", 16, 0, "qdn_dong"),
    ("522629", "剑河县", 18, 0, "qdn"), ("522630", "台江县", 12, 0, "qdn"),
    ("522631", "黎平县", 40, 0, "qdn_dong"), ("522632", "榕江县", 29, 0, "qdn"),
    ("522633", "从江县", 30, 0, "qdn_dong"), ("522634", "雷山县", 12, 0, "qdn"),
    ("522635", "麻江县", 17, 0, "qdn"), ("522636", "丹寨县", 13, 0, "qdn"),
    ("522701", "都匀市", 50, 2, "qn"), ("522702", "福泉市", 30, 1, "qn"),
    ("522722", "荔波县", 15, 0, "qn"), ("522723", "贵定县", 24, 0, "qn"),
    ("522725", "瓮安县", 41, 0, "qn"), ("522726", "独山县", 28, 0, "qn"),
    ("522727", "平塘县", 23, 0, "qn"), ("522728", "罗甸县", 27, 0, "qn"),
    ("522729", "长顺县", 21, 0, "qn"), ("522730", "龙里县", 27, 0, "qn"),
    ("522731", "惠水县", 39, 0, "qn"), ("522732", "三都水族自治县", 28, 0, "qn"),
]

# ID numbers are never re-issued when divisions are renamed: people born before the 2011-2021
# reorganisations still carry the old prefecture / county codes.
LEGACY_CODES: dict[str, str] = {
    "520502": "522401", "520521": "522422", "520581": "522423", "520523": "522424",
    "520524": "522425", "520525": "522426", "520526": "522427", "520527": "522428",
    "520602": "522201", "520621": "522222", "520622": "522223", "520623": "522224",
    "520624": "522225", "520625": "522226", "520626": "522227", "520627": "522228",
    "520628": "522229", "520603": "522230", "520204": "520221", "520281": "520222",
    "520304": "520321", "520403": "520421", "522302": "522322",
}

# where out-of-province workers in Guizhou's mines and sites are registered
OUT_HOME: list[tuple[str, str]] = [
    ("530381", "云南省宣威市"), ("530627", "云南省镇雄县"), ("530326", "云南省会泽县"),
    ("530628", "云南省彝良县"), ("511321", "四川省南部县"), ("510823", "四川省剑阁县"),
    ("500235", "重庆市云阳县"), ("500230", "重庆市丰都县"), ("500241", "重庆市秀山县"),
    ("431230", "湖南省通道县"), ("433130", "湖南省龙山县"), ("451031", "广西隆林县"),
]
# where Guizhou's young migrants work (funeral homes reported through the national exchange)
OUT_WORK: list[tuple[str, str]] = [
    ("441900", "东莞市殡仪馆"), ("440306", "深圳市宝安区殡仪馆"), ("330782", "义乌市殡仪馆"),
    ("350582", "晋江市殡仪馆"), ("320583", "昆山市殡仪馆"), ("440113", "广州市番禺区殡仪馆"),
    ("441302", "惠州市殡仪馆"), ("330381", "瑞安市殡仪馆"), ("500106", "重庆市沙坪坝区殡仪馆"),
    ("530111", "昆明市官渡区殡仪馆"),
]

TOWNS = [
    "龙场", "新民", "双龙", "大坪", "坪寨", "红岩", "石桥", "河坝", "沙坝", "新场", "岩脚", "老厂",
    "关寨", "羊场", "马场", "牛场", "猫场", "鸡场", "狗场", "兔场", "龙井", "鸭塘", "白岩", "黑土",
    "土城", "平山", "中寨", "上寨", "下坝", "水塘", "花桥", "箐口", "沙子", "长岭", "团结", "新华",
    "柏果", "保田", "响水", "乐民", "洒基", "阿弓", "姑开", "比德", "张家湾", "以那", "珠藏", "文腊",
    "普安", "楼下", "鸡场坪", "小屯", "大用", "落脚河", "中岭", "杨柳", "金星", "青山", "凉水井",
    "桃园", "七里冲", "高坡", "安场", "茶园", "松林", "海子", "官寨", "雨朵", "猴场", "摆金",
]
VILLAGE_SUFFIX = ["村", "组", "社区"]


@dataclass(frozen=True)
class County:
    code: str
    name: str
    pop: int
    urban: int
    profile: str

    @property
    def city(self) -> str:
        return self.code[:4]


COUNTIES: list[County] = [County(*c) for c in _COUNTIES]
CODE_INDEX: dict[str, int] = {c.code: i for i, c in enumerate(COUNTIES)}
N_COUNTIES = len(COUNTIES)
COUNTY_CODES = np.array([c.code for c in COUNTIES])
COUNTY_CITY = np.array([c.city for c in COUNTIES])
COUNTY_URBAN = np.array([c.urban for c in COUNTIES])
POP_WEIGHTS = np.array([c.pop for c in COUNTIES], dtype=float) / sum(c.pop for c in COUNTIES)
PROFILE_NAMES = list(PROFILES)
COUNTY_PROFILE = np.array([PROFILE_NAMES.index(c.profile) for c in COUNTIES])
LEGACY_ARR = np.array([LEGACY_CODES.get(c.code, c.code) for c in COUNTIES])


def short(name: str) -> str:
    """County name without the autonomous-county suffix (道真仡佬族苗族自治县 → 道真县)."""
    for suffix in ("仡佬族苗族自治县", "布依族苗族自治县", "苗族布依族自治县", "彝族回族苗族自治县",
                   "侗族自治县", "土家族苗族自治县", "土家族自治县", "苗族自治县", "水族自治县"):
        if name.endswith(suffix):
            return name[: -len(suffix)] + "县"
    return name


def idx_of(codes: list[str]) -> list[int]:
    return [CODE_INDEX[c] for c in codes]


def county_weights(weights: dict[str, float], rest: float = 0.0) -> np.ndarray:
    """A distribution over counties: named codes get their weight, every other county shares
    ``rest`` in proportion to population."""
    w = POP_WEIGHTS * rest
    for code, v in weights.items():
        w[CODE_INDEX[code]] += v
    return w / w.sum()


# ---- hospitals: (name, county index, level 0 county / 1 city / 2 provincial / 3 mining) ----
def _hospitals() -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    city_main = {"5201": "520102", "5202": "520201", "5203": "520302", "5204": "520402",
                 "5205": "520502", "5206": "520602", "5223": "522301", "5226": "522601",
                 "5227": "522701"}
    for c in COUNTIES:
        i = CODE_INDEX[c.code]
        if c.urban < 2:
            out.append((f"{short(c.name)}人民医院", i, 0))
            if c.pop >= 40:
                out.append((f"{short(c.name)}中医医院", i, 0))
        else:
            out.append((f"{c.name}人民医院", i, 0))
    for city, code in city_main.items():
        nm = CITIES[city]
        head = nm if nm.endswith("市") else nm.replace("州", "州")
        out.append((f"{head}人民医院", CODE_INDEX[code], 1))
        if city in ("5202", "5203", "5205", "5226", "5227", "5223"):
            out.append((f"{head}第二人民医院", CODE_INDEX[code], 1))
    out += [("贵州省人民医院", CODE_INDEX["520102"], 2),
            ("贵州医科大学附属医院", CODE_INDEX["520103"], 2),
            ("遵义医科大学附属医院", CODE_INDEX["520303"], 2),
            ("贵州省骨科医院", CODE_INDEX["520111"], 2),
            ("盘江矿区总医院", CODE_INDEX["520281"], 3),
            ("水城矿区总医院", CODE_INDEX["520201"], 3),
            ("六枝矿区医院", CODE_INDEX["520203"], 3),
            ("纳雍矿区医院", CODE_INDEX["520525"], 3)]
    return out


HOSPITALS = _hospitals()
HOSP_NAME = np.array([h[0] for h in HOSPITALS])
HOSP_COUNTY = np.array([h[1] for h in HOSPITALS])
HOSP_LEVEL = np.array([h[2] for h in HOSPITALS])


def _hospital_tables() -> tuple[list[np.ndarray], list[np.ndarray], np.ndarray]:
    """Per county: its local hospitals (county level + mining), and its referral hospital
    (the city's, else the province's)."""
    local: list[np.ndarray] = []
    refer: list[np.ndarray] = []
    for i, c in enumerate(COUNTIES):
        loc = np.flatnonzero((i == HOSP_COUNTY) & (HOSP_LEVEL != 2))
        if loc.size == 0:
            loc = np.flatnonzero((COUNTY_CITY[HOSP_COUNTY] == c.city) & (HOSP_LEVEL == 1))
        local.append(loc)
        ref = np.flatnonzero((COUNTY_CITY[HOSP_COUNTY] == c.city) & (HOSP_LEVEL == 1))
        ref = np.concatenate([ref, np.flatnonzero(HOSP_LEVEL == 2)])
        refer.append(ref)
    provincial = np.flatnonzero(HOSP_LEVEL == 2)
    return local, refer, provincial


LOCAL_HOSP, REFER_HOSP, PROV_HOSP = _hospital_tables()


# ---- funeral homes: one per county outside city districts, one per city ----
def _funeral_homes() -> tuple[list[tuple[str, int]], np.ndarray]:
    homes: list[tuple[str, int]] = []
    city_home: dict[str, int] = {}
    city_main = {"5201": "520112", "5202": "520201", "5203": "520303", "5204": "520402",
                 "5205": "520502", "5206": "520602", "5223": "522301", "5226": "522601",
                 "5227": "522701"}
    for city, code in city_main.items():
        nm = CITIES[city]
        city_home[city] = len(homes)
        homes.append((f"{nm}殡仪馆", CODE_INDEX[code]))
    nearest = np.zeros(N_COUNTIES, dtype=np.int64)
    for i, c in enumerate(COUNTIES):
        if c.urban == 2:
            nearest[i] = city_home[c.city]
        else:
            nearest[i] = len(homes)
            homes.append((f"{short(c.name)}殡仪馆", i))
    return homes, nearest


FUNERAL_HOMES, NEAREST_HOME = _funeral_homes()
FH_NAME = np.array([h[0] for h in FUNERAL_HOMES])
FH_COUNTY = np.array([h[1] for h in FUNERAL_HOMES])
