"""Grades at their boundaries and the classification of recorded causes."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.detection.causes import (
    icd_cause_class,
    simplified,
    text_cause_class,
    text_non_work,
    with_text_class,
)
from pipelines.detection.grades import below_line_expr, grade, grade_index_expr, grade_name_expr


@pytest.mark.parametrize(("deaths", "expected"), [
    (0, "一般"), (2, "一般"), (3, "较大"), (9, "较大"), (10, "重大"), (29, "重大"), (30, "特别重大"), (35, "特别重大"),
])
def test_grade_by_deaths_at_boundaries(deaths: int, expected: str) -> None:
    assert grade(deaths) == expected
    frame = pl.DataFrame({"d": [deaths]})
    assert frame.select(grade_name_expr(grade_index_expr(pl.col("d")))).item() == expected


@pytest.mark.parametrize(("serious", "loss", "expected"), [
    (9, 999.0, "一般"), (10, 0.0, "较大"), (49, 0.0, "较大"), (50, 0.0, "重大"), (100, 0.0, "特别重大"),
    (0, 1000.0, "较大"), (0, 5000.0, "重大"), (0, 10000.0, "特别重大"),
])
def test_grade_by_injuries_and_loss(serious: int, loss: float, expected: str) -> None:
    assert grade(0, serious, loss) == expected
    frame = pl.DataFrame({"d": [0], "s": [serious], "x": [loss]})
    assert frame.select(grade_name_expr(grade_index_expr(pl.col("d"), pl.col("s"), pl.col("x")))).item() == expected


def test_below_grade_line() -> None:
    frame = pl.DataFrame({"d": [1, 2, 3, 9, 10, 29, 30, None]})
    assert frame.select(below_line_expr(pl.col("d"))).to_series().to_list() == [
        False, True, False, True, False, True, False, False]


def test_icd_cause_classes() -> None:
    frame = pl.DataFrame({
        "diag": ["S06.5", "S32.0", "S72.0", "S06.5", "I21.9", "T71", "S06.5", None],
        "ext": ["W20.6", "W11", "W01.0", "V89.2", None, "X47.6", "X99.4", "w206"],
    })
    got = frame.select(icd_cause_class("diag", "ext")).to_series().to_list()
    assert got == ["occupational", "occupational", "home_injury", "traffic", "illness", "occupational",
                   "other_injury", "occupational"]


def test_ill_defined_causes_of_death_are_vague_not_illness() -> None:
    frame = pl.DataFrame({"diag": ["R96", "R99", "R98.x00", "R95", "R57.1", "I46.9"], "ext": [None] * 6})
    got = frame.select(icd_cause_class("diag", "ext")).to_series().to_list()
    assert got == ["vague", "vague", "vague", "illness", "illness", "illness"]


def test_text_cause_classes() -> None:
    texts = ["病故", "猝死", "高处坠落", "交通事故", "意外", "工伤", "家中摔倒", "心肌梗死", None, "瓦斯中毒"]
    got = pl.DataFrame({"t": texts}).select(text_cause_class("t")).to_series().to_list()
    assert got == ["illness", "vague", "occupational", "traffic", "other_injury", "occupational",
                   "home_injury", "illness", None, "occupational"]


def test_more_certificate_wording() -> None:
    # chronic illness and "normal death" are natural; a sudden illness at one's post (视同工亡) is
    # not a work accident even though it happened at work; being struck or caught is
    # ... and so is being hurt at one's post, like 工作中受伤 or 在作业时受伤
    texts = ["慢性阻塞性肺病", "正常死亡", "急性心梗", "心源性猝死", "死因待查",
             "工作时间在工作岗位突发疾病经抢救无效死亡", "在岗位上被物体击中", "在岗位上被机械绞伤", "在岗位上受伤",
             "工作中受伤", "在作业时受伤", "受伤"]
    got = pl.DataFrame({"t": texts}).select(text_cause_class("t")).to_series().to_list()
    assert got == ["illness", "illness", "illness", "vague", "vague",
                   "illness", "occupational", "occupational", "occupational",
                   "occupational", "occupational", "other_injury"]


def test_wording_of_other_certificates_and_departments() -> None:
    # 淹溺 is the certificate's word for drowning (the hard negative) unless the text puts it at
    # work; a production accident named as such, or at a factory, is work; a bleed with no injury
    # named is a disease, a ruptured liver or spleen and blood loss are injuries; 被车压伤 stays
    # an unspecified injury (a vehicle, but no road)
    texts = ["淹溺", "河中淹溺", "井下透水淹溺", "落水", "生产事故", "安全事故", "工厂事故", "灼伤",
             "脑干出血", "外伤性脑出血", "肝脾破裂", "失血过多", "被车压伤"]
    frame = pl.DataFrame({"t": texts})
    assert frame.select(text_cause_class("t")).to_series().to_list() == [
        "other_injury", "other_injury", "occupational", "other_injury", "occupational", "occupational",
        "occupational", "occupational", "illness", "other_injury", "other_injury", "other_injury", "other_injury"]
    from pipelines.detection.causes import text_drowning

    assert frame.select(text_drowning(pl.col("t"))).to_series().to_list() == [
        True, True, False, True] + [False] * 9


def test_sudden_illness_and_commuting_are_read_as_such() -> None:
    texts = ["工作中突发疾病死亡", "井下作业时突发心脏病", "井下作业时被落石砸伤", "上下班途中受伤", "作业中触电"]
    got = pl.DataFrame({"t": texts}).select(text_cause_class("t")).to_series().to_list()
    assert got == ["illness", "illness", "occupational", "traffic", "occupational"]


def test_occupational_disease_and_mine_roof_wording() -> None:
    # pneumoconiosis is an occupational disease, not an accident; 顶板 is a mine's roof
    texts = ["尘肺病", "矽肺", "病死", "顶板事故", "热射病", "Myocardial infarction", "Silicosis"]
    got = pl.DataFrame({"t": texts}).select(text_cause_class("t")).to_series().to_list()
    assert got == ["illness", "illness", "illness", "occupational", "other_injury", "illness", "illness"]


def test_a_work_death_claim_for_an_occupational_disease_is_an_illness() -> None:
    # the benefit applied for (工亡待遇) is no accident; an injury named beside the disease still is one
    texts = ["尘肺病并发症死亡，申请工亡待遇", "矽肺病工亡", "职业病死亡(工亡)", "尘肺病患者井下坠落致死亡"]
    got = pl.DataFrame({"t": texts}).select(text_cause_class("t")).to_series().to_list()
    assert got == ["illness", "illness", "illness", "occupational"]


def test_activity_code_working_for_income_points_to_work() -> None:
    df = pl.DataFrame({"d": ["S06.5", "S06.5", "S06.5"], "x": ["X59.92", "X59.90", "W20.62"]})
    got = df.select(icd_cause_class(pl.col("d"), pl.col("x"))).to_series().to_list()
    assert got == ["occupational", "other_injury", "occupational"]


def _classes(texts: list[str | None]) -> list[str | None]:
    return with_text_class(pl.DataFrame({"t": texts}, schema={"t": pl.String}), "t", "c")["c"].to_list()


def test_struck_is_traffic_only_next_to_a_vehicle() -> None:
    # 撞 alone is also an object striking a worker; a crash while working is no commute
    texts = ["物体撞击伤", "被车撞伤", "摩托车事故", "交通事故（工作中）", "运输车辆伤害", "车祸",
             "在岗位上发生车辆事故", "在作业时发生车辆事故"]
    assert _classes(texts) == ["occupational", "traffic", "traffic", "occupational", "occupational", "traffic",
                               "occupational", "occupational"]


def test_poisonings_outside_work_are_not_work_poisonings() -> None:
    texts = ["食物中毒", "农药中毒", "酒精中毒", "瓦斯中毒", "井下一氧化碳中毒"]
    assert _classes(texts) == ["other_injury", "other_injury", "other_injury", "occupational", "occupational"]
    flags = pl.DataFrame({"t": texts}).select(text_non_work(pl.col("t"))).to_series().to_list()
    assert flags == [True, True, True, False, False]


def test_mechanisms_of_death_and_english_illness() -> None:
    texts = ["心跳呼吸骤停", "失血性休克", "坠楼", "烧死", "heart failure", "pneumonia", "死亡"]
    assert _classes(texts) == ["vague", "other_injury", "other_injury", "other_injury", "illness", "illness", None]


def test_traditional_and_full_width_causes_read_as_simplified() -> None:
    assert _classes(["工傷", "車禍", "高處墜落", "病逝", "觸電"]) == \
        ["occupational", "traffic", "occupational", "illness", "occupational"]
    icd = pl.DataFrame({"d": ["Ｓ０６．５", "S06.5"], "x": ["Ｗ２０．６", "ｖ８９．２"]})
    assert icd.select(icd_cause_class("d", "x")).to_series().to_list() == ["occupational", "traffic"]


_TRAD = {"伤": "傷", "祸": "禍", "车": "車", "触": "觸", "电": "電", "坠": "墜", "处": "處", "脑": "腦", "矿": "礦"}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(
    ["工伤", "车祸", "高处坠落", "触电", "病故", "脑出血", "矿井透水", "猝死", "意外", "交通事故", "物体打击",
     "食物中毒", "心跳骤停"]), min_size=1, max_size=3), st.booleans())
def test_folding_never_changes_a_simplified_reading(parts: list[str], wide_space: bool) -> None:
    """Property: writing a cause in traditional characters, or padding it with full-width
    spaces, never changes its class."""
    text = "".join(parts)
    trad = "".join(_TRAD.get(c, c) for c in text)
    padded = ("\u3000" if wide_space else " ") + trad
    got = _classes([text, trad, padded])
    assert got[0] == got[1] == got[2]
    assert simplified(pl.Series([trad])).item() == text


def test_employer_name_variants_share_one_key() -> None:
    """One employer as departments write it — with or without province, city and county, in
    several legal forms, as a branch or a project department — is one key; a trade that starts
    with 市 (市政) is not read as a city."""
    from pipelines.detection.profiles import employer_name_key

    same = ["山西省柳林县和顺煤炭股份有限公司", "柳林县和顺煤炭股份有限责任公司", "和顺煤炭", "和顺煤炭股份有限公司",
            "山西和顺煤炭（集团）有限公司", "吕梁市柳林县和顺煤炭有限公司第二分公司", "和顺煤炭有限公司(项目部)"]
    keys = pl.DataFrame({"n": same}).select(employer_name_key(pl.col("n"))).to_series().to_list()
    assert set(keys) == {"和顺煤炭"}
    other = ["太原市政工程有限公司", "大同市政工程有限公司", "新区建设有限公司", "山西省人民医院"]
    keys = pl.DataFrame({"n": other}).select(employer_name_key(pl.col("n"))).to_series().to_list()
    assert keys == ["太原市政工程", "大同市政工程", "新区建设", "人民医院"]


@pytest.mark.parametrize(("same", "key"), [
    (["内蒙古利昌汽车运输有限公司", "利昌汽车运输有限公司", "内蒙古自治区鄂尔多斯市利昌汽车运输有限公司"], "利昌汽车运输"),
    (["锡林郭勒盟准格尔旗恒达煤业有限公司", "恒达煤业有限公司", "内蒙古恒达煤业集团有限公司"], "恒达煤业"),
    (["乌兰察布市贺兰市政工程有限公司", "贺兰市政工程有限公司"], "贺兰市政工程"),
    (["贵州省毕节市众发建筑工程有限公司", "贵州众发建筑工程有限公司", "众发建筑工程有限公司"], "众发建筑工程"),
    (["广西壮族自治区南宁市某某建设有限公司", "某某建设有限公司"], "某某建设"),
    (["吉林省华达化工有限公司", "吉林市华达化工有限公司", "华达化工有限公司"], "华达化工"),
])
def test_an_employer_of_any_province_sheds_its_province_league_and_banner(same: list[str], key: str) -> None:
    """Any province's name is a place prefix (with or without 省 / 自治区), and so are Inner
    Mongolia's leagues (盟) and banners (旗) and four-character city names (乌兰察布市); a
    municipality's name only with its 市, so 北京市政 stays a trade."""
    from pipelines.employers import employer_full_key, employer_name_key

    keys = pl.DataFrame({"n": same}).select(employer_name_key(pl.col("n"))).to_series().to_list()
    assert set(keys) == {key}
    full = pl.DataFrame({"n": ["北京市政路桥有限公司", "内蒙古利昌汽车运输有限公司", "山西省市政工程有限公司"]}) \
        .select(employer_full_key(pl.col("n")), employer_name_key(pl.col("n")).alias("k"))
    assert full.rows() == [("北京市政路桥", "北京市政路桥"), ("利昌汽车运输", "利昌汽车运输"), ("市政工程", "市政工程")]


