"""Calendar-feed tokens and preferences move from files in the data directory into the database.

Revision ID: 0004_feeds_preferences
Revises: 0003_entry_revisions
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_feeds_preferences"
down_revision = "0003_entry_revisions"
branch_labels = None
depends_on = None

STAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create the calendar_feeds and preferences tables."""
    op.create_table(
        "calendar_feeds",
        sa.Column(
            "person_id",
            sa.String(64),
            sa.ForeignKey(
                "people.id", ondelete="CASCADE", name="fk_calendar_feeds_person_id_people"
            ),
            nullable=False,
        ),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("tz", sa.String(64), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("person_id", name="pk_calendar_feeds"),
        sa.UniqueConstraint("digest", name="uq_calendar_feeds_digest"),
    )
    op.create_table(
        "preferences",
        sa.Column("scope", sa.String(64), nullable=False),
        sa.Column("key", sa.String(40), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("updated_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("scope", "key", name="pk_preferences"),
    )


def downgrade() -> None:
    """Drop both tables (a downgrade loses the feeds and preferences they hold)."""
    op.drop_table("preferences")
    op.drop_table("calendar_feeds")
