"""Commands: score, assess, support.

Every screen that shows a safety flag (such as ``suicidal_ideation``) shows crisis resources
with it, in readable output and in ``--json`` (as ``crisis_resources``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from mgcalm.instruments import CrisisResource, Score

REGION_HELP = "Country code for crisis lines: US, CA, UK, IE (others: international)."


def _region(region: str | None) -> str:
    """The region asked for, else the configured one (``MGCALM_REGION``), else US."""
    if region:
        return region
    from mgcalm.app.settings import load_settings

    return load_settings().region


def _resource_lines(resources: tuple[CrisisResource, ...]) -> list[str]:
    from mgcalm.instruments import NOT_MONITORED

    lines = [f"  - {r.one_line()}" for r in resources]
    return [*lines, f"  {NOT_MONITORED}"]


def crisis_block(region: str) -> list[str]:
    """The crisis resources for a region as readable lines, headed by the region code."""
    from mgcalm.instruments import normalise_region, resources_for

    code = normalise_region(region)
    return [f"Crisis resources ({code}):", *_resource_lines(resources_for(code))]


def score_lines(result: Score, region: str, previous: Score | None = None) -> list[str]:
    """A score in readable lines: total, band, clusters, meaning, change, flags, resources."""
    from mgcalm.instruments import check_score, describe_change, meaning, reliable_change

    lines = [_headline(result)]
    if result.subscales:
        parts = ", ".join(f"{k} {v}" for k, v in result.subscales.items())
        met = "met" if result.provisional_ptsd else "not met"
        lines += [f"Clusters: {parts}", f"Provisional DSM-5 symptom rule: {met}"]
    lines.append(meaning(result))
    if previous is not None and previous.instrument == result.instrument:
        change = reliable_change(result.instrument, previous.total, result.total)
        lines.append(f"Since last time: {describe_change(change)}")
    alerts = check_score(result, previous)
    for alert in alerts:
        lines += ["", f"!! {alert.message}", *[f"   {a}" for a in alert.actions]]
    if any(a.show_crisis_resources for a in alerts):
        lines += ["", *crisis_block(region)]
    return lines


def _headline(result: Score) -> str:
    from mgcalm.instruments import get_instrument

    instrument = get_instrument(result.instrument)
    return f"{instrument.name} total: {result.total} of {instrument.max_total} ({result.band})"


def score_json(result: Score, region: str) -> dict[str, Any]:
    """The score contract, plus ``crisis_resources`` whenever a flag calls for them."""
    from mgcalm.instruments import check_score, resources_for

    data = result.to_json()
    if any(a.show_crisis_resources for a in check_score(result)):
        data["crisis_resources"] = [r.to_json() for r in resources_for(region)]
    return data


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
    where = _region(region)
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
    from mgcalm.instruments import NOT_MONITORED, normalise_region, resources_for

    code = normalise_region(_region(region))
    resources = resources_for(code)
    if as_json:
        data = {"region": code, "resources": [r.to_json() for r in resources]}
        print_json({**data, "note": NOT_MONITORED})
        return
    typer.echo(f"If you are struggling, you do not have to wait. Support ({code}):")
    typer.echo("\n".join(_resource_lines(resources)))


def assess_cmd(
    instrument: str = typer.Argument(..., help="pcl5, pcl5_week, gad7 or phq9."),
    person: str | None = typer.Option(None, "--person", help="Person id (clinic mode)."),
    region: str | None = typer.Option(None, "--region", help=REGION_HELP),
    no_save: bool = typer.Option(False, "--no-save", help="Show the result without saving."),
) -> None:
    """Answer a questionnaire one item at a time (b = back, q = quit); saved when finished."""
    from mgcalm.cli import instrument_assess

    instrument_assess.run(instrument, person=person, region=_region(region), store=not no_save)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.command("score")(score_cmd)
    app.command("assess")(assess_cmd)
    app.command("support")(support_cmd)
