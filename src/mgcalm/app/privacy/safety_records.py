"""The safety flow's records in an export and back: events, magnesium stops, the safety plan.

An export adds, per person, ``safety_events``, ``magnesium_stops`` and ``safety_plan`` (keys that
readers of older exports ignore). Import keeps what is stored: an event or stop already there is
left as it is, and a safety plan is restored only when none is saved. A file without
``safety_events`` (an older export) gets its events worked out from its entries, but an old
red flag never starts a stop now: it records what happened then.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy.engine import Connection

from mgcalm.app.safety.events import record_past_entries
from mgcalm.domain.entries import EntryBase, parse_entry
from mgcalm.domain.entry_fields import is_entry_id
from mgcalm.domain.problems import InvalidInputError, Problem
from mgcalm.instruments.safety_plan import parse_safety_plan
from mgcalm.store import safety as safety_repo
from mgcalm.store.safety import EventRecord, StopRecord

LEVELS = ("crisis", "stop_and_seek_care", "contact_clinician", "step_down")


def export_safety(conn: Connection, person_id: str) -> dict[str, Any]:
    """The person's safety records as export keys."""
    plan = safety_repo.read_safety_plan(conn, person_id)
    return {
        "safety_events": [_event(e) for e in safety_repo.list_events(conn, person_id)],
        "magnesium_stops": [_stop(s) for s in safety_repo.list_stops(conn, person_id)],
        "safety_plan": (
            None if plan is None else {"document": plan[0], "updated_at": plan[1].isoformat()}
        ),
    }


def _event(e: EventRecord) -> dict[str, Any]:
    return {
        "source_id": e.source_id,
        "code": e.code,
        "origin": e.origin,
        "level": e.level,
        "day": e.day.isoformat(),
        "document": e.document,
        "created_at": e.created_at.isoformat(),
    }


def _stop(s: StopRecord) -> dict[str, Any]:
    return {
        "id": s.id,
        "since": s.since.isoformat(),
        "reason": s.reason,
        "started_at": s.started_at.isoformat(),
        "resumed_on": s.resumed_on.isoformat() if s.resumed_on else None,
        "resumed_at": s.resumed_at.isoformat() if s.resumed_at else None,
        "cleared_by": s.cleared_by,
        "resume_reason": s.resume_reason,
    }


def check_safety(person: dict[str, Any], where: str) -> list[Problem]:
    """Every problem with a person's safety records, each named by where it is."""
    found: list[Problem] = []
    pid = str(person.get("id", ""))
    for key, build in (("safety_events", event_record), ("magnesium_stops", stop_record)):
        records = person.get(key, [])
        if not isinstance(records, list):
            found.append(Problem(f"{where}.{key}", "not a list", "a list of records"))
            continue
        for index, record in enumerate(records):
            try:
                build(pid, record)
            except (InvalidInputError, KeyError, TypeError, ValueError) as error:
                found.append(Problem(f"{where}.{key}[{index}]", f"malformed: {error}"))
    plan = person.get("safety_plan")
    if plan is not None:
        try:
            parse_safety_plan(plan["document"])
        except InvalidInputError as error:
            found += [
                Problem(f"{where}.safety_plan.{p.location}", p.message) for p in error.problems
            ]
        except (KeyError, TypeError) as error:
            found.append(Problem(f"{where}.safety_plan", f"malformed: {error}"))
    return found


def event_record(pid: str, record: dict[str, Any]) -> EventRecord:
    """An exported event as a row (its key and level checked)."""
    source, code, level = record["source_id"], record["code"], record["level"]
    if not is_entry_id(source) or not isinstance(code, str) or len(code) > 40:
        raise InvalidInputError([Problem("source_id", "not a valid id and code", "an entry id")])
    if level not in LEVELS:
        raise InvalidInputError([Problem("level", f"{level!r} is not a level", ", ".join(LEVELS))])
    document = record.get("document") or {}
    if not isinstance(document, dict):
        raise InvalidInputError([Problem("document", "not an object", "an object")])
    return EventRecord(
        pid,
        source,
        code,
        str(record.get("origin", "import"))[:24],
        level,
        date.fromisoformat(record["day"]),
        document,
        datetime.fromisoformat(record["created_at"]),
    )


def stop_record(pid: str, record: dict[str, Any]) -> StopRecord:
    """An exported stop as a row."""
    if not is_entry_id(record["id"]):
        raise InvalidInputError([Problem("id", "not a valid id", "an entry id")])
    resumed_on, resumed_at = record.get("resumed_on"), record.get("resumed_at")
    return StopRecord(
        pid,
        record["id"],
        date.fromisoformat(record["since"]),
        str(record["reason"]),
        datetime.fromisoformat(record["started_at"]),
        date.fromisoformat(resumed_on) if resumed_on else None,
        datetime.fromisoformat(resumed_at) if resumed_at else None,
        str(record.get("cleared_by", "")),
        str(record.get("resume_reason", "")),
    )


def restore_safety(
    conn: Connection, person: dict[str, Any], entries: Sequence[dict[str, Any]], now: datetime
) -> tuple[int, int]:
    """Write what is not stored yet; how many records were added and how many were there."""
    pid = person["id"]
    if "safety_events" in person:
        rows = [event_record(pid, r) for r in person["safety_events"]]
        added = safety_repo.add_events(conn, rows)
        there = len(rows) - added
    else:  # an older export: the events its entries stand for, with no stop started now
        parsed: list[EntryBase] = [
            parse_entry(e["document"]["kind"], _without_kind(e["document"])) for e in entries
        ]
        added, there = record_past_entries(conn, pid, parsed, now), 0
    known = {s.id for s in safety_repo.list_stops(conn, pid)}
    for record in person.get("magnesium_stops", []):
        stop = stop_record(pid, record)
        if stop.id in known:
            there += 1
        else:
            safety_repo.restore_stop(conn, stop)
            added += 1
    plan = person.get("safety_plan")
    if plan and safety_repo.read_safety_plan(conn, pid) is not None:
        there += 1
    elif plan:
        document = parse_safety_plan(plan["document"]).to_json()
        saved = datetime.fromisoformat(plan["updated_at"])
        safety_repo.save_safety_plan(conn, pid, document, saved)
        added += 1
    return added, there


def _without_kind(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k != "kind"}
