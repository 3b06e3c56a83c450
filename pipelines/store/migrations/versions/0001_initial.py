"""The run store's first schema: runs, inputs, leads and their evidence, investigators' state,
users and the append-only audit log.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_SQLITE_TRIGGERS = [
    """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""",
    """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""",
]
_PG_TRIGGERS = [
    """CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit_log is append-only'; END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
       FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()""",
    """CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
       FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()""",
]


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("run_id", sa.String(128), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("input_dir", sa.Text(), nullable=False),
        sa.Column("out_dir", sa.Text(), nullable=False),
        sa.Column("code_version", sa.String(128), nullable=False),
        sa.Column("parameters", sa.JSON(), nullable=False),
        sa.Column("manifest", sa.JSON(), nullable=False),
        sa.Column("period", sa.String(32), nullable=True),
        sa.Column("previous_run_id", sa.String(128), nullable=True),
        sa.PrimaryKeyConstraint("run_id", name="pk_runs"),
    )
    op.create_index("ix_runs_status", "runs", ["status"])
    op.create_table(
        "run_inputs",
        sa.Column("run_id", sa.String(128), nullable=False),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("file", sa.Text(), nullable=True),
        sa.Column("sha256", sa.String(128), nullable=True),
        sa.Column("read", sa.Integer(), nullable=False),
        sa.Column("accepted", sa.Integer(), nullable=False),
        sa.Column("quarantined", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["runs.run_id"], ondelete="CASCADE",
                                name="fk_run_inputs_run_id_runs"),
        sa.PrimaryKeyConstraint("run_id", "source", name="pk_run_inputs"),
    )
    op.create_table(
        "leads",
        sa.Column("run_id", sa.String(128), nullable=False),
        sa.Column("lead_id", sa.String(128), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("lead_type", sa.String(32), nullable=False),
        sa.Column("accident_id", sa.String(128), nullable=True),
        sa.Column("reported_deaths", sa.Integer(), nullable=True),
        sa.Column("evidenced_deaths", sa.Integer(), nullable=True),
        sa.Column("reported_grade", sa.String(8), nullable=True),
        sa.Column("evidenced_grade", sa.String(8), nullable=True),
        sa.Column("persons", sa.Integer(), nullable=False),
        sa.Column("employer_name", sa.Text(), nullable=True),
        sa.Column("employer_uscc", sa.String(32), nullable=True),
        sa.Column("event_date", sa.String(10), nullable=True),
        sa.Column("region_code", sa.String(6), nullable=True),
        sa.Column("reasons_zh", sa.Text(), nullable=False),
        sa.Column("reasons_en", sa.Text(), nullable=False),
        sa.Column("change", sa.String(16), nullable=False),
        sa.Column("evidence_hash", sa.String(128), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["runs.run_id"], ondelete="CASCADE",
                                name="fk_leads_run_id_runs"),
        sa.PrimaryKeyConstraint("run_id", "lead_id", name="pk_leads"),
    )
    op.create_index("ix_leads_lead_id", "leads", ["lead_id"])
    op.create_table(
        "lead_evidence",
        sa.Column("run_id", sa.String(128), nullable=False),
        sa.Column("lead_id", sa.String(128), nullable=False),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("record_id", sa.String(128), nullable=False),
        sa.Column("person_key", sa.String(128), nullable=True),
        sa.Column("match_probability", sa.Float(), nullable=True),
        sa.Column("is_new", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["run_id", "lead_id"], ["leads.run_id", "leads.lead_id"],
                                ondelete="CASCADE", name="fk_lead_evidence_run_id_leads"),
        sa.PrimaryKeyConstraint("run_id", "lead_id", "source", "record_id", name="pk_lead_evidence"),
    )
    op.create_table(
        "lead_signals",
        sa.Column("run_id", sa.String(128), nullable=False),
        sa.Column("lead_id", sa.String(128), nullable=False),
        sa.Column("signal", sa.String(128), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("contribution", sa.Float(), nullable=True),
        sa.Column("text_zh", sa.Text(), nullable=True),
        sa.Column("text_en", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["run_id", "lead_id"], ["leads.run_id", "leads.lead_id"],
                                ondelete="CASCADE", name="fk_lead_signals_run_id_leads"),
        sa.PrimaryKeyConstraint("run_id", "lead_id", "signal", name="pk_lead_signals"),
    )
    op.create_table(
        "evidence_records",
        sa.Column("run_id", sa.String(128), nullable=False),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("record_id", sa.String(128), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["runs.run_id"], ondelete="CASCADE",
                                name="fk_evidence_records_run_id_runs"),
        sa.PrimaryKeyConstraint("run_id", "source", "record_id", name="pk_evidence_records"),
    )
    op.create_table(
        "lead_state",
        sa.Column("lead_id", sa.String(128), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("assignee", sa.String(128), nullable=True),
        sa.Column("first_seen_run", sa.String(128), nullable=False),
        sa.Column("last_seen_run", sa.String(128), nullable=False),
        sa.Column("evidence_hash_at_decision", sa.String(128), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("lead_id", name="pk_lead_state"),
    )
    op.create_index("ix_lead_state_status", "lead_state", ["status"])
    op.create_table(
        "lead_status_history",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("lead_id", sa.String(128), nullable=False),
        sa.Column("run_id", sa.String(128), nullable=True),
        sa.Column("from_status", sa.String(32), nullable=True),
        sa.Column("to_status", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_lead_status_history"),
    )
    op.create_index("ix_lead_status_history_lead_id", "lead_status_history", ["lead_id"])
    op.create_table(
        "evidence_decisions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("lead_id", sa.String(128), nullable=False),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("record_id", sa.String(128), nullable=False),
        sa.Column("person_key", sa.String(128), nullable=True),
        sa.Column("belongs", sa.Boolean(), nullable=False),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_evidence_decisions"),
    )
    op.create_index("ix_evidence_decisions_lead_id", "evidence_decisions", ["lead_id"])
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("username", sa.String(128), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("username", name="uq_users_username"),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("action", sa.String(128), nullable=False),
        sa.Column("lead_id", sa.String(128), nullable=True),
        sa.Column("run_id", sa.String(128), nullable=True),
        sa.Column("details", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_index("ix_audit_log_lead_id", "audit_log", ["lead_id"])
    dialect = op.get_bind().dialect.name
    for stmt in _PG_TRIGGERS if dialect == "postgresql" else _SQLITE_TRIGGERS:
        op.execute(stmt)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update ON audit_log")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")
    for table in ("audit_log", "users", "evidence_decisions", "lead_status_history", "lead_state",
                  "evidence_records", "lead_signals", "lead_evidence", "leads", "run_inputs", "runs"):
        op.drop_table(table)
