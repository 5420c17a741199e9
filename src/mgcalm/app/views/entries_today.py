"""Today's entries on the web: a list to edit or delete from, undo, and the forms' saved values.

Corrections go through the store's revisions (``App.amend`` / ``App.delete_entry``), so an edit or
a delete is kept on the record with its reason, never silent. Undo is a delete made within
:data:`UNDO_SECONDS` of saving (the page offers it for a few seconds; the server allows a little
longer for a slow network).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from mgcalm.app.core import App
from mgcalm.app.views.forms import FormData, entry_data
from mgcalm.domain import InvalidInputError, Problem
from mgcalm.domain.entries import EntryBase, entry_document

UNDO_SECONDS = 120
EDITABLE = ("checkin", "sleep", "side_effect", "practice", "therapy", "medication_change")
KIND_NAMES = {
    "checkin": "Check-in",
    "sleep": "Sleep diary",
    "food": "Food",
    "dose": "Magnesium dose",
    "side_effect": "Side effects",
    "practice": "Practice",
    "therapy": "Therapy session",
    "medication_change": "Medicine change",
    "questionnaire": "Questionnaire",
}
RATING_WORDS = {"sleep_quality": "sleep", "panic_episodes": "panic episodes"}


def summary(entry: EntryBase) -> str:
    """A few words saying what an entry holds (for the list of today's entries)."""
    doc = entry_document(entry)
    kind = doc["kind"]
    if kind == "checkin":
        parts = [
            f"{RATING_WORDS.get(k, k)} {v}"
            for k, v in doc.items()
            if isinstance(v, int) and not isinstance(v, bool) and k != "panic_episodes"
        ]
        if doc.get("crisis"):
            parts.append("marked unsafe")
        return ", ".join(parts) or "no ratings"
    if kind == "dose":
        return "missed" if doc["missed"] else f"{doc['elemental_mg']:.0f} mg {doc['form']}"
    if kind == "food":
        return f"{doc['portion'] or str(doc['grams']) + ' g'} · {doc['magnesium_mg']:.0f} mg"
    if kind == "sleep":
        return f"quality {doc['quality']} of 5"
    if kind == "side_effect":
        bits = [f"stool type {doc['bristol_type']}" if doc.get("bristol_type") else ""]
        bits.append(f"nausea {doc['nausea']}" if doc.get("nausea") is not None else "")
        return ", ".join(b for b in (*bits, doc.get("other", "")) if b)
    if kind in ("practice", "therapy"):
        what = str(doc.get(kind, "")).replace("_", " ")
        return f"{what}, {doc['minutes']} min" if doc.get("minutes") else what
    if kind == "medication_change":
        return f"{doc['medication']} {doc['change'].replace('_', ' ')}"
    return str(doc.get("instrument", ""))


def today_entries(app: App, person_id: str, day: date | None = None) -> list[dict[str, Any]]:
    """Today's entries, newest first, each with a summary and whether it can be edited."""
    day = day or app.today()
    stored = app.history(person_id, start=day, end=day)
    rows = [
        {
            "id": s.entry.id,
            "kind": s.entry.kind,
            "title": KIND_NAMES.get(s.entry.kind, s.entry.kind),
            "summary": summary(s.entry),
            "saved_at": s.created_at.isoformat(),
            "editable": s.entry.kind in EDITABLE,
        }
        for s in stored
    ]
    rows.sort(key=lambda row: str(row["saved_at"]), reverse=True)
    return rows


def form_values(entry: EntryBase) -> dict[str, str]:
    """An entry as the text its form shows (clock times for the sleep diary), for editing."""
    values: dict[str, str] = {}
    for key, value in entry_document(entry).items():
        if value is None or key in ("kind",):
            continue
        if isinstance(value, bool):
            values[key] = "on" if value else ""
        elif key in ("into_bed", "tried_to_sleep", "final_wake", "out_of_bed"):
            values[key] = str(value)[11:16]
        else:
            values[key] = str(value)
    return values


def stored_entry(app: App, person_id: str, entry_id: str) -> EntryBase:
    """The saved entry with this id (NotFound-style problem if there is none)."""
    found = app.history(person_id, ids=(entry_id,))
    if not found:
        raise InvalidInputError([Problem("id", f"no entry {entry_id!r}", "an entry from today")])
    return found[0].entry


def edit_entry(app: App, person_id: str, kind: str, entry_id: str, form: FormData) -> EntryBase:
    """Replace an entry from its edited form; the earlier version is kept with the reason."""
    current = stored_entry(app, person_id, entry_id)
    if current.kind != kind or kind not in EDITABLE:
        raise InvalidInputError([Problem("id", f"{entry_id!r} cannot be edited as {kind}", "")])
    data = entry_data(kind, {**form, "day": current.day.isoformat()}, app.today())
    data.pop("id", None)
    return app.amend(person_id, kind, {"id": entry_id, **data}, "edited on the web").entry


def delete_entry(app: App, person_id: str, entry_id: str, reason: str) -> None:
    """Delete an entry; its content is kept as a revision with the reason."""
    stored_entry(app, person_id, entry_id)
    app.delete_entry(person_id, entry_id, reason)


def undo(app: App, person_id: str, entry_id: str, now: datetime) -> dict[str, Any]:
    """Take back an entry saved moments ago (kept on the record as 'undone')."""
    found = app.history(person_id, ids=(entry_id,))
    if not found:
        raise InvalidInputError([Problem("id", f"no entry {entry_id!r}", "an entry just saved")])
    if now - found[0].created_at > timedelta(seconds=UNDO_SECONDS):
        problem = Problem("id", "it is too late to undo this; delete it from today's entries", "")
        raise InvalidInputError([problem])
    app.delete_entry(person_id, entry_id, "undone right after saving")
    return {"undone": entry_id, "kind": found[0].entry.kind}
