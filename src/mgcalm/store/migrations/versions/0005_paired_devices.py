"""Paired devices, one-time pairing codes, and entries logged before onboarding.

Revision ID: 0005_paired_devices
Revises: 0004_feeds_preferences
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_paired_devices"
down_revision = "0004_feeds_preferences"
branch_labels = None
depends_on = None

ID = sa.String(64)
DIGEST = sa.String(64)
STAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create the devices, pairing_codes and pending_entries tables."""
    op.create_table(
        "devices",
        sa.Column("id", ID, nullable=False),
        sa.Column("digest", DIGEST, nullable=False),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("last_seen_at", STAMP, nullable=False),
        sa.Column("expires_at", STAMP, nullable=False),
        sa.Column("revoked_at", STAMP, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_devices"),
        sa.UniqueConstraint("digest", name="uq_devices_digest"),
    )
    op.create_table(
        "pairing_codes",
        sa.Column("digest", DIGEST, nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("expires_at", STAMP, nullable=False),
        sa.Column("used_at", STAMP, nullable=True),
        sa.PrimaryKeyConstraint("digest", name="pk_pairing_codes"),
    )
    op.create_table(
        "pending_entries",
        sa.Column("owner", ID, nullable=False),
        sa.Column("id", ID, nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("document", sa.JSON, nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("owner", "id", name="pk_pending_entries"),
    )


def downgrade() -> None:
    """Drop the three tables."""
    op.drop_table("pending_entries")
    op.drop_table("pairing_codes")
    op.drop_table("devices")
