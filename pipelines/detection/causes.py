"""Classifying recorded causes: ICD-10 codes and Chinese free text, as polars expressions.

A cause falls in one of these classes (priority order, first that applies):

``occupational``  an external cause that points to work — ICD-10 W00–W19 falls, W20–W49
                  mechanical forces, W85–W87 electric current, X00–X09 fire, X40–X49
                  poisoning (incl. gases) with a place other than home (.0), or any W/X/Y
                  code with place .6 "industrial and construction area" — or text such as
                  工伤, 高处坠落, 触电, 瓦斯, 冒顶, 物体打击;
``traffic``       V01–V99 or 交通事故 / 车祸 (a hard negative unless the person was at work);
``home_injury``   a W/X code with place .0 (home), text naming a fall at home, or household
                  coal-stove gas poisoning (煤气中毒, 一氧化碳中毒) without a work context — the
                  coded form of which is X47 at place .0;
``other_injury``  any other injury: S/T diagnosis, other external cause, 意外, 溺水, 外伤;
``illness``       a disease diagnosis (ICD-10 A–R) or 病故, 病逝, 疾病, 心脏病 …;
``vague``         猝死 (sudden death), 不详, 死因不明, 其他 — what a hidden trauma death is
                  often written off as.

Separate flags (not classes): drowning (W65–W74, 溺水) and non-work injuries (X30–X39 forces
of nature, X60–X84 self-harm, X85–Y09 assault; 自杀, 冻死, 毒蛇咬伤 …), both hard negatives.

Every function returns an expression so the classification runs vectorised inside
the caller's frame; nothing here looks at rows in Python.
"""

from __future__ import annotations

import polars as pl

from linkage.normalize.names import simplify_char
from linkage.normalize.text import icd_clean

CAUSE_CLASSES = ("occupational", "traffic", "home_injury", "other_injury", "illness", "vague")
# Lower number = more specific / more suspicious; a person's cause is the minimum over records.
CAUSE_RANK = {c: i for i, c in enumerate(CAUSE_CLASSES)}

# ICD-10 external-cause ranges that point to work (domain brief).
OCCUPATIONAL_RANGES: tuple[tuple[str, int, int], ...] = (
    ("W", 0, 19),   # falls
    ("W", 20, 49),  # exposure to inanimate mechanical forces
    ("W", 85, 87),  # electric current
    ("X", 0, 9),    # smoke, fire and flames
    ("X", 40, 49),  # accidental poisoning, incl. gases
)

TEXT_OCCUPATIONAL = (
    "工伤|工亡|因工|因公|殉职|公伤|工作中|工作时|作业|施工|井下|矿难|矿井|矿山事故|煤矿事故|工地|车间|脚手架|"
    "高处|高坠|坠落|坠亡|触电|电击|爆炸|炸伤|爆破|瓦斯|冒顶|顶板|片帮|透水|"
    # the accident categories of GB 6441 as written on certificates
    # (not 淹溺: on a death certificate it is drowning, the hard negative, wherever it happened)
    "车辆伤害|放炮|火药|锅炉|容器爆炸|"
    "坍塌|塌方|物体打击|砸|机械伤|机器|卷入|挤压|起重|吊|中毒|窒息|灼烫|灼伤|烧伤|烫伤|火灾|"
    # a production-safety accident named as such, or a work place or post
    "生产事故|生产安全|安全生产|安全事故|工厂|厂区|厂房|矿区|工作场所|岗位|当班|"
    "击中|碾压|绞伤|冲压|坠井|落井|掉入|撞击|被压|压埋|埋压|掩埋|"
    "work injury|at work|fall from height|electrocut|explosion|crush|asphyx|poison|"
    "struck by|caught in|machinery|scaffold|construction site|\\bmines?\\b|mining|colliery|roof fall|cave-in|"
    "collapse|burn|scald"
)
# 撞 (struck) alone is also how a falling or moving object hits a worker (物体撞击): it reads as
# traffic only next to a vehicle or a road.
TEXT_TRAFFIC = ("交通|车祸|车辆|撞车|被车撞|车撞|汽车|货车|客车|轿车|摩托|电动车|电瓶车|三轮车|自行车|骑车|驾车|"
                "机动车|公路|道路|traffic|road|vehicle|motorcycle|car crash")