def test_register_lookup_by_name_core_only_when_unambiguous() -> None:
    """A casualty's employer written without its county finds the registered employer; a core
    that two registered employers share (two 和顺煤炭 in two counties) resolves to neither."""
    import datetime as dt

    from pipelines.detection.params import DetectionParams
    from pipelines.detection.profiles import attach_links, person_profiles, record_facts

    ent = pl.DataFrame({
        "uscc": ["91141125156937844D", "91140729654289368B", "91140321000000001X"],
        "name": ["柳林县和顺煤炭股份有限公司", "灵石县嘉祥煤炭有限责任公司", "平定县嘉祥煤炭有限公司"],
        "industry": ["coal_mining"] * 3, "region_code": ["141125", "140729", "140321"],
        "high_risk": [True] * 3})
    claims = pl.DataFrame({
        "record_id": ["K1", "K2"], "name": ["张三", "李四"],
        "id_number": ["14112519800101011X", "140729198202020213"], "sex": ["M", "M"],
        "employer_name": ["和顺煤炭股份有限责任公司", "嘉祥煤炭"], "employer_uscc": [None, None],
        "injury_date": [dt.date(2024, 3, 1)] * 2, "applied_on": [dt.date(2024, 3, 5)] * 2,
        "decided_on": [None, None], "outcome": ["injury", "injury"],
        "injury_description": ["井下作业时被砸伤", "坠落"], "region_code": ["141125", "140729"]},
        schema_overrides={"decided_on": pl.Date})
    acc = {"enterprises": ent, "injury_claims": claims}
    params = DetectionParams()
    facts = attach_links(record_facts(acc, params), None)
    prof = person_profiles(acc, facts, params).join(
        facts.select("person_key", "record_id"), on="person_key").sort("record_id")
    assert prof["employer_uscc"].to_list() == ["91141125156937844D", None]
    assert prof["ent_region"].to_list() == ["141125", None]


