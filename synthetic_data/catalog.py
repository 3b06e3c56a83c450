"""Domain vocabularies of the synthetic province: enterprises, hospitals, ICD-10 codes, texts.

Plain tables the simulation samples from: industry mixes and accident types, ICD-10
principal diagnoses (S/T chapters for injuries, I/C/J … for natural deaths) and external
causes (W/X codes whose 4th character is the place: ``.6`` industrial and construction
area, ``.0`` home; V codes for transport), causes of death as clerks write them, and
work-injury descriptions.
"""

from __future__ import annotations

from pipelines.contract import ACCIDENT_TYPES, INDUSTRIES

# share of enterprises by industry, and their mean size (workers)
INDUSTRY_SHARE = {
    "coal_mining": 0.025, "non_coal_mining": 0.03, "hazardous_chemicals": 0.03,
    "metallurgy": 0.03, "construction": 0.15, "transport": 0.10, "fireworks": 0.005,
    "manufacturing": 0.25, "other": 0.38,
}
INDUSTRY_SIZE = {
    "coal_mining": 450.0, "non_coal_mining": 60.0, "hazardous_chemicals": 80.0,
    "metallurgy": 150.0, "construction": 50.0, "transport": 25.0, "fireworks": 30.0,
    "manufacturing": 45.0, "other": 15.0,
}
MALE_SHARE = {
    "coal_mining": 0.95, "non_coal_mining": 0.9, "hazardous_chemicals": 0.75,
    "metallurgy": 0.85, "construction": 0.88, "transport": 0.85, "fireworks": 0.5,
    "manufacturing": 0.6, "other": 0.5,
}
INDUSTRY_WORDS = {
    "coal_mining": ["煤业", "煤矿", "焦煤", "煤炭"],
    "non_coal_mining": ["矿业", "铁矿", "石料", "铝土矿"],
    "hazardous_chemicals": ["化工", "焦化", "化学", "燃气"],
    "metallurgy": ["钢铁", "冶炼", "铸造", "特钢", "铝业"],
    "construction": ["建筑工程", "建设", "建工", "路桥工程", "建筑安装"],
    "transport": ["运输", "物流", "汽运", "货运"],
    "fireworks": ["烟花爆竹", "花炮"],
    "manufacturing": ["机械制造", "食品", "纺织", "机电", "新材料", "陶瓷", "电子"],
    "other": ["商贸", "物业服务", "农业开发", "餐饮管理", "科技", "劳务"],
}
BRAND_CHARS = list("鑫盛金达宏远华泰兴隆昌恒晋源丰通顺安利辉瑞新永德福嘉荣祥和康富宝锦腾润中正大汾龙凤")
LEGAL_FORMS = ["有限公司", "有限责任公司", "有限公司", "股份有限公司", "集团有限公司"]

# incident industries by kind (who has accidents, who hides them)
INCIDENT_INDUSTRY = {
    "reported": {"coal_mining": 0.15, "non_coal_mining": 0.08, "hazardous_chemicals": 0.06,
                 "metallurgy": 0.08, "construction": 0.30, "transport": 0.15, "fireworks": 0.02,
                 "manufacturing": 0.12, "other": 0.04},
    "under_reported": {"coal_mining": 0.30, "non_coal_mining": 0.12, "hazardous_chemicals": 0.08,
                       "metallurgy": 0.08, "construction": 0.25, "transport": 0.07,
                       "fireworks": 0.04, "manufacturing": 0.06, "other": 0.0},
    "concealed": {"coal_mining": 0.30, "non_coal_mining": 0.20, "hazardous_chemicals": 0.05,
                  "metallurgy": 0.07, "construction": 0.28, "transport": 0.03, "fireworks": 0.03,
                  "manufacturing": 0.04, "other": 0.0},
}
ACCIDENT_TYPE_BY_INDUSTRY = {
    "coal_mining": {"roof_fall": .35, "gas_explosion": .12, "flooding": .08, "vehicle": .12,
                    "machinery": .10, "electrocution": .05, "poisoning_asphyxiation": .08, "other": .10},
    "non_coal_mining": {"roof_fall": .30, "collapse": .20, "explosion": .10, "vehicle": .15,
                        "fall_from_height": .10, "struck_by_object": .15},
    "hazardous_chemicals": {"poisoning_asphyxiation": .35, "explosion": .25, "fire": .20, "burn": .20},
    "metallurgy": {"burn": .35, "explosion": .15, "machinery": .20, "lifting": .15,
                   "poisoning_asphyxiation": .15},
    "construction": {"fall_from_height": .45, "struck_by_object": .20, "collapse": .15,
                     "lifting": .10, "electrocution": .10},
    "transport": {"vehicle": 1.0},
    "fireworks": {"explosion": .8, "fire": .2},
    "manufacturing": {"machinery": .45, "electrocution": .10, "burn": .15, "struck_by_object": .15,
                      "lifting": .15},
    "other": {"fall_from_height": .30, "electrocution": .20, "poisoning_asphyxiation": .20, "other": .30},
}
assert set(INDUSTRY_SHARE) == set(INDUSTRIES)
assert all(t in ACCIDENT_TYPES for d in ACCIDENT_TYPE_BY_INDUSTRY.values() for t in d)

