"""Field types that logged records share, and pydantic errors turned into located problems.

Entries and trial phases share these: a client id, a 24-hour clock time, a local date-time
without a zone, a 0–10 rating, whole minutes, and the names of the check-in ratings.
"""

from __future__ import annotations

import re
from datetime import datetime, time
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    Field,
    PlainSerializer,
    ValidationError,
)

from mgcalm.domain.problems import Problem

_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
ID_RULE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")


def parse_clock(value: object) -> object:
    """Accept a 24-hour ``HH:MM`` string (or a ``time``); anything else is a clear error."""
    if isinstance(value, time) or value is None:
        return value
    match = _CLOCK.match(str(value).strip())
    if not match:
        raise ValueError(f"{value!r} is not a 24-hour time")
    return time(int(match.group(1)), int(match.group(2)))


def is_entry_id(value: object) -> bool:
    """True for a valid client id: a letter or digit, then up to 63 of ``A–Z a–z 0–9 _ . : -``."""
    return isinstance(value, str) and ID_RULE.match(value) is not None


def _check_id(value: str) -> str:
    if not is_entry_id(value):
        raise ValueError(f"{value!r} is not a valid id")
    return value


def _naive(value: datetime) -> datetime:
    # Diary times are local wall-clock times; mixing zones would make the order checks lie.
    if value.tzinfo is not None:
        raise ValueError("give the local time without a time zone")
    return value


Clock = Annotated[
    time,
    BeforeValidator(parse_clock),
    PlainSerializer(lambda value: f"{value:%H:%M}", return_type=str, when_used="json"),
]
EntryId = Annotated[str, AfterValidator(_check_id)]
LocalTime = Annotated[datetime, AfterValidator(_naive)]
RATING_TEXT = "a whole number 0–10"
Rating = Annotated[int, Field(ge=0, le=10, description=RATING_TEXT)]
Minutes = Annotated[int, Field(ge=0, le=720, description="whole minutes 0–720")]


#: Check-in ratings and whether a higher number means the person is doing better.
CHECKIN_RATINGS: tuple[tuple[str, bool], ...] = (
    ("anxiety", False),
    ("tension", False),
    ("irritability", False),
    ("mood", True),
    ("energy", True),
    ("sleep_quality", True),
    ("digestion", True),
)


def problems_from_validation(
    error: ValidationError, prefix: str, model: type[BaseModel]
) -> list[Problem]:
    """Turn pydantic's errors into problems that name the field and what it accepts."""
    found = []
    for item in error.errors():
        parts = [str(p) for p in item["loc"] if not str(p).startswith(("function-", "json-"))]
        field = parts[0] if parts else ""
        info = model.model_fields.get(field)
        accepted = (info.description or "") if info else ""
        location = ".".join([prefix, *parts]) if parts else prefix
        message = str(item["msg"]).removeprefix("Value error, ")
        found.append(Problem(location, message, accepted))
    return found
