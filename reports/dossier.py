"""The lead dossier an investigator takes into the field: HTML and PDF for one lead.

Contents: the lead at a glance and its reasons; the persons; every evidence record side
by side by source, fields that agree or disagree across records marked; the match-weight
waterfall of each link (recomputed from the saved model by :func:`reports.explain.explain_rows`:
the rows of :func:`pipelines.linking.explain_pair`, with the run loaded once); a timeline (injury, accident, admission, death, cremation, deregistration, claim);
every signal behind the score.

ID numbers are masked and diagnoses shown as ICD-10 chapters unless ``unmasked=True``;
an unmasked dossier is written only after the viewing is recorded in the run store's audit
log (action ``dossier_unmasked``), and under its own file name so it never replaces the
masked one.
"""

from __future__ import annotations

import getpass
import logging
import re
from pathlib import Path
from typing import Any

import polars as pl

from pipelines.contract import SOURCES
from pipelines.errors import UsageError
from pipelines.persons import someone_elses_ids
from reports import charts, i18n
from reports.explain import explain_rows
from reports.masking import (
    DIAGNOSIS_COLUMNS,
    ID_COLUMNS,
    diagnosis_chapter,
    is_diagnosis_comparison,
    mask_id,
)
from reports.render import page_css, render_html, svg, write_pdf
from reports.rundata import RunData, load_run

log = logging.getLogger(__name__)

AUDIT_ACTION = "dossier_unmasked"
MAX_LINKS_PER_PERSON = 6
SOURCE_ORDER = ("accidents", "accident_victims", "deregistrations", "cremations", "injury_claims",
                "medical_records", "employment")
#: fields shown side by side, in this order (only those some record has)
SIDE_FIELDS = (
    "name", "id_number", "sex", "birth_date", "age", "death_date", "injury_date", "occurred_at",
    "admitted_at", "discharged_at", "cremated_on", "deregistered_on", "applied_on", "decided_on",
    "region_code", "employer_name", "employer_uscc", "enterprise_name", "enterprise_uscc",
    "industry", "accident_type", "accident_id", "outcome", "reported_deaths", "hospital",
    "diagnosis_icd10", "external_cause_icd10", "disposition", "payer", "death_cause", "reason",
    "funeral_home", "certificate_issuer", "body_origin", "injury_description", "address",
)
#: fields compared across records (agree / disagree marks); dates on the calendar day
COMPARED = ("name", "id_number", "sex", "birth_date", "death_date", "employer_name",
            "employer_uscc")
#: timeline events: (field, event kind)
EVENTS = (
    ("injury_date", "injury"), ("occurred_at", "accident"), ("reported_at", "report"),
    ("admitted_at", "admission"), ("discharged_at", "discharge"), ("death_date", "death"),
    ("cremated_on", "cremation"), ("deregistered_on", "deregistration"), ("applied_on", "claim"),
    ("decided_on", "decision"),
)
_ID_LIKE = re.compile(r"(?<![0-9A-Za-z])(\d{14}[\dXx]|\d{17}[\dXx])(?![0-9A-Za-z])")


def _mask_id_like(text: str | None) -> str | None:
    """Mask every 15- or 18-character ID-like token (valid or not) inside a value."""
    if text is None:
        return None
    return _ID_LIKE.sub(lambda m: str(mask_id(m.group(1))), text)


def _display(field: str, value: Any, lang: str, masked: bool) -> str | None:
    if value is None or value == "":
        return None
    v = str(value)
    if masked and field in ID_COLUMNS:
        return mask_id(v)
    if masked and field in DIAGNOSIS_COLUMNS:
        return diagnosis_chapter(v, lang)
    if field == "sex":
        return i18n.label("sex", v, lang)
    if field in ("outcome", "disposition"):
        return i18n.label("outcome", v, lang)
    if field == "industry":
        return i18n.label("industry", v, lang)
    if field == "accident_type":
        return i18n.label("accident_type", v, lang)
    if field == "certificate_issuer":
        return i18n.label("issuer", v, lang)
    if field in ("reason", "payer"):
        return i18n.label(field, v, lang)
    if field == "region_code":
        return f"{v} {i18n.city_name(v, lang)}"
    if field.endswith("_at") and v.endswith(":00") and len(v) == 19:
        return v[:16]
    return _mask_id_like(v) if masked else v


