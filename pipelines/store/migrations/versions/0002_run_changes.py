"""Between-runs summary on each run (``runs.changes``) and an index to find the leads a record
supports across runs.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("runs") as batch:
        batch.add_column(sa.Column("changes", sa.JSON(), nullable=True))
    op.create_index("ix_lead_evidence_record", "lead_evidence", ["source", "record_id"])


def downgrade() -> None:
    op.drop_index("ix_lead_evidence_record", table_name="lead_evidence")
    with op.batch_alter_table("runs") as batch:
        batch.drop_column("changes")
