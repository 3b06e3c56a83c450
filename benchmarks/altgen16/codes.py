"""ICD-10 codes, cause texts and descriptions the departments write."""

from __future__ import annotations

# accident type -> (principal diagnoses, external causes at an industrial / construction site)
ACCIDENT_ICD: dict[str, tuple[list[str], list[str]]] = {
    "roof_fall": (["S06.5", "S32.0", "T06.8", "S22.4", "T71", "S12.9"], ["W20.6", "W77.6", "W23.6"]),
    "gas_explosion": (["T31.5", "T29.3", "T71", "T58", "S06.5"], ["W40.6", "X47.6"]),
    "flooding": (["T75.1", "T71"], ["W73.6", "W77.6"]),
    "fall_from_height": (["S06.5", "S32.0", "T02.9", "S72.0", "S27.3", "S36.1"],
                         ["W13.6", "W12.6", "W17.6", "W11.6"]),
    "struck_by_object": (["S06.5", "S02.0", "S22.4", "S32.0"], ["W20.6"]),
    "machinery": (["S57.8", "S68.1", "T04.9", "S06.5", "S38.1"], ["W31.6", "W24.6"]),
    "electrocution": (["T75.4", "T29.3"], ["W87.6", "W85.6"]),
    "poisoning_asphyxiation": (["T59.6", "T58", "T71"], ["X47.6"]),
    "vehicle": (["S06.5", "S27.3", "T06.8", "S36.1"], ["V83.5", "V47.5", "V89.2", "V43.5"]),
    "lifting": (["S06.5", "T02.9", "S32.0"], ["W24.6", "W20.6"]),
    "collapse": (["T71", "S06.5", "T06.8", "S32.0"], ["W77.6", "W20.6"]),
    "fire": (["T31.5", "T29.3", "T59.8"], ["X00.6", "X09.6"]),
    "explosion": (["S06.5", "T06.8", "T31.4", "S02.0"], ["W40.6"]),
    "burn": (["T29.3", "T31.4", "T24.3", "T54.3"], ["X18.6", "X12.6", "X13.6"]),
    "other": (["S06.5", "T06.8", "T75.1"], ["W19.6", "W73.6"]),
}
ROAD_TRAFFIC_EXT = ["V89.2", "V43.5", "V47.5", "V49.4"]

ACCIDENT_TYPES_BY_INDUSTRY: dict[str, dict[str, float]] = {
    "coal_mining": {"roof_fall": .34, "gas_explosion": .18, "flooding": .08, "vehicle": .12,
                    "machinery": .08, "electrocution": .05, "poisoning_asphyxiation": .1,
                    "explosion": .05},
    "non_coal_mining": {"roof_fall": .25, "collapse": .15, "explosion": .12,
                        "fall_from_height": .12, "struck_by_object": .12, "vehicle": .12,
                        "poisoning_asphyxiation": .08, "flooding": .04},
    "construction": {"fall_from_height": .3, "struck_by_object": .16, "collapse": .16,
                     "lifting": .1, "machinery": .07, "electrocution": .06, "vehicle": .06,
                     "explosion": .05, "flooding": .02, "poisoning_asphyxiation": .02},
    "hazardous_chemicals": {"poisoning_asphyxiation": .35, "explosion": .25, "fire": .2,
                            "burn": .12, "fall_from_height": .08},
    "metallurgy": {"burn": .25, "poisoning_asphyxiation": .2, "machinery": .15,
                   "struck_by_object": .12, "lifting": .15, "explosion": .08, "fall_from_height": .05},
    "manufacturing": {"machinery": .35, "poisoning_asphyxiation": .15, "fire": .1, "burn": .1,
                      "electrocution": .08, "fall_from_height": .12, "struck_by_object": .1},
    "transport": {"vehicle": 1.0},
    "other": {"fall_from_height": .35, "electrocution": .25, "other": .25, "struck_by_object": .15},
}
MULTI_TYPES = {"gas_explosion", "flooding", "collapse", "explosion", "poisoning_asphyxiation",
               "fire", "roof_fall", "vehicle"}

