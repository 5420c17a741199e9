"""Read and write ``mgcalm.profile/1``: TOML text or a plain mapping in, a checked Profile out.

Every problem is collected with the key it belongs to (``person.age``,
``medications[1].times[0]``) and what is accepted, so a person fixes everything in one pass.
An unknown medicine name is *not* a problem here: the planner warns that its interactions
could not be checked, which keeps the person able to plan while saying so plainly.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time
from typing import Any, cast

from mgcalm.domain.problems import Problem
from mgcalm.domain.profile import (
    DAY_FIELDS,
    EVERY,
    GOALS,
    KIDNEY_STAGES,
    MEALS,
    PROFILE_SCHEMA,
    SEXES,
    WEEKDAYS,
    Day,
    Every,
    Health,
    KidneyStage,
    Medication,
    Person,
    Profile,
    Sex,
    Supplement,
    Weekday,
)
from mgcalm.domain.profile_write import profile_to_toml
from mgcalm.domain.strength import UNITS_ACCEPTED, split_strength
from mgcalm.domain.text import odd_character

__all__ = ["parse_profile_toml", "parse_times", "profile_from_mapping", "profile_to_toml"]

_SECTIONS = ("schema", "person", "health", "day", "goals", "diet", "medications", "supplements")
_KEYS: Mapping[str, tuple[str, ...]] = {
    "person": ("age", "sex", "pregnant", "lactating"),
    "health": ("egfr", "egfr_date", "kidney", "conditions"),
    "day": DAY_FIELDS,
    "goals": ("focus",),
    "diet": ("magnesium_mg",),
    "medications": (
        "name",
        "times",
        "start",
        "end",
        "days",
        "every",
        "as_needed",
        "amount_mg",
    ),
    "supplements": ("name", "amount_mg", "times"),
}
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")
_CLOCK_ACCEPTED = '24-hour "HH:MM", e.g. "07:30"'
_CONDITION_ID = re.compile(r"^[a-z][a-z0-9_]*$")
MAX_AGE = 120
MAX_EGFR = 200.0
MAX_DIET_MG = 3000.0
MAX_SUPPLEMENT_MG = 20000.0


class _Reader:
    """Collects problems while reading one mapping; locations are prefixed with the source."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def report(self, key: str, message: str, accepted: str = "") -> None:
        """Record a problem at ``key`` (prefixed with the source, if any)."""
        where = f"{self.source}: {key}" if self.source else key
        self.problems.append(Problem(where, message, accepted))

    def table(self, data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
        """The sub-table ``key`` (empty if absent), with its unknown keys reported."""
        value = data.get(key)
        if value is None:
            return {}  # a missing required section is reported key by key, as each key is read
        if not isinstance(value, Mapping):
            self.report(key, "must be a table", f"[{key}] with {_keys_of(key)}")
            return {}
        self.unknown_keys(value, key, _KEYS[key])
        return value

    def unknown_keys(self, data: Mapping[str, Any], where: str, known: Sequence[str]) -> None:
        """Report every key of ``data`` that is not in ``known``."""
        for name in data:
            if name not in known:
                self.report(f"{where}.{name}", "unknown key", ", ".join(known))

    def integer(self, value: Any, key: str, low: int, high: int) -> int | None:
        """A whole number in ``[low, high]`` (an integral float counts), or None (reported)."""
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # a web form's "34" may arrive as 34.0
        if isinstance(value, bool) or not isinstance(value, int):
            self.report(key, f"must be a whole number, got {value!r}", f"{low}–{high}")
            return None
        if not low <= value <= high:
            self.report(key, f"{value} is out of range", f"{low}–{high}")
            return None
        return value

    def number(
        self, value: Any, key: str, low: float, high: float, *, open_low: bool
    ) -> float | None:
        """A number above (or from) ``low`` up to ``high``, or None (reported)."""
        accepted = f"a number {'above' if open_low else 'from'} {low:g} up to {high:g}"
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.report(key, f"must be a number, got {value!r}", accepted)
            return None
        too_low = value <= low if open_low else value < low
        if too_low or value > high or value != value:  # value != value catches NaN
            self.report(key, f"{value:g} is out of range", accepted)
            return None
        return float(value)

    def boolean(self, value: Any, key: str) -> bool | None:
        """True or false, or None (reported)."""
        if not isinstance(value, bool):
            self.report(key, f"must be true or false, got {value!r}", "true, false")
            return None
        return value

    def choice(self, value: Any, key: str, choices: Sequence[str]) -> str | None:
        """One of ``choices`` (case and surrounding spaces ignored), or None (reported)."""
        text = value.strip().lower() if isinstance(value, str) else None
        if text not in choices:
            self.report(key, f"{value!r} is not a known value", ", ".join(choices))
            return None
        return text

    def text(self, value: Any, key: str) -> str | None:
        """A non-empty name, stripped, or None (reported)."""
        if not isinstance(value, str) or not value.strip():
            self.report(key, "must be a non-empty name", 'text such as "levothyroxine"')
            return None
        odd = odd_character(value)
        if odd is not None:
            self.report(key, f"contains a {odd}", 'text such as "levothyroxine"')
            return None
        return value.strip()

    def product_name(self, value: Any, key: str) -> str | None:
        """A medicine or supplement name; a strength in it must use a known unit."""
        name = self.text(value, key)
        if name is None:
            return None
        split = split_strength(name)
        for bad in split.bad_units:
            self.report(key, f"{bad!r} in {name!r} is not a strength mgcalm reads", UNITS_ACCEPTED)
        if not split.name.strip(" -/+"):
            self.report(key, f"{name!r} has a strength but no name", 'e.g. "Synthroid 50 mcg"')
        return None if split.bad_units or not split.name.strip(" -/+") else name

    def clock(self, value: Any, key: str) -> time | None:
        """A time of day from "HH:MM" (or a TOML time), or None (reported)."""
        if isinstance(value, time):
            return value.replace(second=0, microsecond=0)
        match = _CLOCK.match(value.strip()) if isinstance(value, str) else None
        if match is None or int(match[1]) > 23 or int(match[2]) > 59:
            self.report(key, f"{value!r} is not a time of day", _CLOCK_ACCEPTED)
            return None
        return time(int(match[1]), int(match[2]))

    def calendar_date(self, value: Any, key: str) -> date | None:
        """A date from a TOML date or "YYYY-MM-DD", or None (reported)."""
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.report(key, f"{value!r} is not a date", "YYYY-MM-DD, e.g. 2026-11-01")
        return None

    def items(self, value: Any, key: str, accepted: str) -> list[Any] | None:
        """The list at ``key``; None (reported) when it is not a list, [] when absent."""
        if value is None:
            return []
        if isinstance(value, str | bytes) or not isinstance(value, Sequence):
            self.report(key, f"must be a list, got {value!r}", accepted)
            return None
        return list(value)

    def clocks(self, value: Any, key: str, required: bool) -> tuple[time, ...]:
        """A list of times of day; with ``required``, an empty list is reported."""
        accepted = f"a list of {_CLOCK_ACCEPTED} times"
        entries = self.items(value, key, accepted)
        if entries is None:
            return ()
        if required and not entries:
            self.report(key, "give at least one time", accepted)
        found = [self.clock(v, f"{key}[{i}]") for i, v in enumerate(entries)]
        return tuple(t for t in found if t is not None)


def parse_times(text: str, key: str) -> tuple[tuple[time, ...], tuple[Problem, ...]]:
    """``"08:00, 20:00"`` typed in a form or flag: the times, or every problem under ``key``."""
    reader = _Reader("")
    parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
    found = [reader.clock(part, key) for part in parts]
    times = tuple(dict.fromkeys(t for t in found if t is not None))
    return times, tuple(reader.problems)


def _keys_of(section: str) -> str:
    return ", ".join(_KEYS[section])


def parse_profile_toml(
    text: str, source: str = "profile.toml"
) -> tuple[Profile | None, tuple[Problem, ...]]:
    """Parse a ``mgcalm.profile/1`` TOML text; returns the profile or every problem found."""
    try:
        data = tomllib.loads(text.removeprefix("\ufeff"))  # editors on Windows may add a BOM
    except tomllib.TOMLDecodeError as error:
        line = re.search(r"line (\d+)", str(error))
        where = f"{source}: line {line[1]}" if line else source
        return None, (Problem(where, f"not valid TOML: {error}", "TOML 1.0 syntax"),)
    except RecursionError:  # arrays nested thousands deep exhaust the parser
        problem = Problem(source, "nested too deeply to read", "a profile as in the examples")
        return None, (problem,)
    return profile_from_mapping(data, source)


def profile_from_mapping(
    data: Mapping[str, Any], source: str = ""
) -> tuple[Profile | None, tuple[Problem, ...]]:
    """Build a Profile from plain data (parsed TOML, a web form, a stored row).

    Returns ``(profile, ())`` when everything is valid, else ``(None, problems)`` listing every
    problem, so nothing half-checked is ever used.
    """
    reader = _Reader(source)
    if not isinstance(data, Mapping):
        reader.report("profile", f"must be a mapping of sections, got {type(data).__name__}")
        return None, tuple(reader.problems)
    _top_level_keys(reader, data)
    person = _person(reader, reader.table(data, "person"))
    health = _health(reader, reader.table(data, "health"))
    day = _day(reader, reader.table(data, "day"))
    goals = _goals(reader, reader.table(data, "goals"))
    diet = _diet(reader, reader.table(data, "diet"))
    medications = _medications(reader, data.get("medications"))
    supplements = _supplements(reader, data.get("supplements"))
    if reader.problems or person is None or day is None:
        return None, tuple(reader.problems)
    profile = Profile(person, day, health, goals, diet, medications, supplements)
    return profile, ()


def _top_level_keys(reader: _Reader, data: Mapping[str, Any]) -> None:
    for name in data:
        if name not in _SECTIONS:
            reader.report(name, "unknown section or key", ", ".join(_SECTIONS))
    schema = data.get("schema", PROFILE_SCHEMA)
    if schema != PROFILE_SCHEMA:
        reader.report("schema", f"{schema!r} is not a supported profile schema", PROFILE_SCHEMA)


def _person(reader: _Reader, table: Mapping[str, Any]) -> Person | None:
    age = sex = None
    if "age" in table:
        age = reader.integer(table["age"], "person.age", 0, MAX_AGE)
    else:
        reader.report("person.age", "is required", f"whole years, 0–{MAX_AGE}")
    if "sex" in table:
        sex = reader.choice(table["sex"], "person.sex", SEXES)
    else:
        reader.report("person.sex", "is required", ", ".join(SEXES))
    flags = [reader.boolean(table.get(n, False), f"person.{n}") for n in ("pregnant", "lactating")]
    if sex == "male" and any(flags):
        for name, flag in zip(("pregnant", "lactating"), flags, strict=True):
            if flag:
                reader.report(f"person.{name}", 'applies only with sex = "female"', "false")
        return None
    if age is None or sex is None or None in flags:
        return None
    return Person(age, cast(Sex, sex), bool(flags[0]), bool(flags[1]))


def _health(reader: _Reader, table: Mapping[str, Any]) -> Health:
    egfr = kidney = None
    if table.get("egfr") is not None:
        egfr = reader.number(table["egfr"], "health.egfr", 0.0, MAX_EGFR, open_low=False)
    egfr_date = None
    if table.get("egfr_date") is not None:
        egfr_date = reader.calendar_date(table["egfr_date"], "health.egfr_date")
    if table.get("kidney") is not None:
        kidney = reader.choice(table["kidney"], "health.kidney", KIDNEY_STAGES)
    accepted = 'a list of condition ids such as "myasthenia_gravis", "heart_block", "ibd"'
    entries = reader.items(table.get("conditions"), "health.conditions", accepted) or []
    conditions: list[str] = []
    for i, value in enumerate(entries):
        name = _condition_id(value)
        if name is None:
            reader.report(f"health.conditions[{i}]", f"{value!r} is not a condition id", accepted)
        elif name not in conditions:
            conditions.append(name)
    return Health(egfr, cast(KidneyStage | None, kidney), tuple(conditions), egfr_date)


def _condition_id(value: Any) -> str | None:
    """Lower snake case, so "Heart block" and "heart_block" name the same condition."""
    if not isinstance(value, str):
        return None
    name = re.sub(r"[\s\-]+", "_", value.strip().lower())
    return name if _CONDITION_ID.match(name) else None


def _day(reader: _Reader, table: Mapping[str, Any]) -> Day | None:
    """Waking and bedtime are required; a meal the person skips may be left out."""
    times: dict[str, time] = {}
    wanted = 0
    for name in DAY_FIELDS:
        if name not in table or table[name] in (None, ""):
            if name not in MEALS:
                reader.report(f"day.{name}", "is required", _CLOCK_ACCEPTED)
                wanted += 1
            continue
        wanted += 1
        found = reader.clock(table[name], f"day.{name}")
        if found is not None:
            times[name] = found
    if len(times) < wanted or "wake" not in times or "bedtime" not in times:
        return None
    if not _check_day_order(reader, times):
        return None
    meals = (times.get("breakfast"), times.get("lunch"), times.get("dinner"))
    return Day(times["wake"], *meals, times["bedtime"])


def _check_day_order(reader: _Reader, times: Mapping[str, time]) -> bool:
    """Meals fall between waking and bedtime, in order; the day may run past midnight."""
    wake = _minutes(times["wake"])
    previous, last = "wake", 0
    for name in (n for n in DAY_FIELDS[1:] if n in times):
        offset = (_minutes(times[name]) - wake) % 1440
        if (name != "breakfast" or previous != "wake") and offset <= last:
            reader.report(
                f"day.{name}",
                f"{times[name]:%H:%M} is not after day.{previous} ({times[previous]:%H:%M})",
                "wake, breakfast, lunch, dinner, bedtime in the order of your day",
            )
            return False
        previous, last = name, offset
    return True


def _minutes(value: time) -> int:
    return value.hour * 60 + value.minute


def _goals(reader: _Reader, table: Mapping[str, Any]) -> tuple[str, ...]:
    accepted = ", ".join(GOALS)
    entries = reader.items(table.get("focus"), "goals.focus", f"a list of: {accepted}") or []
    goals: list[str] = []
    for i, value in enumerate(entries):
        goal = reader.choice(value, f"goals.focus[{i}]", GOALS)
        if goal is not None and goal not in goals:
            goals.append(goal)
    return tuple(goals)


def _diet(reader: _Reader, table: Mapping[str, Any]) -> float | None:
    if table.get("magnesium_mg") is None:
        return None
    key = "diet.magnesium_mg"
    return reader.number(table["magnesium_mg"], key, 0.0, MAX_DIET_MG, open_low=False)


def _array_of_tables(reader: _Reader, value: Any, name: str) -> list[Mapping[str, Any]]:
    accepted = f"[[{name}]] tables with {_keys_of(name)}"
    entries = reader.items(value, name, accepted) or []
    tables: list[Mapping[str, Any]] = []
    for i, entry in enumerate(entries):
        if not isinstance(entry, Mapping):
            reader.report(f"{name}[{i}]", "must be a table", accepted)
            continue
        reader.unknown_keys(entry, f"{name}[{i}]", _KEYS[name])
        tables.append(entry)
    return tables


def _medications(reader: _Reader, value: Any) -> tuple[Medication, ...]:
    found: list[Medication] = []
    for i, entry in enumerate(_array_of_tables(reader, value, "medications")):
        key = f"medications[{i}]"
        name = reader.product_name(entry.get("name"), f"{key}.name")
        as_needed = reader.boolean(entry.get("as_needed", False), f"{key}.as_needed")
        times = reader.clocks(entry.get("times"), f"{key}.times", required=not as_needed)
        start, end = _course(reader, entry, key)
        days, every = _frequency(reader, entry, key)
        amount = None
        if entry.get("amount_mg") is not None:
            amount = reader.number(
                entry["amount_mg"], f"{key}.amount_mg", 0.0, MAX_SUPPLEMENT_MG, open_low=True
            )
        if name is not None and (times or as_needed):
            found.append(Medication(name, times, start, end, days, every, bool(as_needed), amount))
    return tuple(found)


def _frequency(
    reader: _Reader, entry: Mapping[str, Any], key: str
) -> tuple[tuple[Weekday, ...], Every | None]:
    """``days`` (weekday ids) and ``every`` (day, week, month) of a medicine not taken daily."""
    accepted = f"a list of: {', '.join(WEEKDAYS)}"
    entries = reader.items(entry.get("days"), f"{key}.days", accepted) or []
    days: list[Weekday] = []
    for j, value in enumerate(entries):
        day = reader.choice(value, f"{key}.days[{j}]", WEEKDAYS)
        if day is not None and day not in days:
            days.append(cast(Weekday, day))
    every = None
    if entry.get("every") is not None:
        every = reader.choice(entry["every"], f"{key}.every", EVERY)
    return tuple(days), cast(Every | None, every)


def _course(reader: _Reader, entry: Mapping[str, Any], key: str) -> tuple[date | None, date | None]:
    """A course's start and end dates: both or neither, and the end not before the start."""
    start = end = None
    if entry.get("start") is not None:
        start = reader.calendar_date(entry["start"], f"{key}.start")
    if entry.get("end") is not None:
        end = reader.calendar_date(entry["end"], f"{key}.end")
    if (entry.get("start") is None) != (entry.get("end") is None):
        missing = f"{key}.{'start' if entry.get('start') is None else 'end'}"
        reader.report(missing, "a course needs both dates", "start and end together, or neither")
    elif start and end and end < start:
        reader.report(f"{key}.end", f"{end} is before start {start}", "a date on/after start")
    return start, end


def _supplements(reader: _Reader, value: Any) -> tuple[Supplement, ...]:
    found: list[Supplement] = []
    for i, entry in enumerate(_array_of_tables(reader, value, "supplements")):
        key = f"supplements[{i}]"
        name = reader.product_name(entry.get("name"), f"{key}.name")
        amount = None
        if "amount_mg" in entry:
            amount = reader.number(
                entry["amount_mg"], f"{key}.amount_mg", 0.0, MAX_SUPPLEMENT_MG, open_low=True
            )
        else:
            reader.report(f"{key}.amount_mg", "is required", "milligrams per intake, above 0")
        times = reader.clocks(entry.get("times"), f"{key}.times", required=False)
        if name is not None and amount is not None:
            found.append(Supplement(name, amount, times))
    return tuple(found)