# A crash while working (a driver on duty) is no commuting accident: work words keep it work.
TEXT_TRAFFIC_AT_WORK = "工伤|工亡|因工|工作中|工作时|作业|施工|岗位|当班|车辆伤害|运输途中|执行任务|at work"
# On the way to or from work (上下班途中): a deemed work injury (视同工伤), no production-safety
# accident — read as traffic.
TEXT_COMMUTE = "上下班|上班途中|下班途中|上班路上|下班路上|commut"
# A sudden illness at work (工作中突发疾病) is a deemed work death (视同工亡) too: the words of work
# context around it do not make it a work accident, unless an injury mechanism is named.
# The regulation's own words for it (工伤保险条例 Art. 15: 突发疾病死亡或者在48小时之内经抢救无效
# 死亡) are also written as a collapse — 晕倒, 昏倒, 晕厥 — and the 48 hours, or as the onset the
# worker felt — 突感不适 (suddenly unwell), 胸闷, 胸痛, 头晕, 呼吸困难 — with no injury named (a blind
# Shanxi generator's 作业中突感不适，送医后抢救无效死亡 read as an accident at work: 12 claims a set, the
# death claims among the top leads).
TEXT_SUDDEN_ILLNESS = ("突发|发病|疾病|心脏病|晕倒|昏倒|晕厥|昏厥|48小时|四十八小时|不适|胸闷|胸痛|头晕|呼吸困难|"
                       "sudden illness|felt unwell")
# Occupational diseases (pneumoconiosis, silicosis) kill slowly and are deemed work deaths too: a
# claim for work-death benefits (申请工亡待遇) of a miner dead of pneumoconiosis names no accident.
TEXT_OCC_DISEASE = "尘肺|矽肺|硅肺|石棉肺|职业病|pneumoconiosis|silicosis|asbestosis"
TEXT_MECHANISM = ("高处|高坠|坠落|坠亡|触电|电击|爆炸|爆破|瓦斯|冒顶|片帮|透水|坍塌|塌方|物体打击|砸|机械伤|"
                  "卷入|挤压|起重|中毒|窒息|灼烫|烧伤|烫伤|火灾|击中|碾压|绞伤|冲压|坠井|落井|伤")
# Legal categories of the work-injury insurance, not injuries: 视同工伤 (deemed a work injury), 工伤
# 认定 (recognition of a work injury).
TEXT_LEGAL_TERMS = "视同工伤|视同工亡|视同因工|工伤认定|认定工伤|工伤|工亡"
# A cause of death that names work itself — the work (工伤, 因工, 作业, 当班), a work place (井下, 工地,
# 车间) or an accident category of GB 6441 as safety officials write it (物体打击, 机械伤害, 起重伤害,
# 高处坠落, 冒顶片帮, 中毒和窒息, 灼烫, …) — against a medical injury mechanism alone (中毒, 窒息,
# 机械性窒息, 电击伤, 烧伤, 爆炸伤, 高坠伤): what a doctor writes for the same injury at home, a hanging,
# a coal-stove poisoning or a house fire as much as for an accident at work.
TEXT_WORK_EXPLICIT = (
    "工伤|工亡|因工|因公|殉职|公伤|工作中|工作时|作业|施工|井下|矿|工地|车间|脚手架|厂区|厂房|工厂|"
    "工作场所|岗位|当班|生产|安全事故|冒顶|顶板|片帮|透水|瓦斯|爆破|放炮|火药|锅炉|容器爆炸|车辆伤害|"
    "物体打击|机械伤害|起重|高处坠落|坍塌|塌方|中毒和窒息|中毒窒息|灼烫|坠井|落井|压埋|埋压|掩埋|卷入|"
    "绞伤|冲压|伤害事故|触电事故|爆炸事故|坠落事故|"
    "work injury|at work|construction site|\\bmines?\\b|mining|colliery|roof fall|cave-in|scaffold|machinery"
)
TEXT_HOME = "家中|在家|居家|浴室|楼梯|at home"
TEXT_OTHER_INJURY = ("非正常死亡|非自然死亡|unnatural|意外|事故|溺水|溺亡|淹|落水|外伤|损伤|创伤|多发伤|骨折|跌|摔|坠楼|自杀|他杀|伤|烧死|烧亡|"
                     "失血|出血性休克|创伤性休克|肝破裂|脾破裂|肝脾破裂|内脏破裂|"
                     "injur|accident|drown|trauma|fall|wound")
