"""Accident types by industry, and the ICD-10 codes hospitals write for each kind of harm."""

from __future__ import annotations

import random

Table = list[tuple[str, float]]

ACCIDENT_TYPES: dict[str, Table] = {
    "coal_mining": [("roof_fall", 30), ("gas_explosion", 5), ("flooding", 4), ("vehicle", 14),
                    ("machinery", 10), ("struck_by_object", 10), ("poisoning_asphyxiation", 6),
                    ("collapse", 9), ("electrocution", 3), ("fall_from_height", 4), ("fire", 2),
                    ("explosion", 3)],
    "non_coal_mining": [("roof_fall", 20), ("collapse", 14), ("fall_from_height", 14),
                        ("vehicle", 12), ("struck_by_object", 12), ("machinery", 8),
                        ("poisoning_asphyxiation", 8), ("explosion", 6), ("flooding", 3),
                        ("electrocution", 3)],
    "hazardous_chemicals": [("poisoning_asphyxiation", 25), ("explosion", 18), ("fire", 15),
                            ("burn", 12), ("fall_from_height", 8), ("machinery", 8),
                            ("struck_by_object", 6), ("lifting", 4), ("vehicle", 4)],
    "metallurgy": [("burn", 25), ("machinery", 18), ("lifting", 15), ("poisoning_asphyxiation", 12),
                   ("explosion", 8), ("fall_from_height", 10), ("struck_by_object", 10),
                   ("electrocution", 2)],
    "construction": [("fall_from_height", 45), ("struck_by_object", 15), ("collapse", 12),
                     ("lifting", 10), ("machinery", 6), ("electrocution", 6), ("vehicle", 4),
                     ("poisoning_asphyxiation", 2)],
    "transport": [("vehicle", 82), ("fire", 6), ("explosion", 5), ("poisoning_asphyxiation", 4),
                  ("other", 3)],
    "manufacturing": [("machinery", 40), ("struck_by_object", 12), ("fall_from_height", 10),
                      ("electrocution", 8), ("burn", 8), ("fire", 8), ("lifting", 8),
                      ("poisoning_asphyxiation", 6)],
    "fireworks": [("explosion", 80), ("fire", 20)],
    "other": [("machinery", 25), ("fall_from_height", 20), ("electrocution", 15),
              ("poisoning_asphyxiation", 15), ("struck_by_object", 10), ("other", 15)],
}
TYPE_ZH = {"roof_fall": "冒顶片帮", "gas_explosion": "瓦斯爆炸", "flooding": "透水",
           "fall_from_height": "高处坠落", "struck_by_object": "物体打击", "machinery": "机械伤害",
           "electrocution": "触电", "poisoning_asphyxiation": "中毒和窒息", "vehicle": "车辆伤害",
           "lifting": "起重伤害", "collapse": "坍塌", "fire": "火灾", "explosion": "爆炸",
           "burn": "灼烫", "other": "其他伤害"}

# mechanism of each accident type: the diagnoses (fatal, serious, minor) and external causes
MECHANISM = {"roof_fall": "crush", "collapse": "crush", "struck_by_object": "crush",
             "lifting": "crush", "fall_from_height": "fall", "gas_explosion": "blast",
             "explosion": "blast", "fire": "burn", "burn": "burn",
             "poisoning_asphyxiation": "gas", "electrocution": "electric", "flooding": "drown",
             "machinery": "machine", "vehicle": "vehicle", "other": "machine"}
DX: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # fatal, serious; minor injuries share one list
    "crush": (("S06.5", "T07", "S27.3", "S36.1", "S12.9"), ("S32.0", "S72.0", "S22.4", "S82.2",
                                                          "S36.0", "S32.7")),
    "fall": (("S06.5", "S06.6", "T07", "S12.9"), ("S32.0", "S72.0", "S82.2", "S06.3", "S42.2")),
    "blast": (("T07", "T31.7", "T29.3"), ("T31.3", "T29.2", "S06.3")),
    "burn": (("T31.7", "T31.5", "T29.3"), ("T31.2", "T31.3", "T29.2")),
    "gas": (("T71", "T58", "T59.8"), ("T58", "T59.8", "T59.7")),
    "electric": (("T75.4",), ("T75.4", "T31.2")),
    "drown": (("T75.1", "T71"), ("T75.1",)),
    "machine": (("T07", "S06.5", "S38.1"), ("S68.1", "S58.1", "S52.5", "S67.8")),
    "vehicle": (("S06.5", "T07", "S27.3", "S36.1"), ("S72.0", "S32.0", "S22.4", "S82.2")),
}
MINOR_DX = ("S61.0", "S60.2", "S80.0", "S01.8", "S93.4", "S20.2", "T14.0", "S50.0", "S40.0")
EXT: dict[str, tuple[str, ...]] = {
    "roof_fall": ("W20.6",), "collapse": ("W77.6", "W20.6"), "struck_by_object": ("W20.6", "W22.6"),
    "lifting": ("W24.6", "W23.6"), "fall_from_height": ("W13.6", "W12.6", "W11.6", "W17.6"),
    "gas_explosion": ("W40.6",), "explosion": ("W40.6", "W36.6", "W38.6"),
    "fire": ("X09.6", "X00.6"), "burn": ("X12.6", "X13.6", "X18.6"),
    "poisoning_asphyxiation": ("X47.6", "W78.6"), "electrocution": ("W86.6", "W87.6"),
    "flooding": ("W73.6",), "machinery": ("W31.6", "W24.6", "W28.6"),
    "vehicle": ("V83.9", "V86.9"), "other": ("W49.6",),
}
ROAD_EXT = ("V69.5", "V64.5", "V67.5", "V68.5")  # heavy goods vehicle driver, traffic

DESC: dict[str, str] = {
    "roof_fall": "在{site}井下作业时顶板冒落被砸伤",
    "collapse": "在{site}作业时边坡坍塌被掩埋",
    "struck_by_object": "在{site}作业时被坠落物体击伤",
    "lifting": "在{site}吊装作业时被吊物挤伤",
    "fall_from_height": "在{site}高处作业时坠落",
    "gas_explosion": "在{site}井下发生瓦斯爆炸受伤",
    "explosion": "在{site}发生爆炸受伤",
    "fire": "在{site}发生火灾被烧伤",
    "burn": "在{site}作业时被高温物料烫伤",
    "poisoning_asphyxiation": "在{site}进入受限空间作业时中毒窒息",
    "electrocution": "在{site}作业时触电",
    "flooding": "在{site}井下发生透水",
    "machinery": "在{site}操作设备时被机械绞伤",
    "vehicle": "在{site}作业时被车辆碾压",
    "other": "在{site}工作时受伤",
}


def pick(rng: random.Random, table: Table) -> str:
    return rng.choices([k for k, _ in table], weights=[w for _, w in table])[0]


def injury_codes(rng: random.Random, atype: str, outcome: str,
                 road: bool = False) -> tuple[str, str]:
    """(diagnosis, external cause) for one casualty of an accident of type ``atype``."""
    fatal, serious = DX[MECHANISM[atype]]
    if outcome == "death":
        dx = rng.choice(fatal)
    elif outcome == "serious_injury":
        dx = rng.choice(serious)
    else:
        dx = rng.choice(MINOR_DX)
    ext = rng.choice(ROAD_EXT) if road else rng.choice(EXT[atype])
    return dx, ext
