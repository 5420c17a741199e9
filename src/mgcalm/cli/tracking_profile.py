"""Reading a profile for ``mgcalm init``: from a TOML file, or by asking at a terminal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from mgcalm.domain import InvalidInputError, Problem, Profile
from mgcalm.domain.profile_parse import parse_profile_toml, profile_from_mapping


def read_profile(path: Path) -> Profile:
    """The profile in ``path``; every problem in it is reported at once."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInputError([Problem("--profile", f"cannot read {path}: {error}")]) from None
    profile, problems = parse_profile_toml(text, path.name)
    if profile is None:
        raise InvalidInputError(problems)
    return profile


# The profile's [day] keys, each asked as a person would say it.
def _list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


# The profile's [day] keys, each asked as a person would say it.
_DAY = (
    ("wake", "Usual wake-up time", "07:00"),
    ("breakfast", "Usual breakfast time", "07:30"),
    ("lunch", "Usual lunch time", "12:30"),
    ("dinner", "Usual dinner time", "18:30"),
    ("bedtime", "Usual bedtime", "23:00"),
)
_SKIPPABLE = ("breakfast", "lunch", "dinner")


def prompt_profile() -> Profile:
    """Ask for the profile's fields one by one (the same checks as a file).

    Health questions cover kidney function (stage, eGFR and its date), every condition the
    knowledge base knows, the medicines taken (each name is recognised as it is typed, or a
    "did you mean" is shown) and other supplements with their amounts.
    """
    data: dict[str, Any] = {
        "person": {
            "age": typer.prompt("Age in years", type=int),
            "sex": typer.prompt("Sex for reference intakes (female/male)"),
            "pregnant": typer.confirm("Pregnant?", default=False),
            "lactating": typer.confirm("Breastfeeding?", default=False),
        },
        "health": _health(),
        "day": _day(),
        "goals": {"focus": _list(typer.prompt("Goals, comma-separated", "anxiety, sleep"))},
    }
    data["medications"] = _medicines()
    data["supplements"] = _supplements()
    profile, problems = profile_from_mapping(data, "answers")
    if profile is None:
        raise InvalidInputError(problems)
    return profile


def _health() -> dict[str, Any]:
    """Kidney function (stage, eGFR, its date) and conditions, chosen from the knowledge base."""
    from mgcalm.knowledge import knowledge_base

    health: dict[str, Any] = {
        "kidney": typer.prompt("Kidneys (normal/mild/moderate/severe/dialysis)", "normal")
    }
    egfr = typer.prompt("eGFR from your last blood test (blank if unknown)", "", show_default=False)
    if egfr.strip():
        health["egfr"] = _number(egfr)
        when = typer.prompt("Date of that test, YYYY-MM-DD (blank if unknown)", "")
        if when.strip():
            health["egfr_date"] = when.strip()
    choices = [c for c in knowledge_base().conditions.values() if c.selectable]
    for number, condition in enumerate(choices, start=1):
        typer.echo(f"  {number:>2}. {condition.name} ({condition.id})")
    picked = _list(typer.prompt("Conditions that apply: numbers or ids (blank for none)", ""))
    health["conditions"] = [_condition(p, [c.id for c in choices]) for p in picked]
    return health


def _condition(answer: str, ids: list[str]) -> str:
    """A listed number as its condition id; anything else is passed on for the parser to name."""
    return ids[int(answer) - 1] if answer.isdigit() and 0 < int(answer) <= len(ids) else answer


def _day() -> dict[str, str]:
    """The day's times; a meal answered "none" is skipped."""
    day = {}
    for name, question, default in _DAY:
        hint = ", or none" if name in _SKIPPABLE else ""
        answer = typer.prompt(f"{question} (HH:MM{hint})", default).strip()
        if not (name in _SKIPPABLE and answer.casefold() in ("none", "no", "-")):
            day[name] = answer
    return day


def _medicines() -> list[dict[str, Any]]:
    """Medicines one at a time, each recognised as typed; blank ends the list."""
    from mgcalm.knowledge import knowledge_base

    kb = knowledge_base()
    found: list[dict[str, Any]] = []
    while True:
        name = typer.prompt("Medicines: a name (blank when done)", "", show_default=False).strip()
        if not name:
            return found
        typer.echo(f"    {_recognised(kb, name)}")
        times = _list(
            typer.prompt("  Taken at, HH:MM comma-separated (blank: only when needed)", "")
        )
        found.append({"name": name, "times": times} if times else {"name": name, "as_needed": True})


def _recognised(kb: Any, name: str) -> str:
    if kb.magnesium_content(name) is not None:
        return "Contains magnesium: it counts toward your daily limit."
    found = kb.resolve_medicine(name)
    if found.known and found.how != "fuzzy":
        return f"Recognised: {', '.join(found.ingredients)}."
    if found.how == "fuzzy":
        return f"Read as {found.matched_name} (the only close match); retype it if that is wrong."
    maybe = f" Did you mean {' or '.join(found.did_you_mean)}?" if found.did_you_mean else ""
    return f"Not recognised: the plan keeps magnesium 2 hours away from it.{maybe}"


def _supplements() -> list[dict[str, Any]]:
    """Other supplements (magnesium, zinc, calcium, iron…) with their amounts; blank ends."""
    found: list[dict[str, Any]] = []
    while True:
        prompt = "Other supplements, e.g. zinc or a magnesium product (blank when done)"
        name = typer.prompt(prompt, "", show_default=False).strip()
        if not name:
            return found
        amount = typer.prompt("  mg each time (for magnesium: the elemental mg on the label)")
        times = _list(typer.prompt("  Taken at, HH:MM comma-separated (blank if not fixed)", ""))
        found.append({"name": name, "amount_mg": _number(amount), "times": times})


def _number(text: str) -> Any:
    """A number when the text is one; otherwise the text, for the parser to name."""
    try:
        return float(text)
    except ValueError:
        return text.strip()


def ask_country() -> str:
    """Ask for the country whose crisis lines to show, suggesting the locale's.

    Self-contained on purpose: any onboarding flow can ask the same question the same way.
    """
    from mgcalm.app.safety.country import locale_country
    from mgcalm.instruments import REGION_NAMES

    choices = ", ".join(f"{code} ({name})" for code, name in REGION_NAMES.items())
    typer.echo(f"Which country are you in? It decides which crisis lines mgcalm shows: {choices}.")
    return str(typer.prompt("Country", default=locale_country() or "US")).strip()