# Injuries that are not work: self-harm, assault, forces of nature (cold, heat, lightning).
# Poisonings outside work — food, alcohol, medicines, pesticide (in the countryside mostly
# self-harm) — are injuries, not work poisonings (中毒 alone reads as work: gas, fumes).
# Wild mushrooms (野生菌) are a food poisoning: a summer hard negative where they are picked (Yunnan).
TEXT_NON_WORK_POISON = ("食物中毒|酒精中毒|醉酒|饮酒|药物中毒|药物过量|服药过量|安眠药|农药|百草枯|敌敌畏|"
                        "野生菌|毒蘑菇|蘑菇中毒|毒蕈|菌子中毒|菌中毒|overdose|alcohol|mushroom poison")
# ... and bites and stings of animals (a snake on a rubber plantation, a dog, wasps): a hazard of
# nature like cold or lightning, not an accident of production (ICD-10 W53–W59 and X20–X29 are
# outside the domain's work ranges too)
TEXT_ANIMAL = "蛇咬|毒蛇|蛇伤|被蛇|蜂蜇|蜂螫|马蜂|胡蜂|蜇伤|犬咬|狗咬|被狗|兽咬|野兽|snake|bee sting|wasp|dog bite|animal bite"
TEXT_NON_WORK = ("自杀|自缢|服毒|轻生|他杀|被害|被杀|斗殴|冻死|冻僵|低温|中暑|热射病|雷击|"
                 "suicide|assault|homicide|hypotherm|heat ?stroke|" + TEXT_NON_WORK_POISON + "|" + TEXT_ANIMAL)
TEXT_ILLNESS = (
    "病故|病逝|病亡|疾病|因病|患病|癌|肿瘤|心脏|心肌|心衰|冠心|脑梗|脑出血|脑溢血|中风|卒中|"
    "肺炎|慢阻肺|呼吸衰竭|衰竭|糖尿病|高血压|肝硬化|尿毒症|衰老|老死|自然死亡|寿终|"
    "正常死亡|阻塞性肺|肺气肿|哮喘|肺病|心梗|心律失常|主动脉|白血病|结核|败血症|感染性|肾病|"
    "帕金森|痴呆|阿尔茨海默|病死|"
    # a bleed with no injury named (脑干出血, 消化道出血) is a disease; 外伤性脑出血 is read as an
    # injury first
    "出血|"
    # occupational diseases (pneumoconiosis) kill slowly: an illness, never an accident
    "尘肺|矽肺|硅肺|职业病|"
    "illness|disease|cancer|natural|cardiac|stroke|heart|pneumonia|tumo|respiratory|diabetes|"
    "hypertension|cirrhosis|renal|kidney|liver|old age|organ failure|copd|infarct|myocard|sepsis|leuk|"
    "tubercul|dementia|pneumoconiosis|silicosis"
)
# A mechanism of death (cardiac or respiratory arrest) names no cause: as vague as 不详.
TEXT_VAGUE = ("猝死|不详|不明|未知|其他|其它|原因待查|待查|不清|骤停|停搏|心跳停止|呼吸停止|"
              "sudden|unknown|other|arrest")
