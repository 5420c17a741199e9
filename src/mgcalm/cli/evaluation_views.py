"""Rendering helpers for the evaluation commands (kept out of the handlers to keep them short)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from mgcalm.evaluation.csv_pooled import PooledEvaluation
    from mgcalm.evaluation.design_preview import DesignPreview
    from mgcalm.evaluation.effect import Effect
    from mgcalm.evaluation.progress import TrialProgress
    from mgcalm.evaluation.report import Report
    from mgcalm.evaluation.report_view import Document


def render_preview(result: DesignPreview) -> None:
    """The design preview as plain lines: calendar, duration, power, cautions."""
    data = result.to_dict()
    if data["design"] == "randomised_pairs":
        kind = "blinded, with placebo" if data["blinded"] else "open-label"
        typer.echo(
            f"Randomised pairs ({kind}), seed {data['seed']}: {data['pairs']} pairs of "
            f"{data['period_days']}-day periods."
        )
    else:
        typer.echo("Quick look: baseline, magnesium, then back to baseline (open-label).")
    for period in data["periods"]:
        pair = f"pair {period['pair']}" if period["pair"] else ""
        typer.echo(
            f"  {period['condition']:<10} {period['start']} → {period['end']}  "
            f"({period['days']} days) {pair}".rstrip()
        )
    typer.echo(
        f"{data['expected_duration_days']} days in all, until {data['end']}; the first "
        f"{data['transition_days']} days after each switch are left out of the analysis."
    )
    typer.echo("")
    typer.echo(f"With a day-to-day spread of {result.sd:.1f} points, this design")
    for power in result.powers:
        smallest = power.smallest_detectable
        said = (
            f"says 'likely helped' 8 times in 10 for an improvement of {smallest:.1f} points"
            if smallest is not None
            else "can never say 'likely helped' (no return to the comparison)"
        )
        typer.echo(f"  {said} (autocorrelation {power.phi:.2f})")
    typer.echo("Smaller real changes may be missed: the verdict would then say 'unclear'.")
    for note in result.notes:
        typer.echo(f"Note: {note}")


def load_report(*, example: bool, person: str | None) -> Report:
    """The analysed report: the simulated example, or the stored person's trial."""
    from mgcalm.evaluation.report import build_report

    if example:
        from mgcalm.evaluation.example import example_report_input

        return build_report(example_report_input())
    from mgcalm.cli.output import fail
    from mgcalm.cli.services import services

    try:
        from mgcalm.app.trial.reports import stored_report_input
    except ImportError:  # the store-backed report is not available in this build
        fail(["report: reports from stored data are not available yet (try --example)"])
    with services() as app:
        return build_report(stored_report_input(app, person))


def _text(doc: Document) -> str:
    """The document as plain text for the terminal."""
    lines = [doc.title, doc.subtitle, ""]
    for section in doc.sections:
        lines += [section.heading.upper(), *section.paragraphs]
        for table in section.tables:
            lines += ["  " + " | ".join(row) for row in (table.header, *table.rows)]
        lines.append("")
    return "\n".join(lines)


def write_report(
    report: Report, *, clinician: bool, html: Path | None, pdf: Path | None, as_json: bool
) -> None:
    """Write HTML / PDF files as asked, then print JSON, the text, or what was written."""
    from mgcalm.app.exports.common import write_private
    from mgcalm.cli.output import print_json
    from mgcalm.evaluation.report_view import person_document

    if clinician:
        from mgcalm.evaluation.report_clinician import clinician_document

        doc = clinician_document(report, chart=html is not None or pdf is not None)
    else:
        doc = person_document(report)
    written = []
    if html is not None:
        from mgcalm.evaluation.report_html import render_html

        write_private(html, render_html(doc).encode("utf-8"))
        written.append(str(html))
    if pdf is not None:
        from mgcalm.evaluation.report_pdf import render_pdf

        write_private(pdf, render_pdf(doc))
        written.append(str(pdf))
    if as_json:
        from mgcalm.evaluation.report_json import report_json

        print_json(report_json(report))
    elif written:
        typer.echo("Wrote " + " and ".join(written))
    else:
        typer.echo(_text(doc))


def load_progress(person: str | None) -> TrialProgress:
    """Today's progress for the stored person (problems exit 2)."""
    from mgcalm.app.trial.reports import stored_trial_progress
    from mgcalm.cli.services import services

    with services() as app:
        return stored_trial_progress(app, person)


def render_status(progress: TrialProgress) -> None:
    """The status as a few plain lines."""
    if progress.phase is None:
        typer.echo("Your trial has not started yet.")
    else:
        typer.echo(
            f"{progress.phase.capitalize()}, day {progress.day_of_phase} of "
            f"{progress.planned_days} (started {progress.phase_start})."
        )
    typer.echo(f"Primary outcome: {progress.primary_outcome or 'not chosen yet'}")
    for phase, days in progress.logged:
        typer.echo(f"  {phase}: {days} day(s) logged")
    if progress.due:
        typer.echo("Questionnaires due: " + ", ".join(progress.due))
    typer.echo("Next: " + progress.next_steps[0] if progress.next_steps else "")


def effect_text(effect: Effect) -> str:
    """``mgcalm evaluate``'s text: the verdict sentence, the probabilities and the days used."""
    outcome = effect.outcome
    lines = [
        effect.summary,
        f"Probability that magnesium improved {outcome.name.replace('_', ' ')}: "
        f"{_percent(effect.probability_of_improvement)}.",
    ]
    if outcome.threshold:
        unit = outcome.unit.removesuffix("s") if outcome.threshold == 1 else outcome.unit
        lines.append(
            f"Probability of an improvement of at least {outcome.threshold:g} {unit}: "
            f"{_percent(effect.probability_of_meaningful_improvement)}."
        )
    days = ", ".join(f"{phase} {count}" for phase, count in effect.n)
    lines.append(f"Days analysed: {days}.")
    return "\n".join(lines)


def pooled_text(result: PooledEvaluation) -> str:
    """``mgcalm evaluate --pooled``'s text: the population, a new person, then each person."""
    data = result.to_dict()
    pooled, unit = data["pooled"], data["unit"]
    lines = [f"{data['outcome'].replace('_', ' ')}: magnesium minus comparison, in {unit}."]
    for key, label, sign in (
        ("mean_effect", "Mean effect across people", "+"),
        ("between_person_sd", "Between-person SD", ""),
        ("predicted_new_person", "Predicted for a new person", "+"),
    ):
        if pooled[key]:
            lines.append(f"{label}: {_interval(pooled[key], sign)}.")
    lines += data["notes"]
    for person in data["people"]:
        shrunken = f"; shrunken {_interval(person['shrunken'])}" if person["shrunken"] else ""
        lines.append(f"  {person['file']}: own {_interval(person['effect'])}{shrunken}")
    for left in data["excluded"]:
        lines.append(f"  {left['file']}: left out of the pool ({left['reason']})")
    return "\n".join(lines)


def _interval(value: dict[str, Any], sign: str = "+") -> str:
    low, high = value["ci95"]
    return f"{value['estimate']:{sign}.2f} [{low:{sign}.2f}, {high:{sign}.2f}]"


def _percent(probability: float) -> str:
    """A probability as a person reads it, never rounded up to certainty (or down to none)."""
    if probability > 0.99:
        return "above 99 %"
    if probability < 0.01:
        return "below 1 %"
    return f"{probability * 100:.0f} %"
