"""Initial schema: people, profile and plan versions, phases, outcome choices, entries.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.String(64)
DIGEST = sa.String(64)
STAMP = sa.DateTime(timezone=True)


def _person_fk(table: str) -> sa.Column[str]:
    return sa.Column(
        "person_id",
        ID,
        sa.ForeignKey("people.id", ondelete="CASCADE", name=f"fk_{table}_person_id_people"),
        primary_key=True,
    )


def upgrade() -> None:
    """Create every table."""
    op.create_table(
        "people",
        sa.Column("id", ID, primary_key=True),
        sa.Column("display_name", sa.String(120), nullable=False, server_default=""),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("updated_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_people"),
    )
    op.create_table(
        "profile_versions",
        _person_fk("profile_versions"),
        sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("document", sa.JSON, nullable=False),
        sa.Column("digest", DIGEST, nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("person_id", "version", name="pk_profile_versions"),
    )
    op.create_table(
        "plan_versions",
        _person_fk("plan_versions"),
        sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("profile_version", sa.Integer, nullable=False),
        sa.Column("document", sa.JSON, nullable=False),
        sa.Column("digest", DIGEST, nullable=False),
        sa.Column("active_from", sa.Date, nullable=False),
        sa.Column("active_to", sa.Date, nullable=True),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("updated_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("person_id", "version", name="pk_plan_versions"),
    )
    op.create_table(
        "phases",
        _person_fk("phases"),
        sa.Column("id", ID, primary_key=True),
        sa.Column("phase", sa.String(20), nullable=False),
        sa.Column("start", sa.Date, nullable=False),
        sa.Column("end", sa.Date, nullable=True),
        sa.Column("digest", DIGEST, nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("updated_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("person_id", "id", name="pk_phases"),
    )
    op.create_table(
        "outcome_choices",
        _person_fk("outcome_choices"),
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("outcome", sa.String(40), nullable=False),
        sa.Column("chosen_on", sa.Date, nullable=False),
        sa.Column("reason", sa.Text, nullable=False, server_default=""),
        sa.Column("after_start", sa.Boolean, nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("person_id", "seq", name="pk_outcome_choices"),
    )
    op.create_table(
        "entries",
        _person_fk("entries"),
        sa.Column("id", ID, primary_key=True),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("document", sa.JSON, nullable=False),
        sa.Column("digest", DIGEST, nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("updated_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("person_id", "id", name="pk_entries"),
    )
    op.create_index("ix_entries_person_kind_day", "entries", ["person_id", "kind", "day"])
    op.create_index("ix_entries_person_day", "entries", ["person_id", "day"])


def downgrade() -> None:
    """Drop every table (children first)."""
    for table in ("entries", "outcome_choices", "phases", "plan_versions", "profile_versions"):
        op.drop_table(table)
    op.drop_table("people")
