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


def _list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def prompt_profile() -> Profile:
    """Ask for the profile's fields one by one (the same checks as a file)."""
    data: dict[str, Any] = {
        "person": {
            "age": typer.prompt("Age in years", type=int),
            "sex": typer.prompt("Sex for reference intakes (female/male)"),
            "pregnant": typer.confirm("Pregnant?", default=False),
            "lactating": typer.confirm("Breastfeeding?", default=False),
        },
        "health": {
            "kidney": typer.prompt("Kidneys (normal/mild/moderate/severe/dialysis)", "normal")
        },
        "day": {
            name: typer.prompt(f"Usual {name} time (HH:MM)", default)
            for name, default in (
                ("wake", "07:00"),
                ("breakfast", "07:30"),
                ("lunch", "12:30"),
                ("dinner", "18:30"),
                ("bedtime", "23:00"),
            )
        },
        "goals": {"focus": _list(typer.prompt("Goals, comma-separated", "anxiety, sleep"))},
    }
    medications = _list(
        typer.prompt("Medicines, as name@HH:MM, comma-separated", "", show_default=False)
    )
    data["medications"] = [
        {"name": m.partition("@")[0].strip(), "times": _list(m.partition("@")[2])}
        for m in medications
    ]
    profile, problems = profile_from_mapping(data, "answers")
    if profile is None:
        raise InvalidInputError(problems)
    return profile


def ask_country() -> str:
    """Ask for the country whose crisis lines to show, suggesting the locale's.

    Self-contained on purpose: any onboarding flow can ask the same question the same way.
    """
    from mgcalm.app.safety.country import locale_country
    from mgcalm.instruments import REGION_NAMES

    choices = ", ".join(f"{code} ({name})" for code, name in REGION_NAMES.items())
    typer.echo(f"Which country are you in? It decides which crisis lines mgcalm shows: {choices}.")
    return str(typer.prompt("Country", default=locale_country() or "US")).strip()
