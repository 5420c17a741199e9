"""Use case: move calendar feeds and preferences from their old files into the database, once.

Earlier versions kept them beside the database, in ``<data_dir>/calendar_feeds.json`` and
``<data_dir>/preferences.json``. When the app opens and finds one, it copies what it holds into the
database and renames the file to ``*.migrated``, so no one's feed address or settings are lost.
What the database already holds wins (another host may have moved its own copy first); a feed
of a person no longer stored is dropped, as it answered nothing. A file that cannot be read is
left where it is and tried again next time.
"""

from __future__ import annotations

import json
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from typing import Any

from mgcalm.store import Store
from mgcalm.store import feeds as feeds_repo
from mgcalm.store import people as people_repo
from mgcalm.store import preferences as preferences_repo
from mgcalm.store.database import ConcurrentWriteError

FEEDS_FILE = "calendar_feeds.json"
PREFERENCES_FILE = "preferences.json"
PREFERENCE_KEYS = ("region", "units")
MIGRATED_SUFFIX = ".migrated"


def move_legacy_files(store: Store, data_dir: Path, now: datetime) -> dict[str, int]:
    """Move any old feeds and preferences files into ``store``; returns how many records moved."""
    folder = data_dir.expanduser()
    return {
        "feeds": _move(folder / FEEDS_FILE, lambda doc: _move_feeds(store, doc, now)),
        "preferences": _move(
            folder / PREFERENCES_FILE, lambda doc: _move_preferences(store, doc, now)
        ),
    }


def _move(path: Path, copy: Any) -> int:
    """Copy the file's JSON with ``copy``, then rename the file; 0 when there is nothing to do."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0  # absent, or unreadable: leave it for a person to look at
    try:
        moved: int = copy(document if isinstance(document, dict) else {})
    except ConcurrentWriteError:
        return 0  # another process moved the same records at this moment; try again next time
    with suppress(FileNotFoundError):  # another host on a shared data directory renamed it
        path.replace(path.with_name(path.name + MIGRATED_SUFFIX))
    return moved


def _move_feeds(store: Store, document: dict[str, Any], now: datetime) -> int:
    moved = 0
    with store.write() as conn:
        for feed in document.get("feeds", []):
            if not _is_feed(feed):
                continue
            person_id, digest = feed["person_id"], feed["digest"]
            if (
                not people_repo.person_exists(conn, person_id)
                or feeds_repo.feed_of_person(conn, person_id) is not None
                or feeds_repo.feed_by_digest(conn, digest) is not None
            ):
                continue
            created = _stamp(feed.get("created"), now)
            feeds_repo.replace_feed(conn, person_id, digest, feed["tz"], created)
            moved += 1
    return moved


def _is_feed(feed: Any) -> bool:
    """A record the old file could hold: texts that fit the table (a digest is 64 hex digits)."""
    keys = ("person_id", "digest", "tz")
    if not isinstance(feed, dict) or not all(isinstance(feed.get(k), str) for k in keys):
        return False
    digest = feed["digest"]
    fits = len(feed["person_id"]) <= 64 and len(feed["tz"]) <= 64
    return fits and len(digest) == 64 and all(c in "0123456789abcdef" for c in digest)


def _stamp(value: Any, now: datetime) -> datetime:
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return now


def _move_preferences(store: Store, document: dict[str, Any], now: datetime) -> int:
    with store.write() as conn:
        saved = preferences_repo.read_preferences(conn)
        fresh = {
            key: document[key]
            for key in PREFERENCE_KEYS
            if isinstance(document.get(key), str) and key not in saved
        }
        preferences_repo.save_preferences(conn, fresh, now)
    return len(fresh)
