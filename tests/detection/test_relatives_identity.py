"""A victim reported dead under a relative's identity: the accident's named dead 赵六 has no death
record of his own (no deregistration, cremation or hospital death), while the hospital records a
death at the accident's employer on its day under 赵七 — the same surname, another given name and ID.
One death, not an extra one. With another surname, or once 赵六 has a death record of his own,
the death is extra and the accident under-reported."""

from __future__ import annotations

import datetime as dt

import polars as pl

from pipelines.detection import DetectionParams, detect
from tests.detection.conftest import P, lead_holding

ALL = DetectionParams(min_score=0.0)
T = dt.datetime
OTHER_ID = "140107199103030330"


def _with(province, name: str, *, own_record: bool) -> tuple[dict, pl.DataFrame]:
    """The province with a hospital death on accident A2's day (2024-04-01, 乙建筑公司) under
    ``name``; ``own_record``: keep 赵六's deregistration D4 (else he has only the victims list)."""
    accepted, links = province
    med = accepted["medical_records"]
    row = pl.DataFrame({
        "record_id": ["M9"], "name": [name], "id_number": [OTHER_ID], "sex": ["M"], "age": [33],
        "hospital": ["杏花岭区医院"], "region_code": ["140107"], "admitted_at": [T(2024, 4, 1, 15)],
        "discharged_at": [T(2024, 4, 1, 18)], "diagnosis_icd10": ["S06.5"], "external_cause_icd10": ["W13.6"],
        "disposition": ["died"], "payer": ["self_pay"], "employer_name": ["乙建筑公司"]})
    acc2 = {**accepted, "medical_records": pl.concat([med, row.select(med.columns)], how="vertical_relaxed")}
    lk = pl.concat([links, pl.DataFrame({"source": ["medical_records"], "record_id": ["M9"],
                                         "person_key": ["p_m9"], "match_probability": [1.0]})])
    if not own_record:
        acc2["deregistrations"] = acc2["deregistrations"].filter(pl.col("record_id") != "D4")
        lk = lk.filter(pl.col("record_id") != "D4")
    return acc2, lk


def test_a_death_under_the_named_victims_surname_is_that_victim(province, scorer) -> None:
    assert P["zl"][0] == "赵六"
    r = detect(*_with(province, "赵七", own_record=False), params=ALL, scorer=scorer)
    assert lead_holding(r, "A2", "accidents").height == 0
    assert lead_holding(r, "M9").height == 0


def test_another_surname_is_an_extra_death(province, scorer) -> None:
    r = detect(*_with(province, "钱九", own_record=False), params=ALL, scorer=scorer)
    lead = lead_holding(r, "A2", "accidents").row(0, named=True)
    assert (lead["reported_deaths"], lead["evidenced_deaths"]) == (1, 2)
    assert lead_holding(r, "M9")["lead_id"].item() == lead["lead_id"]


def test_not_when_the_named_victim_has_a_death_record_of_his_own(province, scorer) -> None:
    r = detect(*_with(province, "赵七", own_record=True), params=ALL, scorer=scorer)
    lead = lead_holding(r, "A2", "accidents").row(0, named=True)
    assert (lead["reported_deaths"], lead["evidenced_deaths"]) == (1, 2)
    assert lead_holding(r, "M9")["lead_id"].item() == lead["lead_id"]


def test_the_outcome_does_not_depend_on_row_order() -> None:
    # a person written under two surnames (赵 / 钱) counts under the first in order, whatever the rows' order
    from pipelines.detection.leads import _named_again

    attached = pl.DataFrame({"person_key": ["a", "b"], "accident_id": ["A2", "A2"], "role": ["attached"] * 2,
                             "named_death": [False, False]})
    victims = pl.DataFrame({"person_key": ["v"], "accident_id": ["A2"], "role": ["victim"], "named_death": [True]})
    facts = pl.DataFrame({
        "person_key": ["a", "a", "a", "b", "b", "v"],
        "source": ["medical_records", "deregistrations", "cremations", "deregistrations", "cremations",
                   "accident_victims"],
        "death": [True, True, True, True, True, False],
        "name": ["钱七", "赵七", "赵七", "赵八", "赵八", "赵六"]})
    got = {tuple(_named_again(attached, victims, facts.sample(fraction=1.0, shuffle=True, seed=s))
                 .filter(pl.col("role") == "named_again").select("person_key", "accident_id").rows())
           for s in range(8)}
    # one victim without a death record of his own absorbs one death: of 'a' (钱 first) and 'b' (赵), 'b'
    assert got == {(("b", "A2"),)}
