"""Shanxi's county-level divisions by name (GB/T 2260), to read a county out of a written place.

The departments write places as text: a funeral home's "body collected from" (``body_origin``)
is ``忻府区上庄村``, ``高平市石板沟村``, ``太原市晋源区新庄村`` or just ``某镇某村``. The county such a
text names, when it names one, says whether the body came from the deceased's home county or was
moved (domain: "moving bodies to another county"). :func:`county_of_place` returns that county's
code; a text that names no county, or only a name two counties share without the city (城区 is
both Yangquan's and Jincheng's), gives null.

The table is the 117 county-level divisions of the 11 prefecture-level cities as in force after the
2018–2019 district reforms of Datong, Changzhi, Huairen and Taigu (the synthetic generator draws its
province from the same table: ``synthetic_data.regions``).
"""

from __future__ import annotations

import polars as pl

PROVINCE_NAME = "山西省"

# city code -> city name
CITY_NAMES: dict[str, str] = {
    "1401": "太原市", "1402": "大同市", "1403": "阳泉市", "1404": "长治市", "1405": "晋城市",
    "1406": "朔州市", "1407": "晋中市", "1408": "运城市", "1409": "忻州市", "1410": "临汾市",
    "1411": "吕梁市",
}

COUNTY_TEXT = """
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


def county_table() -> list[tuple[str, str]]:
    """``(code, name)`` of every county-level division, in code order."""
    pairs = [item.strip().split(" ") for item in COUNTY_TEXT.replace("\n", "").split(";")]
    return [(code, name) for code, name in pairs]


def _lookup() -> dict[str, str]:
    """Text prefix -> county code: ``city + county`` always, ``county`` alone when the name is
    unique in the province (城区 is not)."""
    table = county_table()
    counts: dict[str, int] = {}
    for _, name in table:
        counts[name] = counts.get(name, 0) + 1
    out: dict[str, str] = {}
    for code, name in table:
        out[CITY_NAMES[code[:4]] + name] = code
        if counts[name] == 1:
            out[name] = code
    return out


_LOOKUP = _lookup()
# at the start of the text, longest first, so 太原市小店区 wins over a shorter name and 沁县 never
# reads 沁水县
_PATTERN = "^(" + "|".join(sorted(_LOOKUP, key=len, reverse=True)) + ")"


def county_of_place(expr: pl.Expr) -> pl.Expr:
    """The code of the county a written place starts with (after an optional ``山西省``), or null.

    ``忻府区上庄村`` → 140902; ``太原市晋源区新庄村`` → 140110; ``晋城市城区北石店镇`` → 140502;
    ``城区某村`` → null (two 城区); ``庄堡镇上家岭`` → null (no county named)."""
    text = expr.str.replace_all(r"\s", "").str.strip_prefix(PROVINCE_NAME)
    return text.str.extract(_PATTERN, 1).replace_strict(_LOOKUP, default=None, return_dtype=pl.String)


def home_province(*codes: pl.Series) -> str | None:
    """The province (2 digits of GB/T 2260) most of ``codes`` are in — e.g. the region codes of the
    hospitals and funeral homes on file, which are the reporting province's own institutions
    (people registered elsewhere die and are treated there too, but not most of them). None when
    no code is a 6-digit one."""
    parts = [c.cast(pl.String) for c in codes if c.len()]
    if not parts:
        return None
    s = pl.concat(parts).drop_nulls()
    s = s.filter(s.str.contains(r"^\d{6}$")).str.slice(0, 2)
    if s.len() == 0:
        return None
    counts = s.value_counts(sort=True)
    # on a tie the smaller code, so the answer never depends on row order
    top = counts.filter(pl.col("count") == counts["count"].max()).sort(s.name)
    return str(top[s.name][0])
