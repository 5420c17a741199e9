"""Repository: preferences as (scope, key) → text, e.g. the installation's region and units."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mgcalm.store.settings_tables import preferences

APP_SCOPE = "app"


def read_preferences(conn: Connection, scope: str = APP_SCOPE) -> dict[str, str]:
    """Every saved preference in ``scope``."""
    query = sa.select(preferences.c.key, preferences.c.value).where(preferences.c.scope == scope)
    return {row.key: row.value for row in conn.execute(query)}


def save_preferences(
    conn: Connection, values: Mapping[str, str], now: datetime, scope: str = APP_SCOPE
) -> None:
    """Set each key in ``scope`` to its value (replacing what was there)."""
    for key, value in values.items():
        conn.execute(
            preferences.delete().where(preferences.c.scope == scope, preferences.c.key == key)
        )
        conn.execute(preferences.insert().values(scope=scope, key=key, value=value, updated_at=now))


def delete_preferences(conn: Connection, scope: str | None = None) -> int:
    """Forget the preferences of ``scope`` (or of every scope); returns how many."""
    statement = preferences.delete()
    if scope is not None:
        statement = statement.where(preferences.c.scope == scope)
    return conn.execute(statement).rowcount
