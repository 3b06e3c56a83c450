"""Code pools and free texts: ICD-10 injury diagnoses and external causes (place digit added
where ICD-10 has one), causes of death as police, certificates and families write them, and
work-injury claim descriptions."""

from __future__ import annotations

import numpy as np

ACCIDENT_TYPES_BY_INDUSTRY: dict[str, dict[str, float]] = {
    "coal_mining": {"roof_fall": .30, "gas_explosion": .10, "poisoning_asphyxiation": .12,
                    "flooding": .06, "vehicle": .12, "machinery": .08, "electrocution": .04,
                    "fire": .02, "struck_by_object": .07, "explosion": .03, "other": .06},
    "non_coal_mining": {"roof_fall": .22, "collapse": .15, "explosion": .08, "vehicle": .15,
                        "fall_from_height": .10, "machinery": .10, "struck_by_object": .12,
                        "poisoning_asphyxiation": .04, "flooding": .04},
    "hazardous_chemicals": {"poisoning_asphyxiation": .30, "explosion": .14, "burn": .20,
                            "fire": .10, "fall_from_height": .09, "machinery": .09,
                            "other": .08},
    "metallurgy": {"burn": .35, "explosion": .12, "machinery": .15, "lifting": .15,
                   "poisoning_asphyxiation": .10, "electrocution": .05, "fall_from_height": .08},
    "construction": {"fall_from_height": .35, "collapse": .20, "struck_by_object": .15,
                     "lifting": .10, "machinery": .07, "vehicle": .05, "electrocution": .05,
                     "explosion": .03},
    "transport": {"vehicle": .96, "other": .04},
    "fireworks": {"explosion": .80, "fire": .10, "burn": .10},
    "manufacturing": {"machinery": .40, "struck_by_object": .15, "lifting": .10, "burn": .10,
                      "electrocution": .08, "fall_from_height": .10, "other": .07},
    "other": {"fall_from_height": .35, "electrocution": .20, "poisoning_asphyxiation": .15,
              "struck_by_object": .15, "other": .15},
}
MASS_TYPES: dict[str, list[str]] = {
    "coal_mining": ["gas_explosion", "gas_explosion", "poisoning_asphyxiation", "flooding", "fire"],
    "non_coal_mining": ["flooding", "collapse", "explosion"],
    "fireworks": ["explosion"], "construction": ["collapse"],
    "hazardous_chemicals": ["explosion", "poisoning_asphyxiation"],
    "metallurgy": ["explosion", "burn"], "transport": ["vehicle"],
}

