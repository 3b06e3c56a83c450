"""A record carrying someone else's ID number (its birth year far from the record's own age)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from linkage.normalize.ids import check_char
from pipelines.detection import DetectionParams
from pipelines.detection.profiles import attach_links, person_profiles, record_facts

SON = "14010219780605001" + check_char("14010219780605001")


def _profiles(age: int) -> dict:
    """A 72-year-old's cremation on which the funeral home wrote the number of his son (born
    1978), and the son's enrolment at a coal mine."""
    crem = pl.DataFrame({"record_id": ["C1"], "name": ["王建国"], "id_number": [SON], "sex": ["男"], "age": [age],
                         "death_date": [dt.date(2023, 3, 1)], "cremated_on": [dt.date(2023, 3, 4)],
                         "funeral_home": ["太原市殡仪馆"], "region_code": ["140105"], "death_cause": ["脑梗死"],
                         "certificate_issuer": ["hospital"], "body_origin": ["山西省人民医院"]})
    emp = pl.DataFrame({"record_id": ["E1"], "id_number": [SON], "name": ["王小军"], "employer_name": ["山西甲煤业有限公司"],
                        "employer_uscc": ["91140100AAAAAAAAA1"], "industry": ["coal_mining"],
                        "start_date": [dt.date(2015, 1, 1)], "end_date": [None]})
    acc = {"cremations": crem, "employment": emp}
    links = pl.DataFrame({"source": ["cremations", "employment"], "record_id": ["C1", "E1"],
                          "person_key": ["p_father", "p_son"], "match_probability": [1.0, 1.0]})
    params = DetectionParams()
    prof = person_profiles(acc, attach_links(record_facts(acc, params), links), params, links)
    return prof.filter(pl.col("person_key") == "p_father").row(0, named=True)


def test_a_relatives_number_gives_neither_age_nor_employer() -> None:
    # the son's number would make the father a 44-year-old coal miner — a working-age death at a
    # high-risk employer; the record's own age (72) stands, and no employment is found
    p = _profiles(72)
    assert p["age"] == 72 and not p["working_age"]
    assert p["employer_name"] is None and not p["employed_at_event"] and not p["id_keys"]


def test_a_number_agreeing_with_the_age_is_the_persons_own() -> None:
    p = _profiles(44)
    assert p["age"] == 44 and p["working_age"]
    assert p["employer_name"] == "山西甲煤业有限公司" and p["employed_at_event"]
