"""Accounts remember which admin last set their password, until the person sets their own.

While it is set, everything read with that account is audited (an admin who reset a person's
password could otherwise read everything as them, with only the reset on record).

Revision ID: 0009_password_reset_by
Revises: 0008_safety
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_password_reset_by"
down_revision = "0008_safety"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add accounts.password_reset_by (the admin's username, or NULL)."""
    with op.batch_alter_table("accounts") as batch:
        batch.add_column(sa.Column("password_reset_by", sa.String(80), nullable=True))


def downgrade() -> None:
    """Drop the column again."""
    with op.batch_alter_table("accounts") as batch:
        batch.drop_column("password_reset_by")
