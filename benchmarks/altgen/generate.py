"""altgen: an independent synthetic province written from the data contract and the domain brief.

Deliberately different from ``synthetic_data`` (written without reading it): a March-to-February
year (2025-03-01 … 2026-02-28, extracted 2026-06-30), Shanxi-flavoured surname weights, its own
given-name pools, its own concealment mix (grade-line under-counting, injured victims who die
within 30 / 7 days and are never added, concealed incidents with fast / far cremations, falsified
causes, private settlements), its own noise (15-digit legacy IDs, lower-case ``x``, wrong check
characters, mistyped / transposed digits, traditional characters, homophones, pinyin, middle
dots, 虚岁 ages, four date formats, sex as M/F/男/女/1/2), GB18030 and BOM files, overlapping
record ids between sources and an extra column. Hard negatives: natural deaths (also of
high-risk-industry workers), traffic deaths of non-workers, commuting deaths with a claim, home
falls of the elderly, drownings, suicides, coal-stove poisoning of families, "sudden illness at
work" claims.

    python -m benchmarks.altgen.generate --out DIR --scale 0.2 --seed 1

Scale 1.0 ≈ one province-year: 300k deaths, 1.5M injury encounters, 30k work-injury claims.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl

START = date(2025, 3, 1)
END = date(2026, 2, 28)
EXTRACT = date(2026, 6, 30)
EPOCH = date(1970, 1, 1)
D0 = (START - EPOCH).days
D1 = (END - EPOCH).days
DX = (EXTRACT - EPOCH).days
NDAYS = D1 - D0 + 1
# a null for np.where (numpy's stubs do not accept a bare None there; the result is the same
# object array)
_NULL = np.array(None, dtype=object)

# --------------------------------------------------------------------------- places
_CITIES = {
    "1401": ("太原市", "小店区 迎泽区 杏花岭区 尖草坪区 万柏林区 晋源区 清徐县 阳曲县 娄烦县 古交市",
             "140105 140106 140107 140108 140109 140110 140121 140122 140123 140181"),
    "1402": ("大同市", "新荣区 平城区 云冈区 云州区 阳高县 天镇县 广灵县 灵丘县 浑源县 左云县",
             "140212 140213 140214 140215 140221 140222 140223 140224 140225 140226"),
    "1403": ("阳泉市", "城区 矿区 郊区 平定县 盂县", "140302 140303 140311 140321 140322"),
    "1404": ("长治市", "潞州区 上党区 屯留区 潞城区 襄垣县 平顺县 黎城县 壶关县 长子县 武乡县 沁县 沁源县",
             "140403 140404 140405 140406 140423 140425 140426 140427 140428 140429 140430 140431"),
    "1405": ("晋城市", "城区 沁水县 阳城县 陵川县 泽州县 高平市",
             "140502 140521 140522 140524 140525 140581"),
    "1406": ("朔州市", "朔城区 平鲁区 山阴县 应县 右玉县 怀仁市",
             "140602 140603 140621 140622 140623 140681"),
    "1407": ("晋中市", "榆次区 太谷区 榆社县 左权县 和顺县 昔阳县 寿阳县 祁县 平遥县 灵石县 介休市",
             "140702 140703 140721 140722 140723 140724 140725 140727 140728 140729 140781"),
    "1408": ("运城市", "盐湖区 临猗县 万荣县 闻喜县 稷山县 新绛县 绛县 垣曲县 夏县 平陆县 芮城县 永济市 河津市",
             "140802 140821 140822 140823 140824 140825 140826 140827 140828 140829 140830 "
             "140881 140882"),
    "1409": ("忻州市", "忻府区 定襄县 五台县 代县 繁峙县 宁武县 静乐县 神池县 五寨县 岢岚县 河曲县 保德县 "
             "偏关县 原平市",
             "140902 140921 140922 140923 140924 140925 140926 140927 140928 140929 140930 "
             "140931 140932 140981"),
    "1410": ("临汾市", "尧都区 曲沃县 翼城县 襄汾县 洪洞县 古县 安泽县 浮山县 吉县 乡宁县 大宁县 隰县 永和县 "
             "蒲县 汾西县 侯马市 霍州市",
             "141002 141021 141022 141023 141024 141025 141026 141027 141028 141029 141030 "
             "141031 141032 141033 141034 141081 141082"),
    "1411": ("吕梁市", "离石区 文水县 交城县 兴县 临县 柳林县 石楼县 岚县 方山县 中阳县 交口县 孝义市 汾阳市",
             "141102 141121 141122 141123 141124 141125 141126 141127 141128 141129 141130 "
             "141181 141182"),
}
COAL_CITIES = {"1402", "1403", "1404", "1405", "1406", "1410", "1411"}
# codes printed in IDs issued before the 2018-2019 district reforms
OLD_ID_CODES = {"140213": "140202", "140214": "140211", "140215": "140221", "140403": "140402",
                "140404": "140421", "140405": "140424", "140406": "140481", "140703": "140726"}
FOREIGN = ["410526", "411323", "610581", "130633", "150221", "511621", "622424", "410928", "612722"]

CODES: list[str] = []
CNAMES: list[str] = []
CITY_OF: list[int] = []
CITY_KEYS = list(_CITIES)
for _ci, (_k, (_cn, _names, _codes)) in enumerate(_CITIES.items()):
    for _n, _c in zip(_names.split(), _codes.split(), strict=True):
        CODES.append(_c)
        CNAMES.append(_n if _n[-1] in "县市" else _cn + _n)
        CITY_OF.append(_ci)
NC = len(CODES)
CODES_A = np.array(CODES)
CITY_A = np.array(CITY_OF)
POPW = np.array([2.2 if n.endswith("区") else 1.6 if n.endswith("市") else 1.0 for n in CNAMES])
POPW = POPW / POPW.sum()
CITY_NAME = [v[0] for v in _CITIES.values()]
CITY_SEAT = [CITY_OF.index(i) for i in range(len(CITY_KEYS))]   # first county = city seat

# --------------------------------------------------------------------------- names
_SUR = ["王", "7.1", "李", "7.0", "张", "6.4", "刘", "5.2", "陈", "3.6", "郭", "2.4", "杨", "2.6", "赵", "2.2", "武", "1.2", "吴", "1.4", "周", "1.2", "孙", "1.3", "高", "1.3", "马", "1.1", "贾", "1.0", "郝", "0.9", "胡", "0.9", "韩", "0.9", "梁", "0.8", "宋", "0.8", "徐", "0.8", "范", "0.7", "闫", "0.7", "冯", "0.7", "田", "0.7", "朱", "0.7", "何", "0.6", "程", "0.6", "曹", "0.6", "常", "0.6", "薛", "0.6", "任", "0.6", "段", "0.6", "乔", "0.5", "牛", "0.5", "董", "0.5", "郑", "0.5", "许", "0.5", "史", "0.5", "杜", "0.5", "原", "0.4", "霍", "0.4", "冀", "0.4", "申", "0.4", "温", "0.4", "卫", "0.4", "柴", "0.4", "靳", "0.4", "阎", "0.3", "黄", "0.5", "林", "0.3", "罗", "0.3", "谢", "0.3", "唐", "0.3", "邓", "0.3", "彭", "0.3", "肖", "0.3", "袁", "0.3", "潘", "0.3", "于", "0.4", "蒋", "0.2", "蔡", "0.2", "余", "0.2", "叶", "0.2", "苏", "0.3", "魏", "0.4", "吕", "0.4", "丁", "0.3", "沈", "0.2", "姚", "0.3", "卢", "0.2", "姜", "0.2", "崔", "0.3", "钟", "0.1", "谭", "0.1", "陆", "0.1", "汪", "0.1", "金", "0.2", "石", "0.3", "廖", "0.1", "夏", "0.2", "付", "0.3", "方", "0.1", "白", "0.4", "邹", "0.1", "孟", "0.3", "秦", "0.3", "邱", "0.1", "江", "0.1", "尹", "0.2", "雷", "0.2", "侯", "0.3", "龙", "0.1", "陶", "0.1", "贺", "0.3", "毛", "0.2", "邵", "0.1", "康", "0.3", "樊", "0.3", "相", "0.1", "裴", "0.2", "焦", "0.2", "弓", "0.1", "岳", "0.2", "路", "0.2", "庞", "0.1", "单", "0.08", "曾", "0.1", "解", "0.08", "区", "0.02", "令狐", "0.03", "欧阳", "0.03", "司马", "0.02", "上官", "0.01"]
SURNAMES = np.array(_SUR[0::2])
SUR_P = np.array([float(x) for x in _SUR[1::2]])
SUR_P = SUR_P / SUR_P.sum()
MALE = np.array(list("伟强军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆旭宁龙林阳磊建国志文海东亮成峰兵"
                     "晋忠锁贵生宝喜福旺瑞虎柱斌江山永庆春树栓根锋毅晨")
                )
FEMALE = np.array(list("芳娜敏静丽艳娟霞秀英华玲燕萍红梅琳雪婷慧莉桂兰凤翠云洁颖倩瑶欣悦佳蓉琴月春"
                       "美彩花玉珍晶璐妮丹荣香娥爱"))
_zipf = lambda n: (w := 1.0 / np.arange(3, n + 3) ** 1.1) / w.sum()  # noqa: E731
HOMOPHONES = {"伟": "玮炜韦", "丽": "莉俪", "王": "汪", "张": "章", "明": "铭", "军": "君", "静": "婧晶",
              "杰": "洁", "芳": "方", "建": "健", "林": "琳霖", "红": "宏虹", "英": "瑛莹", "平": "萍",
              "文": "雯", "志": "智", "华": "桦", "涛": "韬", "斌": "彬", "峰": "锋", "辉": "晖", "刚": "钢",
              "娜": "那", "燕": "艳", "霞": "侠", "梅": "玫", "鹏": "朋", "凯": "恺", "勇": "永", "兵": "彬",
              "敏": "闵", "玲": "琳", "萍": "苹", "俊": "骏", "宇": "雨", "东": "冬", "成": "诚", "贾": "甲",
              "郝": "好", "冯": "凤", "程": "成", "徐": "许", "杨": "阳", "李": "理", "刘": "柳"}

# --------------------------------------------------------------------------- industries / ICD
INDUSTRY = ("coal_mining", "non_coal_mining", "hazardous_chemicals", "metallurgy", "construction",
            "transport", "fireworks", "manufacturing", "other")
HIGH = {"coal_mining", "non_coal_mining", "hazardous_chemicals", "metallurgy", "construction",
        "fireworks"}
ENT_MIX = np.array([.07, .05, .05, .04, .20, .10, .01, .26, .22])
ENT_SUFFIX = {
    "coal_mining": ["煤业有限公司", "煤矿", "煤炭开采有限公司"],
    "non_coal_mining": ["矿业有限公司", "铁矿", "石料厂", "铝土矿有限公司"],
    "hazardous_chemicals": ["化工有限公司", "焦化有限责任公司", "燃气有限公司"],
    "metallurgy": ["钢铁有限公司", "铸造有限公司", "冶炼有限公司"],
    "construction": ["建筑工程有限公司", "建设集团有限公司", "建工有限公司", "路桥工程有限公司"],
    "transport": ["物流有限公司", "运输有限公司", "货运有限公司"],
    "fireworks": ["烟花爆竹有限公司", "花炮厂"],
    "manufacturing": ["机械制造有限公司", "纺织有限公司", "食品有限公司", "建材有限公司", "电器有限公司"],
    "other": ["商贸有限公司", "物业管理有限公司", "农业开发有限公司", "餐饮管理有限公司"],
}
ENT_WORD = list("鑫恒泰华盛源通达宏兴昌隆晋瑞丰利安德福金亿嘉诚信和顺海天宇新正阳光明远峰")
# accident types by industry, with (external cause 3-char, death diagnosis, injury diagnosis)
ACC_BY_IND = {
    "coal_mining": ["roof_fall", "gas_explosion", "flooding", "poisoning_asphyxiation", "machinery",
                    "vehicle", "electrocution", "roof_fall"],
    "non_coal_mining": ["roof_fall", "collapse", "explosion", "fall_from_height", "struck_by_object"],
    "hazardous_chemicals": ["explosion", "fire", "poisoning_asphyxiation", "burn"],
    "metallurgy": ["burn", "explosion", "machinery", "poisoning_asphyxiation", "lifting"],
    "construction": ["fall_from_height", "collapse", "struck_by_object", "lifting", "electrocution",
                     "fall_from_height", "machinery"],
    "transport": ["vehicle"],
    "fireworks": ["explosion", "fire"],
    "manufacturing": ["machinery", "electrocution", "fire", "struck_by_object", "burn"],
    "other": ["fall_from_height", "poisoning_asphyxiation", "electrocution", "other"],
}
ICD = {  # accident_type: (external causes, death diagnoses, injury diagnoses, death-cause words)
    "roof_fall": ("W20", "S06.5 T07 S32.0", "S32.0 S72.0 S22.4", "颅脑损伤 多发伤"),
    "gas_explosion": ("W40 X47", "T31.8 T58 T07", "T29.3 T58 T31.3", "爆炸伤 一氧化碳中毒 烧伤"),
    "flooding": ("W74", "T75.1", "T75.1 S82.2", "溺亡 窒息"),
    "fall_from_height": ("W13 W12 W11", "S06.5 S06.9 T07", "S72.0 S82.2 S32.0 S22.3", "高坠伤 颅脑损伤"),
    "struck_by_object": ("W20", "S06.5 S12.9", "S42.0 S52.5 S06.0", "颅脑损伤"),
    "machinery": ("W31 W24", "T04.7 S38.1 T07", "S61.0 S68.1 S67.8", "机械性损伤 多发伤"),
    "electrocution": ("W86 W87", "T75.4", "T75.4 T24.2", "电击伤"),
    "poisoning_asphyxiation": ("X47", "T58 T59.6 T71", "T58 T59.6", "中毒 窒息"),
    "vehicle": ("V69.5 V47.5 V86.5", "S06.5 T07 S27.3", "S72.0 S82.2 S06.0", "车祸伤 多发伤"),
    "lifting": ("W24 W20", "T07 S06.5", "S42.0 S82.2", "多发伤"),
    "collapse": ("W77", "T71 T07", "S32.0 S72.0", "机械性窒息 多发伤"),
    "fire": ("X00 X09", "T31.8 T27.3", "T29.3 T31.3", "烧伤 吸入性损伤"),
    "explosion": ("W40", "T07 T31.8", "T29.3 S06.0", "爆炸伤"),
    "burn": ("X12 X15", "T31.5 T31.8", "T22.2 T24.2 T29.3", "烧伤"),
    "other": ("W49", "T14.9", "T14.9", "意外伤"),
}
SITE = {"coal_mining": "井下采掘工作面", "non_coal_mining": "采场", "hazardous_chemicals": "生产装置区",
        "metallurgy": "炼钢车间", "construction": "施工工地", "transport": "运输途中", "fireworks": "生产车间",
        "manufacturing": "车间", "other": "作业现场"}


@dataclass
class Out:
    """Accumulated record frames per source, plus truth pieces."""

    rec: dict[str, list[pl.DataFrame]] = field(default_factory=dict)
    persons: list[pl.DataFrame] = field(default_factory=list)
    deaths: list[pl.DataFrame] = field(default_factory=list)
    incidents: list[pl.DataFrame] = field(default_factory=list)
    incident_person: list[pl.DataFrame] = field(default_factory=list)

    def add(self, source: str, frame: pl.DataFrame) -> None:
        if frame.height:
            self.rec.setdefault(source, []).append(_strings(frame))


def _strings(frame: pl.DataFrame) -> pl.DataFrame:
    """Object columns (numpy arrays holding None) as String."""
    return frame.with_columns(
        pl.Series(c, [None if v is None else str(v) for v in frame[c].to_list()], dtype=pl.String)
        for c, t in frame.schema.items() if t == pl.Object)


def _str(name: str, a: np.ndarray) -> pl.Series:
    return pl.Series(name, [None if v is None else str(v) for v in a.tolist()], dtype=pl.String)


def _days(x: np.ndarray) -> pl.Series:
    return pl.Series(np.asarray(x, dtype=np.int32)).cast(pl.Date)


def _mins(x: np.ndarray) -> pl.Series:
    return pl.from_epoch(pl.Series(np.asarray(x, dtype=np.int64) * 60), time_unit="s")


def _null(s: pl.Series, mask: np.ndarray) -> pl.Series:
    """``s`` with nulls where ``mask``."""
    return pl.select(pl.when(pl.Series(np.asarray(mask, bool))).then(None).otherwise(s)
                     ).to_series().alias(s.name)


def pick(rng: np.random.Generator, options: list[str] | str, n: int,
         p: list[float] | np.ndarray | None = None) -> np.ndarray:
    opts = options.split() if isinstance(options, str) else options
    if p is not None:
        p = np.asarray(p, dtype=float) / np.sum(p)
    return np.array(opts, dtype=object)[rng.choice(len(opts), size=n, p=p)]


def nullify(rng: np.random.Generator, a: np.ndarray, p: float) -> np.ndarray:
    a = a.astype(object).copy()
    a[rng.random(len(a)) < p] = None
    return a


# --------------------------------------------------------------------------- identifiers
_W = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2])
_CHK = np.array(list("10X98765432"))
_USCC_ALPHA = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_UW = np.array([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28])


def _digits(strings: np.ndarray, width: int) -> np.ndarray:
    b = np.frombuffer("".join(strings.tolist()).encode("ascii"), dtype=np.uint8)
    return b.reshape(-1, width).astype(np.int64) - 48


def _from_digits(d: np.ndarray) -> np.ndarray:
    return (d + 48).astype(np.uint8).view(f"S{d.shape[1]}").ravel().astype(str)


def id18(region: np.ndarray, birth_days: np.ndarray, male: np.ndarray,
         rng: np.random.Generator) -> np.ndarray:
    """Valid 18-character resident IDs (GB 11643)."""
    ymd = pl.Series(np.asarray(birth_days, dtype=np.int32)).cast(pl.Date).dt.to_string("%Y%m%d")
    seq = rng.integers(0, 500, size=len(region)) * 2 + male.astype(np.int64)
    body = np.char.add(np.char.add(region.astype(str), ymd.to_numpy().astype(str)),
                       np.char.zfill(seq.astype(str), 3))
    d = _digits(body, 17)
    return np.char.add(body, _CHK[(d * _W).sum(axis=1) % 11])


def uscc(region: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    n = len(region)
    alpha = np.array(list(_USCC_ALPHA))
    org = rng.integers(0, 10, size=(n, 8))
    last = rng.integers(0, 31, size=n)
    head = np.tile(np.array([9, 1]), (n, 1))
    vals = np.hstack([head, _digits(region, 6), org, last[:, None]])
    chk = (31 - (vals * _UW).sum(axis=1) % 31) % 31
    vals = np.hstack([vals, chk[:, None]])
    return np.array(["".join(r) for r in alpha[vals]])


# --------------------------------------------------------------------------- the generator
class AltGen:
    def __init__(self, scale: float, seed: int) -> None:
        self.s = scale
        self.rng = np.random.default_rng(seed + 7919)
        self.o = Out()
        self.next_pid = 1
        self.next_inc = 1
        self._enterprises()

    def n(self, per_year: float) -> int:
        return int(self.rng.poisson(per_year * self.s))

    # ------------------------------------------------------------------ enterprises
    def _enterprises(self) -> None:
        r = self.rng
        n = max(200, int(15000 * self.s))
        ind = r.choice(len(INDUSTRY), size=n, p=ENT_MIX / ENT_MIX.sum())
        coalw = np.array([3.0 if CODES[i][:4] in COAL_CITIES else 0.3 for i in range(NC)]) * POPW
        county = np.where(np.isin(ind, [0, 1]), r.choice(NC, size=n, p=coalw / coalw.sum()),
                          r.choice(NC, size=n, p=POPW))
        names = []
        seen: set[str] = set()
        for i in range(n):
            ind_name = INDUSTRY[ind[i]]
            while True:
                pre = CNAMES[county[i]].removesuffix("县").removesuffix("市") if r.random() < .7 else "山西"
                w = "".join(r.choice(ENT_WORD, size=2, replace=False))
                nm = pre + w + r.choice(ENT_SUFFIX[ind_name])
                if nm not in seen:
                    break
            seen.add(nm)
            names.append(nm)
        self.ent = pl.DataFrame({
            "ent": np.arange(n), "uscc": uscc(CODES_A[county], r), "ename": names,
            "industry": np.array(INDUSTRY)[ind], "county": county,
            "high_risk": np.isin(ind, [0, 1, 2, 3, 4, 6]) | (r.random(n) < .04),
            "size": r.lognormal(0, 1.2, size=n),
        })
        self.ent_ind = ind
        self.ent_county = county
        self.ent_size = self.ent["size"].to_numpy()

    def employers(self, n: int, industry_p: np.ndarray | None = None) -> np.ndarray:
        r = self.rng
        w = self.ent_size.copy()
        if industry_p is not None:
            w = w * (industry_p / ENT_MIX)[self.ent_ind]
        return r.choice(len(w), size=n, p=w / w.sum())

    # ------------------------------------------------------------------ people
    def people(self, age: np.ndarray, event_day: np.ndarray, male: np.ndarray, county: np.ndarray,
               foreign: np.ndarray | None = None) -> np.ndarray:
        """Register persons; return their person ids."""
        r = self.rng
        n = len(age)
        pid = np.arange(self.next_pid, self.next_pid + n)
        self.next_pid += n
        # the recorded age (floor of ``age``) is the true age on ``event_day``
        birth = (event_day - np.floor(np.floor(age) * 365.25)
                 - r.integers(1, 365, size=n)).astype(np.int64)
        sur = SURNAMES[r.choice(len(SURNAMES), size=n, p=SUR_P)]
        pool_m, pool_f = MALE[r.choice(len(MALE), size=(n, 2), p=_zipf(len(MALE)))], \
            FEMALE[r.choice(len(FEMALE), size=(n, 2), p=_zipf(len(FEMALE)))]
        g = np.where(male[:, None], pool_m, pool_f)
        one = r.random(n) < .28
        given = np.where(one, g[:, 0], np.char.add(g[:, 0].astype(str), g[:, 1].astype(str)))
        name = np.char.add(sur.astype(str), given.astype(str))
        hukou = CODES_A[county]
        idreg = hukou.copy()
        old = (birth < (date(1995, 1, 1) - EPOCH).days) & (r.random(n) < .6)
        for new, oldc in OLD_ID_CODES.items():
            idreg[(hukou == new) & old] = oldc
        if foreign is None:
            foreign = np.zeros(n, bool)
        idreg[foreign] = np.array(FOREIGN)[r.integers(0, len(FOREIGN), size=int(foreign.sum()))]
        ids = id18(idreg, birth, male, r)
        self.o.persons.append(pl.DataFrame({
            "pid": pid, "tname": name, "male": male, "birth": _days(birth), "tid": ids,
            "hukou": hukou, "foreign": foreign}))
        return pid

    def ages(self, n: int, kind: str) -> np.ndarray:
        r = self.rng
        if kind == "worker":
            return np.clip(r.normal(43, 10, n), 18, 64) + np.where(r.random(n) < .03, 4, 0)
        if kind == "natural":
            a = np.clip(r.gumbel(80, 9, n) * -1 + 160, 1, 102)
            young = r.random(n) < .13
            a[young] = r.uniform(18, 65, int(young.sum()))
            return a
        if kind == "general":
            u = r.random(n)
            return np.where(u < .12, r.uniform(1, 15, n),
                            np.where(u < .8, r.uniform(15, 65, n), r.uniform(65, 95, n)))
        raise ValueError(kind)

    # ------------------------------------------------------------------ record builders
    def dereg(self, pid: np.ndarray, death: np.ndarray, county: np.ndarray, cause: np.ndarray,
              lag_median: float = 18) -> None:
        r = self.rng
        n = len(pid)
        lag = np.maximum(1, r.lognormal(np.log(lag_median), .9, n)).astype(int)
        reason = np.where(r.random(n) < .003, "declared_dead", "death")
        self.o.add("deregistrations", pl.DataFrame({
            "pid": pid, "death_date": _null(_days(death), r.random(n) < .04),
            "deregistered_on": _days(death + lag), "region_code": CODES_A[county], "reason": reason,
            "death_cause": cause}, strict=False))

    def cremation(self, pid: np.ndarray, death: np.ndarray, age: np.ndarray, delay: np.ndarray,
                  county: np.ndarray, cause: np.ndarray, issuer: np.ndarray,
                  origin: np.ndarray) -> None:
        r = self.rng
        n = len(pid)
        seat = np.array(CITY_SEAT)[CITY_A[county]]
        use_city = (r.random(n) < .35) & (seat != county)
        fh_c = np.where(use_city, seat, county)
        home = np.where(use_city, np.array(CITY_NAME)[CITY_A[county]],
                        np.array(CNAMES)[county])
        home = np.char.add(home.astype(str), np.where(r.random(n) < .8, "殡仪馆", "殡葬服务中心"))
        self.o.add("cremations", pl.DataFrame({
            "pid": pid, "age": age.astype(np.int64), "death_date": _null(_days(death), r.random(n) < .05),
            "cremated_on": _days(death + delay), "funeral_home": home,
            "region_code": CODES_A[fh_c], "death_cause": cause, "certificate_issuer": issuer,
            "body_origin": origin}, strict=False))

    def hospital(self, county: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        r = self.rng
        n = len(county)
        u = r.random(n)
        city = CITY_A[county]
        seat = np.array(CITY_SEAT)[city]
        cn = np.array(CNAMES)[county]
        cityn = np.array(CITY_NAME)[city]
        name = np.where(u < .45, np.char.add(cn, "人民医院"),
               np.where(u < .6, np.char.add(cn, "中医院"),
               np.where(u < .8, np.char.add(cityn, "第一人民医院"),
               np.where(u < .93, np.char.add(cityn, "中心医院"), "山西医科大学第一医院"))))
        reg = np.where(u < .6, CODES_A[county], np.where(u < .93, CODES_A[seat], "140106"))
        return name, reg

    def medical(self, pid: np.ndarray, age: np.ndarray, county: np.ndarray, admit_min: np.ndarray,
                stay_min: np.ndarray, dx: np.ndarray, ext: np.ndarray, disp: np.ndarray,
                payer: np.ndarray, employer: np.ndarray, transfer_p: float = 0.0) -> None:
        r = self.rng
        n = len(pid)
        hosp, reg = self.hospital(county)
        disch = _null(_mins(admit_min + stay_min), (r.random(n) < .03) & (disp != "died"))
        frame = pl.DataFrame({
            "pid": pid, "age": age.astype(np.int64), "hospital": hosp, "region_code": reg,
            "admitted_at": _mins(admit_min), "discharged_at": disch,
            "diagnosis_icd10": dx, "external_cause_icd10": ext, "disposition": disp,
            "payer": payer, "employer_name": employer}, strict=False)
        if transfer_p:
            # a share is first seen in a county hospital and transferred the same day
            t = (r.random(n) < transfer_p)
            if t.any():
                first_h, first_reg = self.hospital(county[t])
                early = admit_min[t] - r.integers(60, 600, size=int(t.sum()))
                self.o.add("medical_records", pl.DataFrame({
                    "pid": pid[t], "age": age[t].astype(np.int64), "hospital": first_h,
                    "region_code": first_reg, "admitted_at": _mins(early),
                    "discharged_at": _mins(admit_min[t] - 20), "diagnosis_icd10": dx[t],
                    "external_cause_icd10": ext[t], "disposition": "transferred",
                    "payer": payer[t], "employer_name": employer[t]}, strict=False))
        self.o.add("medical_records", frame)

    def claim(self, pid: np.ndarray, ent: np.ndarray, injury: np.ndarray, outcome: np.ndarray,
              desc: np.ndarray, lag_median: float = 24) -> None:
        r = self.rng
        n = len(pid)
        lag = np.where(r.random(n) < .8, r.lognormal(np.log(lag_median), .5, n),
                       r.uniform(40, 330, n)).astype(int) + 1
        applied = injury + lag
        dec = applied + r.integers(15, 75, size=n)
        pending = outcome == "pending"
        decided = _null(_days(dec), pending | (dec > DX))
        outcome = np.where((dec > DX) & ~pending, "pending", outcome)
        e = self.ent
        keep = applied <= DX
        self.o.add("injury_claims", pl.DataFrame({
            "pid": pid, "ent": ent, "injury_date": _days(injury),
            "applied_on": _days(applied), "decided_on": decided, "outcome": outcome, "injury_description": desc,
            "region_code": CODES_A[e["county"].to_numpy()[ent]]}, strict=False).filter(keep))

    def employment(self, pid: np.ndarray, ent: np.ndarray, event_day: np.ndarray,
                   ends_after: np.ndarray | None = None) -> None:
        r = self.rng
        n = len(pid)
        start = event_day - r.integers(20, 365 * 12, size=n)
        ends = ends_after if ends_after is not None else r.random(n) < .15
        endd = event_day + r.integers(0, 45, size=n)
        end = _null(_days(endd), ~ends | (endd > DX))
        self.o.add("employment", pl.DataFrame({
            "pid": pid, "ent": ent, "start_date": _days(start),
            "end_date": end}, strict=False))

    # ------------------------------------------------------------------ populations
    def natural_deaths(self) -> None:
        r = self.rng
        n = self.n(300_000 * .93)
        age = self.ages(n, "natural")
        day = D0 + r.integers(0, NDAYS, size=n)
        male = r.random(n) < .56
        county = r.choice(NC, size=n, p=POPW)
        pid = self.people(age, day, male, county, foreign=r.random(n) < .004)
        self.o.deaths.append(pl.DataFrame({"pid": pid, "death_class": "natural",
                                           "incident_id": None}, schema_overrides={
            "incident_id": pl.String}))
        causes = ["病故", "病亡", "疾病", "自然死亡", "心脏病", "脑出血", "肺癌", "肝癌", "心肌梗死", "呼吸衰竭", "老死", "猝死"]
        cp = [.3, .15, .1, .08, .06, .06, .05, .04, .05, .05, .04, .02]
        d = r.random(n) < .93
        self.dereg(pid[d], day[d], county[d], nullify(r, pick(r, causes, int(d.sum()), cp), .55))
        c = r.random(n) < .6
        home = r.random(int(c.sum())) < .45
        hosp, _ = self.hospital(county[c])
        self.cremation(pid[c], day[c], age[c] + (r.random(int(c.sum())) < .25),
                       r.choice([1, 2, 3, 3, 3, 4, 5, 7], size=int(c.sum())), county[c],
                       nullify(r, pick(r, causes, int(c.sum()), cp), .3),
                       np.where(home, pick(r, "community community other", int(c.sum())),
                                "hospital"),
                       nullify(r, np.where(home, "家中", hosp), .1))
        # workers who died of illness: some were enrolled, also with high-risk employers
        w = (age < 62) & (r.random(n) < .42)
        ent = self.employers(int(w.sum()), np.array([.15, .08, .07, .06, .22, .1, .01, .18, .13]))
        self.employment(pid[w], ent, day[w], ends_after=r.random(int(w.sum())) < .6)
        # "sudden illness at work" recognised as 工亡 (视同工亡): a claim, no accident
        s = np.flatnonzero(w)[: self.n(40)]
        if len(s):
            self.claim(pid[s], ent[: len(s)], day[s], np.full(len(s), "death"),
                       np.full(len(s), "工作时间和工作岗位突发疾病死亡"))

    def non_occupational_deaths(self) -> None:
        r = self.rng
        n = self.n(300_000 * .055)
        kind = pick(r, "traffic fall drown co suicide other", n, [.3, .3, .08, .1, .15, .07])
        age = np.select([kind == "fall", kind == "traffic"],
                        [r.uniform(68, 98, n), r.uniform(16, 80, n)], r.uniform(8, 75, n))
        day = D0 + r.integers(0, NDAYS, size=n)
        winter = (kind == "co")
        wd = np.array([(date(2025, 11, 1) - EPOCH).days, (date(2026, 2, 28) - EPOCH).days])
        day[winter] = r.integers(wd[0], wd[1], size=int(winter.sum()))
        male = r.random(n) < np.where(kind == "fall", .45, .68)
        county = r.choice(NC, size=n, p=POPW)
        # coal-stove families and multi-victim road crashes: groups sharing day and county
        grp = (kind == "co") | ((kind == "traffic") & (r.random(n) < .25))
        gi = np.flatnonzero(grp)
        for start in range(0, len(gi), 3):
            sl = gi[start:start + int(r.integers(2, 4))]
            day[sl] = day[sl[0]]
            county[sl] = county[sl[0]]
        pid = self.people(age, day, male, county, foreign=r.random(n) < .02)
        self.o.deaths.append(pl.DataFrame({"pid": pid, "death_class": "non_occupational",
                                           "incident_id": None}, schema_overrides={
            "incident_id": pl.String}))
        cause_txt = {"traffic": "交通事故 车祸 意外", "fall": "摔伤 意外 病故", "drown": "溺水 意外",
                     "co": "煤气中毒 一氧化碳中毒 意外", "suicide": "自杀 意外", "other": "意外 其他"}
        cause = np.empty(n, dtype=object)
        for k, txt in cause_txt.items():
            m = kind == k
            cause[m] = pick(r, txt, int(m.sum()))
        d = r.random(n) < .92
        self.dereg(pid[d], day[d], county[d], nullify(r, cause[d], .5))
        c = r.random(n) < .65
        police = np.isin(kind, ["traffic", "drown", "suicide"])
        self.cremation(pid[c], day[c], age[c], r.integers(2, 8, size=int(c.sum())), county[c],
                       nullify(r, cause[c], .3),
                       np.where(police[c] & (r.random(int(c.sum())) < .6), "police",
                                np.where(kind[c] == "fall", "hospital", "community")),
                       nullify(r, np.where(police[c], "公安局交警大队", "家中"), .3))
        ext = {"traffic": "V43.5 V03.1 V23.4 V29.4 V89.2", "fall": "W01.0 W19.0 W10.0",
               "drown": "W69.8 W74.9 W73.9", "co": "X47.0", "suicide": "X68.0 X70.0",
               "other": "W18.0 X31.9"}
        dxs = {"traffic": "S06.5 T07 S27.3", "fall": "S72.0 S06.5", "drown": "T75.1", "co": "T58",
               "suicide": "T60.0 T71", "other": "T14.9 T68"}
        pm = {"traffic": .7, "fall": .8, "drown": .2, "co": .4, "suicide": .4, "other": .3}
        m_ = np.zeros(n, bool)
        ex = np.empty(n, dtype=object)
        dx = np.empty(n, dtype=object)
        for k in ext:
            m = kind == k
            ex[m] = pick(r, ext[k], int(m.sum()))
            dx[m] = pick(r, dxs[k], int(m.sum()))
            m_ |= m & (r.random(n) < pm[k])
        stay = np.where(kind == "fall", r.uniform(2, 20, n) * 1440, r.uniform(30, 600, n))
        adm = (day * 1440 + r.integers(0, 1440, size=n) - stay).astype(np.int64)
        n_died = int(m_.sum())
        self.medical(pid[m_], age[m_], county[m_], adm[m_], stay[m_].astype(np.int64), dx[m_],
                     ex[m_], np.full(n_died, "died"),
                     pick(r, "resident_insurance employee_insurance self_pay commercial", n_died),
                     np.full(n_died, None, dtype=object))
        # commuting road deaths are recognised as 工亡 but are no production-safety accident
        cm = np.flatnonzero((kind == "traffic") & (age < 60) & (r.random(n) < .06))
        if len(cm):
            ent = self.employers(len(cm))
            self.claim(pid[cm], ent, day[cm], np.full(len(cm), "death"),
                       np.full(len(cm), "上下班途中发生交通事故死亡"))
            self.employment(pid[cm], ent, day[cm])

    def injuries(self) -> None:
        """Hospital injury encounters of people who did not die, and ordinary work injuries."""
        r = self.rng
        n = int(self.n(1_500_000) / 1.17)
        age = self.ages(n, "general")
        day = D0 + r.integers(0, NDAYS, size=n)
        male = r.random(n) < .6
        county = r.choice(NC, size=n, p=POPW)
        pid = self.people(age, day, male, county, foreign=r.random(n) < .01)
        base = pick(r, "W01 W19 W10 W18 W22 W25 W54 V43 V23 V29 W06 X20 W45 W23 X12", n,
                    [.2, .12, .08, .08, .06, .06, .05, .08, .05, .06, .04, .02, .03, .04, .03])
        isv = np.char.startswith(base.astype(str), "V")
        place = pick(r, ".0 .4 .8 .9 .6 .3 .5", n, [.35, .15, .1, .2, .1, .05, .05])
        ext = np.where(isv, np.char.add(base.astype(str), pick(r, ".4 .5 .9", n)),
                       np.char.add(base.astype(str), place.astype(str)))
        ext = nullify(r, ext, .3)
        dx = pick(r, "S06.0 S52.5 S82.2 S42.0 S61.0 S72.0 S22.3 S32.0 T14.0 S93.4 S01.8 S62.6 "
                  "T22.2 S68.1", n)
        longer = r.random(n) < .45
        stay = np.where(longer, r.lognormal(np.log(7 * 1440), .7, n), r.uniform(60, 600, n))
        adm = (day * 1440 + r.integers(0, 1440, size=n)).astype(np.int64)
        disp = pick(r, "discharged transferred left_against_advice", n, [.9, .05, .05])
        work = place == ".6"
        payer = np.where(work & (r.random(n) < .5), "work_injury_insurance",
                         pick(r, "resident_insurance employee_insurance self_pay commercial other",
                              n, [.42, .26, .2, .06, .06]))
        ent = self.employers(n)
        empn = np.where(work & (r.random(n) < .3), self.ent["ename"].to_numpy()[ent], _NULL)
        self.medical(pid, age, county, adm, stay.astype(np.int64), dx, ext, disp,
                     nullify(r, payer, .05), empn)
        # repeat encounters (a second injury or a follow-up admission)
        rep = r.random(n) < .14
        k = int(rep.sum())
        adm2 = adm[rep] + r.integers(3, 200, size=k) * 1440
        ok = adm2 < (D1 + 1) * 1440
        sel = np.flatnonzero(rep)[ok]
        self.medical(pid[sel], age[sel], county[sel], adm2[ok],
                     r.uniform(60, 9000, int(ok.sum())).astype(np.int64), dx[sel], ext[sel],
                     np.full(len(sel), "discharged"), payer[sel], empn[sel])
        # work injuries (with or without a hospital record): a claim
        wk = np.flatnonzero(work & (age >= 18) & (age < 60))
        wk = np.concatenate([wk, np.flatnonzero(~work & (age >= 20) & (age < 60))[: self.n(12000)]])
        wk = wk[: self.n(30_000)]
        outc = pick(r, "injury disability_10 disability_9 disability_8 disability_7 disability_5 "
                    "disability_3 rejected pending", len(wk),
                    [.45, .1, .08, .06, .04, .05, .02, .1, .1])
        desc = pick(r, "工作时从高处坠落受伤 操作机器时手部受伤 搬运货物时被砸伤 工作中滑倒摔伤 焊接时烫伤 "
                    "工作时被车辆撞伤", len(wk))
        self.claim(pid[wk], ent[wk], day[wk], outc, desc)
        e = wk[r.random(len(wk)) < .88]
        self.employment(pid[e], ent[e], day[e])

    def workers(self) -> None:
        """Employment spells of living workers (most people in employment never appear elsewhere)."""
        r = self.rng
        n = self.n(500_000)
        age = self.ages(n, "worker")
        day = D0 + r.integers(0, NDAYS, size=n)
        male = r.random(n) < .62
        county = r.choice(NC, size=n, p=POPW)
        pid = self.people(age, day, male, county, foreign=r.random(n) < .05)
        self.employment(pid, self.employers(n), day)

    # ------------------------------------------------------------------ incidents
    def incidents(self) -> None:
        r = self.rng
        kinds = (["reported"] * self.n(350) + ["concealed"] * self.n(125)
                 + ["under_a"] * self.n(55) + ["under_b"] * self.n(45))
        m = len(kinds)
        kind = np.array(kinds)
        ip = {"reported": [.12, .08, .06, .06, .30, .22, .02, .12, .02],
              "concealed": [.30, .25, .05, .05, .25, .0, .05, .05, .0],
              "under_a": [.3, .15, .1, .08, .2, .1, .04, .03, .0],
              "under_b": [.15, .1, .1, .1, .2, .2, .05, .1, .0]}
        ent = np.empty(m, dtype=np.int64)
        for k, p in ip.items():
            sel = kind == k
            ent[sel] = self.employers(int(sel.sum()), np.array(p))
        ind = np.array(INDUSTRY)[self.ent_ind[ent]]
        atype = np.array([r.choice(ACC_BY_IND[i]) for i in ind])
        day = D0 + r.integers(0, NDAYS - 35, size=m)
        minute = r.integers(0, 1440, size=m)
        rep_d = r.choice([0, 1, 2, 3, 4, 5, 7], size=m, p=[.1, .58, .16, .08, .04, .02, .02])
        deaths = rep_d.copy()
        conc = kind == "concealed"
        deaths[conc] = r.choice([1, 2, 3, 4, 5, 6, 8], size=int(conc.sum()),
                                p=[.38, .25, .15, .09, .06, .04, .03])
        ua = kind == "under_a"
        line = r.choice([2, 9, 29], size=m, p=[.72, .24, .04])
        rep_d[ua] = line[ua]
        deaths[ua] = line[ua] + r.choice([1, 1, 2, 3, 5], size=m)[ua]
        ub = kind == "under_b"
        rep_d[ub] = r.choice([0, 1, 2], size=int(ub.sum()), p=[.3, .5, .2])
        late = np.where(ub, r.choice([1, 1, 2], size=m), 0)
        deaths[ub] = rep_d[ub] + late[ub]
        serious = np.minimum(r.poisson(np.where(conc, .7, 1.0)), 8)
        serious[ub] = np.maximum(serious[ub], 0)
        minor = np.minimum(r.poisson(.9, m), 10)
        tot = deaths + serious + minor
        over = conc & (tot > 12)
        minor[over] = np.maximum(0, 12 - deaths[over] - serious[over])
        inc_ids = np.array([f"I{self.next_inc + i:05d}" for i in range(m)])
        self.next_inc += m
        # accident records for reported and under-reported incidents
        rep = kind != "concealed"
        acc_ids = np.array([None] * m, dtype=object)
        ri = np.flatnonzero(rep)
        acc_ids[ri] = [f"AJ{2025 + (day[i] >= (date(2026, 1, 1) - EPOCH).days)}-"
                       f"{CODES[self.ent_county[ent[i]]][:4]}-{j + 1:04d}" for j, i in enumerate(ri)]
        # victims
        nv = deaths + serious + minor
        v_inc = np.repeat(np.arange(m), nv)
        pos = np.concatenate([np.arange(k) for k in nv]) if m else np.array([], int)
        outcome = np.where(pos < deaths[v_inc], "death",
                           np.where(pos < deaths[v_inc] + serious[v_inc], "serious_injury",
                                    "minor_injury"))
        nvv = len(v_inc)
        vk = kind[v_inc]
        # the late deaths of under_b are the last of the deaths; hidden deaths of under_a too
        late_v = (vk == "under_b") & (pos >= rep_d[v_inc]) & (pos < deaths[v_inc])
        hidden_a = (vk == "under_a") & (pos >= rep_d[v_inc]) & (pos < deaths[v_inc])
        reported_outcome = np.where(vk == "concealed", _NULL, outcome).astype(object)
        reported_outcome[late_v] = "serious_injury"
        ha_named = hidden_a & (r.random(nvv) < .3)
        reported_outcome[hidden_a] = None
        reported_outcome[ha_named] = "serious_injury"
        hide = (vk == "concealed") | hidden_a
        foreign = (r.random(nvv) < .22)
        high_ind = np.isin(ind[v_inc], ["coal_mining", "non_coal_mining", "construction"])
        male = r.random(nvv) < np.where(high_ind, .93, .75)
        age = self.ages(nvv, "worker")
        eday = day[v_inc]
        ecounty = self.ent_county[ent[v_inc]]
        hk = np.where(r.random(nvv) < .55, ecounty, r.choice(NC, size=nvv, p=POPW))
        pid = self.people(age, eday, male, hk, foreign)
        dead = outcome == "death"
        offset = np.zeros(nvv, dtype=np.int64)
        seven = np.isin(atype[v_inc], ["fire"]) | ((atype[v_inc] == "vehicle")
                                                   & (ind[v_inc] == "transport"))
        offset[late_v] = np.where(seven[late_v], r.integers(1, 7, size=int(late_v.sum())),
                                  r.integers(2, 30, size=int(late_v.sum())))
        dday = eday + offset
        # truth
        self.o.incidents.append(pl.DataFrame({
            "incident_id": inc_ids, "accident_record_id": pl.Series(acc_ids, dtype=pl.String),
            "kind": np.where(conc, "concealed", np.where(kind == "reported", "reported",
                                                         "under_reported")),
            "true_deaths": deaths.astype(np.int64),
            "reported_deaths": pl.Series(np.where(conc, -1, rep_d), dtype=pl.Int64),
            "employer_uscc": self.ent["uscc"].to_numpy()[ent], "occurred_on": _days(day)},
            strict=False).with_columns(pl.when(pl.col("reported_deaths") < 0).then(None)
                                       .otherwise(pl.col("reported_deaths"))
                                       .alias("reported_deaths")))
        self.o.incident_person.append(pl.DataFrame({
            "incident_id": inc_ids[v_inc], "pid": pid, "outcome": outcome,
            "reported_outcome": pl.Series(reported_outcome, dtype=pl.String)}, strict=False))
        self.o.deaths.append(pl.DataFrame({"pid": pid[dead], "death_class": "incident",
                                           "incident_id": inc_ids[v_inc][dead]}))
        # accidents table
        ri_rep = np.flatnonzero(rep)
        if len(ri_rep):
            named = reported_outcome != None  # noqa: E711
            ser_named = np.bincount(v_inc[named & (reported_outcome == "serious_injury")],
                                    minlength=m)
            min_named = np.bincount(v_inc[named & (reported_outcome == "minor_injury")],
                                    minlength=m)
            occ = day * 1440 + minute
            delay = np.where(r.random(m) < .9, r.integers(15, 70, size=m),
                             r.integers(120, 2880, size=m))
            loss = np.round(rep_d * r.uniform(90, 160, m) + ser_named * 25 + r.uniform(3, 60, m), 1)
            ename = self.ent["ename"].to_numpy()[ent]
            us = self.ent["uscc"].to_numpy()[ent].astype(object)
            us[r.random(m) < .12] = None
            site = np.array([SITE[i] for i in ind])
            addr = np.char.add(np.char.add(np.array(CNAMES)[self.ent_county[ent]],
                                           pick(r, "城关镇 北关村 东王村 南庄村 西坡村 工业园区", m).astype(str)),
                               site)
            self.accidents = pl.DataFrame({
                "record_id": acc_ids[ri_rep], "occurred_at": _mins(occ[ri_rep]),
                "reported_at": _mins(occ[ri_rep] + delay[ri_rep]),
                "region_code": CODES_A[self.ent_county[ent[ri_rep]]], "address": addr[ri_rep],
                "enterprise_name": self._emp_variant(ename[ri_rep]),
                "enterprise_uscc": us[ri_rep], "industry": ind[ri_rep],
                "accident_type": atype[ri_rep], "reported_deaths": rep_d[ri_rep].astype(np.int64),
                "reported_serious_injuries": ser_named[ri_rep].astype(np.int64),
                "reported_minor_injuries": min_named[ri_rep].astype(np.int64),
                "direct_loss_10k_yuan": _null(pl.Series(loss[ri_rep]),
                                              r.random(len(ri_rep)) < .1)}, strict=False)
        nm = np.flatnonzero(reported_outcome != None)  # noqa: E711
        self.o.add("accident_victims", pl.DataFrame({
            "pid": pid[nm], "accident_id": acc_ids[v_inc[nm]], "age": age[nm].astype(np.int64),
            "outcome": reported_outcome[nm]}, strict=False))
        self._victim_traces(pid, v_inc, ent, ind, atype, outcome, hide, late_v, foreign, age,
                            eday, dday, minute, ecounty, hk)

    def _victim_traces(self, pid, v_inc, ent, ind, atype, outcome, hide, late_v, foreign, age,
                       eday, dday, minute, ecounty, hk) -> None:
        r = self.rng
        n = len(pid)
        at = atype[v_inc]
        vent = ent[v_inc]
        dead = outcome == "death"
        # --- deregistration
        d = dead & ~foreign & (r.random(n) < .9)
        hide_cause = pick(r, "病故 猝死 突发疾病 心脏病 意外 心肌梗死", n, [.25, .25, .12, .08, .2, .1])
        honest_cause = pick(r, "工伤 意外 事故 工亡 因工死亡", n)
        cause = nullify(r, np.where(hide, hide_cause, honest_cause), .35)
        self.dereg(pid[d], dday[d], hk[d], cause[d], lag_median=25)
        # --- cremation
        c = dead & (r.random(n) < np.where(hide, .88, .8) * np.where(foreign, .6, 1.0))
        # the bodies of one concealed incident are handled together: same delay, same far place
        m_inc = int(v_inc.max()) + 1 if n else 0
        inc_delay = r.choice([0, 1, 1, 2, 3, 4], size=m_inc)
        delay = np.where(hide, inc_delay[v_inc], r.choice([2, 3, 3, 4, 6, 9], size=n))
        inc_far = r.random(m_inc) < .4
        far = hide & inc_far[v_inc]
        ent_city = CITY_A[self.ent_county[ent]]
        inc_other = np.array([r.choice(np.flatnonzero(c != CITY_A)) for c in ent_city])
        other_city = inc_other[v_inc]
        fcounty = np.where(far, other_city, np.where(r.random(n) < .5, ecounty, hk))
        words = np.array([ICD[a][3] for a in at], dtype=object)
        true_cause = np.array([r.choice(w.split()) for w in words])
        ccause = nullify(r, np.where(hide, pick(r, "猝死 病故 心源性猝死 呼吸循环衰竭 意外", n), true_cause),
                         .2)
        issuer = np.where(hide, pick(r, "hospital community other police", n, [.3, .35, .25, .1]),
                          pick(r, "hospital police other", n, [.55, .35, .1]))
        issuer = nullify(r, issuer, np.where(hide, .12, .03).mean())
        hosp, _ = self.hospital(ecounty)
        village = np.char.add(np.array(CNAMES)[hk], pick(r, "东村 西沟村 后营村 新庄村", n).astype(str))
        origin = np.where(hide, np.where(r.random(n) < .45, "家中",
                                         np.where(r.random(n) < .5, village, hosp)),
                          np.where(r.random(n) < .7, hosp, "事故现场"))
        self.cremation(pid[c], dday[c], age[c] + (r.random(int(c.sum())) < .2), delay[c],
                       fcounty[c], ccause[c], issuer[c], nullify(r, origin[c], .1))
        # --- hospital
        ext3 = np.array([r.choice(ICD[a][0].split()) for a in at])
        dxd = np.array([r.choice(ICD[a][1].split()) for a in at])
        dxi = np.array([r.choice(ICD[a][2].split()) for a in at])
        isv = np.char.startswith(ext3, "V")
        u = r.random(n)
        place = np.where(hide, np.select([u < .45, u < .65, u < .8], [".6", "", ".9"], ".8"),
                         np.select([u < .65, u < .8, u < .9], [".6", "", ".9"], ".8"))
        ext = np.where(isv, ext3, np.char.add(ext3, place))
        disguise = hide & (r.random(n) < .1)
        ext = np.where(disguise, "V29.4", ext).astype(object)
        ext[r.random(n) < np.where(hide, .12, .08)] = None
        pm = np.where(dead, np.where(late_v, 1.0, np.where(hide, .45, .55)),
                      np.where(outcome == "serious_injury", .95, .7))
        m = r.random(n) < pm
        stay = np.where(dead, np.maximum(dday - eday, 0) * 1440 + r.integers(30, 600, size=n),
                        np.where(outcome == "serious_injury", r.lognormal(np.log(22 * 1440), .4, n),
                                 r.uniform(120, 6 * 1440, n))).astype(np.int64)
        adm = eday * 1440 + minute[v_inc] + r.integers(25, 240, size=n)
        ename = self.ent["ename"].to_numpy()[vent]
        emp = np.where(r.random(n) < np.where(hide, .12, .4), self._emp_variant(ename), _NULL)
        payer = np.where(hide, pick(r, "self_pay commercial resident_insurance other "
                                    "work_injury_insurance", n, [.45, .2, .2, .1, .05]),
                         pick(r, "work_injury_insurance employee_insurance self_pay", n,
                              [.55, .3, .15]))
        k = int(m.sum())
        self.medical(pid[m], age[m], ecounty[m], adm[m], stay[m], np.where(dead, dxd, dxi)[m],
                     ext[m], np.where(dead[m], "died", pick(r, "discharged transferred", k,
                                                             [.85, .15])), payer[m], emp[m],
                     transfer_p=.2)
        # --- work-injury claims
        pc = np.where(dead, np.where(hide, .18, np.where(late_v, .7, .8)), np.where(hide, .3, .75))
        cl = r.random(n) < pc
        sev = pick(r, "disability_1 disability_2 disability_3 disability_4 disability_5 disability_6",
                   n)
        mino = pick(r, "injury disability_10 disability_9 disability_8 disability_7", n)
        oc = np.where(dead, "death", np.where(outcome == "serious_injury", sev, mino))
        desc = np.char.add(pick(r, "在作业时 工作中 在岗位上", n).astype(str),
                           np.array([{"roof_fall": "发生冒顶被砸", "gas_explosion": "瓦斯爆炸受伤",
                                      "flooding": "透水事故", "fall_from_height": "从高处坠落",
                                      "struck_by_object": "被物体击中", "machinery": "被机械绞伤",
                                      "electrocution": "触电", "poisoning_asphyxiation": "中毒窒息",
                                      "vehicle": "发生车辆事故", "lifting": "被起重设备砸伤",
                                      "collapse": "遭遇坍塌", "fire": "火灾中受伤",
                                      "explosion": "爆炸受伤", "burn": "被烫伤",
                                      "other": "受伤"}[a] for a in at]))
        desc = np.where(hide & dead & (r.random(n) < .5), "工作中突发疾病", desc)
        self.claim(pid[cl], vent[cl], eday[cl], oc[cl], nullify(r, desc[cl], .1),
                   lag_median=np.where(hide, 60, 20).mean())
        # --- employment
        e = r.random(n) < np.where(hide, .55, .85) * np.where(foreign, .6, 1.0)
        self.employment(pid[e], vent[e], eday[e], ends_after=dead[e] & (r.random(int(e.sum())) < .6))

    # ------------------------------------------------------------------ noise / output
    def _emp_variant(self, names: np.ndarray) -> np.ndarray:
        r = self.rng
        n = len(names)
        s = pl.Series(names.astype(str))
        u = r.random(n)
        v = (pl.DataFrame({"s": s, "u": u}).select(
            pl.when(pl.col("u") < .1).then(pl.col("s").str.replace("有限责任公司$|有限公司$", ""))
            .when(pl.col("u") < .15).then(pl.concat_str([pl.lit("山西省"), pl.col("s")]))
            .when(pl.col("u") < .2).then(pl.concat_str([pl.col("s"), pl.lit("（项目部）")]))
            .when(pl.col("u") < .24).then(pl.col("s").str.replace("有限公司", "有限责任公司"))
            .otherwise(pl.col("s")))).to_series()
        return v.to_numpy()

    def build(self) -> dict[str, pl.DataFrame]:
        t0 = time.perf_counter()
        self.incidents()
        self.natural_deaths()
        self.non_occupational_deaths()
        self.injuries()
        self.workers()
        self.timing = time.perf_counter() - t0
        return self.finish()

    def finish(self) -> dict[str, pl.DataFrame]:
        r = self.rng
        persons = pl.concat(self.o.persons)
        ent = self.ent
        out: dict[str, pl.DataFrame] = {}
        rp = []
        prefix = {"deregistrations": "", "cremations": "", "injury_claims": "",
                  "medical_records": "MR", "accident_victims": "SG"}
        for src, frames in self.o.rec.items():
            f = pl.concat(frames, how="diagonal_relaxed")
            f = f.join(persons, on="pid", how="left", maintain_order="left")
            if "ent" in f.columns:
                f = f.join(ent.select("ent", "uscc", "ename", "industry"), on="ent", how="left",
                           maintain_order="left")
            # drop records not yet extracted; shuffle in time order like a register
            date_col = {"deregistrations": "deregistered_on", "cremations": "cremated_on",
                        "medical_records": "admitted_at", "injury_claims": "applied_on",
                        "employment": "start_date"}.get(src)
            if date_col:
                f = f.filter(pl.col(date_col).cast(pl.Date) <= EXTRACT).sort(date_col, "pid")
            f = f.with_columns(pl.Series("seq", np.arange(f.height)))
            if src == "deregistrations":
                rid = pl.concat_str([pl.col("region_code"), pl.col("seq").cast(pl.String)
                                     .str.zfill(7)])
            elif src in ("cremations", "injury_claims"):
                rid = (pl.col("seq") + 100001).cast(pl.String)   # overlapping ids across sources
            elif src == "employment":
                rid = pl.concat_str([pl.lit("SI"), (pl.col("seq") + 1).cast(pl.String).str.zfill(9)])
            else:
                rid = pl.concat_str([pl.lit(prefix[src]), (pl.col("seq") + 1).cast(pl.String)
                                     .str.zfill(8)])
            f = f.with_columns(rid.alias("record_id"))
            rp.append(f.select(pl.lit(src).alias("source"), "record_id",
                               pl.format("P{}", pl.col("pid")).alias("person_id")))
            out[src] = self._noisy(src, f)
        acc = _strings(self.accidents)
        out["accidents"] = self._fmt_dt(acc, ["occurred_at", "reported_at"]).with_columns(
            pl.col("reported_deaths", "reported_serious_injuries", "reported_minor_injuries")
            .cast(pl.String), pl.col("direct_loss_10k_yuan").cast(pl.String))
        reg = ent.filter(pl.Series(r.random(ent.height) < .9))
        out["enterprises"] = reg.select(
            pl.when(pl.Series(r.random(reg.height) < .03)).then(None).otherwise(pl.col("uscc"))
            .alias("uscc"), pl.col("ename").alias("name"), "industry",
            pl.Series(CODES_A[reg["county"].to_numpy()]).alias("region_code"),
            pl.when(pl.col("high_risk")).then(pl.lit("是")).otherwise(pl.lit("否")).alias("high_risk"))
        # truth
        pidfmt = pl.format("P{}", pl.col("pid")).alias("person_id")
        truth = {
            "record_person": pl.concat(rp),
            "incidents": pl.concat(self.o.incidents),
            "incident_person": pl.concat(self.o.incident_person).select(
                "incident_id", pidfmt, "outcome", "reported_outcome"),
            "deaths": pl.concat(self.o.deaths, how="vertical_relaxed").select(
                pidfmt, "death_class", pl.col("incident_id").cast(pl.String)),
        }
        self.truth = truth
        return out

    # --- noise
    def _fmt_date(self, e: pl.Expr, u: pl.Expr) -> pl.Expr:
        return (pl.when(u < .62).then(e.dt.to_string("%Y-%m-%d"))
                .when(u < .77).then(e.dt.to_string("%Y/%-m/%-d"))
                .when(u < .9).then(e.dt.to_string("%Y%m%d"))
                .otherwise(e.dt.to_string("%Y年%-m月%-d日")))

    def _fmt_dt(self, f: pl.DataFrame, cols: list[str]) -> pl.DataFrame:
        r = self.rng
        u = pl.Series(r.random(f.height))
        v = pl.Series(r.random(f.height))
        ex = []
        for c in cols:
            d = self._fmt_date(pl.col(c), pl.lit(u))
            t = pl.when(pl.lit(v) < .5).then(pl.col(c).dt.to_string(" %H:%M")).otherwise(
                pl.col(c).dt.to_string(" %H:%M:%S"))
            ex.append(pl.concat_str([d, t]).alias(c))
        return f.with_columns(ex)

    def _noisy(self, src: str, f: pl.DataFrame) -> pl.DataFrame:
        r = self.rng
        n = f.height
        # ID rates: missing, legacy15, wrong check, digit typo, transposition, lower x
        rates = {"deregistrations": (.01, .04, .008, .008, .005, .3),
                 "cremations": (.22, .02, .02, .025, .015, .5),
                 "medical_records": (.3, .01, .01, .015, .01, .6),
                 "injury_claims": (.02, .005, .008, .01, .005, .2),
                 "accident_victims": (.12, .01, .02, .02, .01, .3),
                 "employment": (.005, .01, .005, .008, .004, .2)}[src]
        ids = f["tid"].to_numpy().astype("U18")
        ids = self._id_noise(ids, f["birth"].dt.year().to_numpy(), rates)
        # names
        nrate = {"accident_victims": .08, "medical_records": .1, "cremations": .08}.get(src, .05)
        names = self._name_noise(f["tname"].to_numpy().astype(str), nrate,
                                 pinyin=src in ("medical_records", "accident_victims"))
        sex_fmt = {"deregistrations": ("男", "女", .8), "cremations": ("男", "女", .9),
                   "medical_records": ("1", "2", .5), "injury_claims": ("M", "F", .95),
                   "accident_victims": ("男", "女", .6), "employment": ("M", "F", 1.0)}[src]
        male = f["male"].to_numpy() ^ (r.random(n) < .003)
        u = r.random(n)
        sex = np.where(u < sex_fmt[2], np.where(male, sex_fmt[0], sex_fmt[1]),
                       np.where(male, "M", "F")).astype(object)
        sex[r.random(n) < (.08 if src in ("medical_records", "accident_victims") else .01)] = None
        g = f.with_columns(_str("id_number", ids), _str("name", names), _str("sex", sex))
        cols = [c.name for c in _contract_cols(src)]
        date_cols = [c for c in cols if g.schema.get(c) == pl.Date]
        dt_cols = [c for c in cols if isinstance(g.schema.get(c), pl.Datetime)]
        uu = pl.Series(r.random(n))
        g = g.with_columns(self._fmt_date(pl.col(c), pl.lit(uu)).alias(c) for c in date_cols)
        g = self._fmt_dt(g, dt_cols)
        if "employer_name" in cols and "ename" in g.columns and "employer_name" not in f.columns:
            g = g.with_columns(pl.Series("employer_name", self._emp_variant(g["ename"].to_numpy())))
        if "employer_uscc" in cols:
            us = g["uscc"].to_numpy().astype(object)
            us[r.random(n) < .15] = None
            g = g.with_columns(_str("employer_uscc", us))
        if src == "employment":
            g = g.with_columns(pl.col("industry").alias("industry"))
        if src == "birth_date" or src == "deregistrations":
            g = g.with_columns(self._fmt_date(pl.col("birth"), pl.lit(uu)).alias("birth_date"))
        if "age" in cols and src in ("accident_victims",):
            g = g.with_columns(pl.when(pl.lit(pl.Series(r.random(n))) < .12).then(None)
                               .otherwise(pl.col("age")).alias("age"))
        extra = ["remark"] if src == "cremations" else []
        if extra:
            g = g.with_columns(pl.when(pl.lit(pl.Series(r.random(n))) < .05).then(pl.lit("补录"))
                               .otherwise(None).alias("remark"))
        return g.select([pl.col(c).cast(pl.String) for c in cols + extra])

    def _id_noise(self, ids: np.ndarray, byear: np.ndarray, rates: tuple) -> np.ndarray:
        r = self.rng
        n = len(ids)
        miss, leg, chk, typo, swap, lowx = rates
        d = np.frombuffer("".join(ids.tolist()).encode(), dtype=np.uint8).reshape(n, 18).copy()
        u = r.random(n)
        t = u < typo
        pos = r.integers(0, 17, size=n)
        rows = np.flatnonzero(t)
        d[rows, pos[rows]] = 48 + (d[rows, pos[rows]] - 48 + r.integers(1, 10, size=len(rows))) % 10
        s = (u >= typo) & (u < typo + swap)
        rows = np.flatnonzero(s)
        p = r.integers(6, 16, size=len(rows))
        a, b = d[rows, p].copy(), d[rows, p + 1].copy()
        d[rows, p], d[rows, p + 1] = b, a
        c = (u >= typo + swap) & (u < typo + swap + chk)
        rows = np.flatnonzero(c)
        alt = np.frombuffer(b"0123456789X", dtype=np.uint8)
        newc = alt[r.integers(0, 11, size=len(rows))]
        same = newc == d[rows, 17]
        newc[same] = alt[(np.searchsorted(alt, newc[same]) + 1) % 11] if same.any() else newc[same]
        d[rows, 17] = newc
        xs = (d[:, 17] == ord("X")) & (r.random(n) < lowx)
        d[xs, 17] = ord("x")
        out = d.view("S18").ravel().astype(str).astype(object)
        lg = (r.random(n) < leg) & (byear >= 1900) & (byear < 2000)
        if lg.any():
            full = out[lg].astype(str)
            out[lg] = np.char.add(np.char.add(np.array([x[:6] for x in full]),
                                              np.array([x[8:14] for x in full])),
                                  np.array([x[14:17] for x in full]))
        out[r.random(n) < miss] = None
        return out

    def _name_noise(self, names: np.ndarray, rate: float, pinyin: bool) -> np.ndarray:
        """Traditional characters, homophones, spaces / middle dots, dropped or doubled
        characters and (in some sources) pinyin — mapped over distinct values."""
        from opencc import OpenCC
        from pypinyin import lazy_pinyin

        r = self.rng
        n = len(names)
        out = names.astype(object).copy()
        kind = r.choice(6, size=n, p=[.3, .3, .15, .1, .05, .1])
        hit = r.random(n) < rate
        s2t = OpenCC("s2t")
        for k in range(6):
            sel = np.flatnonzero(hit & (kind == k))
            if not len(sel):
                continue
            vals = pd_unique(out[sel])
            if k == 0:
                m = {v: s2t.convert(v) for v in vals}
            elif k == 1:
                m = {}
                for v in vals:
                    opts = [i for i, ch in enumerate(v) if ch in HOMOPHONES]
                    if opts:
                        i = opts[int(r.integers(len(opts)))]
                        alts = HOMOPHONES[v[i]]
                        v2 = v[:i] + alts[int(r.integers(len(alts)))] + v[i + 1:]
                    else:
                        v2 = v
                    m[v] = v2
            elif k == 2:
                m = {v: v[0] + r.choice([" ", "·", "\u3000", " "]) + v[1:] for v in vals}
            elif k == 3:
                m = {v: (v[:-1] if len(v) >= 3 else v + v[-1]) for v in vals}
            elif k == 4 and pinyin:
                def py(v: str) -> str:
                    p = lazy_pinyin(v)
                    st = int(r.integers(3))
                    if st == 0:
                        return " ".join(x.capitalize() for x in p)
                    if st == 1:
                        return (p[0] + " " + "".join(p[1:])).upper()
                    return p[0].capitalize() + " " + "".join(p[1:]).capitalize()
                m = {v: py(v) for v in vals}
            else:
                m = {v: v for v in vals}
            out[sel] = [m[v] for v in out[sel]]
        return out


def pd_unique(a: np.ndarray) -> list[str]:
    return list(dict.fromkeys(a.tolist()))


def _contract_cols(src: str) -> tuple:
    from pipelines.contract import SOURCES

    return SOURCES[src].columns


def write(out_dir: Path, data: dict[str, pl.DataFrame], truth: dict[str, pl.DataFrame]) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "truth").mkdir(exist_ok=True)
    for src, f in data.items():
        path = out_dir / f"{src}.csv"
        if src == "cremations":           # a department exporting GB18030
            path.write_bytes(f.write_csv().encode("gb18030"))
        elif src == "medical_records":     # and one with a BOM
            path.write_bytes(b"\xef\xbb\xbf" + f.write_csv().encode("utf-8"))
        else:
            f.write_csv(path)
    for name, f in truth.items():
        f.write_parquet(out_dir / "truth" / f"{name}.parquet")


def generate(out: str | Path, scale: float, seed: int) -> dict:
    """Generate into ``out``; return a summary (rows per source, incidents by kind, seconds)."""
    t0 = time.perf_counter()
    g = AltGen(scale, seed)
    data = g.build()
    write(Path(out), data, g.truth)
    kinds = g.truth["incidents"].group_by("kind").len().sort("kind")
    from synthetic_data.evaluate import hidden_deaths
    hd = hidden_deaths(g.truth)
    return {"out": str(out), "scale": scale, "seed": seed,
            "seconds": round(time.perf_counter() - t0, 2),
            "rows": {k: v.height for k, v in data.items()},
            "incidents": dict(zip(kinds["kind"].to_list(), kinds["len"].to_list(), strict=True)),
            "hidden_deaths": hd.group_by("kind").len().sort("kind").rows()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--scale", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    print(json.dumps(generate(a.out, a.scale, a.seed), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
