"""The interactive ``mgcalm assess`` flow: one item at a time, ``b`` to go back, saved at the end.

The rules of the flow live in :mod:`mgcalm.instruments.session`; this module only reads replies,
prints questions and results, and hands the finished answers to the app layer to be saved.
Crisis resources appear the moment PHQ-9 item 9 is answered above 0 (the questionnaire is not
blocked), and again with the result.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from mgcalm.app import App
    from mgcalm.instruments import Instrument, Progress, Score

QUIT = frozenset({"q", "quit"})
Reader = Callable[[str], str]


def _intro(instrument: Instrument) -> None:
    typer.echo(f"{instrument.name}: {instrument.title} (about {instrument.recall}).")
    typer.echo(f"({instrument.attribution})")
    typer.echo(instrument.instructions)
    typer.echo("Type the number of your answer; b goes back one question; q stops without saving.")


def _ask(progress: Progress, read: Reader) -> str:
    question = progress.question()
    typer.echo("")
    label = " (optional, not scored)" if question.optional else ""
    typer.echo(
        f"{progress.instrument.name} · question {question.number} of {question.count}{label}"
    )
    if question.stem:
        typer.echo(question.stem)
    typer.echo(f"  {question.text}")
    for option in question.options:
        typer.echo(f"    {option.value}  {option.label}")
    top = len(question.options) - 1
    skip = ", Enter = skip" if question.optional else ""
    try:
        return read(f"Answer 0–{top} (b = back, q = quit{skip}): ")
    except EOFError:
        return "q"


def _after_item9(progress: Progress, region: str) -> None:
    """PHQ-9 item 9 above 0: show support now, and keep going."""
    from mgcalm.cli.instrument_views import crisis_block
    from mgcalm.instruments import SUICIDAL_IDEATION, flag_message

    if progress.instrument.id == "phq9" and len(progress.answers) == 9 and progress.answers[8]:
        typer.echo("")
        typer.echo(flag_message(SUICIDAL_IDEATION))
        typer.echo("\n".join(crisis_block(region)))


def collect(instrument: Instrument, region: str, read: Reader = input) -> tuple[int, ...] | None:
    """Ask every question in turn; the answers, or None if the person quit."""
    from mgcalm.domain import InvalidInputError
    from mgcalm.instruments import respond, start_session

    _intro(instrument)
    progress = start_session(instrument)
    while not progress.done:
        reply = _ask(progress, read)
        if reply.strip().lower() in QUIT:
            return None
        try:
            progress = respond(progress, reply)
        except InvalidInputError as error:
            typer.echo(f"  {error.problems[0].message}; please type {error.problems[0].accepted}.")
            continue
        _after_item9(progress, region)
    return progress.answers


def _open(person: str | None) -> tuple[App, str]:
    """The app and the person the result will be saved for (checked before any question)."""
    from mgcalm.app import open_app

    app = open_app()
    try:
        return app, app.person(person).id
    except Exception:
        app.close()
        raise


def save(app: App, person_id: str, instrument_id: str, answers: Sequence[int]) -> str:
    """Save a finished questionnaire through the app layer; the saved entry's id."""
    entry = app.record_questionnaire(person_id, instrument_id, answers, app.today())
    return entry.id


def previous_score(app: App | None, person_id: str, instrument_id: str) -> Score | None:
    """The person's last saved score on the same form, to judge change against."""
    from mgcalm.domain.entries import QuestionnaireResponse
    from mgcalm.instruments import score

    if app is None:
        return None
    stored = [s.entry for s in app.history(person_id, kinds=["questionnaire"])]
    same = [
        e for e in stored if isinstance(e, QuestionnaireResponse) and e.instrument == instrument_id
    ]
    return score(instrument_id, same[-1].answers) if same else None


def run(instrument_id: str, *, person: str | None, region: str, store: bool = True) -> None:
    """The whole ``assess`` command: check where to save, ask, show the result, save."""
    from mgcalm.cli.instrument_views import score_lines
    from mgcalm.cli.output import fail
    from mgcalm.domain import InvalidInputError
    from mgcalm.instruments import get_instrument, score

    try:
        instrument = get_instrument(instrument_id)
        app, person_id = _open(person) if store else (None, "")
    except InvalidInputError as error:
        fail(error.problems)
    try:
        answers = collect(instrument, region)
        if answers is None:
            typer.echo("Stopped. Nothing was saved.")
            raise typer.Exit(1)
        previous = previous_score(app, person_id, instrument.id)
        typer.echo("")
        typer.echo("\n".join(score_lines(score(instrument.id, answers), region, previous)))
        if app is not None:
            save(app, person_id, instrument.id, answers)
            typer.echo(f"Saved {instrument.name} for today.")
    finally:
        if app is not None:
            app.close()
