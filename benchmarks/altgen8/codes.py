"""Accident types, ICD-10 codes and the free texts each department writes."""

from __future__ import annotations

from typing import Any

import numpy as np

ACCIDENT_TYPES = ["roof_fall", "gas_explosion", "flooding", "fall_from_height",
                  "struck_by_object", "machinery", "electrocution", "poisoning_asphyxiation",
                  "vehicle", "lifting", "collapse", "fire", "explosion", "burn", "other"]

# accident type mix per industry
TYPE_MIX: dict[str, dict[str, float]] = {
    "coal_mining": {"roof_fall": .35, "gas_explosion": .08, "flooding": .07, "vehicle": .12,
                    "machinery": .08, "electrocution": .04, "poisoning_asphyxiation": .07,
                    "struck_by_object": .08, "explosion": .03, "fire": .02, "other": .06},
    "non_coal_mining": {"roof_fall": .25, "collapse": .15, "struck_by_object": .12,
                        "vehicle": .12, "explosion": .08, "fall_from_height": .10,
                        "machinery": .08, "flooding": .03, "poisoning_asphyxiation": .03,
                        "other": .04},
    "hazardous_chemicals": {"explosion": .22, "fire": .18, "poisoning_asphyxiation": .25,
                            "burn": .12, "fall_from_height": .05, "machinery": .06,
                            "struck_by_object": .03, "electrocution": .03, "other": .06},
    "metallurgy": {"burn": .25, "explosion": .08, "machinery": .15, "lifting": .15,
                   "struck_by_object": .10, "poisoning_asphyxiation": .08,
                   "fall_from_height": .08, "electrocution": .05, "other": .06},
    "construction": {"fall_from_height": .42, "collapse": .15, "struck_by_object": .15,
                     "lifting": .10, "electrocution": .06, "machinery": .05, "vehicle": .03,
                     "poisoning_asphyxiation": .02, "other": .02},
    "transport": {"vehicle": .92, "other": .05, "fire": .03},
    "fireworks": {"explosion": .70, "fire": .20, "burn": .07, "other": .03},
    "manufacturing": {"machinery": .35, "struck_by_object": .12, "fall_from_height": .10,
                      "electrocution": .06, "burn": .08, "lifting": .08, "fire": .05,
                      "explosion": .04, "poisoning_asphyxiation": .05, "vehicle": .04,
                      "other": .03},
    "other": {"fall_from_height": .20, "electrocution": .12, "poisoning_asphyxiation": .15,
              "machinery": .10, "vehicle": .10, "struck_by_object": .10, "fire": .08,
              "other": .15},
}
# types that tend to kill several at once
MULTI = {"gas_explosion", "flooding", "poisoning_asphyxiation", "collapse", "fire",
         "explosion", "roof_fall"}

