"""Tables of the domain model: industries, accident types, ICD-10 codes, causes, rates."""

from __future__ import annotations

INDUSTRIES = ["coal_mining", "non_coal_mining", "hazardous_chemicals", "metallurgy",
              "construction", "transport", "fireworks", "manufacturing", "other"]
HIGH_RISK = {"coal_mining", "non_coal_mining", "hazardous_chemicals", "fireworks",
             "metallurgy", "construction"}

# Share of registered enterprises by industry (the register is of supervised enterprises).
ENT_INDUSTRY_P = [0.06, 0.05, 0.05, 0.04, 0.25, 0.13, 0.01, 0.26, 0.15]
# Mean enrolled workers by industry (lognormal around this).
ENT_SIZE = {"coal_mining": 420, "non_coal_mining": 80, "hazardous_chemicals": 150,
            "metallurgy": 350, "construction": 120, "transport": 60, "fireworks": 40,
            "manufacturing": 110, "other": 30}
MALE_P = {"coal_mining": 0.97, "non_coal_mining": 0.94, "hazardous_chemicals": 0.75,
          "metallurgy": 0.85, "construction": 0.9, "transport": 0.9, "fireworks": 0.6,
          "manufacturing": 0.65, "other": 0.5}
ENT_SUFFIX = {
    "coal_mining": ["煤业有限公司", "煤矿", "煤业有限责任公司", "焦煤有限公司"],
    "non_coal_mining": ["矿业有限公司", "铁矿", "石料厂", "铝矾土矿业有限公司"],
    "hazardous_chemicals": ["化工有限公司", "焦化有限公司", "精细化工有限公司", "燃气有限公司"],
    "metallurgy": ["钢铁有限公司", "冶金有限公司", "铸造有限公司", "镁业有限公司"],
    "construction": ["建筑工程有限公司", "建设集团有限公司", "建筑安装有限公司", "路桥工程有限公司"],
    "transport": ["运输有限公司", "物流有限公司", "汽车运输有限公司", "货运有限公司"],
    "fireworks": ["烟花爆竹有限公司", "花炮厂"],
    "manufacturing": ["机械制造有限公司", "装备制造有限公司", "建材有限公司", "玻璃制品有限公司",
                      "食品有限公司", "纺织有限公司"],
    "other": ["商贸有限公司", "物业管理有限公司", "农业开发有限公司", "环卫服务有限公司",
              "餐饮管理有限公司"],
}
BRAND_CHARS = list("晋鑫隆泰华兴盛源丰宏达恒昌通宝峰安顺鼎嘉瑞福祥利新金汇德阳光明永建坤广远诚")

