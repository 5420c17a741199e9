"""The trial's pre-registration, its sealed allocation and the blinding guesses.

Revision ID: 0007_trial_registration
Revises: 0006_wearables
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_trial_registration"
down_revision = "0006_wearables"
branch_labels = None
depends_on = None

STAMP = sa.DateTime(timezone=True)


def _person(table: str) -> sa.Column[str]:
    return sa.Column(
        "person_id",
        sa.String(64),
        sa.ForeignKey("people.id", ondelete="CASCADE", name=f"fk_{table}_person_id_people"),
        nullable=False,
    )


def upgrade() -> None:
    """Create trial_registrations, trial_allocations and blinding_guesses."""
    op.create_table(
        "trial_registrations",
        _person("trial_registrations"),
        sa.Column("design", sa.String(20), nullable=False),
        sa.Column("blinded", sa.Boolean, nullable=False),
        sa.Column("start", sa.Date, nullable=False),
        sa.Column("planned_end", sa.Date, nullable=False),
        sa.Column("pairs", sa.Integer, nullable=True),
        sa.Column("period_days", sa.Integer, nullable=True),
        sa.Column("baseline_days", sa.Integer, nullable=False),
        sa.Column("transition_days", sa.Integer, nullable=False),
        sa.Column("primary_outcome", sa.String(40), nullable=True),
        sa.Column("registered_on", sa.Date, nullable=False),
        sa.Column("seal", sa.String(64), nullable=True),
        sa.Column("created_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("person_id", name="pk_trial_registrations"),
    )
    op.create_table(
        "trial_allocations",
        _person("trial_allocations"),
        sa.Column("seed", sa.BigInteger, nullable=False),
        sa.Column("conditions", sa.JSON, nullable=False),
        sa.Column("unblinded_on", sa.Date, nullable=True),
        sa.Column("unblind_reason", sa.Text, nullable=False, server_default=""),
        sa.Column("unblinded_at", STAMP, nullable=True),
        sa.PrimaryKeyConstraint("person_id", name="pk_trial_allocations"),
    )
    op.create_table(
        "blinding_guesses",
        _person("blinding_guesses"),
        sa.Column("seq", sa.Integer, nullable=False, autoincrement=False),
        sa.Column("period", sa.Integer, nullable=False),
        sa.Column("guess", sa.String(12), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("person_id", "seq", name="pk_blinding_guesses"),
    )


def downgrade() -> None:
    """Drop the three tables (a downgrade loses the registration, allocation and guesses)."""
    op.drop_table("blinding_guesses")
    op.drop_table("trial_allocations")
    op.drop_table("trial_registrations")
