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


def test_many_deaths_of_one_county_on_one_day_are_a_group_whatever_was_written() -> None:
    """Seven working-age deaths tied to a county on one day, written up with no cause or as
    illness and sent home, are a burst of all deaths there; the unnatural-death test sees none of
    them. Hard negatives stay out, and two such deaths on one day are no burst."""
    from pipelines.detection.leads import _county_day_groups

    day = D(2024, 1, 7)                          # no background death falls on it
    quiet = [{"person_key": f"v{i}", "event_date": day, "reg_region": "140822",
              "cause_class": None if i % 2 else "illness"} for i in range(7)]
    rows = [*quiet,
            {"person_key": "crash", "event_date": day, "reg_region": "140822", "cause_class": "traffic"},
            {"person_key": "old", "event_date": day, "reg_region": "140822", "working_age": False},
            *[{**r, "cause_class": "illness"} for r in _background("140822", 100, "bg")]]
    got = _county_day_groups(_deaths(rows), 0.001)
    assert sorted(got["person_key"]) == [f"v{i}" for i in range(7)]
    assert got["group"].n_unique() == 1 and got["burst_p"].max() < 0.001
    assert _county_death_groups(_deaths(rows), 1, 0.05).filter(pl.col("person_key").str.starts_with("v")).height == 0
    two = [*quiet[:2], *[{**r, "cause_class": "illness"} for r in _background("140822", 100, "bg")]]
    assert _county_day_groups(_deaths(two), 0.001).height == 0


def test_a_county_day_incident_says_so(province, scorer) -> None:
    """End to end: five working-age deaths registered in one quiet county on one day, no cause on
    record, no employer — one unreported_incident that says why they are together."""
    from pipelines.detection import DetectionParams, detect

    accepted, links = province
    dereg = accepted["deregistrations"]
    ids = [f"141029198001{i + 10:02d}0110" for i in range(5)]
    keys = [f"X{i}" for i in range(5)]
    add = pl.DataFrame({
        "record_id": keys, "name": ["刘甲", "黄乙", "张丙", "李丁", "王戊"], "id_number": ids, "sex": ["M"] * 5,
        "birth_date": [None] * 5, "death_date": [D(2024, 8, 23)] * 5, "deregistered_on": [D(2024, 8, 30)] * 5,
        "region_code": ["141029"] * 5, "reason": ["death"] * 5, "death_cause": [None] * 5}, schema=dereg.schema)
    lk = pl.concat([links, pl.DataFrame({"source": ["deregistrations"] * 5, "record_id": keys,
                                         "person_key": [f"p_{k}" for k in keys], "match_probability": [1.0] * 5})])
    acc = {**accepted, "deregistrations": pl.concat([dereg, add])}

    def leads_of(params: DetectionParams) -> pl.DataFrame:
        res = detect(acc, lk, params=params, scorer=scorer)
        ev = res.lead_evidence.filter(pl.col("record_id").is_in(keys))
        return res.leads.join(ev.select("lead_id").unique(), on="lead_id"), res

    grouped, res = leads_of(DetectionParams(min_score=0.0))
    assert grouped["lead_type"].to_list() == ["unreported_incident"] and grouped["persons"].to_list() == [5]
    sig = res.lead_signals.filter((pl.col("lead_id") == grouped["lead_id"].item())
                                  & (pl.col("signal") == "incident_more_deaths"))
    assert sig["text_zh"].item().startswith("同一县（区）同一天共5名劳动年龄人口死亡")
    assert "working-age deaths tied to one county" in sig["text_en"].item()
    apart, _ = leads_of(DetectionParams(min_score=0.0, county_day_max_p=0.0))
    assert apart.height == 5 and set(apart["lead_type"]) == {"unreported_death"}