# accident type -> (Chinese, diagnoses, external causes) ; place .6 added where the code is W/X.
ACC_TYPES = {
    "roof_fall": ("冒顶片帮", ["S32.0", "S22.4", "S06.5", "S72.0", "T06.8", "S12.2"], ["W20"]),
    "gas_explosion": ("瓦斯爆炸", ["T29.3", "T31.4", "T58", "S06.5", "T70.8"], ["W40", "X47"]),
    "flooding": ("透水", ["T75.1", "T71"], ["W73", "W74"]),
    "fall_from_height": ("高处坠落", ["S06.5", "S32.0", "S72.0", "T02.1", "S06.2", "S22.4"],
                         ["W12", "W13", "W11"]),
    "struck_by_object": ("物体打击", ["S06.5", "S02.1", "S22.4", "S32.0", "S06.0"], ["W20"]),
    "machinery": ("机械伤害", ["S68.1", "S57.8", "S62.6", "S06.5", "T04.3"], ["W31", "W24", "W23"]),
    "electrocution": ("触电", ["T75.4"], ["W87", "W85"]),
    "poisoning_asphyxiation": ("中毒和窒息", ["T59.7", "T58", "T71", "T59.8"], ["X47"]),
    "vehicle": ("车辆伤害", ["S06.5", "S27.3", "S36.1", "T06.8", "S32.8"], ["V"]),
    "lifting": ("起重伤害", ["S06.5", "S32.0", "S22.4", "S72.0"], ["W24", "W20"]),
    "collapse": ("坍塌", ["T71", "S32.0", "S22.4", "S06.5", "T06.8"], ["W20"]),
    "fire": ("火灾", ["T29.3", "T31.5", "T59.8", "T27.1"], ["X00", "X04", "X09"]),
    "explosion": ("爆炸", ["T29.3", "S06.5", "T31.4", "S05.7"], ["W40"]),
    "burn": ("灼烫", ["T29.3", "T22.2", "T24.3", "T31.2"], ["X12", "X13", "X19"]),
    "other": ("其他伤害", ["T14.9", "S06.0", "T07"], ["W49", "W23"]),
}
ACC_TYPE_BY_INDUSTRY = {
    "coal_mining": {"roof_fall": .35, "gas_explosion": .06, "flooding": .05, "vehicle": .15,
                    "machinery": .09, "electrocution": .05, "poisoning_asphyxiation": .06,
                    "struck_by_object": .09, "explosion": .03, "other": .07},
    "non_coal_mining": {"roof_fall": .3, "collapse": .15, "fall_from_height": .1,
                        "struck_by_object": .15, "vehicle": .1, "machinery": .08,
                        "explosion": .07, "poisoning_asphyxiation": .05},
    "hazardous_chemicals": {"explosion": .25, "poisoning_asphyxiation": .3, "fire": .15,
                            "burn": .15, "machinery": .05, "fall_from_height": .05, "other": .05},
    "metallurgy": {"burn": .25, "machinery": .15, "lifting": .15, "struck_by_object": .1,
                   "poisoning_asphyxiation": .15, "fall_from_height": .1, "explosion": .05,
                   "electrocution": .05},
    "construction": {"fall_from_height": .5, "collapse": .12, "struck_by_object": .15,
                     "lifting": .08, "electrocution": .07, "machinery": .04, "vehicle": .04},
    "transport": {"vehicle": .92, "other": .08},
    "fireworks": {"explosion": .85, "fire": .15},
    "manufacturing": {"machinery": .4, "struck_by_object": .15, "fall_from_height": .1,
                      "electrocution": .08, "burn": .08, "lifting": .09,
                      "poisoning_asphyxiation": .05, "fire": .05},
    "other": {"fall_from_height": .25, "electrocution": .15, "poisoning_asphyxiation": .15,
              "vehicle": .15, "fire": .1, "other": .2},
}
TRAFFIC_V = ["V47.5", "V67.5", "V69.5", "V43.5", "V23.4", "V89.2"]
INPLANT_V = ["V83.5", "V83.7", "V86.5"]

# Industry mix of incidents by kind.
IND_REPORTED = {"construction": .26, "transport": .24, "coal_mining": .10, "non_coal_mining": .08,
                "manufacturing": .12, "hazardous_chemicals": .05, "metallurgy": .05,
                "fireworks": .02, "other": .08}
IND_CONCEALED = {"coal_mining": .33, "non_coal_mining": .22, "construction": .22,
                 "hazardous_chemicals": .06, "fireworks": .06, "metallurgy": .05,
                 "manufacturing": .04, "other": .02}
IND_UNDER = {"coal_mining": .30, "non_coal_mining": .15, "construction": .25,
             "hazardous_chemicals": .08, "metallurgy": .07, "transport": .05, "fireworks": .04,
             "manufacturing": .06}

NATURAL_CAUSES = ["病故", "心脏病", "脑出血", "肺癌", "肝癌", "慢性阻塞性肺疾病", "脑梗死", "呼吸衰竭",
                  "多器官功能衰竭", "冠心病", "胃癌", "糖尿病", "高血压病", "衰老", "肺部感染", "食管癌"]
NATURAL_CAUSE_P = [.18, .08, .1, .07, .05, .06, .1, .06, .04, .07, .04, .03, .04, .04, .02, .02]

