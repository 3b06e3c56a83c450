"""What the records say: accident types by industry, ICD-10 codes by mechanism, causes of death as
registrars and death certificates write them, work-injury descriptions, enterprise names."""

from __future__ import annotations

INDUSTRIES = ("coal_mining", "non_coal_mining", "hazardous_chemicals", "metallurgy",
              "construction", "transport", "fireworks", "manufacturing", "other")
HIGH_RISK = frozenset({"coal_mining", "non_coal_mining", "hazardous_chemicals", "metallurgy",
                       "construction", "fireworks"})

ACCIDENT_TYPES: dict[str, dict[str, float]] = {
    "coal_mining": {"roof_fall": .35, "gas_explosion": .08, "flooding": .07, "vehicle": .15,
                    "machinery": .1, "electrocution": .05, "poisoning_asphyxiation": .08,
                    "other": .12},
    "non_coal_mining": {"roof_fall": .3, "collapse": .15, "fall_from_height": .15, "vehicle": .12,
                        "machinery": .1, "explosion": .08, "poisoning_asphyxiation": .05,
                        "struck_by_object": .05},
    "metallurgy": {"burn": .22, "poisoning_asphyxiation": .18, "machinery": .15, "lifting": .12,
                   "struck_by_object": .1, "fall_from_height": .1, "explosion": .05,
                   "vehicle": .05, "electrocution": .03},
    "hazardous_chemicals": {"poisoning_asphyxiation": .3, "explosion": .2, "fire": .15,
                            "burn": .15, "fall_from_height": .05, "machinery": .05, "other": .1},
    "construction": {"fall_from_height": .5, "struck_by_object": .15, "collapse": .12,
                     "lifting": .1, "electrocution": .06, "machinery": .04, "vehicle": .03},
    "fireworks": {"explosion": .85, "fire": .15},
    "manufacturing": {"machinery": .4, "struck_by_object": .1, "fall_from_height": .1,
                      "electrocution": .06, "burn": .06, "lifting": .08, "vehicle": .08,
                      "poisoning_asphyxiation": .06, "other": .06},
    "transport": {"vehicle": .92, "other": .08},
    "other": {"fall_from_height": .25, "electrocution": .15, "poisoning_asphyxiation": .2,
              "vehicle": .1, "struck_by_object": .1, "other": .2},
}

# accident type -> (diagnoses, external causes at the work site)
TRAUMA: dict[str, tuple[list[str], list[str]]] = {
    "roof_fall": (["S32.0", "S22.4", "S06.5", "T07", "S72.3", "S02.0"], ["W20.6"]),
    "collapse": (["T71", "T07", "S32.0", "S22.4"], ["W77.6", "W20.6"]),
    "gas_explosion": (["T07", "T29.3", "T58"], ["W40.6"]),
    "flooding": (["T75.1"], ["W74.6", "W73.6"]),
    "fall_from_height": (["S06.5", "S06.6", "T07", "S32.0", "S72.0", "S02.0", "S22.4"],
                         ["W13.6", "W12.6", "W11.6", "W17.6"]),
    "struck_by_object": (["S06.5", "S02.0", "S22.4", "T07", "S06.6"], ["W20.6"]),
    "machinery": (["T04.7", "T07", "S68.1", "S47", "S38.1"], ["W31.6", "W24.6", "W30.6"]),
    "electrocution": (["T75.4"], ["W87.6", "W85.6"]),
    "poisoning_asphyxiation": (["T59.6", "T58", "T71", "T59.8"], ["X47.6"]),
    "vehicle": (["S06.5", "T07", "S27.3", "S36.1"], ["V83.5", "V83.7", "W20.6"]),
    "lifting": (["S06.5", "T07", "S22.4", "S32.0"], ["W24.6", "W20.6"]),
    "fire": (["T29.3", "T31.5", "T58"], ["X00.6", "X09.6"]),
    "explosion": (["T29.3", "T07", "T31.5"], ["W40.6"]),
    "burn": (["T24.3", "T29.3", "T31.4", "T20.3"], ["X18.6", "X12.6", "X19.6"]),
    "other": (["T14.9", "T07"], ["X59.9", "W49.6"]),
}
FIREWORKS_EXT = "W39.6"
ROAD_EXT = ["V43.5", "V47.5", "V64.5", "V44.5", "V03.1", "V23.4"]

