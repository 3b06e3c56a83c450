"""What changed between two runs: new / persisting / changed / reopened / gone leads.

Pure functions on polars frames, so the rules are testable on small hand-made frames:

- ``new``: the ``lead_id`` was not raised by the previous complete run (and was never
  decided a false lead);
- ``persisting``: same ``lead_id``, same evidence (the set of ``(source, record_id)``), and
  a score within ``score_tolerance`` of the previous one;
- ``changed``: same ``lead_id``, different evidence or a score that moved more than the
  tolerance;
- ``gone``: raised by the previous run, not by this one (its evidence was withdrawn or no
  longer supports a lead);
- a lead investigators decided is a ``false_lead`` is *suppressed* (not raised again)
  unless it now has evidence it did not have at the decision; it is then ``reopened``
  and the new records are marked ``is_new``.

``is_new`` on evidence: the record did not support this lead in the previous run (for a
reopened lead: at the decision). Every record of a new lead is new.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import polars as pl

SCORE_TOLERANCE = 0.01
_EMPTY_EVIDENCE = {"lead_id": pl.String, "source": pl.String, "record_id": pl.String}


@dataclass
class PreviousState:
    """What the store knew before this run.

    ``leads``: ``lead_id``, ``score``, ``evidence_hash`` of the previous complete run;
    ``evidence``: ``lead_id``, ``source``, ``record_id`` of that run;
    ``closed``: ``lead_id`` of leads whose current status is ``false_lead``;
    ``decided_evidence``: ``lead_id``, ``source``, ``record_id`` supporting each closed lead
    when it was decided.
    """

    run_id: str | None = None
    leads: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(
        schema={"lead_id": pl.String, "score": pl.Float64, "evidence_hash": pl.String}))
    evidence: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=_EMPTY_EVIDENCE))
    closed: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema={"lead_id": pl.String}))
    decided_evidence: pl.DataFrame = field(
        default_factory=lambda: pl.DataFrame(schema=_EMPTY_EVIDENCE))


@dataclass
class Classified:
    """Leads and evidence of this run with ``change`` / ``evidence_hash`` / ``is_new`` added,
    suppressed leads removed and ranks closed up; the ids of gone, suppressed and reopened
    leads; counts for ``runs.changes`` and ``run.json``."""

    leads: pl.DataFrame
    evidence: pl.DataFrame
    signals: pl.DataFrame
    gone: list[str]
    suppressed: list[str]
    reopened: list[str]

    @property
    def counts(self) -> dict[str, int]:
        c = {k: 0 for k in ("new", "persisting", "changed", "reopened")}
        for k, n in self.leads.group_by("change").len().iter_rows():
            c[k] = n
        c["gone"] = len(self.gone)
        c["suppressed"] = len(self.suppressed)
        return c


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def evidence_hashes(evidence: pl.DataFrame) -> pl.DataFrame:
    """``lead_id``, ``evidence_hash``: sha256 of the lead's sorted ``source/record_id`` set."""
    if evidence.height == 0:
        return pl.DataFrame(schema={"lead_id": pl.String, "evidence_hash": pl.String})
    keyed = (
        evidence.select("lead_id", (pl.col("source") + "\x1f" + pl.col("record_id")).alias("k"))
        .unique()
        .sort("lead_id", "k")
        .group_by("lead_id", maintain_order=True)
        .agg(pl.col("k").str.join("\n"))
    )
    return keyed.select(
        "lead_id",
        pl.col("k").map_elements(_sha, return_dtype=pl.String).alias("evidence_hash"),
    )


def classify(
    leads: pl.DataFrame,
    evidence: pl.DataFrame,
    previous: PreviousState,
    *,
    signals: pl.DataFrame | None = None,
    score_tolerance: float = SCORE_TOLERANCE,
) -> Classified:
    """Classify this run's leads against ``previous`` (see the module docstring)."""
    ev = evidence.with_columns(pl.col("lead_id").cast(pl.String), pl.col("source").cast(pl.String),
                               pl.col("record_id").cast(pl.String))
    hashes = evidence_hashes(ev)
    cur = leads.drop([c for c in ("change", "evidence_hash") if c in leads.columns]).join(
        hashes, on="lead_id", how="left"
    ).with_columns(pl.col("evidence_hash").fill_null(_sha("")))

    # closed (false_lead) leads: reopen when a record not seen at the decision supports them
    closed_ids = previous.closed.get_column("lead_id").cast(pl.String).unique()
    ev_closed = ev.filter(pl.col("lead_id").is_in(closed_ids.implode()))
    fresh_closed = ev_closed.join(previous.decided_evidence.select("lead_id", "source", "record_id"),
                                  on=["lead_id", "source", "record_id"], how="anti")
    reopened = sorted(set(fresh_closed.get_column("lead_id").to_list()))
    suppressed = sorted(set(cur.filter(pl.col("lead_id").is_in(closed_ids.implode()))
                            .get_column("lead_id").to_list()) - set(reopened))

    prev = previous.leads.select(
        "lead_id", pl.col("score").alias("_prev_score"), pl.col("evidence_hash").alias("_prev_hash"))
    cur = cur.filter(~pl.col("lead_id").is_in(pl.Series(suppressed, dtype=pl.String).implode()))
    cur = cur.join(prev, on="lead_id", how="left").with_columns(
        pl.when(pl.col("lead_id").is_in(pl.Series(reopened, dtype=pl.String).implode()))
        .then(pl.lit("reopened"))
        .when(pl.col("_prev_hash").is_null())
        .then(pl.lit("new"))
        .when((pl.col("_prev_hash") != pl.col("evidence_hash"))
              | ((pl.col("score") - pl.col("_prev_score")).abs() > score_tolerance))
        .then(pl.lit("changed"))
        .otherwise(pl.lit("persisting"))
        .alias("change")
    ).drop("_prev_score", "_prev_hash")
    if "rank" in cur.columns:
        cur = cur.sort("rank").with_columns(pl.int_range(1, pl.len() + 1, dtype=pl.Int64).alias("rank"))

    kept = cur.select("lead_id", "change")
    ev = ev.join(kept, on="lead_id", how="inner")
    before = pl.concat([
        previous.evidence.select("lead_id", "source", "record_id").join(
            kept.filter(pl.col("change") != "reopened").select("lead_id"), on="lead_id"),
        previous.decided_evidence.select("lead_id", "source", "record_id").join(
            kept.filter(pl.col("change") == "reopened").select("lead_id"), on="lead_id"),
    ]).unique().with_columns(pl.lit(False).alias("_seen_is_new"))
    ev = (
        ev.drop([c for c in ("is_new",) if c in ev.columns])
        .join(before, on=["lead_id", "source", "record_id"], how="left")
        .with_columns(pl.col("_seen_is_new").fill_null(True).alias("is_new"))
        .drop("_seen_is_new", "change")
    )
    ev = ev.select([c for c in evidence.columns if c != "is_new"] + ["is_new"])

    gone = sorted(set(previous.leads.get_column("lead_id").to_list())
                  - set(leads.get_column("lead_id").to_list()))
    sig = signals
    if sig is not None:
        sig = sig.filter(~pl.col("lead_id").is_in(pl.Series(suppressed, dtype=pl.String).implode()))
    else:
        sig = pl.DataFrame(schema={"lead_id": pl.String})
    return Classified(cur, ev, sig, gone, suppressed, reopened)
