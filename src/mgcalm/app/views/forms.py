"""Web form fields → the plain mappings the domain parsers read, and the onboarding use case.

A browser sends every field as text. These helpers turn the text into the numbers, booleans and
lists the parsers expect, but never judge it: a value that is not a number stays text, so the
parser's own problem ("must be a whole number, got 'abc'") names the field as the form does.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from mgcalm.app.core import App, new_id
from mgcalm.app.safety.country import check_country
from mgcalm.domain import InvalidInputError, Problem
from mgcalm.domain.entries import OUTCOMES
from mgcalm.domain.profile import DAY_FIELDS
from mgcalm.domain.profile_parse import profile_from_mapping

FormData = Mapping[str, Any]  # a form: one value per name, or a list for repeated names
MEDICATION_ROWS = 3
SUPPLEMENT_ROWS = 2
#: A medicine row's fields: a course's dates, and how often (weekdays, every week or month,
#: only when needed) with the magnesium per dose of a product that contains it (an antacid).
MEDICATION_FIELDS = ("name", "times", "start", "end", "days", "every", "as_needed", "amount_mg")
START_CHOICES = ("baseline", "magnesium")  # a baseline first (recommended), or magnesium today
SLEEP_CLOCKS = ("into_bed", "tried_to_sleep", "final_wake", "out_of_bed")
EVENING_FROM_HOUR = 12  # a diary time from noon on is the evening before the morning described
PRIMARY_OUTCOMES: tuple[str, ...] = (
    "anxiety",
    "sleep_quality",
    "tension",
    "mood",
    "irritability",
    "energy",
)


def _text(form: FormData, name: str) -> str:
    value = form.get(name, "")
    return str(value[0] if isinstance(value, list) and value else value or "").strip()


def _many(form: FormData, name: str) -> list[str]:
    value = form.get(name, [])
    return [str(v) for v in (value if isinstance(value, list) else [value]) if str(v).strip()]


def _number(text: str) -> Any:
    """An int or float when the text is one; otherwise the text itself (for the parser to name)."""
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


def _times(text: str) -> list[str]:
    return [t.strip() for t in text.replace(";", ",").split(",") if t.strip()]


def _row_count(form: FormData, table: str, rows: int) -> int:
    """How many rows of ``table`` the form sent: at least ``rows``, more when added."""
    found = [
        int(key[len(table) + 1 : key.index("]")])
        for key in form
        if key.startswith(f"{table}[") and key[len(table) + 1 : key.index("]")].isdigit()
    ]
    return max([rows - 1, *found]) + 1


def _days(form: FormData, name: str) -> list[str]:
    """Weekday ids from ticked boxes (a list) or typed text ("mon, thu"), as the parser reads."""
    return [d.strip().casefold() for v in _many(form, name) for d in _times(v)]


def _rows(form: FormData, table: str, rows: int, fields: tuple[str, ...]) -> list[dict[str, Any]]:
    found = []
    for i in range(_row_count(form, table, rows)):
        row = {f: _text(form, f"{table}[{i}].{f}") for f in fields if f != "days"}
        days = _days(form, f"{table}[{i}].days") if "days" in fields else []
        if not any(row.values()) and not days:
            continue  # an empty row is simply unused
        clean: dict[str, Any] = {"name": row["name"], "times": _times(row.get("times", ""))}
        if "amount_mg" in row:
            clean["amount_mg"] = _number(row["amount_mg"]) if row["amount_mg"] else None
        for dated in ("start", "end"):  # a course's dates (an antibiotic): kept when given
            if row.get(dated):
                clean[dated] = row[dated]
        if days:
            clean["days"] = days
        if row.get("every"):
            clean["every"] = row["every"]
        if row.get("as_needed"):  # a ticked box sends "on"; the API may send true
            clean["as_needed"] = _flag(row["as_needed"])
        clean = {k: v for k, v in clean.items() if v is not None}
        found.append(clean)
    return found


def _flag(text: str) -> Any:
    """A ticked box ("on") or a JSON-ish yes/no as a bool; other text left for the parser."""
    words = {"on": True, "true": True, "yes": True, "1": True, "false": False, "no": False}
    return words.get(text.casefold(), text)


def profile_mapping(form: FormData) -> dict[str, Any]:
    """The ``mgcalm.profile/1`` mapping an onboarding or settings form describes."""
    person: dict[str, Any] = {
        "age": _number(_text(form, "person.age")) if _text(form, "person.age") else None,
        "sex": _text(form, "person.sex") or None,
    }
    person = {k: v for k, v in person.items() if v is not None}
    person |= {flag: _text(form, f"person.{flag}") == "on" for flag in ("pregnant", "lactating")}
    health: dict[str, Any] = {"conditions": _many(form, "health.conditions")}
    if _text(form, "health.kidney"):
        health["kidney"] = _text(form, "health.kidney")
    if _text(form, "health.egfr"):
        health["egfr"] = _number(_text(form, "health.egfr"))
    if _text(form, "health.egfr_date"):
        health["egfr_date"] = _text(form, "health.egfr_date")
    data: dict[str, Any] = {
        "person": person,
        "health": health,
        "day": {f: _text(form, f"day.{f}") for f in DAY_FIELDS if _text(form, f"day.{f}")},
        "goals": {"focus": _many(form, "goals.focus")},
        "medications": _rows(form, "medications", MEDICATION_ROWS, MEDICATION_FIELDS),
        "supplements": _rows(form, "supplements", SUPPLEMENT_ROWS, ("name", "amount_mg", "times")),
    }
    if _text(form, "diet.magnesium_mg"):
        data["diet"] = {"magnesium_mg": _number(_text(form, "diet.magnesium_mg"))}
    return data


def onboard(app: App, form: FormData, person_id: str | None = None) -> str:
    """Turn onboarding answers into the person's profile, plan and a baseline to start with.

    Every problem in the answers is reported at once and nothing is saved unless all are fine;
    the plan is made before anything is written, and everything is written in one transaction.
    A second onboarding updates the one person's profile instead of adding another person.
    In clinic mode ``person_id`` names the logged-in person, so only their own record is touched.
    """
    profile, problems = profile_from_mapping(profile_mapping(form))
    outcome = _text(form, "outcome") or "anxiety"
    start = _text(form, "start") or "baseline"
    found = list(problems)
    if start not in START_CHOICES:
        found.append(Problem("start", f"{start!r} is not a choice", ", ".join(START_CHOICES)))
    if outcome not in OUTCOMES:
        found.append(
            Problem("outcome", f"{outcome!r} is not an outcome", ", ".join(PRIMARY_OUTCOMES))
        )
    # The country step (``region`` on the web form, ``country`` in the API); absent: unchanged.
    field = "country" if _text(form, "country") else "region"
    country = _text(form, field) or None
    if country is not None:
        try:
            check_country(country, field)
        except InvalidInputError as error:
            found += error.problems
    if found or profile is None:
        raise InvalidInputError(found)
    people = [p for p in app.people() if person_id in (None, p.id)]
    pid = people[0].id if people else person_id or new_id()
    first = "baseline" if start == "baseline" else "titration"
    # One transaction: person, profile, plan, country and trial are saved together or not at all.
    app.set_up(
        profile,
        person_id=pid,
        display_name=_text(form, "name")[:80],
        begin=(outcome, first),
        country_code=country,
    )
    return pid


def _evening_or_morning(day: date, clock: str) -> str:
    """A diary clock time as a local date-time; from noon on it is the evening before."""
    head = clock.split(":", 1)[0].strip()
    hour = int(head) if head.isdigit() else 0
    on = day - timedelta(days=1) if hour >= EVENING_FROM_HOUR else day
    return f"{on.isoformat()}T{clock}"


def entry_data(kind: str, form: FormData, today: date) -> dict[str, Any]:
    """The raw data of one entry from its form; empty fields are left out, day defaults to today.

    The sleep diary form asks only clock times; they are placed on the night before the morning
    (``day``) the diary describes, as the Consensus Sleep Diary does.
    """
    data: dict[str, Any] = {}
    # A medicine change's times and "as needed" are for the re-plan, not the logged entry.
    skip = ("csrf_token", "kind", "symptoms", "times", "as_needed")
    for key in form:
        if key in skip:
            continue
        text = _text(form, key)
        if text != "":
            data[key] = text
    data.setdefault("day", today.isoformat())
    if kind == "sleep":
        day = _date_or(data["day"], today)
        for key in SLEEP_CLOCKS:
            if key in data and len(data[key]) <= 5:
                data[key] = _evening_or_morning(day, data[key])
    return data


def _date_or(text: str, fallback: date) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return fallback  # the entry parser reports the bad day itself