CAUSE_HONEST: dict[str, list[str]] = {
    "roof_fall": ["冒顶砸伤致死", "多发伤", "颅脑损伤"],
    "collapse": ["窒息死亡", "机械性窒息", "多发伤"],
    "gas_explosion": ["瓦斯爆炸致死", "烧伤", "一氧化碳中毒"],
    "flooding": ["溺水", "溺亡"],
    "fall_from_height": ["高处坠落致颅脑损伤", "高坠伤", "颅脑损伤", "多发伤"],
    "struck_by_object": ["颅脑损伤", "物体打击致死", "多发伤"],
    "machinery": ["机械伤害", "挤压伤", "多发伤"],
    "electrocution": ["电击伤", "触电死亡"],
    "poisoning_asphyxiation": ["一氧化碳中毒", "硫化氢中毒", "中毒窒息", "窒息死亡"],
    "vehicle": ["车辆伤害", "交通事故", "颅脑损伤"],
    "lifting": ["起重伤害", "颅脑损伤", "多发伤"],
    "fire": ["烧伤", "火灾致死", "吸入性损伤"],
    "explosion": ["爆炸伤", "烧伤", "多发伤"],
    "burn": ["烧伤", "灼烫伤", "大面积烧伤"],
    "other": ["意外死亡", "多发伤"],
}
CAUSE_GENERIC_WORK = ["工伤死亡", "意外死亡", "意外", "工亡"]

ILLNESS = ["病故", "心脏病", "冠心病", "急性心肌梗死", "脑出血", "脑梗死", "肺癌", "肝癌", "胃癌",
           "食管癌", "呼吸衰竭", "心力衰竭", "多器官功能衰竭", "慢性阻塞性肺疾病", "尿毒症",
           "糖尿病并发症", "猝死", "自然死亡", "正常死亡", "肺部感染"]
ILLNESS_P = [14, 8, 7, 4, 8, 8, 5, 3, 3, 3, 5, 4, 3, 4, 2, 2, 3, 3, 4, 3]
SUDDEN = ["猝死", "心源性猝死", "呼吸心跳骤停", "急性心肌梗死", "脑出血"]
DISGUISE_ILLNESS = ["病故", "猝死", "心源性猝死", "呼吸心跳骤停", "心脏病", "急性心肌梗死",
                    "脑出血", "疾病"]
VAGUE = ["意外", "不详", "死亡", "意外死亡"]

DEREG_NATURAL = ["病故", "疾病死亡", "正常死亡", "病亡"]
DEREG_ACCIDENT = ["意外", "意外死亡", "事故死亡"]
DEREG_WORK = ["工伤", "工亡", "意外", "事故死亡"]

# injury mechanisms of the hospitals' background: (diagnoses, external causes)
ROAD_CODES = ["V03.1", "V13.4", "V23.4", "V28.4", "V29.4", "V43.5", "V47.5", "V49.4", "V89.2",
              "V87.7"]
ROAD_DIAG = ["S06.0", "S06.5", "S82.2", "S42.0", "S22.4", "T07", "S00.0", "S01.0", "S52.5",
             "S32.0", "S06.6", "S27.3"]

ROUTINE_WORK: dict[str, tuple[list[str], list[str], list[str]]] = {
    # mechanism: diagnoses, external causes, description fragments
    "hand": (["S61.0", "S62.6", "S68.1", "S60.2", "S66.9", "S62.5"],
             ["W31.6", "W24.6", "W23.6", "W29.6"],
             ["操作机器时右手被压伤", "操作冲床时左手手指被压伤", "清理设备时手指被卷入致伤",
              "操作切割机时左手被划伤"]),
    "struck": (["S92.3", "S82.8", "S01.0", "S20.2", "S40.0", "S06.0"], ["W20.6", "W22.6"],
               ["搬运钢材时砸伤右脚", "在工地被掉落的模板砸伤肩部", "检修设备时被扳手击伤头部",
                "卸货时被货物砸伤左脚"]),
    "fall": (["S52.5", "S82.6", "S93.4", "S42.0", "S32.0", "S22.3"], ["W01.6", "W11.6", "W17.6",
                                                                      "W10.6"],
             ["在厂区行走时滑倒致右踝骨折", "从梯子上摔下致左腕骨折", "上下楼梯时踩空摔伤",
              "在工地作业时从低处跌落受伤"]),
    "cut": (["S61.0", "S51.0", "S81.8", "S05.0"], ["W25.6", "W26.6", "W45.6"],
            ["打磨作业时铁屑溅入右眼", "切割钢材时被砂轮片划伤左手", "加工零件时被铁片划伤"]),
    "burn": (["T23.2", "T24.2", "T22.2", "T26.0"], ["X12.6", "X18.6", "X19.6"],
             ["在车间作业时被钢水溅伤", "检修管道时被热水烫伤", "焊接作业时烫伤右手"]),
    "strain": (["S33.5", "S39.0", "S13.4", "S83.6"], ["X50.6"],
               ["搬运货物时扭伤腰部", "抬重物时扭伤腰部"]),
}
COMMUTE_DESC = ["下班途中驾驶电动自行车与机动车相撞受伤，本人非主要责任",
                "上班途中被机动车撞伤，本人无责任", "下班途中发生交通事故受伤，本人负次要责任"]
COMMUTE_DEATH_DESC = ["上班途中发生交通事故死亡，本人非主要责任", "下班途中驾驶摩托车与货车相撞死亡，本人负次要责任"]
SUDDEN_DESC = ["工作时间在工作岗位突发疾病，48小时内经抢救无效死亡",
               "在岗期间突发心脏病，送医抢救无效死亡", "值班期间突发脑出血，经抢救无效死亡"]