# per type: principal diagnoses, external causes at work (place .6), certificate causes,
# what the claim says happened
INJURY: dict[str, dict[str, list[str]]] = {
    "roof_fall": {"diag": ["S06.5", "S32.0", "S22.3", "T06.8", "S72.0"],
                  "ext": ["W20.6"], "cause": ["颅脑损伤", "多发伤", "创伤性休克", "胸腹部挤压伤"],
                  "claim": ["在井下采掘工作面作业时被垮落的煤矸石砸伤", "井下巷道冒顶被埋压"]},
    "gas_explosion": {"diag": ["T31.4", "T58", "T27.3", "S06.5"], "ext": ["W40.6", "X47.6"],
                      "cause": ["爆炸伤", "一氧化碳中毒", "全身烧伤", "窒息"],
                      "claim": ["井下瓦斯爆炸受伤"]},
    "flooding": {"diag": ["T75.1", "T71"], "ext": ["W73.6", "W77.6"],
                 "cause": ["溺水", "窒息"], "claim": ["井下透水被困"]},
    "fall_from_height": {"diag": ["S06.5", "S32.0", "S72.0", "S12.2", "T02.1"],
                         "ext": ["W13.6", "W12.6", "W11.6"],
                         "cause": ["高处坠落伤", "颅脑损伤", "多发骨折", "创伤性休克"],
                         "claim": ["在施工现场作业时从脚手架坠落", "在屋面作业时踩空坠落"]},
    "struck_by_object": {"diag": ["S06.5", "S02.0", "S42.2", "S32.0"], "ext": ["W20.6"],
                         "cause": ["颅脑损伤", "物体打击伤", "多发伤"],
                         "claim": ["作业时被坠落物体击中头部", "被吊物碰撞砸伤"]},
    "machinery": {"diag": ["S68.1", "S62.6", "S67.0", "S57.8", "T04.8"],
                  "ext": ["W31.6", "W24.6"], "cause": ["机械伤", "挤压伤", "创伤性休克"],
                  "claim": ["操作设备时右手被卷入压伤", "清理设备时被传动部件绞伤"]},
    "electrocution": {"diag": ["T75.4"], "ext": ["W87.6", "W85.6"],
                      "cause": ["电击伤", "触电", "心脏骤停"],
                      "claim": ["检修线路时触电", "作业时误碰带电设备触电"]},
    "poisoning_asphyxiation": {"diag": ["T59.6", "T58", "T71", "T59.7"], "ext": ["X47.6"],
                               "cause": ["中毒", "窒息", "硫化氢中毒", "一氧化碳中毒"],
                               "claim": ["进入受限空间作业时中毒窒息", "清理池罐时中毒"]},
    "vehicle": {"diag": ["S06.5", "T06.8", "S27.3", "S36.1"], "ext": ["V89.2", "V67.5", "V47.5"],
                "cause": ["交通伤", "颅脑损伤", "多发伤", "车辆伤害"],
                "claim": ["驾驶车辆运输途中发生事故受伤", "被运输车辆撞伤"]},
    "lifting": {"diag": ["S32.0", "S06.5", "S22.3", "T04.8"], "ext": ["W24.6", "W23.6"],
                "cause": ["挤压伤", "颅脑损伤", "多发伤"],
                "claim": ["起重吊装作业时被吊物砸伤", "被起重机械挤压"]},
    "collapse": {"diag": ["T71", "T04.8", "S32.0", "S06.5"], "ext": ["W77.6", "W20.6"],
                 "cause": ["窒息", "挤压综合征", "多发伤"],
                 "claim": ["基坑边坡坍塌被埋", "作业时发生坍塌被压"]},
    "fire": {"diag": ["T31.5", "T27.3", "T58"], "ext": ["X00.6", "X03.6"],
             "cause": ["烧伤", "吸入性损伤", "一氧化碳中毒"], "claim": ["厂房失火被烧伤"]},
    "explosion": {"diag": ["T31.4", "S06.5", "T07", "S05.7"], "ext": ["W40.6"],
                  "cause": ["爆炸伤", "烧伤", "多发伤"],
                  "claim": ["生产过程中发生爆炸受伤", "爆破作业时受伤"]},
    "burn": {"diag": ["T24.3", "T31.2", "T22.2", "T29.3"], "ext": ["X19.6", "X12.6"],
             "cause": ["烧伤", "烫伤", "感染性休克"], "claim": ["被高温金属液体烫伤"]},
    "other": {"diag": ["S09.9", "T14.9", "S32.0"], "ext": ["W49.6", "W22.6"],
              "cause": ["多发伤", "外伤"], "claim": ["作业时受伤"]},
}

NATURAL_CAUSES = ["呼吸衰竭", "心力衰竭", "脑出血", "脑梗死", "肺癌", "肝癌", "慢性阻塞性肺疾病",
                  "冠心病", "多器官功能衰竭", "心脏骤停", "尿毒症", "胃癌", "自然死亡", "病故",
                  "高血压病", "糖尿病并发症", "肺部感染", "食管癌"]
NATURAL_CAUSE_P = np.array([10, 9, 9, 8, 6, 4, 8, 7, 5, 4, 2, 3, 4, 6, 3, 2, 5, 2], float)
NATURAL_CAUSE_P /= NATURAL_CAUSE_P.sum()
OLD_AGE_CAUSES = ["衰老", "自然死亡", "老年性疾病"]
SUDDEN_CAUSES = ["猝死", "心源性猝死", "急性心肌梗死", "心脏骤停", "突发疾病"]
PNEUMOCONIOSIS_CAUSES = ["尘肺病", "矽肺合并呼吸衰竭", "煤工尘肺", "呼吸衰竭"]
DEREG_NATURAL: list[str | None] = ["病故", "病故", "病故", "正常死亡", "疾病死亡", None, None]
DEREG_WORK: list[str | None] = ["工伤", "因工死亡", "意外", "事故死亡", "意外死亡", None]
DEREG_ILLNESS: list[str | None] = ["病故", "病故", "猝死", "疾病死亡", "正常死亡"]
DEREG_VAGUE: list[str | None] = [None, None, "意外", "死亡", "其他", "不详"]
VAGUE_CERT: list[str | None] = ["死亡", "不详", "意外", "其他", None, "外伤"]