def test_a_unit_written_after_the_company_and_a_remark_in_brackets_are_no_part_of_the_key() -> None:
    """A mine, a workshop or a branch written after the company (``…有限公司XX矿``, ``…有限公司生产
    车间``) is the company; so is a name with a remark in brackets (``（原XX煤矿）``)."""
    from pipelines.employers import employer_name_key

    same = ["山西利恒钢铁有限公司", "山西利恒钢铁有限公司生产车间", "利恒钢铁有限公司第二分公司", "利恒钢铁",
            "利恒钢铁有限公司（原利恒铁厂）", "山西利恒钢铁有限公司炼钢厂"]
    keys = pl.DataFrame({"n": same}).select(employer_name_key(pl.col("n"))).to_series().to_list()
    assert set(keys) == {"利恒钢铁"}
    # the unit rule needs a company before it and a short unit after: a name that only ends in
    # 公司, or a bare 公司, is unchanged
    other = ["大同煤矿集团公司同家梁矿", "公司", "中铁十二局集团第二工程有限公司"]
    keys = pl.DataFrame({"n": other}).select(employer_name_key(pl.col("n"))).to_series().to_list()
    assert keys == ["大同煤矿", None, "中铁十二局集团第二工程"]


def test_register_lookup_by_a_name_without_its_leading_place_name() -> None:
    """``晟新钢铁`` on a hospital record is the registered ``邯郸晟新钢铁集团有限公司`` (a bare city
    name, without 市, is no place prefix the key can drop) and ``邯郸利恒钢铁`` the registered
    ``利恒钢铁有限公司`` — but not when two registered employers fit, nor when the shortened name
    is itself another registered employer's, nor with fewer than four characters left."""
    from pipelines.detection.profiles import _tail_match

    by_core = pl.DataFrame({"_nk": ["邯郸晟新钢铁", "利恒钢铁", "唐山鼎新钢铁", "邢台鼎新钢铁", "大同华宇",
                                    "华宇煤业", "太原华宇煤业"],
                            "n_uscc": ["U1", "U2", "U3", "U4", "U5", "U6", "U7"]})
    names = pl.DataFrame({"_nk": ["晟新钢铁", "邯郸利恒钢铁", "鼎新钢铁", "华宇", None, "华宇煤业"]})
    got = _tail_match(names, by_core, ["n_uscc"])["n_uscc"].to_list()
    # 鼎新钢铁: two registered employers; 华宇: 2 characters; 华宇煤业 is registered itself (U6),
    # so 太原华宇煤业's shortened name resolves nothing here
    assert got == ["U1", "U2", None, None, None, None]
    # a name two registered employers share (天福食品 in two counties, so not in by_core) is not
    # resolved to a third that writes it after a place name
    by_core = pl.DataFrame({"_nk": ["阳泉天福食品"], "n_uscc": ["U9"]})
    got = _tail_match(pl.DataFrame({"_nk": ["天福食品"]}), by_core, ["n_uscc"],
                      known=pl.Series(["天福食品", "天福食品", "阳泉天福食品"]))["n_uscc"].to_list()
    assert got == [None]


