"""Shanxi administrative divisions, hospitals and funeral homes (GB/T 2260 codes)."""

from __future__ import annotations

CITIES = {  # code: (name, population in millions)
    "1401": ("太原市", 5.4), "1402": ("大同市", 3.1), "1403": ("阳泉市", 1.3),
    "1404": ("长治市", 3.2), "1405": ("晋城市", 2.2), "1406": ("朔州市", 1.6),
    "1407": ("晋中市", 3.4), "1408": ("运城市", 4.8), "1409": ("忻州市", 2.7),
    "1410": ("临汾市", 4.0), "1411": ("吕梁市", 3.4),
}
_COUNTIES = """
140105 小店区,140106 迎泽区,140107 杏花岭区,140108 尖草坪区,140109 万柏林区,140110 晋源区,
140121 清徐县,140122 阳曲县,140123 娄烦县,140181 古交市,
140212 新荣区,140213 平城区,140214 云冈区,140215 云州区,140221 阳高县,140222 天镇县,
140223 广灵县,140224 灵丘县,140225 浑源县,140226 左云县,
140302 城区,140303 矿区,140311 郊区,140321 平定县,140322 盂县,
140403 潞州区,140404 上党区,140405 屯留区,140406 潞城区,140423 襄垣县,140425 平顺县,
140426 黎城县,140427 壶关县,140428 长子县,140429 武乡县,140430 沁县,140431 沁源县,
140502 城区,140521 沁水县,140522 阳城县,140524 陵川县,140525 泽州县,140581 高平市,
140602 朔城区,140603 平鲁区,140621 山阴县,140622 应县,140623 右玉县,140681 怀仁市,
140702 榆次区,140703 太谷区,140721 榆社县,140722 左权县,140723 和顺县,140724 昔阳县,
140725 寿阳县,140727 祁县,140728 平遥县,140729 灵石县,140781 介休市,
140802 盐湖区,140821 临猗县,140822 万荣县,140823 闻喜县,140824 稷山县,140825 新绛县,
140826 绛县,140827 垣曲县,140828 夏县,140829 平陆县,140830 芮城县,140881 永济市,140882 河津市,
140902 忻府区,140921 定襄县,140922 五台县,140923 代县,140924 繁峙县,140925 宁武县,
140926 静乐县,140927 神池县,140928 五寨县,140929 岢岚县,140930 河曲县,140931 保德县,
140932 偏关县,140981 原平市,
141002 尧都区,141021 曲沃县,141022 翼城县,141023 襄汾县,141024 洪洞县,141025 古县,
141026 安泽县,141027 浮山县,141028 吉县,141029 乡宁县,141030 大宁县,141031 隰县,
141032 永和县,141033 蒲县,141034 汾西县,141081 侯马市,141082 霍州市,
141102 离石区,141121 文水县,141122 交城县,141123 兴县,141124 临县,141125 柳林县,
141126 石楼县,141127 岚县,141128 方山县,141129 中阳县,141130 交口县,141181 孝义市,141182 汾阳市
"""
COUNTIES: dict[str, str] = {}
for tok in _COUNTIES.replace("\n", "").split(","):
    code, name = tok.strip().split(" ")
    COUNTIES[code] = name
COUNTY_CODES = sorted(COUNTIES)

# Coal cities weigh more for mining enterprises.
COAL_CITY_W = {"1401": 0.5, "1402": 1.2, "1403": 1.2, "1404": 1.5, "1405": 1.5, "1406": 1.2,
               "1407": 1.0, "1408": 0.2, "1409": 0.8, "1410": 1.2, "1411": 1.5}

# Home provinces of migrant workers and neighbouring provinces (codes are real county-level).
OUT_PROVINCE = {
    "130402": "河北省邯郸市邯山区", "130502": "河北省邢台市襄都区", "410102": "河南省郑州市中原区",
    "410302": "河南省洛阳市老城区", "411502": "河南省信阳市浉河区", "510104": "四川省成都市锦江区",
    "511302": "四川省南充市顺庆区", "500101": "重庆市万州区", "620102": "甘肃省兰州市城关区",
    "610802": "陕西省榆林市榆阳区", "150602": "内蒙古鄂尔多斯市东胜区", "340102": "安徽省合肥市瑶海区",
}
OUT_CODES = sorted(OUT_PROVINCE)
# Out-of-province funeral homes that appear in the shared cremation data (bordering provinces).
OUT_FUNERAL = [("邯郸市殡仪馆", "130402"), ("邢台市殡仪馆", "130502"), ("洛阳市殡仪馆", "410302"),
               ("榆林市殡仪馆", "610802"), ("鄂尔多斯市殡仪馆", "150602")]


def city_of(code: str) -> str:
    return code[:4]


def county_label(code: str) -> str:
    if code in COUNTIES:
        return CITIES[code[:4]][0] + COUNTIES[code]
    return OUT_PROVINCE.get(code, code)


# Hospitals: (name, county code, level) - city hospitals at the city's first district.
HOSPITALS: list[tuple[str, str, int]] = [
    ("山西医科大学第一医院", "140106", 3), ("山西医科大学第二医院", "140109", 3),
    ("山西省人民医院", "140106", 3), ("山西白求恩医院", "140105", 3),
    ("太原钢铁(集团)有限公司总医院", "140108", 2), ("山西省汾阳医院", "141182", 3),
]
_CITY_SEAT: dict[str, str] = {}
for _code in COUNTY_CODES:
    _CITY_SEAT.setdefault(_code[:4], _code)
for _c, (_cn, _) in CITIES.items():
    HOSPITALS.append((f"{_cn}人民医院", _CITY_SEAT[_c], 3))
    HOSPITALS.append((f"{_cn}第二人民医院", _CITY_SEAT[_c], 2))
    HOSPITALS.append((f"{_cn}中医医院", _CITY_SEAT[_c], 2))
for _code in COUNTY_CODES:
    HOSPITALS.append((f"{COUNTIES[_code]}人民医院" if not COUNTIES[_code].endswith("区")
                      else f"{CITIES[_code[:4]][0]}{COUNTIES[_code]}人民医院", _code, 1))
HOSP_BY_COUNTY: dict[str, list[int]] = {}
HOSP_BY_CITY: dict[str, list[int]] = {}
for _i, (_n, _code, _lvl) in enumerate(HOSPITALS):
    HOSP_BY_COUNTY.setdefault(_code, []).append(_i)
    HOSP_BY_CITY.setdefault(_code[:4], []).append(_i)
TERTIARY = [i for i, h in enumerate(HOSPITALS) if h[2] == 3]
PROVINCIAL = TERTIARY[:6]  # provincial referral hospitals (Taiyuan, Fenyang)

# Funeral homes: one per city plus one for every third county.
FUNERAL: list[tuple[str, str]] = []
for _c, (_cn, _) in CITIES.items():
    FUNERAL.append((f"{_cn}殡仪馆", _CITY_SEAT[_c]))
for _k, _code in enumerate(COUNTY_CODES):
    if _k % 3 == 1 and not COUNTIES[_code].endswith("区"):
        FUNERAL.append((f"{COUNTIES[_code]}殡仪馆", _code))
FUN_BY_CITY: dict[str, list[int]] = {}
for _i, (_n, _code) in enumerate(FUNERAL):
    FUN_BY_CITY.setdefault(_code[:4], []).append(_i)
