"""Yunnan geography: prefectures, counties (GB/T 2260 codes, with the older codes IDs still
carry), population weights, remoteness, burial customs, hospitals and funeral homes; and the
home counties of migrant workers from Sichuan, Guizhou, Chongqing and Hunan."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# prefecture code: (full name, short name used in hospital names, ethnic mix)
PREFECTURES: dict[str, tuple[str, str, dict[str, float]]] = {
    "5301": ("昆明市", "昆明市", {"han": 85, "yi": 8, "hui": 3, "miao": 1.5, "bai": 1, "other": 1.5}),
    "5303": ("曲靖市", "曲靖市", {"han": 93, "yi": 3, "hui": 2, "miao": 1, "other": 1}),
    "5304": ("玉溪市", "玉溪市", {"han": 65, "yi": 20, "hani": 7, "dai": 4, "hui": 2, "other": 2}),
    "5305": ("保山市", "保山市", {"han": 90, "yi": 3, "dai": 2, "lisu": 2, "bai": 2, "other": 1}),
    "5306": ("昭通市", "昭通市", {"han": 89, "yi": 5, "miao": 4, "hui": 2}),
    "5307": ("丽江市", "丽江市", {"han": 43, "naxi": 30, "yi": 16, "lisu": 5, "bai": 3, "other": 3}),
    "5308": ("普洱市", "普洱市", {"han": 39, "hani": 19, "yi": 17, "lahu": 13, "dai": 7, "wa": 4,
                               "other": 1}),
    "5309": ("临沧市", "临沧市", {"han": 60, "wa": 11, "yi": 8, "dai": 7, "lahu": 7, "bai": 2,
                               "hani": 2, "other": 3}),
    "5323": ("楚雄彝族自治州", "楚雄州", {"han": 67, "yi": 28, "lisu": 2, "miao": 1, "hui": 1,
                                    "other": 1}),
    "5325": ("红河哈尼族彝族自治州", "红河州", {"han": 40, "yi": 24, "hani": 19, "miao": 7, "dai": 3,
                                       "zhuang": 2, "yao": 2, "other": 3}),
    "5326": ("文山壮族苗族自治州", "文山州", {"han": 43, "zhuang": 29, "miao": 15, "yi": 9, "yao": 3,
                                     "other": 1}),
    "5328": ("西双版纳傣族自治州", "西双版纳州", {"dai": 30, "han": 30, "hani": 20, "lahu": 6,
                                       "yi": 5, "other": 9}),
    "5329": ("大理白族自治州", "大理州", {"han": 50, "bai": 34, "yi": 12, "hui": 2, "lisu": 1,
                                   "other": 1}),
    "5331": ("德宏傣族景颇族自治州", "德宏州", {"han": 50, "dai": 28, "jingpo": 13, "lisu": 3,
                                      "other": 6}),
    "5333": ("怒江傈僳族自治州", "怒江州", {"lisu": 52, "bai": 27, "han": 8, "yi": 2, "other": 11}),
    "5334": ("迪庆藏族自治州", "迪庆州", {"tibetan": 34, "lisu": 28, "han": 18, "naxi": 12, "yi": 4,
                                   "bai": 2, "other": 2}),
}

# (code, name, population in 10k, kind, old code, year the old code ended)
_C = [
    ("530102", "五华区", 114, "city", None, 0), ("530103", "盘龙区", 99, "city", None, 0),
    ("530111", "官渡区", 160, "city", None, 0), ("530112", "西山区", 95, "city", None, 0),
    ("530113", "东川区", 26, "county", None, 0), ("530114", "呈贡区", 67, "city", "530121", 2011),
    ("530115", "晋宁区", 35, "county", "530122", 2016), ("530124", "富民县", 15, "county", None, 0),
    ("530125", "宜良县", 43, "county", None, 0), ("530126", "石林彝族自治县", 25, "county", None, 0),
    ("530127", "嵩明县", 43, "county", None, 0), ("530128", "禄劝彝族苗族自治县", 39, "county", None, 0),
    ("530129", "寻甸回族彝族自治县", 46, "county", None, 0), ("530181", "安宁市", 48, "city", None, 0),
    ("530302", "麒麟区", 109, "city", None, 0), ("530303", "沾益区", 43, "county", "530328", 2016),
    ("530304", "马龙区", 20, "county", "530321", 2018), ("530322", "陆良县", 64, "county", None, 0),
    ("530323", "师宗县", 39, "county", None, 0), ("530324", "罗平县", 55, "county", None, 0),
    ("530325", "富源县", 71, "county", None, 0), ("530326", "会泽县", 85, "county", None, 0),
    ("530381", "宣威市", 130, "county", None, 0),
    ("530402", "红塔区", 54, "city", None, 0), ("530403", "江川区", 27, "county", "530421", 2015),
    ("530423", "通海县", 30, "county", None, 0), ("530424", "华宁县", 21, "county", None, 0),
    ("530425", "易门县", 17, "county", None, 0), ("530426", "峨山彝族自治县", 16, "county", None, 0),
    ("530427", "新平彝族傣族自治县", 27, "county", None, 0),
    ("530428", "元江哈尼族彝族傣族自治县", 20, "county", None, 0),
    ("530481", "澄江市", 17, "county", "530422", 2019),
    ("530502", "隆阳区", 93, "city", None, 0), ("530521", "施甸县", 30, "county", None, 0),
    ("530523", "龙陵县", 28, "county", None, 0), ("530524", "昌宁县", 34, "county", None, 0),
    ("530581", "腾冲市", 66, "county", "530522", 2015),
    ("530602", "昭阳区", 95, "city", None, 0), ("530621", "鲁甸县", 40, "county", None, 0),
    ("530622", "巧家县", 53, "remote", None, 0), ("530623", "盐津县", 37, "remote", None, 0),
    ("530624", "大关县", 26, "remote", None, 0), ("530625", "永善县", 39, "remote", None, 0),
    ("530626", "绥江县", 15, "remote", None, 0), ("530627", "镇雄县", 134, "remote", None, 0),
    ("530628", "彝良县", 52, "remote", None, 0), ("530629", "威信县", 38, "remote", None, 0),
    ("530681", "水富市", 11, "county", "530630", 2018),
    ("530702", "古城区", 25, "city", None, 0), ("530721", "玉龙纳西族自治县", 21, "county", None, 0),
    ("530722", "永胜县", 38, "county", None, 0), ("530723", "华坪县", 17, "county", None, 0),
    ("530724", "宁蒗彝族自治县", 26, "remote", None, 0),
    ("530802", "思茅区", 40, "city", None, 0), ("530821", "宁洱哈尼族彝族自治县", 18, "county", None, 0),
    ("530822", "墨江哈尼族自治县", 33, "county", None, 0), ("530823", "景东彝族自治县", 33, "county", None, 0),
    ("530824", "景谷傣族彝族自治县", 29, "county", None, 0),
    ("530825", "镇沅彝族哈尼族拉祜族自治县", 20, "remote", None, 0),
    ("530826", "江城哈尼族彝族自治县", 12, "remote", None, 0),
    ("530827", "孟连傣族拉祜族佤族自治县", 14, "remote", None, 0),
    ("530828", "澜沧拉祜族自治县", 47, "remote", None, 0), ("530829", "西盟佤族自治县", 9, "remote", None, 0),
    ("530902", "临翔区", 35, "city", None, 0), ("530921", "凤庆县", 43, "county", None, 0),
    ("530922", "云县", 43, "county", None, 0), ("530923", "永德县", 35, "county", None, 0),
    ("530924", "镇康县", 18, "remote", None, 0),
    ("530925", "双江拉祜族佤族布朗族傣族自治县", 17, "remote", None, 0),
    ("530926", "耿马傣族佤族自治县", 30, "remote", None, 0), ("530927", "沧源佤族自治县", 18, "remote", None, 0),
    ("532301", "楚雄市", 65, "city", None, 0), ("532302", "禄丰市", 45, "county", "532331", 2021),
    ("532322", "双柏县", 14, "remote", None, 0), ("532323", "牟定县", 19, "county", None, 0),
    ("532324", "南华县", 21, "county", None, 0), ("532325", "姚安县", 18, "county", None, 0),
    ("532326", "大姚县", 26, "county", None, 0), ("532327", "永仁县", 11, "county", None, 0),
    ("532328", "元谋县", 22, "county", None, 0), ("532329", "武定县", 26, "county", None, 0),
    ("532501", "个旧市", 43, "city", None, 0), ("532502", "开远市", 33, "city", None, 0),
    ("532503", "蒙自市", 55, "city", "532522", 2010), ("532504", "弥勒市", 56, "county", "532526", 2013),
    ("532523", "屏边苗族自治县", 16, "remote", None, 0), ("532524", "建水县", 54, "county", None, 0),
    ("532525", "石屏县", 30, "county", None, 0), ("532527", "泸西县", 42, "county", None, 0),
    ("532528", "元阳县", 40, "remote", None, 0), ("532529", "红河县", 30, "remote", None, 0),
    ("532530", "金平苗族瑶族傣族自治县", 36, "remote", None, 0), ("532531", "绿春县", 23, "remote", None, 0),
    ("532532", "河口瑶族自治县", 11, "county", None, 0),
    ("532601", "文山市", 50, "city", "532621", 2010), ("532622", "砚山县", 48, "county", None, 0),
    ("532623", "西畴县", 26, "remote", None, 0), ("532624", "麻栗坡县", 28, "remote", None, 0),
    ("532625", "马关县", 38, "county", None, 0), ("532626", "丘北县", 48, "county", None, 0),
    ("532627", "广南县", 80, "remote", None, 0), ("532628", "富宁县", 42, "remote", None, 0),
    ("532801", "景洪市", 64, "city", None, 0), ("532822", "勐海县", 37, "county", None, 0),
    ("532823", "勐腊县", 29, "county", None, 0),
    ("532901", "大理市", 76, "city", None, 0), ("532922", "漾濞彝族自治县", 10, "remote", None, 0),
    ("532923", "祥云县", 46, "county", None, 0), ("532924", "宾川县", 35, "county", None, 0),
    ("532925", "弥渡县", 31, "county", None, 0), ("532926", "南涧彝族自治县", 21, "remote", None, 0),
    ("532927", "巍山彝族回族自治县", 30, "county", None, 0), ("532928", "永平县", 17, "county", None, 0),
    ("532929", "云龙县", 19, "remote", None, 0), ("532930", "洱源县", 27, "county", None, 0),
    ("532931", "剑川县", 17, "county", None, 0), ("532932", "鹤庆县", 25, "county", None, 0),
    ("533102", "瑞丽市", 27, "city", None, 0), ("533103", "芒市", 45, "city", None, 0),
    ("533122", "梁河县", 16, "county", None, 0), ("533123", "盈江县", 31, "remote", None, 0),
    ("533124", "陇川县", 18, "remote", None, 0),
    ("533301", "泸水市", 19, "remote", "533321", 2016), ("533323", "福贡县", 10, "remote", None, 0),
    ("533324", "贡山独龙族怒族自治县", 4, "remote", None, 0),
    ("533325", "兰坪白族普米族自治县", 21, "remote", None, 0),
    ("533401", "香格里拉市", 18, "remote", "533421", 2014), ("533422", "德钦县", 7, "remote", None, 0),
    ("533423", "维西傈僳族自治县", 15, "remote", None, 0),
]


@dataclass(frozen=True)
class County:
    code: str
    name: str
    short: str
    pref: str
    pop: float
    kind: str
    old_code: str | None
    old_until: int


_SUFFIXES = ("回族彝族自治县", "彝族苗族自治县", "哈尼族彝族傣族自治县", "彝族傣族自治县", "纳西族自治县",
             "哈尼族彝族自治县", "哈尼族自治县", "彝族哈尼族拉祜族自治县", "傣族拉祜族佤族自治县",
             "拉祜族自治县", "佤族自治县", "拉祜族佤族布朗族傣族自治县", "傣族佤族自治县",
             "苗族瑶族傣族自治县", "苗族自治县", "瑶族自治县", "彝族回族自治县", "彝族自治县",
             "独龙族怒族自治县", "白族普米族自治县", "傈僳族自治县", "傣族彝族自治县")


def _short(name: str) -> str:
    for suffix in sorted(_SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return name[: -len(suffix)] + "县"
    return name


COUNTIES = [County(c, n, _short(n), c[:4], p, k, o, y) for c, n, p, k, o, y in _C]
BY_CODE = {c.code: c for c in COUNTIES}
CODES = np.array([c.code for c in COUNTIES])
POP = np.array([c.pop for c in COUNTIES], dtype=float)
PREF_OF = np.array([c.pref for c in COUNTIES])
SEAT: dict[str, str] = {}
for _c in COUNTIES:
    SEAT.setdefault(_c.pref, _c.code)
SEAT["5325"] = "532503"  # Mengzi is Honghe's seat
SEAT["5331"] = "533103"  # Mangshi is Dehong's seat
SEAT["5333"] = "533301"

NUJIANG_DIQING = {"5333", "5334"}


def cremation_rate(code: str) -> float:
    """Share of deaths cremated at a funeral home (burial persists in remote and minority
    areas)."""
    c = BY_CODE[code]
    if c.pref in NUJIANG_DIQING:
        return 0.2
    if c.pref == "5301" and c.kind == "city":
        return 0.96
    return {"city": 0.85, "county": 0.6, "remote": 0.32}[c.kind]


def dereg_lag_median(code: str) -> float:
    """Median days from death to household-registration cancellation."""
    return {"city": 12.0, "county": 28.0, "remote": 70.0}[BY_CODE[code].kind]


def pref_name(code: str) -> str:
    return PREFECTURES[code[:4]][0]


def place_name(code: str) -> str:
    """Prefecture + county, as addresses write it."""
    c = BY_CODE[code]
    return PREFECTURES[c.pref][0] + c.name


def id_region(code: str, birth_year: int) -> str:
    """The region code a person born in ``code`` in ``birth_year`` carries in the ID number."""
    c = BY_CODE.get(code)
    if c is not None and c.old_code and birth_year < c.old_until:
        return c.old_code
    return code


def sample_counties(rng: np.random.Generator, n: int, prefs: list[str] | None = None,
                    kinds: tuple[str, ...] | None = None) -> np.ndarray:
    w = POP.copy()
    if prefs is not None:
        w = w * np.isin(PREF_OF, prefs)
    if kinds is not None:
        w = w * np.isin(np.array([c.kind for c in COUNTIES]), kinds)
    return rng.choice(CODES, size=n, p=w / w.sum())


# ---------------------------------------------------------------- hospitals and funeral homes
BIG_HOSPITALS = [("昆明医科大学第一附属医院", "530102"), ("云南省第一人民医院", "530102"),
                 ("云南省第二人民医院", "530102"), ("昆明市第一人民医院", "530111"),
                 ("昆明市延安医院", "530103"), ("昆明医科大学第二附属医院", "530102")]


def _hospitals() -> list[tuple[str, str, str]]:
    """(name, region code, level) for every hospital: county hospitals, TCM hospitals,
    prefecture hospitals and the provincial hospitals in Kunming."""
    out = []
    for c in COUNTIES:
        if c.kind == "city" and c.pref == "5301":
            out.append((f"昆明市{c.name}人民医院", c.code, "county"))
            continue
        out.append((f"{c.name}人民医院", c.code, "county"))
        if c.pop >= 20:
            out.append((f"{c.short}中医医院", c.code, "county"))
    for pref, (_, short, _) in PREFECTURES.items():
        if pref == "5301":
            continue
        seat = SEAT[pref]
        out.append((f"{short}第一人民医院" if short.endswith("市") else f"{short}人民医院", seat, "pref"))
    out.append(("红河州第三人民医院", "532501", "pref"))
    out.append(("曲靖市第二人民医院", "530302", "pref"))
    out.append(("昭通市第一人民医院", "530602", "pref"))
    for name, code in BIG_HOSPITALS:
        out.append((name, code, "province"))
    seen: dict[str, tuple[str, str, str]] = {}
    for h in out:
        seen.setdefault(h[0], h)
    return list(seen.values())


HOSPITALS = _hospitals()
HOSP_NAME = np.array([h[0] for h in HOSPITALS])
HOSP_REGION = np.array([h[1] for h in HOSPITALS])
HOSP_LEVEL = np.array([h[2] for h in HOSPITALS])
_COUNTY_HOSP: dict[str, list[int]] = {}
for _i, (_n, _r, _lv) in enumerate(HOSPITALS):
    if _lv == "county":
        _COUNTY_HOSP.setdefault(_r, []).append(_i)
_PREF_HOSP: dict[str, list[int]] = {}
for _i, (_n, _r, _lv) in enumerate(HOSPITALS):
    if _lv == "pref":
        _PREF_HOSP.setdefault(_r[:4], []).append(_i)
_PROV_HOSP = [i for i, h in enumerate(HOSPITALS) if h[2] == "province"]


def pick_hospitals(rng: np.random.Generator, counties: np.ndarray,
                   p_county: float = 0.7, p_pref: float = 0.25) -> np.ndarray:
    """Hospital indices for events in ``counties``: the county hospital, the prefecture
    hospital, or a provincial hospital in Kunming."""
    u = rng.random(len(counties))
    v = rng.random(len(counties))
    out = np.empty(len(counties), dtype=np.int64)
    for i, c in enumerate(counties.tolist()):
        if u[i] < p_county and c in _COUNTY_HOSP:
            lst = _COUNTY_HOSP[c]
            out[i] = lst[0] if v[i] < 0.8 or len(lst) == 1 else lst[1 + int(v[i] * 10) % (len(lst) - 1)]
        elif u[i] < p_county + p_pref and c[:4] in _PREF_HOSP:
            lst = _PREF_HOSP[c[:4]]
            out[i] = lst[int(v[i] * len(lst)) % len(lst)]
        else:
            out[i] = _PROV_HOSP[int(v[i] * len(_PROV_HOSP)) % len(_PROV_HOSP)]
    return out


def referral_hospital(rng: np.random.Generator, hosp: int) -> int:
    """Where a transferred patient goes: the prefecture hospital, or a Kunming hospital."""
    pref = HOSP_REGION[hosp][:4]
    if HOSP_LEVEL[hosp] == "county" and pref in _PREF_HOSP and rng.random() < 0.7:
        lst = _PREF_HOSP[pref]
        return lst[int(rng.integers(len(lst)))]
    return _PROV_HOSP[int(rng.integers(len(_PROV_HOSP)))]


def _funeral_homes() -> list[tuple[str, str]]:
    out = [("昆明市殡仪馆", "530112"), ("昆明市呈贡区殡仪馆", "530114"), ("东川区殡仪馆", "530113"),
           ("安宁市殡仪馆", "530181"), ("曲靖市殡仪馆", "530302"), ("玉溪市殡仪馆", "530402"),
           ("保山市殡仪馆", "530502"), ("昭通市殡仪馆", "530602"), ("丽江市殡仪馆", "530702"),
           ("普洱市殡仪馆", "530802"), ("临沧市殡仪馆", "530902"), ("楚雄市殡仪馆", "532301"),
           ("个旧市殡仪馆", "532501"), ("红河州殡仪馆", "532503"), ("文山市殡仪馆", "532601"),
           ("景洪市殡仪馆", "532801"), ("大理市殡仪馆", "532901"), ("德宏州殡仪馆", "533103"),
           ("泸水市殡仪馆", "533301"), ("香格里拉市殡仪馆", "533401"), ("开远市殡仪馆", "532502")]
    have = {r for _, r in out}
    for c in COUNTIES:
        if c.code in have or c.kind == "city":
            continue
        if c.pref in NUJIANG_DIQING:
            continue
        if c.kind == "remote" and c.pop < 25:
            continue
        out.append((f"{c.short}殡仪馆", c.code))
    out.append(("宣威市凤凰山殡仪服务中心", "530381"))
    out.append(("会泽县金钟山公墓殡仪服务站", "530326"))
    return out


FUNERAL_HOMES = _funeral_homes()
FH_NAME = np.array([f[0] for f in FUNERAL_HOMES])
FH_REGION = np.array([f[1] for f in FUNERAL_HOMES])


def nearest_funeral_home(code: str) -> int:
    """The funeral home of the county, else of the prefecture seat, else any in the
    prefecture."""
    idx = np.flatnonzero(code == FH_REGION)
    if len(idx):
        return int(idx[0])
    idx = np.flatnonzero(SEAT[code[:4]] == FH_REGION)
    if len(idx):
        return int(idx[0])
    idx = np.flatnonzero(np.char.startswith(FH_REGION.astype(str), code[:4]))
    return int(idx[0]) if len(idx) else 0


FH_FOR_COUNTY = {c.code: nearest_funeral_home(c.code) for c in COUNTIES}


def far_funeral_home(rng: np.random.Generator, avoid_prefs: set[str]) -> int:
    """A funeral home in a prefecture other than ``avoid_prefs``."""
    cands = [i for i, r in enumerate(FH_REGION.tolist()) if r[:4] not in avoid_prefs]
    return cands[int(rng.integers(len(cands)))]


# ---------------------------------------------------------------- migrant home counties
MIGRANT_REGIONS = {
    "sichuan": ["511623", "511321", "511722", "513402", "511126", "510311", "511024", "511529",
                "513431", "513432", "513428", "513429", "513436"],
    "guizhou": ["520526", "520502", "520281", "520424", "522327", "520521", "520524", "520523"],
    "chongqing": ["500101", "500233", "500235", "500236", "500237", "500243", "500229"],
    "hunan": ["430522", "430523", "431321", "431382", "430626", "431228"],
}
LIANGSHAN_YI = {"513431", "513432", "513428", "513429", "513436"}
MIGRANT_PLACE = {"511623": "四川省邻水县", "511321": "四川省南部县", "511722": "四川省宣汉县",
                 "513402": "四川省会理市", "511126": "四川省夹江县", "510311": "四川省自贡市沿滩区",
                 "511024": "四川省威远县", "511529": "四川省屏山县", "513431": "四川省昭觉县",
                 "513432": "四川省喜德县", "513428": "四川省普格县", "513429": "四川省布拖县",
                 "513436": "四川省美姑县", "520526": "贵州省威宁县", "520502": "贵州省毕节市七星关区",
                 "520281": "贵州省盘州市", "520424": "贵州省关岭县", "522327": "贵州省册亨县",
                 "520521": "贵州省大方县", "520524": "贵州省织金县", "520523": "贵州省金沙县",
                 "500101": "重庆市万州区", "500233": "重庆市忠县", "500235": "重庆市云阳县",
                 "500236": "重庆市奉节县", "500237": "重庆市巫山县", "500243": "重庆市彭水县",
                 "500229": "重庆市城口县", "430522": "湖南省新邵县", "430523": "湖南省邵阳县",
                 "431321": "湖南省双峰县", "431382": "湖南省涟源市", "430626": "湖南省平江县",
                 "431228": "湖南省芷江县"}
MIGRANT_SHARE = {"sichuan": 0.45, "guizhou": 0.27, "chongqing": 0.18, "hunan": 0.10}


def sample_migrant_regions(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(origin province, home county code) for ``n`` migrant workers."""
    prov = rng.choice(list(MIGRANT_SHARE), size=n, p=list(MIGRANT_SHARE.values()))
    reg = np.array([MIGRANT_REGIONS[p][int(rng.integers(len(MIGRANT_REGIONS[p])))]
                    for p in prov.tolist()], dtype="<U6")
    return prov, reg


def sample_ethnicity(rng: np.random.Generator, counties: np.ndarray) -> np.ndarray:
    out = np.empty(len(counties), dtype="<U8")
    prefs = np.array([c[:4] for c in counties.tolist()])
    for pref in sorted(set(prefs.tolist())):
        m = prefs == pref
        mix = PREFECTURES[pref][2]
        p = np.array(list(mix.values()), dtype=float)
        out[m] = rng.choice(list(mix), size=int(m.sum()), p=p / p.sum())
    return out
