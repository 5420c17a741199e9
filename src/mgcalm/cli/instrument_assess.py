"""The interactive ``mgcalm assess`` flow: one item at a time, ``b`` to go back, saved at the end.

The rules of the flow live in :mod:`mgcalm.instruments.session`; this module only reads replies,
prints questions and results, and hands the answers to the app layer. A crisis-level answer
(PHQ-9 item 9 above 0, PCL-5 item 16 at 3 or more) is acted on the moment it is given: the
crisis lines are printed and the answer is stored as a safety event at once (under the id the
finished questionnaire will have), so quitting with ``q`` at the next question still leaves it
for Today, the clinician and the report. The questionnaire is not blocked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from mgcalm.app import App
    from mgcalm.instruments import Instrument, Progress, SafetyAlert, Score

QUIT = frozenset({"q", "quit"})
Reader = Callable[[str], str]
#: Called with the answers after each reply; returns the crisis-level alerts among them.
OnAnswer = Callable[[Sequence[int]], "tuple[SafetyAlert, ...]"]


def _intro(instrument: Instrument) -> None:
    typer.echo(f"{instrument.name}: {instrument.title} (about {instrument.recall}).")
    typer.echo(f"({instrument.attribution})")
    typer.echo(instrument.instructions)
    typer.echo("Type the number of your answer; b goes back one question; q stops without saving.")


def _ask(progress: Progress, read: Reader) -> str:
    question = progress.question()
    typer.echo("")
    # Count the scored items only (as the web does), so the count never grows on the way.
    scored = len(progress.instrument.items)
    where = (
        "one last, optional question (not scored)"
        if question.optional
        else f"question {question.number} of {scored}"
    )
    typer.echo(f"{progress.instrument.name} · {where}")
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


def _show(alerts: Sequence[SafetyAlert], region: str) -> None:
    """A crisis-level answer: say what it means and show the crisis lines now."""
    from mgcalm.cli.instrument_views import crisis_block

    for alert in alerts:
        typer.echo("")
        typer.echo(f"!! {alert.message}")
    typer.echo("\n".join(crisis_block(region)))


def collect(
    instrument: Instrument,
    region: str,
    read: Reader = input,
    on_answer: OnAnswer | None = None,
) -> tuple[int, ...] | None:
    """Ask every question in turn; the answers, or None if the person quit.

    ``on_answer`` gets the answers after each reply and returns the crisis-level alerts among
    them (storing them); each is shown once, the moment it is first raised.
    """
    from mgcalm.domain import InvalidInputError
    from mgcalm.instruments import answer_alerts, respond, start_session

    act = on_answer or (lambda answers: answer_alerts(instrument.id, answers))
    shown: set[str] = set()
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
        fresh = [a for a in act(progress.answers) if a.code not in shown]
        if fresh:
            _show(fresh, region)
            shown |= {a.code for a in fresh}
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


def save(
    app: App, person_id: str, instrument_id: str, answers: Sequence[int], entry_id: str = ""
) -> str:
    """Save a finished questionnaire through the app layer; the saved entry's id."""
    entry = app.record_questionnaire(person_id, instrument_id, answers, app.today(), entry_id)
    return entry.id


def recorder(app: App | None, person_id: str, instrument_id: str, entry_id: str) -> OnAnswer:
    """What runs after each answer: store crisis-level ones now (only show them with no app)."""
    from mgcalm.app.safety.events import record_answer
    from mgcalm.instruments import answer_alerts

    def act(answers: Sequence[int]) -> tuple[SafetyAlert, ...]:
        if app is None:
            return answer_alerts(instrument_id, answers)
        return record_answer(app, person_id, instrument_id, answers, entry_id)

    return act


def previous_score(app: App | None, person_id: str, instrument_id: str) -> Score | None:
    """The person's last saved score on the same form, to judge change against."""
    from mgcalm.instruments import score

    if app is None:
        return None
    last = app.last_questionnaire(person_id, instrument_id)
    return score(instrument_id, last.answers) if last else None


def run(instrument_id: str, *, person: str | None, region: str, store: bool = True) -> None:
    """The whole ``assess`` command: check where to save, ask, show the result, save."""
    from mgcalm.app.core import new_id
    from mgcalm.cli.instrument_views import score_lines
    from mgcalm.cli.output import fail
    from mgcalm.domain import InvalidInputError
    from mgcalm.instruments import get_instrument, score

    try:
        instrument = get_instrument(instrument_id)
        app, person_id = _open(person) if store else (None, "")
    except InvalidInputError as error:
        fail(error.problems)
    entry_id = new_id()
    try:
        answers = collect(
            instrument, region, on_answer=recorder(app, person_id, instrument.id, entry_id)
        )
        if answers is None:
            typer.echo(_stopped(app, person_id, entry_id))
            raise typer.Exit(1)
        previous = previous_score(app, person_id, instrument.id)
        typer.echo("")
        typer.echo("\n".join(score_lines(score(instrument.id, answers), region, previous)))
        if app is not None:
            save(app, person_id, instrument.id, answers, entry_id)
            typer.echo(f"Saved {instrument.name} for today.")
    finally:
        if app is not None:
            app.close()


def _stopped(app: App | None, person_id: str, entry_id: str) -> str:
    """What quitting saved: nothing, or only the crisis-level answer already acted on."""
    if app is None:
        return "Stopped. Nothing was saved."
    from mgcalm.app.safety.events import stored_events

    kept = [e for e in stored_events(app, person_id) if e.source_id == entry_id]
    if not kept:
        return "Stopped. Nothing was saved."
    return (
        "Stopped. Your other answers were not saved, but the answer shown with the crisis "
        "lines was kept, so Today and your clinician can see it."
    )
