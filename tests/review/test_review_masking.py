"""What each role sees of a match explanation's compared values."""

from __future__ import annotations

from review.leadview import mask_explanation
from review.masking import Visibility, diagnosis_chapter

ROWS = [
    {"comparison": "id", "value_l": "140105197803120012", "value_r": "140105197803120012"},
    {"comparison": "name", "value_l": "王建国", "value_r": "王建国"},
    {"comparison": "diagnosis", "value_l": "S06.5", "value_r": "S72.0"},
    {"comparison": "death_place", "value_l": "安泽县河底村", "value_r": None},
    {"comparison": "external_cause", "value_l": "W20.6", "value_r": "W20.6"},
]


def test_auditor_sees_diagnosis_chapters_names_and_ids_masked() -> None:
    out = mask_explanation(ROWS, Visibility.ALL)
    assert out[0]["value_l"] == "140105********0012"
    assert out[1]["value_l"] == "王**"
    assert out[2]["value_l"] == diagnosis_chapter("S06.5") and "S06.5" not in str(out)
    assert out[3]["value_l"] == "▒▒▒" and out[3]["value_r"] is None
    assert out[4]["value_l"] == diagnosis_chapter("W20.6") and "W20.6" not in str(out)


def test_investigator_sees_diagnoses_but_not_ids() -> None:
    out = mask_explanation(ROWS, Visibility.IDS)
    assert out[0]["value_l"] == "140105********0012"
    assert out[1]["value_l"] == "王建国" and out[2]["value_l"] == "S06.5" and out[3]["value_l"] == "安泽县河底村"
    assert out[4]["value_l"] == "W20.6"
    assert mask_explanation(ROWS, Visibility.FULL) == ROWS
