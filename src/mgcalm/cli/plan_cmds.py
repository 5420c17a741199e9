"""Commands: plan."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.command(name="plan")(plan)


def plan(
    profile: Path = typer.Argument(..., help="A mgcalm.profile/1 TOML file (see examples/)."),
    as_json: bool = typer.Option(False, "--json", help="Print the mgcalm.plan/1 JSON."),
) -> None:
    """Make a safe magnesium plan from a profile: status, dose, times, foods, routine."""
    from mgcalm.cli.output import fail, print_json
    from mgcalm.cli.plan_build import build_plan
    from mgcalm.domain import InvalidInputError

    try:
        made, kb = build_plan(profile)
    except InvalidInputError as error:
        fail(error.problems, title=f"Cannot plan {profile}")
    if as_json:
        print_json(made.to_json())
    else:
        from mgcalm.cli.plan_view import render_plan

        render_plan(made, kb)
