"""Masking helpers: IDs keep 6 + 4 characters, diagnoses become ICD-10 chapters."""

from __future__ import annotations

import polars as pl
from reports_checks import is_valid_id, unmasked_ids

from reports.masking import (
    diagnosis_chapter,
    is_valid_resident_id,
    mask_frame,
    mask_id,
    scrub_ids,
)

VALID = "11010519491231002X"


def test_mask_id_string_keeps_region_and_last_four():
    assert mask_id("14010519800101123X") == "140105********123X"
    assert mask_id(" 140105800101123 ") == "140105*****1123"
    assert mask_id(None) is None
    assert mask_id("1234567") == "*******"


def test_mask_id_expression_matches_string_form():
    ids = ["14010519800101123X", None, "140105800101123", "12345"]
    got = pl.DataFrame({"id_number": ids}).select(mask_id(pl.col("id_number")))["id_number"].to_list()
    assert got == [mask_id(v) if v is not None else None for v in ids]


def test_diagnosis_chapter_zh_en_and_unknown():
    assert diagnosis_chapter("S06.5") == "S00–T98 损伤、中毒和外因的某些其他后果"
    assert diagnosis_chapter("S06.5", "en").startswith("S00–T98 Injury, poisoning")
    assert diagnosis_chapter("W20.6") == "V01–Y98 疾病和死亡的外因"
    assert diagnosis_chapter("I21.9", "en") == "I00–I99 Diseases of the circulatory system"
    assert diagnosis_chapter("t71") == diagnosis_chapter("T71")
    assert diagnosis_chapter("??") == "未能识别的诊断编码"
    assert diagnosis_chapter(None) is None


def test_diagnosis_chapter_expression_matches_string_form():
    codes = ["S06.5", "W20.6", "I21.9", "X47", "C34.1", "D60", "bad", None, "Z99.9"]
    for lang in ("zh", "en"):
        got = pl.DataFrame({"c": codes}).select(diagnosis_chapter(pl.col("c"), lang))["c"].to_list()
        assert got == [diagnosis_chapter(c, lang) for c in codes]


def test_mask_frame_leaves_no_valid_id_or_code():
    df = pl.DataFrame({"id_number": [VALID], "diagnosis_icd10": ["S72.0"], "name": ["张伟"]})
    out = mask_frame(df)
    text = str(out.to_dicts())
    assert unmasked_ids(text) == []
    assert "S72.0" not in text
    assert out["name"][0] == "张伟"


def test_scrub_ids_masks_only_valid_ids():
    assert is_valid_id(VALID) and is_valid_resident_id(VALID)
    text = f"身份证 {VALID}，信用代码 91140100MA0K7Q1X2B，记录 123456789012345678"
    out = scrub_ids(text)
    assert VALID not in out
    assert "110105********002X" in out
    assert "91140100MA0K7Q1X2B" in out  # not an ID: untouched
    assert "123456789012345678" in out  # invalid check: untouched


def test_every_shipped_comparison_has_a_label_and_code_comparisons_are_masked() -> None:
    # the waterfall of any link names its comparisons (and their term-frequency rows) in both
    # languages; the comparisons that read diagnosis codes are the ones masked as diagnoses
    from linkage.config import LinkageConfig
    from reports.i18n import label
    from reports.masking import is_diagnosis_comparison

    cfg = LinkageConfig.shipped("person")
    names = []
    for c in cfg.comparisons:
        spec = c if isinstance(c, dict) else c.spec
        names.append(spec["name"])
        if spec.get("tf_adjust"):
            names.append(f"{spec['name']} (term frequency)")
    for n in names:
        assert label("comparison", n, "en") != n and label("comparison", n, "zh") != n, n
    coded = {n for n in names if is_diagnosis_comparison(n)}
    assert coded == {"diagnosis", "diagnosis (term frequency)", "external_cause",
                     "external_cause (term frequency)"}
