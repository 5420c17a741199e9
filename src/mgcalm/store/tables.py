"""The tables: people, versioned profiles and plans, trial phases, outcome choices, entries.

Every row is keyed by ``person_id`` (clinic mode holds many people). Entries keep their validated
JSON document beside the columns that queries filter on (kind, day): every series is read whole for
analysis, and the document's model in ``mgcalm.domain.entries`` is its schema.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

ID = sa.String(64)
DIGEST = sa.String(64)
STAMP = sa.DateTime(timezone=True)


def _person_fk() -> sa.Column[str]:
    return sa.Column(
        "person_id", ID, sa.ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )


people = sa.Table(
    "people",
    metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("display_name", sa.String(120), nullable=False, server_default=""),
    sa.Column("created_at", STAMP, nullable=False),
    sa.Column("updated_at", STAMP, nullable=False),
)

profile_versions = sa.Table(
    "profile_versions",
    metadata,
    _person_fk(),
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("document", sa.JSON, nullable=False),
    sa.Column("digest", DIGEST, nullable=False),
    sa.Column("created_at", STAMP, nullable=False),
)

plan_versions = sa.Table(
    "plan_versions",
    metadata,
    _person_fk(),
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("profile_version", sa.Integer, nullable=False),
    sa.Column("document", sa.JSON, nullable=False),
    sa.Column("digest", DIGEST, nullable=False),
    sa.Column("active_from", sa.Date, nullable=False),
    sa.Column("active_to", sa.Date, nullable=True),
    sa.Column("created_at", STAMP, nullable=False),
    sa.Column("updated_at", STAMP, nullable=False),
)

phases = sa.Table(
    "phases",
    metadata,
    _person_fk(),
    sa.Column("id", ID, primary_key=True),
    sa.Column("phase", sa.String(20), nullable=False),
    sa.Column("start", sa.Date, nullable=False),
    sa.Column("end", sa.Date, nullable=True),
    sa.Column("digest", DIGEST, nullable=False),
    sa.Column("created_at", STAMP, nullable=False),
    sa.Column("updated_at", STAMP, nullable=False),
)

outcome_choices = sa.Table(
    "outcome_choices",
    metadata,
    _person_fk(),
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("outcome", sa.String(40), nullable=False),
    sa.Column("chosen_on", sa.Date, nullable=False),
    sa.Column("reason", sa.Text, nullable=False, server_default=""),
    sa.Column("after_start", sa.Boolean, nullable=False),
    sa.Column("created_at", STAMP, nullable=False),
)

entries = sa.Table(
    "entries",
    metadata,
    _person_fk(),
    sa.Column("id", ID, primary_key=True),
    sa.Column("kind", sa.String(24), nullable=False),
    sa.Column("day", sa.Date, nullable=False),
    sa.Column("document", sa.JSON, nullable=False),
    sa.Column("digest", DIGEST, nullable=False),
    sa.Column("created_at", STAMP, nullable=False),
    sa.Column("updated_at", STAMP, nullable=False),
    sa.Index("ix_entries_person_kind_day", "person_id", "kind", "day"),
    sa.Index("ix_entries_person_day", "person_id", "day"),
)

# Earlier versions of amended and deleted entries: a correction is explicit and kept, never silent.
entry_revisions = sa.Table(
    "entry_revisions",
    metadata,
    _person_fk(),
    sa.Column("entry_id", ID, primary_key=True),
    sa.Column("revision", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("action", sa.String(10), nullable=False),
    sa.Column("reason", sa.Text, nullable=False, server_default=""),
    sa.Column("document", sa.JSON, nullable=False),
    sa.Column("digest", DIGEST, nullable=False),
    sa.Column("created_at", STAMP, nullable=False),
    sa.Column("replaced_at", STAMP, nullable=False),
)

ALL_TABLES = (
    people,
    profile_versions,
    plan_versions,
    phases,
    outcome_choices,
    entries,
    entry_revisions,
)
