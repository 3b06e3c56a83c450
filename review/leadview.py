"""The lead page's content: persons with their records side by side, agreement of fields,
waterfalls of each link, the timeline.

Pure functions from ``Store.lead_detail`` output to template data, so they are testable
without a web server. Masking is applied here, after agreement is computed on the raw
values (a masked cell still shows whether it agrees).
"""

from __future__ import annotations

import functools
import logging
import os
import re
from collections import Counter
from typing import Any

from pipelines.persons import someone_elses_ids
from reports import i18n
from reports.masking import is_diagnosis_comparison
from review import waterfall
from review.labels import COMPARED_FIELDS, FIELD_ORDER, TIMELINE_FIELDS
from review.masking import Visibility, mask_id, mask_name, mask_value

log = logging.getLogger("crosscheck.review")
MAX_WATERFALLS = 6
# which record anchors a person's waterfalls: the death records first
_ANCHOR_ORDER = {"deregistrations": 0, "cremations": 1, "injury_claims": 2,
                 "medical_records": 3, "accident_victims": 4}
_HIDDEN_FIELDS = {"_row", "_invalid", "dq_flags", "person_key", "source", "record_id"}


#: enum fields shown with their Chinese label next to the code (``院内死亡 died``)
_ENUM_KIND = {"sex": "sex", "outcome": "outcome", "disposition": "outcome",
              "industry": "industry", "accident_type": "accident_type",
              "certificate_issuer": "issuer", "reason": "reason", "payer": "payer"}


def _enum_label(field: str, value: str | None) -> str | None:
    kind = _ENUM_KIND.get(field)
    if kind is None or value is None:
        return value
    zh = i18n.label(kind, value, "zh")
    return value if zh == str(value) else f"{zh} {value}"


def _norm(v: Any) -> str | None:
    if v is None:
        return None
    s = str(v).strip().upper()
    if not s:
        return None
    return s[:10] if len(s) >= 10 and s[4] == "-" else s  # compare datetimes by date


# an ID-like token inside an explanation value (valid or not: 15 or 18 characters, or a
# mistyped 16/17-digit one), not glued to other alphanumerics
_ID_TOKEN = re.compile(r"(?<![0-9A-Za-z])(\d{14,17}[\dXx])(?![0-9A-Za-z])")


# comparisons whose values are a free-text field of the evidence
_FREE_TEXT_COMPARISONS = {"death_place": "body_origin"}


def _mask_part(comparison: str, part: str, visibility: Visibility) -> str:
    p = part.strip()
    if "id" in comparison.lower() and sum(c.isdigit() for c in p) >= 8:
        return str(mask_id(p))
    if visibility is Visibility.ALL and comparison.lower().startswith("name") and p:
        return str(mask_name(p))
    # compared values that are diagnoses or free text, masked as those fields are in the evidence
    field = "diagnosis_icd10" if is_diagnosis_comparison(comparison) else _FREE_TEXT_COMPARISONS.get(comparison)
    if field and p:
        return str(mask_value(field, p, visibility))
    return _ID_TOKEN.sub(lambda m: str(mask_id(m.group(1))), part)


def mask_explanation(rows: list[dict[str, Any]], visibility: Visibility) -> list[dict[str, Any]]:
    """``explain_pair`` rows as the viewer may see them: ID numbers masked for everyone but
    ``full`` (before the chart shortens a value, so no prefix of a raw ID leaks), names
    masked and diagnoses shown as their ICD-10 chapter too for ``all``. Composite values (``a | b | c``) are masked part by part."""
    if visibility is Visibility.FULL:
        return rows
    out = []
    for r in rows:
        comp = str(r.get("comparison") or "")
        new = dict(r)
        for side in ("value_l", "value_r"):
            v = r.get(side)
            if v is not None:
                new[side] = " | ".join(_mask_part(comp, x, visibility) for x in str(v).split(" | "))
        out.append(new)
    return out


@functools.lru_cache(maxsize=4096)
def _explain_cached(run_dir: str, mtime: float, a: tuple[str, str], b: tuple[str, str]
                    ) -> tuple[dict[str, Any], ...] | None:
    """``explain_pair``'s rows once per pair of a run folder (a complete run never changes;
    the model file's mtime is part of the key in case a folder is replaced by ``--force``).
    :func:`reports.explain.explain_rows` keeps the run's model and records loaded between
    pairs."""
    try:
        from reports.explain import explain_rows
    except ImportError:
        return None
    try:
        rows = explain_rows(run_dir, a, b)
    except Exception as exc:  # a missing model.json or records file: fall back
        log.info("review: no explanation for a link (%s)", type(exc).__name__)
        return None
    return tuple(rows)


