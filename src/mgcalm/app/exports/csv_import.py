"""Use case: import a tidy CSV file (``date,measure,value,unit,phase``) into a person's entries.

The file is read and mapped by :mod:`mgcalm.interop.tidy_import`; this module compares it with
what is stored and saves the new entries in one transaction (all or nothing). A day whose entries
of a kind are already stored with the same values is left alone, so importing a file twice, or
the export of the same store, adds nothing; a day stored with *different* values is a problem
named by its rows, and nothing is written.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from mgcalm.app.core import App
from mgcalm.domain import InvalidInputError, Problem
from mgcalm.domain.entries import EntryBase
from mgcalm.interop.entry_series import entry_points
from mgcalm.interop.tidy_import import DayGroup, Skipped, TidyImport, read_tidy_import

_CARRIED = {
    "checkin": "a check-in comes back with its ratings and panic episodes; palpitations, the "
    "crisis marker and notes are not in a tidy CSV",
    "side_effect": "a side effect comes back with its Bristol type and nausea; other symptoms "
    "in words are not in a tidy CSV",
}

_LABELS = {"checkin": "check-in(s)", "side_effect": "side effect(s)"}


@dataclass(frozen=True, slots=True)
class CsvImport:
    """What an import added (or would add), what was already stored and what it skipped."""

    added: dict[str, int]
    unchanged: dict[str, int]
    skipped: tuple[Skipped, ...]
    notes: tuple[str, ...]
    dry_run: bool

    def to_json(self) -> dict[str, Any]:
        """The ``--json`` form of ``mgcalm export import-csv``."""
        return {
            "dry_run": self.dry_run,
            "added": self.added,
            "unchanged": self.unchanged,
            "not_importable": [s.to_json() for s in self.skipped],
            "notes": list(self.notes),
        }


def import_csv(
    app: App, path: Path, person_id: str | None = None, *, dry_run: bool = False
) -> CsvImport:
    """Import a tidy CSV file's check-ins and side effects; ``dry_run`` only reports."""
    mapped = read_tidy_import(_read(path), source=path.name)
    person = app.person(person_id)
    stored = _stored_values(app, person.id, mapped.groups)
    new: list[DayGroup] = []
    same: list[DayGroup] = []
    problems: list[Problem] = []
    for group in mapped.groups:
        have = stored.get((group.kind, group.day))
        if not have:
            new.append(group)
        elif have == group.values:
            same.append(group)
        else:
            problems.append(_differs(path.name, group))
    if problems:
        raise InvalidInputError(problems)
    entries = [entry for group in new for entry in group.entries]
    if not dry_run:
        app.log_entries(person.id, entries)
    return CsvImport(
        _count(e.kind for e in entries),
        _count(e.kind for g in same for e in g.entries),
        mapped.skipped,
        _notes(mapped, entries),
        dry_run,
    )


def _read(path: Path) -> str:
    """The file's text (a BOM from a spreadsheet is dropped), or a problem naming the file."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInputError([Problem(str(path), f"cannot be read: {error}")]) from None


def _stored_values(
    app: App, person_id: str, groups: tuple[DayGroup, ...]
) -> dict[tuple[str, date], tuple[tuple[str, float], ...]]:
    """The values already stored for each kind and day the file holds, sorted like the file's."""
    if not groups:
        return {}
    kinds = sorted({g.kind for g in groups})
    start, end = min(g.day for g in groups), max(g.day for g in groups)
    found: dict[tuple[str, date], list[tuple[str, float]]] = defaultdict(list)
    for stored in app.history(person_id, kinds=kinds, start=start, end=end):
        entry: EntryBase = stored.entry
        points = entry_points([entry], lambda _day: "")
        found[(entry.kind, entry.day)] += [(p.measure, p.value) for p in points]
    return {key: tuple(sorted(values)) for key, values in found.items()}


def _differs(source: str, group: DayGroup) -> Problem:
    """The problem for a day whose stored entries of a kind hold other values than the file."""
    rows = ", ".join(str(n) for n in group.rows)
    return Problem(
        f"{source}: row{'s' if len(group.rows) > 1 else ''} {rows}",
        f"{group.day.isoformat()} already has a {group.kind} entry with other values",
        "remove these rows, or delete the stored entry first (`mgcalm delete-entry`)",
    )


def _count(kinds: Any) -> dict[str, int]:
    """How many of each kind, in kind order."""
    counts: dict[str, int] = defaultdict(int)
    for kind in kinds:
        counts[kind] += 1
    return dict(sorted(counts.items()))


def _notes(mapped: TidyImport, entries: list[EntryBase]) -> tuple[str, ...]:
    """What the person should know about the fields and phases a tidy CSV does not carry."""
    notes = [_CARRIED[kind] for kind in sorted({e.kind for e in entries})]
    if mapped.phased_rows:
        notes.append("the phase column is not imported: phases come from `mgcalm trial`")
    return tuple(notes)


def import_text(result: CsvImport) -> str:
    """The import as lines a person reads."""
    added = ", ".join(f"{n} {_LABELS[kind]}" for kind, n in result.added.items()) or "nothing"
    lines = [f"{'Would add' if result.dry_run else 'Added'}: {added}."]
    if result.unchanged:
        same = ", ".join(f"{n} {_LABELS[kind]}" for kind, n in result.unchanged.items())
        lines.append(f"Already stored: {same}.")
    if result.dry_run:
        lines.append("Dry run: nothing was written.")
    for skipped in result.skipped:
        lines.append(f"Not importable: {skipped.measure} ({skipped.rows} rows): {skipped.reason}")
    lines += [f"Note: {note}" for note in result.notes]
    return "\n".join(lines)