DX: dict[str, list[str]] = {
    "roof_fall": ["S06.5", "S06.6", "S32.0", "S22.4", "T07", "S72.0", "S02.1", "T04.7", "S36.1"],
    "gas_explosion": ["T29.3", "T31.4", "T71", "T58", "T27.3", "T07"],
    "flooding": ["T75.1", "T71", "T07"],
    "fall_from_height": ["S06.5", "S06.3", "S32.0", "S12.2", "T07", "S72.3", "S22.4", "S27.3"],
    "struck_by_object": ["S02.0", "S06.5", "S06.3", "S22.4", "S42.2", "T07"],
    "machinery": ["S68.1", "S68.0", "S62.6", "S57.8", "T07", "S38.1", "S67.8"],
    "electrocution": ["T75.4", "T29.2"],
    "poisoning_asphyxiation": ["T59.6", "T59.9", "T58", "T71", "T57.1"],
    "vehicle": ["S06.5", "S27.0", "S36.1", "T07", "S72.3", "S32.5", "S06.2"],
    "lifting": ["T04.7", "S32.5", "S06.5", "S72.3", "T07"],
    "collapse": ["T71", "T04.7", "S32.0", "S06.5", "T07", "T79.5"],
    "fire": ["T29.3", "T31.5", "T27.3", "T58"],
    "explosion": ["T29.3", "T31.4", "S05.7", "T07", "S06.5"],
    "burn": ["T29.3", "T24.3", "T22.3", "T31.3", "T20.3"],
    "other": ["T14.9", "T07", "S06.9"],
}
EXT: dict[str, list[str]] = {
    "roof_fall": ["W20", "W20", "W77"], "gas_explosion": ["W40", "X08", "X47"],
    "flooding": ["W73", "W74"], "fall_from_height": ["W12", "W13", "W17"],
    "struck_by_object": ["W20"], "machinery": ["W31", "W24", "W23"],
    "electrocution": ["W85", "W86"], "poisoning_asphyxiation": ["X47", "X49", "W81"],
    "vehicle": ["W23", "W20"], "lifting": ["W24", "W20"], "collapse": ["W20", "W77", "W23"],
    "fire": ["X00", "X08", "X09"], "explosion": ["W40", "W40", "W39"],
    "burn": ["X18", "X12", "X10"], "other": ["W49", "X59"],
}
ROAD_EXT_DRIVER = ["V67.5", "V68.5", "V47.5", "V69.4"]
ROAD_EXT_THIRD = ["V03.1", "V43.5", "V23.4", "V49.4"]
TRAFFIC_DISGUISE_EXT = ["V28.4", "V29.4", "V89.2", "V28.4"]
TRAFFIC_DISGUISE_DX = ["T71", "T58", "S32.0", "T04.7", "S06.5", "T07", "S06.5"]

# background injuries: category → (diagnoses, external causes with place, inpatient share,
# median stay in days, male share, age range)
GENERAL: dict[str, tuple[list[str], list[str], float, float, float, tuple[int, int]]] = {
    "traffic": (["S06.0", "S06.3", "S82.2", "S72.0", "S42.0", "S22.3", "S32.0", "S52.5", "T07",
                 "S02.6", "S00.8"], ["V23.4", "V28.4", "V43.5", "V03.1", "V29.4", "V89.2", "V49.4"],
                .5, 9, .65, (5, 80)),
    "fall_home": (["S72.0", "S72.1", "S32.0", "S52.5", "S06.5", "S42.2", "S22.3"],
                  ["W01.0", "W06.0", "W10.0", "W18.0", "W19.0"], .75, 13, .4, (60, 98)),
    "fall_street": (["S82.6", "S52.5", "S42.0", "S93.4", "S01.0"],
                    ["W01.4", "W10.4", "W19.4", "W01.8"], .35, 7, .5, (10, 85)),
    "cut_home": (["S61.0", "S61.9", "S01.8", "S51.8", "S81.8"],
                 ["W26.0", "W25.0", "W20.0", "W22.0"], .2, 4, .55, (3, 85)),
    "animal": (["S61.9", "S81.9", "T63.0", "S51.9"], ["W54.0", "W54.4", "X20.8", "W55.7"],
               .25, 5, .55, (3, 85)),
    "burn_home": (["T20.2", "T21.2", "T23.2", "T24.2", "T29.2"],
                  ["X10.0", "X11.0", "X12.0", "X00.0"], .5, 12, .45, (0, 90)),
    "poison_home": (["T60.0", "T58", "T42.4", "T51.0"], ["X68.0", "X47.0", "X61.0", "X45.0"],
                    .6, 5, .5, (14, 85)),
    "assault": (["S01.8", "S02.2", "S06.0", "S20.2", "S61.9"],
                ["Y04.4", "Y04.8", "X99.4", "Y00.0"], .3, 6, .8, (15, 65)),
    "farm": (["S62.6", "S82.2", "S32.0", "S22.4", "S72.3"],
             ["W30.7", "W20.7", "W14.7", "W11.7", "W55.7"], .45, 9, .65, (25, 80)),
    "sports": (["S83.5", "S93.4", "S52.5", "S42.0"], ["W03.3", "W01.3", "W21.3", "W03.2"],
               .3, 5, .7, (8, 40)),
    "house_build": (["S32.0", "S72.3", "S06.5", "S22.4", "S82.2", "S62.6"],
                    ["W13.0", "W12.0", "W20.0", "W11.0"], .6, 12, .9, (30, 72)),
    "unknown": (["T14.9", "S09.9", "T07", "S06.0"], [""], .3, 5, .6, (5, 85)),
}
GENERAL_P = {"traffic": .26, "fall_home": .18, "fall_street": .10, "cut_home": .10,
             "animal": .06, "burn_home": .04, "poison_home": .03, "assault": .06, "farm": .08,
             "sports": .03, "house_build": .03, "unknown": .03}
