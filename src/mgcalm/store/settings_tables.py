"""Tables for what used to be files beside the database: calendar-feed tokens and preferences.

Keeping them in the database means every host of a clinic sees the same ones, and "delete
everything", backups and a person's deletion reach them like everything else. A feed token is
stored only as its SHA-256 digest, so a copy of the database cannot read anyone's feed.
"""

from __future__ import annotations

import sqlalchemy as sa

from mgcalm.store.tables import DIGEST, ID, STAMP, metadata

calendar_feeds = sa.Table(
    "calendar_feeds",
    metadata,
    # One feed per person: a new token replaces the old one.
    sa.Column("person_id", ID, sa.ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("digest", DIGEST, nullable=False, unique=True),
    sa.Column("tz", sa.String(64), nullable=False),
    sa.Column("created_at", STAMP, nullable=False),
)

# ``scope`` says whose setting it is: ``app`` for the whole installation (a clinic's region and
# units are the clinic's own).
preferences = sa.Table(
    "preferences",
    metadata,
    sa.Column("scope", ID, primary_key=True),
    sa.Column("key", sa.String(40), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("updated_at", STAMP, nullable=False),
)

SETTINGS_TABLES = (calendar_feeds, preferences)
