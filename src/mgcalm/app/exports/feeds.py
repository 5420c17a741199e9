"""Use case: the private calendar feed (``/calendar/<token>.ics``) a calendar app subscribes to.

The feed is keyed by a random token. Only the token's SHA-256 is kept, in the database's
``calendar_feeds`` table, so a copy of the database (or a backup) cannot be used to read the feed,
and every host of a clinic knows every feed. Creating a token replaces the person's old one;
revoking removes it; deleting the person deletes their feed with them.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from mgcalm.app.core import App
from mgcalm.app.exports.calendar import calendar_text
from mgcalm.app.legacy_files import FEEDS_FILE as FEEDS_FILE
from mgcalm.domain.entries import NotFoundError
from mgcalm.interop.ics import zone
from mgcalm.store import feeds as feeds_repo


def create_calendar_token(app: App, person_id: str, tz: str) -> str:
    """A new private feed token for the person (any old one stops working)."""
    zone(tz)
    person = app.person(person_id)
    token = secrets.token_urlsafe(32)
    with app.store.write() as conn:
        feeds_repo.replace_feed(conn, person.id, _digest(token), tz, app.now())
    return token


def revoke_calendar_token(app: App, person_id: str) -> bool:
    """Stop the person's feed; False when there was none."""
    with app.store.write() as conn:
        return feeds_repo.delete_feed(conn, person_id)


def calendar_feed_info(app: App, person_id: str) -> dict[str, str] | None:
    """Whether the person has a feed, its time zone and when it was made (never the token)."""
    with app.store.read() as conn:
        found = feeds_repo.feed_of_person(conn, person_id)
    return None if found is None else {"tz": found.tz, "created": found.created_at.isoformat()}


def calendar_feed(app: App, token: str) -> str | None:
    """The calendar behind a feed token, or None for an unknown or revoked token."""
    with app.store.read() as conn:
        feed = feeds_repo.feed_by_digest(conn, _digest(token))
    if feed is None:
        return None
    try:
        return calendar_text(app, feed.person_id, feed.tz)
    except NotFoundError:
        return None  # deleted between the two reads; the feed went with them


def new_feed(app: App, person_id: str | None, tz: str) -> dict[str, str]:
    """Make a new feed token and say where to subscribe (the address holds the token)."""
    person = app.person(person_id)
    token = create_calendar_token(app, person.id, tz)
    path = f"/calendar/{token}.ics"
    url = f"http://{app.settings.host}:{app.settings.port}{path}"
    message = (
        f"Subscribe to this address in your calendar app (times in {tz}):\n{url}\n"
        "Keep it private. Any earlier address has stopped working; "
        "`mgcalm export feed --revoke` stops this one."
    )
    return {"path": path, "url": url, "tz": tz, "message": message}


def stop_feed(app: App, person_id: str | None) -> dict[str, Any]:
    """Revoke the person's feed token."""
    person = app.person(person_id)
    revoked = revoke_calendar_token(app, person.id)
    message = "The calendar address no longer works." if revoked else "There was no feed to stop."
    return {"revoked": revoked, "message": message}


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
