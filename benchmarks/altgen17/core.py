"""Shared pieces: the calendar of the world, the trace store every event writes into, and the
vocabularies (causes of death, ICD-10 codes, free-text templates)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import polars as pl

# days since 1970-01-01
BG_START = 18901      # 2021-10-01: background deaths and injuries start here (records spill over)
Y2022 = 18993         # 2022-01-01: the exports cover records from here
Y2024 = 19723         # 2024-01-01: incidents happen before here
EXPORT = 19813        # 2024-03-31: the exports are as of this day
RENAMED = 18536       # 2020-10-01: the state coal groups' reorganisation
REF_MID = 19358       # 2023-01-01, for ages

# the columns each source's traces carry (true values; the renderer adds noise)
TRACE_COLUMNS: dict[str, tuple[str, ...]] = {
    "deregistrations": ("person", "death", "dereg_on", "reason", "cause", "q"),
    "cremations": ("person", "death", "crem_on", "fh", "cause", "issuer", "origin", "q"),
    "injury_claims": ("person", "firm", "inj", "applied", "decided", "outcome", "desc", "region", "q"),
    "medical_records": ("person", "hosp", "adm", "dis", "diag", "ext", "disp", "payer", "firm",
                        "anon", "q"),
    "employment": ("person", "firm", "start", "end", "q"),
    "accident_victims": ("person", "acc", "outcome", "q"),
}
_STR_COLS = {"reason", "cause", "issuer", "origin", "outcome", "desc", "region", "diag", "ext",
             "disp", "payer"}


@dataclass
class Traces:
    """Records each event leaves, per source: vectorised chunks and single rows."""

    chunks: dict[str, list[dict[str, np.ndarray]]] = field(
        default_factory=lambda: {k: [] for k in TRACE_COLUMNS})
    rows: dict[str, list[tuple[Any, ...]]] = field(
        default_factory=lambda: {k: [] for k in TRACE_COLUMNS})

    def add(self, source: str, **cols: Any) -> None:
        n = max(len(v) for v in cols.values() if isinstance(v, np.ndarray | list))
        chunk: dict[str, np.ndarray] = {}
        for c in TRACE_COLUMNS[source]:
            v = cols.get(c, 1.0 if c == "q" else 0 if c == "anon" else None)
            if not isinstance(v, np.ndarray | list):
                v = np.full(n, v, dtype=object if c in _STR_COLS or v is None else None)
            chunk[c] = np.asarray(v, dtype=object) if c in _STR_COLS else np.asarray(v)
        self.chunks[source].append(chunk)

    def row(self, source: str, **cols: Any) -> None:
        self.rows[source].append(tuple(cols.get(c, 1.0 if c == "q" else 0 if c == "anon" else None)
                                       for c in TRACE_COLUMNS[source]))

    def frame(self, source: str) -> pl.DataFrame:
        cols = TRACE_COLUMNS[source]
        parts: list[pl.DataFrame] = []
        schema = {c: (pl.String if c in _STR_COLS else pl.Float64 if c == "q" else pl.Int64)
                  for c in cols}
        for ch in self.chunks[source]:
            data = {}
            for c in cols:
                v = ch[c]
                data[c] = pl.Series(c, v.tolist() if v.dtype == object else v, dtype=schema[c],
                                    strict=False)
            parts.append(pl.DataFrame(data))
        if self.rows[source]:
            parts.append(pl.DataFrame(self.rows[source], schema=schema, orient="row"))
        if not parts:
            return pl.DataFrame(schema=schema)
        return pl.concat(parts, how="vertical")


def pick(rng: np.random.Generator, options: Sequence[Any], weights: Sequence[float] | None = None,
         size: int | None = None) -> Any:
    """One (or ``size``) of ``options`` by ``weights``."""
    p = None
    if weights is not None:
        w = np.asarray(weights, dtype=float)
        p = w / w.sum()
    idx = rng.choice(len(options), size=size, p=p)
    if size is None:
        return options[int(idx)]
    arr = np.empty(len(options), dtype=object)
    arr[:] = list(options)
    return arr[idx]


def pick_by(rng: np.random.Generator, table: dict[str, Sequence[str]], keys: np.ndarray) -> np.ndarray:
    """For each row, one string from ``table[key]`` (uniformly), vectorised by key."""
    out = np.empty(len(keys), dtype=object)
    for k, opts in table.items():
        m = keys == k
        if m.any():
            arr = np.array(list(opts), dtype=object)
            out[m] = arr[rng.integers(0, len(arr), int(m.sum()))]
    return out


def age_at(birth: np.ndarray | int, day: np.ndarray | int) -> np.ndarray:
    return np.floor((np.asarray(day) - np.asarray(birth)) / 365.2425).astype(np.int64)


# ------------------------------------------------------------------------ vocabularies

NATURAL_DEREG_CAUSES = (["病故", "疾病", "自然死亡", "正常死亡", "老死", "病亡", "猝死", "心脏病",
                         "脑溢血", "癌症"],
                        [40, 10, 12, 6, 5, 6, 2, 4, 3, 4])
NATURAL_CERT_CAUSES_OLD = ["脑梗死", "脑出血", "冠心病", "心力衰竭", "慢性阻塞性肺疾病", "肺部感染",
                           "呼吸衰竭", "多器官功能衰竭", "肺癌", "胃癌", "肝癌", "食管癌",
                           "高血压病", "糖尿病并发症", "老年衰竭", "心肺功能衰竭", "病故"]
NATURAL_CERT_CAUSES_YOUNG = ["急性心肌梗死", "心源性猝死", "脑出血", "肝癌", "肺癌", "白血病",
                             "尿毒症", "肝硬化", "病毒性心肌炎", "猝死", "胃癌", "乳腺癌"]
SUDDEN_CAUSES = ["猝死", "心源性猝死", "急性心肌梗死", "呼吸心跳骤停", "脑出血", "心脏骤停"]
VAGUE_CAUSES = ["死亡原因不详", "猝死", "意外", "呼吸心跳骤停", "待查"]

# ICD-10 by kind of trauma: (principal diagnoses, external causes with the place digit left off)
TRAUMA: dict[str, tuple[list[str], list[str]]] = {
    "roof_fall": (["S06.5", "S32.0", "S22.4", "T07", "S12.9", "T71", "S72.3"], ["W20", "W77"]),
    "gas_explosion": (["T58", "T31.2", "T29.3", "T71", "T07"], ["W40", "X47"]),
    "flooding": (["T75.1", "T71"], ["W73", "W74"]),
    "fall_from_height": (["S06.5", "S06.6", "S32.0", "T07", "S22.4", "S72.3", "S82.2"],
                         ["W11", "W12", "W13", "W17"]),
    "struck_by_object": (["S06.0", "S06.5", "S02.0", "S22.4", "S42.2"], ["W20", "W22"]),
    "machinery": (["S68.1", "S62.6", "S57.8", "T07", "S28.0"], ["W31", "W23", "W24"]),
    "electrocution": (["T75.4"], ["W85", "W86", "W87"]),
    "poisoning_asphyxiation": (["T59.9", "T58", "T71"], ["X47", "W81"]),
    "vehicle": (["S06.5", "S27.3", "T07", "S36.1", "S32.0"], ["W23"]),
    "lifting": (["S06.5", "T07", "S32.0", "S22.4"], ["W24"]),
    "collapse": (["T71", "S06.5", "T07", "S32.0"], ["W77", "W20"]),
    "fire": (["T31.3", "T29.3", "T58"], ["X00", "X09"]),
    "explosion": (["T07", "T29.3", "S06.5", "T31.2"], ["W40", "W39"]),
    "burn": (["T29.3", "T24.3", "T31.2"], ["X18", "X12"]),
    "other": (["T14.9", "S06.9", "T07"], ["W49", "X59"]),
}
TRAFFIC_EXT = ["V23.4", "V28.4", "V03.1", "V43.5", "V47.5", "V49.9", "V89.2", "V13.4", "V29.4"]
TRANSPORT_EXT = ["V64.5", "V67.5", "V69.4", "V74.5", "V79.4", "V89.2"]

ACCIDENT_TYPES_BY_INDUSTRY: dict[str, tuple[list[str], list[float]]] = {
    "coal_mining": (["roof_fall", "vehicle", "machinery", "gas_explosion", "poisoning_asphyxiation",
                     "flooding", "struck_by_object", "electrocution", "fire", "other"],
                    [33, 15, 12, 5, 8, 5, 11, 3, 2, 6]),
    "non_coal_mining": (["roof_fall", "collapse", "explosion", "vehicle", "fall_from_height",
                         "struck_by_object", "machinery", "poisoning_asphyxiation"],
                        [20, 22, 10, 15, 12, 10, 6, 5]),
    "hazardous_chemicals": (["poisoning_asphyxiation", "explosion", "fire", "burn",
                             "fall_from_height", "machinery", "struck_by_object"],
                            [28, 15, 10, 14, 12, 12, 9]),
    "metallurgy": (["burn", "struck_by_object", "lifting", "machinery", "poisoning_asphyxiation",
                    "fall_from_height", "explosion"], [22, 14, 16, 16, 14, 12, 6]),
    "construction": (["fall_from_height", "struck_by_object", "collapse", "lifting",
                      "electrocution", "machinery", "vehicle"], [50, 15, 12, 10, 5, 5, 3]),
    "transport": (["vehicle", "fire", "other"], [95, 2, 3]),
    "fireworks": (["explosion", "fire", "burn"], [70, 20, 10]),
    "manufacturing": (["machinery", "struck_by_object", "fall_from_height", "electrocution", "burn",
                       "lifting"], [40, 15, 15, 10, 10, 10]),
    "other": (["fall_from_height", "electrocution", "poisoning_asphyxiation", "struck_by_object",
               "other"], [30, 15, 25, 15, 15]),
}
#: accident types that kill several at once
MASS_TYPES = {"gas_explosion", "flooding", "explosion", "poisoning_asphyxiation", "fire", "collapse"}

CERT_CAUSE_BY_TYPE = {
    "roof_fall": ["颅脑损伤", "多发伤", "挤压综合征", "创伤性休克", "机械性窒息"],
    "gas_explosion": ["一氧化碳中毒", "烧伤", "爆炸伤", "窒息"],
    "flooding": ["溺水", "窒息"],
    "fall_from_height": ["高坠伤", "颅脑损伤", "多发伤", "创伤性休克"],
    "struck_by_object": ["颅脑损伤", "多发伤", "重型颅脑损伤"],
    "machinery": ["多发伤", "创伤性休克", "失血性休克"],
    "electrocution": ["电击伤", "触电"],
    "poisoning_asphyxiation": ["中毒", "窒息", "一氧化碳中毒", "硫化氢中毒"],
    "vehicle": ["颅脑损伤", "多发伤", "交通事故"],
    "lifting": ["颅脑损伤", "多发伤"],
    "collapse": ["机械性窒息", "挤压伤", "多发伤"],
    "fire": ["烧伤", "吸入性损伤", "一氧化碳中毒"],
    "explosion": ["爆炸伤", "多发伤", "烧伤"],
    "burn": ["烧伤", "烫伤"],
    "other": ["多发伤", "意外死亡"],
}
INJURY_TEXT = {
    "roof_fall": "井下作业时被冒落的矸石砸伤",
    "gas_explosion": "井下瓦斯爆炸受伤",
    "flooding": "井下透水被困",
    "fall_from_height": "高处作业时坠落",
    "struck_by_object": "作业时被坠物砸伤",
    "machinery": "操作设备时被机器绞伤",
    "electrocution": "检修线路时触电",
    "poisoning_asphyxiation": "进入受限空间作业时中毒窒息",
    "vehicle": "被运输车辆撞伤",
    "lifting": "吊装作业时被吊物砸伤",
    "collapse": "作业时遭坍塌掩埋",
    "fire": "作业现场起火烧伤",
    "explosion": "作业现场发生爆炸受伤",
    "burn": "作业时被高温物料烫伤",
    "other": "工作中受伤",
}
MINOR_WORK_TEXT = ["搬运货物时扭伤腰部", "操作时右手手指被挤伤", "行走时滑倒摔伤左腿",
                   "被工具划伤左手", "作业时被铁屑溅伤眼部", "下班途中骑电动车摔伤",
                   "上班途中被机动车撞伤", "卸料时砸伤脚部", "检修设备时被夹伤手指"]
