"""Entry revisions: the earlier content of every amended or deleted entry.

Revision ID: 0003_entry_revisions
Revises: 0002_clinic
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_entry_revisions"
down_revision = "0002_clinic"
branch_labels = None
depends_on = None

STAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create the entry_revisions table."""
    op.create_table(
        "entry_revisions",
        sa.Column(
            "person_id",
            sa.String(64),
            sa.ForeignKey(
                "people.id", ondelete="CASCADE", name="fk_entry_revisions_person_id_people"
            ),
            primary_key=True,
        ),
        sa.Column("entry_id", sa.String(64), primary_key=True),
        sa.Column("revision", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("reason", sa.Text, nullable=False, server_default=""),
        sa.Column("document", sa.JSON, nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("replaced_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("person_id", "entry_id", "revision", name="pk_entry_revisions"),
    )


def downgrade() -> None:
    """Drop the entry_revisions table."""
    op.drop_table("entry_revisions")
