"""Commands: score, assess, support.

Every screen that shows a safety flag (such as ``suicidal_ideation``) shows crisis resources
with it, in readable output and in ``--json`` (as ``crisis_resources``).
"""

from __future__ import annotations

import typer

from mgcalm.cli.instrument_views import chosen_region, resource_lines, score_json, score_lines

REGION_HELP = (
    "Country code for crisis lines: US, CA, UK, IE, AU, NZ (others: international); "
    "default: your saved country."
)


def score_cmd(
    instrument: str = typer.Argument(..., help="pcl5, pcl5_week, gad7 or phq9."),
    answers: str = typer.Option(..., "--answers", help="Item answers in order, e.g. 0,1,2,…"),
    region: str | None = typer.Option(None, "--region", help=REGION_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Score a questionnaire from its answers (and show crisis resources when flagged)."""
    from mgcalm.cli.output import fail, print_json
    from mgcalm.domain import InvalidInputError
    from mgcalm.instruments import score_text

    try:
        result = score_text(instrument, answers)
    except InvalidInputError as error:
        fail(error.problems)
    where = chosen_region(region)
    if as_json:
        print_json(score_json(result, where))
    else:
        typer.echo("\n".join(score_lines(result, where)))


def support_cmd(
    region: str | None = typer.Option(None, "--region", help=REGION_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Crisis lines and what to do now. mgcalm is not an emergency service."""
    from mgcalm.cli.output import print_json
    from mgcalm.instruments import NOT_MONITORED, normalise_region, region_note, resources_for

    asked = chosen_region(region)
    code = normalise_region(asked)
    resources = resources_for(code)
    if as_json:
        data = {"region": code, "resources": [r.to_json() for r in resources]}
        print_json({**data, "note": NOT_MONITORED, "fallback": region_note(asked) or None})
        return
    typer.echo(f"If you are struggling, you do not have to wait. Support ({code}):")
    if region_note(asked):
        typer.echo(f"  {region_note(asked)}")
    typer.echo("\n".join(resource_lines(resources)))
    typer.echo("Your safety plan, with these lines: mgcalm safety-plan")


def assess_cmd(
    instrument: str = typer.Argument(..., help="pcl5, pcl5_week, gad7 or phq9."),
    person: str | None = typer.Option(None, "--person", help="Person id (clinic mode)."),
    region: str | None = typer.Option(None, "--region", help=REGION_HELP),
    no_save: bool = typer.Option(False, "--no-save", help="Show the result without saving."),
) -> None:
    """Answer a questionnaire one item at a time (b = back, q = quit); saved when finished."""
    from mgcalm.cli import instrument_assess

    instrument_assess.run(
        instrument, person=person, region=chosen_region(region, person), store=not no_save
    )


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.command("score")(score_cmd)
    app.command("assess")(assess_cmd)
    app.command("support")(support_cmd)
