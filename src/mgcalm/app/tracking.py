"""Use cases: log entries (idempotently, transactionally), read history and analysis series."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from mgcalm.domain.entries import (
    ENTRY_KINDS,
    EntryBase,
    FoodEntry,
    document_digest,
    entry_document,
    entry_from_document,
    parse_entry,
)
from mgcalm.domain.problems import InvalidInputError, Problem
from mgcalm.store import Store
from mgcalm.store import entries as repo
from mgcalm.store.entries import NewEntry

#: Answers whether a food id is in the catalogue (None: the catalogue cannot be consulted).
FoodCheck = Callable[[str], bool | None]


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
    """Problems the models alone cannot see: a food id the catalogue does not know."""
    problems: list[Problem] = []
    for index, entry in enumerate(batch):
        if isinstance(entry, FoodEntry) and food_check(entry.food_id) is False:
            where = "food.food_id" if len(batch) == 1 else f"entries[{index}].food_id"
            problems.append(
                Problem(
                    where, f"unknown food id {entry.food_id!r}", "an id from mgcalm foods search"
                )
            )
    if problems:
        raise InvalidInputError(problems)


def log_entries(
    store: Store, person_id: str, batch: Sequence[EntryBase], now: datetime, food_check: FoodCheck
) -> list[bool]:
    """Save a batch in one transaction; True per entry that was new, False if already saved."""
    check_entries(batch, food_check)
    rows = []
    for entry in batch:
        document = entry_document(entry)
        rows.append(
            NewEntry(entry.id, document["kind"], entry.day, document, document_digest(document))
        )
    with store.write() as conn:
        return repo.put_entries(conn, person_id, rows, now)


def parse_entries(raw: Sequence[dict[str, Any]]) -> list[EntryBase]:
    """Validate many raw entries (each with a ``kind``), reporting every problem of every one."""
    parsed: list[EntryBase] = []
    problems: list[Problem] = []
    for index, item in enumerate(raw):
        data = {k: v for k, v in item.items() if k != "kind"}
        try:
            parsed.append(parse_entry(str(item.get("kind", "")), data))
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
        StoredEntry(entry_from_document(r.document), r.created_at, r.updated_at) for r in records
    ]


def series(store: Store, person_id: str, start: date, end: date) -> dict[str, list[EntryBase]]:
    """Every series of the person between two days, grouped by kind (for evaluation)."""
    grouped: dict[str, list[EntryBase]] = {kind: [] for kind in ENTRY_KINDS}
    for stored in history(store, person_id, start=start, end=end):
        grouped[stored.entry.kind].append(stored.entry)
    return grouped
