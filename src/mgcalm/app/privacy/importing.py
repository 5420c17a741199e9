"""Use case: import an ``mgcalm.export/1`` document, checked whole, written in one transaction.

Records already stored with the same content are skipped (import is idempotent); a record whose
id is already stored with *different* content is a conflict, and any conflict means nothing from the
file is written. The file's preferences fill in only what is not saved yet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from mgcalm.app.legacy_files import PREFERENCE_KEYS
from mgcalm.app.plans.people import profile_from_document
from mgcalm.app.privacy import wearables
from mgcalm.app.privacy.safety_records import check_safety, restore_safety
from mgcalm.app.privacy.trial_records import check_trial, import_trial
from mgcalm.app.tracking.questionnaires import parse_logged
from mgcalm.domain.entries import OUTCOMES, ConflictError, document_digest, parse_entry, parse_phase
from mgcalm.domain.entry_fields import ID_RULE
from mgcalm.domain.plan import Plan
from mgcalm.domain.problems import InvalidInputError, Problem
from mgcalm.domain.text import text_problems
from mgcalm.knowledge.loader import knowledge_base
from mgcalm.planning.check import plan_problems
from mgcalm.store import Store
from mgcalm.store import entries as entries_repo
from mgcalm.store import people as people_repo
from mgcalm.store import preferences as preferences_repo
from mgcalm.store import revisions as revisions_repo
from mgcalm.store import trial as trial_repo


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an import added and what it found already there."""

    people: int
    added: int
    unchanged: int


def import_all(store: Store, document: dict[str, Any], now: datetime) -> ImportSummary:
    """Check every record of the export, then write what is new in one transaction."""
    people = document.get("people")
    if not isinstance(people, list):
        raise InvalidInputError([Problem("people", "missing or not a list", "a list of people")])
    problems: list[Problem] = []
    for index, person in enumerate(people):
        problems += _check_person(person, f"people[{index}]")
    preferences = document.get("preferences", {})
    if not isinstance(preferences, dict) or not all(
        isinstance(v, str) for v in preferences.values()
    ):
        problems.append(Problem("preferences", "not an object of texts", '{"region": "US"}'))
    if problems:
        raise InvalidInputError(problems)
    added = unchanged = 0
    conflicts: list[Problem] = []
    with store.write() as conn:
        _restore_preferences(conn, preferences, now)
        for index, person in enumerate(people):
            a, u = _write_person(conn, person, f"people[{index}]", conflicts, now)
            added, unchanged = added + a, unchanged + u
        if conflicts:
            raise ConflictError(conflicts)  # rolls the whole transaction back
    return ImportSummary(len(people), added, unchanged)


def _restore_preferences(conn: Any, preferences: dict[str, str], now: datetime) -> None:
    """Save the file's region and units where none are saved yet (what is stored wins)."""
    saved = preferences_repo.read_preferences(conn)
    fresh = {k: v for k, v in preferences.items() if k in PREFERENCE_KEYS and k not in saved}
    preferences_repo.save_preferences(conn, fresh, now)


_RECORDS = ("profiles", "plans", "phases", "outcome_choices", "entries", "entry_revisions")


def _check_person(person: Any, where: str) -> list[Problem]:
    if not isinstance(person, dict) or not isinstance(person.get("id"), str):
        return [Problem(where, "not a person record", "an object with an id")]
    found = _person_fields(person, where)
    checks: tuple[tuple[str, Callable[[dict[str, Any]], object]], ...] = (
        ("profiles", lambda r: profile_from_document(r["document"])),
        ("plans", lambda r: _check_plan(r, person)),
        ("phases", lambda r: parse_phase(_without(r, "created_at", "updated_at"))),
        ("outcome_choices", _check_outcome),
        ("entries", _check_entry),
        ("entry_revisions", _check_revision),
        (wearables.KEY, wearables.check_value),
    )
    found += check_trial(person, where)
    found += check_safety(person, where)
    for key, check in checks:
        for index, record in enumerate(_records(person, key)):
            try:
                if not isinstance(record, dict):
                    raise TypeError("not an object")
                check(record)
                _stamps(record, datetime.min)
            except InvalidInputError as error:
                found += [
                    Problem(f"{where}.{key}[{index}].{p.location}", p.message, p.accepted)
                    for p in error.problems
                ]
            except (KeyError, TypeError, ValueError, AttributeError) as error:
                found.append(Problem(f"{where}.{key}[{index}]", f"malformed: {error}"))
    return found


