"""Commands: evaluate, design, report, and trial status | next (progress through the trial)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from typer.core import TyperCommand

from mgcalm.evaluation.series import DEFAULT_TRANSITION_DAYS

AS_JSON = typer.Option(False, "--json", help="Print JSON.")
OLD_PERSON_FLAG = (
    "note: `report --person` without an id is the old spelling of the default (your summary); "
    "--person now takes a person id, as in every other command."
)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.command()(evaluate)
    app.command()(design)
    app.command(cls=ReportCommand)(report)
    # ``trial`` (show | start | outcome) belongs to the tracking commands; the two read-only
    # views of progress are added to the same group so the person finds them in one place.
    from mgcalm.cli import trial_registration_cmds
    from mgcalm.cli.tracking_trial_cmds import trial_app

    trial_app.command("status")(trial_status)
    trial_app.command("next")(trial_next)
    trial_registration_cmds.attach(trial_app)


def _read(path: Path) -> str:
    """A file's text, or exit 2 naming the file."""
    from mgcalm.cli.output import fail
    from mgcalm.domain import Problem

    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        fail([Problem(str(path), f"cannot read the file ({error})", "a readable UTF-8 CSV")])


def evaluate(
    files: list[Path] = typer.Argument(
        ...,
        help="CSV with columns date,phase,value[,taken] (one row per day); with --pooled, "
        "one CSV per person.",
    ),
    outcome: str = typer.Option("", help="Outcome name, e.g. anxiety or sleep_quality."),
    higher_is_better: bool | None = typer.Option(
        None, "--higher-is-better/--lower-is-better", help="Direction of improvement."
    ),
    threshold: float | None = typer.Option(None, help="Smallest worthwhile change (units)."),
    transition_days: int = typer.Option(
        DEFAULT_TRANSITION_DAYS, help="Days left out after every switch (magnesium acts slowly)."
    ),
    trend: str = typer.Option(
        "auto", help="Time trend: auto (with two or more switches), on, off."
    ),
    pooled: bool = typer.Option(
        False, "--pooled", help="Pool several people's files (a random-effects model)."
    ),
    as_json: bool = AS_JSON,
) -> None:
    """Estimate magnesium's effect on one daily outcome with an honest 95 % interval.

    Phases (baseline, magnesium, withdrawal, placebo, off) may come in any order. With
    --pooled, each file is one person: their effects are pooled across people.
    """
    from mgcalm.cli.evaluation_views import effect_text
    from mgcalm.cli.output import fail, print_json
    from mgcalm.domain import InvalidInputError, Problem
    from mgcalm.evaluation import AnalysisSettings, evaluate_csv, outcome_for

    settings = AnalysisSettings(transition_days=transition_days, trend=trend)  # type: ignore[arg-type]
    if pooled:
        _evaluate_pooled(files, outcome, higher_is_better, threshold, settings, as_json)
        return
    if len(files) > 1:
        fail([Problem("FILE", f"{len(files)} files given", "one file, or --pooled")])
    file = files[0]
    spec = outcome_for(outcome or file.stem, higher_is_better, threshold)
    try:
        effect = evaluate_csv(_read(file), file.name, spec, settings)
    except InvalidInputError as error:
        fail(error.problems)
    print_json(effect.to_dict()) if as_json else typer.echo(effect_text(effect))


