"""Free text and codes: accident types by industry, ICD-10 diagnoses and external causes,
death-certificate causes, body origins, accident addresses and work-injury descriptions."""

from __future__ import annotations

import numpy as np

# accident types by firm subtype (weights)
ACC_TYPES = {
    "coal": {"roof_fall": 34, "gas_explosion": 9, "flooding": 8, "vehicle": 15, "machinery": 9,
             "poisoning_asphyxiation": 9, "electrocution": 4, "struck_by_object": 6, "other": 6},
    "mine": {"roof_fall": 33, "fall_from_height": 14, "struck_by_object": 12, "vehicle": 10,
             "explosion": 8, "poisoning_asphyxiation": 9, "flooding": 5, "collapse": 6, "other": 3},
    "hazardous_chemicals": {"poisoning_asphyxiation": 30, "explosion": 18, "fire": 14, "burn": 20,
                            "machinery": 6, "fall_from_height": 9, "other": 3},
    "metallurgy": {"burn": 28, "struck_by_object": 15, "lifting": 15, "machinery": 14,
                   "poisoning_asphyxiation": 14, "fall_from_height": 10, "explosion": 4},
    "building": {"fall_from_height": 46, "collapse": 13, "struck_by_object": 15, "lifting": 11,
                 "electrocution": 8, "machinery": 4, "vehicle": 3},
    "tunnel": {"collapse": 30, "roof_fall": 12, "explosion": 10, "struck_by_object": 14,
               "vehicle": 12, "fall_from_height": 12, "machinery": 6, "poisoning_asphyxiation": 4},
    "transport": {"vehicle": 100},
    "fireworks": {"explosion": 88, "fire": 12},
    "manufacturing": {"machinery": 38, "struck_by_object": 14, "fall_from_height": 14,
                      "electrocution": 9, "lifting": 10, "burn": 7, "poisoning_asphyxiation": 5,
                      "fire": 3},
    "other": {"fall_from_height": 25, "electrocution": 18, "machinery": 15, "vehicle": 12,
              "struck_by_object": 10, "poisoning_asphyxiation": 8, "other": 12},
}


def acc_group(industry: str, subtype: str) -> str:
    if industry == "coal_mining":
        return "coal"
    if industry == "non_coal_mining":
        return "mine"
    if industry == "construction":
        return "tunnel" if subtype in ("tunnel", "hydro") else "building"
    if industry in ("transport", "fireworks", "hazardous_chemicals", "metallurgy", "manufacturing"):
        return industry
    return "other"