def _person_fields(person: dict[str, Any], where: str) -> list[Problem]:
    """The person's own fields: an id that fits, a clean name, lists where lists belong."""
    found = []
    if not ID_RULE.match(person["id"]):
        found.append(Problem(f"{where}.id", "not a valid id", "1–64 letters, digits, _ . : -"))
    name = person.get("display_name", "")
    if not isinstance(name, str) or len(name) > 120:
        found.append(Problem(f"{where}.display_name", "not a name", "text up to 120 characters"))
    else:
        found += text_problems({f"{where}.display_name": name})
    try:
        _stamps(person, datetime.min)
    except (TypeError, ValueError) as error:
        found.append(Problem(f"{where}.created_at", f"malformed: {error}", "an ISO date-time"))
    for key in _RECORDS:
        if not isinstance(person.get(key, []), list):
            found.append(Problem(f"{where}.{key}", "not a list", f"a list of {key}"))
    return found


def _records(person: dict[str, Any], key: str) -> list[Any]:
    """The person's records of one kind ([] when absent or not a list, reported elsewhere)."""
    value = person.get(key, [])
    return value if isinstance(value, list) else []


def _check_plan(record: dict[str, Any], person: dict[str, Any]) -> None:
    """A readable plan that keeps the safety rules for the profile it was made from."""
    plan = Plan.from_json(record["document"])
    version = int(record["profile_version"])
    profiles = [
        p
        for p in _records(person, "profiles")
        if isinstance(p, dict) and p.get("version") == version
    ]
    if not profiles:
        raise InvalidInputError(
            [
                Problem(
                    "profile_version",
                    f"no profile version {version} in the file",
                    "a version in profiles",
                )
            ]
        )
    profile = profile_from_document(profiles[0]["document"])
    day = date.fromisoformat(record["active_from"])
    problems = plan_problems(plan, profile, knowledge_base(), day)
    if problems:
        raise InvalidInputError(problems)


def _check_outcome(record: dict[str, Any]) -> None:
    if record["outcome"] not in OUTCOMES:
        raise InvalidInputError([Problem("outcome", "unknown outcome", ", ".join(OUTCOMES))])
    date.fromisoformat(record["chosen_on"])


def _check_entry(record: dict[str, Any]) -> None:
    document = record["document"]
    parse_logged(document["kind"], _without(document, "kind"))


def _check_revision(record: dict[str, Any]) -> None:
    document = record["document"]  # earlier content, kept as it was (its score too)
    parse_entry(document["kind"], _without(document, "kind"))
    datetime.fromisoformat(record["replaced_at"])
    if record["action"] not in ("amended", "deleted"):
        raise InvalidInputError([Problem("action", "unknown action", "amended, deleted")])


def _without(record: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in keys}


def _stamps(record: dict[str, Any], now: datetime, updated: bool = True) -> dict[str, datetime]:
    """The record's timestamps; a hand-made file without them gets the time of the import."""
    created = datetime.fromisoformat(record["created_at"]) if "created_at" in record else now
    if not updated:
        return {"created_at": created}
    changed = record.get("updated_at")
    return {
        "created_at": created,
        "updated_at": datetime.fromisoformat(changed) if changed else created,
    }


def _write_person(
    conn: Any, person: dict[str, Any], where: str, conflicts: list[Problem], now: datetime
) -> tuple[int, int]:
    pid = person["id"]
    if people_repo.get_person(conn, pid) is None:
        people_repo.restore_person(
            conn,
            {"id": pid, "display_name": person.get("display_name", ""), **_stamps(person, now)},
        )
    counts = [0, 0]
    for key, build, existing, restore in _COLLECTIONS:
        have = existing(conn, pid)
        fresh = []
        for index, record in enumerate(_records(person, key)):
            ident, row = build(pid, record, now)
            if ident not in have:
                fresh.append(row)
                have[ident] = row["digest"]
            elif have[ident] == row["digest"]:
                counts[1] += 1
            else:
                conflicts.append(
                    Problem(f"{where}.{key}[{index}]", f"{ident!r} is stored with other content")
                )
        restore(conn, fresh)
        counts[0] += len(fresh)
    trial_added, trial_unchanged = import_trial(conn, person, where, conflicts, now)
    safety_added, safety_there = restore_safety(conn, person, person.get("entries", []), now)
    return (
        counts[0] + trial_added + safety_added,
        counts[1] + trial_unchanged + safety_there,
    )


def _outcome_digest(record: dict[str, Any]) -> str:
    keys = ("outcome", "chosen_on", "reason", "after_start")
    return document_digest({k: record.get(k) for k in keys})


def _profile_row(pid: str, record: dict[str, Any], now: datetime) -> tuple[object, dict[str, Any]]:
    document = record["document"]
    row = {
        "person_id": pid,
        "version": int(record["version"]),
        "document": document,
        "digest": document_digest(document),
        **_stamps(record, now, updated=False),
    }
    return row["version"], row