def _explain(run_dir: str | None, a: tuple[str, str], b: tuple[str, str]) -> list[dict] | None:
    """Rows of ``pipelines.linking.explain_pair`` or None when it is not available."""
    if not run_dir:
        return None
    try:
        mtime = os.stat(os.path.join(run_dir, "model.json")).st_mtime
    except OSError:
        return None
    rows = _explain_cached(run_dir, mtime, a, b)
    return [dict(r) for r in rows] if rows else None


def build_persons(evidence: list[dict[str, Any]], rejected: set[tuple[str, str]],
                  visibility: Visibility, run_dir: str | None) -> list[dict[str, Any]]:
    """Group evidence by person; each person: ``label``, ``records``, ``rows`` of field cells
    with ``agree`` / ``disagree`` classes, ``waterfalls`` (SVG) and ``explained``."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for e in evidence:
        key = e.get("person_key") or f"~{e['source']}"
        groups.setdefault(key, []).append(e)
    persons = []
    for key, recs in sorted(groups.items(), key=lambda kv: (kv[0].startswith("~"), kv[0])):
        recs = sorted(recs, key=lambda r: (_ANCHOR_ORDER.get(r["source"], 9), r["source"],
                                           r["record_id"]))
        fields = {f for r in recs for f in (r.get("fields") or {}) if f not in _HIDDEN_FIELDS}
        ordered = [f for f in FIELD_ORDER if f in fields] + sorted(fields - set(FIELD_ORDER))
        rows = []
        # an ID number linkage read as someone else's (a relative's) is marked, not compared
        foreign = someone_elses_ids([r.get("fields") or {} for r in recs])
        for f in ordered:
            raw = [(r.get("fields") or {}).get(f) for r in recs]
            normed = [_norm(v) for v in raw]
            if f == "id_number":
                normed = [None if fo else n for n, fo in zip(normed, foreign, strict=True)]
            present = [n for n in normed if n is not None]
            majority = Counter(present).most_common(1)[0][0] if present else None
            compare = f in COMPARED_FIELDS and len(present) >= 2
            cells = []
            for i, (v, n) in enumerate(zip(raw, normed, strict=True)):
                cls = ""
                if f == "id_number" and foreign[i]:
                    cls = "foreign"
                elif compare and n is not None:
                    cls = "agree" if n == majority else "disagree"
                cells.append({"value": _enum_label(f, mask_value(f, v, visibility)), "cls": cls})
            rows.append({"field": f, "cells": cells})
        names = [(r.get("fields") or {}).get("name") for r in recs]
        name = next((n for n in names if n), None)
        shown = mask_name(name) if visibility is Visibility.ALL else name
        label = shown or ("事故记录 accident record" if key.startswith("~") else "—")
        records = [{"source": r["source"], "record_id": r["record_id"],
                    "person_key": r.get("person_key"),
                    "match_probability": r.get("match_probability"),
                    "is_new": r.get("is_new"),
                    "rejected": (r["source"], r["record_id"]) in rejected} for r in recs]
        waterfalls, explained = [], bool(recs)
        if not key.startswith("~") and len(recs) > 1:
            anchor = recs[0]
            for r in recs[1:MAX_WATERFALLS + 1]:
                rows_x = _explain(run_dir, (anchor["source"], anchor["record_id"]),
                                  (r["source"], r["record_id"]))
                if rows_x:
                    steps = waterfall.steps_from_explanation(mask_explanation(rows_x, visibility))
                else:
                    explained = False
                    steps = waterfall.steps_from_probability(r.get("match_probability"))
                title = f"{anchor['source']} {anchor['record_id']} ↔ {r['source']} {r['record_id']}"
                waterfalls.append({"svg": waterfall.render_svg(steps, title=title),
                                   "caption": f"{r['source']} / {r['record_id']}"})
        persons.append({"key": key, "label": label, "records": records, "rows": rows,
                        "waterfalls": waterfalls, "explained": explained})
    return persons


def build_timeline(evidence: list[dict[str, Any]], persons: list[dict[str, Any]]) -> list[dict]:
    label_of = {p["key"]: p["label"] for p in persons}
    events = []
    for e in evidence:
        fields = e.get("fields") or {}
        key = e.get("person_key") or f"~{e['source']}"
        for f, label in TIMELINE_FIELDS.items():
            v = fields.get(f)
            if v:
                events.append({"date": str(v)[:16].replace("T", " "), "source": e["source"],
                               "label": label, "record_id": e["record_id"],
                               "person": label_of.get(key, "")})
    return sorted(events, key=lambda x: (x["date"], x["source"], x["record_id"]))
