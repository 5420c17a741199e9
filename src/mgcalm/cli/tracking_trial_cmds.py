"""Commands: trial show | start | end | outcome | step-up | resume: phases, outcome, going back.

``resume`` ends a magnesium stop (a warning sign); it records who said it is safe and why.
"""

from __future__ import annotations

import typer

from mgcalm.cli.output import print_json
from mgcalm.cli.services import services
from mgcalm.cli.tracking_common import ENTRY_ID, JSON, PERSON, ask, day_or_today

trial_app = typer.Typer(
    help="Your personal trial: phases and the primary outcome.", no_args_is_help=True
)


@trial_app.command("show")
def show(person: str = PERSON, as_json: bool = JSON) -> None:
    """The phases so far and the primary outcome (with any change made after the start)."""
    with services() as app:
        state = app.trial(app.person(person).id).to_json()
    if as_json:
        print_json(state)
        return
    run_in = state["run_in"]
    for phase in state["phases"]:
        # A randomised trial's titration phase is its open-label run-in.
        name = "run-in" if run_in and phase["start"] == run_in["start"] else phase["phase"]
        typer.echo(f"{name:<12} {phase['start']} → {phase['end'] or 'running'}  ({phase['id']})")
    typer.echo(f"Primary outcome: {state['primary_outcome'] or 'not chosen yet'}")
    for choice in state["outcome_history"]:
        when = "after the start" if choice["after_start"] else "before the start"
        reason = f": {choice['reason']}" if choice["reason"] else ""
        typer.echo(f"  {choice['chosen_on']} {choice['outcome']} ({when}){reason}")
    if state["outcome_changed_after_start"]:
        typer.echo("Note: the primary outcome was chosen or changed after the trial started.")
    reg = state["registration"]
    if reg:
        kind = "open-label" if reg["open_label"] else reg["blinding"]
        typer.echo(
            f"Registered {reg['registered_on']}: {reg['design'].replace('_', ' ')}, {kind}, "
            f"until {reg['planned_end']}."
        )
    if run_in:
        typer.echo(
            f"Run-in {run_in['start']} to {run_in['end']}: open-label, the dose rises step by "
            "step to your planned dose; these days are not compared."
        )


@trial_app.command("start")
def start(
    phase: str = typer.Argument(..., help="baseline, titration, maintenance or withdrawal."),
    day: str = typer.Option(None, "--start", help="First day, YYYY-MM-DD (default: today)."),
    phase_id: str = ENTRY_ID,
    person: str = PERSON,
) -> None:
    """Start a phase; the running one ends the day before."""
    with services() as app:
        data = {"phase": phase, "start": day_or_today(app, day)}
        started = app.start_phase(
            app.person(person).id, {**data, **({"id": phase_id} if phase_id else {})}
        )
    typer.echo(f"Started {started.phase} on {started.start} ({started.id}).")


@trial_app.command("outcome")
def outcome(
    name: str = typer.Argument(..., help="e.g. anxiety, sleep_quality, total_sleep_min, gad7."),
    reason: str = typer.Option("", "--reason", help="Why (required once the trial has started)."),
    person: str = PERSON,
) -> None:
    """Choose the primary outcome before the trial starts (a later change is recorded)."""
    with services() as app:
        choice = app.choose_outcome(app.person(person).id, name, reason)
    suffix = " (after the start: recorded as a change)" if choice.after_start else ""
    typer.echo(f"Primary outcome: {choice.outcome}{suffix}.")


@trial_app.command("step-up")
def step_up(person: str = PERSON, as_json: bool = JSON) -> None:
    """Stools settled after a step-down? Go back up one step (never above your full plan)."""
    from mgcalm.app.safety.step_down import step_up as raise_plan

    with services() as app:
        change = raise_plan(app, app.person(person).id)
    if as_json:
        print_json(change.to_json())
        return
    typer.echo(
        f"Your plan is now {change.to_mg_per_day} mg a day (was {change.from_mg_per_day} mg), "
        f"plan version {change.version}. If stools turn loose again, the plan steps down."
    )


@trial_app.command("resume")
def resume(
    cleared_by: str = typer.Option(
        None, "--by", help="Who said magnesium is safe again, e.g. 'Dr Patel (GP)'."
    ),
    reason: str = typer.Option(None, "--reason", help="What they said, and why."),
    person: str = PERSON,
    as_json: bool = JSON,
) -> None:
    """After a stop (a warning sign): resume magnesium, recording who said it is safe and why."""
    from mgcalm.app.safety.stop import resume as resume_magnesium

    who = ask(cleared_by, "Who said it is safe to take magnesium again?")
    why = ask(reason, "What did they say, and why?")
    with services() as app:
        ended = resume_magnesium(app, app.person(person).id, who or "", why or "")
    if as_json:
        print_json(ended)
        return
    typer.echo(
        f"Magnesium resumed on {ended['resumed_on']} ({ended['cleared_by']}: "
        f"{ended['resume_reason']}). It had been paused since {ended['since']}."
    )
