"""The data contract (v1) as data: every input source, its columns and their types.

This module is the single source of truth for ``shared/spec/data-contract.md``
inside the code. Readers, the quality gate, the canonical typing stage and the
synthetic generator all take column lists, dtypes and enums from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

DType = Literal["str", "int", "float", "date", "datetime", "bool", "enum", "region", "id", "uscc", "sex"]

INDUSTRIES = (
    "coal_mining", "non_coal_mining", "hazardous_chemicals", "metallurgy", "construction",
    "transport", "fireworks", "manufacturing", "other",
)
HIGH_RISK_INDUSTRIES = (
    "coal_mining", "non_coal_mining", "hazardous_chemicals", "fireworks", "metallurgy", "construction",
)
ACCIDENT_TYPES = (
    "roof_fall", "gas_explosion", "flooding", "fall_from_height", "struck_by_object", "machinery",
    "electrocution", "poisoning_asphyxiation", "vehicle", "lifting", "collapse", "fire",
    "explosion", "burn", "other",
)
VICTIM_OUTCOMES = ("death", "serious_injury", "minor_injury")
DEREG_REASONS = ("death", "declared_dead")
CERT_ISSUERS = ("hospital", "police", "community", "other")
CLAIM_OUTCOMES = (
    "death", *(f"disability_{i}" for i in range(1, 11)), "injury", "rejected", "pending",
)
DISPOSITIONS = ("discharged", "transferred", "died", "left_against_advice")
PAYERS = (
    "employee_insurance", "resident_insurance", "work_injury_insurance", "self_pay", "commercial", "other",
)
GRADES = ("一般", "较大", "重大", "特别重大")

_CN_NUMS = "一二三四五六七八九十"
# Chinese labels departments' exports use for the enum codes (the contract's names: 冒顶片帮,
# 工亡 …), and the near-miss English spellings of a hand-made export (``died`` for a victim's
# ``death``, ``death`` for a patient's ``died``), so an export is read, not quarantined. Keyed by
# the enum; matched after the same folding as the codes (half-width, trimmed, lower-case, spaces
# and hyphens as ``_``).
ENUM_SYNONYMS: dict[tuple[str, ...], dict[str, str]] = {
    INDUSTRIES: {
        "煤矿": "coal_mining", "煤炭开采": "coal_mining", "煤炭开采和洗选业": "coal_mining", "煤炭": "coal_mining",
        "非煤矿山": "non_coal_mining", "非煤矿": "non_coal_mining", "金属非金属矿山": "non_coal_mining",
        "危险化学品": "hazardous_chemicals", "危化品": "hazardous_chemicals", "化工": "hazardous_chemicals",
        "冶金": "metallurgy", "冶炼": "metallurgy", "钢铁": "metallurgy",
        "建筑": "construction", "建筑业": "construction", "建筑施工": "construction",
        "交通运输": "transport", "运输": "transport", "道路运输": "transport",
        "烟花爆竹": "fireworks", "制造": "manufacturing", "制造业": "manufacturing",
        "工贸": "manufacturing", "其他": "other", "其它": "other",
        "coal": "coal_mining", "coal_mine": "coal_mining", "noncoal_mining": "non_coal_mining",
        "non_coal_mine": "non_coal_mining", "chemical": "hazardous_chemicals", "chemicals": "hazardous_chemicals",
        "hazardous_chemical": "hazardous_chemicals", "metallurgical": "metallurgy", "steel": "metallurgy",
        "building": "construction", "transportation": "transport", "logistics": "transport",
        "firework": "fireworks",
    },
    ACCIDENT_TYPES: {
        "冒顶片帮": "roof_fall", "冒顶": "roof_fall", "片帮": "roof_fall", "瓦斯爆炸": "gas_explosion",
        "透水": "flooding", "高处坠落": "fall_from_height", "物体打击": "struck_by_object",
        "机械伤害": "machinery", "触电": "electrocution", "中毒和窒息": "poisoning_asphyxiation",
        "中毒窒息": "poisoning_asphyxiation", "车辆伤害": "vehicle", "起重伤害": "lifting", "坍塌": "collapse",
        "火灾": "fire", "爆炸": "explosion", "其他爆炸": "explosion", "锅炉爆炸": "explosion",
        "容器爆炸": "explosion", "火药爆炸": "explosion", "放炮": "explosion", "灼烫": "burn",
        "其他": "other", "其它": "other", "其他伤害": "other",
    },
    VICTIM_OUTCOMES: {"死亡": "death", "重伤": "serious_injury", "轻伤": "minor_injury",
                      "dead": "death", "died": "death", "fatal": "death", "fatality": "death",
                      "serious": "serious_injury", "seriously_injured": "serious_injury",
                      "severe_injury": "serious_injury", "minor": "minor_injury", "slight_injury": "minor_injury",
                      "light_injury": "minor_injury", "minor_injured": "minor_injury"},
    DEREG_REASONS: {"死亡": "death", "宣告死亡": "declared_dead", "dead": "death", "died": "death",
                    "deceased": "death"},
    CERT_ISSUERS: {
        "医院": "hospital", "医疗机构": "hospital", "公安": "police", "公安机关": "police",
        "派出所": "police", "社区": "community", "居委会": "community", "村委会": "community",
        "社区卫生服务中心": "community", "其他": "other", "其它": "other",
        "public_security": "police", "neighborhood_committee": "community", "village_committee": "community",
        "residents_committee": "community",
    },
    CLAIM_OUTCOMES: {
        "工亡": "death", "死亡": "death", "工伤": "injury", "受伤": "injury", "认定工伤": "injury",
        "不予认定": "rejected", "不予受理": "rejected", "驳回": "rejected", "未认定": "rejected",
        "待定": "pending", "审核中": "pending", "受理中": "pending", "处理中": "pending",
        "work_death": "death", "fatal": "death", "injured": "injury", "denied": "rejected",
        "not_recognised": "rejected", "not_recognized": "rejected",
        **{f"伤残{i}级": f"disability_{i}" for i in range(1, 11)},
        **{f"{_CN_NUMS[i - 1]}级伤残": f"disability_{i}" for i in range(1, 11)},
        **{f"伤残{_CN_NUMS[i - 1]}级": f"disability_{i}" for i in range(1, 11)},
    },
    DISPOSITIONS: {"出院": "discharged", "治愈出院": "discharged", "好转出院": "discharged",
                   "转院": "transferred", "转诊": "transferred", "死亡": "died", "院内死亡": "died",
                   "自动出院": "left_against_advice", "自动离院": "left_against_advice",
                   "death": "died", "dead": "died", "deceased": "died", "discharge": "discharged",
                   "transfer": "transferred", "left_against_medical_advice": "left_against_advice",
                   "ama": "left_against_advice"},
    PAYERS: {
        "职工医保": "employee_insurance", "城镇职工医保": "employee_insurance",
        "城镇职工基本医疗保险": "employee_insurance", "居民医保": "resident_insurance",
        "城乡居民医保": "resident_insurance", "城乡居民基本医疗保险": "resident_insurance",
        "新农合": "resident_insurance", "工伤保险": "work_injury_insurance", "自费": "self_pay",
        "全自费": "self_pay", "商业保险": "commercial", "其他": "other", "其它": "other",
        "self": "self_pay", "work_injury": "work_injury_insurance", "employee": "employee_insurance",
        "resident": "resident_insurance",
    },
}
LEAD_TYPES = ("unreported_death", "unreported_incident", "under_reported_accident", "unreported_serious_injury")


@dataclass(frozen=True)
class Column:
    """One canonical column of a source.

    ``required``: the column must be present in the file (else fatal).
    ``nullable``: a row may leave it empty.
    """

    name: str
    dtype: DType
    required: bool = True
    nullable: bool = True
    enum: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Source:
    name: str
    columns: tuple[Column, ...]
    event_date: str | None = None          # the source's own event date (quarantine if bad)
    person_bearing: bool = True            # rows are about one person (take part in linkage)
    department: str = ""
    required_for_run: bool = False
    description: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


def _c(name: str, dtype: DType, *, nullable: bool = True, enum: tuple[str, ...] | None = None,
       required: bool = True) -> Column:
    return Column(name, dtype, required=required, nullable=nullable, enum=enum)


SOURCES: dict[str, Source] = {
    s.name: s
    for s in [
        Source(
            "accidents",
            (
                _c("record_id", "str", nullable=False),
                _c("occurred_at", "datetime", nullable=False),
                _c("reported_at", "datetime"),
                _c("region_code", "region", nullable=False),
                _c("address", "str"),
                _c("enterprise_name", "str"),
                _c("enterprise_uscc", "uscc"),
                _c("industry", "enum", enum=INDUSTRIES),
                _c("accident_type", "enum", enum=ACCIDENT_TYPES),
                _c("reported_deaths", "int"),
                _c("reported_serious_injuries", "int"),
                _c("reported_minor_injuries", "int"),
                _c("direct_loss_10k_yuan", "float"),
            ),
            event_date="occurred_at",
            person_bearing=False,
            department="应急管理 emergency management",
            required_for_run=True,
            description="reported production-safety accidents",
        ),
        Source(
            "accident_victims",
            (
                _c("record_id", "str", nullable=False),
                _c("accident_id", "str", nullable=False),
                _c("name", "str", nullable=False),
                _c("id_number", "id"),
                _c("sex", "sex"),
                _c("age", "int"),
                _c("outcome", "enum", enum=VICTIM_OUTCOMES, nullable=False),
            ),
            department="应急管理 emergency management",
            required_for_run=True,
            description="casualties named in the accident reports",
        ),
        Source(
            "deregistrations",
            (
                _c("record_id", "str", nullable=False),
                _c("name", "str", nullable=False),
                _c("id_number", "id"),
                _c("sex", "sex"),
                _c("birth_date", "date"),
                _c("death_date", "date"),
                _c("deregistered_on", "date", nullable=False),
                _c("region_code", "region", nullable=False),
                _c("reason", "enum", enum=DEREG_REASONS),
                _c("death_cause", "str"),
            ),
            event_date="deregistered_on",
            department="公安 public security",
            description="household-registration cancellations for death",
        ),
        Source(
            "cremations",
            (
                _c("record_id", "str", nullable=False),
                _c("name", "str", nullable=False),
                _c("id_number", "id"),
                _c("sex", "sex"),
                _c("age", "int"),
                _c("death_date", "date"),
                _c("cremated_on", "date", nullable=False),
                _c("funeral_home", "str"),
                _c("region_code", "region", nullable=False),
                _c("death_cause", "str"),
                _c("certificate_issuer", "enum", enum=CERT_ISSUERS),
                _c("body_origin", "str"),
            ),
            event_date="cremated_on",
            department="民政 civil affairs",
            description="funeral / cremation records",
        ),
        Source(
            "injury_claims",
            (
                _c("record_id", "str", nullable=False),
                _c("name", "str", nullable=False),
                _c("id_number", "id"),
                _c("sex", "sex"),
                _c("employer_name", "str"),
                _c("employer_uscc", "uscc"),
                _c("injury_date", "date", nullable=False),
                _c("applied_on", "date"),
                _c("decided_on", "date"),
                _c("outcome", "enum", enum=CLAIM_OUTCOMES),
                _c("injury_description", "str"),
                _c("region_code", "region", nullable=False),
            ),
            event_date="injury_date",
            department="人社 human resources & social security",
            description="work-injury insurance recognitions and claims",
        ),
        Source(
            "medical_records",
            (
                _c("record_id", "str", nullable=False),
                _c("name", "str", nullable=False),
                _c("id_number", "id"),
                _c("sex", "sex"),
                _c("age", "int"),
                _c("hospital", "str"),
                _c("region_code", "region", nullable=False),
                _c("admitted_at", "datetime", nullable=False),
                _c("discharged_at", "datetime"),
                _c("diagnosis_icd10", "str"),
                _c("external_cause_icd10", "str"),
                _c("disposition", "enum", enum=DISPOSITIONS),
                _c("payer", "enum", enum=PAYERS),
                _c("employer_name", "str"),
            ),
            event_date="admitted_at",
            department="卫健 health",
            description="inpatient and emergency encounters with injury diagnoses",
        ),
        Source(
            "employment",
            (
                _c("record_id", "str", nullable=False),
                _c("id_number", "id"),
                _c("name", "str"),
                _c("employer_name", "str"),
                _c("employer_uscc", "uscc"),
                _c("industry", "enum", enum=INDUSTRIES),
                _c("start_date", "date", nullable=False),
                _c("end_date", "date"),
            ),
            event_date="start_date",
            # an enrolment spell names one person (ID, name): linked into persons like every record
            # that does, so that `links` holds it and a spell with a mistyped ID still finds its person
            department="人社 human resources & social security",
            description="social-insurance enrolment spells (optional)",
        ),
        Source(
            "enterprises",
            (
                _c("uscc", "uscc"),
                _c("name", "str", nullable=False),
                _c("industry", "enum", enum=INDUSTRIES),
                _c("region_code", "region"),
                _c("high_risk", "bool"),
            ),
            person_bearing=False,
            department="应急管理 / 市场监管 enterprise register",
            description="enterprise register (optional)",
        ),
    ]
}

DEATH_SOURCES = ("deregistrations", "cremations")
PERSON_SOURCES = tuple(s for s, src in SOURCES.items() if src.person_bearing)
REQUIRED_SOURCES = ("accidents", "accident_victims")