CERT_CAUSE = {  # the cause a death certificate gives, by accident type
    "roof_fall": ["颅脑损伤", "多发伤", "创伤性休克", "挤压综合征"],
    "gas_explosion": ["爆炸伤", "一氧化碳中毒", "烧伤", "机械性窒息"],
    "flooding": ["溺水", "机械性窒息"],
    "fall_from_height": ["高处坠落致颅脑损伤", "多发伤", "颅脑损伤", "创伤性休克"],
    "struck_by_object": ["颅脑损伤", "多发伤"],
    "machinery": ["机械伤", "失血性休克", "多发伤"],
    "electrocution": ["电击伤", "触电死亡"],
    "poisoning_asphyxiation": ["硫化氢中毒", "一氧化碳中毒", "窒息", "中毒"],
    "vehicle": ["颅脑损伤", "多发伤", "交通事故"],
    "lifting": ["颅脑损伤", "多发伤"],
    "collapse": ["机械性窒息", "挤压伤", "颅脑损伤"],
    "fire": ["烧伤", "吸入性损伤", "窒息"],
    "explosion": ["爆炸伤", "多发伤"],
    "burn": ["烧伤", "大面积烧伤并感染"],
    "other": ["意外死亡", "多发伤"],
}
TYPE_ZH = {"roof_fall": "冒顶片帮", "gas_explosion": "瓦斯爆炸", "flooding": "透水",
           "fall_from_height": "高处坠落", "struck_by_object": "物体打击", "machinery": "机械伤害",
           "electrocution": "触电", "poisoning_asphyxiation": "中毒窒息", "vehicle": "车辆伤害",
           "lifting": "起重伤害", "collapse": "坍塌", "fire": "火灾", "explosion": "爆炸",
           "burn": "灼烫", "other": "意外"}

ILLNESS_CERT = ["肺癌", "肝癌", "胃癌", "食管癌", "脑出血", "脑梗死", "冠心病", "急性心肌梗死",
                "心力衰竭", "慢性阻塞性肺疾病", "肺部感染", "呼吸衰竭", "多器官功能衰竭", "糖尿病",
                "高血压病", "尿毒症", "肝硬化", "老年性衰竭"]
ILLNESS_CERT_W = [8, 5, 4, 3, 8, 7, 6, 5, 5, 9, 6, 5, 4, 3, 3, 2, 2, 6]
YOUNG_ILLNESS_CERT = ["肝癌", "肺癌", "脑出血", "急性心肌梗死", "心源性猝死", "胃癌", "白血病",
                      "肝硬化", "尿毒症", "猝死"]
DEREG_NATURAL = ["病故", "疾病死亡", "自然死亡", "正常死亡", None]
DEREG_NATURAL_W = [55, 10, 5, 5, 25]
DISGUISE_CERT = ["猝死", "心源性猝死", "病故", "呼吸心跳骤停", "疾病", "突发疾病死亡"]

# background injury encounters: category -> diagnoses, external causes, ages (lo, hi)
BG_INJURY: dict[str, tuple[list[str], list[str], tuple[int, int]]] = {
    "fall_home": (["S72.0", "S72.1", "S06.0", "S52.5", "S32.0", "S42.2", "S22.3"],
                  ["W01.0", "W10.0", "W06.0", "W19.0", "W18.0"], (60, 97)),
    "traffic": (["S06.0", "S06.5", "S82.2", "S72.3", "S42.0", "S27.3", "S52.5", "S36.1"],
                ["V28.4", "V23.4", "V43.5", "V03.1", "V29.4", "V49.4", "V89.2"], (8, 85)),
    "farm": (["S61.0", "S62.6", "S82.2", "S42.0", "S06.0", "S32.0"],
             ["W14.7", "W17.7", "W31.7", "W27.7", "W55.7"], (30, 80)),
    "burn": (["T23.2", "T24.2", "T21.2", "T29.2", "T20.2"],
             ["X12.0", "X10.0", "X11.0", "X00.0"], (1, 85)),
    "other": (["S61.0", "S81.8", "S01.8", "S93.4", "S83.2"],
              ["W54.0", "W26.0", "W22.0", "W51.3", "Y04.8", "W55.8"], (5, 80)),
    "poison_home": (["T58", "T60.0"], ["X47.0", "X48.0"], (15, 85)),
}
BG_INJURY_W = {"fall_home": .33, "traffic": .3, "farm": .12, "burn": .07, "other": .16,
               "poison_home": .02}
WORK_MINOR_DIAG = ["S61.0", "S62.6", "S68.1", "S60.2", "S92.3", "S52.5", "S82.2", "S01.8",
                   "S05.0", "T23.2", "S93.4", "S66.1", "S63.5"]
WORK_MINOR_EXT = ["W20.6", "W23.6", "W31.6", "W24.6", "W27.6", "W26.6", "W01.6", "W11.6",
                  "W29.6", "X12.6"]
WORK_MINOR_DESC = ["操作冲床时右手食指被压伤", "搬运材料时扭伤左踝", "在工地行走时被钢筋划伤左小腿",
                   "操作切割机时左手拇指受伤", "被掉落的扳手砸伤右足", "清理设备时左手被卷入受伤",
                   "在车间地面滑倒致右腕骨折", "装卸货物时被货物挤伤右手", "焊接作业时眼部被灼伤",
                   "使用电钻时右手掌被划伤", "下梯子时踩空扭伤右膝", "井下运料时左手被矿车挤伤"]
