"""A worker on a reported accident's employer's books who died on the accident's own day belongs to
the accident whatever cause was written down (a roof-fall death written up as sudden illness, a gas
death staged as a road crash) — unless the death is marked off work; a day later an illness death is
the background of a large employer and stays apart."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from pipelines.detection import DetectionParams, detect
from tests.detection.conftest import lead_holding

ALL = DetectionParams(min_score=0.0)
D = dt.date
WK_ID = "140107198807070712"
A2_USCC = "91140100BBBBBBBBB2"


def _with_worker(province, *, died: dt.date, cause: str) -> tuple[dict, pl.DataFrame]:
    """Province plus 韩工, enrolled with 乙建筑公司 (accident A2: 2024-04-01, 1 reported death),
    dead on ``died`` of ``cause`` per the deregistration, no other record."""
    accepted, links = province
    dereg = accepted["deregistrations"]
    drow = pl.DataFrame({
        "record_id": ["D40"], "name": ["韩工"], "id_number": [WK_ID], "sex": ["M"], "birth_date": [None],
        "death_date": [died], "deregistered_on": [died + dt.timedelta(days=6)], "region_code": ["140107"],
        "reason": ["death"], "death_cause": [cause]}, schema=dereg.schema)
    emp = accepted["employment"]
    erow = pl.DataFrame({
        "record_id": ["E40"], "id_number": [WK_ID], "name": ["韩工"], "employer_name": ["乙建筑公司"],
        "employer_uscc": [A2_USCC], "industry": ["construction"], "start_date": [D(2021, 5, 1)],
        "end_date": [None]}, schema=emp.schema)
    acc2 = {**accepted, "deregistrations": pl.concat([dereg, drow]), "employment": pl.concat([emp, erow])}
    extra = pl.DataFrame({"source": ["deregistrations", "employment"], "record_id": ["D40", "E40"],
                          "person_key": ["p_wk", "p_wk"], "match_probability": [1.0, 0.99]})
    return acc2, pl.concat([links, extra])


def _a2_lead(result) -> pl.DataFrame:
    return lead_holding(result, "A2", "accidents")


def _lead_of_worker(result) -> pl.DataFrame:
    return lead_holding(result, "D40")


@pytest.mark.parametrize("cause", ["心肌梗死", "交通事故", "不详"])
def test_a_worker_dead_on_the_accident_day_is_attached_whatever_the_cause(province, scorer, cause) -> None:
    r = detect(*_with_worker(province, died=D(2024, 4, 1), cause=cause), params=ALL, scorer=scorer)
    lead = _a2_lead(r).row(0, named=True)
    assert lead["lead_type"] == "under_reported_accident"
    assert (lead["reported_deaths"], lead["evidenced_deaths"]) == (1, 2)
    assert _lead_of_worker(r)["lead_id"].item() == lead["lead_id"]


def test_an_illness_death_the_next_day_is_not_attached(province, scorer) -> None:
    r = detect(*_with_worker(province, died=D(2024, 4, 2), cause="心肌梗死"), params=ALL, scorer=scorer)
    assert _a2_lead(r).height == 0
    assert _lead_of_worker(r)["lead_type"].to_list() != ["under_reported_accident"]


def test_a_death_marked_off_work_on_the_day_is_not_attached(province, scorer) -> None:
    r = detect(*_with_worker(province, died=D(2024, 4, 1), cause="溺水"), params=ALL, scorer=scorer)
    assert _a2_lead(r).height == 0


def test_the_rule_can_be_switched_off(province, scorer) -> None:
    params = DetectionParams(min_score=0.0, attach_same_day_any_cause=False)
    r = detect(*_with_worker(province, died=D(2024, 4, 1), cause="心肌梗死"), params=params, scorer=scorer)
    assert _a2_lead(r).height == 0