WORK_MINOR_DX = ["S61.0", "S61.8", "S62.6", "S62.5", "S68.1", "S05.0", "S05.1", "S92.4", "S90.3",
                 "S82.2", "S01.8", "T23.2", "T26.4", "S60.2", "S93.4", "S52.5"]
WORK_MINOR_EXT = ["W20", "W23", "W31", "W26", "W45", "W13", "W11", "X12", "W24", "W18"]

# ---- causes of death ----
DEREG_NATURAL = ["病故", "病故", "病故", "疾病死亡", "正常死亡", "正常死亡", "自然死亡", "老死", "心脏病",
                 "脑溢血", "癌症", "肺病"]
DEREG_NATURAL_YOUNG = ["病故", "病故", "猝死", "疾病", "心脏病", "脑梗", "肝癌", "突发疾病"]
DEREG_NONOCC: dict[str, list[str]] = {
    "traffic": ["交通事故", "交通事故", "车祸", "意外死亡"],
    "fall_home": ["意外", "摔伤", "意外死亡", "跌倒"], "drowning": ["溺水", "溺亡", "意外"],
    "co_home": ["一氧化碳中毒", "煤气中毒", "意外"], "suicide_pesticide": ["自杀", "服毒", "意外", "病故"],
    "suicide_hanging": ["自杀", "意外", "病故"], "electrocution_home": ["触电", "意外"],
    "farm": ["意外", "意外死亡", "摔伤"], "house_build": ["意外", "摔伤", "高处坠落"],
    "snake": ["蛇咬伤", "意外"], "fire_home": ["火灾", "烧伤", "意外"],
}
DEREG_INCIDENT = ["工伤", "意外", "工亡", "事故死亡", "安全事故", "意外死亡", "工伤死亡"]
DEREG_ILLNESS = ["病故", "猝死", "疾病", "心脏病", "突发疾病", "病故"]
CERT_NATURAL = ["呼吸循环衰竭", "多器官功能衰竭", "脑出血", "冠心病", "心肌梗死", "肺部感染",
                "慢性阻塞性肺疾病", "肺癌", "肝癌", "胃癌", "脑梗死", "病故", "猝死", "自然死亡", "衰老"]
