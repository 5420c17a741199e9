"""Bulk loading for a benchmark clinic: PostgreSQL ``COPY``, or ``executemany`` on SQLite.

Seeding hundreds of thousands of entries one ``INSERT`` at a time would take many minutes;
``COPY … FROM STDIN`` streams them in one statement per table instead. A JSON column's value may
come already encoded (:class:`JsonText`), so a document hashed for its digest is not encoded twice.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mgcalm.store.clinic.summaries import SUMMARY_TABLES
from mgcalm.store.clinic.tables import accounts, grants
from mgcalm.store.tables import entries, people, phases, plan_versions, profile_versions

TABLES = {
    t.name: t for t in (accounts, grants, entries, people, phases, plan_versions, profile_versions)
}
_CHUNK = 5000


class JsonText(str):
    """A JSON document already encoded as text (written to a JSON column as it is)."""

    __slots__ = ()


def bulk_insert(conn: Connection, table_name: str, rows: Iterable[dict[str, Any]]) -> int:
    """Insert many rows into one of the seeded tables; returns how many."""
    table = TABLES[table_name]
    columns = [c.name for c in table.columns]
    if conn.dialect.name == "postgresql":
        return _copy(conn, table, columns, rows)
    count = 0
    chunk: list[dict[str, Any]] = []
    json_columns = _json_columns(table)
    for row in rows:
        chunk.append({k: _decoded(v) if k in json_columns else v for k, v in row.items()})
        if len(chunk) >= _CHUNK:
            count += _insert(conn, table, chunk)
            chunk = []
    return count + _insert(conn, table, chunk)


def _insert(conn: Connection, table: sa.Table, chunk: Sequence[dict[str, Any]]) -> int:
    if chunk:
        conn.execute(table.insert(), list(chunk))
    return len(chunk)


def _copy(
    conn: Connection, table: sa.Table, columns: list[str], rows: Iterable[dict[str, Any]]
) -> int:
    """Stream rows with COPY on the transaction's own connection (all or nothing with it)."""
    json_columns = _json_columns(table)
    quoted = ", ".join(f'"{name}"' for name in columns)
    driver: Any = conn.connection.driver_connection
    count = 0
    with driver.cursor() as cursor, cursor.copy(f"COPY {table.name} ({quoted}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([_encoded(row[c]) if c in json_columns else row.get(c) for c in columns])
            count += 1
    return count


def _json_columns(table: sa.Table) -> set[str]:
    return {c.name for c in table.columns if isinstance(c.type, sa.JSON)}


def _encoded(value: Any) -> str:
    return value if isinstance(value, JsonText) else json.dumps(value)


def _decoded(value: Any) -> Any:
    return json.loads(value) if isinstance(value, JsonText) else value


def analyze(conn: Connection) -> None:
    """Refresh the planner's statistics after a bulk load (PostgreSQL), as autovacuum would."""
    if conn.dialect.name == "postgresql":
        for name in (*TABLES, *(t.name for t in SUMMARY_TABLES)):
            conn.exec_driver_sql(f"ANALYZE {name}")