def _norm(field: str, value: Any) -> str | None:
    if value is None or str(value).strip() == "":
        return None
    v = str(value).strip().upper().replace(" ", "").replace("·", "")
    if field.endswith("_date"):
        return v[:10]
    return v


def _side_by_side(records: list[dict[str, Any]], foreign: list[bool], lang: str, masked: bool
                  ) -> list[dict[str, Any]]:
    """Rows of (field, cells) with each cell's class: agree / disagree / plain / absent, and
    ``foreign`` for an ID number read as someone else's (``foreign``, per record; not compared)."""
    rows = []
    for f in SIDE_FIELDS:
        vals = [r.get(f) for r in records]
        if all(v is None or v == "" for v in vals):
            continue
        norms = [_norm(f, v) for v in vals]
        if f == "id_number":
            norms = [None if fo else n for n, fo in zip(norms, foreign, strict=True)]
        present = [n for n in norms if n is not None]
        mode = max(set(present), key=lambda n: (present.count(n), n)) if present else None
        compared = f in COMPARED and len(present) >= 2
        cells = []
        for i, (v, n) in enumerate(zip(vals, norms, strict=True)):
            if f == "id_number" and foreign[i]:
                cls = "foreign"
            elif n is None:
                cls = "absent"
            elif not compared:
                cls = ""
            elif len(set(present)) == 1:
                cls = "agree"
            else:
                cls = "agree" if n == mode and present.count(mode) > 1 else "disagree"
            cells.append({"text": _display(f, v, lang, masked), "cls": cls})
        rows.append({"field": f, "label": i18n.label("field", f, lang), "cells": cells})
    return rows


def _waterfalls(data: RunData, recs: list[dict[str, Any]], lang: str, masked: bool,
                names: dict[tuple[str, str], str]) -> list[dict[str, Any]]:
    """The links of one person: a waterfall for each scored pair between its records."""
    t = i18n.texts(lang)
    keys = [(r["source"], r["record_id"]) for r in recs]
    if len(keys) < 2:
        return []
    keyset = set(keys)
    pairs = data.pairs.filter(
        pl.struct(s=pl.col("source_l"), r=pl.col("record_id_l")).is_in(
            [{"s": s, "r": r} for s, r in keys])
        & pl.struct(s=pl.col("source_r"), r=pl.col("record_id_r")).is_in(
            [{"s": s, "r": r} for s, r in keys])
    ).sort("match_weight", descending=True) if data.pairs.height else data.pairs
    chosen: list[tuple[tuple[str, str], tuple[str, str]]] = []
    joined: set[tuple[str, str]] = set()
    for p in pairs.iter_rows(named=True):
        a, b = (p["source_l"], p["record_id_l"]), (p["source_r"], p["record_id_r"])
        if a in keyset and b in keyset and not (a in joined and b in joined):
            chosen.append((a, b))
            joined |= {a, b}
        if len(chosen) >= MAX_LINKS_PER_PERSON:
            break
    for k in keys[1:]:  # records no scored pair explains: compare with the first record
        if k not in joined and len(chosen) < MAX_LINKS_PER_PERSON:
            chosen.append((keys[0], k))
            joined |= {keys[0], k}
    out = []
    for a, b in chosen:
        item: dict[str, Any] = {"left": names[a], "right": names[b], "rows": [], "chart": None,
                                "error": None, "probability": None}
        try:
            rows = explain_rows(data.run_dir, a, b)
        except Exception as exc:  # a missing model or module must not stop the dossier
            item["error"] = t["waterfall_unavailable"].format(why=f"{type(exc).__name__}: {exc}")
            out.append(item)
            continue
        body = [r for r in rows if r["comparison"] not in ("total",)]
        total = next((r for r in rows if r["comparison"] == "total"), None)
        for r in body:
            idish = "id" in str(r["comparison"]).lower()
            diagnosis = is_diagnosis_comparison(str(r["comparison"]))
            for side in ("value_l", "value_r"):
                v = r.get(side)
                if not masked or v is None:
                    continue
                if diagnosis:
                    r[side] = diagnosis_chapter(str(v), lang)
                else:
                    r[side] = _mask_id_like(str(v)) if not idish else " | ".join(
                        str(mask_id(x.strip())) if sum(c.isdigit() for c in x) >= 8
                        else _mask_id_like(x.strip()) or "" for x in str(v).split("|"))
        for r in body:
            r["label"] = i18n.label("comparison", r["comparison"], lang)
        item["rows"] = body
        item["total"] = total
        if total is not None:
            item["probability"] = total.get("level")
        labels = [r["label"] for r in body]
        weights = [float(r["match_weight"] or 0.0) for r in body]
        item["chart"] = svg(charts.waterfall(labels, weights, total_label=t["total"]))
        out.append(item)
    return out


