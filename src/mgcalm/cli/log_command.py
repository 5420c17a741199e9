"""What every ``mgcalm log KIND`` command shares, written once: its common options and saving.

A log command is a function that reads its own options into a :class:`Logged` (the entry kind
and its fields). :func:`log_command` registers it with the options every log takes (``--day``,
``--id``, ``--note``, ``--person``, ``--replace``, ``--clear``, ``--json``), then saves the entry,
runs the safety flow on it and says what happened.

``--id ID --replace REASON`` corrects a saved entry: the options given change, ``--clear FIELD``
empties a field on purpose, and every other field keeps its saved value. While correcting,
nothing is asked for at a terminal.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import typer

from mgcalm.cli.output import fail, print_json
from mgcalm.cli.services import services
from mgcalm.cli.tracking_common import (
    DAY,
    ENTRY_ID,
    JSON,
    NOTE,
    PERSON,
    REPLACE,
    compact,
    day_or_today,
    interactive,
    prompting,
)

CLEAR = typer.Option(
    None,
    "--clear",
    help="With --replace: a field to empty (repeatable), named as in `history --json`.",
)
# (name, type, typer option) of the options every log command takes, in --help order.
SHARED: tuple[tuple[str, Any, Any], ...] = (
    ("day", str, DAY),
    ("entry_id", str, ENTRY_ID),
    ("note", str, NOTE),
    ("person", str, PERSON),
    ("replace", str, REPLACE),
    ("clear", list[str], CLEAR),
    ("as_json", bool, JSON),
)


@dataclass(frozen=True, slots=True)
class Logged:
    """What one log command read from its own options: the entry kind and its fields.

    ``then``, if given, runs after saving with the saved entry's JSON and prints its own
    ``--json`` output around it (``log medication`` checks and re-plans there).
    """

    kind: str
    data: dict[str, Any]
    symptoms: Sequence[str] = field(default_factory=tuple)
    then: Callable[[dict[str, Any]], None] | None = None


@dataclass(frozen=True, slots=True)
class Shared:
    """The values of the options every log command takes."""

    day: str | None
    entry_id: str | None
    note: str
    person: str | None
    replace: str | None
    clear: list[str] | None
    as_json: bool


def log_command(
    app: typer.Typer, name: str
) -> Callable[[Callable[..., Logged]], Callable[..., Logged]]:
    """Register ``log NAME``: the function's own options, then those every log shares.

    A function that needs the shared values too declares a keyword-only ``common: Shared``.
    """

    def register(read: Callable[..., Logged]) -> Callable[..., Logged]:
        params = inspect.signature(read, eval_str=True).parameters.values()
        own = [p for p in params if p.name != "common"]
        wants_common = len(own) < len(params)
        shared = [
            inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=o, annotation=t)
            for n, t, o in SHARED
        ]

        @functools.wraps(read)
        def command(**values: Any) -> None:
            common = Shared(**{n: values.pop(n) for n, _, _ in SHARED})
            with prompting(common.replace is None):  # a correction keeps what is not given
                logged = read(**values, **({"common": common} if wants_common else {}))
            save(logged, common)

        # Typer reads the options from the signature: the command's own, then the shared ones.
        command.__signature__ = inspect.Signature([*own, *shared])  # type: ignore[attr-defined]
        command.__annotations__ = {p.name: p.annotation for p in [*own, *shared]}
        app.command(name)(command)
        return read

    return register


def save(logged: Logged, common: Shared) -> None:
    """Save (or correct) one entry, run the safety flow on it, and say so or print JSON."""
    from mgcalm.app.safety.flow import with_red_flags
    from mgcalm.cli.tracking_safety import after_save, render_after_save

    correcting = common.replace is not None
    if (correcting or common.clear) and common.entry_id is None:
        fail(["--id: say which saved entry --replace corrects (accepted: its id)"])
    if common.clear and not correcting:
        fail(["--clear: only when correcting (accepted: with --id ID --replace REASON)"])
    with services() as app:
        pid = app.person(common.person).id
        fields = {"id": common.entry_id, "note": common.note or None, **logged.data}
        fields["day"] = common.day if correcting else day_or_today(app, common.day)
        entry = with_red_flags(compact(fields), logged.symptoms)
        warnings = [] if correcting else _confirmed_warnings(app, pid, logged.kind, entry)
        if correcting:
            stored = app.correct(pid, logged.kind, entry, common.replace or "", common.clear or ())
        else:
            stored = app.log(pid, logged.kind, entry)
        extra = after_save(app, pid, stored.entry, logged.symptoms)
    payload = {**stored.to_json(), **extra, **({"warnings": warnings} if warnings else {})}
    if logged.then is not None and common.as_json:
        logged.then(payload)  # it prints the JSON, with this entry in it
        return
    if common.as_json:
        print_json(payload)
    else:
        verb = "Corrected (the earlier version is kept)" if correcting else "Saved"
        what = logged.kind.replace("_", " ")
        typer.echo(f"{verb} {what} {stored.entry.id} for {stored.entry.day}.")
    render_after_save(extra, common.as_json)
    if logged.then is not None:
        logged.then(payload)


def _confirmed_warnings(
    app: Any, person_id: str, kind: str, entry: dict[str, Any]
) -> list[dict[str, Any]]:
    """Warnings about the entry, shown before saving; at a terminal the person may stop here."""
    from mgcalm.app.trial.baseline import dose_in_baseline

    day = entry.get("day")
    if kind != "dose" or entry.get("missed") or not isinstance(day, date | str):
        return []
    try:
        when = day if isinstance(day, date) else date.fromisoformat(day)
    except ValueError:
        return []  # the entry's own validation names the bad day
    warning = dose_in_baseline(app.trial(person_id), [when])
    if warning is None:
        return []
    typer.echo(f"!! {warning.message}", err=True)
    if interactive() and not typer.confirm("Log this dose anyway?", default=False, err=True):
        typer.echo("Nothing was saved.", err=True)
        raise typer.Exit(1)
    return [warning.to_json()]
