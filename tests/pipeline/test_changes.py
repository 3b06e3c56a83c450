"""Between-runs classification on hand-made frames: new / persisting / changed / gone,
false leads kept closed until new evidence arrives, is_new marks, closed-up ranks."""

from __future__ import annotations

import polars as pl

from pipelines.store import PreviousState, classify, evidence_hashes


def _leads(rows: list[tuple[str, int, float]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema={"lead_id": pl.String, "rank": pl.Int64, "score": pl.Float64},
                        orient="row")


def _ev(rows: list[tuple[str, str, str]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema={"lead_id": pl.String, "source": pl.String,
                                      "record_id": pl.String}, orient="row")


def _prev(leads: pl.DataFrame, ev: pl.DataFrame, closed: list[str] = (),
          decided: pl.DataFrame | None = None) -> PreviousState:
    hashed = leads.select("lead_id", "score").join(evidence_hashes(ev), on="lead_id", how="left")
    return PreviousState(
        run_id="r0", leads=hashed, evidence=ev,
        closed=pl.DataFrame({"lead_id": list(closed)}, schema={"lead_id": pl.String}),
        decided_evidence=decided if decided is not None else _ev([]))


def test_first_run_everything_new() -> None:
    c = classify(_leads([("A", 1, 0.9), ("B", 2, 0.4)]),
                 _ev([("A", "cremations", "c1"), ("B", "deregistrations", "d1")]), PreviousState())
    assert c.leads["change"].to_list() == ["new", "new"]
    assert c.evidence["is_new"].to_list() == [True, True]
    assert c.counts == {"new": 2, "persisting": 0, "changed": 0, "reopened": 0, "gone": 0,
                        "suppressed": 0}


def test_new_persisting_changed_gone() -> None:
    ev0 = _ev([("A", "cremations", "c1"), ("B", "cremations", "c2"), ("C", "cremations", "c3"),
               ("D", "cremations", "c4")])
    prev = _prev(_leads([("A", 1, 0.9), ("B", 2, 0.8), ("C", 3, 0.7), ("D", 4, 0.6)]), ev0)
    # A same; B score moved a lot; C gains a record; D gone; E new
    ev1 = _ev([("A", "cremations", "c1"), ("B", "cremations", "c2"), ("C", "cremations", "c3"),
               ("C", "medical_records", "m3"), ("E", "cremations", "c5")])
    c = classify(_leads([("A", 1, 0.9 + 1e-9), ("B", 2, 0.5), ("C", 3, 0.7), ("E", 4, 0.3)]),
                 ev1, prev)
    assert dict(zip(c.leads["lead_id"], c.leads["change"], strict=True)) == {
        "A": "persisting", "B": "changed", "C": "changed", "E": "new"}
    assert c.gone == ["D"]
    new = {(r["lead_id"], r["record_id"]): r["is_new"] for r in c.evidence.to_dicts()}
    assert new == {("A", "c1"): False, ("B", "c2"): False, ("C", "c3"): False,
                   ("C", "m3"): True, ("E", "c5"): True}


def test_withdrawn_evidence_changes_the_hash() -> None:
    ev0 = _ev([("A", "cremations", "c1"), ("A", "injury_claims", "i1")])
    prev = _prev(_leads([("A", 1, 0.9)]), ev0)
    c = classify(_leads([("A", 1, 0.9)]), _ev([("A", "cremations", "c1")]), prev)
    assert c.leads["change"].to_list() == ["changed"]
    assert c.evidence["is_new"].to_list() == [False]


def test_false_lead_stays_closed_until_new_evidence() -> None:
    ev0 = _ev([("A", "cremations", "c1"), ("B", "cremations", "c2"), ("C", "cremations", "c3")])
    prev = _prev(_leads([("A", 1, 0.9), ("B", 2, 0.8), ("C", 3, 0.7)]), ev0, closed=["A"],
                 decided=_ev([("A", "cremations", "c1")]))
    # same evidence (and a withdrawn-then-equal set): A suppressed, the others re-ranked
    c = classify(_leads([("A", 1, 0.95), ("B", 2, 0.8), ("C", 3, 0.7)]), ev0, prev)
    assert c.suppressed == ["A"] and c.reopened == []
    assert c.leads["lead_id"].to_list() == ["B", "C"] and c.leads["rank"].to_list() == [1, 2]
    assert "A" not in c.evidence["lead_id"].to_list()
    assert c.gone == []           # suppressed is not gone
    # a new record arrives for A: re-opened, the new record marked, the old one not
    ev2 = ev0.vstack(_ev([("A", "injury_claims", "i1")]))
    prev2 = _prev(_leads([("B", 1, 0.8), ("C", 2, 0.7)]), ev0.filter(pl.col("lead_id") != "A"),
                  closed=["A"], decided=_ev([("A", "cremations", "c1")]))
    c2 = classify(_leads([("A", 1, 0.95), ("B", 2, 0.8), ("C", 3, 0.7)]), ev2, prev2)
    assert c2.reopened == ["A"] and c2.suppressed == []
    assert c2.leads.filter(pl.col("lead_id") == "A")["change"].to_list() == ["reopened"]
    marks = {r["record_id"]: r["is_new"] for r in c2.evidence.filter(pl.col("lead_id") == "A")
             .to_dicts()}
    assert marks == {"c1": False, "i1": True}
    assert c2.counts["reopened"] == 1


def test_closed_lead_losing_evidence_stays_closed() -> None:
    ev0 = _ev([("A", "cremations", "c1"), ("A", "injury_claims", "i1")])
    prev = _prev(_leads([("A", 1, 0.9)]), ev0, closed=["A"], decided=ev0)
    c = classify(_leads([("A", 1, 0.9)]), _ev([("A", "cremations", "c1")]), prev)
    assert c.suppressed == ["A"] and c.leads.height == 0


def test_signals_of_suppressed_leads_dropped() -> None:
    ev0 = _ev([("A", "cremations", "c1"), ("B", "cremations", "c2")])
    prev = _prev(_leads([("A", 1, 0.9), ("B", 2, 0.8)]), ev0, closed=["A"], decided=ev0)
    sig = pl.DataFrame({"lead_id": ["A", "B"], "signal": ["x", "y"]})
    c = classify(_leads([("A", 1, 0.9), ("B", 2, 0.8)]), ev0, prev, signals=sig)
    assert c.signals["lead_id"].to_list() == ["B"]


def test_evidence_hash_ignores_order_and_duplicates() -> None:
    a = evidence_hashes(_ev([("A", "s", "1"), ("A", "s", "2")]))
    b = evidence_hashes(_ev([("A", "s", "2"), ("A", "s", "1"), ("A", "s", "1")]))
    assert a["evidence_hash"].to_list() == b["evidence_hash"].to_list()
    c = evidence_hashes(_ev([("A", "s", "1")]))
    assert a["evidence_hash"].to_list() != c["evidence_hash"].to_list()
