"""The detection stage: profiles → reconciliation → candidate leads → calibrated, explained leads.

``detect(accepted, links)`` is the stage function of interfaces §6. It returns the
contract's ``leads`` (ranked best first), ``lead_signals`` (every non-zero signal of every
lead with its exact contribution to the log-odds, plus the ``base`` row, so the score is
``sigmoid(Σ contribution)``), ``lead_evidence``, the ``evidence_records`` for dossiers, the
person ``profiles`` and a ``summary`` for the report's funnel.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np
import polars as pl

from pipelines.detection.features import FEATURE_BY_NAME, feature_matrix
from pipelines.detection.leads import CandidateLeads, accidents_frame, build_candidates
from pipelines.detection.params import DetectionParams
from pipelines.detection.profiles import FACT_SOURCES, attach_links, person_profiles, record_facts
from pipelines.detection.scorer import Scorer, default_scorer
from pipelines.errors import UsageError

LEAD_COLUMNS: dict[str, pl.DataType] = {
    "lead_id": pl.String(), "rank": pl.Int64(), "score": pl.Float64(), "lead_type": pl.String(),
    "accident_id": pl.String(), "reported_deaths": pl.Int64(), "evidenced_deaths": pl.Int64(),
    "reported_grade": pl.String(), "evidenced_grade": pl.String(), "persons": pl.Int64(),
    "employer_name": pl.String(), "employer_uscc": pl.String(), "event_date": pl.Date(),
    "region_code": pl.String(), "reasons_zh": pl.String(), "reasons_en": pl.String(),
}
SIGNAL_COLUMNS: dict[str, pl.DataType] = {
    "lead_id": pl.String(), "signal": pl.String(), "value": pl.Float64(), "contribution": pl.Float64(),
    "text_zh": pl.String(), "text_en": pl.String(),
}
EVIDENCE_COLUMNS: dict[str, pl.DataType] = {
    "lead_id": pl.String(), "source": pl.String(), "record_id": pl.String(), "person_key": pl.String(),
    "match_probability": pl.Float64(),
}
BASE_SIGNAL = "base"


@dataclass
class DetectionResult:
    leads: pl.DataFrame
    lead_signals: pl.DataFrame
    lead_evidence: pl.DataFrame
    evidence_records: pl.DataFrame
    profiles: pl.DataFrame
    summary: dict[str, Any] = field(default_factory=dict)
    features: pl.DataFrame | None = None      # lead_id + feature values (all candidates, for training)
    candidates: CandidateLeads | None = None
    scorer: dict[str, Any] | None = None       # the scoring model as JSON (written as scorer.json)


def candidate_leads(accepted: dict[str, pl.DataFrame | None], links: pl.DataFrame | None,
                    params: DetectionParams | None = None, scorer: Scorer | None = None
                    ) -> tuple[CandidateLeads, pl.DataFrame, pl.DataFrame]:
    """Unscored candidates, person profiles and record facts (the training entry point).
    Lead persons are chosen with ``scorer``'s weights (default: the shipped scorer)."""
    params = as_params(params)
    scorer = scorer or default_scorer()
    facts = attach_links(record_facts(accepted, params), links)
    prof = person_profiles(accepted, facts, params, links)
    acc = accidents_frame(accepted, params)
    return build_candidates(prof, facts, acc, params, scorer.weight_map()), prof, facts


def _signals(leads: pl.DataFrame, contrib: np.ndarray, X: pl.DataFrame, scorer: Scorer) -> pl.DataFrame:
    parts = []
    by_name = FEATURE_BY_NAME
    for j, name in enumerate(scorer.features):
        f = by_name[name]
        frame = leads.select(
            "lead_id", X[name].alias("value"), pl.Series("contribution", contrib[:, j]),
            f.text_zh().cast(pl.String).alias("text_zh"), f.text_en().cast(pl.String).alias("text_en"),
        ).filter(pl.col("value") != 0).with_columns(pl.lit(name).alias("signal"))
        parts.append(frame)
    base = leads.select("lead_id", pl.lit(BASE_SIGNAL).alias("signal"), pl.lit(1.0).alias("value"),
                        pl.lit(scorer.base).alias("contribution"),
                        pl.lit("无任何信号时的基础几率").alias("text_zh"),
                        pl.lit("base log-odds of a lead with no signal").alias("text_en"))
    out = pl.concat([*(p.select(list(SIGNAL_COLUMNS)) for p in parts), base.select(list(SIGNAL_COLUMNS))],
                    how="vertical")
    return out