CERT_NATURAL_MINER = ["尘肺病", "肺部感染", "心肌梗死", "猝死", "脑出血", "肝癌", "病故"]
CERT_NONOCC: dict[str, list[str]] = {
    "traffic": ["交通事故", "颅脑损伤", "多发伤", "失血性休克"],
    "fall_home": ["颅脑损伤", "股骨颈骨折并发症", "摔伤", "多器官功能衰竭"], "drowning": ["溺水"],
    "co_home": ["一氧化碳中毒"], "suicide_pesticide": ["农药中毒", "有机磷中毒"],
    "suicide_hanging": ["自缢", "窒息"], "electrocution_home": ["电击伤", "触电"],
    "farm": ["颅脑损伤", "多发伤"], "house_build": ["高坠伤", "颅脑损伤", "多发伤"],
    "snake": ["毒蛇咬伤"], "fire_home": ["烧伤", "窒息"],
}
CERT_INCIDENT: dict[str, list[str]] = {
    "roof_fall": ["颅脑损伤", "多发伤", "创伤性休克", "挤压伤"],
    "gas_explosion": ["窒息", "一氧化碳中毒", "烧伤", "爆炸伤"], "flooding": ["溺水", "窒息"],
    "fall_from_height": ["高处坠落伤", "颅脑损伤", "多发伤"], "struck_by_object": ["颅脑损伤", "多发伤"],
    "machinery": ["机械伤", "失血性休克"], "electrocution": ["电击伤", "触电"],
    "poisoning_asphyxiation": ["中毒", "窒息", "磷化氢中毒", "硫化氢中毒"],
    "vehicle": ["交通事故", "颅脑损伤", "多发伤"], "lifting": ["挤压伤", "多发伤"],
    "collapse": ["窒息", "挤压伤", "多发伤"], "fire": ["烧伤", "吸入性损伤", "窒息"],
    "explosion": ["爆炸伤", "多发伤", "烧伤"], "burn": ["烧伤", "烫伤", "大面积烧伤"],
    "other": ["多发伤", "意外"],
}
CERT_ILLNESS = ["猝死", "心源性猝死", "突发疾病", "病故", "呼吸循环衰竭"]

DESC: dict[str, list[str]] = {
    "roof_fall": ["在井下采煤工作面作业时遇顶板冒落被煤矸砸伤", "在掘进工作面作业时片帮伤及身体"],
    "gas_explosion": ["井下发生瓦斯事故致伤", "在井下作业时遇瓦斯突出受伤"],
    "flooding": ["井下透水被困受伤"], "fall_from_height": ["在高处作业时坠落受伤", "在作业平台上作业时坠落受伤"],
    "struck_by_object": ["作业时被落物砸伤", "施工时被坠落物体击中头部"],
    "machinery": ["操作设备时手部被卷入受伤", "检修机器时被机械挤伤"],
    "electrocution": ["作业中触电受伤"],
    "poisoning_asphyxiation": ["在作业时吸入有毒气体中毒", "进入有限空间作业时窒息"],
    "vehicle": ["驾驶货车运输途中发生交通事故受伤", "井下运输时被矿车挤伤"],
    "lifting": ["吊装作业时被吊物砸伤"], "collapse": ["施工中遭遇坍塌被埋压"],
    "fire": ["车间发生火灾时被烧伤"], "explosion": ["生产中发生爆炸受伤"],
    "burn": ["作业时被高温熔融物烫伤", "出炉作业时被烧伤"], "other": ["工作中受伤"],
}
DESC_MINOR = ["工作中手指被机器挤伤", "搬运材料时砸伤脚部", "作业时被铁屑溅入眼睛", "工作中被工具划伤手部",
              "作业时不慎摔倒致骨折", "工作中被烫伤", "上班途中发生交通事故受伤", "下班途中摔伤"]
DESC_SUDDEN = ["在工作时间和工作岗位突发疾病死亡", "工作期间突发疾病经抢救无效死亡"]


def pick(rng: np.random.Generator, seq: list[str]) -> str:
    return seq[int(rng.integers(len(seq)))]


def with_place(code: str, rng: np.random.Generator, p6: float = .75, p9: float = .12,
               p0: float = 0.0) -> str | None:
    """A W/X code with its place digit: .6 industrial and construction area most of the time,
    .9 unspecified, .0 home when the story told at admission was a fall at home; none when the
    coder left the external cause out."""
    u = rng.random()
    if u < p6:
        return f"{code}.6"
    if u < p6 + p9:
        return f"{code}.9"
    if u < p6 + p9 + p0:
        return f"{code}.0"
    return None


def sample_type(industry: str, rng: np.random.Generator) -> str:
    d = ACCIDENT_TYPES_BY_INDUSTRY[industry]
    keys = list(d)
    w = np.array([d[k] for k in keys])
    return keys[int(rng.choice(len(keys), p=w / w.sum()))]
