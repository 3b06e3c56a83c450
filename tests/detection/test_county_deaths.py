"""Deaths scattered over one county on one day: the victims of a concealed accident, sent to
different funeral homes, meet through the county they are tied to."""

from __future__ import annotations

import datetime as dt

import polars as pl

from pipelines.detection.leads import _county_death_groups

D = dt.date


def _deaths(rows: list[dict]) -> pl.DataFrame:
    base = {"dead": True, "working_age": True, "cause_class": "other_injury", "non_work_injury": False,
            "drowning": False, "very_fast_cremation": False, "far_cremation": False, "cert_issuer": None,
            "body_elsewhere": False, "reg_region": None, "employer_region": None, "hospital_region": None,
            "funeral_region": None}
    return pl.DataFrame([{**base, **r} for r in rows], schema={
        "person_key": pl.String, "event_date": pl.Date, "dead": pl.Boolean, "working_age": pl.Boolean,
        "cause_class": pl.String, "non_work_injury": pl.Boolean, "drowning": pl.Boolean,
        "very_fast_cremation": pl.Boolean, "far_cremation": pl.Boolean, "cert_issuer": pl.String,
        "body_elsewhere": pl.Boolean, "reg_region": pl.String, "employer_region": pl.String,
        "hospital_region": pl.String, "funeral_region": pl.String})


