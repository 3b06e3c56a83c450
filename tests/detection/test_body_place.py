"""A body collected from a registered employer's premises names that employer: a worker with no
employment record, cremated from the site of a reported accident on its day, belongs to that
accident. A body place the enterprise register does not know (a village, a road) names nobody."""

from __future__ import annotations

import datetime as dt

import polars as pl

from pipelines.detection import DetectionParams, detect
from pipelines.detection.detect import candidate_leads
from tests.detection.conftest import lead_holding

ALL = DetectionParams(min_score=0.0)
D = dt.date
WK_ID = "140107199002020715"


def _with_body(province, *, origin: str) -> tuple[dict, pl.DataFrame]:
    """Province plus 钱工, no employment record, dead on accident A2's day (2024-04-01) of 意外事故,
    cremated two days later with the body collected from ``origin``."""
    accepted, links = province
    crem = accepted["cremations"]
    row = pl.DataFrame({
        "record_id": ["C50"], "name": ["钱工"], "id_number": [WK_ID], "sex": ["M"], "age": [34],
        "death_date": [D(2024, 4, 1)], "cremated_on": [D(2024, 4, 3)], "funeral_home": ["太原市殡仪馆"],
        "region_code": ["140107"], "death_cause": ["意外事故"], "certificate_issuer": ["police"],
        "body_origin": [origin]}, schema=crem.schema)
    acc2 = {**accepted, "cremations": pl.concat([crem, row])}
    extra = pl.DataFrame({"source": ["cremations"], "record_id": ["C50"], "person_key": ["p_qg"],
                          "match_probability": [1.0]})
    return acc2, pl.concat([links, extra])


def _profile(accepted, links) -> dict:
    prof = candidate_leads(accepted, links)[1]
    return prof.filter(pl.col("person_key") == "p_qg").row(0, named=True)


def test_a_body_from_a_registered_employer_names_it(province) -> None:
    p = _profile(*_with_body(province, origin="乙建筑公司"))
    assert p["employer_name"] == "乙建筑公司"
    assert p["employer_uscc"] == "91140100BBBBBBBBB2"
    assert p["employer_region"] == "140107"


def test_a_body_from_an_unknown_place_names_no_employer(province) -> None:
    p = _profile(*_with_body(province, origin="迎泽区王家庄"))
    assert p["employer_name"] is None and p["employer_uscc"] is None
    assert p["body_elsewhere"]


def test_a_body_from_the_accident_site_is_attached_to_the_accident(province, scorer) -> None:
    r = detect(*_with_body(province, origin="乙建筑公司"), params=ALL, scorer=scorer)
    lead = lead_holding(r, "A2", "accidents").row(0, named=True)
    assert (lead["reported_deaths"], lead["evidenced_deaths"]) == (1, 2)
    assert lead_holding(r, "C50")["lead_id"].item() == lead["lead_id"]


def test_a_body_from_elsewhere_is_not(province, scorer) -> None:
    r = detect(*_with_body(province, origin="迎泽区王家庄"), params=ALL, scorer=scorer)
    assert lead_holding(r, "A2", "accidents").height == 0
    assert lead_holding(r, "C50")["lead_type"].item() == "unreported_death"
