"""Tables of the safety flow: safety events, magnesium stops and the person's safety plan.

- ``safety_events``: one row per event (a crisis-level answer, a check-in in crisis, distress
  9–10, a sharp worsening, a magnesium red flag, a stop), keyed by what raised it and its code.
  A questionnaire answer is stored the moment it is given, keyed by the questionnaire's own id,
  so finishing the questionnaire later adds nothing twice. Rows are never changed.
- ``magnesium_stops``: a stop is a state. While a row has no ``resumed_at`` no dose is due, and
  resuming records who said it was safe and why.
- ``safety_plans``: the person's Stanley–Brown plan as a document, one per person.
"""

from __future__ import annotations

import sqlalchemy as sa

from mgcalm.store.tables import ID, STAMP, metadata


def _person() -> sa.Column[str]:
    return sa.Column(
        "person_id", ID, sa.ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )


safety_events = sa.Table(
    "safety_events",
    metadata,
    _person(),
    sa.Column("source_id", ID, primary_key=True),
    sa.Column("code", sa.String(40), primary_key=True),
    sa.Column("origin", sa.String(24), nullable=False),
    sa.Column("level", sa.String(24), nullable=False),
    sa.Column("day", sa.Date, nullable=False),
    sa.Column("document", sa.JSON, nullable=False),
    sa.Column("created_at", STAMP, nullable=False),
    sa.Index("ix_safety_events_person_day", "person_id", "day"),
)

magnesium_stops = sa.Table(
    "magnesium_stops",
    metadata,
    _person(),
    sa.Column("id", ID, primary_key=True),
    sa.Column("since", sa.Date, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("started_at", STAMP, nullable=False),
    sa.Column("resumed_on", sa.Date, nullable=True),
    sa.Column("resumed_at", STAMP, nullable=True),
    sa.Column("cleared_by", sa.Text, nullable=False, server_default=""),
    sa.Column("resume_reason", sa.Text, nullable=False, server_default=""),
)

safety_plans = sa.Table(
    "safety_plans",
    metadata,
    _person(),
    sa.Column("document", sa.JSON, nullable=False),
    sa.Column("updated_at", STAMP, nullable=False),
)

SAFETY_TABLES = (safety_events, magnesium_stops, safety_plans)