def test_an_incident_of_plainly_natural_deaths_is_marked() -> None:
    """A group whose every death is recorded as illness (or has no cause) with nothing in how the
    body was handled to contradict it carries the hard-negative signal; one contradicted death
    (a next-day cremation, a police certificate) or one injury death lifts it."""
    from pipelines.detection.features import FEATURE_BY_NAME, SIGNS
    from pipelines.detection.leads import _plainly_natural

    people = pl.DataFrame({
        "dead": [True, True, True, True, False],
        "cause_class": ["illness", None, "illness", "other_injury", "occupational"],
        "very_fast_cremation": [False, False, True, False, False],
        "far_cremation": [False] * 5, "cert_issuer": ["hospital", "community", "hospital", None, None],
        "body_elsewhere": [False] * 5})
    assert people.select(_plainly_natural()).to_series().to_list() == [True, True, False, False, False]
    leads = pl.DataFrame({"lead_type": ["unreported_incident"] * 3 + ["unreported_death"],
                          "hidden_dead": [2, 2, 0, 1], "hidden_dead_natural": [2, 1, 0, 1]})
    got = leads.select(FEATURE_BY_NAME["incident_natural_deaths"].value()).to_series().to_list()
    assert got == [1.0, 0.0, 0.0, 0.0]
    assert SIGNS["incident_natural_deaths"] == -1


def test_more_ways_of_writing_a_work_death() -> None:
    texts = ["因公殉职", "煤矿事故", "工地上摔伤", "从脚手架上摔下", "炸伤", "工作时突发疾病", "工地附近车祸"]
    assert _classes(texts) == ["occupational"] * 5 + ["illness", "traffic"]


def test_unnatural_death_arrests_and_english_mechanisms() -> None:
    """非正常死亡 (public security's 'unnatural death') is no natural death although it contains
    正常死亡; a cardiac arrest is an arrest (vague), not a heart disease; English certificates
    name work mechanisms too, and 'mine' is a word, not part of 'examined'."""
    texts = ["非正常死亡", "非自然死亡", "心脏骤停", "猝死（心脏骤停）", "cardiac arrest", "心脏病",
             "被压", "mine accident", "struck by object", "burns", "COPD", "examined"]
    assert _classes(texts) == ["other_injury", "other_injury", "vague", "vague", "vague", "illness",
                               "occupational", "occupational", "occupational", "occupational", "illness", None]


