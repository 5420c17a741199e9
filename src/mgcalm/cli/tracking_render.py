"""Text rendering for ``mgcalm today`` and ``mgcalm history`` (the --json forms print data)."""

from __future__ import annotations

from datetime import date
from typing import Any

import typer

from mgcalm.cli.output import fail

_BOOKKEEPING = ("id", "day", "kind", "created_at", "updated_at")


def parse_day(value: str | None, flag: str) -> date | None:
    """A YYYY-MM-DD flag value, or exit 2 naming the flag."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail([f"{flag}: {value!r} is not a date (accepted: YYYY-MM-DD)"])


def render_today(status: dict[str, Any]) -> None:
    """Doses due and done, check-in and sleep diary, the day's magnesium."""
    typer.echo(f"Today, {status['day']}")
    if status.get("phase"):
        typer.echo(f"  {status['phase_words']} (day {status['phase_day']})")
    if status["plan_status"] is None:
        typer.echo("  No plan yet: run `mgcalm init --profile FILE` to make one.")
    if status.get("stop"):
        typer.echo(f"  No magnesium is due. {status['stop']['message']}")
        typer.echo("  Resume only once it is safe: mgcalm trial resume --by WHO --reason WHY")
    for dose in status["doses"]:
        mark = {"taken": "[x]", "missed": "[-]"}.get(dose["status"], "[ ]")
        typer.echo(
            f"  {mark} {dose['time']} {dose['form']} {dose['elemental_mg']} mg ({dose['status']})"
        )
    typer.echo(f"  {'[x]' if status['checkin_done'] else '[ ]'} daily check-in")
    typer.echo(f"  {'[x]' if status['sleep_diary_done'] else '[ ]'} sleep diary")
    for task in status.get("questionnaires_due", []):
        late = f", {task['overdue_days']} days overdue" if task["overdue_days"] else ""
        typer.echo(f"  [ ] {task['title']} ({task['reason']}{late}): mgcalm assess {task['task']}")
    typer.echo(
        f"  Magnesium so far: {status['supplement_mg']:g} mg from supplements, "
        f"{status['food_mg']:g} mg from logged food; practices {status['practice_minutes']} min."
    )
    _render_alerts(status)


def _render_alerts(status: dict[str, Any]) -> None:
    """Safety alerts still current, and crisis resources when they call for them."""
    for alert in status.get("alerts", []):
        typer.echo(f"\n!! {alert['message']}")
        for action in alert["actions"]:
            typer.echo(f"   - {action}")
    resources = status.get("crisis_resources", [])
    if resources:
        typer.echo("\nCrisis resources (mgcalm never calls anyone for you):")
    for resource in resources:
        contacts = "; ".join(c["label"] for c in resource["contacts"])
        typer.echo(f"  - {resource['name']}: {contacts}")


def render_history(rows: list[dict[str, Any]]) -> None:
    """One line per entry: day, kind, id and its values."""
    if not rows:
        typer.echo("Nothing logged yet.")
    for row in rows:
        values = ", ".join(
            f"{k}={v}"
            for k, v in row.items()
            if k not in _BOOKKEEPING and v not in (None, "", False)
        )
        typer.echo(f"{row['day']}  {row['kind']:<17} {row['id']:<12} {values}")
