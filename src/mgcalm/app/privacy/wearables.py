"""Wearable values in the whole export (``wearable_values``, a key older readers ignore) and back.

Each value is keyed by its source, day and measure, like the table; importing a file whose value
for a stored key differs is a conflict, as for every other record, so nothing is written.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from mgcalm.domain.entries import document_digest
from mgcalm.domain.problems import InvalidInputError, Problem
from mgcalm.domain.wearables import MEASURE_BY_NAME, WEARABLE_SOURCES
from mgcalm.store import wearables as repo

KEY = "wearable_values"


def export_values(conn: Any, person_id: str) -> list[dict[str, Any]]:
    """The person's stored values, every source, as JSON-ready records."""
    return [
        {
            "source": r.source,
            "day": r.day.isoformat(),
            "measure": r.measure,
            "value": r.value,
            "device": r.device,
            "imported_at": r.imported_at.isoformat() if r.imported_at else None,
        }
        for r in repo.list_values(conn, person_id)
    ]


def check_value(record: dict[str, Any]) -> None:
    """Raise with the problem when a record is not a value mgcalm could have stored."""
    problems = []
    if record["source"] not in WEARABLE_SOURCES:
        problems.append(Problem("source", "unknown source", ", ".join(WEARABLE_SOURCES)))
    spec = MEASURE_BY_NAME.get(record["measure"])
    if spec is None:
        problems.append(Problem("measure", "unknown measure", ", ".join(MEASURE_BY_NAME)))
    elif not spec.plausible(float(record["value"])):
        problems.append(Problem("value", "out of range", f"{spec.low:g}–{spec.high:g}"))
    if not isinstance(record["device"], str) or not 0 < len(record["device"]) <= 120:
        problems.append(Problem("device", "not a device name", "1–120 characters"))
    date.fromisoformat(record["day"])
    if problems:
        raise InvalidInputError(problems)


def _digest(value: float, device: str) -> str:
    return document_digest({"value": value, "device": device})


def value_row(pid: str, record: dict[str, Any], now: datetime) -> tuple[object, dict[str, Any]]:
    """The row to restore, keyed as the table is, with the digest the import compares."""
    stamp = record.get("imported_at")
    row = {
        "person_id": pid,
        "source": record["source"],
        "day": date.fromisoformat(record["day"]),
        "measure": record["measure"],
        "value": float(record["value"]),
        "device": record["device"],
        "imported_at": datetime.fromisoformat(stamp) if stamp else now,
    }
    row["digest"] = _digest(row["value"], row["device"])
    return (row["source"], row["day"], row["measure"]), row


def stored_digests(conn: Any, person_id: str) -> dict[object, str]:
    """What is stored already, by key."""
    return {
        (r.source, r.day, r.measure): _digest(r.value, r.device)
        for r in repo.list_values(conn, person_id)
    }


def restore_values(conn: Any, rows: list[dict[str, Any]]) -> None:
    """Insert the new rows (without the digest, which the table does not keep)."""
    repo.restore_values(conn, [{k: v for k, v in r.items() if k != "digest"} for r in rows])