# accident type -> (fatal diagnoses, non-fatal diagnoses, external causes)
ACCIDENT_ICD: dict[str, tuple[list[str], list[str], list[str]]] = {
    "roof_fall": (["S06.5", "S32.0", "T06.8", "S22.4", "S27.3", "S36.1"],
                  ["S32.0", "S22.3", "S82.2", "S42.2", "S06.0", "T14.2"], ["W20.6"]),
    "gas_explosion": (["T29.3", "T58", "T71", "S06.9", "T31.7"],
                      ["T29.2", "T58", "T21.2", "S06.0"], ["W40.6", "X47.6"]),
    "flooding": (["T75.1", "T71"], ["T75.1", "T68"], ["W73.6", "W74.6"]),
    "fall_from_height": (["S06.5", "S02.1", "S32.0", "T02.8", "S12.9"],
                         ["S72.0", "S32.0", "S82.2", "S52.5", "S06.0", "S22.3"],
                         ["W13.6", "W12.6", "W11.6", "W17.6"]),
    "struck_by_object": (["S06.5", "S02.0", "S22.4", "S27.3"],
                         ["S06.0", "S42.2", "S22.3", "S01.8", "S62.6"], ["W20.6"]),
    "machinery": (["S58.1", "S07.1", "T04.7", "S38.1"],
                  ["S68.1", "S62.6", "S61.9", "S52.5", "S66.1"], ["W24.6", "W31.6", "W30.6"]),
    "electrocution": (["T75.4", "T20.3"], ["T75.4", "T23.3", "T22.2"], ["W87.6", "W86.6", "W85.6"]),
    "poisoning_asphyxiation": (["T59.6", "T58", "T71"], ["T59.6", "T58", "T59.8"],
                               ["X47.6", "W84.6"]),
    "vehicle": (["S06.5", "S27.3", "S36.1", "T06.8"], ["S06.0", "S72.0", "S82.2", "S42.0"],
                ["V86.5", "V83.5", "V89.2"]),
    "lifting": (["S06.5", "S32.0", "T04.7"], ["S72.0", "S32.0", "S82.2", "S62.6"],
                ["W20.6", "W24.6"]),
    "collapse": (["T71", "S06.5", "T04.4"], ["S32.0", "S72.0", "S22.3", "S06.0"],
                 ["W77.6", "W20.6"]),
    "fire": (["T29.3", "T31.5", "T27.1"], ["T29.2", "T21.2", "T27.0"], ["X00.6", "X09.6"]),
    "explosion": (["T29.3", "S06.9", "T06.8"], ["T29.2", "S06.0", "S05.0", "T21.2"],
                  ["W40.6", "W39.6"]),
    "burn": (["T20.3", "T29.3", "T31.3"], ["T22.2", "T23.2", "T24.2", "T25.2"],
             ["X10.6", "X12.6", "X19.6"]),
    "other": (["S06.9", "T14.9", "S36.1"], ["S06.0", "T14.9", "S60.0"], ["W49.6", "X59.6"]),
}

