"""Repository: each person's private calendar feed, found by its token's digest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mgcalm.store.records import as_utc
from mgcalm.store.settings_tables import calendar_feeds


@dataclass(frozen=True, slots=True)
class FeedRecord:
    """A person's feed: the digest of its token, its time zone and when it was made."""

    person_id: str
    digest: str
    tz: str
    created_at: datetime


def replace_feed(conn: Connection, person_id: str, digest: str, tz: str, now: datetime) -> None:
    """Make ``digest`` the person's one feed (any earlier one stops working)."""
    conn.execute(calendar_feeds.delete().where(calendar_feeds.c.person_id == person_id))
    conn.execute(
        calendar_feeds.insert().values(person_id=person_id, digest=digest, tz=tz, created_at=now)
    )


def delete_feed(conn: Connection, person_id: str) -> bool:
    """Stop the person's feed; False when there was none."""
    statement = calendar_feeds.delete().where(calendar_feeds.c.person_id == person_id)
    return conn.execute(statement).rowcount > 0


def feed_of_person(conn: Connection, person_id: str) -> FeedRecord | None:
    """The person's feed, or None."""
    query = sa.select(calendar_feeds).where(calendar_feeds.c.person_id == person_id)
    row = conn.execute(query).first()
    return None if row is None else _feed(row)


def feed_by_digest(conn: Connection, digest: str) -> FeedRecord | None:
    """The feed whose token has this digest, or None (looked up by index, not compared in turn)."""
    row = conn.execute(sa.select(calendar_feeds).where(calendar_feeds.c.digest == digest)).first()
    return None if row is None else _feed(row)


def _feed(row: sa.Row[object]) -> FeedRecord:
    return FeedRecord(row.person_id, row.digest, row.tz, as_utc(row.created_at))
