"""One casualty ties two incident groups: the employer's and a place's casualties of one event."""

from __future__ import annotations

import datetime as dt

import polars as pl

from pipelines.detection import DetectionParams, detect
from pipelines.detection.leads import _assign_groups, _merge_through_core

T = dt.datetime


def _edges(rows: list[tuple[str, str, float, int]]) -> pl.DataFrame:
    return pl.DataFrame({"person_key": [r[0] for r in rows], "group": [r[1] for r in rows],
                         "burst_p": [r[2] for r in rows], "prio": [r[3] for r in rows]},
                        schema={"person_key": pl.String, "group": pl.String, "burst_p": pl.Float64,
                                "prio": pl.Int32})


# m, seriously injured, is in the employer's group (E:1, with a) and in a hospital's (P:1, with c, d);
# the employer takes m, P:1 keeps c and d
EDGES = _edges([("a", "E:1", 0.02, 0), ("m", "E:1", 0.02, 0),
                ("m", "P:1", 1e-4, 1), ("c", "P:1", 1e-4, 1), ("d", "P:1", 1e-4, 1)])


def test_a_group_that_shared_a_casualty_joins_the_group_that_took_it() -> None:
    assigned = _assign_groups(EDGES)
    assert dict(assigned.select("person_key", "group").iter_rows()) == {
        "a": "E:1", "m": "E:1", "c": "P:1", "d": "P:1"}
    merged = _merge_through_core(assigned, EDGES, pl.DataFrame({"person_key": ["m", "c", "d"]}), 20)
    assert dict(merged.select("person_key", "group").iter_rows()) == {
        "a": "E:1", "m": "E:1", "c": "E:1", "d": "E:1"}
    assert set(merged["prio"]) == {0} and set(merged["burst_p"]) == {0.02}


def test_no_merge_through_a_co_victim_past_the_size_cap_or_in_a_chain() -> None:
    assigned = _assign_groups(EDGES)
    # m only slightly hurt (not a death or serious injury): the groups stay apart
    apart = _merge_through_core(assigned, EDGES, pl.DataFrame({"person_key": ["c", "d"]}), 20)
    assert apart.sort("person_key").equals(assigned.sort("person_key"))
    # the union would pass the cap
    capped = _merge_through_core(assigned, EDGES, pl.DataFrame({"person_key": ["m"]}), 3)
    assert capped.sort("person_key").equals(assigned.sort("person_key"))
    # a chain: G:1 took k from E:1 and E:1 took m from P:1 — E:1 would move into G:1 while P:1
    # moves into E:1; neither moves (one step only)
    chain = pl.concat([EDGES, _edges([("k", "E:1", 0.02, 0), ("k", "G:1", 1e-6, 0), ("g", "G:1", 1e-6, 0)])])
    got = _assign_groups(chain)
    assert dict(got.select("person_key", "group").iter_rows()) == {
        "a": "E:1", "m": "E:1", "c": "P:1", "d": "P:1", "k": "G:1", "g": "G:1"}
    merged = _merge_through_core(got, chain, pl.DataFrame({"person_key": ["m", "k"]}), 20)
    assert merged.sort("person_key").equals(got.sort("person_key"))


def _admission(rid: str, hospital: str, region: str, disposition: str, days: int,
               employer: str | None) -> pl.DataFrame:
    return pl.DataFrame({
        "record_id": [rid], "name": [f"伤者{rid}"], "id_number": [None], "sex": ["M"], "age": [38],
        "hospital": [hospital], "region_code": [region], "admitted_at": [T(2024, 9, 12, 10, 30)],
        "discharged_at": [T(2024, 9, 12, 18, 0) + dt.timedelta(days=days)], "diagnosis_icd10": ["S06.5"],
        "external_cause_icd10": ["W20.6"], "disposition": [disposition], "payer": ["self_pay"],
        "employer_name": [employer]}, schema_overrides={"id_number": pl.String, "employer_name": pl.String})


def test_the_employers_and_the_hospitals_casualties_of_one_day_are_one_lead(province, scorer) -> None:
    """A builder's two seriously injured (its name on their admissions) at two hospitals, and two dead
    with no employer on record at the first of them on the same day: the employer's group takes
    the injured man the hospital's group shares, and the hospital's dead join it — one lead of
    four, not two leads of one event."""
    accepted, links = province
    med = accepted["medical_records"]
    works = "乙建筑公司"
    rows = [("Q1", "晋中新区医院", "140702", "transferred", 3, works),
            ("Q2", "太谷县人民医院", "140703", "discharged", 20, works),
            ("Q3", "晋中新区医院", "140702", "died", 0, None),
            ("Q4", "晋中新区医院", "140702", "died", 0, None)]
    add = pl.concat([_admission(*r) for r in rows])
    lk = pl.concat([links, pl.DataFrame({
        "source": ["medical_records"] * len(rows), "record_id": [r[0] for r in rows],
        "person_key": [f"p_{r[0]}" for r in rows], "match_probability": [1.0] * len(rows)})])
    acc = {**accepted, "medical_records": pl.concat([med, add], how="vertical_relaxed")}
    keys = [r[0] for r in rows]

    def leads(**params) -> pl.DataFrame:
        res = detect(acc, lk, params=DetectionParams(min_score=0.0, **params), scorer=scorer)
        ev = res.lead_evidence.filter(pl.col("record_id").is_in(keys))
        return res.leads.join(ev.select("lead_id").unique(), on="lead_id")

    one = leads()
    assert one["lead_type"].to_list() == ["unreported_incident"]
    assert one["persons"].to_list() == [4] and one["evidenced_deaths"].to_list() == [2]
    assert one["employer_name"].to_list() == [works]
    two = leads(merge_through_core=False)
    assert sorted(two["persons"].to_list()) == [2, 2]
