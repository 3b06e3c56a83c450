"""The named signals a lead is scored on — each one a line of the domain brief.

Every feature is a number computed from a candidate lead's facts (never from anything
specific to one data generator), with the reason it is there and the sentence that
explains it to an investigator in Chinese and English. Binary signals are 0/1; counts
are ``log1p``-compressed so one huge lead does not dominate. A signal that is absent is
0, so with the scorer's zero-centred contributions an absent signal contributes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl


@dataclass(frozen=True)
class Feature:
    name: str
    value: Callable[[], pl.Expr]        # expression over the candidate-leads frame
    text_zh: Callable[[], pl.Expr]      # sentence (may use the lead's columns)
    text_en: Callable[[], pl.Expr]
    why: str                            # the domain brief's justification


def _b(col: str) -> Callable[[], pl.Expr]:
    return lambda: pl.col(col).cast(pl.Float64)


def _t(s: str) -> Callable[[], pl.Expr]:
    return lambda: pl.lit(s)


_is_acc = pl.col("lead_type") == "under_reported_accident"
_is_inc = pl.col("lead_type") == "unreported_incident"


FEATURES: tuple[Feature, ...] = (
    # ---- under-reported accidents -------------------------------------------------------
    Feature(
        "excess_deaths",
        lambda: pl.when(_is_acc).then((pl.col("evidenced_deaths") - pl.col("reported_deaths"))
                                      .clip(lower_bound=0).cast(pl.Float64).log1p()).otherwise(0.0),
        lambda: pl.format("事故报告死亡{}人，但关联证据显示死亡{}人", pl.col("reported_deaths"), pl.col("evidenced_deaths")),
        lambda: pl.format("the accident report states {} deaths but the linked records show {}",
                          pl.col("reported_deaths"), pl.col("evidenced_deaths")),
        "Domain: 'a reported accident whose linked deaths exceed its reported deaths' (under-counting "
        "cases: 35 died / 28 announced; 24 died / 7 reported).",
    ),
    Feature(
        "late_deaths",
        lambda: pl.col("late_deaths").cast(pl.Float64).log1p(),
        lambda: pl.format("{}名报告为受伤的人员在补报期限内死亡，未补报", pl.col("late_deaths")),
        lambda: pl.format("{} victim(s) reported as injured died within the supplementary-report window "
                          "and were never added", pl.col("late_deaths")),
        "Domain: 'an injured victim who dies within 30 days (7 for road traffic and fire) and is never "
        "added is under-reporting too'.",
    ),
    Feature(
        "grade_raised",
        lambda: pl.col("grade_steps").clip(lower_bound=0).cast(pl.Float64),
        lambda: pl.format("按证据事故等级应为{}（报告为{}）", pl.col("evidenced_grade"), pl.col("reported_grade")),
        lambda: pl.format("the evidence raises the grade to {} (reported {})",
                          pl.col("evidenced_grade"), pl.col("reported_grade")),
        "Domain: a higher grade means investigation at a higher level and heavier penalties — the "
        "motive for under-counting.",
    ),
    Feature(
        "below_grade_line",
        _b("below_grade_line"),
        _t("报告死亡人数恰在等级线之下（2、9、29人）"),
        _t("the reported death count sits just below a grade line (2, 9 or 29)"),
        "Domain: 'reported death counts cluster just below a line: 2, 9, 29'.",
    ),
    # ---- incidents ------------------------------------------------------------------------
    Feature(
        "incident_persons",
        lambda: pl.when(_is_inc).then(pl.col("persons").cast(pl.Float64).log1p()).otherwise(0.0),
        lambda: pl.format("{}人在同一单位或同一地点数日内伤亡，且无事故报告", pl.col("persons")),
        lambda: pl.format("{} persons died or were seriously injured at one employer or place within days, "
                          "and no accident was reported", pl.col("persons")),
        "Domain: 'several deaths or trauma admissions tied to one employer or one place within a few "
        "days (an incident), the more so when none was reported'.",
    ),
    Feature(
        "incident_surprise",
        lambda: pl.when(_is_inc & pl.col("burst_p").is_not_null())
        .then((-pl.col("burst_p").clip(lower_bound=1e-12).log10()).clip(0.0, 12.0)).otherwise(0.0),
        lambda: pl.format("该单位或地点平时少有此类伤亡，如此集中纯属偶然的概率约为{}",
                          pl.col("burst_p").round_sig_figs(1).cast(pl.String)),
        lambda: pl.format("so many casualties at once are unusual for this employer or place (chance {})",
                          pl.col("burst_p").round_sig_figs(1).cast(pl.String)),
        "Domain: an incident is several casualties at one employer or place within a few days; how "
        "surprising the cluster is against that employer's or hospital's own background rate "
        "measures how much it looks like one event rather than coincidence.",
    ),
    Feature(
        "incident_deaths",
        lambda: pl.when(_is_inc).then(pl.col("hidden_dead").cast(pl.Float64).log1p()).otherwise(0.0),
        lambda: pl.format("其中{}人死亡", pl.col("hidden_dead")),
        lambda: pl.format("{} of them died", pl.col("hidden_dead")),
        "Domain: grades are set by deaths; multiple deaths at one employer are the core of concealment.",
    ),
    # ---- causes ------------------------------------------------------------------------------
    Feature(
        "work_external_cause",
        _b("any_work_external_cause"),
        _t("医疗记录的外因编码指向作业伤害（ICD-10 W00–W49、W85–W87、X00–X09、X40–X49）"),
        _t("a hospital record's external cause points to work (ICD-10 W00–W49, W85–W87, X00–X09, X40–X49)"),
        "Domain: 'an injury diagnosis or an external cause that points to work (falls, mechanical forces, "
        "electric current, fire, poisoning incl. gases)'.",
    ),
    Feature(
        "industrial_place",
        _b("any_industrial_place"),
        _t("外因编码的地点为工业和建筑区域（.6）"),
        _t("the external cause's place is an industrial or construction area (.6)"),
        "Domain: ICD-10 place code .6 'industrial and construction area'.",
    ),
    Feature(
        "work_cause_text",
        _b("any_work_cause_text"),
        _t("死亡原因的文字记载指向工伤或生产事故"),
        _t("the recorded cause of death reads as a work injury"),
        "Domain: causes in free text (工伤, 高处坠落, …) that name a work accident.",
    ),
    Feature(
        "trauma_admission",
        _b("any_trauma_admission"),
        _t("有外伤住院或急诊记录"),
        _t("a trauma admission or emergency encounter is on file"),
        "Domain: 'trauma admissions'; an injury diagnosis is part of the primary signal.",
    ),
    Feature(
        "died_after_trauma",
        _b("any_died_after_trauma"),
        _t("外伤就诊后30天内死亡"),
        _t("died within 30 days of a trauma admission"),
        "Domain: 'a working-age death with an injury diagnosis'; trauma deaths often follow admission.",
    ),
    Feature(
        "illness_at_high_risk",
        _b("any_illness_at_high_risk"),
        _t("死亡原因记为病故或不明，但死者生前在高危企业参保"),
        _t("cause recorded as illness or unclear while enrolled with a high-risk employer"),
        "Domain: 'a death whose recorded cause is illness or vague while the person was enrolled with a "
        "high-risk employer'; 'a roof-fall death written up as sudden illness'.",
    ),
    Feature(
        "high_risk_employer",
        _b("any_high_risk_employer"),
        _t("所在单位属高危行业（矿山、危化品、烟花爆竹、冶金、建筑）"),
        _t("the employer is in a high-risk industry (mining, hazardous chemicals, fireworks, metallurgy, construction)"),
        "Domain: the high-risk industries where production-safety deaths occur.",
    ),
    Feature(
        "employed",
        _b("any_employed"),
        _t("事发时有在职参保或用人单位记录"),
        _t("an employer is on record at the time"),
        "Domain: a production-safety death is a death at work; hard negatives are deaths of non-workers.",
    ),
    Feature(
        "working_age_death",
        _b("any_working_age_death"),
        _t("死者处于劳动年龄（16–65岁）"),
        _t("the deceased was of working age (16–65)"),
        "Domain: 'a working-age death …'; working age 16–65.",
    ),
    Feature(
        "elderly",
        _b("all_elderly"),
        _t("均为65岁以上老人"),
        _t("all persons are over working age"),
        "Domain hard negative: 'deaths of the elderly'.",
    ),
    # ---- funeral -------------------------------------------------------------------------------
    Feature(
        "fast_cremation",
        _b("any_fast_cremation"),
        _t("死亡后2天内即火化"),
        _t("cremated within 2 days of death"),
        "Domain: 'cremating fast … with a false or missing death certificate'.",
    ),
    Feature(
        "far_cremation",
        _b("any_far_cremation"),
        _t("在户籍地和单位所在地以外的城市火化"),
        _t("cremated in a city other than both the registration place and the employer's county"),
        "Domain: 'moving bodies to another county or province; cremating … far away'.",
    ),
    Feature(
        "certificate_not_hospital",
        _b("any_cert_not_hospital"),
        _t("死亡证明非医院出具"),
        _t("the death certificate was not issued by a hospital"),
        "Domain: 'certificate issued by a party other than a hospital'.",
    ),
    # ---- claims and payers --------------------------------------------------------------------
    Feature(
        "death_claim",
        _b("any_death_claim"),
        _t("有工亡认定或申请，但无对应的事故报告"),
        _t("a work-injury death claim (工亡) with no accident on file"),
        "Domain: 'a work-injury death claim (工亡) with no accident on file'.",
    ),
    Feature(
        "injury_claim",
        _b("any_injury_claim"),
        _t("有工伤认定或申请，但无对应的事故报告"),
        _t("a work-injury claim with no accident on file"),
        "Domain: work-injury recognitions are an independent source of work events (CFOI practice).",
    ),
    Feature(
        "work_injury_payer",
        _b("any_work_payer"),
        _t("医疗费用由工伤保险支付"),
        _t("hospital care paid by work-injury insurance"),
        "Domain: the payer shows the hospital treated it as a work injury.",
    ),
    Feature(
        "serious_injury",
        lambda: (pl.col("hidden_serious") > 0).cast(pl.Float64),
        _t("有重伤证据（住院14天以上、转院或伤残1–4级）"),
        _t("evidence of serious injury (14+ days in hospital, transfer, or disability grade 1–4)"),
        "Domain working definition of serious injury (重伤) outside accident reports.",
    ),
    # ---- hard negatives ------------------------------------------------------------------------
    Feature(
        "traffic_non_worker",
        _b("all_traffic_non_worker"),
        _t("交通事故死亡或受伤，且无在职记录"),
        _t("a traffic casualty with no employer on record"),
        "Domain hard negative: 'traffic deaths of non-workers'.",
    ),
    Feature(
        "traffic",
        _b("all_traffic"),
        _t("原因为交通事故"),
        _t("the cause is a traffic accident"),
        "Domain: road traffic is mostly outside production safety unless at work (a disguise exists: "
        "'a gas death staged as a motorcycle crash', so this is a weight, not a filter).",
    ),
    Feature(
        "home_injury",
        _b("all_home_injury"),
        _t("伤害发生在家中"),
        _t("the injury happened at home"),
        "Domain hard negative: 'falls at home' (ICD-10 place .0).",
    ),
    Feature(
        "illness_cause",
        _b("all_illness_cause"),
        _t("死亡原因记为疾病"),
        _t("the recorded cause of death is an illness"),
        "Domain hard negative: 'natural deaths'.",
    ),
    Feature(
        "weak_link",
        lambda: (1.0 - pl.col("min_match_probability").cast(pl.Float64)).clip(0.0, 1.0),
        _t("记录间的匹配把握不高"),
        _t("the records were joined with limited confidence"),
        "Evidence resting on an uncertain record link is weaker (linkage match probability).",
    ),
)

FEATURE_NAMES: tuple[str, ...] = tuple(f.name for f in FEATURES)
FEATURE_BY_NAME = {f.name: f for f in FEATURES}


def feature_matrix(leads: pl.DataFrame) -> pl.DataFrame:
    """``lead_id`` plus one Float64 column per feature, in :data:`FEATURE_NAMES` order."""
    return leads.select(
        "lead_id", *[f.value().fill_null(0.0).cast(pl.Float64).alias(f.name) for f in FEATURES]
    )