def test_an_injury_death_at_a_high_risk_employer_is_its_own_signal() -> None:
    """The brief's first signal (an injury death) for someone working in a high-risk industry:
    after a trauma admission or recorded as an accident — not an illness, not off work (self-harm,
    drowning), not without a high-risk employer, not alive."""
    from pipelines.detection.features import FEATURE_BY_NAME

    rows = pl.DataFrame({
        "dead": [True, True, True, True, True, True, False],
        "died_after_trauma": [True, False, False, False, False, True, False],
        "death_cause_class": ["illness", "other_injury", "other_injury", "other_injury", "illness", "other_injury",
                              None],
        "non_work_injury": [False, False, True, False, False, False, False],
        "drowning": [False, False, False, True, False, False, False],
        "high_risk_employer": [True, True, True, True, True, False, True],
    })
    got = rows.select(FEATURE_BY_NAME["injury_at_high_risk"].value()).to_series().to_list()
    assert got == [1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0]


def test_a_road_death_of_a_high_risk_employers_worker_is_its_own_signal() -> None:
    """'A gas death staged as a motorcycle crash': a traffic death of someone working for a high-risk
    employer is a signal of its own; a traffic death without one (the brief's hard negative), another
    cause, or a traffic casualty who survived is not."""
    from pipelines.detection.features import FEATURE_BY_NAME, SIGNS

    rows = pl.DataFrame({
        "dead": [True, True, True, False],
        "cause_class": ["traffic", "traffic", "occupational", "traffic"],
        "high_risk_employer": [True, False, True, True],
    })
    got = rows.select(FEATURE_BY_NAME["traffic_at_high_risk"].value()).to_series().to_list()
    assert got == [1.0, 0.0, 0.0, 0.0]
    assert SIGNS["traffic_at_high_risk"] == 1


def test_an_external_cause_written_where_the_diagnosis_goes_is_read_as_such() -> None:
    """Some hospitals record only the external cause code (ICD-10 chapter XX) in the diagnosis
    field: W20.6 there is a work injury at an industrial place, X47.0 a poisoning at home; a
    real diagnosis with its own external cause is untouched."""
    from pipelines.detection.causes import with_icd_classes

    f = pl.DataFrame({"dx": ["W20.6", "x470", "S06.5", "I21.9", "V435"],
                      "ext": [None, None, "W20.6", None, None]})
    got = with_icd_classes(f, "dx", "ext")
    assert got["_icd_class"].to_list() == ["occupational", "home_injury", "occupational", "illness", "traffic"]
    assert got["_ext_industrial"].to_list() == [True, False, True, False, False]
    assert got["_ext_home"].to_list() == [False, True, False, False, False]
    assert got["_injury_code"].to_list() == [True, True, True, False, True]


def test_legal_terms_of_work_injury_insurance_name_no_mechanism() -> None:
    """视同工伤 (a deemed work injury) and 工伤 hold 伤 but name no injury: a sudden illness at work
    so recognised stays an illness; a named mechanism still makes it work."""
    texts = ["工作时间和工作岗位突发疾病死亡(视同工伤)", "工作中突发疾病，认定为工伤", "突发疾病死亡（视同工亡）",
             "井下突发疾病晕倒被砸伤", "因工死亡"]
    assert _classes(texts) == ["illness", "illness", "illness", "occupational", "occupational"]


def test_a_pending_or_rejected_claim_that_states_the_death_is_a_death_claim() -> None:
    """Claims lag deaths by weeks to months, so the latest deaths' 工亡 applications are undecided:
    a pending claim whose description states the death counts as a death claim (a work accident
    or a sudden illness, as its text reads); so does a rejected one — the person died and a work
    death was applied for, whatever the decision (a refused sudden illness, though, is no illness
    death claim). A pending or rejected claim for an injury does not."""
    from pipelines.detection.params import DetectionParams
    from pipelines.detection.profiles import record_facts

    claims = pl.DataFrame({
        "record_id": ["k1", "k2", "k3", "k4", "k5", "k6", "k7"],
        "name": ["甲", "乙", "丙", "丁", "戊", "己", "庚"],
        "id_number": [None] * 7,
        "employer_name": ["某煤矿"] * 7,
        "injury_date": ["2025-04-25"] * 7,
        "outcome": ["pending", "pending", "pending", "rejected", "death", "rejected", "rejected"],
        "injury_description": ["高处坠落致死亡", "工作中突发疾病死亡", "高处坠落致骨折", "高处坠落致死亡", "因工死亡",
                               "高处坠落致骨折", "值班期间突发心脏病死亡"],
        "region_code": ["140226"] * 7,
    })
    f = record_facts({"injury_claims": claims}, DetectionParams()).sort("record_id")
    assert f["death"].to_list() == [True, True, False, True, True, False, True]
    assert f["claim_death"].to_list() == [True, True, False, True, True, False, True]
    assert f["claim_work_death"].to_list() == [True, False, False, True, True, False, False]
    # a refused sudden illness was found to be no death at work: a death claim, not an illness one
    assert f["claim_illness_death"].to_list() == [False, True, False, False, False, False, False]