# "Cardiac arrest" (心脏骤停) is the arrest, not a heart disease: the organ is dropped before the
# illness patterns are tried, so it reads as vague like 心跳骤停.
TEXT_ORGAN_ARREST = "心脏呼吸骤停|心脏骤停|心脏停搏|cardiac arrest|heart arrest|cardiopulmonary arrest"
# Carbon-monoxide poisoning from a household coal stove (煤气中毒) is a common winter death in
# Shanxi homes: a home injury (ICD-10 X47 at place .0), a hard negative like a fall at home; it
# reads as a work poisoning only with a work context.
TEXT_DOMESTIC_GAS = "煤气中毒|一氧化碳中毒|一氧化碳|煤烟中毒|co中毒"
TEXT_WORK_CONTEXT = "工伤|工亡|作业|施工|井下|矿|瓦斯|透水|车间|工地|岗位|work"
# A claim description that states the death (高处坠落致死亡, 经抢救无效死亡): an application for a
# work death (工亡) still undecided is a death claim all the same.
TEXT_DEATH = "死亡|身亡|致死|遇难|罹难|丧生|亡故|去世|殉职|死于|当场死|died|death|killed|fatal"
# Drowning (ICD-10 W65–W74; 溺水) is mostly a leisure or child death: a hard negative.
TEXT_DROWNING = "溺水|溺亡|溺死|淹死|淹亡|淹溺|落水|drown"


def _letter(code: pl.Expr) -> pl.Expr:
    return code.str.slice(0, 1)


def _number(code: pl.Expr) -> pl.Expr:
    return code.str.slice(1, 2).cast(pl.Int32, strict=False)


def _activity(code: pl.Expr) -> pl.Expr:
    """The 5th character of a W/X/Y code is the activity (``W20.62``: 2 = while working for income)."""
    return code.str.extract(r"^[WXY]\d\d\.?\d(\d)", 1).cast(pl.Int32, strict=False)


def ext_activity_work(code: pl.Expr) -> pl.Expr:
    """Activity code 2, 'while working for income'."""
    return (_activity(code) == 2).fill_null(False)


def _place(code: pl.Expr) -> pl.Expr:
    """The 4th character of a W/X/Y code is the place; V codes carry none."""
    digit = code.str.extract(r"^[WXY]\d\d\.?(\d)", 1).cast(pl.Int32, strict=False)
    return digit


def ext_in_work_range(code: pl.Expr) -> pl.Expr:
    """External cause code within the domain's occupational ranges."""
    letter, num = _letter(code), _number(code)
    cond = pl.lit(False)
    for lt, lo, hi in OCCUPATIONAL_RANGES:
        cond = cond | ((letter == lt) & num.is_between(lo, hi))
    return cond.fill_null(False)


def ext_non_work(code: pl.Expr) -> pl.Expr:
    """X30–X39 forces of nature (cold, heat, lightning), X60–X84 intentional self-harm, X85–Y09
    assault: injuries that do not point to work."""
    letter, num = _letter(code), _number(code)
    return (((letter == "X") & num.is_between(30, 39)) | ((letter == "X") & (num >= 60))
            | ((letter == "Y") & num.is_between(0, 9))).fill_null(False)


def _text_has(text: pl.Expr, pattern: str) -> pl.Expr:
    """The (folded) free text matches ``pattern``, case-insensitively; no text is no match."""
    return text.cast(pl.String).str.to_lowercase().str.contains(pattern).fill_null(False)


def text_non_work(text: pl.Expr) -> pl.Expr:
    return _text_has(text, TEXT_NON_WORK)


def ext_drowning(code: pl.Expr) -> pl.Expr:
    """W65–W74: drowning and submersion — a hard negative unless at an industrial place (.6) or
    while working (activity 2): a mine's water inrush (透水) drowns miners at work."""
    return ((_letter(code) == "W") & _number(code).is_between(65, 74)
            & ~ext_place_industrial(code) & ~ext_activity_work(code)).fill_null(False)


