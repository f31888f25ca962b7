"""Index documents by outlet and time, for the geo stage's outlet history

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("documents_source_ingested", "documents", ["source", "ingested_at"])


def downgrade() -> None:
    op.drop_index("documents_source_ingested", table_name="documents")
