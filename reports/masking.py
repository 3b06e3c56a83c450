"""Masking of personal data for reports, workbooks, dossiers and the review app.

Two rules (issue 8): resident ID numbers appear masked — the first 6 characters
(region code) and the last 4 kept, everything between replaced by ``*``
(``140105********123X``); diagnoses appear only as the ICD-10 *chapter* they
belong to, as text (``S06.5`` → ``S00–T98 损伤、中毒和外因的某些其他后果``).

Public helpers (stable; the review app imports them):

- :func:`mask_id` — a string (``None`` stays ``None``) or a polars expression.
- :func:`diagnosis_chapter` — a string or a polars expression; ``lang`` ``zh``/``en``.
- :func:`scrub_ids` — a safety net for free text: replaces every substring that
  *is* a valid-looking 18-digit resident ID (plausible birth date and a correct
  check character) by its masked form.
- :func:`is_valid_resident_id` — GB 11643 structure and check character.
- :func:`mask_frame` — mask the ID and diagnosis columns of a frame in one go.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, overload

import polars as pl

if TYPE_CHECKING:
    from polars.expr.whenthen import ChainedThen, Then

__all__ = [
    "DIAGNOSIS_COLUMNS",
    "ICD10_CHAPTERS",
    "ID_COLUMNS",
    "diagnosis_chapter",
    "is_valid_resident_id",
    "mask_frame",
    "mask_id",
    "scrub_ids",
]

#: Columns holding resident ID numbers, in any crosscheck frame.
ID_COLUMNS = ("id_number", "id_norm", "id_number_norm", "id18")
#: Columns holding diagnosis codes.
DIAGNOSIS_COLUMNS = ("diagnosis_icd10", "external_cause_icd10")


def is_diagnosis_comparison(comparison: str) -> bool:
    """A linkage comparison whose compared values are diagnosis codes (the person model's
    ``diagnosis`` and ``external_cause``): shown as their ICD-10 chapter wherever diagnoses are
    masked."""
    c = comparison.lower()
    return "diagnos" in c or "external_cause" in c

_KEEP_HEAD = 6
_KEEP_TAIL = 4

#: ICD-10 (WHO 2019) chapters: (first code, last code, Chinese title, English title).
ICD10_CHAPTERS: tuple[tuple[str, str, str, str], ...] = (
    ("A00", "B99", "某些传染病和寄生虫病", "Certain infectious and parasitic diseases"),
    ("C00", "D48", "肿瘤", "Neoplasms"),
    ("D50", "D89", "血液及造血器官疾病和某些涉及免疫机制的疾患",
     "Diseases of the blood and blood-forming organs and certain immune disorders"),
    ("E00", "E90", "内分泌、营养和代谢疾病", "Endocrine, nutritional and metabolic diseases"),
    ("F00", "F99", "精神和行为障碍", "Mental and behavioural disorders"),
    ("G00", "G99", "神经系统疾病", "Diseases of the nervous system"),
    ("H00", "H59", "眼和附器疾病", "Diseases of the eye and adnexa"),
    ("H60", "H95", "耳和乳突疾病", "Diseases of the ear and mastoid process"),
    ("I00", "I99", "循环系统疾病", "Diseases of the circulatory system"),
    ("J00", "J99", "呼吸系统疾病", "Diseases of the respiratory system"),
    ("K00", "K93", "消化系统疾病", "Diseases of the digestive system"),
    ("L00", "L99", "皮肤和皮下组织疾病", "Diseases of the skin and subcutaneous tissue"),
    ("M00", "M99", "肌肉骨骼系统和结缔组织疾病",
     "Diseases of the musculoskeletal system and connective tissue"),
    ("N00", "N99", "泌尿生殖系统疾病", "Diseases of the genitourinary system"),
    ("O00", "O99", "妊娠、分娩和产褥期", "Pregnancy, childbirth and the puerperium"),
    ("P00", "P96", "起源于围生期的某些情况", "Certain conditions originating in the perinatal period"),
    ("Q00", "Q99", "先天性畸形、变形和染色体异常",
     "Congenital malformations, deformations and chromosomal abnormalities"),
    ("R00", "R99", "症状、体征和临床与实验室异常所见，不可归类在他处者",
     "Symptoms, signs and abnormal findings, not elsewhere classified"),
    ("S00", "T98", "损伤、中毒和外因的某些其他后果",
     "Injury, poisoning and certain other consequences of external causes"),
    ("V01", "Y98", "疾病和死亡的外因", "External causes of morbidity and mortality"),
    ("Z00", "Z99", "影响健康状态和与保健机构接触的因素",
     "Factors influencing health status and contact with health services"),
    ("U00", "U99", "特殊目的代码", "Codes for special purposes"),
)
_UNKNOWN_CHAPTER = {"zh": "未能识别的诊断编码", "en": "Unrecognised diagnosis code"}

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# A candidate 18-character resident ID inside text: 6-digit region, 19xx/20xx birth
# date, 3-digit sequence, check character; not glued to other alphanumerics.
_ID_IN_TEXT = re.compile(
    r"(?<![0-9A-Za-z])([1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx])"
    r"(?![0-9A-Za-z])"
)


def _keep_name(out: pl.Expr, source: pl.Expr) -> pl.Expr:
    """Give ``out`` the output name of ``source`` (when/then would name it ``literal``)."""
    try:
        return out.alias(source.meta.output_name())
    except Exception:  # an expression without a single root name
        return out


def _mask_str(value: str) -> str:
    v = value.strip()
    n = len(v)
    if n > _KEEP_HEAD + _KEEP_TAIL:
        return v[:_KEEP_HEAD] + "*" * (n - _KEEP_HEAD - _KEEP_TAIL) + v[-_KEEP_TAIL:]
    # too short to keep anything safely: mask it all
    return "*" * n


@overload
def mask_id(value: str) -> str: ...
@overload
def mask_id(value: None) -> None: ...
@overload
def mask_id(value: pl.Expr) -> pl.Expr: ...
def mask_id(value: str | pl.Expr | None) -> str | pl.Expr | None:
    """Mask a resident ID: keep the first 6 and last 4 characters (``140105********123X``).

    Accepts a string (returns the masked string; ``None`` → ``None``; an empty
    string stays empty) or a polars expression of strings (returns an expression).
    Values of 10 characters or fewer are masked completely. Legacy 15-digit
    numbers keep the same head and tail (``140105*****1234``).
    """
    if isinstance(value, pl.Expr):
        v = value.cast(pl.String).str.strip_chars()
        n = v.str.len_chars()
        middle = pl.lit("*").repeat_by(n - _KEEP_HEAD - _KEEP_TAIL).list.join("")
        long_form = pl.concat_str([v.str.slice(0, _KEEP_HEAD), middle, v.str.slice(-_KEEP_TAIL)])
        short_form = pl.lit("*").repeat_by(n).list.join("")
        out = pl.when(v.is_null()).then(None).when(n > _KEEP_HEAD + _KEEP_TAIL) \
            .then(long_form).otherwise(short_form)
        return _keep_name(out, value)
    if value is None:
        return None
    return _mask_str(str(value))


def _code_key(code: str) -> str | None:
    """Normalise an ICD-10 code to its 3-character category (``s06.5`` → ``S06``)."""
    c = code.strip().upper().replace(" ", "")
    if len(c) < 3 or not c[0].isalpha() or not c[1:3].isdigit():
        return None
    return c[:3]


def _chapter_of(code: str | None, lang: str) -> str | None:
    if code is None:
        return None
    if not str(code).strip():
        return None
    key = _code_key(str(code))
    if key is not None:
        for lo, hi, zh, en in ICD10_CHAPTERS:
            if lo <= key <= hi:
                return f"{lo}–{hi} {zh if lang == 'zh' else en}"
    return _UNKNOWN_CHAPTER["zh" if lang == "zh" else "en"]


@overload
def diagnosis_chapter(icd10: str, lang: str = "zh") -> str: ...
@overload
def diagnosis_chapter(icd10: None, lang: str = "zh") -> None: ...
@overload
def diagnosis_chapter(icd10: pl.Expr, lang: str = "zh") -> pl.Expr: ...
def diagnosis_chapter(icd10: str | pl.Expr | None, lang: str = "zh") -> str | pl.Expr | None:
    """The ICD-10 chapter of a code, as text: ``S06.5`` → ``S00–T98 损伤、中毒和外因的某些其他后果``.

    ``lang="en"`` gives ``S00–T98 Injury, poisoning and certain other consequences
    of external causes``. Unparseable codes give "未能识别的诊断编码" / "Unrecognised
    diagnosis code" (never the code itself); ``None``/empty → ``None``. With a polars
    expression the mapping is vectorised (no Python per row).
    """
    if isinstance(icd10, pl.Expr):
        code = icd10.cast(pl.String).str.strip_chars().str.to_uppercase().str.replace_all(" ", "")
        key = code.str.slice(0, 3)
        well_formed = key.str.contains(r"^[A-Z]\d\d$")
        out: Then | ChainedThen = pl.when(code.is_null() | (code == "")).then(pl.lit(None, dtype=pl.String))
        for lo, hi, zh, en in ICD10_CHAPTERS:
            out = out.when(well_formed & (key >= lo) & (key <= hi)) \
                .then(pl.lit(f"{lo}–{hi} {zh if lang == 'zh' else en}"))
        return _keep_name(out.otherwise(pl.lit(_UNKNOWN_CHAPTER["zh" if lang == "zh" else "en"])),
                          icd10)
    return _chapter_of(icd10, lang)


def is_valid_resident_id(value: str | None) -> bool:
    """True if ``value`` is an 18-character GB 11643 ID with a plausible date and a correct check."""
    if value is None:
        return False
    v = value.strip().upper()
    if len(v) != 18 or not v[:17].isdigit() or v[17] not in "0123456789X":
        return False
    month, day = int(v[10:12]), int(v[12:14])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return False
    total = sum(int(d) * w for d, w in zip(v[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == v[17]


def scrub_ids(text: str) -> str:
    """Mask every valid-looking 18-digit resident ID inside free text (a safety net)."""
    if not text:
        return text

    def repl(m: re.Match[str]) -> str:
        s = m.group(1)
        return _mask_str(s) if is_valid_resident_id(s) else s

    return _ID_IN_TEXT.sub(repl, text)


def mask_frame(frame: pl.DataFrame, *, lang: str = "zh") -> pl.DataFrame:
    """Mask the ID columns (:data:`ID_COLUMNS`) and turn diagnosis columns into chapters."""
    exprs = [mask_id(pl.col(c)).alias(c) for c in ID_COLUMNS if c in frame.columns]
    exprs += [diagnosis_chapter(pl.col(c), lang).alias(c) for c in DIAGNOSIS_COLUMNS
              if c in frame.columns]
    return frame.with_columns(exprs) if exprs else frame