def test_the_injury_day_of_a_death_claim_is_the_persons_event_day() -> None:
    """A work-death claim names the day of the fatal accident; the death records may give a later
    day (a death written up days later elsewhere). The person's event day — what incident grouping
    and the accident windows read — is the earlier, the date of death stays the death records'."""
    from pipelines.detection.detect import candidate_leads

    der = pl.DataFrame({
        "record_id": ["D1"], "name": ["丁某"], "id_number": ["520121197302170026"], "sex": ["2"],
        "birth_date": ["1973-02-17"], "death_date": [dt.date(2023, 7, 1)], "deregistered_on": [dt.date(2023, 11, 27)],
        "region_code": ["520121"], "reason": ["death"], "death_cause": ["病故"]})
    claims = pl.DataFrame({
        "record_id": ["K1"], "name": ["丁某"], "id_number": [None], "sex": ["F"], "employer_name": ["开阳某铝土矿"],
        "employer_uscc": [None], "injury_date": ["2023-06-21"], "applied_on": ["2023-08-11"],
        "decided_on": ["2023-12-17"], "outcome": ["rejected"], "injury_description": ["工作期间死亡"],
        "region_code": ["520121"]})
    links = pl.DataFrame({"source": ["deregistrations", "injury_claims"], "record_id": ["D1", "K1"],
                          "person_key": ["p1", "p1"], "match_probability": [1.0, 1.0]})
    p = candidate_leads({"deregistrations": der, "injury_claims": claims}, links)[1].row(0, named=True)
    assert p["dead"] and p["claim_death"]
    assert p["death_date"] == dt.date(2023, 7, 1)
    assert p["event_date"] == dt.date(2023, 6, 21)


def test_an_attached_death_bearing_a_named_dead_victims_name_is_that_victim() -> None:
    """The victims list and a death record the linkage left apart (an ID copied wrongly on both)
    must not make one death two: an attached person with the pinyin name key of a victim named as
    dead at the same accident is marked ``named_again`` (not counted); another name, another
    accident, or a victim named only as injured (then a death is a late death) leave it attached."""
    from pipelines.detection.leads import _named_again

    victims = pl.DataFrame({
        "person_key": ["v1", "v2", "v3"], "accident_id": ["A1", "A1", "A2"],
        "role": ["victim"] * 3, "named_death": [True, False, False],
    })
    attached = pl.DataFrame({
        "person_key": ["p1", "p2", "p3", "p4"], "accident_id": ["A1", "A1", "A2", "A1"],
        "role": ["attached"] * 4, "named_death": [False] * 4,
    })
    facts = pl.DataFrame({
        "person_key": ["v1", "v2", "v3", "p1", "p1", "p2", "p3", "p4"],
        "name": ["刘杰国", "王强", "刘杰国", "劉杰國", "Liu Jieguo", "王强", "刘杰国", "张伟"],
    })
    got = _named_again(attached, victims, facts).sort("person_key")
    assert got["role"].to_list() == ["named_again", "attached", "attached", "attached"]
    assert got.columns == attached.columns


def test_a_mechanism_alone_is_weaker_than_a_cause_that_names_the_work() -> None:
    """中毒, 机械性窒息, 电击伤, 烧伤 certify a hanging, a coal-stove poisoning, a shock or a fire at
    home as much as an accident at work: they stay work-type causes but feed mechanism_cause_text;
    the work itself, a work place or a GB 6441 category (物体打击, 中毒窒息, 井下…) feeds
    work_cause_text."""
    from pipelines.detection.features import FEATURE_BY_NAME
    from pipelines.detection.params import DetectionParams
    from pipelines.detection.profiles import record_facts

    causes = ["机械性窒息", "中毒", "电击伤", "烧伤", "物体打击", "中毒窒息", "井下触电", "因工死亡", "心肌梗死"]
    crem = pl.DataFrame({
        "record_id": [f"c{i}" for i in range(len(causes))], "name": ["甲"] * len(causes),
        "id_number": [None] * len(causes), "death_date": ["2025-04-25"] * len(causes),
        "cremated_on": ["2025-04-28"] * len(causes), "death_cause": causes,
    })
    f = record_facts({"cremations": crem}, DetectionParams()).sort("record_id")
    assert f["death_cause_class"].to_list() == ["occupational"] * 8 + ["illness"]
    assert f["cause_names_work"].to_list() == [False] * 4 + [True] * 4 + [False]
    prof = f.select(pl.lit(True).alias("dead"), "death_cause_class",
                    pl.col("cause_names_work").alias("death_cause_names_work"))
    work = prof.select(FEATURE_BY_NAME["work_cause_text"].value()).to_series().to_list()
    mech = prof.select(FEATURE_BY_NAME["mechanism_cause_text"].value()).to_series().to_list()
    assert work == [0.0] * 4 + [1.0] * 4 + [0.0]
    assert mech == [1.0] * 4 + [0.0] * 5


def test_work_range_codes_at_a_farm_school_or_sports_ground_do_not_point_to_work() -> None:
    """ICD-10 places .1 .2 .3 .7 (residential institution, school or public area, sports ground,
    farm) are no enterprise's workplace: a W/X code there is an injury, not a work injury; the
    street (.4), trade areas (.5) and unspecified places keep the code's reading."""
    from pipelines.detection.causes import with_icd_classes

    f = pl.DataFrame({"dx": ["S32.0"] * 7, "ext": ["W30.7", "W17.7", "W01.3", "W20.2", "W17.4", "W20.5", "W20.6"]})
    got = with_icd_classes(f, "dx", "ext")
    assert got["_icd_class"].to_list() == ["other_injury"] * 4 + ["occupational"] * 3
    assert got["_ext_work"].to_list() == [False] * 4 + [True] * 3