# background (non-incident) injury encounters: category -> (share, diagnoses, external causes)
INJURY_CATEGORIES: dict[str, tuple[float, list[str], list[str]]] = {
    "fall_home": (0.22, ["S72.0", "S52.5", "S06.0", "S32.0", "S42.2", "S82.8", "S00.8", "S01.8"],
                  ["W01.0", "W10.0", "W18.0", "W19.0", "W06.0"]),
    "fall_other": (0.13, ["S52.5", "S82.8", "S42.2", "S93.4", "S06.0", "S00.8"],
                   ["W01.4", "W01.5", "W01.8", "W10.4", "W19.9", "W02.3"]),
    "traffic": (0.20, ["S06.0", "S42.0", "S52.5", "S82.2", "S27.0", "S36.0", "T06.8", "S00.8"],
                ["V43.5", "V23.4", "V29.9", "V03.1", "V89.2", "V28.4", "V47.5"]),
    "struck_cut": (0.10, ["S61.9", "S60.0", "S01.8", "S91.3", "S80.0"],
                   ["W20.0", "W22.0", "W25.0", "W26.0", "W20.8", "W22.4", "W25.8"]),
    "work": (0.09, ["S61.9", "S62.6", "S68.1", "S52.5", "S82.2", "S92.9", "S05.0", "T23.2",
                    "S06.0", "S32.0", "S60.0"],
             ["W20.6", "W23.6", "W24.6", "W25.6", "W31.6", "W11.6", "W13.6", "W01.6", "X10.6",
              "W29.6", "W86.6"]),
    "burn_home": (0.03, ["T20.2", "T21.2", "T22.2", "T23.2", "T24.2", "T25.2"],
                  ["X10.0", "X11.0", "X12.0", "X00.0"]),
    "bite": (0.05, ["S51.8", "S61.8", "S81.8", "T14.1"], ["W54.0", "W54.4", "W54.8"]),
    "assault": (0.04, ["S06.0", "S02.2", "S01.8", "S20.2", "S31.1"],
                ["Y04.4", "Y00.4", "X99.4", "Y04.0"]),
    "co_home": (0.04, ["T58"], ["X47.0"]),
    "poisoning": (0.03, ["T39.1", "T42.4", "T43.2", "T51.0", "T60.0"],
                  ["X40.0", "X41.0", "X42.0", "X45.0", "X48.0", "X68.0"]),
    "sport": (0.07, ["S83.5", "S93.4", "S62.3", "S43.0"], ["W03.3", "W21.3", "W01.3"]),
}

# deaths: sub-class -> (fatal diagnoses, external causes)
DEATH_ICD: dict[str, tuple[list[str], list[str]]] = {
    "natural": (["I21.9", "I63.9", "I61.9", "C34.9", "J44.1", "C22.0", "C16.9", "I50.9",
                 "J18.9", "N18.5", "I25.1", "C15.9", "K74.6"], []),
    "sudden": (["I46.1", "I21.9", "I61.9", "R96.0"], []),
    "traffic": (["S06.5", "S06.9", "S27.3", "S36.1", "T06.8", "T07"],
                ["V43.5", "V23.4", "V29.9", "V03.1", "V89.2", "V47.5"]),
    "fall": (["S06.5", "S72.0", "S06.9", "S32.0"], ["W01.0", "W10.0", "W18.0", "W19.0", "W13.0"]),
    "drowning": (["T75.1"], ["W69.8", "W73.8", "W65.0", "W74.8"]),
    "co": (["T58"], ["X47.0"]),
}

DEATH_CAUSE_TEXT = {
    "natural": ["病故", "疾病", "病亡", "正常死亡", "自然死亡", "心脏病", "脑梗塞", "脑出血", "肺癌",
                "肝癌", "呼吸衰竭", "心肌梗死", "慢性阻塞性肺病", "衰老"],
    "sudden": ["猝死", "心源性猝死", "突发疾病", "病故"],
    "traffic": ["交通事故", "车祸", "意外", "交通事故死亡"],
    "fall": ["意外摔伤", "摔伤", "意外", "跌倒"],
    "drowning": ["溺水", "意外", "溺亡"],
    "co": ["一氧化碳中毒", "煤气中毒", "意外"],
    "incident": ["工伤", "事故", "意外", "工亡", "意外事故", "工伤死亡"],
    "falsified": ["病故", "猝死", "突发疾病", "心脏病", "疾病", "心源性猝死"],
}
ACCIDENT_TYPE_ZH = {
    "roof_fall": "冒顶片帮", "gas_explosion": "瓦斯爆炸", "flooding": "透水",
    "fall_from_height": "高处坠落", "struck_by_object": "物体打击", "machinery": "机械伤害",
    "electrocution": "触电", "poisoning_asphyxiation": "中毒窒息", "vehicle": "车辆伤害",
    "lifting": "起重伤害", "collapse": "坍塌", "fire": "火灾", "explosion": "爆炸",
    "burn": "灼烫", "other": "其他伤害",
}
WORK_PLACES = {
    "coal_mining": "井下", "non_coal_mining": "采场", "hazardous_chemicals": "生产装置区",
    "metallurgy": "车间", "construction": "施工现场", "transport": "运输途中",
    "fireworks": "生产车间", "manufacturing": "车间", "other": "工作场所",
}
VILLAGES = ["城关镇", "东关村", "西沟村", "南庄村", "北村", "新村", "下庄村", "后沟村", "王家庄",
            "李家岭", "河底村", "南关街道"]