def _reasons(signals: pl.DataFrame, k: int) -> pl.DataFrame:
    """The top ``k`` rows of the lead's ``lead_signals`` (in the file's order: contribution
    descending, then signal) as sentences, so a reason never disagrees with the score: the
    positive named signals, largest first; a lead with none (a low-ranked one) says the top
    rows of its table instead — the least negative, down to the base odds — so every lead
    gives a reason."""
    ordered = signals.with_columns(
        ((pl.col("contribution") > 0) & (pl.col("signal") != BASE_SIGNAL)).alias("_pos"),
    ).sort(["lead_id", "contribution", "signal"], descending=[False, True, False])
    any_pos = pl.col("_pos").any().over("lead_id")
    top = ordered.filter(pl.col("_pos") | ~any_pos).group_by("lead_id", maintain_order=True).head(k)
    return top.group_by("lead_id", maintain_order=True).agg(
        pl.col("text_zh").str.join("；").alias("reasons_zh"),
        pl.col("text_en").str.join("; ").alias("reasons_en"),
    )


def _evidence_records(accepted: dict[str, pl.DataFrame | None], evidence: pl.DataFrame) -> pl.DataFrame:
    parts = []
    for source, frame in accepted.items():
        if frame is None or frame.height == 0 or "record_id" not in frame.columns:
            continue
        keys = evidence.filter(pl.col("source") == source).select("record_id", "person_key").unique("record_id")
        if keys.height == 0:
            continue
        cols = []
        for c, t in frame.schema.items():
            if c.startswith("_"):
                continue
            if isinstance(t, pl.List):
                cols.append(pl.col(c).cast(pl.List(pl.String)).list.join("; ").alias(c))
            elif isinstance(t, pl.Datetime):
                cols.append(pl.col(c).dt.to_string("%Y-%m-%d %H:%M:%S").alias(c))
            else:
                cols.append(pl.col(c).cast(pl.String).alias(c))
        sel = frame.select(cols).join(keys, on="record_id", how="inner") \
            .with_columns(pl.lit(source).alias("source"))
        parts.append(sel)
    if not parts:
        return pl.DataFrame(schema={"source": pl.String, "record_id": pl.String, "person_key": pl.String})
    out = pl.concat(parts, how="diagonal")
    first = ["source", "record_id", "person_key"]
    return out.select(first + [c for c in out.columns if c not in first]).sort(["source", "record_id"])


def keep_mask(scored: pl.DataFrame, params: DetectionParams) -> np.ndarray:
    """Which scored candidates are written: every candidate is scored (rank, don't filter), and
    the output keeps those scored at least ``min_score`` together with the best
    :meth:`DetectionParams.leads_floor` (``min_leads``, or a share of the candidates when there
    are many) whatever their score, at most ``max_leads`` in all (best first); and every
    ``under_reported_accident`` (few, and a reported accident whose linked records show more
    deaths than it reported is always worth a look)."""
    order = scored.with_columns(pl.col("score").round(12).alias("_s"), pl.int_range(pl.len()).alias("_i")) \
        .sort(["_s", "lead_id"], descending=[True, False]).with_columns(pl.int_range(1, pl.len() + 1).alias("_r"))
    floor = params.leads_floor(scored.height)
    ok = order.filter((((pl.col("score") >= params.min_score) | (pl.col("_r") <= floor))
                       & (pl.col("_r") <= params.max_leads))
                      | (pl.col("lead_type") == "under_reported_accident"))
    mask = np.zeros(scored.height, dtype=bool)
    mask[ok["_i"].to_numpy()] = True
    return mask


def as_params(params: DetectionParams | Mapping[str, Any] | None) -> DetectionParams:
    """Parameters from a dataclass, a mapping (a run configuration's ``detection`` section) or None."""
    if params is None:
        return DetectionParams()
    if isinstance(params, DetectionParams):
        return params
    known = {f.name for f in fields(DetectionParams)}
    unknown = sorted(set(params) - known)
    if unknown:
        raise UsageError(f"unknown detection parameter(s) {unknown}", hint=f"known parameters: {sorted(known)}")
    d = dict(params)
    for k in ("high_risk_industries", "flooding_industries"):
        if k in d:
            d[k] = tuple(d[k])
    return DetectionParams(**d)


