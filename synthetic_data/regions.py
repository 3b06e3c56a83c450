"""Real Shanxi administrative divisions (GB/T 2260), county level, for the synthetic province.

All 117 county-level divisions of the 11 prefecture-level cities (1401 Taiyuan … 1411
Lüliang) as in force after the 2018–2019 district reforms of Datong, Changzhi, Huairen and
Taigu. ``OLD_CODES`` maps a current code to the codes it replaced: people who got their ID
before a reform still carry the old code in their ID number, as in real registers.

``COUNTIES`` is a polars frame: ``region_code``, ``name``, ``city_code``, ``city_name``,
``district`` (urban district, 区), ``weight`` (share of the province's population).
"""

from __future__ import annotations

import polars as pl

# city code -> (city name, population in millions, 2020 census, rounded)
CITIES: dict[str, tuple[str, float]] = {
    "1401": ("太原市", 5.30),
    "1402": ("大同市", 3.11),
    "1403": ("阳泉市", 1.32),
    "1404": ("长治市", 3.18),
    "1405": ("晋城市", 2.19),
    "1406": ("朔州市", 1.59),
    "1407": ("晋中市", 3.38),
    "1408": ("运城市", 4.78),
    "1409": ("忻州市", 2.69),
    "1410": ("临汾市", 3.98),
    "1411": ("吕梁市", 3.40),
}

_COUNTY_TEXT = """
140105 小店区;140106 迎泽区;140107 杏花岭区;140108 尖草坪区;140109 万柏林区;140110 晋源区;
140121 清徐县;140122 阳曲县;140123 娄烦县;140181 古交市;
140212 新荣区;140213 平城区;140214 云冈区;140215 云州区;140221 阳高县;140222 天镇县;
140223 广灵县;140224 灵丘县;140225 浑源县;140226 左云县;
140302 城区;140303 矿区;140311 郊区;140321 平定县;140322 盂县;
140403 潞州区;140404 上党区;140405 屯留区;140406 潞城区;140423 襄垣县;140425 平顺县;
140426 黎城县;140427 壶关县;140428 长子县;140429 武乡县;140430 沁县;140431 沁源县;
140502 城区;140521 沁水县;140522 阳城县;140524 陵川县;140525 泽州县;140581 高平市;
140602 朔城区;140603 平鲁区;140621 山阴县;140622 应县;140623 右玉县;140681 怀仁市;
140702 榆次区;140703 太谷区;140721 榆社县;140722 左权县;140723 和顺县;140724 昔阳县;
140725 寿阳县;140727 祁县;140728 平遥县;140729 灵石县;140781 介休市;
140802 盐湖区;140821 临猗县;140822 万荣县;140823 闻喜县;140824 稷山县;140825 新绛县;
140826 绛县;140827 垣曲县;140828 夏县;140829 平陆县;140830 芮城县;140881 永济市;140882 河津市;
140902 忻府区;140921 定襄县;140922 五台县;140923 代县;140924 繁峙县;140925 宁武县;
140926 静乐县;140927 神池县;140928 五寨县;140929 岢岚县;140930 河曲县;140931 保德县;
140932 偏关县;140981 原平市;
141002 尧都区;141021 曲沃县;141022 翼城县;141023 襄汾县;141024 洪洞县;141025 古县;
141026 安泽县;141027 浮山县;141028 吉县;141029 乡宁县;141030 大宁县;141031 隰县;
141032 永和县;141033 蒲县;141034 汾西县;141081 侯马市;141082 霍州市;
141102 离石区;141121 文水县;141122 交城县;141123 兴县;141124 临县;141125 柳林县;
141126 石楼县;141127 岚县;141128 方山县;141129 中阳县;141130 交口县;141181 孝义市;141182 汾阳市
"""

# current code -> codes it replaced (IDs issued before the reform keep them)
OLD_CODES: dict[str, tuple[str, ...]] = {
    "140213": ("140202", "140211"),   # 平城区 <- 城区, 南郊区 (2018)
    "140214": ("140203", "140211"),   # 云冈区 <- 矿区, 南郊区
    "140215": ("140227",),            # 云州区 <- 大同县
    "140403": ("140402", "140411"),   # 潞州区 <- 城区, 郊区
    "140404": ("140421",),            # 上党区 <- 长治县
    "140405": ("140424",),            # 屯留区 <- 屯留县
    "140406": ("140481",),            # 潞城区 <- 潞城市
    "140681": ("140624",),            # 怀仁市 <- 怀仁县
    "140703": ("140726",),            # 太谷区 <- 太谷县
}

# county codes of other provinces that migrant workers in Shanxi's mines and building sites
# come from (Henan, Hebei, Sichuan, Shaanxi, Inner Mongolia, Anhui): their IDs carry these
# codes and their household registration is cancelled at home, not in Shanxi
OUTSIDE_CODES: tuple[str, ...] = (
    "410102", "410103", "410181", "410526", "130102", "130181", "510104", "510107", "511623",
    "610102", "610103", "150102", "340102",
)

# coal-producing counties get more mines (major coalfields: 大同, 宁武, 西山, 沁水, 河东, 霍西)
COAL_COUNTIES = frozenset(str.split(
    "140181 140214 140226 140303 140311 140321 140322 140404 140423 140431 140521 140522 "
    "140525 140581 140603 140621 140925 140931 141029 141081 141082 141025 141034 141125 "
    "141130 141181 141129 140729 140781 140724"
))


def _build() -> pl.DataFrame:
    rows = []
    for item in _COUNTY_TEXT.replace("\n", "").split(";"):
        code, name = item.strip().split(" ")
        city_code = code[:4]
        rows.append((code, name, city_code, CITIES[city_code][0], name.endswith("区")))
    frame = pl.DataFrame(rows, schema=["region_code", "name", "city_code", "city_name", "district"],
                         orient="row")
    # population weight: the city's population shared across its counties, districts x1.8
    frame = frame.with_columns(
        pl.when(pl.col("district")).then(1.8).otherwise(1.0).alias("_w")
    ).with_columns(
        (pl.col("_w") / pl.col("_w").sum().over("city_code")
         * pl.col("city_code").replace_strict({k: v[1] for k, v in CITIES.items()})).alias("weight")
    ).drop("_w")
    return frame.with_columns(pl.col("weight") / pl.col("weight").sum())


COUNTIES: pl.DataFrame = _build()
