"""Repository: entries made before onboarding, held until there is a person to own them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mgcalm.store.device_tables import pending_entries


def put_pending(
    conn: Connection, owner: str, entry_id: str, kind: str, document: dict[str, Any], now: datetime
) -> bool:
    """Hold one entry for ``owner``; the same id again replaces it (a retry or a correction)."""
    found = conn.execute(
        sa.select(pending_entries.c.id).where(
            pending_entries.c.owner == owner, pending_entries.c.id == entry_id
        )
    ).first()
    if found is not None:
        conn.execute(
            pending_entries.update()
            .where(pending_entries.c.owner == owner, pending_entries.c.id == entry_id)
            .values(document=document, kind=kind)
        )
        return False
    conn.execute(
        pending_entries.insert().values(
            owner=owner, id=entry_id, kind=kind, document=document, created_at=now
        )
    )
    return True


def pending_documents(conn: Connection, owner: str) -> list[dict[str, Any]]:
    """The documents held for ``owner``, oldest first."""
    rows = conn.execute(
        sa.select(pending_entries.c.document)
        .where(pending_entries.c.owner == owner)
        .order_by(pending_entries.c.created_at, pending_entries.c.id)
    )
    return [dict(row.document) for row in rows]


def drop_pending(conn: Connection, owner: str | None = None) -> int:
    """Forget what is held for ``owner`` (or for everyone); returns how many."""
    statement = pending_entries.delete()
    if owner is not None:
        statement = statement.where(pending_entries.c.owner == owner)
    return conn.execute(statement).rowcount
