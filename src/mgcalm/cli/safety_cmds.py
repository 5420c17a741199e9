"""Command: safety-plan — your Stanley–Brown safety plan, shown with your country's crisis lines.

``mgcalm safety-plan`` prints the plan and the lines; ``--edit`` asks for each step at a
terminal (items separated by ``;``, Enter keeps what is there); ``--set STEP=ITEM;ITEM`` sets
one step from a script. Every problem names the step; nothing is kept unless all are fine.
"""

from __future__ import annotations

from typing import Any

import typer

from mgcalm.cli.output import fail, print_json
from mgcalm.cli.services import services
from mgcalm.cli.tracking_common import JSON, PERSON, interactive


def safety_plan_cmd(
    edit: bool = typer.Option(False, "--edit", help="Fill in or change each step (at a terminal)."),
    set_steps: list[str] = typer.Option(
        None, "--set", help="STEP=ITEM;ITEM, e.g. coping='slow breathing;a walk' (repeatable)."
    ),
    person: str = PERSON,
    as_json: bool = JSON,
) -> None:
    """Your safety plan (warning signs, coping, people, professionals, a safer space)."""
    from mgcalm.app.safety.plan import safety_plan_view, save_safety_plan

    if edit and not interactive():
        fail(["--edit: needs a terminal (accepted: --set STEP=ITEM;ITEM instead)"])
    with services() as app:
        who = app.person(person).id
        view = safety_plan_view(app, who)
        if edit or set_steps:
            steps = {s["key"]: s["lines"] for s in view["steps_shown"]}
            steps.update(_asked(view) if edit else {})
            steps.update(_parsed(set_steps or []))
            view = save_safety_plan(app, who, {"steps": steps})
    if as_json:
        print_json(view)
        return
    _render(view)


def _parsed(items: list[str]) -> dict[str, list[str]]:
    """``STEP=ITEM;ITEM`` flags as steps (a flag without ``=`` names itself as the problem)."""
    found: dict[str, list[str]] = {}
    for item in items:
        key, sep, text = item.partition("=")
        if not sep:
            fail([f"--set: {item!r} is not STEP=ITEM;ITEM (accepted: e.g. coping=a walk)"])
        found[key.strip()] = [part.strip() for part in text.split(";") if part.strip()]
    return found


def _asked(view: dict[str, Any]) -> dict[str, list[str]]:
    """Each step asked in turn; Enter keeps the current lines, '-' empties the step."""
    answers: dict[str, list[str]] = {}
    for step in view["steps_shown"]:
        typer.echo(f"\n{step['title']}\n  {step['prompt']} (e.g. {step['example']})")
        current = "; ".join(step["lines"])
        reply = typer.prompt("  Items separated by ';' (Enter keeps, - clears)", default=current)
        text = "" if reply.strip() == "-" else reply
        answers[step["key"]] = [part.strip() for part in text.split(";") if part.strip()]
    return answers


def _render(view: dict[str, Any]) -> None:
    """The plan step by step, then the crisis lines of the person's country."""
    typer.echo("Your safety plan" + ("" if not view["empty"] else " (not filled in yet)"))
    for step in view["steps_shown"]:
        lines = list(step["lines"])
        if step["key"] == "professionals":
            lines.append("The crisis lines below, any time.")
        if lines:
            typer.echo(f"\n{step['title']}")
            typer.echo("\n".join(f"  - {line}" for line in lines))
    if view["empty"]:
        typer.echo("\nFill it in: mgcalm safety-plan --edit")
    support = view["crisis_support"]
    typer.echo(f"\nCrisis lines ({support['region']}):")
    if support["note"]:
        typer.echo(f"  {support['note']}")
    for resource in support["resources"]:
        contacts = "; ".join(c["label"] for c in resource["contacts"])
        typer.echo(f"  - {resource['name']}: {contacts}")
    typer.echo(f"  {support['notice']}")


def register(app: typer.Typer) -> None:
    """Add this module's command to the main app."""
    app.command("safety-plan")(safety_plan_cmd)
