"""Scoring detection output against generated truth (for training, tuning and benchmarks).

The project's evaluator is ``synthetic_data.evaluate.evaluate_run``; this module computes the
detection figures the same way directly from frames, so the scorer can be tuned without
writing run folders: hidden-death recall@K (K = n, 2n, 5n over leads by rank),
precision@n with its ceiling (leads holding a hidden death / n: grouping victims into one lead
caps it) and the precision at k = that number of leads, concealed-incident recall (a lead in the top 5·n_incidents holds a victim's
record), under-reported-accident recall (a lead names the accident or holds an unreported
victim), false leads in the top n holding only natural / non-occupational deaths, and the
largest number of true persons in one lead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import polars as pl


def evaluate_detection(leads: pl.DataFrame, evidence: pl.DataFrame, truth_dir: str | Path) -> dict[str, Any]:
    t = Path(truth_dir)
    rp = pl.read_parquet(t / "record_person.parquet").select(
        pl.col("source").cast(pl.String), pl.col("record_id").cast(pl.String), pl.col("person_id").cast(pl.String))
    inc = pl.read_parquet(t / "incidents.parquet")
    ip = pl.read_parquet(t / "incident_person.parquet").with_columns(pl.col("person_id").cast(pl.String)) \
        .join(inc.select("incident_id", "kind", "accident_record_id"), on="incident_id")
    deaths = pl.read_parquet(t / "deaths.parquet").with_columns(pl.col("person_id").cast(pl.String))
    hidden = ip.filter(pl.col("kind").is_in(["concealed", "under_reported"]) & (pl.col("outcome") == "death")
                       & (pl.col("reported_outcome").fill_null("") != "death")).select("person_id").unique()
    n_hidden = hidden.height
    ranks = leads.select("lead_id", "rank")
    ev = evidence.select("lead_id", "source", "record_id").join(rp, on=["source", "record_id"], how="left") \
        .join(ranks, on="lead_id")
    # best rank at which each hidden person is found
    found = ev.join(hidden, on="person_id").group_by("person_id").agg(pl.col("rank").min())
    out: dict[str, Any] = {"n_hidden": n_hidden, "leads": leads.height}
    for k, name in ((1, "n"), (2, "2n"), (5, "5n")):
        out[f"hidden_recall@{name}"] = (found.filter(pl.col("rank") <= k * n_hidden).height / n_hidden
                                        if n_hidden else None)
    lead_hidden = ev.join(hidden.with_columns(pl.lit(True).alias("h")), on="person_id", how="left") \
        .group_by("lead_id", "rank").agg(pl.col("h").any().fill_null(False))
    top = lead_hidden.filter(pl.col("rank") <= n_hidden)
    out["precision@n"] = top["h"].sum() / n_hidden if n_hidden else None
    # leads group victims (one incident = one lead), so fewer than n leads can hold the n hidden
    # deaths: precision@n cannot exceed (leads holding a hidden death) / n. Also the precision at
    # k = that number of leads, the figure grouping does not cap.
    n_true = int(lead_hidden["h"].sum())
    out["true_leads"] = n_true
    out["precision@n_ceiling"] = min(1.0, n_true / n_hidden) if n_hidden else None
    out["precision@true_leads"] = (lead_hidden.filter(pl.col("rank") <= n_true)["h"].sum() / n_true
                                   if n_true else None)
    # false leads in the top n: only records of natural / non-occupational deaths
    cls = ev.join(deaths.select("person_id", "death_class"), on="person_id", how="left").filter(
        pl.col("rank") <= n_hidden).group_by("lead_id").agg(
        pl.col("death_class").is_in(["natural", "non_occupational"]).fill_null(False).all().alias("neg"))
    out["false_negative_class_leads@n"] = int(cls["neg"].sum())
    # concealed incidents
    conc = ip.filter(pl.col("kind") == "concealed")
    n_conc = conc["incident_id"].n_unique()
    hit = ev.filter(pl.col("rank") <= 5 * max(n_conc, 1)).join(conc.select("incident_id", "person_id"),
                                                               on="person_id")
    out["n_concealed"] = n_conc
    out["concealed_recall"] = hit["incident_id"].n_unique() / n_conc if n_conc else None
    out["concealed_missed"] = sorted(set(conc["incident_id"].unique()) - set(hit["incident_id"].unique()))
    # under-reported accidents
    under = inc.filter(pl.col("kind") == "under_reported")
    n_under = under.height
    named = leads.filter(pl.col("lead_type") == "under_reported_accident").select(
        pl.col("accident_id").cast(pl.String)).join(
        under.select("incident_id", pl.col("accident_record_id").cast(pl.String).alias("accident_id")),
        on="accident_id")
    unrep = ip.filter((pl.col("kind") == "under_reported")
                      & (pl.col("reported_outcome").is_null() | (pl.col("reported_outcome") != pl.col("outcome"))))
    held = ev.join(unrep.select("incident_id", "person_id"), on="person_id")
    found_under = set(named["incident_id"]) | set(held["incident_id"])
    out["n_under_reported"] = n_under
    out["under_reported_recall"] = len(found_under) / n_under if n_under else None
    out["under_reported_named"] = named["incident_id"].n_unique() / n_under if n_under else None
    out["under_reported_missed"] = sorted(set(under["incident_id"]) - found_under)
    sizes = ev.filter(pl.col("person_id").is_not_null()).group_by("lead_id").agg(pl.col("person_id").n_unique())
    out["max_true_persons_per_lead"] = int(cast("int | None", sizes["person_id"].max()) or 0)  # n_unique: UInt32
    missed = hidden.join(found.filter(pl.col("rank") <= 2 * n_hidden), on="person_id", how="anti")
    out["hidden_missed@2n"] = missed.height
    return out