def test_a_death_claim_that_does_not_describe_the_death_is_read_from_the_other_records(province) -> None:
    """A 工亡 claim with no description: a road death (the commute) or an illness with no trauma
    on file (a sudden illness at work) is a deemed work death, not a work accident; with nothing
    else on file it stays a work-accident claim."""
    import datetime as dt

    from pipelines.detection.params import DetectionParams
    from pipelines.detection.profiles import attach_links, person_profiles, record_facts

    accepted, links = province
    ids = {k: accepted["deregistrations"].filter(pl.col("record_id") == r)["id_number"].item()
           for k, r in (("tr", "D9"), ("sb", "D6"))}
    claims = pl.DataFrame({
        "record_id": ["K7", "K8", "K9"], "name": ["郑十", "孙八", "某甲"],
        "id_number": [ids["tr"], ids["sb"], "140105199001010010"], "sex": ["M"] * 3,
        "employer_name": ["某公司"] * 3, "employer_uscc": [None] * 3,
        "injury_date": [dt.date(2024, 7, 1), dt.date(2024, 6, 1), dt.date(2024, 6, 1)],
        "applied_on": [dt.date(2024, 7, 20)] * 3, "decided_on": [dt.date(2024, 9, 1)] * 3,
        "outcome": ["death"] * 3, "injury_description": [None] * 3, "region_code": ["140105"] * 3,
    }, schema=accepted["injury_claims"].schema)
    acc = {**accepted, "injury_claims": pl.concat([accepted["injury_claims"], claims])}
    lk = pl.concat([links, pl.DataFrame({"source": ["injury_claims"] * 3, "record_id": ["K7", "K8", "K9"],
                                         "person_key": ["p_tr", "p_sb", "p_x"], "match_probability": [0.99] * 3})])
    params = DetectionParams()
    prof = person_profiles(acc, attach_links(record_facts(acc, params), lk), params, lk)
    got = {r["person_key"]: (r["claim_work_death"], r["claim_illness_death"])
           for r in prof.filter(pl.col("person_key").is_in(["p_tr", "p_sb", "p_x"])).iter_rows(named=True)}
    assert got == {"p_tr": (False, False), "p_sb": (False, True), "p_x": (True, False)}


def test_a_collapse_at_work_within_48_hours_is_a_sudden_illness() -> None:
    # 工伤保险条例 Art. 15: sudden illness at one's post, or death within 48 hours of it, is a deemed
    # work death — written as the collapse (晕倒, 昏倒, 晕厥) or the 48 hours; an injury named next
    # to a collapse keeps it an injury
    texts = ["上班期间晕倒，送医后48小时内死亡", "工作时昏倒，经抢救无效死亡", "岗位上晕厥后死亡",
             "四十八小时内经抢救无效死亡", "井下作业时晕倒后坠落死亡", "晕倒后被机械绞伤",
             # ... or as the onset felt: suddenly unwell, chest tightness, dizziness — unless an injury
             # or a poisoning is named beside it
             "作业中突感不适，送医后抢救无效死亡", "当班时自述胸闷，随后倒地", "井下作业时头晕中毒窒息死亡",
             "作业时感到不适后从高处坠落"]
    got = pl.DataFrame({"t": texts}).select(text_cause_class("t")).to_series().to_list()
    assert got == ["illness", "illness", "illness", "illness", "occupational", "occupational",
                   "illness", "illness", "occupational", "occupational"]


def test_an_injury_months_before_a_death_is_not_the_day_of_the_persons_event() -> None:
    """A worker treated for a cut in May and killed in October: the day of his event (what incident
    grouping and the accident windows read) is October's, not May's — a casualty counts for an
    accident when the death follows within 30 days. An injury days before the death stays the day."""
    from pipelines.detection.detect import candidate_leads

    der = pl.DataFrame({
        "record_id": ["D1", "D2"], "name": ["张某", "李某"], "id_number": ["150404197907200021", "150404198001010017"],
        "sex": ["2", "1"], "birth_date": ["1979-07-20", "1980-01-01"],
        "death_date": [dt.date(2021, 10, 19), dt.date(2021, 10, 19)],
        "deregistered_on": [dt.date(2021, 11, 3), dt.date(2021, 11, 3)],
        "region_code": ["150404", "150404"], "reason": ["death", "death"], "death_cause": ["交通事故", "多发伤"]})
    med = pl.DataFrame({
        "record_id": ["H1", "H2"], "name": ["张某", "李某"], "id_number": [None, None], "sex": ["F", "M"],
        "age": [41, 41], "hospital": ["兴和县人民医院", "兴和县人民医院"], "region_code": ["150924", "150924"],
        "admitted_at": [dt.datetime(2021, 5, 2, 14, 18), dt.datetime(2021, 10, 10, 9, 0)],
        "discharged_at": [dt.datetime(2021, 5, 9, 16, 18), dt.datetime(2021, 10, 12, 9, 0)],
        "diagnosis_icd10": ["S33.5", "S32.0"], "external_cause_icd10": ["X50.6", "W20.6"],
        "disposition": ["discharged", "discharged"], "payer": ["work_injury_insurance", "self_pay"],
        "employer_name": [None, None]})
    links = pl.DataFrame({"source": ["deregistrations", "medical_records"] * 2, "record_id": ["D1", "H1", "D2", "H2"],
                          "person_key": ["p1", "p1", "p2", "p2"], "match_probability": [1.0] * 4})
    prof = candidate_leads({"deregistrations": der, "medical_records": med}, links)[1].sort("person_key")
    assert prof["dead"].to_list() == [True, True]
    assert prof["event_date"].to_list() == [dt.date(2021, 10, 19), dt.date(2021, 10, 10)]
    assert prof["first_injury_date"].to_list() == [None, dt.date(2021, 10, 10)]


