"""A personal safety plan in the Stanley–Brown form, as data the person fills in.

The Safety Planning Intervention (Stanley and Brown 2012) is a short written list, made ahead of
a crisis, of what to do as one comes on: recognise the warning signs, try one's own coping
steps, go to people and places that distract, ask people for help, contact professionals, and
make the surroundings safer. mgcalm keeps the person's own words for each step and shows them
beside the crisis lines of their country; the professionals step always lists those lines too,
so an empty plan still leads somewhere.

:func:`parse_safety_plan` checks what a form or a JSON body sent (each step a list of short
lines, or one text with a line per item) and reports every problem by step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from mgcalm.domain import InvalidInputError, Problem

SCHEMA = "mgcalm.safety_plan/1"
SOURCES = ("stanley2012",)
MAX_ITEMS = 12
MAX_CHARS = 300


@dataclass(frozen=True, slots=True)
class Step:
    """One step of the plan: its key, the question it answers and an example."""

    key: str
    title: str
    prompt: str
    example: str


STEPS: tuple[Step, ...] = (
    Step(
        "warning_signs",
        "1. My warning signs",
        "Thoughts, images, moods, situations or behaviour that tell me a crisis may be starting.",
        "Not sleeping for two nights; thinking 'what's the point'",
    ),
    Step(
        "coping",
        "2. Things I can do on my own",
        "Ways to take my mind off things without contacting anyone.",
        "Slow breathing for five minutes; a walk round the block",
    ),
    Step(
        "distractions",
        "3. People and places that take my mind off things",
        "Where I can be around others, and who I can be with, without talking about the crisis.",
        "The library café; my neighbour Sam",
    ),
    Step(
        "people",
        "4. People I can ask for help",
        "Names and phone numbers of people I can tell that I am struggling.",
        "My sister Jo, 07700 900123",
    ),
    Step(
        "professionals",
        "5. Professionals I can contact",
        "My clinician, GP or care team, and their numbers (the crisis lines are always listed "
        "below).",
        "Dr Patel's surgery, 020 7946 0000",
    ),
    Step(
        "environment",
        "6. Making my surroundings safer",
        "What I will do to keep things I could use to hurt myself out of reach.",
        "Ask Jo to keep my spare medicines",
    ),
    Step(
        "reasons",
        "What matters most to me",
        "The things worth staying safe for.",
        "My dog; seeing my niece grow up",
    ),
)
STEP_KEYS: tuple[str, ...] = tuple(s.key for s in STEPS)


@dataclass(frozen=True, slots=True)
class SafetyPlan:
    """The person's own lines for each step (empty steps are simply not filled in yet)."""

    steps: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def empty(self) -> bool:
        """True when nothing has been written in any step."""
        return not any(self.steps.values())

    def lines(self, key: str) -> tuple[str, ...]:
        """The lines written for one step (none for a step not filled in)."""
        return self.steps.get(key, ())

    def to_json(self) -> dict[str, Any]:
        """``{"schema", "steps": {key: [lines]}}`` with every step present, in order."""
        return {"schema": SCHEMA, "steps": {k: list(self.lines(k)) for k in STEP_KEYS}}


def _items(value: object, key: str, problems: list[Problem]) -> tuple[str, ...]:
    """One step's lines from a list of texts or one text with a line per item."""
    if value is None:
        return ()
    if isinstance(value, str):
        raw: list[object] = list(value.splitlines())
    elif isinstance(value, list | tuple):
        raw = list(value)
    else:
        problems.append(Problem(f"steps.{key}", "not a list of lines", "a list of short texts"))
        return ()
    items = []
    for index, item in enumerate(raw):
        if not isinstance(item, str):
            problems.append(Problem(f"steps.{key}[{index}]", f"{item!r} is not text", "text"))
            continue
        text = " ".join(item.split())
        if len(text) > MAX_CHARS:
            where = f"steps.{key}[{index}]"
            problems.append(Problem(where, "too long", f"up to {MAX_CHARS} characters a line"))
        elif text:
            items.append(text)
    if len(items) > MAX_ITEMS:
        problems.append(Problem(f"steps.{key}", "too many lines", f"up to {MAX_ITEMS} lines"))
    return tuple(items)


def parse_safety_plan(data: Mapping[str, Any]) -> SafetyPlan:
    """A plan from ``{"steps": {key: lines}}`` (or the step keys at the top level, as a form).

    Unknown steps and over-long lines are reported together, naming each; nothing is kept
    unless every step is fine.
    """
    steps = data.get("steps", data)
    if not isinstance(steps, Mapping):
        raise InvalidInputError([Problem("steps", "not an object", ", ".join(STEP_KEYS))])
    problems: list[Problem] = []
    known = {"schema", "csrf_token"}
    for key in steps:
        if key not in STEP_KEYS and key not in known:
            problems.append(Problem(f"steps.{key}", "not a step of the plan", ", ".join(STEP_KEYS)))
    parsed = {key: _items(steps.get(key), key, problems) for key in STEP_KEYS}
    if problems:
        raise InvalidInputError(problems)
    return SafetyPlan(MappingProxyType({k: v for k, v in parsed.items() if v}))


def plan_from_document(document: Mapping[str, Any] | None) -> SafetyPlan:
    """A stored plan back as a :class:`SafetyPlan` (an unreadable one is an empty plan)."""
    if not document:
        return SafetyPlan()
    try:
        return parse_safety_plan(document)
    except InvalidInputError:
        return SafetyPlan()  # never hide the crisis lines behind a stored plan we cannot read
