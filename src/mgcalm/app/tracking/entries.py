"""Use cases: log entries (idempotently, transactionally), read history and analysis series."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar

from pydantic import ValidationError
from sqlalchemy.engine import Connection

from mgcalm.app.plans.people import check_person
from mgcalm.app.tracking.questionnaires import parse_logged, rescored
from mgcalm.app.tracking.sleep_diary import night_problems
from mgcalm.domain.entries import (
    ENTRY_KINDS,
    EntryBase,
    FoodEntry,
    QuestionnaireResponse,
    SleepDiary,
    document_digest,
    entry_document,
    entry_from_document,
    parse_clock,
)
from mgcalm.domain.problems import InvalidInputError, Problem
from mgcalm.domain.text import require_clean
from mgcalm.store import Store
from mgcalm.store import entries as repo
from mgcalm.store import revisions as revisions_repo
from mgcalm.store.database import ConcurrentWriteError
from mgcalm.store.entries import NewEntry

T = TypeVar("T")
log = logging.getLogger("mgcalm.app")

#: Answers whether a food id is in the catalogue (None: the catalogue cannot be consulted).
FoodCheck = Callable[[str], bool | None]
#: Runs inside the transaction that saves entries, after them (the safety events and stops).
OnSaved = Callable[[Connection, Sequence[EntryBase]], None]


@dataclass(frozen=True, slots=True)
class StoredEntry:
    """An entry as stored, with when it was first saved and last changed (UTC)."""

    entry: EntryBase
    created_at: datetime
    updated_at: datetime

    def to_json(self) -> dict[str, Any]:
        """The entry's document plus its timestamps (the ``history --json`` row)."""
        return {
            **entry_document(self.entry),
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
        }


def check_entries(batch: Sequence[EntryBase], food_check: FoodCheck) -> None:
    """Problems the models alone cannot see: an unknown food id, an impossible sleep diary."""
    problems: list[Problem] = []
    for index, entry in enumerate(batch):
        if isinstance(entry, FoodEntry) and food_check(entry.food_id) is False:
            where = "food.food_id" if len(batch) == 1 else f"entries[{index}].food_id"
            problems.append(unknown_food(entry.food_id, where))
        if isinstance(entry, SleepDiary):  # the diary's own rules: AM/PM slips and the like
            problems += night_problems(entry, "sleep" if len(batch) == 1 else f"entries[{index}]")
    if problems:
        raise InvalidInputError(problems)


def unknown_food(food_id: str, where: str) -> Problem:
    """The problem for a food id the catalogue does not know."""
    return Problem(where, f"unknown food id {food_id!r}", "an id from `mgcalm foods search`")


def log_entries(
    store: Store,
    person_id: str,
    batch: Sequence[EntryBase],
    now: datetime,
    food_check: FoodCheck,
    on_saved: OnSaved | None = None,
) -> list[bool]:
    """Save a batch in one transaction; True per entry that was new, False if already saved.

    ``on_saved`` runs in the same transaction, so what it writes is saved with the entries.
    """
    check_entries(batch, food_check)
    rows = []
    for entry in batch:
        document = entry_document(entry)
        rows.append(
            NewEntry(entry.id, document["kind"], entry.day, document, document_digest(document))
        )
    for attempt in (1, 2):
        try:
            with store.write() as conn:
                check_person(conn, person_id)
                created = repo.put_entries(conn, person_id, rows, now)
                if on_saved is not None:
                    on_saved(conn, batch)
                return created
        except ConcurrentWriteError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def parse_entries(raw: Sequence[dict[str, Any]]) -> list[EntryBase]:
    """Validate many raw entries (each with a ``kind``), reporting every problem of every one."""
    return each_entry(raw, parse_logged)


def each_entry(raw: Sequence[dict[str, Any]], parse: Callable[[str, dict[str, Any]], T]) -> list[T]:
    """``parse(kind, data)`` for each raw entry; every problem of every one, as ``entries[i]…``.

    Nothing is returned unless all of them pass, so a batch is saved whole or not at all.
    """
    parsed: list[T] = []
    problems: list[Problem] = []
    for index, item in enumerate(raw):
        data = {k: v for k, v in item.items() if k != "kind"}
        try:
            parsed.append(parse(str(item.get("kind", "")), data))
        except InvalidInputError as error:
            problems += [
                Problem(f"entries[{index}].{p.location}", p.message, p.accepted)
                for p in error.problems
            ]
    if problems:
        raise InvalidInputError(problems)
    return parsed