# accident type -> (death diagnoses, serious diagnoses, minor diagnoses, external causes)
ACC_ICD = {
    "roof_fall": (["T71", "S06.5", "T04.4", "T07", "S32.0", "S22.4"], ["S32.0", "S72.3", "S82.2",
                  "S22.4", "S06.3", "T04.4"], ["S80.0", "S40.0", "S30.0", "S60.0"],
                  ["W20.6", "W20.6", "W77.6"]),
    "gas_explosion": (["T58", "T71", "T29.3", "T31.5"], ["T58", "T29.2", "T20.2", "S06.3"],
                      ["T58", "T23.1"], ["W40.6", "X47.6"]),
    "flooding": (["T75.1", "T71"], ["T75.1", "T71"], ["T75.1"], ["W73.6"]),
    "fall_from_height": (["S06.5", "S06.6", "S02.1", "T07", "S36.1"], ["S32.0", "S72.3", "S82.2",
                         "S22.0", "S12.9", "S06.3"], ["S93.4", "S60.2", "S80.0", "S52.5"],
                         ["W13.6", "W12.6", "W11.6", "W17.6"]),
    "struck_by_object": (["S06.5", "S02.0", "S27.3", "T07"], ["S02.0", "S22.4", "S42.2", "S82.2"],
                         ["S01.8", "S50.0", "S60.0"], ["W20.6"]),
    "machinery": (["S06.5", "T04.4", "S27.3"], ["S68.1", "S58.1", "S62.6", "T04.2", "S47"],
                  ["S61.0", "S60.0", "S62.6"], ["W31.6", "W23.6"]),
    "electrocution": (["T75.4"], ["T75.4", "T29.3"], ["T75.4"], ["W85.6", "W86.6", "W87.6"]),
    "poisoning_asphyxiation": (["T59.6", "T58", "T71"], ["T58", "T59.6"], ["T59.9", "T58"],
                               ["X47.6"]),
    "vehicle": (["S06.5", "T07", "S36.1", "S27.3", "T04.4"], ["S32.0", "S72.3", "S82.2", "S06.3",
                "S36.0"], ["S80.0", "S30.0", "S00.8"], ["V83.5", "V83.7"]),
    "lifting": (["S06.5", "T04.4"], ["S32.0", "S72.0", "S82.2"], ["S60.0", "S40.0"],
                ["W24.6", "W20.6"]),
    "collapse": (["T71", "T04.4", "S06.5"], ["S32.0", "T04.4", "S72.3"], ["S30.0", "S80.0"],
                 ["W77.6", "W20.6"]),
    "fire": (["T29.3", "T31.7", "T59.8"], ["T29.3", "T31.4", "T20.3"], ["T23.2", "T22.1"],
             ["X00.6", "X09.6"]),
    "explosion": (["T07", "S06.5", "T29.3"], ["T29.3", "S05.7", "S68.1", "T31.3"], ["T23.1", "S00.8"],
                  ["W40.6"]),
    "burn": (["T31.6", "T29.3"], ["T20.3", "T29.3", "T31.3"], ["T23.2", "T24.2"],
             ["X18.6", "X12.6", "X13.6"]),
    "other": (["T07", "S06.5", "T75.1"], ["S32.0", "S82.2"], ["S60.0", "S80.0"], ["W49.6", "W17.6"]),
}
TRAFFIC_EXT = ["V43.5", "V47.5", "V48.5", "V69.5", "V79.9", "V89.2", "V49.4"]
MOTORCYCLE_EXT = ["V28.4", "V29.4", "V23.4", "V27.4"]

# honest certificate causes by accident type (cremation records)
ACC_CAUSE = {
    "roof_fall": ["颅脑损伤", "机械性窒息", "工伤", "意外死亡", "多发伤"],
    "gas_explosion": ["一氧化碳中毒", "爆炸伤", "工伤", "意外死亡"],
    "flooding": ["溺水", "窒息", "工伤", "意外死亡"],
    "fall_from_height": ["高处坠落", "颅脑损伤", "工伤", "意外死亡", "多发伤"],
    "struck_by_object": ["颅脑损伤", "物体打击", "工伤", "意外死亡"],
    "machinery": ["机械伤害", "工伤", "失血性休克", "意外死亡"],
    "electrocution": ["触电", "电击伤", "工伤", "意外死亡"],
    "poisoning_asphyxiation": ["中毒窒息", "硫化氢中毒", "一氧化碳中毒", "工伤"],
    "vehicle": ["交通事故", "车祸", "颅脑损伤", "意外死亡"],
    "lifting": ["起重伤害", "颅脑损伤", "工伤", "意外死亡"],
    "collapse": ["机械性窒息", "坍塌掩埋", "工伤", "意外死亡"],
    "fire": ["烧伤", "火灾", "工伤", "意外死亡"],
    "explosion": ["爆炸伤", "工伤", "意外死亡", "多发伤"],
    "burn": ["烧伤", "烫伤", "工伤", "多器官功能衰竭"],
    "other": ["意外死亡", "工伤", "多发伤"],
}

