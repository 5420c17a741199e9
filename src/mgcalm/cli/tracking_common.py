"""Helpers the tracking commands share: their common options, prompting, entry defaults.

Only typer and the standard library are imported at module level, so ``mgcalm --help`` stays fast.
The commands open the app with :func:`mgcalm.cli.services.services`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from mgcalm.app import App

PERSON = typer.Option(None, "--person", help="Person id (needed only when several are stored).")
JSON = typer.Option(False, "--json", help="Print JSON instead of text.")
DAY = typer.Option(None, "--day", help="The day, YYYY-MM-DD (default: today).")
ENTRY_ID = typer.Option(
    None, "--id", help="Your id for this entry; sending the same id again changes nothing."
)
NOTE = typer.Option("", "--note", help="A free note.")
REPLACE = typer.Option(
    None, "--replace", help="Correct the saved entry with this --id; say why (kept on record)."
)


# False while a command corrects a saved entry: what is not given keeps its saved value.
_PROMPTS = ContextVar("mgcalm_prompts", default=True)


def interactive() -> bool:
    """True when a person is typing at a terminal (then missing flags are asked for)."""
    return sys.stdin.isatty()


@contextmanager
def prompting(allowed: bool) -> Iterator[None]:
    """Within the block, :func:`ask` prompts only if ``allowed`` (and at a terminal)."""
    token = _PROMPTS.set(allowed)
    try:
        yield
    finally:
        _PROMPTS.reset(token)


def ask(value: Any, label: str, kind: Callable[[str], Any] = str, optional: bool = False) -> Any:
    """The flag's value, or (at a terminal) the person's answer; blank skips an optional one."""
    if value is not None or not _PROMPTS.get() or not interactive():
        return value
    answer = typer.prompt(label + (" (blank to skip)" if optional else ""), default="")
    if not answer.strip():
        return None
    try:
        return kind(answer.strip())
    except ValueError:
        return answer.strip()  # validation names the field and what it accepts


def compact(data: dict[str, Any]) -> dict[str, Any]:
    """Leave out what was not given, so the entry's defaults and required checks apply."""
    return {key: value for key, value in data.items() if value is not None}


def day_or_today(app: App, day: str | None) -> date | str:
    """The day given (validated later, by field name) or today's date."""
    return day if day is not None else app.today()
