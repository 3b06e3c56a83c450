"""The run store's functions: open (and migrate), record runs, read leads, decide, audit.

Everything that reads or writes the store goes through :class:`Store`; see the package
docstring of :mod:`pipelines.store` for the tables and the write protocol of a run.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import polars as pl
from sqlalchemy import Engine, create_engine, delete, event, func, insert, or_, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:
    from sqlalchemy import CursorResult

from pipelines.store.changes import PreviousState
from pipelines.store.models import (
    LEAD_STATUSES,
    ROLES,
    AuditEntry,
    EvidenceDecision,
    EvidenceRecord,
    Lead,
    LeadEvidence,
    LeadSignal,
    LeadState,
    LeadStatusHistory,
    Run,
    RunInput,
    User,
)

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
LEAD_COLUMNS = [c.name for c in Lead.__table__.columns if c.name != "run_id"]
CONFIRMED = ("confirmed_concealment", "confirmed_under_reporting")
SYSTEM_ACTOR = "crosscheck"


def utcnow() -> datetime:
    """Naive UTC, the store's time convention."""
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class RunInfo:
    """A row of ``runs`` (plus its inputs), detached from any session."""

    run_id: str
    started_at: datetime
    finished_at: datetime | None
    status: str
    input_dir: str
    out_dir: str
    code_version: str
    parameters: dict[str, Any]
    manifest: dict[str, Any]
    period: str | None
    previous_run_id: str | None
    changes: dict[str, Any] | None
    inputs: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for k in ("started_at", "finished_at"):
            d[k] = d[k].isoformat(timespec="seconds") if d[k] else None
        return d


@dataclass(frozen=True)
class LeadPage:
    rows: list[dict[str, Any]]
    total: int
    page: int
    page_size: int


@dataclass(frozen=True)
class Labels:
    """Investigators' decisions as training labels.

    ``leads``: ``lead_id``, ``lead_type``, ``status``, ``label`` (1 confirmed, 0 false lead),
    ``score``, ``run_id`` (the run the decision was made on), ``decided_at``.
    ``pairs``: ``lead_id``, ``source``, ``record_id``, ``person_key``, ``belongs`` (bool),
    ``actor``, ``at`` — the latest call per (lead, record).
    """

    leads: pl.DataFrame
    pairs: pl.DataFrame


class StoreError(Exception):
    """A store operation that cannot be done as asked (unknown lead, bad status, ...)."""


