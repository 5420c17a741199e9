"""The person's profile: who they are, their day, goals, diet, medicines and supplements.

A profile is what the planner needs to know and nothing more. It is immutable; build one with
``mgcalm.domain.profile_parse.parse_profile_toml`` (a ``mgcalm.profile/1`` file) or
``profile_from_mapping`` (a web form, a stored row), which check every field and report every
problem at once.

Times of day are ``datetime.time`` values (minute precision); course dates are ``datetime.date``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from typing import Literal, get_args

PROFILE_SCHEMA = "mgcalm.profile/1"

Sex = Literal["female", "male"]
KidneyStage = Literal["normal", "mild", "moderate", "severe", "dialysis"]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
Every = Literal["day", "week", "month"]
# The goal ids a profile may name and the knowledge base may recommend a form for.
Goal = Literal[
    "anxiety",
    "sleep",
    "muscle_tension",
    "brain_fog",
    "constipation",
    "fatigue",
    "low_mood",
    "stress",
]

# Each tuple is read from its Literal, so the accepted words are written once.
SEXES: tuple[Sex, ...] = get_args(Sex)
KIDNEY_STAGES: tuple[KidneyStage, ...] = get_args(KidneyStage)
GOALS: tuple[Goal, ...] = get_args(Goal)
WEEKDAYS: tuple[Weekday, ...] = get_args(Weekday)
EVERY: tuple[Every, ...] = get_args(Every)
MEALS: tuple[str, ...] = ("breakfast", "lunch", "dinner")
# The order the day runs in, starting at waking; used for validation and rendering.
DAY_FIELDS: tuple[str, ...] = ("wake", "breakfast", "lunch", "dinner", "bedtime")


@dataclass(frozen=True, slots=True)
class Person:
    """Age and the facts that select reference intakes."""

    age: int
    sex: Sex
    pregnant: bool = False
    lactating: bool = False


@dataclass(frozen=True, slots=True)
class Health:
    """Kidney function and named conditions (condition ids are lower snake case)."""

    egfr: float | None = None
    kidney: KidneyStage | None = None
    conditions: tuple[str, ...] = ()
    egfr_date: date | None = None  # when the eGFR was measured; recency matters from age 65


@dataclass(frozen=True, slots=True)
class Day:
    """The person's own rhythm; every dose and routine item is placed on it.

    A meal the person does not eat is ``None``; "with food" doses then sit with a meal that
    exists.
    """

    wake: time
    breakfast: time | None
    lunch: time | None
    dinner: time | None
    bedtime: time

    def meals(self) -> tuple[tuple[str, time], ...]:
        """The meals eaten as (name, time), in the order of the day."""
        found = (("breakfast", self.breakfast), ("lunch", self.lunch), ("dinner", self.dinner))
        return tuple((name, at) for name, at in found if at is not None)


@dataclass(frozen=True, slots=True)
class Medication:
    """A medicine taken at fixed times; a course has start and end dates (e.g. antibiotics).

    ``days`` (weekday ids) and ``every`` ("week", "month") describe a medicine not taken daily,
    such as a weekly bisphosphonate; ``as_needed`` one taken only when needed (its times are
    optional). ``amount_mg`` is the elemental magnesium per intake of a product that contains
    magnesium (an antacid or laxative), when the person knows it.
    """

    name: str
    times: tuple[time, ...]
    start: date | None = None
    end: date | None = None
    days: tuple[Weekday, ...] = ()
    every: Every | None = None
    as_needed: bool = False
    amount_mg: float | None = None

    @property
    def daily(self) -> bool:
        """True for a medicine taken every day (not weekly, monthly or only when needed)."""
        return not self.as_needed and not self.days and self.every in (None, "day")

    @property
    def is_course(self) -> bool:
        """True for a dated short course, which magnesium can pause around."""
        return self.start is not None and self.end is not None


@dataclass(frozen=True, slots=True)
class Supplement:
    """A supplement already taken; ``amount_mg`` is per intake, at each of ``times``.

    For a magnesium product ``amount_mg`` is the elemental magnesium on the Supplement Facts
    panel. If a label gives the salt's weight instead, entering it over-counts, which errs safe.
    """

    name: str
    amount_mg: float
    times: tuple[time, ...] = ()

    @property
    def daily_mg(self) -> float:
        """Milligrams per day: the amount at each listed time (once a day if none listed)."""
        return self.amount_mg * max(1, len(self.times))

    @property
    def is_magnesium(self) -> bool:
        """True for anything named magnesium or magnesia.

        A quick check by name only; the planner recognises magnesium by ingredient (brands,
        abbreviations, antacids, laxatives) through the knowledge base.
        """
        return "magnesi" in self.name.casefold()


@dataclass(frozen=True, slots=True)
class Profile:
    """Everything the planner reads about one person."""

    person: Person
    day: Day
    health: Health = field(default_factory=Health)
    goals: tuple[str, ...] = ()
    diet_magnesium_mg: float | None = None
    medications: tuple[Medication, ...] = ()
    supplements: tuple[Supplement, ...] = ()

    @property
    def supplemental_magnesium_mg(self) -> float:
        """Magnesium per day from supplements already taken (counts toward the UL)."""
        return sum(s.daily_mg for s in self.supplements if s.is_magnesium)
