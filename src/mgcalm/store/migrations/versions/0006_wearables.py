"""Values from the person's own wearable (one per source, day and measure) and device choices.

Revision ID: 0006_wearables
Revises: 0005_paired_devices
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_wearables"
down_revision = "0005_paired_devices"
branch_labels = None
depends_on = None

STAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create the wearable_values and wearable_settings tables."""
    op.create_table(
        "wearable_values",
        sa.Column(
            "person_id",
            sa.String(64),
            sa.ForeignKey(
                "people.id", ondelete="CASCADE", name="fk_wearable_values_person_id_people"
            ),
            nullable=False,
        ),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("measure", sa.String(32), nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("device", sa.String(120), nullable=False),
        sa.Column("imported_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("person_id", "source", "day", "measure", name="pk_wearable_values"),
    )
    op.create_table(
        "wearable_settings",
        sa.Column(
            "person_id",
            sa.String(64),
            sa.ForeignKey(
                "people.id", ondelete="CASCADE", name="fk_wearable_settings_person_id_people"
            ),
            nullable=False,
        ),
        sa.Column("preferred_devices", sa.Text, nullable=False),
        sa.Column("updated_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("person_id", name="pk_wearable_settings"),
    )


def downgrade() -> None:
    """Drop both tables (a downgrade loses the imported values)."""
    op.drop_table("wearable_settings")
    op.drop_table("wearable_values")
