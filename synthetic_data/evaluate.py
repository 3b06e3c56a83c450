"""Score any run folder (``links``, ``leads``, ``lead_evidence``) against synthetic truth.

``evaluate_run(truth_dir, run_dir) -> dict`` computes:

* pairwise linkage precision / recall / F1: record pairs sharing a ``person_key`` versus
  pairs sharing a true ``person_id``, counted combinatorially per cluster (Σ C(n, 2) over
  groups; pairs are never materialised). Truth records the run did not link count as
  singletons; the same per pair of sources where there are errors (``by_source_pair``: false
  pairs joined two persons, missed pairs left one person apart);
* hidden deaths: true deaths in ``concealed`` or ``under_reported`` incidents whose
  ``reported_outcome`` is not ``death``. Recall is over the *findable* ones (with at least
  one record in a source other than ``employment``: an enrolment spell records neither a death
  nor an injury), and ``n_hidden_all`` says how many left no record at all. A lead
  finds a hidden death when one of its evidence records belongs to that person.
  recall@K for K = n, 2n, 5n (n = findable hidden deaths) over leads by rank,
  precision@n (share of the top n leads holding a hidden-death record) with its ceiling
  (leads holding a hidden death / n — grouping an incident's victims into one lead caps it) and
  the precision over that many top leads (R-precision), average precision
  (Σ_k precision@k · new hidden deaths first found at k / n);
* concealed-incident recall: found when a lead in the top 5·n_concealed holds a record of one
  of its victims (``concealed_recall_all``: at any rank); under-reported-accident recall: an
  ``under_reported_accident`` lead names its accident, or a lead holds a record of one of its
  unreported victims (not named, or named with another outcome) — over all leads, and within
  the top 5·n_under as well;
* false leads: leads in the top n that hold only records of people whose death was natural
  or non-occupational (``truth/deaths.parquet``);
* the largest number of true persons in one lead;
* the calibration of the written scores (``calibration``): Brier score and a reliability table
  against the label the scorer is fitted to (a lead holding a findable hidden death or naming an
  under-reported accident is real).

``build_oracle_run(truth_dir, run_dir)`` writes the run a perfect system would produce
(links = truth, one lead per findable hidden death, best first) — every score is 1.0.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, cast

import numpy as np
import polars as pl

from pipelines.errors import UsageError

_KEY = ["source", "record_id"]
# person-bearing sources whose records trace neither a death nor an injury (enrolment spells)
TRACE_FREE_SOURCES = ("employment",)


def _read(path: Path, what: str) -> pl.DataFrame:
    if not path.is_file():
        raise UsageError(f"{path} does not exist", hint=f"pass a folder that holds {what}")
    return pl.read_parquet(path)


def load_truth(truth_dir: str | Path) -> dict[str, pl.DataFrame]:
    t = Path(truth_dir)
    return {name: _read(t / f"{name}.parquet", "truth/ (crosscheck generate)")
            for name in ("record_person", "incidents", "incident_person", "deaths")}


def traced_persons(record_person: pl.DataFrame) -> pl.DataFrame:
    """``person_id`` of every person a record of a death or an injury is on file for (findable):
    an enrolment spell alone (a person-bearing record too) says nothing of either."""
    return record_person.filter(~pl.col("source").is_in(list(TRACE_FREE_SOURCES))).select("person_id").unique()


def hidden_deaths(truth: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """``incident_id``, ``person_id``, ``kind`` of every hidden death."""
    ip = truth["incident_person"].join(truth["incidents"].select("incident_id", "kind"),
                                       on="incident_id")
    return ip.filter(
        pl.col("kind").is_in(["concealed", "under_reported"]) & (pl.col("outcome") == "death")
        & (pl.col("reported_outcome").fill_null("") != "death")
    ).select("incident_id", "person_id", "kind").sort("person_id")


def _pairs_by_source(j: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """Record pairs sharing ``keys`` per pair of sources (``source``, ``source_r``, ``n``), counted
    from each group's records per source: C(c, 2) within a source, c·c' across two."""
    x = j.group_by(*keys, "source").agg(pl.len().cast(pl.Int64).alias("c"))
    both = x.join(x, on=keys, suffix="_r").filter(pl.col("source") <= pl.col("source_r"))
    n = pl.when(pl.col("source") == pl.col("source_r")).then(pl.col("c") * (pl.col("c") - 1) // 2) \
        .otherwise(pl.col("c") * pl.col("c_r"))
    return both.group_by("source", "source_r").agg(n.sum().alias("n"))


def pair_counts_by_source(j: pl.DataFrame) -> pl.DataFrame:
    """Per pair of sources (``j``: truth records with ``person_id`` and the run's ``person_key``):
    ``true_pairs`` (one person), ``predicted_pairs`` (one person key) and ``tp`` (both), never
    materialising a pair; summed over the rows they are the pairwise totals."""
    key = ["source", "source_r"]
    return _pairs_by_source(j, ["person_id"]).rename({"n": "true_pairs"}) \
        .join(_pairs_by_source(j, ["person_key"]).rename({"n": "predicted_pairs"}), on=key, how="full",
              coalesce=True) \
        .join(_pairs_by_source(j, ["person_key", "person_id"]).rename({"n": "tp"}), on=key, how="full",
              coalesce=True).fill_null(0)


def linkage_by_source_pair(counts: pl.DataFrame) -> list[dict[str, Any]]:
    """Pairwise errors per pair of sources (:func:`pair_counts_by_source`): where the linkage goes
    wrong — e.g. two hospital encounters of namesakes, or a cremation never joined to its
    deregistration. Rows with an error, most errors first."""
    t = counts.with_columns((pl.col("predicted_pairs") - pl.col("tp")).alias("false_pairs"),
                            (pl.col("true_pairs") - pl.col("tp")).alias("missed_pairs"))
    t = t.filter((pl.col("false_pairs") > 0) | (pl.col("missed_pairs") > 0)) \
        .sort(pl.col("false_pairs") + pl.col("missed_pairs"), "source", "source_r", descending=[True, False, False])
    return [{**r, "precision": r["tp"] / r["predicted_pairs"] if r["predicted_pairs"] else None,
             "recall": r["tp"] / r["true_pairs"] if r["true_pairs"] else None}
            for r in t.select("source", "source_r", "true_pairs", "predicted_pairs", "tp", "false_pairs",
                              "missed_pairs").to_dicts()]


def linkage_scores(truth: dict[str, pl.DataFrame], links: pl.DataFrame) -> dict[str, Any]:
    rp = truth["record_person"].select(*_KEY, "person_id")
    j = rp.join(links.select(*_KEY, pl.col("person_key").cast(pl.String)).unique(_KEY, keep="first"),
                on=_KEY, how="left")
    unlinked = int(j["person_key"].null_count())
    j = j.with_columns(pl.col("person_key").fill_null(
        pl.concat_str([pl.lit("\x00unlinked:"), pl.col("source"), pl.lit(":"), pl.col("record_id")])))
    counts = pair_counts_by_source(j)
    true_pairs, pred_pairs, tp = (int(counts[c].sum()) for c in ("true_pairs", "predicted_pairs", "tp"))
    precision = tp / pred_pairs if pred_pairs else (1.0 if true_pairs == 0 else 0.0)
    recall = tp / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"records": rp.height, "records_unlinked": unlinked, "true_pairs": true_pairs,
            "predicted_pairs": pred_pairs, "true_positive_pairs": tp,
            "pair_precision": precision, "pair_recall": recall, "pair_f1": f1,
            "true_persons": int(j["person_id"].n_unique()),
            "predicted_persons": int(j["person_key"].n_unique()),
            "by_source_pair": linkage_by_source_pair(counts)}


def lead_scores(truth: dict[str, pl.DataFrame], leads: pl.DataFrame,
                evidence: pl.DataFrame) -> dict[str, Any]:
    rp = truth["record_person"].select(*_KEY, "person_id")
    hidden = hidden_deaths(truth)
    traced = traced_persons(rp)
    findable = hidden.join(traced, on="person_id", how="semi")
    n_hidden = findable.height
    # lead positions 1..L by rank (ties broken by lead_id so the order is total)
    order = leads.select(pl.col("lead_id").cast(pl.String), "rank",
                         pl.col("score").cast(pl.Float64) if "score" in leads.columns
                         else pl.lit(None, pl.Float64).alias("score"),
                         pl.col("lead_type").cast(pl.String),
                         pl.col("accident_id").cast(pl.String) if "accident_id" in leads.columns
                         else pl.lit(None, pl.String).alias("accident_id")
                         ).sort("rank", "lead_id").with_row_index("pos", offset=1)
    n_leads = order.height
    ev = evidence.select(pl.col("lead_id").cast(pl.String), pl.col("source").cast(pl.String),
                         pl.col("record_id").cast(pl.String)).join(
        rp, on=_KEY, how="left").join(order.select("lead_id", "pos"), on="lead_id", how="inner")
    evp = ev.filter(pl.col("person_id").is_not_null()).select("lead_id", "pos", "person_id").unique()
    out: dict[str, Any] = {"leads": n_leads, "n_hidden": n_hidden, "n_hidden_all": hidden.height}
    by_type = order.group_by("lead_type").len().sort("lead_type")
    out["leads_by_type"] = dict(zip(by_type["lead_type"].to_list(), by_type["len"].to_list(),
                                    strict=True))
    # first position at which each findable hidden death is found
    first = evp.join(findable.select("person_id"), on="person_id").group_by("person_id").agg(
        pl.col("pos").min())
    for k, name in ((1, "n"), (2, "2n"), (5, "5n")):
        out[f"hidden_recall@{name}"] = (
            first.filter(pl.col("pos") <= k * n_hidden).height / n_hidden if n_hidden else None)
    out["hidden_recall_all"] = first.height / n_hidden if n_hidden else None
    holds = evp.join(findable.select("person_id"), on="person_id", how="semi").select(
        "pos").unique()
    has = np.zeros(n_leads + 1, dtype=np.int64)
    has[holds["pos"].to_numpy()] = 1
    out["precision@n"] = (int(has[1:n_hidden + 1].sum()) / n_hidden) if n_hidden else None
    # one incident is one lead, so fewer than n leads may hold all n hidden deaths and
    # precision@n cannot exceed (leads holding a hidden death) / n; the precision at k = that
    # many leads (R-precision) is the figure grouping does not cap
    n_true = int(has.sum())
    out["true_leads"] = n_true
    out["precision@n_ceiling"] = min(1.0, n_true / n_hidden) if n_hidden else None
    out["precision@true_leads"] = int(has[1:n_true + 1].sum()) / n_true if n_true else None
    # average precision over the findable hidden deaths
    if n_hidden:
        new = np.zeros(n_leads + 1, dtype=np.int64)
        np.add.at(new, first["pos"].to_numpy(), 1)
        cum = np.cumsum(has)
        ks = np.arange(n_leads + 1)
        prec = np.divide(cum, ks, out=np.zeros(n_leads + 1), where=ks > 0)
        out["average_precision"] = float((prec * new).sum() / n_hidden)
    else:
        out["average_precision"] = None
    # concealed incidents
    ip = truth["incident_person"].join(truth["incidents"].select(
        "incident_id", "kind", "accident_record_id"), on="incident_id")
    conc = ip.filter(pl.col("kind") == "concealed")
    n_conc = int(conc["incident_id"].n_unique())
    conc_find = conc.join(traced, on="person_id", how="semi")
    cut = 5 * max(n_conc, 1)
    hits = evp.join(conc.select("incident_id", "person_id"), on="person_id")
    found_conc = set(hits.filter(pl.col("pos") <= cut)["incident_id"].to_list())
    n_conc_find = int(conc_find["incident_id"].n_unique())
    out["n_concealed"] = n_conc
    out["n_concealed_findable"] = n_conc_find
    out["concealed_recall"] = len(found_conc) / n_conc_find if n_conc_find else None
    # ... and at any rank (what a reviewer working down the whole list would reach)
    found_any = set(hits["incident_id"].to_list())
    out["concealed_recall_all"] = len(found_any) / n_conc_find if n_conc_find else None
    # under-reported accidents
    under = truth["incidents"].filter(pl.col("kind") == "under_reported")
    n_under = under.height
    unrep = ip.filter((pl.col("kind") == "under_reported")
                      & (pl.col("reported_outcome").is_null()
                         | (pl.col("reported_outcome") != pl.col("outcome"))))
    named = order.filter(pl.col("lead_type") == "under_reported_accident").join(
        under.select("incident_id", pl.col("accident_record_id").alias("accident_id")),
        on="accident_id")
    held = evp.join(unrep.select("incident_id", "person_id"), on="person_id")
    cut_u = 5 * max(n_under, 1)
    found_all = set(named["incident_id"].to_list()) | set(held["incident_id"].to_list())
    found_top = (set(named.filter(pl.col("pos") <= cut_u)["incident_id"].to_list())
                 | set(held.filter(pl.col("pos") <= cut_u)["incident_id"].to_list()))
    out["n_under_reported"] = n_under
    out["under_reported_recall"] = len(found_all) / n_under if n_under else None
    out["under_reported_recall@5n"] = len(found_top) / n_under if n_under else None
    out["under_reported_named"] = (named["incident_id"].n_unique() / n_under) if n_under else None
    # false leads among the top n: only natural / non-occupational deaths
    neg = truth["deaths"].filter(pl.col("death_class").is_in(["natural", "non_occupational"]))
    top = evp.filter(pl.col("pos") <= n_hidden).with_columns(
        pl.col("person_id").is_in(neg["person_id"].implode()).alias("neg"))
    per = top.group_by("lead_id").agg(pl.col("neg").all())
    out["false_leads@n"] = int(per["neg"].sum())
    out["false_lead_share@n"] = (out["false_leads@n"] / min(n_hidden, n_leads)
                                 if min(n_hidden, n_leads) else 0.0)
    sizes = evp.group_by("lead_id").agg(pl.col("person_id").n_unique().alias("n"))
    out["max_true_persons_per_lead"] = int(cast("int | None", sizes["n"].max()) or 0) if sizes.height else 0
    # calibration of the written scores against the label the shipped scorer is fitted to: a lead
    # is real when it holds a record of a findable hidden death or names an under-reported accident
    real = has.copy()
    real[named["pos"].to_numpy()] = 1
    scores = order["score"].to_numpy()
    out["calibration"] = (score_calibration(scores, real[1:])
                          if n_leads and not np.isnan(scores.astype(float)).any() else None)
    return out


def score_calibration(p: np.ndarray, y: np.ndarray, bins: int = 10) -> dict[str, Any]:
    """Brier score and a reliability table (equal-width score bands: leads, mean score, share
    real) of scores ``p`` against 0/1 outcomes ``y``, as the scorer's own calibration report
    (:func:`pipelines.detection.scorer.calibration_report`) computes them."""
    from pipelines.detection.scorer import calibration_report

    rep = calibration_report(p, y, bins)
    return {"leads": rep["n"], "real": rep["positives"], "mean_score": float(np.mean(p)),
            "share_real": float(np.mean(y)), "brier": rep["brier"],
            "reliability": [{"bin": r["bin"], "leads": r["leads"], "mean_score": r["mean_predicted"],
                             "observed": r["observed"]} for r in rep["reliability"]]}


def evaluate_run(truth_dir: str | Path, run_dir: str | Path) -> dict[str, Any]:
    """All scores of one run folder against ``truth_dir`` (a ``truth/`` folder)."""
    truth = load_truth(truth_dir)
    run = Path(run_dir)
    if not run.is_dir():
        raise UsageError(f"run folder {run} does not exist", hint="pass the --out folder of a run")
    out: dict[str, Any] = {"truth": str(truth_dir), "run": str(run)}
    links_p = run / "links.parquet"
    out["linkage"] = linkage_scores(truth, pl.read_parquet(links_p)) if links_p.is_file() else None
    leads = _read(run / "leads.parquet", "leads.parquet")
    evidence = _read(run / "lead_evidence.parquet", "lead_evidence.parquet")
    out["leads"] = lead_scores(truth, leads, evidence)
    return out


def build_oracle_run(truth_dir: str | Path, run_dir: str | Path) -> Path:
    """Write ``links``, ``leads`` and ``lead_evidence`` as a perfect system would."""
    truth = load_truth(truth_dir)
    run = Path(run_dir)
    run.mkdir(parents=True, exist_ok=True)
    rp = truth["record_person"]
    rp.select(*_KEY, pl.col("person_id").alias("person_key"),
              pl.lit(1.0).alias("match_probability")).write_parquet(run / "links.parquet")
    hidden = hidden_deaths(truth).join(traced_persons(rp), on="person_id", how="semi")
    inc = truth["incidents"]
    leads = hidden.join(inc.select("incident_id", "accident_record_id"), on="incident_id").with_columns(
        pl.format("L-{}", pl.col("person_id")).alias("lead_id"),
        pl.when(pl.col("kind") == "under_reported").then(pl.lit("under_reported_accident"))
        .otherwise(pl.lit("unreported_death")).alias("lead_type"),
        pl.when(pl.col("kind") == "under_reported").then(pl.col("accident_record_id"))
        .otherwise(None).alias("accident_id"),
    ).sort("person_id").with_row_index("rank", offset=1).with_columns(
        pl.col("rank").cast(pl.Int64),
        (1.0 - pl.col("rank") / (pl.len() + 1)).alias("score"),
        pl.lit(1).cast(pl.Int64).alias("persons"))
    leads.select("lead_id", "rank", "score", "lead_type", "accident_id", "persons").write_parquet(
        run / "leads.parquet")
    leads.select("lead_id", "person_id").join(rp, on="person_id").select(
        "lead_id", "source", "record_id", pl.col("person_id").alias("person_key"),
        pl.lit(1.0).alias("match_probability")).sort("lead_id", "source", "record_id").write_parquet(
        run / "lead_evidence.parquet")
    return run


def _fmt(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        return "nan" if math.isnan(v) else f"{v:.3f}"
    return str(v)


def format_table(result: dict[str, Any]) -> str:
    """The scores as a human-readable table."""
    lines = [f"run   {result['run']}", f"truth {result['truth']}", ""]
    lk = result.get("linkage")
    if lk:
        lines.append("linkage (pairwise)")
        for k in ("records", "records_unlinked", "true_persons", "predicted_persons", "true_pairs",
                  "predicted_pairs", "pair_precision", "pair_recall", "pair_f1"):
            lines.append(f"  {k:<28}{_fmt(lk[k]):>12}")
        errs = lk.get("by_source_pair") or []
        if errs:
            lines += ["", "  errors by pair of sources (false: joined but two persons; missed: one person, not joined)",
                      f"  {'sources':<36}{'true':>10}{'false':>9}{'missed':>9}{'precision':>11}{'recall':>9}"]
            lines += [f"  {r['source'] + ' · ' + r['source_r']:<36}{r['true_pairs']:>10,}{r['false_pairs']:>9,}"
                      f"{r['missed_pairs']:>9,}{_fmt(r['precision']):>11}{_fmt(r['recall']):>9}" for r in errs]
        lines.append("")
    else:
        lines += ["linkage: no links.parquet in the run", ""]
    ld = result["leads"]
    lines.append("leads")
    for k, v in ld.items():
        if k == "calibration":
            continue
        if k == "leads_by_type":
            v = ", ".join(f"{a} {b}" for a, b in v.items()) or "—"
            lines.append(f"  {k:<28}{v}")
            continue
        lines.append(f"  {k:<28}{_fmt(v):>12}")
    cal = ld.get("calibration")
    if cal:
        lines += ["", "calibration of the written scores (real: holds a hidden death or names an under-reported "
                      "accident)",
                  f"  {'leads / real':<28}{cal['leads']:>7,} / {cal['real']:,}",
                  f"  {'mean score / share real':<28}{cal['mean_score']:>12.4f} / {cal['share_real']:.4f}",
                  f"  {'brier':<28}{cal['brier']:>12.5f}",
                  f"  {'score band':<12}{'leads':>9}{'mean score':>12}{'share real':>12}"]
        lines += [f"  {r['bin']:<12}{r['leads']:>9,}{r['mean_score']:>12.4f}{r['observed']:>12.4f}"
                  for r in cal["reliability"]]
    return "\n".join(lines)