def _plan_row(pid: str, record: dict[str, Any], now: datetime) -> tuple[object, dict[str, Any]]:
    ident, row = _profile_row(pid, record, now)
    active_to = record.get("active_to")
    row.update(
        profile_version=int(record["profile_version"]),
        active_from=date.fromisoformat(record["active_from"]),
        active_to=None if active_to is None else date.fromisoformat(active_to),
        updated_at=row["created_at"],
    )
    return ident, row


def _phase_row(pid: str, record: dict[str, Any], now: datetime) -> tuple[object, dict[str, Any]]:
    phase = parse_phase(_without(record, "created_at", "updated_at"))
    document = phase.model_dump(mode="json")
    row = {"person_id": pid, **phase.model_dump(), "digest": document_digest(document)}
    return phase.id, {**row, **_stamps(record, now)}


def _outcome_row(pid: str, record: dict[str, Any], now: datetime) -> tuple[object, dict[str, Any]]:
    row = {
        "person_id": pid,
        "seq": int(record["seq"]),
        "outcome": record["outcome"],
        "chosen_on": date.fromisoformat(record["chosen_on"]),
        "reason": record.get("reason", ""),
        "after_start": bool(record["after_start"]),
        "digest": _outcome_digest(record),
        **_stamps(record, now, updated=False),
    }
    return row["seq"], row


def _entry_row(pid: str, record: dict[str, Any], now: datetime) -> tuple[object, dict[str, Any]]:
    raw = record["document"]
    entry = parse_logged(raw["kind"], _without(raw, "kind"))  # a questionnaire: scored here
    document = entry.model_dump(mode="json")
    row = {
        "person_id": pid,
        "id": entry.id,
        "kind": entry.kind,
        "day": entry.day,
        "document": document,
        "digest": document_digest(document),
        **_stamps(record, now),
    }
    return entry.id, row


def _revision_row(pid: str, record: dict[str, Any], now: datetime) -> tuple[object, dict[str, Any]]:
    document = record["document"]
    row = {
        "person_id": pid,
        "entry_id": str(record["entry_id"]),
        "revision": int(record["revision"]),
        "action": record["action"],
        "reason": record.get("reason", ""),
        "document": document,
        "digest": document_digest(document),
        **_stamps(record, now, updated=False),
        "replaced_at": datetime.fromisoformat(record["replaced_at"]),
    }
    return (row["entry_id"], row["revision"]), row


def _no_digest(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [_without(r, "digest") for r in rows]


_Build = Callable[[str, dict[str, Any], datetime], tuple[object, dict[str, Any]]]
_Existing = Callable[[Any, str], dict[object, str]]
_Restore = Callable[[Any, list[dict[str, Any]]], None]


def _outcome_digests(conn: Any, pid: str) -> dict[object, str]:
    return {
        r.seq: _outcome_digest(
            {
                "outcome": r.outcome,
                "chosen_on": r.chosen_on.isoformat(),
                "reason": r.reason,
                "after_start": r.after_start,
            }
        )
        for r in trial_repo.list_outcome_choices(conn, pid)
    }


#: Each exported collection: its key, how to build a row, what is stored, how to restore rows.
_COLLECTIONS: tuple[tuple[str, _Build, _Existing, _Restore], ...] = (
    (
        "profiles",
        _profile_row,
        lambda c, p: {v.version: v.digest for v in people_repo.profile_history(c, p)},
        lambda c, rows: people_repo.restore_versions(c, "profile_versions", rows),
    ),
    (
        "plans",
        _plan_row,
        lambda c, p: {v.version: v.digest for v in people_repo.plan_history(c, p)},
        lambda c, rows: people_repo.restore_versions(c, "plan_versions", rows),
    ),
    (
        "phases",
        _phase_row,
        lambda c, p: {r.id: r.digest for r in trial_repo.list_phases(c, p)},
        lambda c, rows: trial_repo.restore_rows(c, "phases", rows),
    ),
    (
        "outcome_choices",
        _outcome_row,
        _outcome_digests,
        lambda c, rows: trial_repo.restore_rows(c, "outcome_choices", _no_digest(rows)),
    ),
    (
        "entries",
        _entry_row,
        lambda c, p: {r.id: r.digest for r in entries_repo.list_entries(c, p)},
        entries_repo.restore_entries,
    ),
    (
        "entry_revisions",
        _revision_row,
        lambda c, p: {
            (r.entry_id, r.revision): r.digest for r in revisions_repo.list_revisions(c, p)
        },
        revisions_repo.restore_revisions,
    ),
    (wearables.KEY, wearables.value_row, wearables.stored_digests, wearables.restore_values),
)