# background (non-occupational) injury kinds: diagnoses, external causes, texts
NONOCC: dict[str, dict[str, list[Any]]] = {
    "traffic": {"diag": ["S06.5", "S06.0", "T06.8", "S27.3", "S36.1", "S82.2", "S72.3"],
                "ext": ["V23.4", "V28.4", "V43.5", "V03.1", "V89.2", "V47.5"],
                "dereg": ["交通事故", "交通事故", "车祸"],
                "cert": ["交通事故", "颅脑损伤", "多发伤", "创伤性休克"]},
    "home_fall": {"diag": ["S72.0", "S06.0", "S06.5", "S32.0", "S52.5", "S42.2"],
                  "ext": ["W01.0", "W10.0", "W06.0", "W19.0"],
                  "dereg": ["病故", "意外", "摔伤", None],
                  "cert": ["跌倒", "股骨颈骨折并肺部感染", "颅脑损伤", "呼吸衰竭", "多器官功能衰竭"]},
    "drowning": {"diag": ["T75.1"], "ext": ["W69.8", "W74.8"],
                 "dereg": ["溺水", "溺亡", "意外"], "cert": ["溺水", "溺亡"]},
    "suicide": {"diag": ["T60.0", "T71", "T42.4"], "ext": ["X68.0", "X70.0", "X61.0"],
                "dereg": ["自杀", "非正常死亡", "病故"], "cert": ["中毒", "窒息", "自缢", "农药中毒"]},
    "co_home": {"diag": ["T58"], "ext": ["X47.0"],
                "dereg": ["煤气中毒", "一氧化碳中毒", "意外"],
                "cert": ["一氧化碳中毒", "煤气中毒", "窒息"]},
    "assault": {"diag": ["S06.5", "S21.1", "S36.1", "S01.8"], "ext": ["Y09.9", "Y04.0"],
                "dereg": ["他杀", "非正常死亡"], "cert": ["失血性休克", "颅脑损伤", "刀刺伤"]},
    "farm": {"diag": ["S68.1", "T60.0", "S06.5"], "ext": ["W30.7", "X48.7"],
             "dereg": ["意外", "意外"], "cert": ["农药中毒", "机械伤", "外伤"]},
    "home_electric": {"diag": ["T75.4"], "ext": ["W87.0"], "dereg": ["触电", "意外"],
                      "cert": ["电击伤", "触电"]},
}

# background non-fatal injury encounters
MINOR: dict[str, dict[str, list[str]]] = {
    "home_fall": {"diag": ["S72.0", "S06.0", "S52.5", "S42.2", "S32.0", "S82.6", "S22.3"],
                  "ext": ["W01.0", "W10.0", "W06.0", "W19.0", "W18.0"]},
    "traffic": {"diag": ["S06.0", "S82.2", "S72.3", "S27.3", "S36.1", "S42.0", "S13.4",
                         "S00.8"], "ext": ["V23.4", "V28.4", "V43.5", "V03.1", "V89.2",
                                          "V29.4", "V47.5"]},
    "work": {"diag": ["S61.9", "S62.6", "S60.2", "S93.4", "S01.8", "S92.4", "S52.5", "S68.1",
                      "S82.6", "T23.2"],
             "ext": ["W20.6", "W31.6", "W23.6", "W01.6", "W26.6", "W22.6", "W13.6", "X12.6"]},
    "assault": {"diag": ["S02.2", "S01.8", "S06.0", "S20.2"], "ext": ["Y04.9", "Y04.0"]},
    "animal": {"diag": ["S61.9", "T14.1", "S81.9"], "ext": ["W54.0", "W54.9", "W55.7"]},
    "burn_home": {"diag": ["T23.2", "T24.2", "T22.1", "T21.2"], "ext": ["X12.0", "X10.0"]},
    "sport": {"diag": ["S83.5", "S93.4", "S43.0", "S82.6"], "ext": ["W21.3", "W02.3"]},
    "farm": {"diag": ["S68.1", "S61.9", "S82.6", "T60.0"], "ext": ["W30.7", "W26.7", "X48.7"]},
    "other": {"diag": ["S01.8", "S61.9", "S09.9", "T14.0", "S00.8"],
              "ext": ["W25.0", "W26.0", "W22.9", "W19.9"]},
}

WORK_MINOR_DESC = ["搬运材料时扭伤脚踝", "作业时左手被割伤", "操作机床时手指被压伤",
                   "在车间滑倒摔伤", "被工具砸伤脚部", "装卸货物时被挤伤", "巡检时从梯子上跌落",
                   "被飞溅物击伤眼部", "作业时被烫伤", "下井途中摔伤"]
COMMUTE_DESC = "上下班途中发生非本人主要责任的交通事故死亡"
SUDDEN_DESC = "在工作时间和工作岗位突发疾病，48小时内经抢救无效死亡（视同工伤）"
PNEUMO_DESC = "职业病（尘肺病）致死"


def pick(rng: np.random.Generator, items: list) -> object:
    return items[int(rng.integers(len(items)))]


def mix_choice(rng: np.random.Generator, mix: dict[str, float]) -> str:
    keys = list(mix)
    p = np.array([mix[k] for k in keys])
    return keys[int(rng.choice(len(keys), p=p / p.sum()))]
