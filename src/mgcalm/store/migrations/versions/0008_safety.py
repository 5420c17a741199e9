"""The safety flow's own tables: safety events, magnesium stops and safety plans.

Events already in stored entries are carried over, so a clinician keeps seeing them: PHQ-9 item
9 above 0 and PCL-5 risk-taking (from each questionnaire's answers and its stored flags), and
check-ins marked as a crisis or with distress (the anxiety rating) of 9 or 10. Their wording is
filled in by the app when shown. Red flags written in older side effects' words, and sharp
worsenings, are not carried over: neither was ever flagged to a clinician before.

Revision ID: 0008_safety
Revises: 0007_trial_registration
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0008_safety"
down_revision = "0007_trial_registration"
branch_labels = None
depends_on = None

STAMP = sa.DateTime(timezone=True)
ID = sa.String(64)
HIGH_DISTRESS = 9
CRISIS_FLAGS = ("suicidal_ideation", "risky_behaviour")


def _person(table: str) -> sa.Column[str]:
    return sa.Column(
        "person_id",
        ID,
        sa.ForeignKey("people.id", ondelete="CASCADE", name=f"fk_{table}_person_id_people"),
        nullable=False,
    )


def upgrade() -> None:
    """Create the three tables, then carry over the events stored entries already hold."""
    op.create_table(
        "safety_events",
        _person("safety_events"),
        sa.Column("source_id", ID, nullable=False),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("origin", sa.String(24), nullable=False),
        sa.Column("level", sa.String(24), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("document", sa.JSON, nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("person_id", "source_id", "code", name="pk_safety_events"),
    )
    op.create_index("ix_safety_events_person_day", "safety_events", ["person_id", "day"])
    op.create_table(
        "magnesium_stops",
        _person("magnesium_stops"),
        sa.Column("id", ID, nullable=False),
        sa.Column("since", sa.Date, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("started_at", STAMP, nullable=False),
        sa.Column("resumed_on", sa.Date, nullable=True),
        sa.Column("resumed_at", STAMP, nullable=True),
        sa.Column("cleared_by", sa.Text, nullable=False, server_default=""),
        sa.Column("resume_reason", sa.Text, nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("person_id", "id", name="pk_magnesium_stops"),
    )
    op.create_table(
        "safety_plans",
        _person("safety_plans"),
        sa.Column("document", sa.JSON, nullable=False),
        sa.Column("updated_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("person_id", name="pk_safety_plans"),
    )
    _carry_over_events()


def _carry_over_events() -> None:
    """Insert an event for each crisis-level answer or check-in already stored."""
    conn = op.get_bind()
    entries = sa.table(
        "entries",
        sa.column("person_id", ID),
        sa.column("id", ID),
        sa.column("kind", sa.String(24)),
        sa.column("day", sa.Date),
        sa.column("document", sa.JSON),
        sa.column("created_at", STAMP),
    )
    events = sa.table(
        "safety_events",
        *(sa.column(name) for name in ("person_id", "source_id", "code", "origin", "level")),
        sa.column("day", sa.Date),
        sa.column("document", sa.JSON),
        sa.column("created_at", STAMP),
    )
    query = sa.select(entries).where(entries.c.kind.in_(("questionnaire", "checkin")))
    rows = [row for entry in conn.execute(query) for row in _events_of(entry)]
    if rows:
        conn.execute(events.insert(), rows)


def _events_of(entry: Any) -> list[dict[str, Any]]:
    """The event rows one stored entry stands for (none for most)."""
    document = entry.document if isinstance(entry.document, dict) else {}
    codes: list[str] = []
    if entry.kind == "questionnaire":
        # Older versions stored a client's score as sent, so the answers decide, not the flags.
        flags = set((document.get("score") or {}).get("flags") or ()) | _answer_flags(document)
        codes = [flag for flag in CRISIS_FLAGS if flag in flags]
    elif document.get("crisis"):
        codes = ["crisis_checkin"]
    elif isinstance(document.get("anxiety"), int) and document["anxiety"] >= HIGH_DISTRESS:
        codes = ["high_distress"]
    created = entry.created_at or datetime.now(UTC)
    detail = {"instrument": document.get("instrument")} if entry.kind == "questionnaire" else {}
    return [
        {
            "person_id": entry.person_id,
            "source_id": entry.id,
            "code": code,
            "origin": entry.kind,
            "level": "crisis",
            "day": entry.day,
            "document": {"carried_over": True, "detail": detail},
            "created_at": created,
        }
        for code in codes
    ]


def _answer_flags(document: dict[str, Any]) -> set[str]:
    """Crisis flags read from the stored answers themselves (PHQ-9 item 9, PCL-5 item 16).

    The published rules, written out here because a migration must not change when the app
    does: PHQ-9 item 9 above 0 (Kroenke 2001), PCL-5 item 16 (risky behaviour) at 3 or more.
    """
    answers = document.get("answers")
    if not isinstance(answers, list) or not all(isinstance(a, int) for a in answers):
        return set()
    instrument = document.get("instrument")
    if instrument == "phq9" and len(answers) >= 9 and answers[8] > 0:
        return {"suicidal_ideation"}
    if instrument in ("pcl5", "pcl5_week") and len(answers) >= 16 and answers[15] >= 3:
        return {"risky_behaviour"}
    return set()


def downgrade() -> None:
    """Drop the three tables (a downgrade loses the events, stops and safety plans)."""
    op.drop_table("safety_plans")
    op.drop_table("magnesium_stops")
    op.drop_index("ix_safety_events_person_day", table_name="safety_events")
    op.drop_table("safety_events")
