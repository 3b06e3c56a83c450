"""Accident types, ICD-10 codes and free-text vocabularies."""

from __future__ import annotations

ACC_TYPE_BY_IND: dict[str, dict[str, float]] = {
    "coal_mining": {"roof_fall": .33, "gas_explosion": .07, "flooding": .05, "vehicle": .12,
                    "machinery": .12, "poisoning_asphyxiation": .08, "electrocution": .04,
                    "struck_by_object": .12, "other": .07},
    "non_coal_mining": {"roof_fall": .25, "collapse": .2, "explosion": .1, "vehicle": .15,
                        "struck_by_object": .15, "machinery": .1, "other": .05},
    "hazardous_chemicals": {"explosion": .25, "poisoning_asphyxiation": .3, "fire": .15,
                            "burn": .15, "other": .15},
    "metallurgy": {"burn": .3, "lifting": .2, "machinery": .2, "poisoning_asphyxiation": .15,
                   "explosion": .05, "other": .1},
    "construction": {"fall_from_height": .45, "struck_by_object": .15, "collapse": .15,
                     "lifting": .1, "electrocution": .08, "machinery": .04, "other": .03},
    "transport": {"vehicle": 1.0},
    "fireworks": {"explosion": .8, "fire": .2},
    "manufacturing": {"machinery": .45, "struck_by_object": .15, "electrocution": .1, "burn": .1,
                      "lifting": .1, "other": .1},
    "other": {"fall_from_height": .3, "electrocution": .2, "poisoning_asphyxiation": .2,
              "other": .3},
}
# accident type -> (fatal diagnoses, non-fatal diagnoses, work external causes)
INJURY_CODES: dict[str, tuple[list[str], list[str], list[str]]] = {
    "roof_fall": (["S06.5", "T07", "S32.0", "S27.2"], ["S32.0", "S22.4", "S82.2", "S42.2"],
                  ["W20.6"]),
    "gas_explosion": (["T71", "T58", "T27.3", "T31.4"], ["T20.3", "T58", "T27.1"],
                      ["W40.6", "X47.6"]),
    "flooding": (["T75.1", "T71"], ["T75.1", "T68"], ["W74.6"]),
    "fall_from_height": (["S06.5", "T07", "S12.0", "S36.1"], ["S32.0", "S72.0", "S82.2", "S42.2"],
                         ["W13.6", "W12.6"]),
    "struck_by_object": (["S06.5", "T07", "S02.1"], ["S02.0", "S42.2", "S92.3"], ["W20.6"]),
    "machinery": (["T07", "S06.5", "S27.3"], ["S67.0", "S68.1", "S57.8", "S62.6"],
                  ["W31.6", "W24.6"]),
    "electrocution": (["T75.4"], ["T75.4", "T21.3"], ["W87.6", "W86.6"]),
    "poisoning_asphyxiation": (["T71", "T58", "T59.6"], ["T58", "T59.6", "T59.7"],
                               ["X47.6"]),
    "vehicle": (["S06.5", "T07", "S27.3"], ["S82.2", "S32.0", "S06.0"], ["V89.2", "V47.5"]),
    "lifting": (["S06.5", "T07", "S32.0"], ["S32.0", "S82.2", "S62.6"], ["W23.6", "W20.6"]),
    "collapse": (["T71", "T07", "S32.0"], ["S32.0", "S82.2", "S22.4"], ["W77.6", "W20.6"]),
    "fire": (["T31.4", "T27.3", "T71"], ["T20.3", "T29.2"], ["X00.6", "X09.6"]),
    "explosion": (["T07", "T29.3", "S06.5"], ["T29.2", "S05.3", "S02.0"], ["W40.6"]),
    "burn": (["T31.5", "T29.3"], ["T29.2", "T20.3", "T23.2"], ["X12.6", "X10.6"]),
    "other": (["T71", "T07", "S06.5"], ["S82.2", "S06.0", "S62.6"], ["W19.6", "W74.6"]),
}
DESCRIPTIONS: dict[str, str] = {
    "roof_fall": "井下作业时顶板冒落被煤矸砸伤", "gas_explosion": "井下发生瓦斯爆炸受伤",
    "flooding": "井下突水被困", "fall_from_height": "高处作业时从脚手架坠落",
    "struck_by_object": "作业时被坠落物体击中", "machinery": "操作设备时被机械卷入挤伤",
    "electrocution": "检修线路时触电", "poisoning_asphyxiation": "进入受限空间作业时中毒窒息",
    "vehicle": "运输作业时发生车辆事故", "lifting": "吊装作业时被吊物砸伤",
    "collapse": "基坑作业时土方坍塌被埋压", "fire": "作业场所发生火灾被烧伤",
    "explosion": "作业时发生爆炸受伤", "burn": "作业时被高温物料烫伤", "other": "作业时意外受伤",
}
# non-work mechanisms of background injuries: (external causes, diagnoses, weight)
NONWORK_MECH: list[tuple[list[str], list[str], float]] = [
    (["W01.0", "W10.0", "W18.0", "W19.0", "W06.0", "W01.4", "W19.9"],
     ["S72.0", "S52.5", "S06.0", "S32.0", "S42.2", "S82.2", "S01.0"], 0.34),
    (["V03.1", "V23.4", "V43.5", "V47.5", "V89.2", "V28.4"],
     ["S06.0", "S82.2", "S42.2", "S22.3", "S01.0", "T14.0"], 0.22),
    (["W20.0", "W22.0", "W20.8", "W22.4"], ["S01.0", "S02.0", "S60.2", "T14.0"], 0.10),
    (["W25.0", "W26.0", "W25.8"], ["S61.0", "S51.8", "S01.0"], 0.09),
    (["W54.0", "W54.4"], ["T14.0", "S61.0"], 0.05),
    (["X10.0", "X11.0", "X12.0", "X15.0"], ["T23.2", "T24.2", "T20.2", "T30.0"], 0.05),
    (["X47.0", "X40.0", "X44.0"], ["T58", "T39.0", "T50.9"], 0.05),
    (["Y04.0", "Y04.4", "Y00.4"], ["S01.0", "S02.0", "S06.0", "T14.0"], 0.06),
    (["W03.3", "W21.3", "W02.3"], ["S83.5", "S93.4", "S42.0"], 0.04),
]
WORK_MINOR_MECH: list[tuple[str, str, str]] = [
    ("W31.6", "S62.6", "操作机器时不慎挤伤手指"), ("W20.6", "S02.0", "作业时被掉落物砸伤头部"),
    ("W23.6", "S67.0", "搬运时手部被夹伤"), ("W26.6", "S61.0", "切割作业时被刀具割伤左手"),
    ("W11.6", "S82.2", "作业时从梯子上摔下致右腿骨折"), ("W01.6", "S93.4", "作业时滑倒扭伤脚踝"),
    ("X12.6", "T23.2", "作业时被热液烫伤手部"), ("W13.6", "S42.2", "从工作台跌落致锁骨骨折"),
    ("V89.2", "S42.2", "下班途中被电动车撞伤"), ("W24.6", "S52.5", "作业时被传动装置挤伤前臂"),
]
ILLNESS_CAUSES = ["病故", "猝死", "心脏病", "脑出血", "脑梗死", "肺癌", "肝癌", "呼吸衰竭",
                  "衰老", "心肌梗死"]
CERT_ILLNESS = ["心源性猝死", "呼吸循环衰竭", "脑出血", "多器官功能衰竭", "肺部感染", "冠心病",
                "恶性肿瘤", "脑梗死", "疾病死亡", "衰老"]
