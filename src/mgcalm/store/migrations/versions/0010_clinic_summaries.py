"""Per-person summaries for the clinician dashboard, kept up to date on every write.

``clinic_day_summaries`` holds each person's doses taken and missed, side effects and crisis
check-ins per day; ``clinic_person_summaries`` their latest questionnaires' answers and the
active plan's doses a day. Both are filled from the data already stored, so the dashboard shows
the same rows before and after the upgrade.

Revision ID: 0010_clinic_summaries
Revises: 0009_password_reset_by
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from mgcalm.store.clinic.summaries import rebuild

revision = "0010_clinic_summaries"
down_revision = "0009_password_reset_by"
branch_labels = None
depends_on = None

ID = sa.String(64)


def _person(table: str) -> sa.Column[str]:
    return sa.Column(
        "person_id",
        ID,
        sa.ForeignKey("people.id", ondelete="CASCADE", name=f"fk_{table}_person_id_people"),
        nullable=False,
    )


def upgrade() -> None:
    """Create both tables and fill them from the stored entries and plans."""
    op.create_table(
        "clinic_day_summaries",
        _person("clinic_day_summaries"),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("doses_taken", sa.Integer, nullable=False),
        sa.Column("doses_missed", sa.Integer, nullable=False),
        sa.Column("side_effects", sa.Integer, nullable=False),
        sa.Column("crises", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("person_id", "day", name="pk_clinic_day_summaries"),
    )
    op.create_index("ix_clinic_day_summaries_day", "clinic_day_summaries", ["day"])
    op.create_table(
        "clinic_person_summaries",
        _person("clinic_person_summaries"),
        sa.Column("scores", sa.JSON, nullable=False),
        sa.Column("doses_per_day", sa.Integer, nullable=True),
        sa.PrimaryKeyConstraint("person_id", name="pk_clinic_person_summaries"),
    )
    rebuild(op.get_bind())


def downgrade() -> None:
    """Drop both tables (they only ever held what the source tables hold)."""
    op.drop_table("clinic_person_summaries")
    op.drop_table("clinic_day_summaries")