NATURAL_CAUSES = {
    "病故": 14, "脑出血": 8, "脑梗死": 9, "冠心病": 7, "心肌梗死": 6, "心力衰竭": 6,
    "慢性阻塞性肺疾病": 9, "肺部感染": 6, "呼吸衰竭": 6, "肺癌": 6, "肝癌": 5, "胃癌": 4, "食管癌": 2,
    "结直肠癌": 2, "尿毒症": 2, "糖尿病": 2, "高血压": 3, "肝硬化": 2, "多器官功能衰竭": 3, "衰老": 3,
    "老死": 2, "自然死亡": 3, "猝死": 2, "心源性猝死": 1, "肺结核": 1, "不详": 1,
}
SUDDEN_CAUSES = ["猝死", "心源性猝死", "病故", "突发疾病", "心肌梗死", "脑出血", "疾病死亡"]
VAGUE_CAUSES = ["死亡", "不详", "其他", "意外", None, None]

# non-occupational deaths and injuries: kind -> (weight as death, weight as injury, external
# causes, death diagnoses, injury diagnoses, certificate causes, ages (lo, hi), share male)
NONOCC = {
    "traffic": (0.32, 0.33, ["V03.1", "V04.1", "V23.4", "V28.4", "V29.4", "V43.5", "V47.5", "V48.5",
                             "V19.4", "V89.2"],
                ["S06.5", "S06.6", "T07", "S36.1", "S27.3"], ["S06.0", "S82.2", "S72.3", "S42.2",
                                                              "S52.5", "S22.4", "S32.0", "S00.8"],
                ["交通事故", "车祸", "颅脑损伤", "意外"], (8, 85), 0.72),
    "fall_home": (0.17, 0.22, ["W01.0", "W10.0", "W06.0", "W18.0", "W19.0"],
                  ["S06.5", "S72.0", "S06.6"], ["S72.0", "S72.1", "S32.0", "S52.5", "S42.2", "S22.4",
                                                "S06.0"],
                  ["摔伤", "跌倒", "颅脑损伤", "股骨颈骨折并发肺部感染", "意外"], (60, 98), 0.42),
    "fall_other": (0.03, 0.08, ["W01.4", "W17.8", "W14.8", "W10.4"], ["S06.5", "T07"],
                   ["S82.2", "S93.4", "S52.5", "S06.0", "S42.0"], ["摔伤", "意外", "颅脑损伤"],
                   (10, 85), 0.6),
    "drowning": (0.09, 0.005, ["W69.8", "W74.8", "W65.0"], ["T75.1"], ["T75.1"], ["溺水", "溺亡", "意外"],
                 (3, 75), 0.75),
    "suicide": (0.16, 0.02, ["X68.0", "X70.0", "X80.8"], ["T60.0", "T71", "S06.5"], ["T60.0", "T42.4"],
                ["自缢", "服毒", "农药中毒", "自杀"], (15, 90), 0.62),
    "poison_home": (0.06, 0.03, ["X47.0", "X49.0", "X48.7"], ["T58", "T62.0", "T60.0"],
                    ["T58", "T62.0", "T60.0"], ["一氧化碳中毒", "野生菌中毒", "食物中毒", "农药中毒"],
                    (5, 85), 0.5),
    "snake": (0.01, 0.01, ["X20.7", "X20.8"], ["T63.0"], ["T63.0"], ["毒蛇咬伤", "蛇咬伤"], (18, 72), 0.6),
    "farm": (0.05, 0.07, ["W30.7", "W14.7", "W55.7", "W26.7", "V84.5"], ["S06.5", "T07", "S36.1"],
             ["S82.2", "S61.8", "S06.0", "S72.3", "S22.4", "S32.0"], ["意外", "摔伤", "拖拉机事故"],
             (16, 80), 0.7),
    "assault": (0.03, 0.04, ["Y04.4", "X99.0", "Y00.8"], ["S06.5", "S21.1", "S31.1"],
                ["S06.0", "S01.8", "S21.1", "S61.8"], ["他杀", "外伤", "意外"], (16, 70), 0.8),
    "electro_home": (0.02, 0.005, ["W86.0", "W85.7"], ["T75.4"], ["T75.4"], ["触电", "意外"], (8, 80), 0.7),
    "fire_home": (0.02, 0.015, ["X00.0"], ["T29.3", "T59.8"], ["T29.2", "T24.2", "T22.2"], ["火灾", "烧伤"],
                  (2, 90), 0.55),
    "cut_home": (0.0, 0.08, ["W26.0", "W25.0"], ["T07"], ["S61.0", "S61.8", "S51.8"], ["意外"],
                 (5, 85), 0.55),
    "burn_home": (0.0, 0.04, ["X12.0", "X11.0", "X15.0"], ["T31.2"], ["T24.2", "T22.2", "T23.2"],
                  ["烫伤"], (1, 85), 0.45),
    "animal": (0.0, 0.05, ["W54.0", "W54.4", "W55.7"], ["T07"], ["S61.8", "S81.8", "S51.8"], ["意外"],
               (3, 85), 0.5),
    "sport": (0.0, 0.03, ["W02.3", "W51.3", "W01.3"], ["T07"], ["S83.2", "S93.4", "S42.0", "S52.5"],
              ["意外"], (8, 50), 0.75),
    "landslide": (0.005, 0.0, ["X36.8"], ["T71", "T07"], ["S82.2"], ["滑坡灾害", "自然灾害", "意外"],
                  (1, 90), 0.5),
}

