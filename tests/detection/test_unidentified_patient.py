"""A hospital's unidentified patient (无名氏, no ID) who died at a reported accident's employer on its
day may be the victim the report names as dead, when that victim has no hospital record of their
own: not an extra death. Once the named dead have their own hospital records, it is one."""

from __future__ import annotations

import datetime as dt

import polars as pl

from pipelines.detection import DetectionParams, detect
from tests.detection.conftest import P, lead_holding

ALL = DetectionParams(min_score=0.0)
T = dt.datetime


def _hospital(rows: list[tuple[str, str, str | None]]) -> pl.DataFrame:
    """Deaths at a hospital on accident A2's day (2024-04-01, 乙建筑公司): (record, name, id)."""
    n = len(rows)
    return pl.DataFrame({
        "record_id": [r[0] for r in rows], "name": [r[1] for r in rows], "id_number": [r[2] for r in rows],
        "sex": ["M"] * n, "age": [45] * n, "hospital": ["杏花岭区医院"] * n, "region_code": ["140107"] * n,
        "admitted_at": [T(2024, 4, 1, 15)] * n, "discharged_at": [T(2024, 4, 1, 18)] * n,
        "diagnosis_icd10": ["S06.5"] * n, "external_cause_icd10": ["W13.6"] * n,
        "disposition": ["died"] * n, "payer": ["self_pay"] * n, "employer_name": ["乙建筑公司"] * n})


def _with(province, rows: list[tuple[str, str, str | None, str]]) -> tuple[dict, pl.DataFrame]:
    accepted, links = province
    med = accepted["medical_records"]
    acc2 = {**accepted, "medical_records": pl.concat([med, _hospital([r[:3] for r in rows]).select(med.columns)],
                                                     how="vertical_relaxed")}
    extra = pl.DataFrame({"source": ["medical_records"] * len(rows), "record_id": [r[0] for r in rows],
                          "person_key": [r[3] for r in rows], "match_probability": [1.0] * len(rows)})
    return acc2, pl.concat([links, extra])


def test_an_unidentified_patient_may_be_the_named_dead(province, scorer) -> None:
    r = detect(*_with(province, [("M9", "无名氏", None, "p_anon")]), params=ALL, scorer=scorer)
    assert lead_holding(r, "A2", "accidents").height == 0
    assert lead_holding(r, "M9").height == 0


def test_not_when_the_named_dead_has_a_hospital_record(province, scorer) -> None:
    # 赵六, named dead of A2, died in hospital under his own name: the unidentified one is another
    rows = [("M8", P["zl"][0], P["zl"][1], "p_zl"), ("M9", "无名氏", None, "p_anon")]
    r = detect(*_with(province, rows), params=ALL, scorer=scorer)
    lead = lead_holding(r, "A2", "accidents").row(0, named=True)
    assert (lead["reported_deaths"], lead["evidenced_deaths"]) == (1, 2)
    assert lead_holding(r, "M9")["lead_id"].item() == lead["lead_id"]


def test_two_unidentified_for_one_named_dead_leave_one_extra(province, scorer) -> None:
    rows = [("M9", "无名氏", None, "p_anon"), ("M10", "无名男", None, "p_anon2")]
    r = detect(*_with(province, rows), params=ALL, scorer=scorer)
    lead = lead_holding(r, "A2", "accidents").row(0, named=True)
    assert (lead["reported_deaths"], lead["evidenced_deaths"]) == (1, 2)