def _timeline(records: list[dict[str, Any]], person_name: dict[str, str], lang: str
              ) -> tuple[list[dict[str, Any]], str | None]:
    seen: set[tuple[str, str, str]] = set()
    events = []
    for r in records:
        who = person_name.get(r.get("person_key") or "", i18n.label("source_short", r["source"], lang))
        for f, kind in EVENTS:
            v = r.get(f)
            if not v or len(str(v)) < 10:
                continue
            day = str(v)[:10]
            key = (day, kind, who)
            if key in seen:
                continue
            seen.add(key)
            events.append({"date": str(v)[:16] if len(str(v)) > 10 else day, "day": day, "kind": kind,
                           "label": i18n.label("event", kind, lang), "who": who,
                           "source": i18n.label("source_short", r["source"], lang),
                           "record_id": r["record_id"]})
    events.sort(key=lambda e: (e["date"], e["who"], e["kind"]))
    chart = None
    if events:
        chart = svg(charts.timeline([(e["day"], e["label"], e["who"]) for e in events]))
    return events, chart


def dossier_context(data: RunData, lead_id: str, *, lang: str = "zh", unmasked: bool = False
                    ) -> dict[str, Any]:
    """Everything the dossier shows for ``lead_id``. Raises :class:`UsageError` if unknown."""
    t = i18n.texts(lang)
    masked = not unmasked
    hit = data.leads.filter(pl.col("lead_id") == lead_id)
    if hit.height == 0:
        raise UsageError(f"no lead {lead_id!r} in run {data.run_id}",
                         hint="take a lead_id from leads.csv / leads.xlsx of that run")
    lead = hit.row(0, named=True)
    ev = data.evidence.filter(pl.col("lead_id") == lead_id)
    recs_frame = ev.join(data.evidence_records.drop("person_key", strict=False),
                         on=["source", "record_id"], how="left")
    order = {s: i for i, s in enumerate(SOURCE_ORDER)}
    recs = sorted(recs_frame.to_dicts(),
                  key=lambda r: (r.get("person_key") or "", order.get(r["source"], 99), r["record_id"]))
    # persons, in order of first appearance; a name for each from its records
    persons: list[dict[str, Any]] = []
    person_name: dict[str, str] = {}
    for pk in dict.fromkeys(r["person_key"] for r in recs if r.get("person_key")):
        prs = [r for r in recs if r.get("person_key") == pk]
        names = [r["name"] for r in prs if r.get("name")]
        name = max(set(names), key=lambda n: (names.count(n), n)) if names else pk
        person_name[pk] = f"{len(persons) + 1}. {name}"
        # the person's own numbers (not one read as someone else's)
        foreign = someone_elses_ids(prs)
        ids = sorted({str(r["id_number"]).strip().upper() for r, fo in zip(prs, foreign, strict=True)
                      if r.get("id_number") and not fo})
        persons.append({
            "key": pk, "title": person_name[pk], "name": name,
            "ids": [_display("id_number", i, lang, masked) for i in ids],
            "sex": next((i18n.label("sex", r["sex"], lang) for r in prs if r.get("sex")), "—"),
            "birth": next((r["birth_date"] for r in prs if r.get("birth_date")), None),
            "sources": [i18n.label("source_short", r["source"], lang) for r in prs],
            "records": prs, "foreign": foreign,
        })
    names_by_key = {(r["source"], r["record_id"]):
                    f"{i18n.label('source_short', r['source'], lang)} {r['record_id']}" for r in recs}
    for p in persons:
        p["side"] = _side_by_side(p["records"], p["foreign"], lang, masked)
        p["headers"] = [{"source": i18n.label("source_short", r["source"], lang),
                         "record_id": r["record_id"], "p": r.get("match_probability")}
                        for r in p["records"]]
        p["links"] = _waterfalls(data, p["records"], lang, masked, names_by_key)
    others = [r for r in recs if not r.get("person_key")]  # the accident row of an accident lead
    other_side = [{"title": f"{i18n.label('source', r['source'], lang)} {r['record_id']}",
                   "fields": [(i18n.label("field", f, lang), _display(f, r.get(f), lang, masked))
                              for f in SIDE_FIELDS if r.get(f) not in (None, "")]}
                  for r in others]
    events, timeline_chart = _timeline(recs, person_name, lang)
    signals = data.signals.filter(pl.col("lead_id") == lead_id).sort(
        "contribution", descending=True, nulls_last=True)
    text_col = "text_en" if lang == "en" else "text_zh"
    sig_rows = [{"signal": s["signal"], "text": s[text_col] or s["signal"],
                 "value": i18n.signal_value(s["value"]),
                 "contribution": s["contribution"]} for s in signals.iter_rows(named=True)]
    reasons = lead.get("reasons_en" if lang == "en" else "reasons_zh") or ""
    title = f"{t['dossier_title']} {lead_id}"
    rg, eg = lead.get("reported_grade"), lead.get("evidenced_grade")
    return {
        "lang": lang, "t": t, "title": title, "masked": masked,
        "css": page_css(lang, f"{title} · {data.run_id}"),
        "run_id": data.run_id, "lead": lead,
        "type_label": i18n.label("lead_type", lead["lead_type"], lang),
        "city": i18n.city_name(lead.get("region_code"), lang),
        "grades": (i18n.label("grade", rg, lang) if rg else None, i18n.label("grade", eg, lang) if eg else None),
        "reasons": [x for x in re.split(r"；|; ", reasons) if x.strip()],
        "persons": persons, "others": other_side,
        "events": events, "timeline_chart": timeline_chart,
        "signals": sig_rows,
        "sources_present": [s for s in SOURCES if (data.manifest.get("inputs") or {}).get(s, {}).get("file")],
    }