# minor work injuries (ordinary claims, not accidents of the register)
WORK_MINOR = [("S61.0", "W26.6", "作业中被刀具割伤手指"), ("S62.6", "W23.6", "被设备挤压致手指骨折"),
              ("S93.4", "W01.6", "搬运物料时滑倒扭伤踝部"), ("S33.5", "W18.6", "搬运货物时扭伤腰部"),
              ("S60.0", "W20.6", "被掉落的工具砸伤手部"), ("S52.5", "W01.6", "在车间地面滑倒摔伤"),
              ("S82.2", "W17.6", "下台阶时踩空摔伤"), ("T23.2", "X12.6", "被热水烫伤手部"),
              ("S05.0", "W44.6", "作业时异物溅入眼睛"), ("S42.0", "W17.6", "在作业平台上摔倒")]
COMMUTE = [("S82.2", "V29.4", "下班途中驾驶摩托车与货车相撞受伤"), ("S42.2", "V19.4", "上班途中骑电动车被机动车撞伤"),
           ("S06.0", "V03.1", "上班途中步行时被车辆撞伤")]

# work-injury descriptions (what a claim says happened)
ACC_ACTION = {
    "roof_fall": ["在井下采场作业时顶板冒落被砸", "在巷道支护时发生片帮被埋压", "在掘进工作面作业时被落石砸中"],
    "gas_explosion": ["在井下作业时发生瓦斯爆炸", "在回采工作面作业时遇瓦斯爆炸"],
    "flooding": ["在井下作业时发生透水被困", "在掘进巷道作业时遇突水"],
    "fall_from_height": ["在脚手架上作业时不慎坠落", "在楼面临边作业时坠落", "在溜井口作业时坠落"],
    "struck_by_object": ["作业时被高处坠落的物料砸中", "被飞溅的石块击中头部"],
    "machinery": ["操作设备时被卷入", "清理皮带机时被卷入", "检修设备时被机械挤压"],
    "electrocution": ["检修线路时触电", "作业时触碰带电导线"],
    "poisoning_asphyxiation": ["进入罐体作业时中毒窒息", "在井下盲巷作业时缺氧窒息", "清理污水池时中毒"],
    "vehicle": ["驾驶车辆在运输途中发生事故", "在作业场地被运输车辆碾压"],
    "lifting": ["被塔吊吊物砸中", "起吊作业时被吊物撞击"],
    "collapse": ["在基坑内作业时土方坍塌被埋", "隧道掌子面坍塌被埋压", "边坡坍塌被埋"],
    "fire": ["车间发生火灾被烧伤", "仓库起火扑救时被烧伤"],
    "explosion": ["作业时发生爆炸", "装药时发生爆炸"],
    "burn": ["被高温熔融金属烫伤", "被高温蒸汽烫伤", "被化学品灼伤"],
    "other": ["作业时发生意外"],
}

