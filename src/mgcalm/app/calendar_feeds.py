"""Use case: the private calendar feed (``/calendar/<token>.ics``) a calendar app subscribes to.

The feed is keyed by a random token. Only the token's SHA-256 is kept, in
``<data_dir>/calendar_feeds.json`` (the store has no key-value table yet), so a copy of the data
directory cannot be used to read the feed. Creating a token replaces the person's old one;
revoking removes it; deleting the person makes the feed answer nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from pathlib import Path
from typing import Any

from mgcalm.app.calendar_export import calendar_text
from mgcalm.app.core import App
from mgcalm.app.export_common import write_text
from mgcalm.domain.entries import NotFoundError
from mgcalm.interop.ics import zone

FEEDS_FILE = "calendar_feeds.json"


def create_calendar_token(app: App, person_id: str, tz: str) -> str:
    """A new private feed token for the person (any old one stops working)."""
    zone(tz)
    person = app.person(person_id)
    token = secrets.token_urlsafe(32)
    feeds = [f for f in _read_feeds(app) if f["person_id"] != person.id]
    feeds.append(
        {
            "digest": _digest(token),
            "person_id": person.id,
            "tz": tz,
            "created": app.now().isoformat(),
        }
    )
    _write_feeds(app, feeds)
    return token


def revoke_calendar_token(app: App, person_id: str) -> bool:
    """Stop the person's feed; False when there was none."""
    feeds = _read_feeds(app)
    kept = [f for f in feeds if f["person_id"] != person_id]
    _write_feeds(app, kept)
    return len(kept) != len(feeds)


def calendar_feed_info(app: App, person_id: str) -> dict[str, str] | None:
    """Whether the person has a feed, its time zone and when it was made (never the token)."""
    found = next((f for f in _read_feeds(app) if f["person_id"] == person_id), None)
    return None if found is None else {"tz": found["tz"], "created": found["created"]}


def calendar_feed(app: App, token: str) -> str | None:
    """The calendar behind a feed token, or None for an unknown, revoked or orphaned token."""
    digest = _digest(token)
    feeds = _read_feeds(app)
    for feed in feeds:
        if hmac.compare_digest(feed["digest"], digest):
            try:
                return calendar_text(app, feed["person_id"], feed["tz"])
            except NotFoundError:
                # The person was deleted: forget their feed too.
                _write_feeds(app, [f for f in feeds if f is not feed])
                return None
    return None


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


def _feeds_path(app: App) -> Path:
    return app.settings.data_dir.expanduser() / FEEDS_FILE


def _read_feeds(app: App) -> list[dict[str, str]]:
    """The stored feed records (an absent or unreadable file means no feeds)."""
    try:
        data = json.loads(_feeds_path(app).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    feeds = data.get("feeds", []) if isinstance(data, dict) else []
    return [f for f in feeds if isinstance(f, dict)]


def _write_feeds(app: App, feeds: list[dict[str, str]]) -> None:
    path = _feeds_path(app)
    write_text(path, json.dumps({"feeds": feeds}, indent=2) + "\n")
    path.chmod(0o600)  # the digests are not secrets, but the file names people