def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        eng = create_engine(url, connect_args={"timeout": 60})

        @event.listens_for(eng, "connect")
        def _pragmas(dbapi_conn: Any, _rec: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.close()

        return eng
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return create_engine(url, pool_pre_ping=True)


def _alembic_config(connection: Any) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the schema to ``revision`` (``head`` by default); a no-op when already there."""
    if not log.isEnabledFor(logging.DEBUG):
        logging.getLogger("alembic").setLevel(logging.WARNING)
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS))
    target = script.get_current_head() if revision == "head" else revision
    with engine.connect() as conn:
        if MigrationContext.configure(conn).get_current_revision() == target:
            return
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(727100)")
            if MigrationContext.configure(conn).get_current_revision() != target:
                log.info("store: migrating schema to %s", target)
                command.upgrade(_alembic_config(conn), revision)
    except OperationalError:
        # SQLite has no advisory lock: two runs that open one new store at once both see no schema,
        # and the later finds the tables the other is making ("table alembic_version already
        # exists"). Its transaction is rolled back; wait for the other to finish the migration.
        if engine.dialect.name != "sqlite":
            raise
        deadline = time.monotonic() + 60
        while current_revision(engine) != target:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@contextmanager
def _opening_lock(db_file: Path | None) -> Iterator[None]:
    """Hold an exclusive lock on ``<db>.lock`` beside a SQLite file while the store is opened.

    SQLite has no advisory lock of its own, and the first connections to a new file race: each
    switches the journal to WAL and looks for the schema, and a transaction that read the file
    before another wrote it fails with 'database is locked' at once — the busy timeout does not
    apply to it. Runs that open one store at the same moment (two analysts, a script's parallel
    runs) therefore take turns here; the lock is held only while opening and migrating."""
    # no lock for a database that is no file, off POSIX (migrate() waits and retries instead), or
    # in a folder this process cannot write (nobody can be creating the store there)
    try:
        import fcntl

        fh = None if db_file is None else open(db_file.with_name(db_file.name + ".lock"), "a")  # noqa: SIM115
    except (ImportError, OSError):
        fh = None
    if fh is None:
        yield
        return
    with fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def open_store(url: str, *, upgrade: bool = True) -> Store:
    """Open the store at ``url`` (SQLAlchemy URL), migrating it to the latest schema."""
    db_file: Path | None = None
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        db_file = Path(url[len("sqlite:///"):])
        if not db_file.parent.is_dir():
            from pipelines.errors import UsageError

            raise UsageError(f"the store's folder {db_file.parent} does not exist",
                             hint="create it or pass another --db URL")
    engine = _engine(url)
    with _opening_lock(db_file):
        engine.connect().close()  # the first connection switches the file to WAL, under the lock
        if upgrade:
            migrate(engine)
    return Store(url, engine)


def _jsonable(v: Any) -> Any:
    """A plain JSON value (dates, paths and the like as text)."""
    return json.loads(json.dumps(v, default=str, ensure_ascii=False))


def _rows(df: pl.DataFrame, columns: Sequence[str], **const: Any) -> list[dict[str, Any]]:
    present = [c for c in columns if c in df.columns]
    sub = df.select(present)
    sub = sub.with_columns(
        pl.col(c).cast(pl.String) for c, t in sub.schema.items() if t in (pl.Date, pl.Datetime)
    )
    rows = sub.to_dicts()
    missing = [c for c in columns if c not in df.columns]
    for r in rows:
        for c in missing:
            r[c] = None
        r.update(const)
    return rows


def _chunks(rows: list[dict[str, Any]], n: int = 5000) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), n):
        yield rows[i:i + n]


class Store:
    """A run store. Thread-safe like its SQLAlchemy engine; open one per process."""

    def __init__(self, url: str, engine: Engine) -> None:
        self.url = url
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on error."""
        with self._sessions() as s, s.begin():
            yield s

    # ------------------------------------------------------------------ runs
    @staticmethod
    def _info(run: Run, inputs: Sequence[RunInput] = ()) -> RunInfo:
        return RunInfo(
            run.run_id, run.started_at, run.finished_at, run.status, run.input_dir, run.out_dir,
            run.code_version, run.parameters or {}, run.manifest or {}, run.period,
            run.previous_run_id, run.changes,
            {i.source: {"file": i.file, "sha256": i.sha256, "read": i.read,
                        "accepted": i.accepted, "quarantined": i.quarantined} for i in inputs},
        )

    def _run_info(self, s: Session, run: Run | None) -> RunInfo | None:
        if run is None:
            return None
        inputs = s.scalars(select(RunInput).where(RunInput.run_id == run.run_id)
                           .order_by(RunInput.source)).all()
        return self._info(run, inputs)

    def list_runs(self, *, status: str | None = None) -> list[RunInfo]:
        """All runs, newest first."""
        with self.session() as s:
            q = select(Run).order_by(Run.started_at.desc(), Run.run_id.desc())
            if status:
                q = q.where(Run.status == status)
            return [self._info(r) for r in s.scalars(q).all()]

    def latest_run(self) -> RunInfo | None:
        """The latest complete run, or None."""
        with self.session() as s:
            run = s.scalars(select(Run).where(Run.status == "complete")
                            .order_by(Run.finished_at.desc(), Run.run_id.desc()).limit(1)).first()
            return self._run_info(s, run)

    def get_run(self, ref: str | Path) -> RunInfo | None:
        """A run by its id or by its output folder (whose ``run.json`` names it)."""
        ref_s = str(ref)
        with self.session() as s:
            run = s.get(Run, ref_s)
            if run is None:
                p = Path(ref_s).expanduser()
                manifest = p / "run.json"
                if manifest.is_file():
                    try:
                        rid = json.loads(manifest.read_text(encoding="utf-8")).get("run_id")
                    except (OSError, json.JSONDecodeError):
                        rid = None
                    run = s.get(Run, rid) if rid else None
                if run is None:
                    run = s.scalars(select(Run).where(Run.out_dir == str(p.resolve()))
                                    .order_by(Run.started_at.desc()).limit(1)).first()
            return self._run_info(s, run)

    def previous_counts(self, source: str) -> dict[str, Any] | None:
        """``{run_id, file, sha256, read, accepted, quarantined}`` of ``source`` in the latest
        complete run that had it, or None (for the quality gate's delivery checks)."""
        with self.session() as s:
            row = s.execute(
                select(RunInput, Run.run_id)
                .join(Run, Run.run_id == RunInput.run_id)
                .where(Run.status == "complete", RunInput.source == source,
                       RunInput.file.is_not(None))
                .order_by(Run.finished_at.desc(), Run.run_id.desc()).limit(1)
            ).first()
            if row is None:
                return None
            i = row[0]
            return {"run_id": i.run_id, "file": i.file, "sha256": i.sha256, "read": i.read,
                    "accepted": i.accepted, "quarantined": i.quarantined}

    def fail_stale_runs(self) -> list[str]:
        """Mark runs left ``running``/``finishing`` by a killed process as ``failed``."""
        with self.session() as s:
            ids = list(s.scalars(select(Run.run_id).where(Run.status.in_(("running", "finishing")))))
            if ids:
                s.execute(update(Run).where(Run.run_id.in_(ids)).values(status="failed"))
                s.add(AuditEntry(at=utcnow(), actor=SYSTEM_ACTOR, action="runs_marked_failed",
                                 details={"run_ids": ids}))
            return ids

    def previous_state(self) -> PreviousState:
        """What the between-runs classification needs (see :class:`PreviousState`)."""
        prev = self.latest_run()
        st = PreviousState(run_id=prev.run_id if prev else None)
        with self.session() as s:
            if prev:
                lead_rows = s.execute(select(Lead.lead_id, Lead.score, Lead.evidence_hash)
                                      .where(Lead.run_id == prev.run_id)).all()
                st.leads = pl.DataFrame(lead_rows, schema=st.leads.schema, orient="row")
                evidence_rows = s.execute(select(LeadEvidence.lead_id, LeadEvidence.source,
                                                 LeadEvidence.record_id)
                                          .where(LeadEvidence.run_id == prev.run_id)).all()
                st.evidence = pl.DataFrame(evidence_rows, schema=st.evidence.schema, orient="row")
            closed = list(s.scalars(select(LeadState.lead_id).where(LeadState.status == "false_lead")))
            st.closed = pl.DataFrame({"lead_id": closed}, schema={"lead_id": pl.String})
            if closed:
                # the run each closed lead was decided on: its latest move to false_lead
                last = (select(LeadStatusHistory.lead_id, func.max(LeadStatusHistory.id).label("id"))
                        .where(LeadStatusHistory.to_status == "false_lead")
                        .group_by(LeadStatusHistory.lead_id).subquery())
                decided = (select(LeadStatusHistory.lead_id, LeadStatusHistory.run_id)
                           .join(last, last.c.id == LeadStatusHistory.id).subquery())
                decided_rows = s.execute(
                    select(LeadEvidence.lead_id, LeadEvidence.source, LeadEvidence.record_id)
                    .join(decided, (decided.c.lead_id == LeadEvidence.lead_id)
                          & (decided.c.run_id == LeadEvidence.run_id))
                ).all()
                st.decided_evidence = pl.DataFrame(decided_rows, schema=st.decided_evidence.schema,
                                                   orient="row")
        return st

    def record_run(
        self,
        manifest: Mapping[str, Any],
        *,
        input_dir: str,
        out_dir: str,
        leads: pl.DataFrame,
        lead_evidence: pl.DataFrame,
        lead_signals: pl.DataFrame,
        evidence_records: pl.DataFrame | None = None,
        period: str | None = None,
        previous_run_id: str | None = None,
        changes: Mapping[str, Any] | None = None,
    ) -> str:
        """Write one run (status ``finishing``) with its inputs, leads, evidence and signals in
        one transaction. ``leads`` carries ``change`` and ``evidence_hash``, ``lead_evidence``
        carries ``is_new`` (see :func:`pipelines.store.changes.classify`). Call
        :meth:`complete_run` once the run folder is in place."""
        run_id = str(manifest["run_id"])
        started = datetime.fromisoformat(str(manifest["started_at"]))
        if started.tzinfo is not None:
            started = started.astimezone(UTC).replace(tzinfo=None)
        with self.session() as s:
            s.add(Run(
                run_id=run_id, started_at=started, finished_at=None, status="finishing",
                input_dir=str(input_dir), out_dir=str(out_dir),
                code_version=str(manifest.get("code_version", "")),
                parameters=_jsonable(manifest.get("parameters", {})), manifest=_jsonable(manifest),
                period=period, previous_run_id=previous_run_id,
                changes=dict(changes) if changes is not None else None,
            ))
            s.flush()
            inputs = [{"run_id": run_id, "source": src, "file": v.get("file"),
                       "sha256": v.get("sha256"), "read": int(v.get("read", 0)),
                       "accepted": int(v.get("accepted", 0)),
                       "quarantined": int(v.get("quarantined", 0))}
                      for src, v in sorted(manifest.get("inputs", {}).items())]
            if inputs:
                s.execute(insert(RunInput), inputs)
            for chunk in _chunks(_rows(leads, LEAD_COLUMNS, run_id=run_id)):
                s.execute(insert(Lead), chunk)
            ev_cols = ["lead_id", "source", "record_id", "person_key", "match_probability", "is_new"]
            ev = lead_evidence.unique(subset=["lead_id", "source", "record_id"], keep="first",
                                      maintain_order=True)
            for chunk in _chunks(_rows(ev, ev_cols, run_id=run_id)):
                s.execute(insert(LeadEvidence), chunk)
            if lead_signals.height:
                sig = lead_signals.with_columns(pl.col("value").cast(pl.String)) \
                    if "value" in lead_signals.columns else lead_signals
                sig = sig.unique(subset=["lead_id", "signal"], keep="first", maintain_order=True)
                sig_cols = ["lead_id", "signal", "value", "contribution", "text_zh", "text_en"]
                for chunk in _chunks(_rows(sig, sig_cols, run_id=run_id)):
                    s.execute(insert(LeadSignal), chunk)
            if evidence_records is not None and evidence_records.height:
                er = evidence_records.unique(subset=["source", "record_id"], keep="first",
                                             maintain_order=True)
                keys = er.select("source", "record_id").to_dicts()
                other = er.drop("source", "record_id")
                other = other.with_columns(pl.all().cast(pl.String))
                recs = [
                    {"run_id": run_id, **k, "fields": {c: v for c, v in f.items() if v is not None}}
                    for k, f in zip(keys, other.to_dicts(), strict=True)
                ]
                for chunk in _chunks(recs):
                    s.execute(insert(EvidenceRecord), chunk)
        return run_id

    def complete_run(self, run_id: str, *, reopened: Sequence[str] = (),
                     finished_at: datetime | None = None,
                     manifest: Mapping[str, Any] | None = None) -> None:
        """Mark the run complete and bring ``lead_state`` up to date in one transaction: new
        leads get state ``new``, every lead of the run its ``last_seen_run``, reopened leads
        move from ``false_lead`` back to ``new`` (with a history row)."""
        now = finished_at or utcnow()
        with self.session() as s:
            run = s.get(Run, run_id)
            if run is None:
                raise StoreError(f"no run {run_id}")
            ids = list(s.scalars(select(Lead.lead_id).where(Lead.run_id == run_id)))
            known: set[str] = set()
            for chunk in _chunks([{"i": i} for i in ids], 1000):
                part = [c["i"] for c in chunk]
                known.update(s.scalars(select(LeadState.lead_id).where(LeadState.lead_id.in_(part))))
                s.execute(update(LeadState).where(LeadState.lead_id.in_(part))
                          .values(last_seen_run=run_id, updated_at=now))
            fresh = [{"lead_id": i, "status": "new", "assignee": None, "first_seen_run": run_id,
                      "last_seen_run": run_id, "evidence_hash_at_decision": None, "updated_at": now}
                     for i in ids if i not in known]
            for chunk in _chunks(fresh):
                s.execute(insert(LeadState), chunk)
            for lead_id in reopened:
                st = s.get(LeadState, lead_id)
                if st is None or st.status != "false_lead":
                    continue
                s.add(LeadStatusHistory(lead_id=lead_id, run_id=run_id, from_status="false_lead",
                                        to_status="new", actor=SYSTEM_ACTOR,
                                        comment="reopened: new evidence arrived", at=now))
                st.status, st.evidence_hash_at_decision, st.updated_at = "new", None, now
                s.add(AuditEntry(at=now, actor=SYSTEM_ACTOR, action="lead_reopened",
                                 lead_id=lead_id, run_id=run_id))
            run.status, run.finished_at = "complete", now
            if manifest is not None:
                run.manifest = _jsonable(manifest)
            s.add(AuditEntry(at=now, actor=SYSTEM_ACTOR, action="run_complete", run_id=run_id,
                             details={"leads": len(ids), "changes": run.changes}))

    def delete_run(self, run_id: str) -> None:
        """Remove a run that never completed (its leads, evidence, signals and records)."""
        with self.session() as s:
            run = s.get(Run, run_id)
            if run is None:
                return
            if run.status == "complete":
                raise StoreError(f"run {run_id} is complete; complete runs are kept")
            for model in (LeadEvidence, LeadSignal, Lead, EvidenceRecord, RunInput):
                s.execute(delete(model).where(model.run_id == run_id))
            s.delete(run)

    # ----------------------------------------------------------------- leads
    def leads_for_run(self, run_id: str, filters: Mapping[str, Any] | None = None,
                      page: int = 1, page_size: int = 50) -> LeadPage:
        """One page of a run's leads, by rank, joined with their investigation status.

        ``filters``: ``lead_type``, ``status``, ``change``, ``assignee`` (exact), ``region``
        (code prefix), ``min_score``, ``q`` (substring of lead id, employer name or USCC).
        """
        f = dict(filters or {})
        q = (select(Lead, LeadState.status, LeadState.assignee)
             .join(LeadState, LeadState.lead_id == Lead.lead_id, isouter=True)
             .where(Lead.run_id == run_id))
        for key, col in (("lead_type", Lead.lead_type), ("change", Lead.change),
                         ("assignee", LeadState.assignee)):
            if f.get(key):
                q = q.where(col == f[key])
        if f.get("status"):
            q = q.where(func.coalesce(LeadState.status, "new") == f["status"])
        if f.get("region"):
            q = q.where(Lead.region_code.startswith(str(f["region"])))
        if f.get("min_score") is not None:
            q = q.where(Lead.score >= float(f["min_score"]))
        if f.get("q"):
            like = f"%{f['q']}%"
            q = q.where(or_(Lead.lead_id.like(like), Lead.employer_name.like(like),
                            Lead.employer_uscc.like(like)))
        page, page_size = max(1, int(page)), max(1, min(1000, int(page_size)))
        with self.session() as s:
            total = s.scalar(select(func.count()).select_from(q.subquery())) or 0
            rows = s.execute(q.order_by(Lead.rank, Lead.lead_id)
                             .offset((page - 1) * page_size).limit(page_size)).all()
            out = []
            for lead, status, assignee in rows:
                d = {c: getattr(lead, c) for c in ["run_id", *LEAD_COLUMNS]}
                d["status"] = status or "new"
                d["assignee"] = assignee
                out.append(d)
        return LeadPage(out, int(total), page, page_size)

    def lead_detail(self, run_id: str, lead_id: str) -> dict[str, Any] | None:
        """A lead in one run: its row, signals, evidence (with record content), state, status
        history and evidence decisions."""
        with self.session() as s:
            lead = s.get(Lead, (run_id, lead_id))
            if lead is None:
                return None
            d: dict[str, Any] = {c: getattr(lead, c) for c in ["run_id", *LEAD_COLUMNS]}
            d["signals"] = [
                {c: getattr(x, c) for c in ("signal", "value", "contribution", "text_zh", "text_en")}
                for x in s.scalars(select(LeadSignal).where(LeadSignal.run_id == run_id,
                                                            LeadSignal.lead_id == lead_id)
                                   .order_by(LeadSignal.contribution.desc(), LeadSignal.signal))
            ]
            ev = s.execute(
                select(LeadEvidence, EvidenceRecord.fields)
                .join(EvidenceRecord, (EvidenceRecord.run_id == LeadEvidence.run_id)
                      & (EvidenceRecord.source == LeadEvidence.source)
                      & (EvidenceRecord.record_id == LeadEvidence.record_id), isouter=True)
                .where(LeadEvidence.run_id == run_id, LeadEvidence.lead_id == lead_id)
                .order_by(LeadEvidence.person_key, LeadEvidence.source, LeadEvidence.record_id)
            ).all()
            d["evidence"] = [
                {"source": e.source, "record_id": e.record_id, "person_key": e.person_key,
                 "match_probability": e.match_probability, "is_new": e.is_new,
                 "fields": fields or {}}
                for e, fields in ev
            ]
            st = s.get(LeadState, lead_id)
            d["state"] = None if st is None else {
                "status": st.status, "assignee": st.assignee, "first_seen_run": st.first_seen_run,
                "last_seen_run": st.last_seen_run,
                "evidence_hash_at_decision": st.evidence_hash_at_decision,
                "updated_at": st.updated_at}
            d["history"] = self._history(s, lead_id)
            d["decisions"] = [
                {c: getattr(x, c) for c in ("source", "record_id", "person_key", "belongs",
                                            "actor", "comment", "at")}
                for x in s.scalars(select(EvidenceDecision)
                                   .where(EvidenceDecision.lead_id == lead_id)
                                   .order_by(EvidenceDecision.id))
            ]
            return d

    @staticmethod
    def _history(s: Session, lead_id: str) -> list[dict[str, Any]]:
        return [
            {c: getattr(h, c) for c in ("run_id", "from_status", "to_status", "actor", "comment",
                                        "at")}
            for h in s.scalars(select(LeadStatusHistory).where(LeadStatusHistory.lead_id == lead_id)
                               .order_by(LeadStatusHistory.id))
        ]

    def lead_history(self, lead_id: str) -> list[dict[str, Any]]:
        with self.session() as s:
            return self._history(s, lead_id)

    def lead_state(self, lead_id: str) -> dict[str, Any] | None:
        with self.session() as s:
            st = s.get(LeadState, lead_id)
            return None if st is None else {
                "lead_id": st.lead_id, "status": st.status, "assignee": st.assignee,
                "first_seen_run": st.first_seen_run, "last_seen_run": st.last_seen_run,
                "evidence_hash_at_decision": st.evidence_hash_at_decision,
                "updated_at": st.updated_at}

    def set_status(self, lead_id: str, to: str, actor: str, comment: str | None = None) -> None:
        """Move a lead to status ``to``: updates ``lead_state``, adds a history row (on the run
        the lead was last seen in) and an audit entry, in one transaction."""
        if to not in LEAD_STATUSES:
            raise StoreError(f"unknown status {to!r}; one of {', '.join(LEAD_STATUSES)}")
        now = utcnow()
        with self.session() as s:
            st = s.get(LeadState, lead_id, with_for_update=True)
            if st is None:
                raise StoreError(f"no lead {lead_id}")
            frm = st.status
            ev_hash = s.scalar(select(Lead.evidence_hash).where(Lead.run_id == st.last_seen_run,
                                                                Lead.lead_id == lead_id))
            st.status, st.updated_at = to, now
            st.evidence_hash_at_decision = ev_hash if to != "new" else None
            s.add(LeadStatusHistory(lead_id=lead_id, run_id=st.last_seen_run, from_status=frm,
                                    to_status=to, actor=actor, comment=comment, at=now))
            s.add(AuditEntry(at=now, actor=actor, action="status_change", lead_id=lead_id,
                             run_id=st.last_seen_run,
                             details={"from": frm, "to": to, "comment": comment}))

    def assign(self, lead_id: str, assignee: str | None, actor: str) -> None:
        now = utcnow()
        with self.session() as s:
            st = s.get(LeadState, lead_id, with_for_update=True)
            if st is None:
                raise StoreError(f"no lead {lead_id}")
            before, st.assignee, st.updated_at = st.assignee, assignee, now
            s.add(AuditEntry(at=now, actor=actor, action="assign", lead_id=lead_id,
                             run_id=st.last_seen_run, details={"from": before, "to": assignee}))

    def decide_evidence(self, lead_id: str, source: str, record_id: str, person_key: str | None,
                        belongs: bool, actor: str, comment: str | None = None) -> None:
        """Record an investigator's call that a record does (not) belong to its person."""
        now = utcnow()
        with self.session() as s:
            s.add(EvidenceDecision(lead_id=lead_id, source=source, record_id=record_id,
                                   person_key=person_key, belongs=bool(belongs), actor=actor,
                                   comment=comment, at=now))
            s.add(AuditEntry(at=now, actor=actor, action="evidence_decision", lead_id=lead_id,
                             details={"source": source, "record_id": record_id,
                                      "person_key": person_key, "belongs": bool(belongs),
                                      "comment": comment}))

    def labels(self) -> Labels:
        """Decisions as labels: leads decided confirmed (1) or false (0), and record–person
        pairs (latest call per lead and record)."""
        with self.session() as s:
            rows = s.execute(
                select(LeadState.lead_id, Lead.lead_type, LeadState.status, Lead.score,
                       LeadState.last_seen_run, LeadState.updated_at)
                .join(Lead, (Lead.lead_id == LeadState.lead_id)
                      & (Lead.run_id == LeadState.last_seen_run), isouter=True)
                .where(LeadState.status.in_((*CONFIRMED, "false_lead")))
                .order_by(LeadState.lead_id)
            ).all()
            pairs = s.execute(
                select(EvidenceDecision.lead_id, EvidenceDecision.source, EvidenceDecision.record_id,
                       EvidenceDecision.person_key, EvidenceDecision.belongs,
                       EvidenceDecision.actor, EvidenceDecision.at, EvidenceDecision.id)
                .order_by(EvidenceDecision.id)
            ).all()
        lead_df = pl.DataFrame(
            [(r[0], r[1], r[2], 0 if r[2] == "false_lead" else 1, r[3], r[4], r[5]) for r in rows],
            schema={"lead_id": pl.String, "lead_type": pl.String, "status": pl.String,
                    "label": pl.Int8, "score": pl.Float64, "run_id": pl.String,
                    "decided_at": pl.Datetime("us")},
            orient="row",
        )
        pair_df = pl.DataFrame(
            [tuple(p) for p in pairs],
            schema={"lead_id": pl.String, "source": pl.String, "record_id": pl.String,
                    "person_key": pl.String, "belongs": pl.Boolean, "actor": pl.String,
                    "at": pl.Datetime("us"), "id": pl.Int64},
            orient="row",
        ).sort("id").unique(subset=["lead_id", "source", "record_id"], keep="last",
                            maintain_order=True).drop("id")
        return Labels(lead_df, pair_df)

    # ----------------------------------------------------------------- users
    def add_user(self, username: str, role: str, password_hash: str, *, actor: str) -> int:
        if role not in ROLES:
            raise StoreError(f"unknown role {role!r}; one of {', '.join(ROLES)}")
        now = utcnow()
        with self.session() as s:
            if s.scalar(select(User.id).where(User.username == username)) is not None:
                raise StoreError(f"user {username!r} exists")
            u = User(username=username, role=role, password_hash=password_hash, active=True,
                     created_at=now, failed_logins=0, locked_until=None)
            s.add(u)
            s.flush()
            s.add(AuditEntry(at=now, actor=actor, action="user_added",
                             details={"username": username, "role": role}))
            return int(u.id)

    def get_user(self, username: str) -> dict[str, Any] | None:
        with self.session() as s:
            u = s.scalars(select(User).where(User.username == username)).first()
            return None if u is None else self._user(u)

    @staticmethod
    def _user(u: User) -> dict[str, Any]:
        return {c: getattr(u, c) for c in ("id", "username", "role", "password_hash", "active",
                                           "created_at", "failed_logins", "locked_until")}

    def list_users(self) -> list[dict[str, Any]]:
        with self.session() as s:
            return [self._user(u) for u in s.scalars(select(User).order_by(User.username))]

    def update_user(self, username: str, **values: Any) -> None:
        """Change ``role``, ``password_hash``, ``active``, ``failed_logins``, ``locked_until``."""
        allowed = {"role", "password_hash", "active", "failed_logins", "locked_until"}
        bad = set(values) - allowed
        if bad:
            raise StoreError(f"cannot update {sorted(bad)}")
        if "role" in values and values["role"] not in ROLES:
            raise StoreError(f"unknown role {values['role']!r}")
        with self.session() as s:
            # an UPDATE's result is a CursorResult (the one with .rowcount); Session.execute is typed Result
            res = cast("CursorResult[Any]",
                       s.execute(update(User).where(User.username == username).values(**values)))
            n = res.rowcount
            if not n:
                raise StoreError(f"no user {username!r}")

    # ----------------------------------------------------------------- audit
    def append_audit(self, actor: str, action: str, *, lead_id: str | None = None,
                     run_id: str | None = None, details: Mapping[str, Any] | None = None) -> int:
        """Append one audit entry (the log is append-only; there is no update or delete)."""
        with self.session() as s:
            e = AuditEntry(at=utcnow(), actor=actor, action=action, lead_id=lead_id, run_id=run_id,
                           details=dict(details) if details is not None else None)
            s.add(e)
            s.flush()
            return int(e.id)

    def list_audit(self, filters: Mapping[str, Any] | None = None, *, limit: int = 1000,
                   offset: int = 0) -> list[dict[str, Any]]:
        """Audit entries, oldest first. ``filters``: ``actor``, ``action``, ``lead_id``,
        ``run_id`` (exact), ``since`` / ``until`` (datetimes, naive UTC)."""
        f = dict(filters or {})
        q = select(AuditEntry)
        for key in ("actor", "action", "lead_id", "run_id"):
            if f.get(key):
                q = q.where(getattr(AuditEntry, key) == f[key])
        if f.get("since"):
            q = q.where(AuditEntry.at >= f["since"])
        if f.get("until"):
            q = q.where(AuditEntry.at < f["until"])
        with self.session() as s:
            return [
                {c: getattr(e, c) for c in ("id", "at", "actor", "action", "lead_id", "run_id",
                                            "details")}
                for e in s.scalars(q.order_by(AuditEntry.id).offset(offset).limit(limit))
            ]

    # ------------------------------------------------------------------ diff
    def diff_runs(self, run_a: str, run_b: str, *,
                  score_tolerance: float | None = None) -> dict[str, Any]:
        """What changed from run A to run B: lead ids new in B, gone from A, persisting and
        changed (evidence or score beyond the tolerance), and counts by type."""
        from pipelines.store.changes import SCORE_TOLERANCE

        tol = SCORE_TOLERANCE if score_tolerance is None else score_tolerance
        frames = {}
        with self.session() as s:
            for ref in (run_a, run_b):
                rows = s.execute(select(Lead.lead_id, Lead.lead_type, Lead.score, Lead.evidence_hash)
                                 .where(Lead.run_id == ref)).all()
                frames[ref] = pl.DataFrame(rows, schema={"lead_id": pl.String, "lead_type": pl.String,
                                                         "score": pl.Float64,
                                                         "evidence_hash": pl.String}, orient="row")
        a, b = frames[run_a], frames[run_b]
        j = a.join(b, on="lead_id", how="full", suffix="_b", coalesce=True)
        kind = (
            pl.when(pl.col("score").is_null()).then(pl.lit("new"))
            .when(pl.col("score_b").is_null()).then(pl.lit("gone"))
            .when((pl.col("evidence_hash") != pl.col("evidence_hash_b"))
                  | ((pl.col("score") - pl.col("score_b")).abs() > tol)).then(pl.lit("changed"))
            .otherwise(pl.lit("persisting"))
        )
        j = j.with_columns(kind.alias("kind"),
                           pl.coalesce("lead_type_b", "lead_type").alias("type")).sort("lead_id")
        out: dict[str, Any] = {"run_a": run_a, "run_b": run_b, "leads_a": a.height,
                               "leads_b": b.height}
        for k in ("new", "persisting", "changed", "gone"):
            sub = j.filter(pl.col("kind") == k)
            out[k] = sub.height
            out[f"{k}_by_type"] = dict(sorted(sub.group_by("type").len().iter_rows()))
            out[f"{k}_ids"] = sub.get_column("lead_id").to_list()
        return out
