"""The review app's access to the run store (engineer F's ``pipelines.store``).

Everything the web pages read or write goes through :class:`ReviewData`, which uses the
store's tables (``pipelines.store.models``) and, where the store offers one, its function
(``open_store``, ``set_status``, ``append_audit``, ...). Reads that only the app needs —
the filtered, paged queue, a lead with its evidence — live here.

The queue of a run is served from a per-process cache of the run's leads (a polars frame
with the derived ``city`` and ``industry``; a complete run's leads never change) joined
on every request with the current ``lead_state`` (status, assignee), so 10,000 leads
filter and page in milliseconds.

Two more reads are cached briefly per process (:data:`SHORT_TTL` seconds), since every page
asks for them and they change rarely: the current run and the active user names (a change
made through this process clears them at once; another worker sees it within the TTL).
On SQLite the app's connections use ``synchronous=NORMAL`` (safe with the store's WAL
journal: a commit survives a crash of the app, only a power cut can lose the last ones),
so the audit entry every page view appends costs no disk flush.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import polars as pl
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session, sessionmaker

from pipelines.store import RunInfo, Store, StoreError
from pipelines.store.models import (
    LEAD_STATUSES,
    ROLES,
    AuditEntry,
    EvidenceDecision,
    EvidenceRecord,
    Lead,
    LeadEvidence,
    LeadState,
    Run,
    User,
)

FINAL_STATUSES = ("confirmed_concealment", "confirmed_under_reporting", "false_lead",
                  "inconclusive")
OPEN_STATUSES = ("new", "in_review")
# the workflow: new → in_review → one of the final statuses; a supervisor may reopen a
# decided lead (back to in_review)
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "new": ("in_review",),
    "in_review": FINAL_STATUSES,
    **{s: ("in_review",) for s in FINAL_STATUSES},
}
REOPEN_ROLES = ("supervisor",)


#: seconds the current run and the user names are cached per process
SHORT_TTL = 3.0


class WorkflowError(ValueError):
    """A status change the workflow does not allow (or a missing comment)."""


def now_utc() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def allowed_transitions(status: str, role: str) -> tuple[str, ...]:
    nxt = TRANSITIONS.get(status, ())
    if status in FINAL_STATUSES and role not in REOPEN_ROLES:
        return ()
    return nxt


@dataclass
class QueueFilters:
    type: str | None = None
    city: str | None = None
    industry: str | None = None
    status: str | None = None
    min_score: float | None = None
    max_score: float | None = None
    assignee: str | None = None   # a user name, or "-" for unassigned


@dataclass
class QueuePage:
    rows: list[dict[str, Any]]
    total: int
    number: int
    pages: int
    size: int


@dataclass
class AuditFilters:
    actor: str | None = None
    action: str | None = None
    lead_id: str | None = None
    since: date | None = None
    until: date | None = None


@dataclass
class UserInfo:
    id: int
    username: str
    role: str
    active: bool
    created_at: datetime | None = None
    locked_until: datetime | None = None
    failed_logins: int = 0
    password_hash: str = field(default="", repr=False)

    @property
    def locked(self) -> bool:
        return bool(self.locked_until and self.locked_until > now_utc())


def _user_info(u: User) -> UserInfo:
    return UserInfo(id=u.id, username=u.username, role=u.role, active=bool(u.active),
                    created_at=u.created_at, locked_until=u.locked_until,
                    failed_logins=u.failed_logins or 0, password_hash=u.password_hash)


_LEAD_COLUMNS = ["lead_id", "rank", "score", "lead_type", "accident_id", "reported_deaths",
                 "evidenced_deaths", "reported_grade", "evidenced_grade", "persons",
                 "employer_name", "employer_uscc", "event_date", "region_code", "reasons_zh",
                 "reasons_en", "change"]


class ReviewData:
    """The app's data access over one :class:`pipelines.store.Store`. Thread-safe."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.engine = store.engine
        self._sessions = sessionmaker(store.engine, expire_on_commit=False)
        self._run_cache: dict[str, pl.DataFrame] = {}
        self._state_cache: tuple[tuple[Any, ...], pl.DataFrame] | None = None
        self._short: dict[Any, tuple[float, Any]] = {}
        self._queue_cache: tuple[tuple[Any, ...], pl.DataFrame] | None = None
        self._cache_lock = threading.Lock()
        if store.engine.dialect.name == "sqlite":
            _sqlite_fast_commits(store.engine)

    def _cached(self, key: Any, load: Any) -> Any:
        """``load()`` cached for :data:`SHORT_TTL` seconds under ``key``."""
        now = time.monotonic()
        with self._cache_lock:
            hit = self._short.get(key)
        if hit is not None and now - hit[0] < SHORT_TTL:
            return hit[1]
        value = load()
        with self._cache_lock:
            self._short[key] = (now, value)
        return value

    def _forget(self, *prefixes: str) -> None:
        with self._cache_lock:
            for k in [k for k in self._short if k[0] in prefixes]:
                del self._short[k]

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A read session (the store's own functions do every write)."""
        with self._sessions() as s:
            yield s

    # ----- runs -------------------------------------------------------------------------
    def current_run(self) -> RunInfo | None:
        return self._cached(("run",), self.store.latest_run)

    def get_run(self, ref: str) -> RunInfo | None:
        run = self.store.get_run(ref)
        return run if run is not None and run.status == "complete" else None

    def warm(self) -> None:
        """Load the current run's queue (and its linkage model, for the waterfalls) into this
        process's caches (best effort)."""
        try:
            run = self.current_run()
            if run is not None:
                self.queue_frame(run.run_id)
                if run.out_dir:   # and the run's linkage model, for the lead pages' waterfalls
                    from pathlib import Path

                    from reports.explain import warm

                    warm(Path(run.out_dir))
        except Exception as exc:  # a warm-up never stops the server
            import logging

            logging.getLogger("crosscheck.review").debug("review: warm-up failed: %s", exc)

    # ----- queue ------------------------------------------------------------------------
    def run_leads(self, run_id: str) -> pl.DataFrame:
        """The run's leads (cached per process) with ``city`` and ``industry`` added."""
        with self._cache_lock:
            cached = self._run_cache.get(run_id)
        if cached is not None:
            return cached
        with self.session() as s:
            rows = s.execute(select(*[getattr(Lead, c) for c in _LEAD_COLUMNS])
                             .where(Lead.run_id == run_id)).all()
            ind_rows = s.execute(
                select(LeadEvidence.lead_id, EvidenceRecord.fields)
                .join(EvidenceRecord, (EvidenceRecord.run_id == LeadEvidence.run_id)
                      & (EvidenceRecord.source == LeadEvidence.source)
                      & (EvidenceRecord.record_id == LeadEvidence.record_id))
                .where(LeadEvidence.run_id == run_id,
                       LeadEvidence.source.in_(("accidents", "employment", "enterprises")))
                .order_by(LeadEvidence.lead_id, LeadEvidence.source, LeadEvidence.record_id)
            ).all()
        schema = {"lead_id": pl.String, "rank": pl.Int64, "score": pl.Float64,
                  "lead_type": pl.String, "accident_id": pl.String,
                  "reported_deaths": pl.Int64, "evidenced_deaths": pl.Int64,
                  "reported_grade": pl.String, "evidenced_grade": pl.String,
                  "persons": pl.Int64, "employer_name": pl.String, "employer_uscc": pl.String,
                  "event_date": pl.String, "region_code": pl.String, "reasons_zh": pl.String,
                  "reasons_en": pl.String, "change": pl.String}
        frame = pl.DataFrame([tuple(r) for r in rows], schema=schema, orient="row")
        industry: dict[str, str] = {}
        for lead_id, fields in ind_rows:
            val = (fields or {}).get("industry")
            if val and lead_id not in industry:
                industry[lead_id] = str(val)
        ind = pl.DataFrame({"lead_id": list(industry), "industry": list(industry.values())},
                           schema={"lead_id": pl.String, "industry": pl.String})
        frame = (frame.join(ind, on="lead_id", how="left")
                 .with_columns(city=pl.col("region_code").str.slice(0, 4))
                 .sort("rank"))
        with self._cache_lock:
            self._run_cache[run_id] = frame
        return frame

    def _lead_states(self) -> tuple[tuple[Any, ...], pl.DataFrame]:
        """(version, frame) of ``lead_state``; re-read only when the version moved (every
        store write to it moves ``updated_at`` or the row count)."""
        with self.session() as s:
            version = tuple(s.execute(select(func.count(), func.max(LeadState.updated_at))
                                      ).one())
            with self._cache_lock:
                cached = self._state_cache
            if cached is not None and cached[0] == version:
                return cached
            rows = s.execute(select(LeadState.lead_id, LeadState.status,
                                    LeadState.assignee)).all()
        frame = pl.DataFrame([tuple(r) for r in rows], orient="row",
                             schema={"lead_id": pl.String, "status": pl.String,
                                     "assignee": pl.String})
        with self._cache_lock:
            self._state_cache = (version, frame)
        return version, frame

    def lead_states(self) -> pl.DataFrame:
        """``lead_state`` as a frame (cached until it changes)."""
        return self._lead_states()[1]

    def queue_frame(self, run_id: str) -> pl.DataFrame:
        """The run's leads joined with their current status and assignee; the join is
        cached per (run, ``lead_state`` version), so an unchanged queue costs one small
        version query per request."""
        version, states = self._lead_states()
        key = ("queue", run_id, version)
        with self._cache_lock:
            hit = self._queue_cache if self._queue_cache and self._queue_cache[0] == key \
                else None
        if hit is not None:
            return hit[1]
        frame = (self.run_leads(run_id).join(states, on="lead_id", how="left")
                 .with_columns(pl.col("status").fill_null("new")))
        with self._cache_lock:
            self._queue_cache = (key, frame)
        return frame

    def queue(self, run_id: str, f: QueueFilters, *, page: int = 1, size: int = 50) -> QueuePage:
        q = self.queue_frame(run_id)
        conds = []
        if f.type:
            conds.append(pl.col("lead_type") == f.type)
        if f.city:
            conds.append(pl.col("city") == f.city)
        if f.industry:
            conds.append(pl.col("industry") == f.industry)
        if f.status:
            conds.append(pl.col("status") == f.status)
        if f.min_score is not None:
            conds.append(pl.col("score") >= f.min_score)
        if f.max_score is not None:
            conds.append(pl.col("score") <= f.max_score)
        if f.assignee == "-":
            conds.append(pl.col("assignee").is_null())
        elif f.assignee:
            conds.append(pl.col("assignee") == f.assignee)
        if conds:
            q = q.filter(pl.all_horizontal(conds))
        total = q.height
        pages = max(1, math.ceil(total / size))
        number = min(max(1, page), pages)
        rows = q.slice((number - 1) * size, size).to_dicts()
        return QueuePage(rows=rows, total=total, number=number, pages=pages, size=size)

    def facets(self, run_id: str) -> dict[str, list[str]]:
        leads = self.run_leads(run_id)
        return {
            "cities": sorted(c for c in leads["city"].unique().to_list() if c),
            "industries": sorted(i for i in leads["industry"].unique().to_list() if i),
        }

    # ----- one lead ---------------------------------------------------------------------
    def lead_detail(self, run_id: str, lead_id: str) -> dict[str, Any] | None:
        """``Store.lead_detail`` with ``status`` / ``assignee`` flattened and the signals
        ordered by the size of their contribution."""
        d = self.store.lead_detail(run_id, lead_id)
        if d is None:
            return None
        st = d.get("state") or {}
        d["status"] = st.get("status") or "new"
        d["assignee"] = st.get("assignee")
        d["signals"] = sorted(d.get("signals") or [],
                              key=lambda x: -abs(x.get("contribution") or 0.0))
        return d

    def lead_state(self, lead_id: str) -> tuple[str, str | None]:
        st = self.store.lead_state(lead_id)
        return (st["status"], st["assignee"]) if st else ("new", None)

    @staticmethod
    def rejected_records(decisions: list[dict[str, Any]]) -> set[tuple[str, str]]:
        """(source, record_id) whose latest decision says it does not belong."""
        latest: dict[tuple[str, str], bool] = {}
        for d in decisions:
            latest[(d["source"], d["record_id"])] = bool(d["belongs"])
        return {k for k, belongs in latest.items() if not belongs}

    def run_history(self, lead_id: str) -> list[dict[str, Any]]:
        with self.session() as s:
            rows = s.execute(
                select(Lead.run_id, Lead.rank, Lead.score, Lead.persons, Lead.change,
                       Run.finished_at)
                .join(Run, Run.run_id == Lead.run_id)
                .where(Lead.lead_id == lead_id, Run.status == "complete")
                .order_by(Run.finished_at.desc())
            ).all()
        return [{"run_id": r[0], "rank": r[1], "score": r[2], "persons": r[3], "change": r[4],
                 "finished_at": r[5]} for r in rows]

    # ----- changes (through the store's functions) ------------------------------------
    def set_status(self, lead_id: str, to_status: str, *, actor: str, role: str,
                   comment: str) -> None:
        """Apply the workflow (:data:`TRANSITIONS`, mandatory comment), then
        ``Store.set_status`` (state, history row and audit entry in one transaction)."""
        comment = (comment or "").strip()
        if len(comment) < 2:
            raise WorkflowError("a decision needs a comment")
        if to_status not in LEAD_STATUSES:
            raise WorkflowError(f"unknown status {to_status!r}")
        current, _ = self.lead_state(lead_id)
        if to_status not in allowed_transitions(current, role):
            raise WorkflowError(f"cannot go from {current} to {to_status}")
        try:
            self.store.set_status(lead_id, to_status, actor, comment)
        except StoreError as exc:
            raise WorkflowError(str(exc)) from exc

    def assign(self, lead_ids: Iterable[str], assignee: str | None, *, actor: str,
               run_id: str) -> int:
        known = set(self.run_leads(run_id)["lead_id"].to_list())
        n = 0
        for lead_id in dict.fromkeys(lead_ids):
            if lead_id not in known:
                continue
            try:
                self.store.assign(lead_id, assignee, actor)
            except StoreError:
                continue
            n += 1
        return n

    def decide_evidence(self, lead_id: str, run_id: str, source: str, record_id: str, *,
                        belongs: bool, actor: str, comment: str) -> None:
        comment = (comment or "").strip()
        if len(comment) < 2:
            raise WorkflowError("marking a record needs a comment")
        detail = self.store.lead_detail(run_id, lead_id) or {}
        ev = next((e for e in detail.get("evidence", [])
                   if e["source"] == source and e["record_id"] == record_id), None)
        if ev is None:
            raise WorkflowError("this record is not evidence of this lead")
        self.store.decide_evidence(lead_id, source, record_id, ev["person_key"], belongs, actor,
                                   comment)

    # ----- audit ------------------------------------------------------------------------
    def audit(self, actor: str, action: str, *, lead_id: str | None = None,
              run_id: str | None = None, details: dict[str, Any] | None = None) -> None:
        self.store.append_audit(actor, action, lead_id=lead_id, run_id=run_id, details=details)

    def _audit_query(self, f: AuditFilters) -> Any:
        q = select(AuditEntry)
        if f.actor:
            q = q.where(AuditEntry.actor == f.actor)
        if f.action:
            q = q.where(AuditEntry.action == f.action)
        if f.lead_id:
            q = q.where(AuditEntry.lead_id == f.lead_id)
        if f.since:
            q = q.where(AuditEntry.at >= datetime.combine(f.since, datetime.min.time()))
        if f.until:
            q = q.where(AuditEntry.at < datetime.combine(f.until + timedelta(days=1),
                                                         datetime.min.time()))
        return q

    def list_audit(self, f: AuditFilters, *, limit: int | None = 500) -> tuple[list[AuditEntry], int]:
        q = self._audit_query(f)
        with self.session() as s:
            total = s.scalar(select(func.count()).select_from(q.subquery())) or 0
            q = q.order_by(AuditEntry.id.desc())
            if limit:
                q = q.limit(limit)
            return list(s.scalars(q).all()), int(total)

    def audit_actions(self) -> list[str]:
        with self.session() as s:
            return sorted(a for a in s.scalars(select(AuditEntry.action).distinct()).all() if a)

    # ----- labels -----------------------------------------------------------------------
    def lead_labels(self) -> pl.DataFrame:
        """Lead labels for the scoring model (``Store.labels().leads``): 1 confirmed,
        0 false lead."""
        leads = self.store.labels().leads
        return leads.with_columns(pl.col("decided_at").dt.to_string("%Y-%m-%dT%H:%M:%S"))

    def pair_labels(self) -> pl.DataFrame:
        """Record–person labels as pairs for the linkage model.

        - a record marked *not belonging* gives a non-match (``is_match`` 0) with every
          other record of its person in the lead;
        - a confirmed lead gives a match (1) for every pair of records of one person that
          nobody marked as not belonging.
        Evidence is taken from the latest run that raised the lead.
        """
        with self.session() as s:
            decisions = s.scalars(select(EvidenceDecision).order_by(EvidenceDecision.id)).all()
            confirmed = set(s.scalars(select(LeadState.lead_id).where(
                LeadState.status.in_(("confirmed_concealment", "confirmed_under_reporting")))).all())
            lead_ids = confirmed | {d.lead_id for d in decisions}
            ev_rows = s.execute(
                select(LeadEvidence.lead_id, LeadEvidence.source, LeadEvidence.record_id,
                       LeadEvidence.person_key, Run.finished_at, LeadEvidence.run_id)
                .join(Run, Run.run_id == LeadEvidence.run_id)
                .where(LeadEvidence.lead_id.in_(lead_ids), Run.status == "complete")
            ).all() if lead_ids else []
        latest_run: dict[str, tuple[Any, str]] = {}
        for lead_id, *_rest, fin, run_id in ev_rows:
            key = (fin, run_id)
            if lead_id not in latest_run or key > latest_run[lead_id]:
                latest_run[lead_id] = key
        persons: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for lead_id, source, record_id, person_key, fin, run_id in ev_rows:
            if person_key is None or latest_run[lead_id] != (fin, run_id):
                continue
            persons.setdefault((lead_id, person_key), []).append((source, record_id))
        latest_dec: dict[tuple[str, str, str], EvidenceDecision] = {}
        for d in decisions:
            latest_dec[(d.lead_id, d.source, d.record_id)] = d
        out: dict[tuple[str, str, str, str], dict[str, Any]] = {}

        def put(a: tuple[str, str], b: tuple[str, str], is_match: int, lead_id: str,
                by: str | None, at: datetime | None) -> None:
            left, right = sorted((a, b))
            key = (*left, *right)
            if key in out and out[key]["is_match"] == 0:
                return  # a non-match call wins over an implied match
            out[key] = {"source_l": left[0], "record_id_l": left[1], "source_r": right[0],
                        "record_id_r": right[1], "is_match": is_match, "lead_id": lead_id,
                        "decided_by": by,
                        "decided_at": at.isoformat(timespec="seconds") if at else None}

        for (lead_id, _pk), recs in sorted(persons.items()):
            rejected = {r for r in recs
                        if (dec := latest_dec.get((lead_id, *r))) is not None and not dec.belongs}
            for r in sorted(rejected):
                d = latest_dec[(lead_id, *r)]
                for other in recs:
                    if other != r:
                        put(r, other, 0, lead_id, d.actor, d.at)
            if lead_id in confirmed:
                kept = sorted(r for r in recs if r not in rejected)
                for i, a in enumerate(kept):
                    for b in kept[i + 1:]:
                        put(a, b, 1, lead_id, None, None)
        schema = {"source_l": pl.String, "record_id_l": pl.String, "source_r": pl.String,
                  "record_id_r": pl.String, "is_match": pl.Int64, "lead_id": pl.String,
                  "decided_by": pl.String, "decided_at": pl.String}
        return pl.DataFrame(list(out.values()), schema=schema).sort(
            ["source_l", "record_id_l", "source_r", "record_id_r"])

    # ----- users ------------------------------------------------------------------------
    def user_by_id(self, user_id: int) -> UserInfo | None:
        with self.session() as s:
            u = s.get(User, user_id)
            return _user_info(u) if u else None

    def user_by_name(self, username: str) -> UserInfo | None:
        with self.session() as s:
            u = s.scalars(select(User).where(User.username == username)).first()
            return _user_info(u) if u else None

    def list_users(self) -> list[UserInfo]:
        with self.session() as s:
            return [_user_info(u) for u in s.scalars(select(User).order_by(User.username)).all()]

    def usernames(self, role: str | None = None) -> list[str]:
        def load() -> list[str]:
            with self.session() as s:
                q = select(User.username).where(User.active.is_(True))
                if role:
                    q = q.where(User.role == role)
                return list(s.scalars(q.order_by(User.username)).all())

        return list(self._cached(("users", role), load))

    def add_user(self, username: str, role: str, password_hash: str, *, actor: str) -> int:
        if role not in ROLES:
            raise WorkflowError(f"unknown role {role!r}; one of {', '.join(ROLES)}")
        try:
            return self.store.add_user(username, role, password_hash, actor=actor)
        except StoreError as exc:
            raise WorkflowError(str(exc)) from exc
        finally:
            self._forget("users")

    def disable_user(self, username: str, *, actor: str) -> bool:
        if self.user_by_name(username) is None:
            return False
        self.store.update_user(username, active=False)
        self._forget("users")
        self.audit(actor, "user_disabled", details={"username": username})
        return True

    def set_password_hash(self, username: str, password_hash: str) -> None:
        self.store.update_user(username, password_hash=password_hash)

    def login_failed(self, user: UserInfo, *, max_failures: int, lock: timedelta) -> bool:
        """Count a failed login for an existing user; True when this locks the account."""
        failures = user.failed_logins + 1
        if failures >= max_failures:
            self.store.update_user(user.username, failed_logins=0, locked_until=now_utc() + lock)
            return True
        self.store.update_user(user.username, failed_logins=failures)
        return False

    def login_succeeded(self, user: UserInfo) -> None:
        if user.failed_logins or user.locked_until:
            self.store.update_user(user.username, failed_logins=0, locked_until=None)


def _sqlite_fast_commits(engine: Any) -> None:
    """``PRAGMA synchronous=NORMAL`` on every SQLite connection of ``engine`` (the store
    keeps ``journal_mode=WAL``, so this is safe), including those already pooled."""
    if getattr(engine, "_crosscheck_review_sync", False):
        return

    @event.listens_for(engine, "connect")
    def _sync_normal(dbapi_conn: Any, _rec: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    engine._crosscheck_review_sync = True
    engine.dispose()   # pooled connections reconnect with the pragma