def text_states_death(text: pl.Expr) -> pl.Expr:
    """The free text says the person died (a claim's description of the death it is for); read, like
    the other text flags, from the folded text (遇難 = 遇难)."""
    return _text_has(text, TEXT_DEATH)


def text_work_explicit(text: pl.Expr) -> pl.Expr:
    """The free text names work itself (:data:`TEXT_WORK_EXPLICIT`), not only an injury mechanism
    that work and home share; read from the folded text."""
    return _text_has(text, TEXT_WORK_EXPLICIT)


# Chronic diseases: what a death certificate names for a long illness (cancer, kidney failure,
# diabetes, cirrhosis, pneumoconiosis, COPD, tuberculosis, dementia) — not the sudden illness a
# concealed accident death is written up as (猝死, 心梗, 脑出血, 病故), so no disguise of one.
TEXT_CHRONIC = ("癌|肿瘤|白血病|淋巴瘤|尿毒症|肾衰|肾功能衰竭|糖尿病|肝硬化|尘肺|矽肺|硅肺|慢阻肺|慢性阻塞|"
                "肺气肿|肺心病|结核|痴呆|阿尔茨海默|帕金森|衰老|老死|寿终|"
                "cancer|tumo|carcinoma|leukemia|lymphoma|renal failure|uremi|diabet|cirrhosis|"
                "pneumoconiosis|silicosis|copd|emphysema|tubercul|dementia|alzheimer|parkinson|old age")


def text_chronic_illness(text: pl.Expr, cls: pl.Expr) -> pl.Expr:
    """A cause read as illness (``cls``) whose text names a chronic disease (:data:`TEXT_CHRONIC`)."""
    t = text.cast(pl.String).str.to_lowercase()
    return ((cls == "illness") & t.str.contains(TEXT_CHRONIC)).fill_null(False)


def text_drowning(text: pl.Expr) -> pl.Expr:
    """A drowning in free text, unless the text puts it at work (井下, 作业, 矿, …)."""
    t = text.cast(pl.String).str.to_lowercase()
    return (t.str.contains(TEXT_DROWNING) & ~t.str.contains(TEXT_WORK_CONTEXT)).fill_null(False)


def ext_place_industrial(code: pl.Expr) -> pl.Expr:
    return (_place(code) == 6).fill_null(False)


def ext_place_home(code: pl.Expr) -> pl.Expr:
    return (_place(code) == 0).fill_null(False)


# ICD-10 places (4th character of W00–Y34) where no enterprise's production-safety accident happens:
# .1 residential institution, .2 school or public administrative area, .3 sports and athletics
# area, .7 farm (a farmer's own work: no employer to report or conceal it). Streets (.4), trade and
# service areas (.5) and other places (.8) are workplaces too (transport, shops, warehouses).
NON_WORK_PLACES = (1, 2, 3, 7)


def ext_place_non_work(code: pl.Expr) -> pl.Expr:
    """A specified place other than home where work accidents of enterprises do not happen
    (:data:`NON_WORK_PLACES`): a W/X code there does not point to work, like one at home."""
    return _place(code).is_in(list(NON_WORK_PLACES)).fill_null(False)


def ext_points_to_work(code: pl.Expr) -> pl.Expr:
    """A W/X code in the domain's work ranges, at a place that may be a workplace (not home, nor a
    place of :data:`NON_WORK_PLACES`)."""
    return ext_in_work_range(code) & ~ext_place_home(code) & ~ext_place_non_work(code)


