"""``mgcalm log medication --change started|stopped``: the interaction check and the re-plan.

After the change is logged, the medicine is checked against magnesium at once: how its name
was recognised (or what it may be), what the plan says about it, and the status the plan
would have. A started medicine's times are asked for at a terminal when they matter; then
re-planning is offered (``--replan`` / ``--no-replan`` decide without asking).
"""

from __future__ import annotations

from datetime import time
from typing import Any

import typer

from mgcalm.cli.output import fail, print_json
from mgcalm.cli.services import services
from mgcalm.cli.tracking_common import interactive


def reconcile(
    person: str | None,
    name: str,
    change: str,
    options: tuple[tuple[time, ...], bool, bool | None],
    as_json: bool,
    saved: dict[str, Any],
) -> None:
    """Check the change, ask for times and whether to re-plan, and say what happened."""
    from mgcalm.app.medicines.change import apply_medicine_change, check_medicine_change

    times, as_needed, replan = options
    with services() as app:
        pid = app.person(person).id
        check = check_medicine_change(app, pid, name, change, times, as_needed)
        if change == "started" and check.times_matter and not times and not as_needed:
            times = _ask_times(name)
            if times:
                check = check_medicine_change(app, pid, name, change, times, as_needed)
        if not as_json:
            _render(check.to_json())
        if replan is None:
            replan = interactive() and typer.confirm(
                "Update your profile with this change and re-plan now?", default=True
            )
        plan = apply_medicine_change(app, pid, name, change, times, as_needed) if replan else None
    if as_json:
        after = plan.to_json() if plan is not None else None
        print_json(
            {"entry": saved, "check": check.to_json(), "replanned": bool(plan), "plan": after}
        )
    elif plan is not None:
        from mgcalm.planning.status_text import status_label, status_lead

        typer.echo(f"Re-planned. Status: {status_label(plan)}. {status_lead(plan)}")
        for dose in plan.doses:
            typer.echo(f"  {dose.time:%H:%M}  {dose.elemental_mg} mg {dose.form}")
    else:
        typer.echo(
            "Your profile and plan are unchanged; `mgcalm log medication --replan` updates them."
        )


def parse_times(text: str | None) -> tuple[time, ...]:
    """``"08:00, 20:00"`` as times; a bad one exits 2 naming --times and what is accepted."""
    from mgcalm.domain.profile_parse import parse_times as parse

    times, problems = parse(text or "", "--times")
    if problems:
        fail(problems)
    return times


def _ask_times(name: str) -> tuple[time, ...]:
    if not interactive():
        return ()
    answer = typer.prompt(
        f"When do you take {name}? HH:MM, comma-separated (blank if only when needed)",
        default="",
        show_default=False,
    )
    return parse_times(answer)


def _render(check: dict[str, Any]) -> None:
    found = check["recognised"]
    how = found["how"]
    if how == "contains_magnesium":
        typer.echo(f"{check['name']} contains magnesium: it counts toward your daily limit.")
    elif how == "unknown":
        maybe = (
            f" Did you mean {' or '.join(found['did_you_mean'])}?" if found["did_you_mean"] else ""
        )
        typer.echo(f"mgcalm does not know {check['name']!r}.{maybe}")
    else:
        typer.echo(f"Recognised {check['name']!r} as {', '.join(found['ingredients'])} ({how}).")
    for note in check["notes"]:
        typer.echo(f"  • {note['message']}")
    typer.echo(f"With this change your plan's status would be: {check['status_after']}.")
