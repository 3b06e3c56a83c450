"""The lead workbook ``leads.xlsx`` (xlsxwriter): leads, evidence, summary by city and industry.

Every sheet has a frozen, bold header row, an autofilter over the whole table and
column widths sized to the content (CJK characters count double). ID numbers
are masked and diagnoses shown as ICD-10 chapters (:mod:`reports.masking`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import polars as pl
import xlsxwriter

from pipelines.contract import LEAD_TYPES
from reports import i18n
from reports.masking import mask_frame, scrub_ids
from reports.rundata import RunData

#: evidence fields shown next to each evidence record (when the run has them)
EVIDENCE_FIELDS = (
    "name", "id_number", "sex", "age", "birth_date", "event_date", "death_date", "injury_date",
    "admitted_at", "cremated_on", "deregistered_on", "occurred_at", "region_code", "employer_name",
    "enterprise_name", "hospital", "funeral_home", "outcome", "disposition", "death_cause",
    "certificate_issuer", "diagnosis_icd10", "external_cause_icd10", "reported_deaths",
)


def _display_width(v: Any) -> int:
    s = str(v) if v is not None else ""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)


def _write_table(wb: xlsxwriter.Workbook, name: str, headers: list[str], rows: list[list[Any]],
                 *, num_formats: dict[int, str] | None = None) -> None:
    ws = wb.add_worksheet(name[:31])
    head = wb.add_format({"bold": True, "bg_color": "#DDE6EF", "border": 1, "text_wrap": True,
                          "valign": "top"})
    fmts = {i: wb.add_format({"num_format": f}) for i, f in (num_formats or {}).items()}
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws.write_row(0, 0, headers, head)
    widths = [_display_width(h) for h in headers]
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row):
            if v is None:
                continue
            if isinstance(v, dt.datetime):
                ws.write_datetime(r, c, v, date_fmt)
            elif isinstance(v, dt.date):
                ws.write_datetime(r, c, dt.datetime(v.year, v.month, v.day), date_fmt)
            elif isinstance(v, bool):
                ws.write_boolean(r, c, v)
            elif isinstance(v, int | float):
                ws.write_number(r, c, v, fmts.get(c))
            else:
                ws.write_string(r, c, scrub_ids(str(v)))
            if r <= 500:  # widths from the first rows are enough
                widths[c] = max(widths[c], _display_width(v))
    for c, w in enumerate(widths):
        ws.set_column(c, c, min(max(w + 2, 6), 60))
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(len(rows), 1), max(len(headers) - 1, 0))


def _leads_sheet(data: RunData, lang: str) -> tuple[list[str], list[list[Any]]]:
    t = i18n.texts(lang)
    f = lambda k: i18n.label("field", k, lang)  # noqa: E731
    headers = [t["rank"], t["lead"], t["lead_type"], t["score"], t["persons"], t["evidenced_deaths"],
               f("accident_id"), t["reported_deaths"], t["reported_grade"], t["evidenced_grade"],
               t["employer"], f("employer_uscc"), t["event_date"], f("region_code"), t["city"],
               t["reasons"]]
    reasons = "reasons_en" if lang == "en" else "reasons_zh"
    rows = []
    for r in data.leads.iter_rows(named=True):
        rows.append([
            r["rank"], r["lead_id"], i18n.label("lead_type", r["lead_type"], lang), r["score"],
            r["persons"], r["evidenced_deaths"], r["accident_id"], r["reported_deaths"],
            r["reported_grade"], r["evidenced_grade"], r["employer_name"], r["employer_uscc"],
            r["event_date"], r["region_code"], i18n.city_name(r["region_code"], lang), r[reasons],
        ])
    return headers, rows


def _evidence_sheet(data: RunData, lang: str) -> tuple[list[str], list[list[Any]]]:
    t = i18n.texts(lang)
    ev = data.evidence.join(data.leads.select("lead_id", "rank"), on="lead_id", how="left")
    recs = data.evidence_records
    fields = [c for c in EVIDENCE_FIELDS if c in recs.columns]
    if recs.height:
        ev = ev.join(recs.select(["source", "record_id", *fields]).unique(["source", "record_id"]),
                     on=["source", "record_id"], how="left")
    else:
        ev = ev.with_columns([pl.lit(None, dtype=pl.String).alias(c) for c in fields])
    ev = mask_frame(ev, lang=lang).sort("rank", "lead_id", "person_key", "source", "record_id",
                                        nulls_last=True)
    headers = [t["rank"], t["lead"], t["sources"], i18n.label("field", "record_id", lang),
               t["person"], i18n.label("field", "match_probability", lang)]
    headers += [i18n.label("field", c, lang) if c != "event_date" else t["event_date"] for c in fields]
    rows = []
    for r in ev.iter_rows(named=True):
        vals: list[Any] = [r["rank"], r["lead_id"], i18n.label("source_short", r["source"], lang),
                           r["record_id"], r["person_key"], r["match_probability"]]
        for c in fields:
            v = r[c]
            if c == "sex":
                v = i18n.label("sex", v, lang)
            elif c in ("outcome", "disposition"):
                v = i18n.label("outcome", v, lang)
            vals.append(v)
        rows.append(vals)
    return headers, rows


def summary_by_city_industry(data: RunData, lang: str) -> pl.DataFrame:
    """Leads counted by city and industry, one column per lead type, with totals and mean score."""
    from reports.report import lead_industry

    leads = data.leads.join(lead_industry(data), on="lead_id", how="left").with_columns(
        pl.col("region_code").str.slice(0, 4).fill_null("").alias("city4"))
    if leads.height == 0:
        return pl.DataFrame(schema={"city4": pl.String, "industry": pl.String, "total": pl.Int64,
                                    "mean_score": pl.Float64,
                                    **{t: pl.Int64 for t in LEAD_TYPES}})
    aggs = [(pl.col("lead_type") == t).sum().cast(pl.Int64).alias(t) for t in LEAD_TYPES]
    return (
        leads.group_by("city4", "industry")
        .agg(*aggs, pl.len().cast(pl.Int64).alias("total"), pl.col("score").mean().alias("mean_score"))
        .sort(["total", "city4", "industry"], descending=[True, False, False])
    )


def write_workbook(data: RunData, path: Path, *, lang: str = "zh") -> Path:
    """Write the lead workbook to ``path``."""
    t = i18n.texts(lang)
    wb = xlsxwriter.Workbook(str(path), {"strings_to_urls": False, "strings_to_formulas": False})
    wb.set_properties({"title": t["report_title"], "subject": data.run_id, "author": "crosscheck"})
    headers, rows = _leads_sheet(data, lang)
    _write_table(wb, "线索" if lang == "zh" else "Leads", headers, rows, num_formats={3: "0.000"})
    headers, rows = _evidence_sheet(data, lang)
    _write_table(wb, "证据" if lang == "zh" else "Evidence", headers, rows, num_formats={5: "0.000"})
    summ = summary_by_city_industry(data, lang)
    headers = [t["city"], i18n.label("field", "industry", lang),
               *[i18n.label("lead_type", k, lang) for k in LEAD_TYPES], t["total"],
               f"{t['score']}（{'平均' if lang == 'zh' else 'mean'}）"]
    rows = [
        [i18n.city_name(r["city4"], lang), i18n.label("industry", r["industry"], lang),
         *[r[k] for k in LEAD_TYPES], r["total"], r["mean_score"]]
        for r in summ.iter_rows(named=True)
    ]
    _write_table(wb, "按城市和行业汇总" if lang == "zh" else "By city and industry", headers, rows,
                 num_formats={len(headers) - 1: "0.000"})
    wb.close()
    return path
