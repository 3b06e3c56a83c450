"""The casualties of one event taken to several of a city's hospitals: no hospital sees a burst,
but they share the day, the city and the external cause of injury (ICD-10 category)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from pipelines.detection import DetectionParams, detect

T = dt.datetime


def _with_admissions(province, rows: list[tuple[str, str, str, str, str, int]]):
    """``province`` plus one trauma admission per row: (record, hospital, region, external cause,
    disposition, days in hospital), each its own person, all admitted on 2024-10-05 at night."""
    accepted, links = province
    med = accepted["medical_records"]
    add = pl.DataFrame({
        "record_id": [r[0] for r in rows], "name": [f"伤者{i}" for i in range(len(rows))],
        "id_number": [None] * len(rows), "sex": ["M"] * len(rows), "age": [35 + i for i in range(len(rows))],
        "hospital": [r[1] for r in rows], "region_code": [r[2] for r in rows],
        "admitted_at": [T(2024, 10, 5, 23, 10 + i) for i in range(len(rows))],
        "discharged_at": [T(2024, 10, 5, 23, 50) + dt.timedelta(days=r[5]) for r in rows],
        "diagnosis_icd10": ["S06.5"] * len(rows), "external_cause_icd10": [r[3] for r in rows],
        "disposition": [r[4] for r in rows], "payer": ["self_pay"] * len(rows), "employer_name": [None] * len(rows),
    }, schema=med.schema)
    lk = pl.concat([links, pl.DataFrame({
        "source": ["medical_records"] * len(rows), "record_id": [r[0] for r in rows],
        "person_key": [f"p_{r[0]}" for r in rows], "match_probability": [1.0] * len(rows)})])
    return {**accepted, "medical_records": pl.concat([med, add])}, lk


def _leads_of(acc, links, keys: list[str], scorer, **params) -> tuple[pl.DataFrame, object]:
    res = detect(acc, links, params=DetectionParams(min_score=0.0, **params), scorer=scorer)
    ev = res.lead_evidence.filter(pl.col("record_id").is_in(keys))
    return res.leads.join(ev.select("lead_id").unique(), on="lead_id"), res


# a building collapse (W77) at night: two dead and one seriously injured at three of the city's
# hospitals (Taiyuan, 1401xx), the place of occurrence written 8 (other) or 9 (unspecified)
COLLAPSE = [("N1", "甲医院", "140105", "W77.8", "died", 0), ("N2", "乙医院", "140106", "W77.9", "died", 0),
            ("N3", "丙医院", "140109", "W77.8", "discharged", 30)]
KEYS = [r[0] for r in COLLAPSE]


def test_one_citys_casualties_of_one_cause_are_one_incident(province, scorer) -> None:
    acc, lk = _with_admissions(province, COLLAPSE)
    grouped, res = _leads_of(acc, lk, KEYS, scorer)
    assert grouped["lead_type"].to_list() == ["unreported_incident"]
    assert grouped["persons"].to_list() == [3] and grouped["evidenced_deaths"].to_list() == [2]
    sig = res.lead_signals.filter((pl.col("lead_id") == grouped["lead_id"].item())
                                  & (pl.col("signal") == "incident_more_deaths"))
    assert sig["text_zh"].item().startswith("同一城市的医院一两日内收治2名同一外因致死的伤者")
    assert "one external cause of injury taken to one city's hospitals" in sig["text_en"].item()
    # the test switched off: three separate leads
    apart, _ = _leads_of(acc, lk, KEYS, scorer, city_cause_max_p=0.0)
    assert apart.height == 3 and set(apart["lead_type"]) == {"unreported_death", "unreported_serious_injury"}


def test_different_causes_cities_or_injuries_at_home_are_no_incident(province, scorer) -> None:
    for rows in (
        # three mechanisms: a collapse, a machine, a fall
        [COLLAPSE[0], (*COLLAPSE[1][:3], "W24.8", *COLLAPSE[1][4:]), (*COLLAPSE[2][:3], "W13.8", *COLLAPSE[2][4:])],
        # one mechanism in three cities
        [COLLAPSE[0], (*COLLAPSE[1][:2], "140202", *COLLAPSE[1][3:]), (*COLLAPSE[2][:2], "140421", *COLLAPSE[2][3:])],
        # at home (place .0): a hard negative of the domain brief
        [(*r[:3], "W77.0", *r[4:]) for r in COLLAPSE],
    ):
        acc, lk = _with_admissions(province, rows)
        leads, _ = _leads_of(acc, lk, KEYS, scorer)
        assert "unreported_incident" not in set(leads["lead_type"]), rows


def test_a_county_group_is_not_split_by_a_city_group(province, scorer) -> None:
    """Four dead registered in one quiet county on one day, three of them admitted to the city's
    hospitals with one external cause: one incident lead of four, not a city lead of three and a
    lone death (the county group is taken first)."""
    dead = [*COLLAPSE[:2], (*COLLAPSE[2][:4], "died", 0)]
    acc, lk = _with_admissions(province, dead)
    dereg = acc["deregistrations"]
    keys = ["R1", "R2", "R3", "R4"]
    add = pl.DataFrame({
        "record_id": keys, "name": ["伤者0", "伤者1", "伤者2", "王戊"], "id_number": [None] * 4, "sex": ["M"] * 4,
        "birth_date": [dt.date(1989 - i, 1, 1) for i in range(4)],
        "death_date": [dt.date(2024, 10, 6)] * 4, "deregistered_on": [dt.date(2024, 10, 20)] * 4,
        "region_code": ["141029"] * 4, "reason": ["death"] * 4, "death_cause": ["意外"] * 4}, schema=dereg.schema)
    lk = pl.concat([lk, pl.DataFrame({"source": ["deregistrations"] * 4, "record_id": keys,
                                      "person_key": ["p_N1", "p_N2", "p_N3", "p_R4"], "match_probability": [1.0] * 4})])
    acc = {**acc, "deregistrations": pl.concat([dereg, add])}
    leads, _ = _leads_of(acc, lk, [*KEYS, *keys], scorer)
    assert leads["lead_type"].to_list() == ["unreported_incident"]
    assert leads["persons"].to_list() == [4] and leads["evidenced_deaths"].to_list() == [4]
