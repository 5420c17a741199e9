"""Commands: trial register | guess | unblind | helper-sheet — the pre-registered, blinded trial.

Only typer and the standard library are imported at module level, so ``mgcalm --help`` stays fast.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer

from mgcalm.cli.output import print_json
from mgcalm.cli.services import services
from mgcalm.cli.tracking_common import JSON, PERSON
from mgcalm.evaluation.series import DEFAULT_TRANSITION_DAYS


def attach(trial_app: typer.Typer) -> None:
    """Add this module's commands to the ``trial`` group."""
    trial_app.command("register")(register)
    trial_app.command("guess")(guess)
    trial_app.command("unblind")(unblind)
    trial_app.command("helper-sheet")(helper_sheet)


def _start(text: str | None) -> date | None:
    from mgcalm.cli.output import fail
    from mgcalm.domain import Problem

    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail([Problem("--start", f"{text!r} is not a date", "YYYY-MM-DD")])


def register(
    outcome: str = typer.Option(None, "--outcome", help="Primary outcome, e.g. anxiety."),
    reason: str = typer.Option("", "--reason", help="Why, if this changes a chosen outcome."),
    randomised: bool = typer.Option(False, "--randomised", help="Randomised pairs of periods."),
    blinded: bool = typer.Option(False, "--blinded", help="Placebo capsules, sealed schedule."),
    pairs: int = typer.Option(3, help="Randomised: pairs of periods (2–8)."),
    period_days: int = typer.Option(28, help="Randomised: days per period."),
    baseline_days: int = typer.Option(14, help="Randomised: baseline days first (0 = none)."),
    transition_days: int = typer.Option(DEFAULT_TRANSITION_DAYS, help="Left out after a switch."),
    seed: int = typer.Option(None, "--seed", help="Open trials: your seed (default: drawn)."),
    start: str = typer.Option(None, "--start", help="First day, YYYY-MM-DD (default: today)."),
    person: str = PERSON,
    as_json: bool = JSON,
) -> None:
    """Fix the primary outcome, the design and the seed before the first magnesium day."""
    from mgcalm.app.trial.registration import RegistrationRequest
    from mgcalm.app.trial.registration import register as register_trial

    request = RegistrationRequest(
        outcome, reason, randomised, blinded, pairs, period_days, baseline_days,
        transition_days, seed, _start(start),
    )  # fmt: skip
    with services() as app:
        pid = app.person(person).id
        run_in = register_trial(app, pid, request)
        state = app.trial(pid).to_json()
    if as_json:
        print_json(state)
        return
    reg = state["registration"]
    typer.echo(
        f"Registered: {reg['design'].replace('_', ' ')}, {reg['blinding']}, primary outcome "
        f"{state['primary_outcome']}, {reg['start']} to {reg['planned_end']}."
    )
    if run_in is not None:
        typer.echo(run_in.why)
    if reg["seal"]:
        typer.echo(f"Seal of the schedule: {reg['seal']}")
    if blinded:
        typer.echo("Next: `mgcalm trial helper-sheet --pdf helper.pdf` and give it, unopened, "
                   "to the person who fills your pill organiser.")  # fmt: skip


def guess(
    what: str = typer.Argument(..., help="magnesium, placebo or unsure."),
    period: int = typer.Option(None, "--period", help="Period number (default: the current)."),
    person: str = PERSON,
) -> None:
    """Record your guess of what a blinded period held (compared only after unblinding)."""
    from mgcalm.app.trial.blinding import record_guess

    with services() as app:
        record_guess(app, app.person(person).id, what, period)
    typer.echo("Guess recorded; it is compared with the schedule once you unblind the trial.")


def unblind(
    early: bool = typer.Option(False, "--early", help="Before the planned end (needs --reason)."),
    reason: str = typer.Option("", "--reason", help="Why (recorded)."),
    seed: int = typer.Option(None, "--seed", help="The helper sheet's seed, after a move."),
    person: str = PERSON,
    as_json: bool = JSON,
) -> None:
    """Reveal which periods held magnesium: one recorded step, at the end of the trial."""
    from mgcalm.app.trial.blinding import unblind as reveal

    with services() as app:
        result = reveal(app, app.person(person).id, early=early, reason=reason, seed=seed)
    if as_json:
        print_json(result.to_json())
        return
    typer.echo(f"Unblinded on {result.day} ({result.reason}).")
    for number, condition in enumerate(result.conditions, start=1):
        typer.echo(f"  period {number}: {condition}")
    typer.echo("Your results: `mgcalm report` (with the blinding check).")


def helper_sheet(
    pdf: Path = typer.Option(None, "--pdf", help="Write the sheet as PDF here."),
    html: Path = typer.Option(None, "--html", help="Write the sheet as HTML here."),
    person: str = PERSON,
) -> None:
    """Write the helper's pill-organiser sheet to a file (never printed: it shows the schedule)."""
    from mgcalm.app.trial.blinding import helper_sheet as build
    from mgcalm.cli.output import fail
    from mgcalm.domain import Problem

    if pdf is None and html is None:
        fail([Problem("--pdf/--html", "no file given", "--pdf FILE or --html FILE")])
    from mgcalm.app.exports.common import write_private

    with services() as app:
        doc = build(app, app.person(person).id)
    # Whole files or none, readable by their owner only (the sheet reveals the schedule).
    if pdf is not None:
        from mgcalm.evaluation.report_pdf import render_pdf

        write_private(pdf, render_pdf(doc))
    if html is not None:
        from mgcalm.evaluation.report_html import render_html

        write_private(html, render_html(doc).encode("utf-8"))
    typer.echo("Wrote the helper sheet. Give it to your helper without reading it.")