def test_the_birth_date_comes_from_the_register_else_from_an_id_that_passes_its_check() -> None:
    """Records of one person whose ID numbers disagree in the birth year (a cremation clerk typed
    1947 for 1974): the age, and so working age, comes from the household register's own birth
    date, else from an ID that passes its check character, never from the mistyped one, whatever
    order the records come in."""
    from linkage.normalize.ids import check_char
    from pipelines.detection.detect import candidate_leads

    def valid(body17: str) -> str:
        return body17 + check_char(body17)

    good, typo = valid("14092719740508763"), valid("14092719470508763")
    typo = typo[:17] + ("1" if typo[17] != "1" else "2")   # the typo breaks the check
    der = pl.DataFrame({
        "record_id": ["D1"], "name": ["王某"], "id_number": [typo], "sex": ["1"], "birth_date": ["1974-05-08"],
        "death_date": [dt.date(2023, 11, 3)], "deregistered_on": [dt.date(2023, 11, 8)], "region_code": ["140927"],
        "reason": ["death"], "death_cause": [None]})
    cre = pl.DataFrame({
        "record_id": ["C1", "C2"], "name": ["王某", "赵某"], "id_number": [typo, good], "sex": ["男", "男"],
        "age": [None, None], "death_date": [dt.date(2023, 11, 3)] * 2, "cremated_on": [dt.date(2023, 11, 3)] * 2,
        "funeral_home": ["忻州市殡仪馆"] * 2, "region_code": ["140902"] * 2, "death_cause": ["心肌梗死"] * 2,
        "certificate_issuer": ["community"] * 2, "body_origin": [None, None]})
    med = pl.DataFrame({
        "record_id": ["H1"], "name": ["赵某"], "id_number": [typo], "sex": ["M"], "age": [None],
        "hospital": ["忻州市人民医院"], "region_code": ["140902"], "admitted_at": [dt.datetime(2023, 11, 1, 9)],
        "discharged_at": [dt.datetime(2023, 11, 2, 9)], "diagnosis_icd10": ["I21.9"], "external_cause_icd10": [None],
        "disposition": ["discharged"], "payer": ["self_pay"], "employer_name": [None]})
    for order in (1, -1):
        links = pl.DataFrame({"source": ["cremations", "deregistrations", "medical_records", "cremations"][::order],
                              "record_id": ["C1", "D1", "H1", "C2"][::order],
                              "person_key": ["p1", "p1", "p2", "p2"][::order], "match_probability": [1.0] * 4})
        prof = candidate_leads({"deregistrations": der, "cremations": cre, "medical_records": med}, links)[1] \
            .sort("person_key")
        assert prof["birth_date"].to_list() == [dt.date(1974, 5, 8)] * 2
        assert prof["age"].to_list() == [49, 49]
        assert prof["working_age"].to_list() == [True, True]


def test_a_death_claim_for_a_bite_or_heat_stroke_is_no_work_accident() -> None:
    """A 工亡 recognised for a snake bite while tapping rubber, or for heat stroke, is a death at work
    but no accident of production (a hazard of nature, like cold or lightning): a death claim, not a
    work-accident death claim, and off work; a roof fall's claim stays one."""
    from pipelines.detection.params import DetectionParams
    from pipelines.detection.profiles import record_facts

    claims = pl.DataFrame({
        "record_id": ["k1", "k2", "k3", "k4"], "name": ["甲", "乙", "丙", "丁"], "id_number": [None] * 4,
        "employer_name": ["某橡胶公司", "某茶厂", "某建筑公司", "某煤矿"], "injury_date": ["2024-03-01"] * 4,
        "outcome": ["death", "rejected", "death", "death"],
        "injury_description": ["2024年3月1日凌晨在胶林割胶时被毒蛇咬伤，经抢救无效死亡", "采茶时被马蜂蜇伤致死亡",
                               "高温作业中暑死亡", "井下冒顶被砸致死亡"],
        "region_code": ["530822"] * 4,
    })
    f = record_facts({"injury_claims": claims}, DetectionParams()).sort("record_id")
    assert f["claim_death"].to_list() == [True, True, True, True]
    assert f["claim_work_death"].to_list() == [False, False, False, True]
    assert f["non_work_injury"].to_list() == [True, True, True, False]
    assert f["cause_class"].to_list() == ["other_injury", "other_injury", "other_injury", "occupational"]
