"""The audit report of a run: ``report.html`` (self-contained) and ``report.pdf``, plus ``leads.xlsx``.

:func:`build_run_reports` is what ``crosscheck run`` calls at the end of every
run and what ``crosscheck report`` runs. :func:`report_context` computes every
figure the report shows from the run folder (so tests can compare them with
``run.json``); the template only lays them out. Contents, in the order a reader
needs them: summary, data received and quality, linkage funnel, charts, top
leads, under-reported accidents, method and limits, run manifest.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
from pathlib import Path
from typing import Any

import polars as pl

from pipelines.contract import DEATH_SOURCES, LEAD_TYPES, SOURCES
from reports import charts, i18n
from reports.render import page_css, render_html, svg, write_pdf
from reports.rundata import RunData, load_run

log = logging.getLogger(__name__)

TOP_LEADS = 25
TOP_SUMMARY = 5
INJURY_SOURCES = ("injury_claims", "medical_records")
GRADE_ORDER = {"一般": 0, "较大": 1, "重大": 2, "特别重大": 3}


# ---------------------------------------------------------------- figures
def _input_rows(data: RunData, lang: str) -> list[dict[str, Any]]:
    inputs: dict[str, Any] = data.manifest.get("inputs") or {}
    names = list(SOURCES) + sorted(set(inputs) - set(SOURCES))
    rows = []
    for src in names:
        info = inputs.get(src) or {}
        present = bool(info.get("file"))
        q = data.quality.get(src) or {}
        accepted = int(info.get("accepted") or 0)
        rows.append({
            "source": src,
            "label": i18n.label("source", src, lang),
            "present": present,
            "file": Path(str(info["file"])).name if present else None,
            "sha256": info.get("sha256"),
            "read": int(info.get("read") or 0),
            "accepted": accepted,
            "quarantined": int(info.get("quarantined") or 0),
            "defects": _top_defects(q, 3, lang),
            "id_completeness": _id_completeness(src, q, accepted) if present else None,
        })
    return rows


def _check_count(check: dict[str, Any]) -> int:
    for key in ("count", "failed", "failures", "violations", "rows", "n"):
        v = check.get(key)
        if isinstance(v, int | float) and not isinstance(v, bool):
            return int(v)
    counts = check.get("counts")
    if isinstance(counts, dict):
        for key in ("failed", "count", "flagged", "quarantined", "rows"):
            v = counts.get(key)
            if isinstance(v, int | float):
                return int(v)
    elif isinstance(counts, int | float):
        return int(counts)
    return 0


def _checks(q: dict[str, Any]) -> list[dict[str, Any]]:
    raw = q.get("checks")
    if isinstance(raw, dict):
        raw = [{"name": k, **(v if isinstance(v, dict) else {"count": v})} for k, v in raw.items()]
    if not isinstance(raw, list):
        return []
    return [c for c in raw if isinstance(c, dict)]


def _top_defects(q: dict[str, Any], n: int, lang: str = "zh") -> list[dict[str, Any]]:
    """The ``n`` most frequent defects of one source, each named in the reader's language
    (the check's own ``zh`` / ``en`` text when the quality gate gives one). Suite checks
    (``engine: gx``) that passed, or that repeat a row check with the same count (e.g.
    ``completeness:id_number`` next to ``id_missing``), are left out."""
    checks = _checks(q)
    row_counts = {(str(c.get("column") or ""), _check_count(c)) for c in checks
                  if c.get("engine") != "gx"}
    row_totals = {_check_count(c) for c in checks if c.get("engine") != "gx"}
    found: list[dict[str, Any]] = []
    for c in checks:
        count = _check_count(c)
        if count <= 0:
            continue
        if c.get("engine") == "gx" and (c.get("success") is True or count in row_totals
                                        or (str(c.get("column") or ""), count) in row_counts):
            continue
        name = str(c.get("name") or c.get("check") or "?")
        text = c.get("en" if lang == "en" else "zh")
        found.append({"name": name, "label": str(text) if text else name, "count": count,
                      "severity": str(c.get("severity") or "")})
    found.sort(key=lambda c: (-c["count"], c["name"]))
    return found[:n]


def _id_completeness(src: str, q: dict[str, Any], accepted: int) -> float | None:
    source = SOURCES.get(src)
    if source is None or "id_number" not in source.column_names or accepted <= 0:
        return None
    for c in _checks(q):
        if str(c.get("name") or c.get("check") or "") == "id_missing":
            return max(0.0, 1.0 - _check_count(c) / accepted)
    ic = q.get("id_completeness")
    if isinstance(ic, int | float):
        return float(ic)
    return None


def _funnel(data: RunData) -> dict[str, int]:
    """Records → persons → dead or seriously injured → explained by a reported accident →
    unexplained → persons in leads. With ``profiles.parquet`` (detection's person profiles)
    "hurt" means dead or seriously injured (the domain's working definitions) and
    "explained" named as a victim of a reported accident; without it, any record in a death
    or injury source, explained by an ``accident_victims`` record in the person."""
    prof = data.profiles
    need = {"person_key", "dead", "serious_injury", "named_victim"}
    if prof is not None and need <= set(prof.columns) and data.links.height:
        records = data.links.height
        hurt = prof.filter(pl.col("dead").fill_null(False) | pl.col("serious_injury").fill_null(False))
        explained = hurt.filter(pl.col("named_victim").fill_null(False)).height
        lead_persons = data.evidence.filter(pl.col("person_key").is_not_null())["person_key"].n_unique()
        return {
            "records": records, "persons": data.links["person_key"].n_unique(),
            "hurt": hurt.height, "deaths": int(prof["dead"].fill_null(False).sum()),
            "explained": explained, "unexplained": hurt.height - explained,
            "lead_persons": lead_persons, "from_profiles": 1,
        }
    links = data.links
    records = links.height
    persons = links["person_key"].n_unique() if records else 0
    by_person = links.group_by("person_key").agg(
        death=pl.col("source").is_in(list(DEATH_SOURCES)).any(),
        injury=pl.col("source").is_in(list(INJURY_SOURCES)).any(),
        victim=(pl.col("source") == "accident_victims").any(),
    ) if records else pl.DataFrame(schema={"person_key": pl.String, "death": pl.Boolean,
                                            "injury": pl.Boolean, "victim": pl.Boolean})
    hurt = by_person.filter(pl.col("death") | pl.col("injury"))
    explained = hurt.filter(pl.col("victim")).height
    lead_persons = data.evidence.filter(pl.col("person_key").is_not_null())["person_key"].n_unique()
    return {
        "records": records, "persons": persons, "hurt": hurt.height,
        "deaths": by_person.filter(pl.col("death")).height,
        "explained": explained, "unexplained": hurt.height - explained,
        "lead_persons": lead_persons, "from_profiles": 0,
    }


def _lead_counts(data: RunData) -> dict[str, int]:
    """Leads by type as the manifest says (the figure a reader checks against run.json)."""
    counts = data.manifest.get("leads")
    if isinstance(counts, dict) and counts:
        out = {t: int(counts.get(t) or 0) for t in LEAD_TYPES}
        out.update({str(k): int(v) for k, v in counts.items() if k not in out})
        return out
    vc = data.leads.group_by("lead_type").len()
    got = dict(zip(vc["lead_type"].to_list(), vc["len"].to_list(), strict=True))
    return {t: int(got.get(t, 0)) for t in LEAD_TYPES}


def lead_industry(data: RunData) -> pl.DataFrame:
    """``lead_id`` → ``industry``: the leads' own column if any, else the accident's industry
    (``evidence_records``), else the employer industry of the lead's persons (``profiles``),
    else ``unknown``."""
    leads = data.leads.select("lead_id")
    if "industry" in data.leads.columns:
        return data.leads.select("lead_id", pl.col("industry").fill_null("unknown"))
    parts: list[pl.DataFrame] = []
    if "industry" in data.evidence_records.columns and data.evidence.height:
        parts.append(
            data.evidence.join(data.evidence_records.select("source", "record_id", "industry"),
                               on=["source", "record_id"], how="left")
            .filter(pl.col("industry").is_not_null())
            .select("lead_id", "industry", pl.lit(0).alias("prio"), "source", "record_id"))
    prof = data.profiles
    if prof is not None and "employer_industry" in prof.columns and data.evidence.height:
        parts.append(
            data.evidence.join(prof.select("person_key", pl.col("employer_industry").alias("industry")),
                               on="person_key", how="left")
            .filter(pl.col("industry").is_not_null())
            .select("lead_id", "industry", pl.lit(1).alias("prio"), "source", "record_id"))
    if parts:
        ind = (pl.concat(parts).sort("lead_id", "prio", "source", "record_id")
               .group_by("lead_id", maintain_order=True).agg(pl.col("industry").first()))
    else:
        ind = pl.DataFrame(schema={"lead_id": pl.String, "industry": pl.String})
    return leads.join(ind, on="lead_id", how="left").with_columns(
        pl.col("industry").fill_null("unknown"))


def _period(data: RunData) -> tuple[str | None, str | None]:
    params = data.manifest.get("parameters") or {}
    p = params.get("period")
    if isinstance(p, dict):
        return p.get("start") or p.get("from"), p.get("end") or p.get("to")
    if isinstance(p, list | tuple) and len(p) == 2:
        return str(p[0]), str(p[1])
    if isinstance(p, str) and p:
        for sep in ("..", "/", "~", " to "):
            if sep in p:
                a, b = p.split(sep, 1)
                return a.strip(), b.strip()
        return p, None
    start = params.get("period_start") or params.get("start")
    end = params.get("period_end") or params.get("end") or params.get("as_of")
    if start or end:
        return (str(start) if start else None), (str(end) if end else None)
    dates = data.leads["event_date"].drop_nulls()
    if dates.len():
        return str(dates.min()), str(dates.max())
    return None, None


def _lead_rows(data: RunData, lang: str, n: int | None) -> list[dict[str, Any]]:
    leads = data.leads if n is None else data.leads.head(n)
    reasons = "reasons_en" if lang == "en" else "reasons_zh"
    rows = []
    for r in leads.iter_rows(named=True):
        rows.append({
            **r,
            "type_label": i18n.label("lead_type", r["lead_type"], lang),
            "city": i18n.city_name(r.get("region_code"), lang),
            "reasons": r.get(reasons) or "",
        })
    return rows


def _under_reported(data: RunData, lang: str) -> list[dict[str, Any]]:
    under = data.leads.filter(pl.col("lead_type") == "under_reported_accident")
    acc_cols = ["record_id", "enterprise_name", "accident_type", "occurred_at"]
    acc = data.evidence_records.filter(pl.col("source") == "accidents")
    acc = acc.select([c for c in acc_cols if c in acc.columns])
    rows = []
    for r in under.iter_rows(named=True):
        info: dict[str, Any] = {}
        if acc.height and r.get("accident_id") is not None:
            hit = acc.filter(pl.col("record_id") == r["accident_id"])
            if hit.height:
                info = hit.row(0, named=True)
        rg, eg = r.get("reported_grade"), r.get("evidenced_grade")
        rows.append({
            **r,
            "enterprise": info.get("enterprise_name") or r.get("employer_name"),
            "accident_type": i18n.label("accident_type", info.get("accident_type"), lang),
            "grade_up": rg in GRADE_ORDER and eg in GRADE_ORDER and GRADE_ORDER[eg] > GRADE_ORDER[rg],
            "rg_label": i18n.label("grade", rg, lang) if rg else "—",
            "eg_label": i18n.label("grade", eg, lang) if eg else "—",
        })
    return rows


def _group_chart(values: pl.Series, label_of: Any, title: str, order: list[str] | None = None,
                 horizontal: bool = True, width: float = 3.5) -> str:
    if values.len() == 0:
        return charts.bar_chart([], [], title=title)
    vc = values.value_counts(sort=True)
    keys = vc[values.name].to_list()
    counts = vc["count"].to_list()
    if order is not None:
        pos = {k: i for i, k in enumerate(order)}
        pairs = sorted(zip(keys, counts, strict=True), key=lambda kc: (pos.get(kc[0], 99), str(kc[0])))
    else:
        pairs = sorted(zip(keys, counts, strict=True), key=lambda kc: (-kc[1], str(kc[0])))
    return charts.bar_chart([label_of(k) for k, _ in pairs], [c for _, c in pairs], title=title,
                            horizontal=horizontal, width=width)


def _charts(data: RunData, lang: str, counts: dict[str, int]) -> dict[str, Any]:
    t = i18n.texts(lang)
    leads = data.leads
    types = [k for k in LEAD_TYPES if counts.get(k)] + [k for k in counts if k not in LEAD_TYPES]
    by_type = charts.bar_chart([i18n.label("lead_type", k, lang) for k in types],
                               [counts[k] for k in types], title=t["chart_type"])
    city = leads.select(pl.col("region_code").str.slice(0, 4).fill_null("").alias("city"))["city"]
    by_city = _group_chart(city, lambda k: i18n.city_name(k, lang), t["chart_city"])
    ind = lead_industry(data)["industry"]
    by_ind = _group_chart(ind, lambda k: i18n.label("industry", k, lang), t["chart_industry"])
    months = leads.select(pl.col("event_date").dt.strftime("%Y-%m").alias("month"))["month"].drop_nulls()
    month_order = sorted(set(months.to_list()))
    by_month = _group_chart(months, str, t["chart_month"], order=month_order, horizontal=False,
                            width=7.0)
    scores = charts.histogram(leads["score"].drop_nulls().to_list(), title=t["chart_score"],
                              xlabel=t["score"], ylabel=t["count"])
    return {"type": svg(by_type), "city": svg(by_city), "industry": svg(by_ind),
            "month": svg(by_month), "score": svg(scores)}


CHANGE_KINDS = ("new", "persisting", "changed", "reopened", "gone", "suppressed")


def _compare(data: RunData, previous: dict[str, Any] | None) -> dict[str, Any] | None:
    """Change since the previous run: the run's own between-runs counts (``run.json``
    ``changes``, else the leads' ``change`` column) and lead counts by type then and now."""
    prev_id = data.manifest.get("previous_run_id") or (previous or {}).get("run_id")
    if not prev_id:
        return None
    changes = data.manifest.get("changes")
    if not isinstance(changes, dict) and "change" in data.leads.columns:
        vc = data.leads.group_by("change").len()
        changes = dict(zip(vc["change"].to_list(), vc["len"].to_list(), strict=True))
    cur_counts = _lead_counts(data)
    prev_counts = {str(k): int(v) for k, v in ((previous or {}).get("leads") or {}).items()}
    out: dict[str, Any] = {
        "run_id": prev_id,
        "finished_at": (previous or {}).get("finished_at"),
        "changes": [(k, int(changes.get(k) or 0)) for k in CHANGE_KINDS] if isinstance(changes, dict) else [],
        "by_type": [
            {"type": k, "now": cur_counts.get(k, 0),
             "before": prev_counts.get(k) if prev_counts else None,
             "delta": cur_counts.get(k, 0) - prev_counts.get(k, 0) if prev_counts else None}
            for k in dict.fromkeys([*cur_counts, *prev_counts])
        ],
    }
    return out


def previous_run(data: RunData, store_url: str | None) -> dict[str, Any] | None:
    """The previous run in the run store: ``run_id``, ``finished_at``, ``leads`` (counts by type).

    The run named by ``run.json`` ``previous_run_id``, else the latest complete run that
    started before this one. None without a store, an earlier run, or when it cannot be read
    (a report never fails because history is unavailable).
    """
    if not store_url:
        return None
    if store_url.startswith("sqlite:///") and store_url != "sqlite:///:memory:" \
            and not Path(store_url[len("sqlite:///"):]).is_file():
        return None  # no store yet: do not create one as a side effect of reporting
    try:
        from pipelines.store import open_store
    except ImportError:
        return None
    try:
        store = open_store(store_url, upgrade=False)
    except Exception as exc:
        log.warning("cannot open the run store to find the previous run: %s", exc)
        return None
    try:
        prev_id = data.manifest.get("previous_run_id")
        prev = store.get_run(str(prev_id)) if prev_id else None
        if prev is None and not prev_id:
            started = str(data.manifest.get("started_at") or "")
            for r in store.list_runs(status="complete"):
                if r.run_id != data.run_id and r.started_at.isoformat() < started:
                    prev = r
                    break
        if prev is None:
            return {"run_id": prev_id, "leads": {}} if prev_id else None
        counts = (prev.manifest or {}).get("leads") or {}
        return {"run_id": prev.run_id,
                "finished_at": prev.finished_at.isoformat(timespec="minutes") if prev.finished_at else None,
                "leads": counts}
    except Exception as exc:
        log.warning("cannot read the previous run from the run store: %s", exc)
        return None
    finally:
        store.close()


def _params(manifest: dict[str, Any]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []

    def walk(prefix: str, v: Any) -> None:
        if isinstance(v, dict):
            for k in sorted(v):
                walk(f"{prefix}.{k}" if prefix else str(k), v[k])
        else:
            out.append((prefix, json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v))

    walk("", manifest.get("parameters") or {})
    return out


def _number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _pooled_reliability(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One reliability table from several (``bin, leads, mean_predicted, observed`` rows, as
    :func:`pipelines.detection.scorer.reliability_table` writes them): per bin, the leads summed and
    the predicted and observed rates weighted by leads."""
    acc: dict[str, list[float]] = {}
    for rep in reports:
        for row in rep.get("reliability") or []:
            if not isinstance(row, dict) or not _number(row.get("leads")) or not row.get("leads"):
                continue
            n = float(row["leads"])
            a = acc.setdefault(str(row.get("bin")), [0.0, 0.0, 0.0])
            a[0] += n
            a[1] += n * float(row.get("mean_predicted") or 0.0)
            a[2] += n * float(row.get("observed") or 0.0)
    return [{"bin": b, "leads": int(n), "predicted": ps / n, "observed": os_ / n}
            for b, (n, ps, os_) in sorted(acc.items(), key=lambda kv: (_band_low(kv[0]), kv[0])) if n > 0]


def _band_low(band: str) -> float:
    """The lower bound of a score band written ``0.1–0.2`` (bands that do not parse sort last)."""
    try:
        return float(band.replace("—", "–").split("–")[0])
    except ValueError:
        return math.inf


def _sub(d: dict[str, Any], key: str) -> dict[str, Any]:
    """``d[key]`` when it is a dict (a JSON object), else an empty dict."""
    v = d.get(key)
    return v if isinstance(v, dict) else {}


def _labels_kind(labels: Any) -> str | None:
    """``decisions`` (investigators'), ``generated`` (synthetic truth) or None, from a scorer's
    provenance ``labels`` text."""
    text = str(labels or "").lower()
    return "decisions" if "decision" in text else "generated" if ("generat" in text or "truth" in text) else None


def _calibration(data: RunData) -> dict[str, Any]:
    """What the report says about the scorer's calibration (the run's ``scorer.json``): the Brier
    score on the data it was fitted to and on held-out data, a reliability table (held-out data
    pooled, else the training data) and what the model was fitted to."""
    s = data.scorer or {}
    cal = _sub(s, "calibration")
    raw_metrics = s.get("metrics")
    metrics = raw_metrics if isinstance(raw_metrics, dict) else cal
    flat = {k: v for k, v in metrics.items() if _number(v)}
    train = cal.get("on_training_data") if isinstance(cal.get("on_training_data"), dict) else None
    held_raw = _sub(cal, "held_out")
    held = {k: v for k, v in sorted(held_raw.items()) if isinstance(v, dict) and _number(v.get("brier"))}
    briers = [float(v["brier"]) for v in held.values()]
    n_held = sum(int(v.get("n") or 0) for v in held.values())
    pooled_held = (sum(float(v["brier"]) * int(v.get("n") or 0) for v in held.values()) / n_held
                   if n_held else None)
    reliability = _pooled_reliability(list(held.values())) if held else (
        _pooled_reliability([train]) if train else [])
    prov = _sub(s, "provenance")
    rec = prov.get("recalibrated") if isinstance(prov.get("recalibrated"), dict) else None
    data_names = prov.get("seeds_and_variants") or prov.get("data") or []
    return {
        "method": s.get("method") or s.get("model") or s.get("kind"),
        "metrics": flat,
        "training": ({"leads": int(train.get("n") or 0), "positives": int(train.get("positives") or 0),
                      "brier": float(train["brier"])} if train and _number(train.get("brier")) else None),
        "held_out": ({"sets": len({k.split(":")[0] for k in held}), "evaluations": len(held), "leads": n_held,
                      "positives": sum(int(v.get("positives") or 0) for v in held.values()),
                      "brier_min": min(briers), "brier_max": max(briers), "brier": pooled_held}
                     if held else None),
        "reliability": reliability,
        "reliability_from": "held_out" if held else ("training" if train else None),
        "labels_kind": _labels_kind(rec.get("previous_labels") if rec else prov.get("labels")),
        "recalibrated": ({"decisions": int(rec.get("decisions") or 0), "confirmed": int(rec.get("confirmed") or 0),
                          "slope": float(rec.get("slope") or 0.0), "intercept": float(rec.get("intercept") or 0.0),
                          "run": prov.get("run")} if rec else None),
        "data": [str(d) for d in data_names] if isinstance(data_names, list) else [str(data_names)],
        "run_scorer": (data.manifest.get("parameters") or {}).get("scorer"),
        "adapted": _adapted(prov),
    }


def _adapted(prov: dict[str, Any]) -> dict[str, Any] | None:
    """How the scorer's weights were adapted to this run's background (its provenance
    ``adapted``): the working-age deaths measured, and per lowered signal its prevalence here and
    in the training data with the weight before and after, largest change first."""
    a = _sub(prov, "adapted")
    lowered = _sub(a, "lowered")
    fields = ("prevalence", "reference", "weight", "adapted_weight")
    rows: list[dict[str, Any]] = [{"signal": str(k), **{x: float(v[x]) for x in fields}} for k, v in lowered.items()
                                  if isinstance(v, dict) and all(_number(v.get(x)) for x in fields)]
    if not rows:
        return None
    rows.sort(key=lambda r: (r["adapted_weight"] - r["weight"], r["signal"]))
    return {"deaths": int(a.get("deaths") or 0), "signals": rows}


def _linkage_model(data: RunData) -> dict[str, Any] | None:
    """How this run's link model was learnt (the run's ``model.json``): candidate pairs per blocking
    rule, the EM sessions that learnt the m probabilities (pairs, iterations, converged, share of
    matches) and how they were pooled, the random pairs behind u, and the links clustering refused."""
    m = data.model or {}
    tr = m.get("training") if isinstance(m.get("training"), dict) else None
    stats = _sub(m, "run_stats")
    if not tr:
        return None
    blocking = _sub(stats, "blocking")
    rules = _sub(blocking, "rules")
    em = {e.get("session"): e for e in tr.get("em") or [] if isinstance(e, dict)}
    # in the configuration's order (the file's rules are keyed by name)
    cfg = _sub(m, "config")
    order = [b.get("name") for b in cfg.get("blocking") or [] if isinstance(b, dict)]
    rank = {n: i for i, n in enumerate(order)}
    def session(e: dict[str, Any]) -> dict[str, Any]:
        return {k: e.get(k) for k in ("iterations", "converged", "match_share")}

    rows = [{"rule": name, "pairs": int(r.get("pairs") or 0), "new_pairs": int(r.get("new_pairs") or 0),
             "skipped": int(r.get("skipped_records") or 0), **session(em.get(name) or {})}
            for name, r in sorted(rules.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0]))]
    # an EM pass over all pairs for comparisons no session could estimate is a session too
    rows += [{"rule": n, "pairs": int(e.get("pairs") or 0), "new_pairs": None, "skipped": None, **session(e)}
             for n, e in em.items() if n not in rules]
    cl = _sub(stats, "clustering")
    sessions = [r for r in rows if r["iterations"] is not None]
    return {
        "candidate_pairs": int(tr.get("candidate_pairs") or stats.get("candidate_pairs") or 0),
        "u_pairs": int(tr.get("u_pairs") or 0),
        "m_from": tr.get("m_from"),
        "pooling": tr.get("m_pooling") or "mean",
        "sessions": len(sessions),
        "not_converged": [r["rule"] for r in sessions if r["converged"] is False],
        "rules": rows,
        "guarded": int(cl.get("guarded_components") or 0),
        "refused": int(cl.get("refused_links") or 0),
    }


def report_context(data: RunData, *, lang: str = "zh",
                   previous: dict[str, Any] | None = None) -> dict[str, Any]:
    """Every figure and text block of the audit report, computed from the run folder."""
    t = i18n.texts(lang)
    counts = _lead_counts(data)
    inputs = _input_rows(data, lang)
    present = [r for r in inputs if r["present"]]
    missing = [r for r in inputs if not r["present"]]
    start, end = _period(data)
    stages = data.manifest.get("stages") or {}
    return {
        "lang": lang, "t": t,
        "title": t["report_title"],
        "css": page_css(lang, f"{t['report_title']} · {data.run_id}"),
        "run_id": data.run_id,
        "manifest": data.manifest,
        "generated": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "period_start": start, "period_end": end,
        "inputs": inputs, "sources_present": present, "sources_missing": missing,
        "missing_effects": [i18n.missing_effect(r["source"], lang) for r in missing],
        "totals": {k: sum(r[k] for r in inputs) for k in ("read", "accepted", "quarantined")},
        "lead_counts": counts, "leads_total": sum(counts.values()),
        "top_summary": _lead_rows(data, lang, TOP_SUMMARY),
        "top_leads": _lead_rows(data, lang, TOP_LEADS),
        "top_n": min(TOP_LEADS, data.leads.height),
        "under": _under_reported(data, lang),
        "funnel": _funnel(data),
        "charts": _charts(data, lang, counts),
        "change": _compare(data, previous),
        "calibration": _calibration(data),
        "linkage_model": _linkage_model(data),
        "params": _params(data.manifest),
        "stages": [{**(v if isinstance(v, dict) else {}), "name": i18n.label("stage", k, lang)}
                   for k, v in stages.items()],
        "missing_tables": data.missing_tables,
    }


def build_run_reports(run_dir: str | Path, store_url: str | None = None,
                      lang: str = "zh") -> dict[str, Path]:
    """Write ``report.html``, ``report.pdf`` and ``leads.xlsx`` into the run folder.

    ``store_url`` (SQLAlchemy URL) is used to find the previous run for "change since
    the previous run"; without a store the report says there is none. Returns the
    paths as ``{"html": ..., "pdf": ..., "xlsx": ...}``. IDs are masked and
    diagnoses shown as chapters throughout.
    """
    from reports.workbook import write_workbook

    lang = "en" if lang == "en" else "zh"
    data = load_run(run_dir, store_url)
    ctx = report_context(data, lang=lang, previous=previous_run(data, store_url))
    html = render_html("report.html.j2", ctx, masked=True)
    out = Path(run_dir)
    html_path = out / "report.html"
    html_path.write_text(html, encoding="utf-8")
    pdf_path = write_pdf(html, out / "report.pdf")
    xlsx_path = write_workbook(data, out / "leads.xlsx", lang=lang)
    log.info("report written: %s, %s, %s", html_path.name, pdf_path.name, xlsx_path.name)
    return {"html": html_path, "pdf": pdf_path, "xlsx": xlsx_path}
