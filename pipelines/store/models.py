"""SQLAlchemy 2 models of the run store (one declarative metadata for every table).

The schema is created and upgraded by the Alembic migrations in
``pipelines/store/migrations``; this module describes the same tables for the ORM
and for the migration test that compares the two. Timestamps are naive UTC.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

RUN_STATUSES = ("running", "finishing", "complete", "failed")
LEAD_STATUSES = (
    "new", "in_review", "confirmed_concealment", "confirmed_under_reporting", "false_lead",
    "inconclusive",
)
LEAD_CHANGES = ("new", "persisting", "changed", "reopened")
ROLES = ("investigator", "supervisor", "auditor", "admin")

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Run(Base):
    """One ``crosscheck run``. Only ``complete`` runs count as a previous run."""

    __tablename__ = "runs"
    run_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(16), index=True)
    input_dir: Mapped[str] = mapped_column(Text)
    out_dir: Mapped[str] = mapped_column(Text)
    code_version: Mapped[str] = mapped_column(String(128))
    parameters: Mapped[dict[str, Any]] = mapped_column(JSON)
    manifest: Mapped[dict[str, Any]] = mapped_column(JSON)
    period: Mapped[str | None] = mapped_column(String(32))
    previous_run_id: Mapped[str | None] = mapped_column(String(128))
    # added by revision 0002: counts of new/persisting/changed/reopened/gone/suppressed leads
    changes: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class RunInput(Base):
    __tablename__ = "run_inputs"
    run_id: Mapped[str] = mapped_column(ForeignKey("runs.run_id", ondelete="CASCADE"), primary_key=True)
    source: Mapped[str] = mapped_column(String(32), primary_key=True)
    file: Mapped[str | None] = mapped_column(Text)
    sha256: Mapped[str | None] = mapped_column(String(128))
    read: Mapped[int] = mapped_column(Integer)
    accepted: Mapped[int] = mapped_column(Integer)
    quarantined: Mapped[int] = mapped_column(Integer)


class Lead(Base):
    """A lead as raised by one run (contract ``leads`` row + how it changed since the last run)."""

    __tablename__ = "leads"
    run_id: Mapped[str] = mapped_column(ForeignKey("runs.run_id", ondelete="CASCADE"), primary_key=True)
    lead_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    rank: Mapped[int] = mapped_column(Integer)
    score: Mapped[float] = mapped_column(Float)
    lead_type: Mapped[str] = mapped_column(String(32))
    accident_id: Mapped[str | None] = mapped_column(String(128))
    reported_deaths: Mapped[int | None] = mapped_column(Integer)
    evidenced_deaths: Mapped[int | None] = mapped_column(Integer)
    reported_grade: Mapped[str | None] = mapped_column(String(8))
    evidenced_grade: Mapped[str | None] = mapped_column(String(8))
    persons: Mapped[int] = mapped_column(Integer)
    employer_name: Mapped[str | None] = mapped_column(Text)
    employer_uscc: Mapped[str | None] = mapped_column(String(32))
    event_date: Mapped[str | None] = mapped_column(String(10))   # ISO date
    region_code: Mapped[str | None] = mapped_column(String(6))
    reasons_zh: Mapped[str] = mapped_column(Text)
    reasons_en: Mapped[str] = mapped_column(Text)
    change: Mapped[str] = mapped_column(String(16))
    evidence_hash: Mapped[str] = mapped_column(String(128))

    __table_args__ = (Index("ix_leads_lead_id", "lead_id"),)


class LeadEvidence(Base):
    __tablename__ = "lead_evidence"
    run_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    lead_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    source: Mapped[str] = mapped_column(String(32), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    person_key: Mapped[str | None] = mapped_column(String(128))
    match_probability: Mapped[float | None] = mapped_column(Float)
    is_new: Mapped[bool] = mapped_column(Boolean)

    __table_args__ = (
        ForeignKeyConstraint(["run_id", "lead_id"], ["leads.run_id", "leads.lead_id"], ondelete="CASCADE"),
        # added by revision 0002: which leads a record supports, across runs
        Index("ix_lead_evidence_record", "source", "record_id"),
    )


class LeadSignal(Base):
    __tablename__ = "lead_signals"
    run_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    lead_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    signal: Mapped[str] = mapped_column(String(128), primary_key=True)
    value: Mapped[str | None] = mapped_column(Text)
    contribution: Mapped[float | None] = mapped_column(Float)
    text_zh: Mapped[str | None] = mapped_column(Text)
    text_en: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        ForeignKeyConstraint(["run_id", "lead_id"], ["leads.run_id", "leads.lead_id"], ondelete="CASCADE"),
    )


class EvidenceRecord(Base):
    """The content of one evidence record as read in one run (for dossiers and review)."""

    __tablename__ = "evidence_records"
    run_id: Mapped[str] = mapped_column(ForeignKey("runs.run_id", ondelete="CASCADE"), primary_key=True)
    source: Mapped[str] = mapped_column(String(32), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)


class LeadState(Base):
    """Investigators' view of a lead across runs (keyed by the stable ``lead_id``)."""

    __tablename__ = "lead_state"
    lead_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    status: Mapped[str] = mapped_column(String(32), index=True)
    assignee: Mapped[str | None] = mapped_column(String(128))
    first_seen_run: Mapped[str] = mapped_column(String(128))
    last_seen_run: Mapped[str] = mapped_column(String(128))
    evidence_hash_at_decision: Mapped[str | None] = mapped_column(String(128))
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class LeadStatusHistory(Base):
    __tablename__ = "lead_status_history"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    lead_id: Mapped[str] = mapped_column(String(128), index=True)
    run_id: Mapped[str | None] = mapped_column(String(128))
    from_status: Mapped[str | None] = mapped_column(String(32))
    to_status: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(128))
    comment: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime)


class EvidenceDecision(Base):
    """An investigator's call that a record does (not) belong to its person."""

    __tablename__ = "evidence_decisions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    lead_id: Mapped[str] = mapped_column(String(128), index=True)
    source: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str] = mapped_column(String(128))
    person_key: Mapped[str | None] = mapped_column(String(128))
    belongs: Mapped[bool] = mapped_column(Boolean)
    actor: Mapped[str] = mapped_column(String(128))
    comment: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime)


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(128), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)


class AuditEntry(Base):
    """Append-only: database triggers refuse UPDATE and DELETE on this table."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(128))
    lead_id: Mapped[str | None] = mapped_column(String(128), index=True)
    run_id: Mapped[str | None] = mapped_column(String(128))
    details: Mapped[dict[str, Any] | None] = mapped_column(JSON)