def icd_cause_class(diagnosis: str | pl.Expr, external: str | pl.Expr) -> pl.Expr:
    """Cause class of a medical record from its principal diagnosis and external cause."""
    d = icd_clean(diagnosis)
    x = icd_clean(external)
    xl = _letter(x)
    xnum = _number(x)
    dl = _letter(d)
    work = ext_points_to_work(x) | ext_place_industrial(x) | ext_activity_work(x)
    traffic = (xl == "V").fill_null(False)
    home = ext_place_home(x) & xl.is_in(["W", "X"]).fill_null(False)
    # X60–Y09 (self-harm, assault) and other W/X/Y codes are injuries that do not point to work
    other_ext = xl.is_in(["W", "X", "Y"]).fill_null(False) & xnum.is_not_null()
    injury_diag = dl.is_in(["S", "T"]).fill_null(False)
    # R96–R99: sudden death of unknown cause, unattended death, ill-defined and unknown causes of
    # mortality — the coded form of 猝死 / 不详, vague rather than an illness
    ill_defined = ((dl == "R") & _number(d).is_between(96, 99)).fill_null(False)
    illness_diag = (dl.is_not_null() & ~dl.is_in(["S", "T", "V", "W", "X", "Y", "Z"])).fill_null(False) & ~ill_defined
    return (
        pl.when(work).then(pl.lit("occupational"))
        .when(traffic).then(pl.lit("traffic"))
        .when(home).then(pl.lit("home_injury"))
        .when(other_ext | injury_diag).then(pl.lit("other_injury"))
        .when(illness_diag).then(pl.lit("illness"))
        .when(ill_defined).then(pl.lit("vague"))
        .otherwise(None)
    )


def text_cause_class(text: str | pl.Expr) -> pl.Expr:
    """Cause class of a free-text cause (death certificate, deregistration, claim)."""
    t = (pl.col(text) if isinstance(text, str) else text).cast(pl.String).str.to_lowercase() \
        .str.replace_all(TEXT_ORGAN_ARREST, "骤停")
    has = lambda pat: t.str.contains(pat).fill_null(False)  # noqa: E731
    # the legal terms 工伤 / 工亡 / 视同工伤 (a deemed work injury) hold 伤 and 亡 but name no injury
    # mechanism: 工作时间和工作岗位突发疾病死亡(视同工伤) is a sudden illness
    has_mechanism = t.str.replace_all(TEXT_LEGAL_TERMS, "").str.contains(TEXT_MECHANISM).fill_null(False)
    return (
        pl.when(has(TEXT_TRAFFIC) & ~has(TEXT_TRAFFIC_AT_WORK)).then(pl.lit("traffic"))
        .when(has(TEXT_COMMUTE)).then(pl.lit("traffic"))
        .when((has(TEXT_SUDDEN_ILLNESS) | has(TEXT_OCC_DISEASE)) & ~has_mechanism).then(pl.lit("illness"))
        .when(has(TEXT_DOMESTIC_GAS) & ~has(TEXT_WORK_CONTEXT)).then(pl.lit("home_injury"))
        .when(has(TEXT_NON_WORK_POISON) & ~has(TEXT_WORK_CONTEXT)).then(pl.lit("other_injury"))
        .when(has(TEXT_OCCUPATIONAL)).then(pl.lit("occupational"))
        .when(has(TEXT_HOME) & has(TEXT_OTHER_INJURY)).then(pl.lit("home_injury"))
        .when(has(TEXT_OTHER_INJURY) | has(TEXT_NON_WORK)).then(pl.lit("other_injury"))
        .when(has(TEXT_ILLNESS)).then(pl.lit("illness"))
        .when(has(TEXT_VAGUE)).then(pl.lit("vague"))
        .otherwise(None)
    )


def cause_rank(cls: str | pl.Expr) -> pl.Expr:
    """Class → rank (0 most specific), null stays null; the minimum over records wins."""
    e = pl.col(cls) if isinstance(cls, str) else cls
    return e.replace_strict(CAUSE_RANK, default=None, return_dtype=pl.Int8)