def history(
    store: Store,
    person_id: str,
    *,
    kinds: Sequence[str] | None = None,
    start: date | None = None,
    end: date | None = None,
) -> list[StoredEntry]:
    """The person's entries by day (optionally only some kinds, between two days inclusive)."""
    unknown = [k for k in kinds or () if k not in ENTRY_KINDS]
    if unknown:
        raise InvalidInputError(
            [Problem("kind", f"unknown entry kind {k!r}", ", ".join(ENTRY_KINDS)) for k in unknown]
        )
    with store.read() as conn:
        records = repo.list_entries(conn, person_id, kinds=kinds, start=start, end=end)
    return [
        StoredEntry(entry, r.created_at, r.updated_at)
        for r in records
        if (entry := readable_entry(r.document)) is not None
    ]


def stored_entries(store: Store, person_id: str, ids: Sequence[str]) -> list[StoredEntry]:
    """The person's entries with these ids, in the order asked (missing ids are left out)."""
    with store.read() as conn:
        found = {r.id: r for r in repo.get_entries(conn, person_id, ids)}
    return [
        StoredEntry(entry, r.created_at, r.updated_at)
        for r in (found.get(i) for i in ids)
        if r is not None and (entry := readable_entry(r.document)) is not None
    ]


def series(
    store: Store, person_id: str, start: date, end: date, kinds: Sequence[str] | None = None
) -> dict[str, list[EntryBase]]:
    """Every series of the person between two days (only ``kinds``, if given), grouped by kind."""
    grouped: dict[str, list[EntryBase]] = {kind: [] for kind in ENTRY_KINDS}
    with store.read() as conn:
        documents = repo.list_documents(conn, person_id, start, end, kinds)
    for document in documents:
        entry = readable_entry(document)
        if entry is not None:
            grouped[entry.kind].append(entry)
    return grouped


def last_questionnaire(
    conn: Connection, person_id: str, instrument: str, end: date | None, other_than: str = ""
) -> QuestionnaireResponse | None:
    """The last readable questionnaire of ``instrument`` up to ``end``, other than one id.

    "Last" is by day, then by when it was saved, as :func:`history` orders them; the
    questionnaires are read newest first and only until it is found.
    """
    for record in repo.newest_first(conn, person_id, "questionnaire", end):
        if record.id == other_than:
            continue
        entry = readable_entry(record.document)
        if isinstance(entry, QuestionnaireResponse) and entry.instrument == instrument:
            return entry
    return None


def last_questionnaires(
    conn: Connection, person_id: str, end: date | None
) -> list[QuestionnaireResponse]:
    """The last readable questionnaire of each form up to ``end`` (any day: None), by day.

    Only the last one of each instrument is read and decoded; should one of those not be
    readable (pages leave such a row out), every questionnaire is read, as pages did before,
    and the last readable one of each form kept.
    """
    records = repo.latest_questionnaires(conn, person_id, end)
    found = [readable_entry(r.document) for r in records]
    if any(entry is None for entry in found):
        records = repo.list_entries(conn, person_id, kinds=["questionnaire"], end=end)
        found = [readable_entry(r.document) for r in records]
    last: dict[str, QuestionnaireResponse] = {}
    for entry in found:
        if isinstance(entry, QuestionnaireResponse):
            last[entry.instrument] = entry
    return sorted(last.values(), key=lambda e: e.day)


def readable_entry(document: dict[str, Any]) -> EntryBase | None:
    """A stored entry as pages and analyses may use it, or None for a row they cannot.

    A questionnaire is scored again from its answers (never the stored score); one that cannot
    be scored, or a document no model reads, is left out of what the pages show (it stays in
    the store and in exports), so one broken row never takes a page down.
    """
    try:
        entry = entry_from_document(document)
    except ValidationError:
        log.warning("a stored %s entry could not be read and was left out", document.get("kind"))
        return None
    found = rescored(entry)
    if found is None:
        log.warning("a stored questionnaire could not be scored and was left out")
    return found


