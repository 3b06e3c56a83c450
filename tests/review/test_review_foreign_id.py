"""The review app marks an ID number linkage read as someone else's, and does not compare it."""

from __future__ import annotations

from linkage.normalize.ids import check_char
from review.leadview import build_persons
from review.masking import Visibility


def _id(body17: str) -> str:
    return body17 + check_char(body17)


def test_a_relatives_number_on_a_cremation_is_marked_foreign() -> None:
    own, son = _id("14010519790312035"), _id("14010520040101013")
    evidence = [
        {"source": "deregistrations", "record_id": "D1", "person_key": "p1", "match_probability": 1.0,
         "fields": {"name": "王建国", "id_number": own, "death_date": "2024-03-05"}},
        {"source": "cremations", "record_id": "C1", "person_key": "p1", "match_probability": 0.98,
         "fields": {"name": "王建国", "id_number": son, "age": "45", "death_date": "2024-03-05"}},
        {"source": "medical_records", "record_id": "M1", "person_key": "p1", "match_probability": 0.97,
         "fields": {"name": "王建国", "id_number": own, "age": "44", "admitted_at": "2024-03-04 22:10"}},
    ]
    person = build_persons(evidence, set(), Visibility.FULL, None)[0]
    ids = next(r for r in person["rows"] if r["field"] == "id_number")["cells"]
    order = [r["record_id"] for r in person["records"]]
    got = dict(zip(order, (c["cls"] for c in ids), strict=True))
    assert got == {"D1": "agree", "C1": "foreign", "M1": "agree"}
    # with the son's number agreeing with the age (a 20-year-old), it is compared — and disagrees
    evidence[1]["fields"]["age"] = "20"
    person = build_persons(evidence, set(), Visibility.FULL, None)[0]
    ids = next(r for r in person["rows"] if r["field"] == "id_number")["cells"]
    assert dict(zip(order, (c["cls"] for c in ids), strict=True))["C1"] == "disagree"