def _evaluate_pooled(
    files: list[Path],
    outcome: str,
    higher_is_better: bool | None,
    threshold: float | None,
    settings: Any,
    as_json: bool,
) -> None:
    """Read every file (exit 2 naming each problem, printing nothing else), pool, print."""
    from mgcalm.cli.evaluation_views import pooled_text
    from mgcalm.cli.output import fail, print_json
    from mgcalm.domain import InvalidInputError, Problem
    from mgcalm.evaluation.csv_pooled import PersonFile, evaluate_pooled

    texts, problems = [], []
    for path in files:
        try:
            texts.append(PersonFile(str(path), path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as error:
            problems.append(Problem(str(path), f"cannot read the file ({error})", "a UTF-8 CSV"))
    try:
        result = evaluate_pooled(texts, outcome or None, higher_is_better, threshold, settings)
    except InvalidInputError as error:
        problems += error.problems
    if problems:
        fail(problems)
    print_json(result.to_dict()) if as_json else typer.echo(pooled_text(result))


def design(
    start: str = typer.Option("", help="First day, YYYY-MM-DD (default: today)."),
    randomised: bool = typer.Option(
        False, "--randomised", help="Randomised pairs of periods instead of the quick ABA look."
    ),
    blinded: bool = typer.Option(False, "--blinded", help="Placebo capsules as the comparison."),
    pairs: int = typer.Option(3, help="Randomised: pairs of periods (2–8)."),
    period_days: int = typer.Option(28, help="Randomised: days per period."),
    seed: int | None = typer.Option(None, help="Randomised: the seed that fixes the order."),
    baseline_days: int = typer.Option(14, help="Baseline days (quick: at least 7; 0 = none)."),
    titration_days: int = typer.Option(14, help="Quick: days of gradual increase."),
    maintenance_days: int = typer.Option(42, help="Quick: days at the full dose."),
    withdrawal_days: int = typer.Option(28, help="Quick: days back off magnesium (0 = AB)."),
    transition_days: int = typer.Option(
        DEFAULT_TRANSITION_DAYS, help="Days left out after every switch."
    ),
    instrument: list[str] = typer.Option(["pcl5_week", "gad7", "phq9"], help="Questionnaires."),
    sd: float = typer.Option(1.5, help="Day-to-day spread of the outcome (0–10 points)."),
    threshold: float = typer.Option(1.0, help="Smallest worthwhile change (points)."),
    baseline_csv: Path | None = typer.Option(None, help="date,phase,value CSV of your baseline."),
    as_json: bool = AS_JSON,
) -> None:
    """Show a trial's calendar, duration and the smallest improvement it detects, before day 1."""
    from datetime import date

    from mgcalm.cli.evaluation_views import render_preview
    from mgcalm.cli.output import fail, print_json
    from mgcalm.domain import InvalidInputError
    from mgcalm.evaluation.design_request import RandomisedOptions, preview_from_options

    lengths = (baseline_days, titration_days, maintenance_days, withdrawal_days)
    csv = (baseline_csv.name, _read(baseline_csv)) if baseline_csv else None
    wanted = randomised or blinded
    options = RandomisedOptions(seed, pairs, period_days, blinded, randomised) if wanted else None
    try:
        result = preview_from_options(
            start or date.today().isoformat(),
            lengths,
            instrument,
            sd,
            csv,
            randomised=options,
            transition_days=transition_days,
            threshold=threshold,
        )
    except InvalidInputError as error:
        fail(error.problems)
    print_json(result.to_dict()) if as_json else render_preview(result)


class ReportCommand(TyperCommand):
    """``report``, also read in its old spelling: ``--person`` with no id asked for the summary.

    ``--person`` now takes a person id, as in every other command; given alone (at the end or
    before another option) it still means the person's summary, with a note saying so.
    """

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Turn a bare ``--person`` into the hidden ``--for-person`` before parsing."""
        args = [
            "--for-person" if a == "--person" and (args[i + 1 :] or ["-"])[0].startswith("-") else a
            for i, a in enumerate(args)
        ]
        return super().parse_args(ctx, args)


def report(
    person_id: str | None = typer.Option(
        None, "--person", help="Person id (needed only when several are stored)."
    ),
    clinician: bool = typer.Option(False, "--clinician", help="The clinician report."),
    html: Path | None = typer.Option(None, "--html", help="Write the report as HTML here."),
    pdf: Path | None = typer.Option(None, "--pdf", help="Write the report as PDF here."),
    example: bool = typer.Option(False, "--example", help="Use the simulated example trial."),
    old_id: str | None = typer.Option(None, "--id", hidden=True, help="Old name of --person ID."),
    for_person: bool = typer.Option(False, "--for-person", hidden=True, help="Old --person."),
    as_json: bool = AS_JSON,
) -> None:
    """Your trial's report (the default) or --clinician's, printed or as a file."""
    from mgcalm.cli.evaluation_views import load_report, write_report
    from mgcalm.cli.output import fail
    from mgcalm.domain import Problem

    if for_person:
        typer.echo(OLD_PERSON_FLAG, err=True)
    if for_person and clinician:
        fail([Problem("--person/--clinician", "choose one audience", "--clinician or neither")])
    if old_id is not None and person_id is not None and old_id != person_id:
        fail([Problem("--id", f"{old_id!r} differs from --person {person_id!r}", "one person id")])
    built = load_report(example=example, person=person_id or old_id)
    write_report(built, clinician=clinician, html=html, pdf=pdf, as_json=as_json)


def trial_status(
    person: str | None = typer.Option(None, "--person", help="Person id (if several stored)."),
    as_json: bool = AS_JSON,
) -> None:
    """Where you are in your trial today: phase, day, days logged, questionnaires due."""
    from mgcalm.cli.evaluation_views import load_progress, render_status
    from mgcalm.cli.output import print_json

    progress = load_progress(person)
    print_json(progress.to_dict()) if as_json else render_status(progress)


def trial_next(
    person: str | None = typer.Option(None, "--person", help="Person id (if several stored)."),
    as_json: bool = AS_JSON,
) -> None:
    """What to do next in your trial, step by step."""
    from mgcalm.cli.evaluation_views import load_progress
    from mgcalm.cli.output import print_json

    progress = load_progress(person)
    if as_json:
        print_json(list(progress.next_steps))
        return
    for number, step in enumerate(progress.next_steps, start=1):
        typer.echo(f"{number}. {step}")