SLEEP_TIMES = ("into_bed", "tried_to_sleep", "final_wake", "out_of_bed")


def resolve_sleep_times(day: date, data: dict[str, Any]) -> dict[str, Any]:
    """Turn ``HH:MM`` diary times into date-times for the night before the morning ``day``.

    A clock time from 12:00 on belongs to the evening before ``day``; an earlier one to the
    morning of ``day``. Full ``YYYY-MM-DDTHH:MM`` values (for day sleepers and shift workers)
    pass through, and anything unreadable is left for validation to report with its field.
    """
    resolved = dict(data)
    for name in SLEEP_TIMES:
        value = data.get(name)
        try:
            clock = parse_clock(value) if isinstance(value, str) and "T" not in value else None
        except ValueError:
            continue
        if isinstance(clock, time):
            night = day - timedelta(days=1) if clock.hour >= 12 else day
            resolved[name] = datetime.combine(night, clock)
    return resolved


def fill_food_magnesium(data: dict[str, Any], lookup: Callable[[str], Any]) -> dict[str, Any]:
    """Compute a food entry's magnesium from the catalogue when the caller gave only grams."""
    if data.get("magnesium_mg") is not None or not data.get("food_id") or not data.get("grams"):
        return data
    try:
        food, grams = lookup(str(data["food_id"])), float(data["grams"])
    except (TypeError, ValueError):
        return data
    mg = None if food is None else food.magnesium_mg(grams)
    return data if mg is None else {**data, "magnesium_mg": round(mg, 1)}


# A correction that changes what a field was computed from recomputes it (unless it is given).
RECOMPUTED: dict[str, dict[str, tuple[str, ...]]] = {
    "food": {"magnesium_mg": ("food_id", "grams")},
}


def corrected(saved: EntryBase, changes: dict[str, Any], clear: Sequence[str]) -> dict[str, Any]:
    """A correction's fields: ``changes`` over the saved entry, ``clear`` back to their defaults.

    Every field neither changed nor cleared keeps its saved value. A name in ``clear`` that the
    entry does not have is refused, naming the fields it has.
    """
    document = {k: v for k, v in entry_document(saved).items() if k != "kind"}
    fields = sorted(set(document) - {"id", "day"})
    unknown = [name for name in clear if name not in fields]
    if unknown:
        raise InvalidInputError(
            [
                Problem(
                    "clear", f"{name!r} is not a field of a {saved.kind} entry", ", ".join(fields)
                )
                for name in unknown
            ]
        )
    kept = {k: v for k, v in document.items() if k not in clear}
    for field, inputs in RECOMPUTED.get(saved.kind, {}).items():
        if field not in changes and any(name in changes for name in inputs):
            kept.pop(field, None)
    return {**kept, **changes}


def amend_entry(
    store: Store,
    person_id: str,
    entry: EntryBase,
    reason: str,
    now: datetime,
    on_saved: OnSaved | None = None,
) -> bool:
    """Replace a saved entry of the same kind, keeping the old content; False if unchanged."""
    require_clean({"reason": reason})
    document = entry_document(entry)
    new = NewEntry(entry.id, entry.kind, entry.day, document, document_digest(document))
    with store.write() as conn:
        check_person(conn, person_id)
        current = repo.get_entries(conn, person_id, [entry.id])
        if current and current[0].kind != entry.kind:
            raise InvalidInputError(
                [
                    Problem(
                        f"{entry.kind}.id",
                        f"{entry.id!r} is a {current[0].kind} entry",
                        f"the id of a {entry.kind} entry",
                    )
                ]
            )
        changed = revisions_repo.amend_entry(conn, person_id, new, reason.strip(), now)
        if on_saved is not None:
            on_saved(conn, [entry])
        return changed


def delete_entry(store: Store, person_id: str, entry_id: str, reason: str, now: datetime) -> None:
    """Delete a saved entry, keeping its content as a revision."""
    require_clean({"reason": reason})
    with store.write() as conn:
        check_person(conn, person_id)
        revisions_repo.delete_entry(conn, person_id, entry_id, reason.strip(), now)
