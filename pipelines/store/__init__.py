"""The run store: every run, its leads and evidence, investigators' decisions, users, audit.

SQLAlchemy 2 over SQLite (default ``sqlite:///crosscheck.db``) or PostgreSQL
(``postgresql://…``). The schema is owned by the Alembic migrations shipped in
``pipelines/store/migrations`` and upgraded to the latest revision whenever a store is
opened (:func:`open_store`). The pipeline, the reports and the review app use the
functions of :class:`Store`, never SQL of their own. Timestamps are naive UTC.

Tables
------
``runs``                run_id PK, started_at, finished_at, status (running / finishing /
                        complete / failed), input_dir, out_dir, code_version, parameters JSON,
                        manifest JSON (= ``run.json``), period, previous_run_id, changes JSON
                        (counts of new / persisting / changed / reopened / gone / suppressed).
``run_inputs``          run_id + source PK, file, sha256, read, accepted, quarantined.
``leads``               run_id + lead_id PK, the contract's lead columns (rank, score,
                        lead_type, accident_id, reported/evidenced deaths and grades, persons,
                        employer_name, employer_uscc, event_date ISO, region_code, reasons_zh,
                        reasons_en), ``change`` (new / persisting / changed / reopened) and
                        ``evidence_hash`` (sha256 of the lead's sorted evidence record keys).
``lead_evidence``       run_id + lead_id + source + record_id PK, person_key,
                        match_probability, is_new (not supporting this lead before).
``lead_signals``        run_id + lead_id + signal PK, value (text), contribution, text_zh,
                        text_en.
``evidence_records``    run_id + source + record_id PK, fields JSON (the record's content).
``lead_state``          lead_id PK, status (new / in_review / confirmed_concealment /
                        confirmed_under_reporting / false_lead / inconclusive), assignee,
                        first_seen_run, last_seen_run, evidence_hash_at_decision, updated_at.
``lead_status_history`` id, lead_id, run_id (the run the decision was made on), from_status,
                        to_status, actor, comment, at.
``evidence_decisions``  id, lead_id, source, record_id, person_key, belongs, actor, comment, at.
``users``               id, username unique, role (investigator / supervisor / auditor / admin),
                        password_hash, active, created_at, failed_logins, locked_until.
``audit_log``           id, at, actor, action, lead_id, run_id, details JSON. Append-only:
                        triggers refuse UPDATE and DELETE (PostgreSQL also TRUNCATE).

How a run is written (so a killed run never leaves a half-written store)
------------------------------------------------------------------------
1. :meth:`Store.previous_state` (read only) → :func:`changes.classify` decides new /
   persisting / changed / reopened / gone / suppressed.
2. The run folder is written to a temporary folder.
3. :meth:`Store.record_run` writes the run (status ``finishing``) with its inputs, leads,
   evidence, signals and evidence records in one transaction; reports may now read it by
   ``get_run(run_id)``.
4. The folder is moved into place; :meth:`Store.complete_run` marks the run ``complete`` and
   updates ``lead_state`` in one transaction. Only complete runs count as "the previous
   run" or :meth:`Store.latest_run`. A run killed between 3 and 4 stays ``finishing`` and is
   marked ``failed`` by the next run (:meth:`Store.fail_stale_runs`).
"""

from __future__ import annotations

from pipelines.store.changes import Classified, PreviousState, classify, evidence_hashes
from pipelines.store.models import LEAD_CHANGES, LEAD_STATUSES, ROLES, RUN_STATUSES, Base
from pipelines.store.store import (
    Labels,
    LeadPage,
    RunInfo,
    Store,
    StoreError,
    current_revision,
    migrate,
    open_store,
    utcnow,
)

__all__ = [
    "LEAD_CHANGES",
    "LEAD_STATUSES",
    "ROLES",
    "RUN_STATUSES",
    "Base",
    "Classified",
    "Labels",
    "LeadPage",
    "PreviousState",
    "RunInfo",
    "Store",
    "StoreError",
    "classify",
    "current_revision",
    "evidence_hashes",
    "migrate",
    "open_store",
    "utcnow",
]