# Background non-occupational death subtypes: (weight, cremation cause texts, dereg cause texts,
#   diagnoses, external causes, p(medical record))
NONOCC = {
    "traffic": (.38, ["交通事故", "车祸", "颅脑损伤"], ["交通事故", "意外"],
                ["S06.5", "S06.2", "T06.8", "S27.3", "S36.1"],
                ["V43.5", "V23.4", "V03.1", "V13.4", "V29.4", "V89.2", "V28.4"], .65),
    "fall_home": (.25, ["摔伤", "意外摔倒", "颅脑损伤"], ["意外"],
                  ["S72.0", "S06.5", "S06.0", "S32.0"], ["W01.0", "W10.0", "W18.0", "W06.0"], .5),
    "co_home": (.10, ["一氧化碳中毒", "煤气中毒"], ["意外", "煤气中毒"], ["T58"], ["X47.0"], .4),
    "drowning": (.05, ["溺水"], ["溺水", "意外"], ["T75.1"], ["W69.8", "W73.9"], .15),
    "suicide": (.12, ["自缢", "服毒", "自杀"], ["自杀"], ["T71", "T60.0", "T42.4"],
                ["X70.0", "X68.0", "X61.0"], .4),
    "other": (.10, ["意外", "意外伤害"], ["意外"], ["T14.9", "T07"], ["X59.9", "W19.9"], .4),
}

# Background hospital injury encounters: category -> (weight, diagnoses, external causes)
MED_CATS = {
    "traffic": (.30, ["S06.0", "S06.5", "S82.2", "S42.0", "S52.5", "S32.0", "S22.3", "S00.8"],
                ["V43.5", "V23.4", "V03.1", "V13.4", "V29.4", "V89.2", "V47.5", "V28.4"]),
    "fall_home": (.20, ["S72.0", "S72.1", "S52.5", "S06.0", "S32.0", "S42.2", "S00.8"],
                  ["W01.0", "W10.0", "W06.0", "W18.0", "W19.0"]),
    "fall_other": (.08, ["S82.6", "S52.5", "S42.2", "S93.4", "S00.8"],
                   ["W01.4", "W10.4", "W00.4", "W01.3", "W19.9"]),
    "cut_struck": (.10, ["S61.0", "S01.8", "S51.8", "S81.8", "T14.1", "S62.6"],
                   ["W25.0", "W26.0", "W22.0", "W20.0", "W23.9"]),
    "work_other": (.05, ["S62.6", "S68.1", "S92.3", "S82.8", "S22.4", "S61.8"],
                   ["W20.6", "W23.6", "W31.6", "W11.6", "W13.6", "W24.6", "W25.6"]),
    "co_home": (.03, ["T58"], ["X47.0"]),
    "burn_home": (.04, ["T20.2", "T22.2", "T23.2", "T24.2", "T29.2", "T31.1"],
                  ["X12.0", "X10.0", "X00.0", "X15.0"]),
    "poisoning": (.04, ["T42.4", "T60.0", "T51.0", "T62.0"], ["X44.0", "X49.0", "X68.0", "X61.0", "X45.0"]),
    "assault": (.04, ["S01.8", "S02.2", "S06.0", "S20.2"], ["Y04.0", "Y04.4", "Y09.9"]),
    "sports": (.04, ["S83.2", "S93.4", "S82.8", "S43.0"], ["W21.3", "W03.3", "W51.3"]),
    "animal": (.03, ["T14.1", "S61.8", "S81.8"], ["W54.0", "W55.4"]),
    "other": (.05, ["T14.9", "S09.9", "T14.0"], ["X59.9", "W49.9"]),
}

FUNERAL_LAG_DAYS = [*list(range(0, 12)), 15, 20, 30]
FUNERAL_LAG_P = [.03, .12, .22, .36, .11, .06, .03, .02, .015, .01, .01, .005, .005, .0025, .0025]
