"""Odd values refused at the door: control characters, unpaired surrogates, non-finite numbers.

Text a person types may hold any letter of any script, emoji, tabs and line breaks. What it may
not hold are characters that no keyboard produces and that break the programs text passes
through: NUL (PostgreSQL's ``jsonb`` and ``text`` refuse it, so one stored NUL would take down every
page that reads that row), the other C0 and C1 control characters, and unpaired UTF-16 surrogates
(not encodable as UTF-8). Numbers must be finite: ``NaN`` compares false with every bound, so it
would slip through range checks and poison every sum it joins.

:func:`odd_value` finds the first such value anywhere inside nested data; :func:`check_text`
refuses one (as a pydantic validator, or anywhere); :func:`text_problems` reports them all with
their location, for the validators that collect problems. Nothing here imports pydantic, so the
profile reader that uses it stays light.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping
from typing import Any

from mgcalm.domain.problems import InvalidInputError, Problem

ALLOWED_CONTROLS = frozenset("\t\n\r")
ACCEPTED_TEXT = "text without control characters (tab and line breaks are fine)"
ACCEPTED_NUMBER = "a finite number"


def odd_character(text: str) -> str | None:
    """A description of the first character text may not hold (None when it is clean)."""
    for position, char in enumerate(text):
        if char in ALLOWED_CONTROLS:
            continue
        category = unicodedata.category(char)
        if category == "Cc":
            return f"control character U+{ord(char):04X} at position {position + 1}"
        if category == "Cs":
            return f"unpaired surrogate U+{ord(char):04X} at position {position + 1}"
    return None


def odd_value(value: Any, where: str = "") -> tuple[str, str] | None:
    """``(location, what is wrong)`` for the first odd string or number inside ``value``.

    Lists, tuples and mappings are searched (keys too); locations read ``score.flags[0]``.
    """
    if isinstance(value, str):
        found = odd_character(value)
        return None if found is None else (where, f"contains a {found}")
    if isinstance(value, float) and not math.isfinite(value):
        return where, f"{value!r} is not a finite number"
    if isinstance(value, Mapping):
        for key, item in value.items():
            inner = f"{where}.{key}" if where else str(key)
            found_key = odd_value(key, inner) if isinstance(key, str) else None
            found_item = found_key or odd_value(item, inner)
            if found_item is not None:
                return found_item
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            found_item = odd_value(item, f"{where}[{index}]")
            if found_item is not None:
                return found_item
    return None


def check_text(value: Any) -> Any:
    """Return ``value`` unchanged, or raise ``ValueError`` naming what is odd inside it.

    Used as a pydantic validator, so the error lands on the field that holds the value.
    """
    found = odd_value(value)
    if found is not None:
        where, what = found
        inside = f" (at {where})" if where else ""
        raise ValueError(f"{what}{inside}")
    return value


def text_problems(values: Mapping[str, Any]) -> list[Problem]:
    """A problem for each named value that holds odd text or a non-finite number."""
    problems = []
    for location, value in values.items():
        found = odd_value(value)
        if found is not None:
            inner, what = found
            accepted = ACCEPTED_NUMBER if "finite" in what else ACCEPTED_TEXT
            where = f"{location}{'.' if inner and not inner.startswith('[') else ''}{inner}"
            problems.append(Problem(where, what, accepted))
    return problems


def require_clean(values: Mapping[str, Any]) -> None:
    """Raise :class:`InvalidInputError` naming every value (by its location) with odd text."""
    problems = text_problems(values)
    if problems:
        raise InvalidInputError(problems)