def _safe_name(lead_id: str) -> str:
    return re.sub(r"[^0-9A-Za-z_.-]+", "_", lead_id).strip("._") or "lead"


def _audit(store_url: str | None, actor: str | None, data: RunData, lead_id: str,
           lang: str, files: list[str]) -> None:
    from pipelines.cli import default_db_url

    url = store_url or default_db_url()
    try:
        from pipelines.store import open_store

        store = open_store(url)
    except Exception as exc:
        raise UsageError(f"cannot record the unmasked dossier in the audit log of {url}: {exc}",
                         hint="pass the run store with --db, or leave out --unmasked") from exc
    try:
        store.append_audit(actor or getpass.getuser(), AUDIT_ACTION, lead_id=lead_id,
                           run_id=data.run_id, details={"lang": lang, "files": files})
    finally:
        store.close()


def build_dossier(run_dir: str | Path, lead_id: str, *, store_url: str | None = None,
                  lang: str = "zh", unmasked: bool = False, actor: str | None = None
                  ) -> dict[str, Path]:
    """Write the dossier of ``lead_id`` as HTML and PDF under ``<run_dir>/dossiers/``.

    Returns ``{"html": path, "pdf": path}``. Masked by default (``<lead>.html``); with
    ``unmasked=True`` the files are ``<lead>.unmasked.html/.pdf`` and the viewing is first
    recorded in the audit log of the run store at ``store_url`` (default ``$CROSSCHECK_DB``)
    as ``dossier_unmasked`` by ``actor`` (default: the OS user). Raises
    :class:`UsageError` for an unknown lead or when the audit entry cannot be written.
    """
    lang = "en" if lang == "en" else "zh"
    data = load_run(run_dir, store_url)
    ctx = dossier_context(data, lead_id, lang=lang, unmasked=unmasked)
    out = Path(run_dir) / "dossiers"
    out.mkdir(exist_ok=True)
    stem = _safe_name(lead_id) + (".unmasked" if unmasked else "") + ("" if lang == "zh" else ".en")
    html_path, pdf_path = out / f"{stem}.html", out / f"{stem}.pdf"
    if unmasked:
        _audit(store_url, actor, data, lead_id, lang, [html_path.name, pdf_path.name])
    html = render_html("dossier.html.j2", ctx, masked=not unmasked)
    html_path.write_text(html, encoding="utf-8")
    write_pdf(html, pdf_path)
    return {"html": html_path, "pdf": pdf_path}
