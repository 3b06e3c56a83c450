"""altgen11: a blind synthetic Shanxi (14) world for crosscheck, as a provincial analyst sees it.

Scale 1.0 is one quarter (Q4 2023: accidents, injuries and deaths from 2023-10-01 to 2023-12-31)
of the whole province, as the departments' exports stand on the extraction day 2024-03-31:
about 72,000 deaths, 400,000 injury encounters, 10,000 work-injury claims, a 300,000-spell sample
of social-insurance enrolment, 15,000 enterprises under the safety regulator's eye, 220 reported
production-safety accidents, and the concealment the domain brief describes. Everything is drawn
from one ``random.Random(seed)``, so a seed gives byte-identical files.

    python -m benchmarks.altgen11.generate --out DIR --scale S --seed N
"""

from __future__ import annotations

import argparse
import json
import math
import random
import resource
import sys
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import accumulate
from pathlib import Path
from typing import Any

import polars as pl

from benchmarks.altgen11 import geo, ids, names

W_START = date(2023, 10, 1)
W_END = date(2023, 12, 31)
DAYS = (W_END - W_START).days + 1
EXTRACT = date(2024, 3, 31)
EXTRACT_DT = datetime(2024, 3, 31, 23, 59)

# how each department exports (the analyst's experience of them)
FORMATS = {
    "accidents": "gb18030",  # the emergency-management reporting system, a Windows export
    "accident_victims": "gb18030",
    "deregistrations": "utf-8",  # public-security household register
    "cremations": "utf-8-sig",  # civil affairs, collected from the funeral homes in Excel
    "injury_claims": "utf-8-sig",  # HR & social security work-injury system
    "medical_records": "parquet",  # health commission's hospital platform
    "employment": "parquet",  # social-insurance enrolment
    "enterprises": "parquet",  # the safety regulator's enterprise register
}
COLUMNS: dict[str, list[str]] = {
    "accidents": ["record_id", "occurred_at", "reported_at", "region_code", "address",
                  "enterprise_name", "enterprise_uscc", "industry", "accident_type",
                  "reported_deaths", "reported_serious_injuries", "reported_minor_injuries",
                  "direct_loss_10k_yuan"],
    "accident_victims": ["record_id", "accident_id", "name", "id_number", "sex", "age",
                         "outcome"],
    "deregistrations": ["record_id", "name", "id_number", "sex", "birth_date", "death_date",
                        "deregistered_on", "region_code", "reason", "death_cause"],
    "cremations": ["record_id", "name", "id_number", "sex", "age", "death_date", "cremated_on",
                   "funeral_home", "region_code", "death_cause", "certificate_issuer",
                   "body_origin"],
    "injury_claims": ["record_id", "name", "id_number", "sex", "employer_name", "employer_uscc",
                      "injury_date", "applied_on", "decided_on", "outcome",
                      "injury_description", "region_code"],
    "medical_records": ["record_id", "name", "id_number", "sex", "age", "hospital",
                        "region_code", "admitted_at", "discharged_at", "diagnosis_icd10",
                        "external_cause_icd10", "disposition", "payer", "employer_name"],
    "employment": ["record_id", "id_number", "name", "employer_name", "employer_uscc",
                   "industry", "start_date", "end_date"],
    "enterprises": ["uscc", "name", "industry", "region_code", "high_risk"],
}
PERSON_SOURCES = ["accident_victims", "deregistrations", "cremations", "injury_claims",
                  "medical_records", "employment"]
HIGH_RISK = ("coal_mining", "non_coal_mining", "hazardous_chemicals", "metallurgy",
             "construction", "fireworks")

# ID-number noise per source: missing, legacy15, wrong_check, typo1, transposed, valid_corrupt,
# then the share of X-ending numbers written with a lower-case x
ID_PROFILE: dict[str, tuple[float, ...]] = {
    "victims": (0.07, 0.0, 0.015, 0.02, 0.01, 0.002, 0.1),
    "dereg": (0.01, 0.01, 0.002, 0.003, 0.002, 0.001, 0.0),
    "crem": (0.28, 0.04, 0.02, 0.04, 0.02, 0.004, 0.3),
    "claims": (0.01, 0.0, 0.005, 0.01, 0.005, 0.002, 0.05),
    "med_er": (0.3, 0.0, 0.01, 0.02, 0.01, 0.003, 0.5),
    "med_in": (0.08, 0.005, 0.01, 0.02, 0.01, 0.003, 0.5),
    "emp": (0.0, 0.0, 0.001, 0.003, 0.002, 0.001, 0.0),
}
# name noise per source, in the order of names.NOISE:
# homophone, traditional, space, dot, drop, double, pinyin
NAME_PROFILE: dict[str, tuple[float, ...]] = {
    "victims": (0.03, 0.003, 0.01, 0.002, 0.005, 0.002, 0.0),
    "dereg": (0.003, 0.003, 0.0, 0.0, 0.001, 0.0, 0.0),
    "crem": (0.05, 0.02, 0.01, 0.005, 0.01, 0.003, 0.003),
    "claims": (0.01, 0.0, 0.005, 0.0, 0.002, 0.0, 0.0),
    "med": (0.04, 0.003, 0.02, 0.003, 0.01, 0.003, 0.005),
    "emp": (0.005, 0.0, 0.002, 0.0, 0.001, 0.0, 0.0),
}

ENT_BASE = {"coal_mining": 900, "non_coal_mining": 700, "hazardous_chemicals": 500,
            "metallurgy": 400, "construction": 5000, "transport": 2500, "fireworks": 60,
            "manufacturing": 4000, "other": 1100}
MALE_SHARE = {"coal_mining": 0.98, "non_coal_mining": 0.95, "hazardous_chemicals": 0.8,
              "metallurgy": 0.85, "construction": 0.9, "transport": 0.9, "fireworks": 0.45,
              "manufacturing": 0.6, "other": 0.55}
MIGRANT_SHARE = {"coal_mining": 0.2, "non_coal_mining": 0.25, "construction": 0.3,
                 "hazardous_chemicals": 0.1, "metallurgy": 0.08, "fireworks": 0.05,
                 "transport": 0.05, "manufacturing": 0.08, "other": 0.05}
ENROLLED = {"coal_mining": 0.85, "non_coal_mining": 0.6, "hazardous_chemicals": 0.8,
            "metallurgy": 0.9, "construction": 0.35, "transport": 0.6, "fireworks": 0.4,
            "manufacturing": 0.7, "other": 0.5}
TRADE = names.words("鑫达 金源 华鑫 晋能 兴盛 恒泰 宏达 永昌 鸿运 瑞丰 福盛 汇丰 国泰 龙泉 东方 昌盛 德信 "
         "三元 新峰 佳禾 盛和 聚源 宝通 安泰 通达 天隆 万家 富源 晋丰 祥和 正大 中兴 荣达 泰和 "
         "鑫源 旺达 嘉禾 昊天 利民 振兴 长青 华盛 恒昌 金石 银河 宏图 凯达 顺通 广源 远航 鼎盛 "
         "天成 永兴 隆泰 金岭 嘉泰 晟达 亿丰 弘阳 华远 晋源 三和 德顺 新元 宏泰 裕隆 同盛 汾河 "
         "太行 吕梁 沁河 王家岭 西山 东山 北岳 五龙 双龙 古城")
ENT_TEMPLATES = {
    "coal_mining": ["山西{c}{t}煤业有限公司", "{C}{t}煤矿", "山西{t}煤业有限责任公司",
                    "{y}{t}煤业有限公司"],
    "non_coal_mining": ["{C}{t}铁矿", "{C}{t}铝土矿", "山西{t}矿业有限公司", "{C}{t}石料厂"],
    "hazardous_chemicals": ["山西{t}焦化有限公司", "{c}{t}化工有限公司", "山西{t}煤化工有限公司",
                            "{y}{t}气体有限公司"],
    "metallurgy": ["山西{t}钢铁有限公司", "{c}{t}铸业有限公司", "山西{t}镁业有限公司",
                   "{C}{t}冶炼厂"],
    "construction": ["山西{t}建筑工程有限公司", "{y}{t}建设集团有限公司",
                     "山西{t}路桥工程有限公司", "{c}{t}建筑安装有限公司"],
    "transport": ["{y}{t}物流有限公司", "山西{t}汽车运输有限公司", "{c}{t}运输有限公司"],
    "fireworks": ["{C}{t}烟花爆竹有限公司", "{C}{t}花炮厂"],
    "manufacturing": ["山西{t}机械制造有限公司", "{c}{t}耐火材料有限公司", "{c}{t}水泥有限公司",
                      "山西{t}陶瓷有限公司", "{y}{t}玻璃制品有限公司"],
    "other": ["{y}{t}物业管理有限公司", "{c}{t}市政工程有限公司", "山西{t}环保科技有限公司",
              "{y}{t}仓储有限公司"],
    "dispatch": ["山西{t}劳务派遣有限公司", "{y}{t}人力资源服务有限公司"],
}

ACC_INDUSTRY = {"coal_mining": 20, "construction": 25, "transport": 20, "non_coal_mining": 8,
                "hazardous_chemicals": 6, "metallurgy": 6, "manufacturing": 10,
                "fireworks": 1, "other": 4}