REJECTED_DESC = ["在家中突发疾病死亡", "下班后饮酒后摔伤", "非工作时间在厂外受伤",
                 "休息日在家中摔伤", "与同事争执中受伤"]

DEATH_DESC: dict[str, str] = {
    "roof_fall": "在井下作业时遭遇冒顶被砸",
    "collapse": "在作业中遭遇坍塌被埋压",
    "gas_explosion": "在井下作业时遭遇瓦斯爆炸",
    "flooding": "在井下作业时遭遇透水",
    "fall_from_height": "在施工作业中从高处坠落",
    "struck_by_object": "在作业中被坠落物体击中头部",
    "machinery": "在设备检修时被机械绞入",
    "electrocution": "在作业时触电",
    "poisoning_asphyxiation": "在作业中吸入有毒气体",
    "vehicle": "在厂区内被运输车辆撞伤",
    "lifting": "在吊装作业时被吊物砸伤",
    "fire": "在火灾中被烧伤",
    "explosion": "在作业中遭遇爆炸",
    "burn": "在作业中被高温物料烫伤",
    "other": "在作业中发生意外",
}
VAGUE_INJURY_DESC = ["在工作中不慎摔伤", "在工地受伤", "工作期间受伤", "外出作业时受伤"]
VAGUE_WORK_DESC = ["在工作中不慎摔伤，经抢救无效死亡", "在工地受伤后经医院抢救无效死亡",
                   "工作期间受伤死亡", "外出作业时发生意外死亡"]

WORKSHOP = {  # the sub-unit of an enterprise where things happen, for addresses
    "metallurgy": ["炼钢车间", "炼铁车间", "轧钢车间", "焦化车间", "烧结车间", "煤气柜区域"],
    "hazardous_chemicals": ["合成车间", "罐区", "精馏装置区", "反应釜车间", "污水处理站"],
    "manufacturing": ["生产车间", "冲压车间", "装配车间", "仓库"],
    "coal_mining": ["井下采煤工作面", "井下掘进工作面", "主运输巷", "副井"],
    "non_coal_mining": ["井下采场", "露天采场", "溜井", "选矿车间"],
    "fireworks": ["加工作坊", "装药间", "仓库"],
    "other": ["污水井", "地下管廊", "厂区"],
}

ENT_SUFFIX: dict[str, list[str]] = {
    "steel": ["钢铁有限公司", "钢铁集团有限公司", "特钢有限公司", "轧钢有限公司", "冶金有限公司",
              "铸造有限公司"],
    "coking": ["焦化有限公司", "煤化工有限公司"],
    "non_coal_mining": ["矿业有限公司", "铁矿", "石料有限公司", "矿产品有限公司", "采石场"],
    "coal_mining": ["煤业有限责任公司", "煤矿", "能源有限公司"],
    "hazardous_chemicals": ["化工有限公司", "化学有限公司", "石化有限公司", "精细化工有限公司",
                            "新材料科技有限公司", "气体有限公司"],
    "construction": ["建筑工程有限公司", "建设集团有限公司", "建工集团有限公司", "市政工程有限公司",
                     "建筑安装工程有限公司"],
    "labour_sub": ["建筑劳务分包有限公司", "劳务分包有限公司", "建筑劳务有限公司"],
    "fireworks": ["烟花爆竹有限公司", "花炮有限公司"],
    "workshop": ["纸制品加工厂", "彩印包装厂", "纸管加工厂"],
    "manufacturing": ["机械制造有限公司", "家具有限公司", "纺织有限公司", "玻璃制品有限公司",
                      "汽车配件有限公司", "紧固件有限公司", "丝网制品有限公司", "皮革制品有限公司",
                      "食品有限公司", "塑料制品有限公司", "电子科技有限公司", "服装有限公司"],
    "transport": ["物流有限公司", "运输有限公司", "货运有限公司", "汽车运输有限公司"],
    "hazmat_transport": ["危险货物运输有限公司", "危货运输有限公司"],
    "other": ["商贸有限公司", "物业服务有限公司", "环境工程有限公司", "市政养护有限公司",
              "餐饮管理有限公司", "科技有限公司", "农业开发有限公司"],
    "dispatch": ["劳务派遣有限公司", "人力资源服务有限公司", "人力资源有限公司"],
}
SHORT_WORD = {"steel": "钢铁", "coking": "焦化", "non_coal_mining": "矿业", "coal_mining": "煤矿",
              "hazardous_chemicals": "化工", "construction": "建筑", "labour_sub": "劳务",
              "fireworks": "花炮", "workshop": "纸品厂", "manufacturing": "厂",
              "transport": "物流", "hazmat_transport": "运输", "other": "公司", "dispatch": "劳务"}
BRAND_CHARS = "鑫隆泰盛达昌源恒裕金宏兴丰华瑞祥鼎诚信通海天宇众凯荣德顺安利福新建永中冀燕久晟辉明远"