TOWN_A = list("新大小龙马石金青松白黑红云水东西南北长平安宝富永德河高老中上下太兴罗杨李黄沙乌哈者普以芒")
TOWN_B = list("街甸坝山沟河溪塘营厂场庄寨坡岭湾田阳和平龙哨铺关堡")
DAI_TOWN = ["勐罕", "勐仑", "勐养", "嘎洒", "曼景", "勐遮", "打洛", "勐混", "遮放", "弄岛", "勐秀", "勐捧"]
ROADS = ["G85渝昆高速", "G56杭瑞高速", "G80广昆高速", "G8011开河高速", "G5611大丽高速", "G213线", "G214线",
         "G320线", "G324线", "G326线", "S101线", "S214线", "S218线", "S303线", "X012线", "X104线"]
RIVERS = ["金沙江", "澜沧江", "怒江", "南盘江", "元江", "牛栏江", "抚仙湖", "洱海", "滇池", "大盈江"]


def town(rng: np.random.Generator, county: str) -> str:
    if county[:4] in ("5328", "5331") and rng.random() < 0.6:
        return DAI_TOWN[int(rng.integers(len(DAI_TOWN)))] + "镇"
    return TOWN_A[int(rng.integers(len(TOWN_A)))] + TOWN_B[int(rng.integers(len(TOWN_B)))] + \
        ("镇" if rng.random() < 0.7 else "乡")


def village(rng: np.random.Generator) -> str:
    return TOWN_A[int(rng.integers(len(TOWN_A)))] + TOWN_B[int(rng.integers(len(TOWN_B)))] + "村"


def road_point(rng: np.random.Generator) -> str:
    return f"{ROADS[int(rng.integers(len(ROADS)))]}K{int(rng.integers(3, 2900))}+{int(rng.integers(0, 10)) * 100}处"


def pick(rng: np.random.Generator, seq):
    return seq[int(rng.integers(len(seq)))]


def accident_address(rng: np.random.Generator, place: str, county: str, group: str, firm_short: str,
                     atype: str) -> str:
    t = town(rng, county)
    if atype == "vehicle" and group == "transport":
        return f"{place}境内{road_point(rng)}"
    if group in ("coal", "mine"):
        lvl = int(rng.integers(8, 22)) * 100 if group == "mine" else int(rng.integers(9, 20)) * 100
        where = pick(rng, [f"井下+{lvl}m水平", f"{lvl}中段{int(rng.integers(1, 12))}号采场",
                           f"{pick(rng, ['一', '二', '三'])}采区运输巷", "主斜井"])
        return f"{place}{t}{firm_short}{where}"
    if group == "tunnel":
        tn = pick(rng, TOWN_A) + pick(rng, TOWN_B)
        return f"{place}{t}{tn}{pick(rng, ['隧道进口', '隧道出口', '隧道', '水电站引水隧洞'])}施工现场"
    if group == "building":
        return f"{place}{t}{pick(rng, TOWN_A)}{pick(rng, ['苑', '城', '府', '广场', '花园'])}" \
               f"{pick(rng, ['项目', '二期项目', '安置房项目'])}{int(rng.integers(1, 30))}号楼"
    return f"{place}{t}{firm_short}{pick(rng, ['厂区', '生产车间', '作业区', '仓库', '装置区'])}"


def claim_description(rng: np.random.Generator, date_text: str, atype: str, outcome: str) -> str:
    act = pick(rng, ACC_ACTION.get(atype, ACC_ACTION["other"]))
    if outcome == "death":
        tail = pick(rng, ["，经抢救无效死亡", "，当场死亡", "，送医后经抢救无效死亡"])
    else:
        tail = pick(rng, ["受伤", "，致腰椎骨折", "，致多处骨折", "，致颅脑损伤", "受伤住院治疗"])
    return f"{date_text}，{act}{tail}"