ACC_TYPES: dict[str, dict[str, int]] = {
    "coal_mining": {"roof_fall": 35, "gas_explosion": 6, "flooding": 6, "vehicle": 12,
                    "machinery": 10, "electrocution": 4, "poisoning_asphyxiation": 8,
                    "struck_by_object": 10, "other": 9},
    "non_coal_mining": {"roof_fall": 25, "collapse": 15, "fall_from_height": 15, "vehicle": 15,
                        "struck_by_object": 10, "explosion": 10, "machinery": 10},
    "hazardous_chemicals": {"poisoning_asphyxiation": 30, "explosion": 20, "fire": 15,
                            "burn": 15, "machinery": 10, "fall_from_height": 10},
    "metallurgy": {"burn": 25, "machinery": 20, "lifting": 20, "poisoning_asphyxiation": 15,
                   "struck_by_object": 10, "fall_from_height": 10},
    "construction": {"fall_from_height": 45, "struck_by_object": 15, "collapse": 15,
                     "lifting": 10, "electrocution": 8, "machinery": 7},
    "transport": {"vehicle": 100},
    "fireworks": {"explosion": 80, "fire": 20},
    "manufacturing": {"machinery": 40, "struck_by_object": 15, "burn": 10,
                      "fall_from_height": 10, "lifting": 10, "electrocution": 5,
                      "poisoning_asphyxiation": 5, "fire": 5},
    "other": {"fall_from_height": 25, "poisoning_asphyxiation": 25, "electrocution": 15,
              "struck_by_object": 20, "other": 15},
}
# accident type -> (principal diagnoses, external causes at work)
TYPE_ICD: dict[str, tuple[list[str], list[str]]] = {
    "roof_fall": (["S06.5", "S32.0", "S22.4", "S72.0", "T06.8", "S36.1"], ["W20.6"]),
    "gas_explosion": (["T31.5", "T20.3", "S06.3", "T71"], ["W40.6"]),
    "flooding": (["T75.1", "T71"], ["W73.6", "W74.6"]),
    "fall_from_height": (["S06.5", "S32.0", "S72.0", "S22.4", "S12.2", "T02.7"],
                         ["W13.6", "W11.6", "W12.6", "W17.6"]),
    "struck_by_object": (["S06.5", "S02.0", "S22.4", "S42.2"], ["W20.6"]),
    "machinery": (["S68.1", "S58.0", "S66.1", "S62.6", "S67.0"], ["W31.6", "W30.6", "W24.6"]),
    "electrocution": (["T75.4"], ["W87.6", "W85.6", "W86.6"]),
    "poisoning_asphyxiation": (["T58", "T59.7", "T71", "T59.8"], ["X47.6"]),
    "vehicle": (["S06.5", "S36.1", "S32.0", "T06.8", "S27.3"], ["V86.3"]),
    "lifting": (["S06.5", "S32.0", "S72.0"], ["W24.6", "W20.6"]),
    "collapse": (["T71", "S06.5", "S32.0", "T04.7"], ["W20.6", "W77.6"]),
    "fire": (["T31.5", "T29.3", "T59.8"], ["X00.6", "X01.6"]),
    "explosion": (["T31.3", "S06.3", "T20.3", "T06.8"], ["W40.6"]),
    "burn": (["T29.3", "T24.3", "T31.2"], ["X18.6", "X12.6", "X13.6"]),
    "other": (["S06.5", "T14.9"], ["W19.6", "X59.6"]),
}
ROAD_V = ["V67.5", "V64.5", "V68.5", "V47.5", "V03.1", "V43.5"]
TYPE_DESC: dict[str, list[str]] = {
    "roof_fall": ["在井下回采工作面作业时顶板冒落被煤矸石砸伤", "在掘进工作面支护时片帮煤体砸伤"],
    "gas_explosion": ["井下瓦斯爆炸致全身烧伤", "在工作面作业时发生瓦斯爆炸受伤"],
    "flooding": ["井下采空区透水被困", "掘进工作面突水被淹"],
    "fall_from_height": ["在脚手架上作业时不慎坠落", "在屋面作业时从高处坠落"],
    "struck_by_object": ["作业时被高处坠落物体击中头部", "被倒塌的材料砸伤"],
    "machinery": ["操作设备时手部被卷入", "清理皮带机时被卷入受伤"],
    "electrocution": ["检修线路时触电", "作业时接触带电设备触电"],
    "poisoning_asphyxiation": ["进入有限空间作业时中毒窒息", "煤气泄漏致一氧化碳中毒"],
    "vehicle": ["驾驶车辆运输途中发生事故", "在井下运输巷被矿车撞伤"],
    "lifting": ["起吊作业时被吊物砸伤", "塔吊吊物坠落砸伤"],
    "collapse": ["基坑边坡坍塌被埋", "作业场所坍塌被埋压"],
    "fire": ["厂房着火被烧伤", "作业现场起火受伤"],
    "explosion": ["车间发生爆炸受伤", "装药作业时发生爆炸"],
    "burn": ["被高温钢水灼伤", "被高温物料烫伤"],
    "other": ["作业时受伤", "工作中意外受伤"],
}
MINOR_WORK_DESC = ["操作机器时右手被挤压致手指骨折", "搬运材料时不慎摔倒致左踝骨折",
                   "在工作中被铁件砸伤左足", "作业时被飞溅物击伤眼部", "切割作业时被砂轮片割伤左手",
                   "在车间行走时滑倒致右腕骨折", "装卸货物时被货物砸伤右脚", "被热水烫伤双手"]

NATURAL_CAUSES = ["心肌梗死", "脑梗死", "脑出血", "肺癌", "慢性阻塞性肺疾病", "冠心病", "心力衰竭",
                  "肝癌", "胃癌", "呼吸衰竭", "多器官功能衰竭", "糖尿病", "尿毒症", "肺部感染",
                  "老年性衰竭", "自然死亡", "病故", "猝死", "尘肺病", "食管癌", "高血压病"]
NATURAL_W = [12, 12, 10, 7, 8, 8, 6, 4, 4, 4, 3, 3, 2, 4, 5, 3, 6, 2, 1, 3, 3]
ILLNESS_COVER = ["猝死", "突发心脏病", "心源性猝死", "脑出血", "病故", "心肌梗死", "突发疾病"]
INJURY_CAUSE = ["工伤事故", "颅脑损伤", "多发伤", "创伤性休克", "机械性窒息", "意外事故"]

# background injury encounters: name, weight, ages, diagnoses, external causes, P(inpatient),
# inpatient days
MECHS: list[tuple[str, float, tuple[int, int], list[str], list[str], float, tuple[int, int]]] = [
    ("fall_home_old", 14, (65, 95), ["S72.0", "S72.1", "S32.0", "S52.5", "S06.0", "S22.3"],
     ["W01.0", "W19.0", "W06.0", "W18.0", "W10.0"], 0.75, (5, 25)),
    ("fall_street", 12, (5, 80), ["S52.5", "S82.8", "S42.2", "S93.4", "S01.8", "S62.3"],
     ["W00.4", "W01.4", "W19.4", "W10.4"], 0.25, (2, 12)),
    ("fall_other", 8, (2, 90), ["S06.0", "S52.5", "S82.1", "S42.0", "T14.0"],
     ["W19.9", "W01.9", "W10.9"], 0.3, (2, 14)),
    ("traffic", 22, (5, 80), ["S06.0", "S06.3", "S82.1", "S42.0", "S27.3", "S36.1", "S32.0",
                              "T14.0", "S22.4"],
     ["V23.4", "V43.5", "V03.1", "V13.4", "V28.4", "V89.2", "V47.5", "V29.4"], 0.45, (3, 25)),
    ("struck_cut", 14, (10, 70), ["S61.0", "S01.8", "S51.8", "S81.8", "S60.2", "S91.3"],
     ["W25.0", "W26.0", "W22.4", "W20.9", "W45.0", "W25.4"], 0.1, (1, 7)),
    ("bite", 5, (3, 80), ["S61.0", "S81.8", "T14.1"], ["W54.0", "W54.4", "W55.9"], 0.02, (1, 3)),
    ("burn", 3, (1, 85), ["T23.2", "T24.2", "T22.2", "T30.0", "T21.2"],
     ["X12.0", "X15.0", "X11.0", "X10.0"], 0.35, (4, 20)),
    ("co_home", 3, (5, 90), ["T58"], ["X47.0"], 0.4, (2, 8)),
    ("poison_other", 2, (15, 80), ["T60.0", "T42.4", "T51.0", "T65.9"],
     ["X68.0", "X61.0", "X45.0", "X49.0"], 0.6, (2, 10)),
    ("sports", 4, (10, 45), ["S83.5", "S93.4", "S62.3", "S43.0", "S42.0"],
     ["W21.3", "W03.3", "W18.3", "W02.3"], 0.15, (2, 8)),
    ("assault", 3, (16, 60), ["S01.8", "S02.2", "S06.0", "S21.1"], ["Y04.4", "Y04.9", "Y00.4"],
     0.25, (2, 10)),
    ("work_minor", 6, (18, 58), ["S61.0", "S62.6", "S60.2", "S90.3", "S05.0", "S93.4",
                                 "T23.2"],
     ["W31.6", "W26.6", "W20.6", "W23.6", "W22.6", "W01.6", "X12.6"], 0.25, (1, 10)),
    ("other", 4, (1, 90), ["T14.9", "T14.0", "S09.9", "T15.1"], ["X59.9", "W44.0", "W64.9"],
     0.1, (1, 5)),
]
MECH_CUM = list(accumulate(m[1] for m in MECHS))


@dataclass(slots=True)
class Person:
    pid: str
    name: str
    sex: str
    birth: date
    hukou: str
    id18: str
    local: bool
    dup: bool = False


@dataclass(slots=True)
class Ent:
    uscc: str
    name: str
    industry: str
    region: str
    city: str
    high_risk: bool
    weight: float
    short: str
    workers: list[Person] = field(default_factory=list)


@dataclass(slots=True)
class Rec:
    key: tuple[Any, ...]
    group: str
    row: dict[str, Any]
    pid: str
    idkind: str | None


@dataclass(slots=True)
class Accident:
    occurred: datetime
    row: dict[str, Any]
    victims: list[Rec] = field(default_factory=list)
    inc: int = 0
    record_id: str = ""


def fmt_date(d: date | None, style: str) -> str | None:
    if d is None:
        return None
    if style == "slash":
        return f"{d.year}/{d.month}/{d.day}"
    if style == "compact":
        return f"{d:%Y%m%d}"
    if style == "cn":
        return f"{d.year}年{d.month}月{d.day}日"
    return d.isoformat()


def age_at(p: Person, d: date) -> int:
    return d.year - p.birth.year - ((d.month, d.day) < (p.birth.month, p.birth.day))


def _short_county(name: str) -> str:
    return name[:-1] if len(name) > 2 and name[-1] in "县市区" else name


