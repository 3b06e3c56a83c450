"""Shared fixtures for the detection tests: a small hand-made province with known answers,
and a hand-weighted scorer (tests only; the shipped scorer is fitted on generated data)."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from pipelines.detection.features import FEATURE_NAMES
from pipelines.detection.scorer import Scorer

D = dt.date
T = dt.datetime


def _id(region: str, birth: str, seq: str) -> str:
    return f"{region}{birth}{seq}0"


# person → (name, id)
P = {
    "zs": ("张三", _id("140105", "19800101", "011")),
    "ls": ("李四", _id("140105", "19820202", "021")),
    "ww": ("王五", _id("140106", "19850303", "031")),
    "zl": ("赵六", _id("140107", "19790404", "041")),
    "qq": ("钱七", _id("140108", "19900505", "051")),
    "sb": ("孙八", _id("140109", "19300606", "061")),
    "a1": ("周一", _id("140202", "19880707", "071")),
    "a2": ("吴二", _id("140203", "19870808", "081")),
    "tr": ("郑十", _id("140105", "19950909", "091")),
    "si": ("冯伤", _id("140105", "19921010", "101")),
    "cl": ("陈工", _id("140105", "19831111", "111")),
}


def build_province() -> tuple[dict[str, pl.DataFrame], pl.DataFrame]:
    accidents = pl.DataFrame({
        "record_id": ["A1", "A2"],
        "occurred_at": [T(2024, 3, 10, 9), T(2024, 4, 1, 14)],
        "reported_at": [T(2024, 3, 10, 10), T(2024, 4, 1, 15)],
        "region_code": ["140105", "140107"],
        "address": ["x", "y"],
        "enterprise_name": ["山西甲煤业有限公司", "乙建筑公司"],
        "enterprise_uscc": ["91140100AAAAAAAAA1", "91140100BBBBBBBBB2"],
        "industry": ["coal_mining", "construction"],
        "accident_type": ["roof_fall", "fall_from_height"],
        "reported_deaths": [2, 1],
        "reported_serious_injuries": [1, 0],
        "reported_minor_injuries": [0, 0],
        "direct_loss_10k_yuan": [100.0, 20.0],
    })
    victims = pl.DataFrame({
        "record_id": ["V1", "V2", "V3", "V4"],
        "accident_id": ["A1", "A1", "A1", "A2"],
        "name": [P["zs"][0], P["ls"][0], P["ww"][0], P["zl"][0]],
        "id_number": [P["zs"][1], P["ls"][1], P["ww"][1], P["zl"][1]],
        "sex": ["M"] * 4, "age": [44, 42, 39, 45],
        "outcome": ["death", "death", "serious_injury", "death"],
    })
    dereg_rows = [
        ("D1", "zs", D(2024, 3, 10), "140105", "意外"),
        ("D2", "ls", D(2024, 3, 10), "140105", "意外"),
        ("D3", "ww", D(2024, 3, 20), "140106", "病故"),      # late death of a named injured victim
        ("D4", "zl", D(2024, 4, 1), "140107", "工伤"),
        ("D5", "qq", D(2024, 3, 11), "140108", "猝死"),      # unnamed victim of A1 (employment at U1)
        ("D6", "sb", D(2024, 6, 1), "140109", "病故"),       # natural death of an old man
        ("D7", "a1", D(2024, 5, 1), "140202", "病故"),       # concealed incident at U3 (coal)
        ("D8", "a2", D(2024, 5, 2), "140203", "猝死"),
        ("D9", "tr", D(2024, 7, 1), "140105", "交通事故"),   # traffic death, no employer
    ]
    dereg = pl.DataFrame({
        "record_id": [r[0] for r in dereg_rows],
        "name": [P[r[1]][0] for r in dereg_rows],
        "id_number": [P[r[1]][1] for r in dereg_rows],
        "sex": ["M"] * len(dereg_rows),
        "birth_date": [None] * len(dereg_rows),
        "death_date": [r[2] for r in dereg_rows],
        "deregistered_on": [r[2] + dt.timedelta(days=5) for r in dereg_rows],
        "region_code": [r[3] for r in dereg_rows],
        "reason": ["death"] * len(dereg_rows),
        "death_cause": [r[4] for r in dereg_rows],
    }, schema_overrides={"birth_date": pl.Date})
    crem = pl.DataFrame({
        "record_id": ["C7", "C8"],
        "name": [P["a1"][0], P["a2"][0]],
        "id_number": [None, P["a2"][1]],
        "sex": ["M", "M"], "age": [35, 36],
        "death_date": [D(2024, 5, 1), D(2024, 5, 2)],
        "cremated_on": [D(2024, 5, 2), D(2024, 5, 3)],
        "funeral_home": ["远方殡仪馆", "远方殡仪馆"],
        "region_code": ["141002", "141002"],
        "death_cause": ["病故", "猝死"],
        "certificate_issuer": ["community", "other"],
        "body_origin": ["x", "y"],
    })
    claims = pl.DataFrame({
        "record_id": ["K1"],
        "name": [P["cl"][0]], "id_number": [P["cl"][1]], "sex": ["M"],
        "employer_name": ["丙化工有限公司"], "employer_uscc": ["91140100CCCCCCCCC3"],
        "injury_date": [D(2024, 8, 1)], "applied_on": [D(2024, 8, 20)], "decided_on": [D(2024, 9, 20)],
        "outcome": ["death"], "injury_description": ["中毒"], "region_code": ["140105"],
    })
    medical = pl.DataFrame({
        "record_id": ["M1", "M2"],
        "name": [P["si"][0], P["tr"][0]],
        "id_number": [P["si"][1], None],
        "sex": ["M", "M"], "age": [31, 28],
        "hospital": ["省人民医院", "省人民医院"], "region_code": ["140105", "140105"],
        "admitted_at": [T(2024, 9, 1, 8), T(2024, 7, 1, 8)],
        "discharged_at": [T(2024, 9, 25, 8), T(2024, 7, 1, 20)],
        "diagnosis_icd10": ["S32.0", "S06.5"],
        "external_cause_icd10": ["W20.6", "V89.2"],
        "disposition": ["discharged", "died"],
        "payer": ["self_pay", "resident_insurance"],
        "employer_name": [None, None],
    })
    employment = pl.DataFrame({
        "record_id": ["E1", "E2", "E3", "E4"],
        "id_number": [P["qq"][1], P["a1"][1], P["a2"][1], P["si"][1]],
        "name": [P["qq"][0], P["a1"][0], P["a2"][0], P["si"][0]],
        "employer_name": ["山西甲煤业有限公司", "丁矿业公司", "丁矿业公司", "戊建筑公司"],
        "employer_uscc": ["91140100AAAAAAAAA1", "91140200DDDDDDDDD4", "91140200DDDDDDDDD4", "91140100EEEEEEEEE5"],
        "industry": ["coal_mining", "coal_mining", "coal_mining", "construction"],
        "start_date": [D(2020, 1, 1)] * 4,
        "end_date": [None, D(2024, 4, 30), None, None],
    })
    enterprises = pl.DataFrame({
        "uscc": ["91140100AAAAAAAAA1", "91140100BBBBBBBBB2", "91140100CCCCCCCCC3", "91140200DDDDDDDDD4",
                 "91140100EEEEEEEEE5"],
        "name": ["山西甲煤业有限公司", "乙建筑公司", "丙化工有限公司", "丁矿业公司", "戊建筑公司"],
        "industry": ["coal_mining", "construction", "hazardous_chemicals", "coal_mining", "construction"],
        "region_code": ["140105", "140107", "140105", "140202", "140105"],
        "high_risk": [True, True, True, True, True],
    })
    accepted = {"accidents": accidents, "accident_victims": victims, "deregistrations": dereg,
                "cremations": crem, "injury_claims": claims, "medical_records": medical,
                "employment": employment, "enterprises": enterprises}
    person_of = {
        "V1": "zs", "V2": "ls", "V3": "ww", "V4": "zl", "D1": "zs", "D2": "ls", "D3": "ww", "D4": "zl",
        "D5": "qq", "D6": "sb", "D7": "a1", "D8": "a2", "D9": "tr", "C7": "a1", "C8": "a2", "K1": "cl",
        "M1": "si", "M2": "tr",
    }
    src = {"V": "accident_victims", "D": "deregistrations", "C": "cremations", "K": "injury_claims",
           "M": "medical_records"}
    links = pl.DataFrame({
        "source": [src[r[0]] for r in person_of],
        "record_id": list(person_of),
        "person_key": ["p_" + v for v in person_of.values()],
        "match_probability": [0.99] * len(person_of),
    })
    return accepted, links


def lead_holding(result, record_id: str, source: str | None = None) -> pl.DataFrame:
    """The lead(s) of a detection result whose evidence holds the record ``record_id`` (of ``source``)."""
    ev = result.lead_evidence.filter(pl.col("record_id") == record_id)
    if source is not None:
        ev = ev.filter(pl.col("source") == source)
    return result.leads.join(ev.select("lead_id"), on="lead_id")


@pytest.fixture()
def province() -> tuple[dict[str, pl.DataFrame], pl.DataFrame]:
    return build_province()


def hand_scorer() -> Scorer:
    """Weights set by hand from the domain brief's ordering of signals (tests only)."""
    w = {n: 0.0 for n in FEATURE_NAMES}
    w.update({
        "excess_deaths": 3.0, "late_deaths": 1.0, "incident_surprise": 0.2, "grade_raised": 1.0, "below_grade_line": 0.5,
        "incident_more_deaths": 2.0, "incident_injured": 0.5, "incident_at_employer": 1.0,
        "work_external_cause": 1.5, "industrial_place": 1.0, "work_cause_text": 1.0, "mechanism_cause_text": 0.5, "injury_death": 0.5,
        "trauma_admission": 0.5, "died_after_trauma": 1.0, "illness_at_high_risk": 1.5, "vague_cause": 0.5,
        "high_risk_employer": 1.0, "employed": 0.5, "working_age_death": 0.5, "elderly": -2.0, "past_retirement_age": -0.5,
        "fast_cremation": 0.7, "very_fast_cremation": 0.3, "far_cremation": 0.7, "certificate_not_hospital": 0.7, "body_not_hospital": 0.3,
        "death_claim": 1.0, "work_accident_death_claim": 1.0, "injury_claim": 1.0, "work_injury_payer": 1.0, "serious_injury": 0.5,
        "traffic_non_worker": -2.0, "traffic": -0.5, "home_injury": -1.5, "drowning": -1.5, "non_work_injury": -1.5, "illness_cause": -1.0,
        "weak_link": -1.0,
    })
    assert set(w) == set(FEATURE_NAMES)
    return Scorer(features=list(FEATURE_NAMES), weights=[w[n] for n in FEATURE_NAMES], base=-3.0,
                  provenance={"fitted_on": "hand-set weights for tests"})


@pytest.fixture()
def scorer() -> Scorer:
    return hand_scorer()
