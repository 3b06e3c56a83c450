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

from pipelines.regions import county_table

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
    for code, name in county_table():    # the pipelines' list of the province's divisions
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