def _background(county: str, n: int, prefix: str) -> list[dict]:
    """n unrelated deaths tied to ``county``, one every few days over a year."""
    return [{"person_key": f"{prefix}{i}", "event_date": D(2024, 1, 1) + dt.timedelta(days=(i * 365) // n),
             "reg_region": county} for i in range(n)]


def test_victims_tied_to_one_county_by_different_places_are_one_group() -> None:
    day = D(2024, 4, 1)
    rows = [
        # registration, funeral home and employer each tie one victim to county 140404
        {"person_key": "v_reg", "event_date": day, "reg_region": "140404", "funeral_region": "140105"},
        {"person_key": "v_fun", "event_date": day, "reg_region": "511623", "funeral_region": "140404"},
        {"person_key": "v_emp", "event_date": day + dt.timedelta(days=1), "employer_region": "140404",
         "cause_class": "illness", "very_fast_cremation": True},
        # an illness or a death with no cause that nothing contradicts (a community certificate is
        # how most deaths at home are certified), a traffic death and an elderly death are not counted
        {"person_key": "natural", "event_date": day, "reg_region": "140404", "cause_class": "illness"},
        {"person_key": "no_cause", "event_date": day, "reg_region": "140404", "cause_class": None},
        {"person_key": "at_home", "event_date": day, "reg_region": "140404", "cause_class": "illness",
         "cert_issuer": "community"},
        {"person_key": "traffic", "event_date": day, "reg_region": "140404", "cause_class": "traffic"},
        {"person_key": "old", "event_date": day, "reg_region": "140404", "working_age": False},
        *_background("140404", 6, "bg"),
        *_background("140105", 6, "other"),
    ]
    got = _county_death_groups(_deaths(rows), 1, 0.05)
    in_county = got.filter(pl.col("group").str.starts_with("D:140404@"))
    assert sorted(in_county["person_key"]) == ["v_emp", "v_fun", "v_reg"]
    assert in_county["group"].n_unique() == 1
    assert in_county["burst_p"].max() < 0.05


def test_a_busy_county_explains_two_deaths_on_one_day() -> None:
    day = D(2024, 6, 13)
    rows = [{"person_key": "a", "event_date": day, "reg_region": "140105"},
            {"person_key": "b", "event_date": day, "reg_region": "140105"},
            *_background("140105", 300, "bg")]
    got = _county_death_groups(_deaths(rows), 1, 0.05)
    assert got.filter(pl.col("person_key").is_in(["a", "b"])).height == 0
    # the same pair in a county that sees no other such death in the year is a burst
    quiet = [{**r, "reg_region": "141029"} for r in rows[:2]] + _background("140105", 300, "bg")
    assert sorted(_county_death_groups(_deaths(quiet), 1, 0.05)["person_key"]) == ["a", "b"]


def test_scattered_deaths_of_one_day_make_one_incident_lead(province, scorer) -> None:
    """End to end: two accidental deaths on one day, registered in one quiet county, no employer,
    no shared funeral home — one unreported_incident with the county grouping, two leads without."""
    from pipelines.detection import DetectionParams, detect

    accepted, links = province
    dereg = accepted["deregistrations"]
    ids = ["14102919800101011" + "0", "14102919820202013" + "0"]
    add = pl.DataFrame({
        "record_id": ["X1", "X2"], "name": ["刘散", "黄散"], "id_number": ids, "sex": ["M", "M"],
        "birth_date": [None, None], "death_date": [D(2024, 8, 23)] * 2, "deregistered_on": [D(2024, 8, 30)] * 2,
        "region_code": ["141029", "141029"], "reason": ["death", "death"], "death_cause": ["意外", "意外"],
    }, schema=dereg.schema)
    acc = {**accepted, "deregistrations": pl.concat([dereg, add])}
    lk = pl.concat([links, pl.DataFrame({"source": ["deregistrations"] * 2, "record_id": ["X1", "X2"],
                                         "person_key": ["p_x1", "p_x2"], "match_probability": [1.0, 1.0]})])

    def leads_of(params: DetectionParams) -> pl.DataFrame:
        res = detect(acc, lk, params=params, scorer=scorer)
        ev = res.lead_evidence.filter(pl.col("record_id").is_in(["X1", "X2"]))
        return res.leads.join(ev.select("lead_id").unique(), on="lead_id")

    grouped = leads_of(DetectionParams(min_score=0.0))
    assert grouped.height == 1
    assert grouped["lead_type"].to_list() == ["unreported_incident"]
    assert grouped["persons"].to_list() == [2]
    apart = leads_of(DetectionParams(min_score=0.0, county_max_p=0.0))
    assert sorted(apart["lead_type"].to_list()) == ["unreported_death", "unreported_death"]


def test_a_county_incident_says_why_its_deaths_are_together(province, scorer) -> None:
    from pipelines.detection import DetectionParams, detect

    accepted, links = province
    dereg = accepted["deregistrations"]
    add = pl.DataFrame({
        "record_id": ["X1", "X2"], "name": ["刘散", "黄散"], "id_number": ["141029198001010110", "141029198202020130"],
        "sex": ["M", "M"], "birth_date": [None, None], "death_date": [D(2024, 8, 23)] * 2,
        "deregistered_on": [D(2024, 8, 30)] * 2, "region_code": ["141029"] * 2, "reason": ["death"] * 2,
        "death_cause": ["意外", "意外"]}, schema=dereg.schema)
    lk = pl.concat([links, pl.DataFrame({"source": ["deregistrations"] * 2, "record_id": ["X1", "X2"],
                                         "person_key": ["p_x1", "p_x2"], "match_probability": [1.0, 1.0]})])
    res = detect({**accepted, "deregistrations": pl.concat([dereg, add])}, lk,
                 params=DetectionParams(min_score=0.0), scorer=scorer)
    lead = res.lead_evidence.filter(pl.col("record_id") == "X1")["lead_id"].item()
    sig = res.lead_signals.filter((pl.col("lead_id") == lead) & (pl.col("signal") == "incident_more_deaths"))
    assert sig["text_zh"].item().startswith("同一县（区）一两日内共2人非正常死亡")
    assert "tied to one county" in sig["text_en"].item()
    # an employer incident keeps the employer wording
    emp = res.lead_signals.filter((pl.col("signal") == "incident_more_deaths") & (pl.col("lead_id") != lead))
    assert emp.height >= 1
    assert emp["text_en"].str.contains("at one employer or place").all()