def rank_to_class(rank: str | pl.Expr) -> pl.Expr:
    e = pl.col(rank) if isinstance(rank, str) else rank
    return e.replace_strict({v: k for k, v in CAUSE_RANK.items()}, default=None, return_dtype=pl.String)


def with_icd_classes(frame: pl.DataFrame, diagnosis: str, external: str) -> pl.DataFrame:
    """Add ``_icd_class``, ``_ext_work``, ``_ext_industrial``, ``_ext_home``, ``_ext_drown``, ``_injury_code``, ``_ext3``,
    computed once per distinct (diagnosis, external cause) pair and joined back (a few
    hundred distinct pairs against millions of encounters)."""
    pairs = frame.select(pl.col(diagnosis).cast(pl.String).alias("_d"),
                         pl.col(external).cast(pl.String).alias("_x")).unique()
    x = icd_clean(pl.col("_x"))
    d = icd_clean(pl.col("_d"))
    # a hospital that records only the external cause (ICD-10 chapter XX, V01–Y98) writes it where
    # the diagnosis goes: read it as the external cause, with no diagnosis
    ext_in_diag = d.str.slice(0, 1).is_in(["V", "W", "X", "Y"]).fill_null(False)
    x = pl.when(x.is_null() & ext_in_diag).then(d).otherwise(x)
    d = pl.when(ext_in_diag).then(None).otherwise(d)
    pairs = pairs.with_columns(
        icd_cause_class(d, x).alias("_icd_class"),
        ext_points_to_work(x).alias("_ext_work"),
        # the domain's place .6 (industrial and construction area) or activity 2 (working for income)
        (ext_place_industrial(x) | ext_activity_work(x)).alias("_ext_industrial"),
        ext_place_home(x).alias("_ext_home"),
        ext_drowning(x).alias("_ext_drown"),
        ext_non_work(x).alias("_ext_nonwork"),
        (d.str.slice(0, 1).is_in(["S", "T"]).fill_null(False) | x.is_not_null()).alias("_injury_code"),
        # the external cause's category (3 characters: W77 struck by a collapse, X47 gas poisoning)
        x.str.slice(0, 3).alias("_ext3"),
    )
    keyed = frame.with_columns(pl.col(diagnosis).cast(pl.String).alias("_d"),
                               pl.col(external).cast(pl.String).alias("_x"))
    return keyed.join(pairs, on=["_d", "_x"], how="left", nulls_equal=True).drop("_d", "_x")


def simplified(texts: pl.Series) -> pl.Series:
    """Free texts folded for matching: NFKC (full-width forms, compatibility ideographs) and
    traditional characters to simplified (工傷 → 工伤, 車禍 → 车祸), so the patterns above, written
    in simplified Chinese, read both. Vectorised: each distinct character is converted once."""
    t = texts.cast(pl.String).str.normalize("NFKC")
    distinct = t.drop_nulls().str.split("").explode().drop_nulls().unique()
    chars = [c for c in distinct.to_list() if c and not c.isascii()]
    pairs = [(c, simplify_char(c)) for c in chars]
    pairs = [(a, b) for a, b in pairs if a != b]
    if not pairs:
        return t
    return t.str.replace_many([a for a, _ in pairs], [b for _, b in pairs])


def with_text_class(frame: pl.DataFrame, text: str, out: str) -> pl.DataFrame:
    """Add ``out`` = :func:`text_cause_class` of column ``text`` read through :func:`simplified`,
    and ``{out}_text``, the folded text itself (for the other text flags: drowning, non-work),
    once per distinct text."""
    vals = frame.select(pl.col(text).cast(pl.String).alias("_t")).unique()
    vals = vals.with_columns(simplified(vals["_t"]).alias(f"{out}_text"))
    vals = vals.with_columns(text_cause_class(pl.col(f"{out}_text")).alias(out))
    return frame.with_columns(pl.col(text).cast(pl.String).alias("_t")) \
        .join(vals, on="_t", how="left", nulls_equal=True).drop("_t")
