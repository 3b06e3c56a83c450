"""The unnamed dead of a reported road accident are traffic deaths: attached on its day at its
victims' hospital in its county, and not otherwise (a city hospital takes several a day); at that
hospital an unnamed death with no employer is attached only when its injury reads as work."""

from __future__ import annotations

import datetime as dt

import polars as pl

from pipelines.detection import DetectionParams, detect
from tests.detection.conftest import lead_holding

ALL = DetectionParams(min_score=0.0)
D = dt.date
T = dt.datetime
RD_ID = "140107198506060510"


def _road_province(province, *, accident_type: str, admitted: T, hospital_region: str = "140107",
                   died: T | None = None, external_cause: str | None = "V43.5", death_cause: str = "交通事故"
                   ) -> tuple[dict, pl.DataFrame]:
    accepted, links = province
    died = died or admitted + dt.timedelta(hours=4)
    acc = accepted["accidents"].with_columns(
        pl.when(pl.col("record_id") == "A2").then(pl.lit(accident_type)).otherwise(pl.col("accident_type"))
        .alias("accident_type"),
        pl.when(pl.col("record_id") == "A2").then(pl.lit("transport")).otherwise(pl.col("industry")).alias("industry"))
    med = accepted["medical_records"]
    zl_name, zl_id = accepted["accident_victims"].filter(pl.col("record_id") == "V4").select("name", "id_number").row(0)
    rows = pl.DataFrame({
        # the named victim (赵六) and an unnamed one, both admitted after the crash and died
        "record_id": ["M30", "M31"], "name": [zl_name, "路人甲"], "id_number": [zl_id, RD_ID],
        "sex": ["M", "M"], "age": [45, 39], "hospital": ["区人民医院", "区人民医院"],
        "region_code": ["140107", hospital_region], "admitted_at": [T(2024, 4, 1, 15), admitted],
        "discharged_at": [T(2024, 4, 1, 20), died],
        "diagnosis_icd10": ["S06.5", "S06.5"], "external_cause_icd10": ["V43.5", external_cause],
        "disposition": ["died", "died"], "payer": ["self_pay", "self_pay"], "employer_name": [None, None],
    }, schema=med.schema)
    dereg = accepted["deregistrations"]
    drow = pl.DataFrame({
        "record_id": ["D31"], "name": ["路人甲"], "id_number": [RD_ID], "sex": ["M"], "birth_date": [None],
        "death_date": [died.date()], "deregistered_on": [died.date() + dt.timedelta(days=6)],
        "region_code": ["140107"], "reason": ["death"], "death_cause": [death_cause]}, schema=dereg.schema)
    acc2 = {**accepted, "accidents": acc, "medical_records": pl.concat([med, rows]),
            "deregistrations": pl.concat([dereg, drow])}
    extra = pl.DataFrame({"source": ["medical_records", "medical_records", "deregistrations"],
                          "record_id": ["M30", "M31", "D31"], "person_key": ["p_zl", "p_rd", "p_rd"],
                          "match_probability": [0.99, 1.0, 0.99]})
    return acc2, pl.concat([links, extra])


def _accident_lead(result) -> pl.DataFrame:
    return lead_holding(result, "A2", "accidents")


def _lead_of_unnamed(result) -> pl.DataFrame:
    return lead_holding(result, "D31")


def test_unnamed_traffic_death_on_the_day_of_a_road_accident_is_attached(province, scorer) -> None:
    r = detect(*_road_province(province, accident_type="vehicle", admitted=T(2024, 4, 1, 16)), params=ALL,
               scorer=scorer)
    lead = _accident_lead(r).row(0, named=True)
    assert lead["lead_type"] == "under_reported_accident"
    assert (lead["reported_deaths"], lead["evidenced_deaths"]) == (1, 2)
    assert _lead_of_unnamed(r)["lead_id"].item() == lead["lead_id"]


def test_a_casualty_of_an_evening_crash_who_dies_after_midnight_is_attached(province, scorer) -> None:
    """Admitted on the crash's day, dead the next morning: the day that counts is the injury's
    (independent generator: a mine's 21:41 vehicle accident, an unnamed victim admitted at 22:30
    to the county hospital and dead at 04:01 was left out, so the lead read 2 deaths for 3)."""
    r = detect(*_road_province(province, accident_type="vehicle", admitted=T(2024, 4, 1, 22, 30),
                               died=T(2024, 4, 2, 4, 1)), params=ALL, scorer=scorer)
    lead = _accident_lead(r).row(0, named=True)
    assert (lead["reported_deaths"], lead["evidenced_deaths"]) == (1, 2)
    assert _lead_of_unnamed(r)["lead_id"].item() == lead["lead_id"]


def test_traffic_deaths_that_do_not_fit_the_road_accident_stay_apart(province, scorer) -> None:
    cases = {
        "not a road accident": dict(accident_type="fall_from_height", admitted=T(2024, 4, 1, 16)),
        "the next day": dict(accident_type="vehicle", admitted=T(2024, 4, 2, 9)),
        "admitted the day before": dict(accident_type="vehicle", admitted=T(2024, 3, 31, 22),
                                        died=T(2024, 4, 1, 6)),
        "a hospital in another county": dict(accident_type="vehicle", admitted=T(2024, 4, 1, 16),
                                             hospital_region="140105"),
    }
    for why, kw in cases.items():
        r = detect(*_road_province(province, **kw), params=ALL, scorer=scorer)
        assert _accident_lead(r).height == 0, why          # A2's count stays as reported
        assert _lead_of_unnamed(r)["lead_type"].to_list() == ["unreported_death"], why


def test_at_the_victims_hospital_only_a_work_injury_death_with_no_employer_is_attached(province, scorer) -> None:
    """A stranger with no employer on record who died of an injury at the hospital that took an
    accident's named victims, on its day: a work injury (struck by an object at an industrial
    place) is one of its dead; an unspecified injury (意外, X59) is the hospital's daily
    coincidence (scale 1.0, both generators: 4 such deaths rightly attached, 30 wrongly). A
    medical mechanism alone (电击伤) with no external cause coded is as often a shock at home, and
    nothing else ties the stranger to the accident; the same death written as an accident (触电事故)
    or coded an electric current at an industrial place (W87.6) names work; coded at home (W87.0)
    it is off work."""
    for cause, ext, attached in (("物体打击", "W20.6", True), ("意外", "X59", False),
                                 ("电击伤", None, False), ("触电事故", None, True),
                                 ("电击伤", "W87.6", True), ("电击伤", "W87.0", False)):
        r = detect(*_road_province(province, accident_type="struck_by_object", admitted=T(2024, 4, 1, 16),
                                   external_cause=ext, death_cause=cause), params=ALL, scorer=scorer)
        lead = _accident_lead(r)
        if attached:
            assert (lead["reported_deaths"].item(), lead["evidenced_deaths"].item()) == (1, 2), cause
            assert _lead_of_unnamed(r)["lead_id"].item() == lead["lead_id"].item(), cause
        else:
            assert lead.height == 0, cause                      # A2's count stays as reported
            assert _lead_of_unnamed(r)["lead_type"].to_list() == ["unreported_death"], cause
