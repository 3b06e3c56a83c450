"""Masking of personal data shown by the review app.

ID numbers and diagnoses are masked with the report package's helpers
(``reports.masking.mask_id``: first 6 and last 4 characters kept;
``diagnosis_chapter``: the ICD-10 chapter as text), so the app, the dossier and the
workbook mask the same way. Names (masked for auditors only) keep the surname.

Levels (:class:`Visibility`): ``full`` shows everything; ``ids`` masks ID numbers;
``all`` also masks names, diagnoses and free-text causes (the auditor's view).
"""

from __future__ import annotations

import re
from enum import StrEnum

from reports.masking import diagnosis_chapter, mask_id, scrub_ids

ID_FIELDS = frozenset({"id_number", "id_norm", "id_number_norm", "id18"})
NAME_FIELDS = frozenset({"name"})
DIAGNOSIS_FIELDS = frozenset({"diagnosis_icd10", "external_cause_icd10"})
FREE_TEXT_FIELDS = frozenset({"injury_description", "death_cause", "address", "body_origin"})


class Visibility(StrEnum):
    FULL = "full"
    IDS = "ids"      # ID numbers masked
    ALL = "all"      # ID numbers, names, diagnoses and free text masked


def mask_name(value: str | None) -> str | None:
    """Keep the first character (the surname, usually), star the rest: 张伟 → 张*."""
    if value is None:
        return None
    v = str(value).strip()
    if len(v) <= 1:
        return "*" * len(v)
    return v[0] + "*" * (len(v) - 1)


def mask_value(field: str, value: str | None, visibility: Visibility) -> str | None:
    """One field's value as the viewer may see it."""
    if value is None or visibility is Visibility.FULL:
        return value
    if field in ID_FIELDS:
        return mask_id(str(value))
    if visibility is Visibility.IDS:
        # free text may carry an ID number typed into it
        return scrub_ids(str(value)) if field in FREE_TEXT_FIELDS else value
    if field in NAME_FIELDS:
        return mask_name(value)
    if field in DIAGNOSIS_FIELDS:
        return diagnosis_chapter(str(value), "zh")
    if field in FREE_TEXT_FIELDS:
        return "▒▒▒"
    return value


_ICD10 = re.compile(r"^[A-Z][0-9]{2}(\.[0-9A-Z]{1,2})?$")


def mask_signal_value(value: str | None, visibility: Visibility) -> str | None:
    """A lead signal's value for the viewer: ID numbers scrubbed for everyone but ``full``;
    for ``all``, a value that is an ICD-10 code is shown as its chapter only."""
    if value is None or visibility is Visibility.FULL:
        return value
    v = str(value)
    if visibility is Visibility.ALL and _ICD10.match(v.strip().upper()):
        return diagnosis_chapter(v.strip(), "zh")
    return scrub_ids(v)
