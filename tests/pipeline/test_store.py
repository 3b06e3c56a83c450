"""The run store on SQLite and PostgreSQL: runs, leads, statuses, labels, audit, migrations."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import polars as pl
import pytest
from sqlalchemy import text

from pipelines.store import PreviousState, Store, StoreError, classify, current_revision, open_store
from pipelines.store.models import Base


def _leads(ids: list[str], scores: list[float]) -> pl.DataFrame:
    n = len(ids)
    return pl.DataFrame({
        "lead_id": ids, "rank": list(range(1, n + 1)), "score": scores,
        "lead_type": ["unreported_death"] * n, "accident_id": [None] * n,
        "reported_deaths": [None] * n, "evidenced_deaths": [1] * n,
        "reported_grade": [None] * n, "evidenced_grade": [None] * n, "persons": [1] * n,
        "employer_name": ["某某煤业有限公司"] * n, "employer_uscc": [None] * n,
        "event_date": [datetime(2024, 3, 1).date()] * n, "region_code": ["140105"] * n,
        "reasons_zh": ["原因"] * n, "reasons_en": ["reason"] * n,
    }, schema_overrides={"accident_id": pl.String, "reported_deaths": pl.Int64,
                         "reported_grade": pl.String, "evidenced_grade": pl.String,
                         "employer_uscc": pl.String})


def _evidence(pairs: list[tuple[str, str, str]]) -> pl.DataFrame:
    return pl.DataFrame(
        {"lead_id": [p[0] for p in pairs], "source": [p[1] for p in pairs],
         "record_id": [p[2] for p in pairs], "person_key": [f"p-{p[0]}" for p in pairs],
         "match_probability": [0.9] * len(pairs)})


def _signals(ids: list[str]) -> pl.DataFrame:
    return pl.DataFrame({"lead_id": ids, "signal": ["injury_dx"] * len(ids),
                         "value": ["S06.5"] * len(ids), "contribution": [1.5] * len(ids),
                         "text_zh": ["伤"] * len(ids), "text_en": ["injury"] * len(ids)})


def _do_run(store: Store, run_id: str, started: str, leads: pl.DataFrame, ev: pl.DataFrame,
            tmp: Path) -> dict[str, int]:
    prev = store.previous_state()
    c = classify(leads, ev, prev, signals=_signals(leads["lead_id"].to_list()))
    manifest = {"run_id": run_id, "started_at": started, "code_version": "test",
                "parameters": {"seed": 0},
                "inputs": {"cremations": {"file": "cremations.csv", "sha256": "ab" * 32,
                                          "read": 10, "accepted": 9, "quarantined": 1}}}
    records = ev.select("source", "record_id", pl.lit("张三").alias("name"),
                        pl.lit(None, dtype=pl.String).alias("id_number")).unique()
    store.record_run(manifest, input_dir=str(tmp / "in"), out_dir=str(tmp / run_id),
                     leads=c.leads, lead_evidence=c.evidence, lead_signals=c.signals,
                     evidence_records=records, previous_run_id=prev.run_id, changes=c.counts)
    store.complete_run(run_id, reopened=c.reopened)
    return c.counts


def test_runs_leads_status_and_labels(store_url: str, tmp_path: Path) -> None:
    store = open_store(store_url)
    assert store.latest_run() is None
    ev1 = _evidence([("L1", "cremations", "c1"), ("L1", "deregistrations", "d1"),
                     ("L2", "cremations", "c2"), ("L3", "cremations", "c3")])
    counts = _do_run(store, "r1", "2024-04-01T10:00:00+08:00", _leads(["L1", "L2", "L3"],
                                                                     [0.9, 0.8, 0.7]), ev1, tmp_path)
    assert counts == {"new": 3, "persisting": 0, "changed": 0, "reopened": 0, "gone": 0,
                      "suppressed": 0}
    latest = store.latest_run()
    assert latest is not None and latest.run_id == "r1" and latest.status == "complete"
    assert latest.inputs["cremations"]["quarantined"] == 1
    assert store.get_run(str(tmp_path / "r1")).run_id == "r1"   # by output folder
    assert store.previous_counts("cremations")["read"] == 10
    assert store.previous_counts("medical_records") is None

    page = store.leads_for_run("r1", {"min_score": 0.75}, page=1, page_size=1)
    assert page.total == 2 and [r["lead_id"] for r in page.rows] == ["L1"]
    assert page.rows[0]["status"] == "new" and page.rows[0]["event_date"] == "2024-03-01"
    detail = store.lead_detail("r1", "L1")
    assert detail is not None and len(detail["evidence"]) == 2
    assert detail["evidence"][0]["fields"]["name"] == "张三"
    assert "id_number" not in detail["evidence"][0]["fields"]
    assert detail["signals"][0]["signal"] == "injury_dx"

    store.set_status("L1", "in_review", "alice", "looking")
    store.set_status("L1", "confirmed_concealment", "bob")
    store.set_status("L2", "false_lead", "bob", "natural death")
    store.decide_evidence("L1", "cremations", "c1", "p-L1", False, "alice", "other person")
    with pytest.raises(StoreError):
        store.set_status("L1", "closed", "bob")
    with pytest.raises(StoreError):
        store.set_status("nope", "new", "bob")
    assert [h["to_status"] for h in store.lead_history("L1")] == ["in_review",
                                                                 "confirmed_concealment"]
    labels = store.labels()
    assert dict(zip(labels.leads["lead_id"], labels.leads["label"], strict=True)) == {"L1": 1,
                                                                                     "L2": 0}
    assert labels.pairs.height == 1 and labels.pairs["belongs"].to_list() == [False]
    assert store.leads_for_run("r1", {"status": "false_lead"}).total == 1
    actions = [a["action"] for a in store.list_audit({"lead_id": "L1"})]
    assert actions == ["status_change", "status_change", "evidence_decision"]


def test_second_run_between_runs_and_false_lead(store_url: str, tmp_path: Path) -> None:
    store = open_store(store_url)
    ev1 = _evidence([("L1", "cremations", "c1"), ("L2", "cremations", "c2"),
                     ("L3", "cremations", "c3"), ("L4", "cremations", "c4")])
    _do_run(store, "r1", "2024-04-01T10:00:00", _leads(["L1", "L2", "L3", "L4"],
                                                      [0.9, 0.8, 0.7, 0.6]), ev1, tmp_path)
    store.set_status("L4", "false_lead", "bob")
    # run 2: L1 same, L2 gains evidence, L3 gone, L4 (false lead) unchanged → suppressed, L5 new
    ev2 = _evidence([("L1", "cremations", "c1"), ("L2", "cremations", "c2"),
                     ("L2", "injury_claims", "i2"), ("L4", "cremations", "c4"),
                     ("L5", "cremations", "c5")])
    counts = _do_run(store, "r2", "2024-05-01T10:00:00",
                     _leads(["L1", "L2", "L4", "L5"], [0.9, 0.8, 0.6, 0.5]), ev2, tmp_path)
    assert counts == {"new": 1, "persisting": 1, "changed": 1, "reopened": 0, "gone": 1,
                      "suppressed": 1}
    rows = {r["lead_id"]: r for r in store.leads_for_run("r2").rows}
    assert set(rows) == {"L1", "L2", "L5"} and rows["L5"]["rank"] == 3
    ev_l2 = {e["record_id"]: e["is_new"] for e in store.lead_detail("r2", "L2")["evidence"]}
    assert ev_l2 == {"c2": False, "i2": True}
    # run 3: L4 gets a new record → reopened, the new record marked
    ev3 = ev2.vstack(_evidence([("L4", "medical_records", "m4")]))
    counts = _do_run(store, "r3", "2024-06-01T10:00:00",
                     _leads(["L1", "L2", "L4", "L5"], [0.9, 0.8, 0.6, 0.5]), ev3, tmp_path)
    assert counts["reopened"] == 1 and counts["suppressed"] == 0
    ev_l4 = {e["record_id"]: e["is_new"] for e in store.lead_detail("r3", "L4")["evidence"]}
    assert ev_l4 == {"c4": False, "m4": True}
    assert store.lead_state("L4")["status"] == "new"
    assert store.lead_history("L4")[-1]["actor"] == "crosscheck"
    diff = store.diff_runs("r1", "r2")
    assert (diff["new_ids"], diff["gone_ids"]) == (["L5"], ["L3", "L4"])
    assert diff["changed_ids"] == ["L2"] and diff["persisting_ids"] == ["L1"]
    assert [r.run_id for r in store.list_runs()] == ["r3", "r2", "r1"]


def test_audit_log_is_append_only(store_url: str) -> None:
    store = open_store(store_url)
    eid = store.append_audit("alice", "login", details={"ip": "127.0.0.1"})
    for stmt in ("UPDATE audit_log SET actor = 'mallory'", "DELETE FROM audit_log"):
        with pytest.raises(Exception, match="append-only"), store.engine.begin() as conn:
            conn.execute(text(stmt))
    entries = store.list_audit({"actor": "alice"})
    assert [(e["id"], e["actor"], e["details"]) for e in entries] == [
        (eid, "alice", {"ip": "127.0.0.1"})]


def test_users(store_url: str) -> None:
    store = open_store(store_url)
    store.add_user("alice", "investigator", "h1", actor="admin")
    with pytest.raises(StoreError):
        store.add_user("alice", "admin", "h2", actor="admin")
    with pytest.raises(StoreError):
        store.add_user("bob", "king", "h2", actor="admin")
    store.update_user("alice", failed_logins=3, active=False)
    u = store.get_user("alice")
    assert u is not None and u["failed_logins"] == 3 and u["active"] is False
    assert store.get_user("nobody") is None


def test_failed_run_is_not_previous(store_url: str, tmp_path: Path) -> None:
    store = open_store(store_url)
    ev = _evidence([("L1", "cremations", "c1")])
    c = classify(_leads(["L1"], [0.5]), ev, PreviousState())
    store.record_run({"run_id": "dead", "started_at": "2024-01-01T00:00:00"}, input_dir="i",
                     out_dir="o", leads=c.leads, lead_evidence=c.evidence,
                     lead_signals=_signals(["L1"]))
    assert store.latest_run() is None and store.get_run("dead").status == "finishing"
    assert store.fail_stale_runs() == ["dead"]
    assert store.get_run("dead").status == "failed"
    assert store.previous_state().run_id is None
    store.delete_run("dead")
    assert store.get_run("dead") is None


def test_revision_1_store_upgrades_without_loss(store_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    store = open_store(store_url, upgrade=False)
    from pipelines.store.store import migrate

    migrate(store.engine, "0001")
    assert current_revision(store.engine) == "0001"
    with store.engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO runs (run_id, started_at, status, input_dir, out_dir, code_version, "
            "parameters, manifest) VALUES ('old', '2024-01-01 00:00:00', 'complete', 'i', 'o', "
            "'v0', '{}', '{\"run_id\": \"old\"}')"))
        conn.execute(text(
            "INSERT INTO audit_log (at, actor, action) VALUES ('2024-01-01 00:00:00', 'a', 'x')"))
    store = open_store(store_url)
    assert current_revision(store.engine) == "0002"
    run = store.get_run("old")
    assert run is not None and run.manifest == {"run_id": "old"} and run.changes is None
    assert [a["actor"] for a in store.list_audit()] == ["a"]
    with store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []


def _open_at_once(url: str, barrier: object) -> str | None:
    barrier.wait()  # type: ignore[attr-defined]
    try:
        open_store(url)
    except Exception as e:
        return f"{type(e).__name__}: {e}"
    return None


def test_runs_opening_one_new_sqlite_store_at_once_all_succeed(tmp_path: Path) -> None:
    """Two analysts' runs (or a script's parallel runs) may create the same new SQLite store at the
    same moment: SQLite has no advisory lock, so both see no schema; the second must not fail with
    'table alembic_version already exists'."""
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    url = f"sqlite:///{tmp_path / 'shared.db'}"
    ctx = mp.get_context("spawn")
    barrier = ctx.Manager().Barrier(4)
    with ProcessPoolExecutor(4, mp_context=ctx) as pool:
        errors = list(pool.map(_open_at_once, [url] * 4, [barrier] * 4))
    assert errors == [None] * 4
    assert current_revision(open_store(url).engine) is not None


def test_opening_a_sqlite_store_waits_for_the_lock_beside_it(tmp_path: Path) -> None:
    """While another process holds ``<db>.lock`` (it is creating the store), opening waits for it
    rather than racing its migration; once the lock is released the store opens migrated."""
    import fcntl
    import multiprocessing as mp

    from sqlalchemy import create_engine

    db = tmp_path / "shared.db"
    url = f"sqlite:///{db}"
    ctx = mp.get_context("spawn")
    with open(tmp_path / "shared.db.lock", "a") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        proc = ctx.Process(target=open_store, args=(url,))
        proc.start()
        proc.join(3)
        assert proc.is_alive(), "open_store did not wait for the lock"
        assert not db.exists() or current_revision(create_engine(url)) is None
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
    proc.join(60)
    assert proc.exitcode == 0
    assert current_revision(open_store(url).engine) is not None
