"""Commands: evaluate, trial start|status|next, report."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.command()(evaluate)


def evaluate(
    file: Path = typer.Argument(..., help="CSV with columns date,phase,value (one row per day)."),
    outcome: str = typer.Option("", help="Outcome name, e.g. anxiety or sleep_quality."),
    higher_is_better: bool | None = typer.Option(
        None, "--higher-is-better/--lower-is-better", help="Direction of improvement."
    ),
    threshold: float | None = typer.Option(None, help="Smallest worthwhile change (units)."),
    transition_days: int = typer.Option(7, help="Days left out at the start of each phase."),
    trend: str = typer.Option("auto", help="Time trend: auto (only with withdrawal), on, off."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Estimate magnesium's effect on one daily outcome with an honest 95 % interval."""
    from mgcalm.cli.output import fail, print_json
    from mgcalm.domain import InvalidInputError, Problem
    from mgcalm.evaluation import AnalysisSettings, evaluate_csv, outcome_for

    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        fail([Problem(str(file), f"cannot read the file ({error})", "a readable UTF-8 CSV")])
    spec = outcome_for(outcome or file.stem, higher_is_better, threshold)
    settings = AnalysisSettings(transition_days=transition_days, trend=trend)  # type: ignore[arg-type]
    try:
        effect = evaluate_csv(text, file.name, spec, settings)
    except InvalidInputError as error:
        fail(error.problems)
    print_json(effect.to_dict()) if as_json else typer.echo(effect.summary)