class World:
    def __init__(self, scale: float, seed: int) -> None:
        self.r = random.Random(seed)
        self.scale = scale
        self.counties = geo.counties()
        self.county = {c.code: c for c in self.counties}
        self.county_cum = list(accumulate(c.weight for c in self.counties))
        self.city_counties: dict[str, list[geo.County]] = {}
        for c in self.counties:
            self.city_counties.setdefault(c.city, []).append(c)
        self.cities = list(geo.CITIES)
        self.hospitals = geo.hospitals()
        self.fhomes = geo.funeral_homes()
        styles = ["iso", "slash", "compact", "cn", "iso", "slash", "iso"]
        self.fh_style = {f.code: styles[self.r.randrange(len(styles))] for f in self.fhomes}
        self.fh_xusui = {f.code: self.r.random() < 0.2 for f in self.fhomes}
        self.persons: list[Person] = []
        self.ids_used: set[str] = set()
        self.recs: dict[str, list[Rec]] = {s: [] for s in PERSON_SOURCES if s != "accident_victims"}
        self.accidents: list[Accident] = []
        self.ents: list[Ent] = []
        self.ents_by_ind: dict[str, list[Ent]] = {}
        self.dispatch: list[Ent] = []
        self.incidents: list[dict[str, Any]] = []
        self.inc_persons: list[dict[str, Any]] = []
        self.deaths: dict[str, tuple[str, str | None]] = {}
        self.busy: set[str] = set()
        self.spells: dict[str, list[Rec]] = {}
        self.third_party: set[str] = set()  # road users hit by a transport company's vehicle  # persons already given a fate (dead or casualty)
        self.variants: dict[str, int] = {}

    # ---------------------------------------------------------------- helpers
    def n(self, base: float, floor: int = 0) -> int:
        return max(floor, int(base * self.scale + 0.5))

    def day(self, lo: int = 0, hi: int = DAYS - 1) -> date:
        return W_START + timedelta(days=self.r.randint(lo, hi))

    def pick_county(self, city: str | None = None, *, rural: bool = False) -> geo.County:
        r = self.r
        if city is None:
            return r.choices(self.counties, cum_weights=self.county_cum)[0]
        cs = self.city_counties[city]
        w = [(0.4 if c.kind == "d" else 1.5) if rural else c.weight for c in cs]
        return r.choices(cs, weights=w)[0]

    def other_city(self, *avoid: str) -> str:
        return self.r.choice([c for c in self.cities if c not in avoid])

    def new_person(self, *, age: tuple[int, int] | None = None, birth: date | None = None,
                   sex: str | None = None, region: str | None = None, migrant: bool = False,
                   male_share: float = 0.5) -> Person:
        r = self.r
        if sex is None:
            sex = "M" if r.random() < male_share else "F"
        if birth is None:
            lo, hi = age or (0, 90)
            birth = W_START - timedelta(days=int(r.uniform(lo, hi + 1) * 365.25))
        if migrant:
            hukou, local = r.choice(geo.MIGRANT_COUNTIES), False
        else:
            hukou, local = region or self.pick_county().code, True
        id_region = hukou
        if local and hukou in geo.OLD_ID_CODE and birth.year < 2000 and r.random() < 0.6:
            id_region = r.choice(geo.OLD_ID_CODE[hukou])
        dup = False
        id18 = ""
        if local and birth.year < 1990 and self.persons and r.random() < 0.0006:
            twin = self.persons[r.randrange(len(self.persons))]
            if twin.local and twin.sex == sex and twin.birth.year < 1990 and not twin.dup:
                birth, id18, dup = twin.birth, twin.id18, True
        while not id18:
            seq = r.randrange(500) * 2 + (1 if sex == "M" else 0)
            cand = ids.make_id(id_region, birth, seq)
            if cand not in self.ids_used:
                id18 = cand
        self.ids_used.add(id18)
        p = Person(f"P{len(self.persons) + 1:07d}", names.make_name(r, sex, birth.year), sex,
                   birth, hukou, id18, local, dup)
        self.persons.append(p)
        return p

    def render_id(self, p: Person, prof: str) -> tuple[str | None, str]:
        r = self.r
        miss, leg, wc, ty, tr, vc, lowx = ID_PROFILE[prof]
        base = "duplicate" if p.dup else "clean"
        x = r.random()
        if x < miss:
            return None, "missing"
        x -= miss
        if x < leg:
            return (ids.legacy15(p.id18), "legacy15") if p.birth.year < 1985 else (p.id18, base)
        x -= leg
        if x < wc:
            return ids.wrong_check(p.id18, r), "wrong_check"
        x -= wc
        if x < ty:
            return ids.typo1(p.id18, r), "typo1"
        x -= ty
        if x < tr:
            return ids.transposed(p.id18, r), "transposed"
        x -= tr
        if x < vc:
            return ids.valid_corrupt(p.id18, r), "valid_corrupt"
        if p.id18.endswith("X") and r.random() < lowx:
            return p.id18[:17] + "x", "lower_x"
        return p.id18, base

    def uscc_as_written(self, e: Ent, p_missing: float, p_typo: float) -> str | None:
        x = self.r.random()
        if x < p_missing:
            return None
        if x < p_missing + p_typo:
            return ids.uscc_typo(e.uscc, self.r)
        return e.uscc

    def ent_name_as_written(self, e: Ent, p_variant: float) -> str:
        r = self.r
        if r.random() >= p_variant:
            return e.name
        if e.name.endswith("有限公司") and r.random() < 0.5:
            return e.name[:-4] + "有限责任公司"
        if r.random() < 0.5:
            return e.short
        return e.name.replace("山西", "山西省", 1) if e.name.startswith("山西") else e.short

    # ---------------------------------------------------------------- places
    def local_hospital(self, county: str) -> geo.Place:
        hs = [h for h in self.hospitals if h.region == county and h.level == 1]
        if hs:
            return hs[0]
        return self.city_hospital(county[:4])

    def city_hospital(self, city: str) -> geo.Place:
        return self.r.choice([h for h in self.hospitals if h.city == city and h.level == 2])

    def prov_hospital(self) -> geo.Place:
        return self.r.choice([h for h in self.hospitals if h.level == 3])

    def home_fh(self, county: str) -> geo.Place:
        """The funeral home a family in ``county`` uses (its own county's, else the city's)."""
        own = [f for f in self.fhomes if f.region == county and f.level == 1]
        if own and self.r.random() < 0.8:
            return own[0]
        city = county[:4] if county[:2] == "14" else self.r.choice(self.cities)
        return next(f for f in self.fhomes if f.city == city and f.level == 2)

    def far_fh(self, *avoid_cities: str) -> geo.Place:
        city = self.other_city(*avoid_cities)
        return self.r.choice([f for f in self.fhomes if f.city == city])

    def village(self, county: str) -> str:
        r = self.r
        c = self.county.get(county)
        head = c.name if c else ""
        return f"{head}{r.choice(geo.TOWNS)}{r.choice(names.SURNAMES[:40])}{r.choice(geo.VILLAGE_TAIL)}"

    # ---------------------------------------------------------------- records
    def add(self, src: str, key: tuple[Any, ...], group: str, row: dict[str, Any], p: Person,
            idkind: str | None) -> Rec:
        rec = Rec(key, group, row, p.pid, idkind)
        self.recs[src].append(rec)
        if src == "employment":
            self.spells.setdefault(p.pid, []).append(rec)
        return rec

    def emit_dereg(self, p: Person, ddate: date, cause: str | None, *, lag: int | None = None,
                   reason: str = "death", death_known: bool = True,
                   on: date | None = None) -> bool:
        r = self.r
        if not p.local:
            return False
        if lag is None:
            lag = int(r.lognormvariate(math.log(25), 0.9))
        on = on or ddate + timedelta(days=max(1, lag))
        if on > EXTRACT:
            return False
        region = p.hukou
        style = "compact" if region[:4] in ("1408", "1410") else "iso"
        sex = ({"M": "男", "F": "女"} if int(region) % 3 == 0 else {"M": "1", "F": "2"})[p.sex]
        idn, kind = self.render_id(p, "dereg")
        dd = ddate if death_known and r.random() > 0.02 else None
        row = {"name": names.render(p.name, r, NAME_PROFILE["dereg"]), "id_number": idn,
               "sex": sex, "birth_date": fmt_date(p.birth, style),
               "death_date": fmt_date(dd, style), "deregistered_on": fmt_date(on, style),
               "region_code": region, "reason": reason, "death_cause": cause}
        self.add("deregistrations", (on, region, r.random()), region, row, p, kind)
        return True

    def emit_crem(self, p: Person, ddate: date, fh: geo.Place, lag: int, cause: str | None,
                  cert: str | None, origin: str | None, *, shift: int = 0) -> None:
        r = self.r
        on = ddate + timedelta(days=lag)
        if on > EXTRACT:
            return
        style = self.fh_style[fh.code]
        idn, kind = self.render_id(p, "crem")
        rec_date = ddate + timedelta(days=shift) if r.random() > 0.05 else None
        if rec_date is not None and rec_date > on:
            rec_date = on
        age: int | None = age_at(p, ddate) + (1 if self.fh_xusui[fh.code] else 0)
        if r.random() < 0.04:
            age = None
        sex = {"M": "男", "F": "女"}[p.sex] if r.random() > 0.02 else None
        row = {"name": names.render(p.name, r, NAME_PROFILE["crem"]), "id_number": idn,
               "sex": sex, "age": age, "death_date": fmt_date(rec_date, style),
               "cremated_on": fmt_date(on, style), "funeral_home": fh.name,
               "region_code": fh.region, "death_cause": cause, "certificate_issuer": cert,
               "body_origin": origin}
        self.add("cremations", (on, r.random()), fh.code, row, p, kind)

    def emit_med(self, p: Person, hosp: geo.Place, admit: datetime, discharge: datetime | None,
                 diag: str, ext: str | None, disp: str, payer: str | None,
                 employer: str | None, *, er: bool = False, unknown: bool = False) -> None:
        r = self.r
        if admit.date() > EXTRACT:
            return
        if discharge is not None and discharge > EXTRACT_DT:
            discharge, disp = None, "discharged"  # still in hospital on extraction day
        if unknown:
            name, (idn, kind) = "无名氏", (None, "missing")
        else:
            name = names.render(p.name, r, NAME_PROFILE["med"])
            idn, kind = self.render_id(p, "med_er" if er else "med_in")
        age = age_at(p, admit.date()) if r.random() > 0.04 else None
        sex = p.sex if r.random() > 0.03 else None
        row = {"name": name, "id_number": idn, "sex": sex, "age": age, "hospital": hosp.name,
               "region_code": hosp.region, "admitted_at": admit, "discharged_at": discharge,
               "diagnosis_icd10": diag, "external_cause_icd10": ext, "disposition": disp,
               "payer": payer, "employer_name": employer}
        self.add("medical_records", (admit, r.random()), hosp.code, row, p, kind)

    def emit_claim(self, p: Person, e: Ent, injury: date, applied: date, decide_lag: int,
                   outcome: str, desc: str | None) -> bool:
        r = self.r
        if applied > EXTRACT:
            return False
        decided: date | None = applied + timedelta(days=decide_lag)
        if decided is not None and decided > EXTRACT:
            decided, outcome = None, "pending"
        style = "cn" if e.city in ("1404", "1411", "1409") else "iso"
        idn, kind = self.render_id(p, "claims")
        row = {"name": names.render(p.name, r, NAME_PROFILE["claims"]), "id_number": idn,
               "sex": p.sex if r.random() > 0.01 else None,
               "employer_name": self.ent_name_as_written(e, 0.04),
               "employer_uscc": self.uscc_as_written(e, 0.03, 0.02),
               "injury_date": injury.isoformat(), "applied_on": applied.isoformat(),
               "decided_on": fmt_date(decided, style), "outcome": outcome,
               "injury_description": desc if r.random() > 0.08 else None,
               "region_code": e.region}
        self.add("injury_claims", (applied, r.random()), e.city, row, p, kind)
        return True

    def emit_spell(self, p: Person, e: Ent, start: date, end: date | None,
                   id_override: tuple[str, str] | None = None,
                   name_override: str | None = None) -> None:
        r = self.r
        idn, kind = id_override or self.render_id(p, "emp")
        assert idn is not None
        nm = name_override or p.name
        row = {"id_number": idn,
               "name": names.render(nm, r, NAME_PROFILE["emp"]) if r.random() > 0.03 else None,
               "employer_name": self.ent_name_as_written(e, 0.03),
               "employer_uscc": self.uscc_as_written(e, 0.04, 0.01),
               "industry": e.industry if r.random() > 0.08 else None,
               "start_date": start, "end_date": end}
        self.add("employment", (start, r.random()), "", row, p, kind)

    def emit_victim(self, acc: Accident, p: Person, outcome: str, when: date, *,
                    borrowed: Person | None = None) -> None:
        r = self.r
        who = borrowed or p
        idn: str | None
        if borrowed is not None:
            idn, kind = borrowed.id18, "borrowed"
        else:
            idn, kind = self.render_id(p, "victims")
        row = {"name": names.render(who.name, r, NAME_PROFILE["victims"]), "id_number": idn,
               "sex": {"M": "男", "F": "女"}[who.sex] if r.random() > 0.03 else None,
               "age": age_at(who, when) if r.random() > 0.05 else None, "outcome": outcome}
        order = {"death": 0, "serious_injury": 1, "minor_injury": 2}[outcome]
        acc.victims.append(Rec((order, r.random()), "", row, p.pid, kind))

    def add_death(self, p: Person, cls: str, inc: str | None = None) -> None:
        self.deaths[p.pid] = (cls, inc)
        self.busy.add(p.pid)

    # ---------------------------------------------------------------- world
    def build_enterprises(self) -> None:
        r = self.r
        names_used: set[str] = set()
        plan = [(ind, self.n(b, 3)) for ind, b in ENT_BASE.items()] + [("dispatch", self.n(200, 2))]
        for ind, count in plan:
            for _ in range(count):
                cw = geo.INDUSTRY_CITY_WEIGHT.get(ind)
                if cw:
                    city = r.choices(list(cw), weights=list(cw.values()))[0]
                    c = self.pick_county(city, rural=ind in ("coal_mining", "non_coal_mining",
                                                              "fireworks"))
                else:
                    c = self.pick_county()
                name = ""
                for attempt in range(20):
                    tpl = r.choice(ENT_TEMPLATES[ind])
                    name = tpl.format(c=_short_county(c.name), C=c.name, y=c.city_name[:-1],
                                      t=r.choice(TRADE))
                    if attempt == 19:
                        name = name.replace("有限公司", f"第{r.randint(2, 9)}分公司")
                    if name not in names_used:
                        break
                names_used.add(name)
                industry = "other" if ind == "dispatch" else ind
                high = (industry in ("coal_mining", "non_coal_mining", "hazardous_chemicals",
                                     "fireworks")
                        or (industry == "metallurgy" and r.random() < 0.8)
                        or (industry == "construction" and r.random() < 0.6)
                        or (industry == "manufacturing" and r.random() < 0.05))
                uscc = ids.make_uscc(c.code, r)
                if r.random() < 0.03:  # real codes that fail their own check
                    uscc = uscc[:17] + r.choice([ch for ch in ids.USCC_CHARS if ch != uscc[17]])
                size = {"coal_mining": 12.0, "metallurgy": 10.0, "hazardous_chemicals": 5.0,
                        "non_coal_mining": 2.5, "dispatch": 6.0}.get(ind, 1.0)
                short = name.removeprefix("山西").removesuffix("有限责任公司").removesuffix("有限公司")
                e = Ent(uscc, name, industry, c.code, c.city, high,
                        size * r.lognormvariate(0, 0.8), short)
                self.ents.append(e)
                (self.dispatch if ind == "dispatch" else
                 self.ents_by_ind.setdefault(industry, [])).append(e)

    def worker(self, e: Ent) -> Person:
        r = self.r
        mig = r.random() < MIGRANT_SHARE[e.industry]
        c = e.region if r.random() < 0.6 else self.pick_county(e.city).code if r.random() < 0.75 \
            else self.pick_county().code
        return self.new_person(age=(19, 58), region=c, migrant=mig,
                               male_share=MALE_SHARE[e.industry])

    def build_employment(self) -> None:
        r = self.r
        cum = list(accumulate(e.weight for e in self.ents))
        for _ in range(self.n(300_000, 400)):
            e = r.choices(self.ents, cum_weights=cum)[0]
            p = self.worker(e)
            y = r.choices(range(2008, 2024), weights=[1 + i * 0.4 for i in range(16)])[0]
            start = date(y, 1, 1) + timedelta(days=r.randrange(365))
            if start > W_END:
                start = W_END - timedelta(days=r.randrange(60))
            end = None
            if r.random() < 0.25:
                end = start + timedelta(days=r.randint(30, max(31, (EXTRACT - start).days)))
                end = min(end, EXTRACT)
            if r.random() < 0.12 and start.year > 2010:  # an earlier job elsewhere
                prev = r.choice(self.ents)
                pend = start - timedelta(days=r.randint(1, 200))
                pstart = pend - timedelta(days=r.randint(90, 2000))
                self.emit_spell(p, prev, pstart, pend)
            self.emit_spell(p, e, start, end)
            if start < W_START and (end is None or end >= W_START):
                e.workers.append(p)

    def take_worker(self, e: Ent, enrolled: bool) -> tuple[Person, bool]:
        """A worker of ``e`` for a casualty: an enrolled one off the roll, or a fresh hand."""
        r = self.r
        if enrolled:
            while e.workers:
                p = e.workers.pop(r.randrange(len(e.workers)))
                if p.pid not in self.busy:
                    self.busy.add(p.pid)
                    return p, True
            p = self.worker(e)
            self.emit_spell(p, e, W_START - timedelta(days=r.randint(60, 3000)), None)
            self.busy.add(p.pid)
            return p, True
        p = self.worker(e)
        self.busy.add(p.pid)
        if r.random() < 0.25 and self.dispatch:  # on a labour-dispatch company's roll instead
            d = r.choice(self.dispatch)
            self.emit_spell(p, d, W_START - timedelta(days=r.randint(30, 1500)), None)
        return p, False

    # ---------------------------------------------------------------- background deaths
    def natural_deaths(self) -> None:
        r = self.r
        ages = [(30, 49), (50, 64), (65, 74), (75, 84), (85, 99)]
        for _ in range(self.n(66_000, 300)):
            lo, hi = r.choices(ages, weights=[5, 11, 24, 35, 25])[0]
            p = self.new_person(age=(lo, hi), male_share=0.55)
            self.natural_death(p, self.day())

    def natural_death(self, p: Person, d: date, *, sudden: bool = False) -> None:
        r = self.r
        self.add_death(p, "natural")
        self.end_spell(p, d)
        c = self.county.get(p.hukou)
        place = r.choices(["hospital", "home", "care"], weights=[30, 65, 5])[0]
        hosp = self.city_hospital(p.hukou[:4]) if p.local else self.city_hospital("1401")
        if place == "hospital" and c and c.kind != "d" and r.random() < 0.5:
            hosp = self.local_hospital(p.hukou)
        dcause = r.choices([None, "病故", "正常死亡", "疾病"], weights=[40, 45, 10, 5])[0]
        # rural families often never cancel the registration of an old parent
        if r.random() < (0.95 if c is None or c.kind == "d" else 0.85):
            self.emit_dereg(p, d, dcause if not sudden else r.choice([None, "病故", "猝死"]))
        rate = 0.9 if c is None or c.kind == "d" else 0.65 if c.kind == "s" else 0.45
        if r.random() < rate:
            cause = "猝死" if sudden and r.random() < 0.5 else \
                r.choices(NATURAL_CAUSES, weights=NATURAL_W)[0]
            cert: str | None
            origin: str | None
            if place == "hospital" or sudden:
                cert, origin = "hospital", hosp.name
            elif place == "care":
                cert, origin = "other", f"{c.name if c else ''}{r.choice(geo.TRADE_CARE)}"
            else:
                cert = r.choices(["community", "other", None], weights=[80, 10, 10])[0]
                origin = r.choices(["家中", self.village(p.hukou), None], weights=[75, 20, 5])[0]
            lag = r.choices([1, 2, 3, 4, 5, 6, 7, 9], weights=[8, 25, 45, 8, 5, 4, 3, 2])[0]
            self.emit_crem(p, d, self.home_fh(p.hukou), lag, cause, cert, origin)

    def worker_natural_deaths(self) -> None:
        """Enrolled workers who die of illness (the ex-miner's 尘肺病, a heart attack at home)."""
        r = self.r
        pool = [e for e in self.ents if e.workers]
        for _ in range(self.n(300, 2)):
            e = r.choice(pool)
            if not e.workers:
                continue
            p = e.workers.pop(r.randrange(len(e.workers)))
            if p.pid in self.busy:
                continue
            d = self.day()
            self.natural_death(p, d, sudden=r.random() < 0.15)
            self.variants["worker_natural"] = self.variants.get("worker_natural", 0) + 1

    def sudden_death_claims(self) -> None:
        """视同工亡: sudden illness at the workplace, dead within 48 hours - a recognised
        work death that is no production-safety accident."""
        r = self.r
        pool = [e for e in self.ents if e.workers]
        for _ in range(self.n(40, 1)):
            e = r.choice(pool)
            p, _ = self.take_worker(e, True)
            d = self.day()
            self.natural_death(p, d, sudden=True)
            self.emit_claim(p, e, d, d + timedelta(days=r.randint(5, 40)), r.randint(20, 60),
                            "death", "在工作时间和工作岗位突发疾病，48小时内经抢救无效死亡")
            self.variants["sudden_illness_claim"] = self.variants.get("sudden_illness_claim", 0) + 1

    def nonocc_deaths(self) -> None:
        r = self.r
        kinds = ["traffic", "fall_home", "co_home", "drowning", "suicide", "electric_home",
                 "other"]
        pool = [e for e in self.ents if e.workers]
        for _ in range(self.n(5_000, 40)):
            k = r.choices(kinds, weights=[30, 25, 8, 5, 15, 2, 15])[0]
            if k == "traffic" and r.random() < 0.3 and pool:
                p, _ = self.take_worker(r.choice(pool), True)  # an off-duty worker
            else:
                age = {"traffic": (6, 85), "fall_home": (70, 97), "co_home": (30, 90),
                       "drowning": (4, 60), "suicide": (18, 88), "electric_home": (20, 75),
                       "other": (5, 90)}[k]
                p = self.new_person(age=age, male_share=0.62)
            d = self.day(31 if k == "co_home" else 0)
            self.nonocc_death(p, d, k)
            if k == "co_home" and r.random() < 0.35:  # a couple in one coal-heated room
                q = self.new_person(birth=p.birth + timedelta(days=r.randint(-2000, 2000)),
                                    sex="F" if p.sex == "M" else "M", region=p.hukou)
                self.nonocc_death(q, d, k)

    def nonocc_death(self, p: Person, d: date, k: str, *, commute_employer: Ent | None = None
                     ) -> None:
        r = self.r
        self.add_death(p, "non_occupational")
        self.end_spell(p, d)
        cty = p.hukou if p.local else self.pick_county().code
        hosp = self.local_hospital(cty) if r.random() < 0.6 else self.city_hospital(cty[:4])
        t = datetime.combine(d, datetime.min.time()) + timedelta(minutes=r.randint(0, 1439))
        icd = {"traffic": (["S06.5", "S06.3", "S27.3", "S36.1", "T06.8"],
                           ["V23.4", "V43.5", "V03.1", "V13.4", "V28.4", "V89.2"]),
               "fall_home": (["S72.0", "S06.5", "S32.0"], ["W01.0", "W19.0", "W10.0"]),
               "co_home": (["T58"], ["X47.0"]),
               "drowning": (["T75.1"], ["W69.8", "W74.9"]),
               "suicide": (["T71", "T60.0", "S06.5"], ["X70.0", "X68.0", "X80.4"]),
               "electric_home": (["T75.4"], ["W87.0"]),
               "other": (["T14.9", "S06.5"], ["X59.9", "W13.0"])}[k]
        diag = r.choice(icd[0])
        ext: str | None = r.choice(icd[1]) if r.random() >= 0.12 else None
        death = d
        in_hosp = False
        mode = r.random()
        payer = r.choice(["resident_insurance", "self_pay", "commercial", "employee_insurance"])
        if k == "fall_home" and mode < 0.35:  # hip fracture, discharged, died weeks later
            los = r.randint(7, 20)
            self.emit_med(p, hosp, t, t + timedelta(days=los), diag, ext, "discharged", payer,
                          None)
            death = d + timedelta(days=los + r.randint(5, 40))
        elif mode < 0.55:
            self.emit_med(p, hosp, t, t + timedelta(minutes=r.randint(20, 240)), diag, ext,
                          "died", payer, None, er=True, unknown=r.random() < 0.03)
            in_hosp = True
        elif mode < 0.75:
            los = r.randint(1, 12)
            death = d + timedelta(days=los)
            self.emit_med(p, hosp, t, t + timedelta(days=los, hours=r.randint(0, 12)), diag, ext,
                          "died", payer, None)
            in_hosp = True
        elif mode < 0.82:
            self.emit_med(p, hosp, t, t + timedelta(hours=r.randint(2, 30)), diag, ext,
                          "left_against_advice", payer, None, er=True)
            death = d + timedelta(days=r.randint(0, 2))
        if death > W_END + timedelta(days=60):
            death = W_END + timedelta(days=60)
        dtext = {"traffic": "交通事故", "fall_home": "意外", "co_home": "意外",
                 "drowning": "意外", "suicide": None, "electric_home": "意外", "other": "意外"}[k]
        self.emit_dereg(p, death, dtext if r.random() < 0.6 else None)
        if commute_employer is not None:
            e = commute_employer
            self.emit_claim(p, e, d, d + timedelta(days=r.randint(7, 60)), r.randint(20, 60),
                            "death", "下班途中发生非本人主要责任的交通事故，经抢救无效死亡")
        if r.random() < 0.75:
            ctext = {"traffic": r.choice(["交通事故", "颅脑损伤", "车祸"]),
                     "fall_home": r.choice(["摔伤", "股骨颈骨折并发症", "意外跌倒"]),
                     "co_home": r.choice(["一氧化碳中毒", "煤气中毒"]),
                     "drowning": "溺水", "suicide": r.choice(["自缢", "服毒", "高坠"]),
                     "electric_home": "触电", "other": "意外"}[k]
            if in_hosp:
                cert, origin = "hospital", hosp.name
            elif k in ("traffic", "drowning", "suicide", "co_home"):
                cert = "police"
                origin = (f"{r.choice(geo.ROADS)}K{r.randint(1, 300)}处" if k == "traffic"
                          else r.choice(["家中", self.village(cty)]))
            else:
                cert, origin = r.choice(["community", "other"]), "家中"
            lag = r.choices([1, 2, 3, 4, 6, 10], weights=[5, 20, 40, 15, 10, 10])[0]
            self.emit_crem(p, death, self.home_fh(cty), lag, ctext, cert, origin)

    def commute_deaths(self) -> None:
        r = self.r
        pool = [e for e in self.ents if e.workers]
        for _ in range(self.n(40, 1)):
            e = r.choice(pool)
            p, _ = self.take_worker(e, True)
            self.nonocc_death(p, self.day(), "traffic", commute_employer=e)
            self.variants["commute_death_claim"] = self.variants.get("commute_death_claim", 0) + 1

    def declared_dead(self) -> None:
        r = self.r
        for _ in range(self.n(60, 1)):
            p = self.new_person(age=(25, 70), male_share=0.7)
            self.add_death(p, "non_occupational")
            missing_since = W_START - timedelta(days=r.randint(4 * 365, 9 * 365))
            judged = self.day()
            self.emit_dereg(p, judged if r.random() < 0.5 else missing_since, None,
                            on=judged + timedelta(days=r.randint(10, 60)),
                            reason="declared_dead", death_known=r.random() < 0.6)

    # ---------------------------------------------------------------- background injuries
    def background_injuries(self) -> None:
        r = self.r
        pool = [e for e in self.ents if e.workers]
        for _ in range(self.n(400_000, 600)):
            m = r.choices(MECHS, cum_weights=MECH_CUM)[0]
            name, _, (lo, hi), diags, exts, p_in, (dlo, dhi) = m
            employer = None
            if name == "work_minor" and r.random() < 0.8:
                e = r.choice(pool)
                p = r.choice(e.workers) if e.workers else self.worker(e)
                if r.random() < 0.4:
                    employer = e.short
            elif r.random() < 0.08 and pool:
                e = r.choice(pool)
                p = r.choice(e.workers) if e.workers else self.worker(e)
            else:
                p = self.new_person(age=(lo, hi), male_share=0.55)
            d = self.day(31 if name == "co_home" and r.random() < 0.8 else 0)
            self.injury_episode(p, d, r.choice(diags), r.choice(exts) if r.random() > 0.15
                                else None, p_in, (dlo, dhi), employer,
                                work=name == "work_minor")

    def injury_episode(self, p: Person, d: date, diag: str, ext: str | None, p_in: float,
                       los: tuple[int, int], employer: str | None, *, work: bool = False,
                       payer: str | None = None) -> None:
        r = self.r
        cty = p.hukou if p.local and r.random() < 0.85 else self.pick_county().code
        hosp = self.local_hospital(cty) if r.random() < 0.6 else self.city_hospital(cty[:4])
        t = datetime.combine(d, datetime.min.time()) + timedelta(minutes=r.randint(0, 1439))
        age = age_at(p, d)
        if payer is None:
            if work:
                payer = r.choices(["employee_insurance", "self_pay", "resident_insurance",
                                   "commercial"], weights=[40, 40, 10, 10])[0]
            elif ext and ext.startswith("V") and r.random() < 0.3:
                payer = "commercial"
            else:
                payer = r.choices(["resident_insurance", "employee_insurance", "self_pay",
                                   "commercial", "other"],
                                  weights=[45 if age >= 60 or age < 18 else 30,
                                           0 if age >= 60 or age < 18 else 30, 18, 3, 4])[0]
        if r.random() < p_in:
            days = r.randint(*los)
            if work:
                days = min(days, 13)
            disp = r.choices(["discharged", "transferred", "left_against_advice"],
                             weights=[93, 4, 3])[0]
            end = t + timedelta(days=days if disp == "discharged" else r.randint(0, 2),
                                hours=r.randint(0, 10))
            self.emit_med(p, hosp, t, end, diag, ext, disp, payer, employer)
            if disp == "transferred":
                h2 = self.city_hospital(hosp.city) if hosp.level == 1 else self.prov_hospital()
                t2 = end + timedelta(hours=r.randint(1, 5))
                self.emit_med(p, h2, t2, t2 + timedelta(days=r.randint(3, days + 3)), diag, ext,
                              "discharged", payer, employer)
        else:
            self.emit_med(p, hosp, t, t + timedelta(minutes=r.randint(30, 600)), diag, ext,
                          "discharged" if r.random() < 0.97 else "left_against_advice", payer,
                          employer, er=True)

    def ordinary_claims(self) -> None:
        """Everyday recognised work injuries: a crushed finger, a sprained ankle."""
        r = self.r
        pool = [e for e in self.ents if e.workers]
        for _ in range(self.n(10_000, 40)):
            e = r.choice(pool)
            enrolled = r.random() < 0.93
            if enrolled and e.workers:
                p = r.choice(e.workers)
            else:
                p, enrolled = self.worker(e), False
            injury = W_START + timedelta(days=r.randint(-90, DAYS - 1))
            commute = r.random() < 0.08
            if commute:
                diag, ext = r.choice(["S82.1", "S42.0", "S52.5", "S06.0"]), r.choice(
                    ["V23.4", "V13.4", "V03.1"])
                desc = "上班途中驾驶电动车与机动车相撞受伤（非本人主要责任）"
            else:
                t = r.choice(list(ACC_TYPES.get(e.industry, ACC_TYPES["other"])))
                diag = r.choice(["S61.0", "S62.6", "S92.3", "S52.5", "S82.8", "S60.2", "S05.0"])
                ext = r.choice(TYPE_ICD[t][1]) if t not in ("vehicle",) else "W31.6"
                desc = r.choice(MINOR_WORK_DESC)
            if injury >= W_START and r.random() < 0.75:
                payer = "work_injury_insurance" if r.random() < 0.6 else None
                self.injury_episode(p, injury, diag, ext, 0.6, (2, 13),
                                    e.short if r.random() < 0.7 else None, work=True,
                                    payer=payer)
            family = r.random() < 0.2
            applied = injury + timedelta(days=r.randint(30, 300) if family else r.randint(3, 30))
            decide_lag = r.randint(15, 75)
            if applied + timedelta(days=decide_lag) < W_START:
                continue  # settled before the quarter: not in this export
            outcome = r.choices(["injury", "disability_10", "disability_9", "disability_8",
                                 "disability_7", "disability_6", "disability_5", "rejected"],
                                weights=[35, 20, 15, 10, 6, 3, 1, 5])[0]
            if commute and r.random() < 0.15:
                outcome = "disability_4"
            if not enrolled:
                outcome = "rejected" if r.random() < 0.6 else outcome
            self.emit_claim(p, e, injury, applied, decide_lag, outcome, desc)

    # ---------------------------------------------------------------- incidents
    def pick_ent(self, inds: dict[str, int] | list[str]) -> Ent:
        r = self.r
        keys = list(inds)
        w = list(inds.values()) if isinstance(inds, dict) else [1] * len(keys)
        ind = r.choices(keys, weights=w)[0]
        es = self.ents_by_ind[ind]
        return r.choices(es, weights=[e.weight for e in es])[0]

    def new_incident(self, kind: str, e: Ent, when: datetime, acc: Accident | None) -> str:
        iid = f"INC{len(self.incidents) + 1:05d}"
        self.incidents.append({"incident_id": iid, "acc": acc, "kind": kind,
                               "true_deaths": 0, "reported_deaths": 0,
                               "employer_uscc": e.uscc, "occurred_on": when.date()})
        return iid

    def add_inc_person(self, iid: str, p: Person, outcome: str, reported: str | None) -> None:
        self.inc_persons.append({"incident_id": iid, "person_id": p.pid, "outcome": outcome,
                                 "reported_outcome": reported})
        inc = self.incidents[int(iid[3:]) - 1]
        if outcome == "death":
            inc["true_deaths"] += 1
            self.add_death(p, "incident", iid)
        if reported == "death":
            inc["reported_deaths"] += 1

    def new_accident(self, e: Ent, when: datetime, atype: str) -> Accident:
        r = self.r
        slash = e.city in ("1410", "1411", "1409")
        late = r.random() < 0.05

        def dt(x: datetime, secs: bool) -> str:
            head = f"{x.year}/{x.month}/{x.day}" if slash else f"{x:%Y-%m-%d}"
            return f"{head} {x:%H:%M:%S}" if secs else f"{head} {x:%H:%M}"

        rep = when + (timedelta(hours=r.randint(5, 60)) if late
                      else timedelta(minutes=r.randint(15, 150)))
        c = self.county[e.region]
        place = {"coal_mining": f"{e.name}井下{r.choice(['+560', '+620', '+780', '-120'])}水平"
                                f"{r.randint(1, 30)}0{r.randint(1, 9)}工作面",
                 "construction": f"{r.choice(TRADE)}小区{r.randint(1, 30)}号楼施工工地",
                 "transport": f"{r.choice(geo.ROADS)}K{r.randint(1, 400)}+{r.randint(0, 999)}处",
                 "non_coal_mining": f"{e.name}{r.choice(['露天采场', '井下采区', '排土场'])}"}
        addr = f"{c.city_name}{c.name}{r.choice(geo.TOWNS)}" + place.get(
            e.industry, f"{e.name}厂区{r.choice(['一', '二', '三', '东', '西'])}车间")
        row = {"occurred_at": dt(when, False), "reported_at": dt(rep, r.random() < 0.5),
               "region_code": e.region, "address": addr,
               "enterprise_name": self.ent_name_as_written(e, 0.05),
               "enterprise_uscc": self.uscc_as_written(e, 0.08, 0.04),
               "industry": e.industry, "accident_type": atype}
        acc = Accident(when, row)
        self.accidents.append(acc)
        return acc

    def close_accident(self, acc: Accident, deaths: int, serious: int, minor: int) -> None:
        r = self.r
        loss = deaths * r.uniform(120, 260) + serious * r.uniform(10, 60) + \
            minor * r.uniform(1, 5) + r.uniform(2, 150)
        acc.row.update({"reported_deaths": deaths, "reported_serious_injuries": serious,
                        "reported_minor_injuries": minor,
                        "direct_loss_10k_yuan": round(loss, 2) if r.random() > 0.15 else None})

    def diag_for(self, atype: str, e: Ent) -> tuple[str, str]:
        r = self.r
        diags, exts = TYPE_ICD[atype]
        ext = r.choice(ROAD_V) if atype == "vehicle" and e.industry == "transport" \
            else r.choice(exts)
        return r.choice(diags), ext

    def treat_honest(self, p: Person, e: Ent, enrolled: bool, when: datetime, atype: str,
                     outcome: str, *, late_death_day: int | None = None) -> None:
        """The records an openly reported casualty leaves."""
        r = self.r
        d = when.date()
        diag, ext = self.diag_for(atype, e)
        c = self.county[e.region]
        hosp = self.local_hospital(c.code)
        third = p.pid in self.third_party
        payer = "work_injury_insurance" if enrolled and r.random() < 0.65 else r.choice(
            ["self_pay", "employee_insurance", "commercial"])
        emp_name = e.short if r.random() < 0.7 and not third else None
        if third:
            payer = r.choice(["commercial", "commercial", "resident_insurance", "self_pay"])
        arrive = when + timedelta(minutes=r.randint(30, 150))
        death = d
        died_in_hosp = False
        if outcome == "death" and late_death_day is None:
            x = r.random()
            if x < 0.3:
                self.emit_med(p, hosp, arrive, arrive + timedelta(minutes=r.randint(10, 90)),
                              diag, ext, "died", payer, emp_name, er=True)
                died_in_hosp = True
            elif x < 0.55:
                k = r.randint(0, 6)
                death = d + timedelta(days=k)
                self.emit_med(p, hosp, arrive, arrive + timedelta(days=k, hours=r.randint(1, 20)),
                              diag, ext, "died", payer, emp_name)
                died_in_hosp = True
        elif outcome == "death" or outcome == "serious_injury":
            h2 = self.city_hospital(c.city) if hosp.level == 1 else self.prov_hospital()
            total = late_death_day if late_death_day is not None else r.randint(14, 60)
            if r.random() < 0.5:
                mid = arrive + timedelta(hours=r.randint(3, 30))
                self.emit_med(p, hosp, arrive, mid, diag, ext, "transferred", payer, emp_name)
                t2 = mid + timedelta(hours=r.randint(1, 4))
                hosp = h2
            else:
                t2 = arrive
            end = datetime.combine(d + timedelta(days=total), datetime.min.time()) + \
                timedelta(minutes=r.randint(0, 1439))
            end = max(end, t2 + timedelta(hours=2))
            disp = "died" if late_death_day is not None else "discharged"
            self.emit_med(p, hosp, t2, end, diag, ext, disp, payer, emp_name)
            if late_death_day is not None:
                death, died_in_hosp = end.date(), True
        else:  # minor injury
            if r.random() < 0.85:
                self.emit_med(p, hosp, arrive, arrive + timedelta(days=r.randint(0, 9),
                                                                  hours=r.randint(1, 10)),
                              r.choice(["S60.2", "S80.0", "S01.8", "T14.0", "S93.4"]), ext,
                              "discharged", payer, emp_name, er=r.random() < 0.5)
        claim_p = (0.9 if enrolled else 0.4) if outcome != "minor_injury" else \
            (0.7 if enrolled else 0.2)
        if third:
            claim_p = 0.0
        desc = r.choice(TYPE_DESC[atype])
        if outcome == "death" or late_death_day is not None:
            desc += "，经抢救无效死亡"
            self.emit_dereg(p, death, r.choice([None, "交通事故", "意外"]) if third else
                            r.choice([None, "工伤", "意外", "事故", "工亡"]))
            self.end_spell(p, death)
            if p.local or r.random() < 0.6:
                fh = self.home_fh(p.hukou if p.local else e.region)
                lag = r.choices([2, 3, 5, 7, 10, 15, 25], weights=[5, 15, 25, 25, 15, 10, 5])[0]
                cert = "hospital" if died_in_hosp else r.choice(["police", "other", "police"])
                origin = hosp.name if died_in_hosp else r.choice([e.name, "殡仪馆接运", None])
                self.emit_crem(p, death, fh, lag, r.choice(INJURY_CAUSE), cert, origin)
        if r.random() < claim_p:
            app = death + timedelta(days=r.randint(3, 30) if enrolled else r.randint(30, 250))
            if outcome == "death" or late_death_day is not None:
                oc = "death"
            elif outcome == "serious_injury":
                graded = d + timedelta(days=150) <= EXTRACT
                oc = r.choice(["disability_1", "disability_2", "disability_3", "disability_4",
                               "disability_4", "disability_5", "disability_6"]) if graded \
                    else "injury"
            else:
                oc = r.choice(["injury", "disability_10", "disability_9", "injury"])
            self.emit_claim(p, e, d, app, r.randint(15, 60), oc, desc)

    def conceal_body(self, p: Person, e: Ent, d: date, *, er_hosp: geo.Place | None = None,
                     claim_p: float = 0.08, atype: str = "roof_fall") -> None:
        """What a concealer makes of a body: illness on the paper, a fast cremation, often far
        away, no hospital certificate, a private settlement so no claim."""
        r = self.r
        rec_shift = 1 if r.random() < 0.3 else 0
        cause: str | None
        cert: str | None
        origin: str | None
        if (p.local or r.random() < 0.5) and r.random() < 0.92:
            far = r.random() < 0.5
            fh = self.far_fh(p.hukou[:4], e.city) if far else self.home_fh(
                p.hukou if p.local else e.region)
            lag = r.choices([0, 1, 2, 3, 4], weights=[30, 45, 15, 6, 4])[0] + rec_shift
            if er_hosp is not None:
                cause, cert, origin = r.choice(["多发伤", "颅脑损伤", None]), "hospital", \
                    er_hosp.name
            else:
                cause = r.choice([*ILLNESS_COVER, None])
                cert = r.choices(["community", "other", None, "hospital"],
                                 weights=[45, 30, 20, 5])[0]
                origin = r.choices(["家中", self.village(p.hukou if p.local else e.region),
                                    None], weights=[45, 30, 25])[0]
            self.emit_crem(p, d, fh, lag, cause, cert, origin, shift=rec_shift)
        if r.random() < 0.85:
            self.emit_dereg(p, d + timedelta(days=rec_shift),
                            r.choices([None, "病故", "意外"], weights=[55, 35, 10])[0])
        if r.random() < claim_p:  # a family that will not settle
            self.emit_claim(p, e, d, d + timedelta(days=r.randint(60, 300)), r.randint(30, 90),
                            "death", r.choice(TYPE_DESC[atype]) + "，经抢救无效死亡")

    def end_spell(self, p: Person, d: date, *, backdate: bool = False) -> None:
        """A death ends the open enrolment spell: contributions stop weeks later, or - the
        concealer's way - the spell is closed as of a day before the death."""
        r = self.r
        for rec in self.spells.get(p.pid, []):
            if rec.row["end_date"] is None:
                x = r.random()
                if backdate and x < 0.45:
                    rec.row["end_date"] = d - timedelta(days=r.randint(1, 20))
                elif x < 0.8:
                    end = d + timedelta(days=r.randint(5, 40))
                    rec.row["end_date"] = end if end <= EXTRACT else None
                break

    def end_spell_backdated(self, p: Person, e: Ent, d: date) -> None:
        self.end_spell(p, d, backdate=True)

    def when(self, e: Ent) -> datetime:
        r = self.r
        d = self.day()
        hour = r.randrange(24) if e.industry in ("coal_mining", "non_coal_mining",
                                                 "hazardous_chemicals", "metallurgy") \
            else r.choice([7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18, 20, 22])
        return datetime.combine(d, datetime.min.time()) + timedelta(hours=hour,
                                                                    minutes=r.randrange(60))

    def casualty(self, e: Ent, atype: str) -> tuple[Person, bool]:
        """A worker, or for a road-transport crash sometimes a third party."""
        r = self.r
        if e.industry == "transport" and r.random() < 0.45:
            p = self.new_person(age=(5, 80), male_share=0.55)
            self.busy.add(p.pid)
            self.third_party.add(p.pid)
            return p, False
        return self.take_worker(e, r.random() < ENROLLED[e.industry])

    def reported_accidents(self) -> None:
        r = self.r
        for _ in range(self.n(220, 4)):
            e = self.pick_ent(ACC_INDUSTRY)
            atype = r.choices(list(ACC_TYPES[e.industry]),
                              weights=list(ACC_TYPES[e.industry].values()))[0]
            when = self.when(e)
            deaths = r.choices([0, 1, 2, 3, 4, 5, 6, 7, 9, 11],
                               weights=[30, 50, 11, 4, 1.5, 1, 0.5, 0.8, 0.7, 0.5])[0]
            serious = r.choices([0, 1, 2, 3, 5], weights=[55, 25, 10, 6, 4])[0]
            minor = r.choices([0, 1, 2, 4], weights=[60, 20, 12, 8])[0]
            if deaths + serious + minor == 0:
                serious = 1
            acc = self.new_accident(e, when, atype)
            iid = self.new_incident("reported", e, when, acc)
            for outcome, k in (("death", deaths), ("serious_injury", serious),
                               ("minor_injury", minor)):
                for _ in range(k):
                    p, enrolled = self.casualty(e, atype)
                    self.emit_victim(acc, p, outcome, when.date())
                    self.add_inc_person(iid, p, outcome, outcome)
                    self.treat_honest(p, e, enrolled, when, atype, outcome)
            unnamed_minor = r.choice([0, 0, 0, 0, 1, 2]) if minor else 0
            for _ in range(unnamed_minor):  # counted in the report, not named
                p, enrolled = self.casualty(e, atype)
                self.add_inc_person(iid, p, "minor_injury", None)
                self.treat_honest(p, e, enrolled, when, atype, "minor_injury")
            self.close_accident(acc, deaths, serious, minor + unnamed_minor)

    def under_reported(self) -> None:
        r = self.r
        n_grade, n_late, n_imp = self.n(15, 1), self.n(10, 1), self.n(5, 1)
        for i in range(n_grade):
            line = 29 if i % 10 == 9 else 9 if i % 3 == 2 else 2
            true = {2: r.randint(3, 6), 9: r.randint(10, 13), 29: r.randint(31, 35)}[line]
            e = self.pick_ent({"coal_mining": 6, "non_coal_mining": 2, "hazardous_chemicals": 1,
                               "construction": 1})
            atype = r.choice(["gas_explosion", "flooding", "roof_fall", "poisoning_asphyxiation"]
                             if e.industry == "coal_mining" else
                             ["collapse", "explosion", "poisoning_asphyxiation"])
            when = self.when(e)
            acc = self.new_accident(e, when, atype)
            iid = self.new_incident("under_reported", e, when, acc)
            serious = r.randint(0, 3)
            as_injured = r.random() < 0.35  # one hidden death written up as an injury
            for j in range(true):
                p, enrolled = self.take_worker(e, r.random() < 0.6)
                if j < line:
                    self.emit_victim(acc, p, "death", when.date())
                    self.add_inc_person(iid, p, "death", "death")
                    self.treat_honest(p, e, enrolled, when, atype, "death")
                else:
                    rep = None
                    if as_injured and j == line:
                        rep = "serious_injury"
                        self.emit_victim(acc, p, rep, when.date())
                    self.add_inc_person(iid, p, "death", rep)
                    self.conceal_body(p, e, when.date(), atype=atype)
                    if enrolled:
                        self.end_spell_backdated(p, e, when.date())
            for _ in range(serious):
                p, enrolled = self.take_worker(e, r.random() < 0.6)
                self.emit_victim(acc, p, "serious_injury", when.date())
                self.add_inc_person(iid, p, "serious_injury", "serious_injury")
                self.treat_honest(p, e, enrolled, when, atype, "serious_injury")
            self.close_accident(acc, line, serious + (1 if as_injured else 0), 0)
            self.variants[f"grade_line_{line}"] = self.variants.get(f"grade_line_{line}", 0) + 1
        for i in range(n_late):
            e = self.pick_ent({"transport": 3, "hazardous_chemicals": 2, "construction": 2,
                               "coal_mining": 2, "metallurgy": 1})
            atype = "vehicle" if e.industry == "transport" else "fire" if (
                e.industry == "hazardous_chemicals" and i % 2 == 0) else r.choice(
                list(ACC_TYPES[e.industry]))
            window = 7 if atype == "fire" or (atype == "vehicle" and e.industry == "transport") \
                else 30
            when = self.when(e)
            acc = self.new_accident(e, when, atype)
            iid = self.new_incident("under_reported", e, when, acc)
            deaths, serious = r.choice([0, 1, 1, 2]), r.randint(1, 3)
            for _ in range(deaths):
                p, enrolled = self.casualty(e, atype)
                self.emit_victim(acc, p, "death", when.date())
                self.add_inc_person(iid, p, "death", "death")
                self.treat_honest(p, e, enrolled, when, atype, "death")
            for j in range(serious):
                p, enrolled = self.casualty(e, atype)
                self.emit_victim(acc, p, "serious_injury", when.date())
                late = r.randint(2, window - 1) if j == 0 else None
                self.add_inc_person(iid, p, "death" if late else "serious_injury",
                                    "serious_injury")
                self.treat_honest(p, e, enrolled, when, atype, "serious_injury",
                                  late_death_day=late)
            self.close_accident(acc, deaths, serious, 0)
            self.variants["late_death"] = self.variants.get("late_death", 0) + 1
        for _ in range(n_imp):
            e = self.pick_ent({"coal_mining": 3, "non_coal_mining": 1})
            atype = r.choice(["roof_fall", "gas_explosion", "flooding"])
            true = r.randint(2, 4)
            when = self.when(e)
            acc = self.new_accident(e, when, atype)
            iid = self.new_incident("under_reported", e, when, acc)
            for j in range(true):
                if j == 0:  # worked under a relative's papers; named under them
                    p = self.new_person(age=(45, 62), region=self.pick_county(e.city).code,
                                        sex="M")
                    self.busy.add(p.pid)
                    owner = self.new_person(age=(35, 50), sex=p.sex, region=p.hukou)
                    self.busy.add(owner.pid)
                    start = W_START - timedelta(days=r.randint(100, 1500))
                    self.emit_spell(p, e, start, None, id_override=(owner.id18, "borrowed"),
                                    name_override=owner.name)
                    self.emit_victim(acc, p, "death", when.date(), borrowed=owner)
                    self.add_inc_person(iid, p, "death", "death")
                    self.conceal_body(p, e, when.date(), claim_p=0.0, atype=atype)
                elif j < true - 1:
                    p, enrolled = self.take_worker(e, True)
                    self.emit_victim(acc, p, "death", when.date())
                    self.add_inc_person(iid, p, "death", "death")
                    self.treat_honest(p, e, enrolled, when, atype, "death")
                else:
                    p, enrolled = self.take_worker(e, r.random() < 0.5)
                    self.add_inc_person(iid, p, "death", None)
                    self.conceal_body(p, e, when.date(), atype=atype)
            self.close_accident(acc, true - 1, 0, 0)
            self.variants["impersonation"] = self.variants.get("impersonation", 0) + 1

    def concealed(self) -> None:
        plan = [("illness", self.n(20, 1)), ("staged_traffic", self.n(8, 1)),
                ("multi", self.n(10, 1)), ("injury_only", self.n(8, 1)),
                ("body_home", self.n(5, 0))]
        for variant, count in plan:
            for i in range(count):
                self.variants[variant] = self.variants.get(variant, 0) + 1
                getattr(self, f"conceal_{variant}")(i)

    def conceal_illness(self, i: int) -> None:
        r = self.r
        e = self.pick_ent({"coal_mining": 5, "non_coal_mining": 2, "construction": 2,
                           "hazardous_chemicals": 1})
        atype = r.choice(list(ACC_TYPES[e.industry]))
        when = self.when(e)
        iid = self.new_incident("concealed", e, when, None)
        p, enrolled = self.take_worker(e, r.random() < 0.55)
        self.add_inc_person(iid, p, "death", None)
        er = None
        if r.random() < 0.25:
            er = self.local_hospital(self.pick_county(e.city).code)
            diag, ext = self.diag_for(atype, e)
            ext_w: str | None = r.choice([None, None, ext[:3] + ".9", ext])
            t = when + timedelta(minutes=r.randint(40, 180))
            self.emit_med(p, er, t, t + timedelta(minutes=r.randint(5, 60)), diag, ext_w, "died",
                          "self_pay", None, er=True)
        self.conceal_body(p, e, when.date(), er_hosp=er, atype=atype)
        if enrolled:
            self.end_spell_backdated(p, e, when.date())

    def conceal_staged_traffic(self, i: int) -> None:
        r = self.r
        e = self.pick_ent({"coal_mining": 3, "non_coal_mining": 1})
        when = self.when(e)
        iid = self.new_incident("concealed", e, when, None)
        p, enrolled = self.take_worker(e, r.random() < 0.7)
        self.add_inc_person(iid, p, "death", None)
        road = f"{r.choice(geo.ROADS)}K{r.randint(1, 300)}+{r.randint(0, 999)}处"
        hosp = self.local_hospital(self.pick_county(e.city).code)
        t = when + timedelta(hours=r.randint(2, 6))
        self.emit_med(p, hosp, t, t + timedelta(minutes=r.randint(10, 80)),
                      r.choice(["S06.5", "S27.3", "T06.8"]), r.choice(["V28.4", "V23.4", "V29.4"]),
                      "died", r.choice(["self_pay", "resident_insurance"]), None, er=True)
        d = t.date()
        self.emit_dereg(p, d, r.choice(["交通事故", "意外", None]))
        if p.local or r.random() < 0.5:
            self.emit_crem(p, d, self.home_fh(p.hukou if p.local else e.region),
                           r.randint(1, 4), r.choice(["交通事故", "颅脑损伤", "车祸"]), "police",
                           road)
        if enrolled:
            self.end_spell_backdated(p, e, d)

    def conceal_multi(self, i: int) -> None:
        r = self.r
        e = self.pick_ent({"coal_mining": 5, "non_coal_mining": 2, "construction": 2,
                           "hazardous_chemicals": 2})
        atype = {"coal_mining": r.choice(["gas_explosion", "flooding", "roof_fall",
                                          "poisoning_asphyxiation"]),
                 "non_coal_mining": r.choice(["collapse", "explosion", "roof_fall"]),
                 "construction": r.choice(["collapse", "poisoning_asphyxiation"]),
                 "hazardous_chemicals": r.choice(["poisoning_asphyxiation", "explosion"])
                 }[e.industry]
        when = self.when(e)
        iid = self.new_incident("concealed", e, when, None)
        dead, hurt = r.randint(2, 5), r.randint(0, 3)
        other_city = self.other_city(e.city)
        hosp = self.local_hospital(self.pick_county(other_city).code) if r.random() < 0.5 \
            else self.city_hospital(other_city)
        for j in range(dead + hurt):
            p, enrolled = self.take_worker(e, r.random() < 0.45)
            diag, ext = self.diag_for(atype, e)
            ext_w = r.choices([ext, ext[:3] + ".9", None], weights=[30, 30, 40])[0]
            t = when + timedelta(hours=r.randint(1, 8))
            emp = e.short if r.random() < 0.1 else None
            if j < dead:
                self.add_inc_person(iid, p, "death", None)
                er = None
                if r.random() < 0.2:
                    er = hosp
                    self.emit_med(p, hosp, t, t + timedelta(minutes=r.randint(5, 90)), diag,
                                  ext_w, "died", "self_pay", emp, er=True)
                self.conceal_body(p, e, when.date(), er_hosp=er, claim_p=0.05, atype=atype)
                if enrolled:
                    self.end_spell_backdated(p, e, when.date())
            else:
                self.add_inc_person(iid, p, "serious_injury", None)
                payer = r.choices(["self_pay", "commercial", "resident_insurance"],
                                  weights=[70, 20, 10])[0]
                end = t + timedelta(days=r.randint(15, 45), hours=r.randint(0, 10))
                self.emit_med(p, hosp, t, end, diag, ext_w, "discharged", payer, emp)
                if r.random() < 0.1:
                    self.emit_claim(p, e, when.date(), when.date() + timedelta(
                        days=r.randint(60, 300)), r.randint(30, 90), "injury",
                        r.choice(TYPE_DESC[atype]))

    def conceal_injury_only(self, i: int) -> None:
        r = self.r
        e = self.pick_ent({"fireworks": 2, "construction": 3, "manufacturing": 3,
                           "non_coal_mining": 1, "metallurgy": 1})
        atype = r.choice(list(ACC_TYPES[e.industry]))
        when = self.when(e)
        iid = self.new_incident("concealed", e, when, None)
        k = r.randint(2, 4) if i % 2 == 0 else 1
        hosp = self.city_hospital(e.city) if r.random() < 0.6 else self.local_hospital(
            self.pick_county(e.city).code)
        for _ in range(k):
            p, enrolled = self.take_worker(e, r.random() < 0.5)
            self.add_inc_person(iid, p, "serious_injury", None)
            diag, ext = self.diag_for(atype, e)
            ext_w = r.choices([ext, ext[:3] + ".9", None], weights=[40, 25, 35])[0]
            t = when + timedelta(minutes=r.randint(30, 240))
            payer = r.choices(["self_pay", "commercial", "employee_insurance"],
                              weights=[55, 25, 20])[0]
            emp = e.short if r.random() < 0.3 else None
            if r.random() < 0.4:
                mid = t + timedelta(hours=r.randint(3, 30))
                self.emit_med(p, hosp, t, mid, diag, ext_w, "transferred", payer, emp)
                h2 = self.prov_hospital()
                t = mid + timedelta(hours=r.randint(1, 4))
                self.emit_med(p, h2, t, t + timedelta(days=r.randint(10, 40)), diag, ext_w,
                              "discharged", payer, emp)
            else:
                self.emit_med(p, hosp, t, t + timedelta(days=r.randint(14, 50)), diag, ext_w,
                              "discharged", payer, emp)
            if enrolled and r.random() < 0.15:
                self.emit_claim(p, e, when.date(), when.date() + timedelta(
                    days=r.randint(40, 300)), r.randint(30, 90), "injury",
                    r.choice(TYPE_DESC[atype]))

    def conceal_body_home(self, i: int) -> None:
        """A migrant's body driven back to his home province the same night."""
        r = self.r
        e = self.pick_ent({"coal_mining": 3, "construction": 2, "non_coal_mining": 1})
        atype = r.choice(list(ACC_TYPES[e.industry]))
        when = self.when(e)
        iid = self.new_incident("concealed", e, when, None)
        p = self.new_person(age=(22, 55), migrant=True, male_share=0.97)
        self.busy.add(p.pid)
        if r.random() < 0.5:
            self.emit_spell(p, e, W_START - timedelta(days=r.randint(30, 600)),
                            when.date() - timedelta(days=r.randint(0, 10)))
        self.add_inc_person(iid, p, "death", None)
        if r.random() < 0.5:
            diag, ext = self.diag_for(atype, e)
            hosp = self.local_hospital(e.region)
            t = when + timedelta(minutes=r.randint(40, 120))
            self.emit_med(p, hosp, t, t + timedelta(minutes=r.randint(5, 40)), diag,
                          r.choice([ext, None]), "died", "self_pay", None, er=True)

    # ---------------------------------------------------------------- output
    def assign_ids(self) -> None:
        seq: dict[str, int] = {}

        def nxt(k: str) -> int:
            seq[k] = seq.get(k, 0) + 1
            return seq[k]

        self.accidents.sort(key=lambda a: (a.occurred, a.row["region_code"]))
        for a in self.accidents:
            k = f"SG{a.row['region_code']}{a.occurred:%Y%m%d}"
            a.record_id = f"{k}{nxt(k):02d}"
            a.victims.sort(key=lambda v: v.key)
            for i, v in enumerate(a.victims, 1):
                v.row = {"record_id": f"{a.record_id}-{i:02d}", "accident_id": a.record_id,
                         **v.row}
        for src, recs in self.recs.items():
            recs.sort(key=lambda x: x.key)
            for rec in recs:
                if src == "deregistrations":
                    d = rec.key[0]
                    k = f"ZX{rec.group}{d:%Y%m}"
                    rid = f"{k}{nxt(k):04d}"
                elif src == "cremations":
                    d = rec.key[0]
                    k = f"{rec.group}-{d:%Y}"
                    rid = f"{k}{nxt(k):05d}"
                elif src == "injury_claims":
                    d = rec.key[0]
                    cname = geo.CITIES[rec.group][0][:-1]
                    k = f"{cname}人社工认〔{d:%Y}〕"
                    rid = f"{k}{nxt(k):04d}号"
                elif src == "medical_records":
                    k = f"{rec.group}-{rec.key[0]:%y}"
                    rid = f"{k}{nxt(k):06d}"
                else:
                    rid = f"SB{nxt('SB'):09d}"
                rec.row = {"record_id": rid, **rec.row}

    def frames(self) -> tuple[dict[str, pl.DataFrame], dict[str, pl.DataFrame], dict[str, Any]]:
        self.assign_ids()
        s = pl.String
        schemas: dict[str, dict[str, Any]] = {
            "accidents": {c: s for c in COLUMNS["accidents"]} | {
                "reported_deaths": pl.Int64, "reported_serious_injuries": pl.Int64,
                "reported_minor_injuries": pl.Int64, "direct_loss_10k_yuan": pl.Float64},
            "accident_victims": {c: s for c in COLUMNS["accident_victims"]} | {"age": pl.Int64},
            "deregistrations": {c: s for c in COLUMNS["deregistrations"]},
            "cremations": {c: s for c in COLUMNS["cremations"]} | {"age": pl.Int64},
            "injury_claims": {c: s for c in COLUMNS["injury_claims"]},
            "medical_records": {c: s for c in COLUMNS["medical_records"]} | {
                "age": pl.Int64, "admitted_at": pl.Datetime("us"),
                "discharged_at": pl.Datetime("us")},
            "employment": {c: s for c in COLUMNS["employment"]} | {
                "start_date": pl.Date, "end_date": pl.Date},
            "enterprises": {"uscc": s, "name": s, "industry": s, "region_code": s,
                            "high_risk": pl.Boolean},
        }
        rows: dict[str, list[dict[str, Any]]] = {
            "accidents": [{"record_id": a.record_id, **a.row} for a in self.accidents],
            "accident_victims": [v.row for a in self.accidents for v in a.victims],
            "enterprises": sorted(({"uscc": e.uscc, "name": e.name, "industry": e.industry,
                                    "region_code": e.region, "high_risk": e.high_risk}
                                   for e in self.ents), key=lambda x: x["uscc"]),
        }
        for src, recs in self.recs.items():
            rows[src] = [rec.row for rec in recs]
        out = {src: pl.DataFrame(rows[src], schema={c: schemas[src][c] for c in COLUMNS[src]})
               for src in COLUMNS}
        rp: list[tuple[str, str, str]] = []
        kinds: dict[str, list[tuple[str, str]]] = {}
        for a in self.accidents:
            for v in a.victims:
                rp.append(("accident_victims", v.row["record_id"], v.pid))
                kinds.setdefault("accident_victims", []).append((v.row["record_id"],
                                                                 v.idkind or "clean"))
        for src, recs in self.recs.items():
            for rec in recs:
                rp.append((src, rec.row["record_id"], rec.pid))
                kinds.setdefault(src, []).append((rec.row["record_id"], rec.idkind or "clean"))
        acc_id = {id(a): a.record_id for a in self.accidents}
        inc = pl.DataFrame(
            [{"incident_id": i["incident_id"],
              "accident_record_id": acc_id[id(i["acc"])] if i["acc"] is not None else None,
              "kind": i["kind"], "true_deaths": i["true_deaths"],
              "reported_deaths": i["reported_deaths"], "employer_uscc": i["employer_uscc"],
              "occurred_on": i["occurred_on"]} for i in self.incidents],
            schema={"incident_id": s, "accident_record_id": s, "kind": s,
                    "true_deaths": pl.Int64, "reported_deaths": pl.Int64,
                    "employer_uscc": s, "occurred_on": pl.Date})
        truth = {
            "record_person": pl.DataFrame(rp, schema={"source": s, "record_id": s,
                                                      "person_id": s}, orient="row"),
            "incidents": inc,
            "incident_person": pl.DataFrame(self.inc_persons, schema={
                "incident_id": s, "person_id": s, "outcome": s, "reported_outcome": s}),
            "deaths": pl.DataFrame([(pid, c, i) for pid, (c, i) in sorted(self.deaths.items())],
                                   schema={"person_id": s, "death_class": s,
                                           "incident_id": s}, orient="row"),
        }
        kinds_by_kind = {k: sorted(v) for k, v in kinds.items()}
        return out, truth, kinds_by_kind


