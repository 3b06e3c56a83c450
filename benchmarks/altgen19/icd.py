"""ICD-10 diagnoses and external causes by kind of injury (dot notation, place as 4th char)."""

from __future__ import annotations

# accident type -> (principal diagnoses of a serious or fatal injury, external causes at work)
OCCUPATIONAL: dict[str, tuple[list[str], list[str]]] = {
    "roof_fall": (["S06.5", "S06.2", "S32.0", "S22.4", "T07", "S72.3", "S12.0"], ["W20.6"]),
    "gas_explosion": (["T31.4", "T31.6", "T29.3", "S06.2", "T58"], ["W40.6", "X47.6"]),
    "flooding": (["T75.1", "T71"], ["W73.6", "W69.6"]),
    "fall_from_height": (["S06.5", "S32.0", "S72.0", "T02.8", "S22.4", "S82.2"],
                         ["W13.6", "W17.6", "W11.6", "W12.6"]),
    "struck_by_object": (["S06.5", "S02.0", "S27.3", "S32.0", "S82.2", "S42.0"], ["W20.6"]),
    "machinery": (["S68.1", "S67.0", "S57.8", "S38.1", "T04.4", "S06.5"],
                  ["W31.6", "W24.6", "W23.6"]),
    "electrocution": (["T75.4", "T31.2", "T29.2"], ["W87.6", "W85.6", "W86.6"]),
    "poisoning_asphyxiation": (["T58", "T59.6", "T71", "T59.7"], ["X47.6"]),
    "vehicle": (["S06.5", "T07", "S32.8", "S36.1", "S72.3"], ["V83.5", "V86.5", "W23.6"]),
    "lifting": (["S06.5", "S32.0", "S22.4", "T07"], ["W24.6", "W20.6"]),
    "collapse": (["T71", "S06.5", "S32.0", "T04.1", "T07"], ["W20.6", "X36.6"]),
    "fire": (["T31.4", "T29.3", "T27.1", "T59.8"], ["X00.6", "X08.6", "X09.6"]),
    "explosion": (["T07", "S06.5", "T31.3", "S05.7"], ["W40.6"]),
    "burn": (["T31.2", "T29.3", "T24.3", "T22.2", "T20.3"], ["X18.6", "X12.6", "X19.6"]),
    "other": (["T07", "S06.5", "S32.0", "T14.9"], ["W49.6", "W99.6"]),
}
# road crashes of hauliers on duty
ROAD_WORK = (["S06.5", "T07", "S27.3", "S32.8", "S72.3"], ["V64.5", "V69.5", "V67.5", "V47.5"])

MINOR_DIAG = ["S61.0", "S61.8", "S62.6", "S60.0", "S90.3", "S80.0", "S01.8", "S00.8", "S40.0",
              "S50.0", "T14.0", "S93.4", "S63.5", "S05.0", "T23.2", "S92.5"]
MINOR_EXT_WORK = ["W20.6", "W23.6", "W31.6", "W01.6", "W17.6", "W26.6", "W24.6", "X12.6",
                  "W22.6", "W45.6"]

# non-occupational injuries: kind -> (weight, min age, max age, winter factor, diagnoses,
# external causes, median stay in days, share of deaths among fatal injuries)
NONOCC: dict[str, tuple[float, int, int, float, list[str], list[str], float]] = {
    "fall_home": (22, 55, 95, 1.2, ["S72.0", "S72.1", "S32.0", "S42.2", "S52.5", "S06.0", "S06.5"],
                  ["W19.0", "W01.0", "W10.0", "W06.0"], 9),
    "fall_street": (12, 15, 85, 2.0, ["S52.5", "S82.6", "S93.4", "S42.0", "S62.1", "S06.0"],
                    ["W00.4", "W01.4", "W19.4"], 5),
    "traffic": (20, 12, 80, 1.0, ["S06.5", "S06.0", "S27.3", "S32.0", "S82.2", "T07", "S42.0"],
                ["V43.5", "V29.4", "V03.1", "V04.1", "V89.2", "V47.5", "V23.4", "V44.6"], 7),
    "assault": (5, 16, 60, 1.0, ["S01.8", "S02.2", "S06.0", "S61.8", "S21.1"],
                ["Y04.9", "Y04.4", "Y04.0", "X99.4"], 4),
    "cut_home": (6, 5, 80, 1.0, ["S61.0", "S61.8", "S51.8", "S41.1"], ["W26.0", "W25.0"], 2),
    "burn_home": (4, 1, 85, 1.4, ["T24.2", "T22.2", "T31.1", "T23.2", "T21.2"],
                  ["X12.0", "X10.0", "X11.0", "X00.0"], 8),
    "animal": (5, 10, 75, 0.8, ["S81.8", "S61.8", "S06.0", "S32.0", "S42.0", "S22.4"],
               ["W54.0", "W55.7", "W54.8", "W55.8"], 4),
    "co_home": (3, 1, 90, 6.0, ["T58"], ["X47.0"], 3),
    "sports": (8, 8, 55, 0.8, ["S83.5", "S93.4", "S62.6", "S42.0", "S83.2"],
               ["W21.3", "W01.3", "W03.3"], 4),
    "farm_machinery": (3, 18, 70, 0.5, ["S68.1", "S57.8", "S62.6", "S82.2"], ["W30.7", "W31.7"], 9),
    "cold": (1.5, 20, 85, 10.0, ["T33.8", "T34.5", "T68", "T35.7"], ["X31.8", "X31.7", "X31.4"], 6),
    "drown": (0.5, 3, 70, 0.3, ["T75.1"], ["W69.8", "W69.9"], 3),
    "unknown": (10, 5, 90, 1.0, ["S06.0", "S52.5", "S82.6", "S61.8", "S01.8", "S42.0", "T14.0"],
                [], 4),
}
# fatal non-occupational injury kinds: kind -> (weight, trace class for the death records)
FATAL_NONOCC: dict[str, tuple[float, str]] = {
    "traffic": (36, "traffic"), "fall_home": (30, "fall"), "co_home": (8, "co"),
    "drown": (6, "drown"), "cold": (4, "cold"), "animal": (3, "animal"), "burn_home": (2, "burn"),
    "unknown": (11, "other"),
}