def detect(accepted: dict[str, pl.DataFrame | None], links: pl.DataFrame | None, *,
           params: DetectionParams | Mapping[str, Any] | None = None, scorer: Scorer | None = None,
           model: Scorer | None = None) -> DetectionResult:
    """Find, score, rank and explain leads (interfaces §6). ``model`` is an alias of ``scorer``;
    ``params`` may be a mapping (a run configuration's ``detection`` section)."""
    params = as_params(params)
    scorer = scorer or model or default_scorer()
    cands, prof, facts = candidate_leads(accepted, links, params, scorer)
    X_all = feature_matrix(cands.leads)
    # the lead persons are chosen with the scorer as given; the leads are scored with its weights
    # adapted to this run's background (how common each signal is among its working-age deaths)
    adaptation: dict[str, Any] = {}
    if params.adapt_to_background:
        scorer, adaptation = scorer.adapted(X_all, pseudo_count=params.adapt_pseudo_count,
                                            min_reference=params.adapt_min_reference)
    contrib = scorer.contributions(X_all)
    prob = 1.0 / (1.0 + np.exp(-(scorer.base + contrib.sum(axis=1))))
    # the score written is the one ranked by (12 digits: ties between equal evidence are exact)
    scored = cands.leads.with_columns(pl.Series("score", prob, dtype=pl.Float64).round(12))
    keep = keep_mask(scored.select("lead_id", "lead_type", "score"), params)
    scored, X, contrib = scored.filter(pl.Series(keep)), X_all.filter(pl.Series(keep)), contrib[keep]

    signals = _signals(scored, contrib, X, scorer)
    reasons = _reasons(signals, params.max_reasons)
    ranked = scored.sort(["score", "lead_id"], descending=[True, False]) \
        .with_columns(pl.int_range(1, pl.len() + 1, dtype=pl.Int64).alias("rank"))
    ranked = ranked.join(reasons, on="lead_id", how="left").with_columns(
        pl.col("reasons_zh").fill_null(""), pl.col("reasons_en").fill_null(""))
    leads = ranked.select([pl.col(c).cast(t) for c, t in LEAD_COLUMNS.items()])
    rank_of = leads.select("lead_id", "rank")

    signals = signals.join(rank_of, on="lead_id").sort(
        ["rank", "contribution", "signal"], descending=[False, True, False]).select(list(SIGNAL_COLUMNS))
    evidence = cands.evidence.join(rank_of, on="lead_id").sort(["rank", "source", "record_id"]) \
        .select([pl.col(c).cast(t) for c, t in EVIDENCE_COLUMNS.items()])
    ev_records = _evidence_records(accepted, evidence)

    injured = prof.filter(pl.col("serious_injury") | (pl.col("trauma_admissions") > 0))
    expl = cands.explained.join(prof.select("person_key", "dead"), on="person_key", how="left")
    by_source = dict(facts.group_by("source").len().iter_rows())
    summary: dict[str, Any] = {
        "records": int(facts.height),
        "records_by_source": {s: int(by_source.get(s, 0)) for s in FACT_SOURCES},
        "persons": int(prof.height),
        "dead_persons": int(prof["dead"].sum()),
        "injured_persons": int(injured.height),
        "explained_persons": int(expl.height),
        "explained_deaths": int(expl["dead"].fill_null(False).sum()),
        "late_deaths": int(cands.explained.filter(pl.col("role") == "late_death").height),
        "attached_persons": int(cands.explained.filter(pl.col("role") == "attached").height),
        "candidate_leads": int(cands.leads.height),
        "leads": int(leads.height),
        "leads_by_type": {t: int(n) for t, n in leads.group_by("lead_type").len().sort("lead_type").iter_rows()},
        "min_score": params.min_score,
        "min_leads": params.min_leads,
        "min_leads_share": params.min_leads_share,
        "leads_floor": params.leads_floor(int(cands.leads.height)),
        "max_leads": params.max_leads,
        "scorer": scorer.provenance,
        "scorer_adaptation": adaptation,
    }
    return DetectionResult(leads=leads, lead_signals=signals, lead_evidence=evidence,
                           evidence_records=ev_records, profiles=prof, summary=summary,
                           features=X_all, candidates=cands,
                           scorer={**scorer.to_dict(), "parameters": params.as_dict()})