def write(out: Path, frames: dict[str, pl.DataFrame], truth: dict[str, pl.DataFrame]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "truth").mkdir(exist_ok=True)
    for src, df in frames.items():
        enc = FORMATS[src]
        if enc == "parquet":
            df.write_parquet(out / f"{src}.parquet", statistics=False)
            continue
        crlf = enc == "gb18030"
        text = df.write_csv(line_terminator="\r\n" if crlf else "\n", float_precision=2)
        data = text.encode("gb18030") if enc == "gb18030" else text.encode("utf-8")
        if enc == "utf-8-sig":
            data = b"\xef\xbb\xbf" + data
        (out / f"{src}.csv").write_bytes(data)
    for name, df in truth.items():
        df.write_parquet(out / "truth" / f"{name}.parquet", statistics=False)


def generate(out: Path, scale: float = 0.2, seed: int = 1) -> dict[str, Any]:
    """Write one synthetic Shanxi quarter into ``out``; return its statistics."""
    t0 = time.perf_counter()
    w = World(scale, seed)
    w.build_enterprises()
    w.build_employment()
    w.reported_accidents()
    w.under_reported()
    w.concealed()
    w.sudden_death_claims()
    w.commute_deaths()
    w.worker_natural_deaths()
    w.natural_deaths()
    w.nonocc_deaths()
    w.declared_dead()
    w.ordinary_claims()
    w.background_injuries()
    frames, truth, kinds = w.frames()
    write(Path(out), frames, truth)
    inc = truth["incidents"]
    ip = truth["incident_person"].join(inc.select("incident_id", "kind"), on="incident_id")
    hidden = ip.filter((pl.col("kind") != "reported") & (pl.col("outcome") == "death")
                       & (pl.col("reported_outcome").is_null()
                          | (pl.col("reported_outcome") != "death"))).height
    deaths = truth["deaths"]
    return {
        "scale": scale, "seed": seed, "province": "14",
        "window": [W_START.isoformat(), W_END.isoformat()], "extracted": EXTRACT.isoformat(),
        "rows": {src: df.height for src, df in frames.items()},
        "formats": dict(FORMATS),
        "incidents": dict(sorted(inc.group_by("kind").len().iter_rows())),
        "variants": dict(sorted(w.variants.items())),
        "hidden_deaths": hidden,
        "deaths": dict(sorted(deaths.group_by("death_class").len().iter_rows())),
        "persons": len(w.persons),
        "id_kinds": kinds,
        "seconds": round(time.perf_counter() - t0, 2),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--scale", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    stats = generate(a.out, a.scale, a.seed)
    kinds = stats.pop("id_kinds")
    stats["id_kinds"] = {src: dict(sorted(_count(k for _, k in v).items()))
                         for src, v in kinds.items()}
    stats["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(stats, ensure_ascii=False))
    return 0


def _count(xs: Any) -> dict[str, int]:
    out: dict[str, int] = {}
    for x in xs:
        out[x] = out.get(x, 0) + 1
    return out


if __name__ == "__main__":
    sys.exit(main())
