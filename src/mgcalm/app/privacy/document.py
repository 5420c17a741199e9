"""Use cases: export everything (``mgcalm.export/1``), import it back, back up, delete everything.

An export holds every person with every stored version, phase, outcome choice and entry, with
their timestamps, so export → import → export gives the same document. A whole export also holds
the preferences (region, units) under ``preferences``, a key readers of older exports ignore;
each person also carries their ``safety_events``, ``magnesium_stops`` and ``safety_plan``;
calendar feeds are left out, so an imported copy never revives an old feed address. Import checks
the whole file first and writes in one transaction: a conflict (same id, different content)
anywhere means nothing is written.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from mgcalm.app.privacy import wearables
from mgcalm.app.privacy.safety_records import export_safety
from mgcalm.app.privacy.trial_records import export_trial
from mgcalm.domain.entries import ConflictError, document_digest
from mgcalm.domain.problems import InvalidInputError, Problem
from mgcalm.interop.strict_json import strict_loads
from mgcalm.store import Store, open_store
from mgcalm.store import entries as entries_repo
from mgcalm.store import people as people_repo
from mgcalm.store import preferences as preferences_repo
from mgcalm.store import revisions as revisions_repo
from mgcalm.store import trial as trial_repo
from mgcalm.store.records import (
    OutcomeRecord,
    PersonRecord,
    PhaseRecord,
    RevisionRecord,
    VersionRecord,
)

EXPORT_SCHEMA = "mgcalm.export/1"


def export_all(store: Store, now: datetime, person_id: str | None = None) -> dict[str, Any]:
    """Everything stored (or one person's all), as one document read from a single snapshot."""
    with store.read() as conn:
        everyone = people_repo.list_people(conn)
        chosen = [p for p in everyone if person_id is None or p.id == person_id]
        people = [_export_person(conn, p) for p in chosen]
        document: dict[str, Any] = {
            "schema": EXPORT_SCHEMA,
            "exported_at": now.isoformat(),
            "people": people,
        }
        if person_id is None:  # the installation's own settings belong to no one person
            document["preferences"] = preferences_repo.read_preferences(conn)
    return document


def _export_person(conn: Any, person: PersonRecord) -> dict[str, Any]:
    pid = person.id
    return {
        "id": pid,
        "display_name": person.display_name,
        "created_at": person.created_at.isoformat(),
        "updated_at": person.updated_at.isoformat(),
        "profiles": [
            {"version": v.version, "document": v.document, "created_at": v.created_at.isoformat()}
            for v in people_repo.profile_history(conn, pid)
        ],
        "plans": [_plan(v) for v in people_repo.plan_history(conn, pid)],
        "phases": [_phase(r) for r in trial_repo.list_phases(conn, pid)],
        "outcome_choices": [_outcome(c) for c in trial_repo.list_outcome_choices(conn, pid)],
        "entries": [
            {
                "document": r.document,
                "created_at": r.created_at.isoformat(),
                "updated_at": r.updated_at.isoformat(),
            }
            for r in entries_repo.list_entries(conn, pid)
        ],
        "entry_revisions": [_revision(r) for r in revisions_repo.list_revisions(conn, pid)],
        wearables.KEY: wearables.export_values(conn, pid),  # a key older readers ignore
        # The trial's registration and guesses; its allocation only once it cannot unblind.
        **export_trial(conn, pid),
        **export_safety(conn, pid),
    }


def _revision(r: RevisionRecord) -> dict[str, Any]:
    return {
        "entry_id": r.entry_id,
        "revision": r.revision,
        "action": r.action,
        "reason": r.reason,
        "document": r.document,
        "created_at": r.created_at.isoformat(),
        "replaced_at": r.replaced_at.isoformat(),
    }


def _plan(v: VersionRecord) -> dict[str, Any]:
    return {
        "version": v.version,
        "profile_version": v.profile_version,
        "document": v.document,
        "active_from": _iso(v.active_from),
        "active_to": _iso(v.active_to),
        "created_at": v.created_at.isoformat(),
    }


def _phase(r: PhaseRecord) -> dict[str, Any]:
    return {
        "id": r.id,
        "phase": r.phase,
        "start": r.start.isoformat(),
        "end": _iso(r.end),
        "created_at": r.created_at.isoformat(),
        "updated_at": r.updated_at.isoformat(),
    }


def _outcome(c: OutcomeRecord) -> dict[str, Any]:
    return {
        "seq": c.seq,
        "outcome": c.outcome,
        "chosen_on": c.chosen_on.isoformat(),
        "reason": c.reason,
        "after_start": c.after_start,
        "created_at": c.created_at.isoformat(),
    }


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def write_export(
    store: Store, path: Path, now: datetime, person_id: str | None = None
) -> dict[str, int]:
    """Write the export to ``path`` (atomically) and return how much it holds."""
    document = export_all(store, now, person_id)
    temp = path.with_name(f".{path.name}.partial")
    text = json.dumps(document, ensure_ascii=False, indent=1)
    # Owner-only from the first byte: an export holds everything about a person's health.
    with os.fdopen(
        os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8"
    ) as handle:
        handle.write(text)
    temp.replace(path)
    return export_counts(document)


def export_counts(document: dict[str, Any]) -> dict[str, int]:
    """How many people and entries an export document holds."""
    people = document.get("people", [])
    return {"people": len(people), "entries": sum(len(p.get("entries", [])) for p in people)}


SQLITE_HEADER = b"SQLite format 3\x00"


def read_export(path: Path, now: datetime) -> dict[str, Any]:
    """Read an export file, or a backup made by ``mgcalm backup``; a clear problem otherwise."""
    try:
        with path.open("rb") as handle:
            is_backup = handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
        if is_backup:
            return _export_of_backup(path, now)
        document = strict_loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:  # unreadable, not UTF-8, not JSON, NaN, too deep
        raise InvalidInputError(
            [Problem(str(path), f"cannot read: {error}", f"{EXPORT_SCHEMA} or a backup")]
        ) from None
    if not isinstance(document, dict) or document.get("schema") != EXPORT_SCHEMA:
        raise InvalidInputError(
            [Problem(f"{path.name}: schema", "not an mgcalm export", EXPORT_SCHEMA)]
        )
    return document


def _export_of_backup(path: Path, now: datetime) -> dict[str, Any]:
    """Everything in a SQLite backup, read from a private copy (the backup stays untouched)."""
    with tempfile.TemporaryDirectory(prefix="mgcalm-restore-") as folder:
        copy = Path(folder) / "backup.db"
        shutil.copyfile(path, copy)
        backup = open_store(f"sqlite:///{copy}")  # migrates an older backup to today's schema
        try:
            return export_all(backup, now)
        finally:
            backup.close()


def _raise_conflicts(problems: list[Problem]) -> None:
    if problems:
        raise ConflictError(problems)


def digest_of(document: dict[str, Any]) -> str:
    """The digest an imported document is stored with (recomputed, never trusted)."""
    return document_digest(document)
