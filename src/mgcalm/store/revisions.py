"""Repository: explicit corrections of entries, each keeping the version it replaces.

Amending an entry stores its current content as the next revision, then writes the new content
(the entry keeps its id and ``created_at``; ``updated_at`` moves). Deleting an entry keeps its
last content as a revision too, so a correction is always on the record and never silent.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mgcalm.domain.entries import NotFoundError
from mgcalm.domain.problems import Problem
from mgcalm.store.clinic import summaries
from mgcalm.store.entries import NewEntry, get_entries
from mgcalm.store.records import EntryRecord, RevisionRecord, as_utc
from mgcalm.store.tables import entries, entry_revisions


def _current(conn: Connection, person_id: str, entry_id: str) -> EntryRecord:
    found = get_entries(conn, person_id, [entry_id])
    if not found:
        raise NotFoundError([Problem("id", f"no entry {entry_id!r}", "the id of a saved entry")])
    return found[0]


def _keep(conn: Connection, old: EntryRecord, action: str, reason: str, now: datetime) -> None:
    table = entry_revisions
    latest = conn.execute(
        sa.select(sa.func.max(table.c.revision)).where(
            table.c.person_id == old.person_id, table.c.entry_id == old.id
        )
    ).scalar_one()
    conn.execute(
        table.insert().values(
            person_id=old.person_id,
            entry_id=old.id,
            revision=(latest or 0) + 1,
            action=action,
            reason=reason,
            document=old.document,
            digest=old.digest,
            created_at=old.updated_at,
            replaced_at=now,
        )
    )


def amend_entry(
    conn: Connection, person_id: str, new: NewEntry, reason: str, now: datetime
) -> bool:
    """Replace an entry's content, keeping the old one; False when nothing changed."""
    old = _current(conn, person_id, new.id)
    if old.digest == new.digest:
        return False
    _keep(conn, old, "amended", reason, now)
    conn.execute(
        entries.update()
        .where(entries.c.person_id == person_id, entries.c.id == new.id)
        .values(
            kind=new.kind, day=new.day, document=new.document, digest=new.digest, updated_at=now
        )
    )
    _summarise(conn, person_id, {old.day, new.day}, "questionnaire" in (old.kind, new.kind))
    return True


def delete_entry(
    conn: Connection, person_id: str, entry_id: str, reason: str, now: datetime
) -> None:
    """Delete an entry, keeping its last content as a revision."""
    old = _current(conn, person_id, entry_id)
    _keep(conn, old, "deleted", reason, now)
    conn.execute(entries.delete().where(entries.c.person_id == person_id, entries.c.id == entry_id))
    _summarise(conn, person_id, {old.day}, old.kind == "questionnaire")


def _summarise(conn: Connection, person_id: str, days: set[date], asked: bool) -> None:
    """Bring the dashboard's summaries up to date after a change to one person's entries."""
    summaries.refresh_days(conn, person_id, days)
    if asked:
        summaries.refresh_scores(conn, [person_id])


def list_revisions(conn: Connection, person_id: str) -> list[RevisionRecord]:
    """Every kept revision of the person's entries, by entry and revision."""
    table = entry_revisions
    rows = conn.execute(
        sa.select(table)
        .where(table.c.person_id == person_id)
        .order_by(table.c.entry_id, table.c.revision)
    )
    return [
        RevisionRecord(
            r.person_id,
            r.entry_id,
            r.revision,
            r.action,
            r.reason,
            r.document,
            r.digest,
            as_utc(r.created_at),
            as_utc(r.replaced_at),
        )
        for r in rows
    ]


def restore_revisions(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Insert exported revisions as they were (used by import)."""
    if rows:
        conn.execute(entry_revisions.insert(), rows)
