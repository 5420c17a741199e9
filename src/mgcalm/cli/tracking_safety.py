"""After ``mgcalm log …``: run the safety flow and show its alerts, resources and plan change.

Alerts come first and stand out; crisis resources are listed in full (never dialled). In
``--json`` mode the same block goes to stderr so a person at a terminal still sees it, and stdout
carries it as data (``alerts``, ``crisis_resources``, ``plan_change``, ``stop``, ``metrics``).
A magnesium red flag pauses magnesium (``stop``); the command says so and how to resume.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from mgcalm.app import App
    from mgcalm.domain.entries import EntryBase


def after_save(
    app: App, person_id: str, entry: EntryBase, symptoms: Sequence[str] = ()
) -> dict[str, Any]:
    """The JSON keys to add after saving ``entry``: alerts, resources, plan change, metrics."""
    from mgcalm.app.safety.flow import after_entry
    from mgcalm.app.tracking.sleep_diary import night_metrics
    from mgcalm.domain.entries import SleepDiary

    outcome = after_entry(app, person_id, entry, symptoms)
    extra: dict[str, Any] = {"alerts": [a.to_json() for a in outcome.alerts]}
    if outcome.crisis_resources:
        extra["crisis_resources"] = list(outcome.crisis_resources)
    if outcome.plan_change is not None:
        extra["plan_change"] = outcome.plan_change.to_json()
    if outcome.stop is not None:
        extra["stop"] = outcome.stop
    if isinstance(entry, SleepDiary):
        extra["metrics"] = night_metrics(entry).to_json()
    return extra


def render_after_save(extra: dict[str, Any], as_json: bool) -> None:
    """Print the night's metrics, then each alert and the crisis resources."""
    from mgcalm.app.tracking.sleep_diary import metrics_line
    from mgcalm.instruments import NOT_MONITORED, SleepMetrics

    if "metrics" in extra and not as_json:
        fields = {k: v for k, v in extra["metrics"].items() if k != "formulas"}
        typer.echo(f"  {metrics_line(SleepMetrics(**fields))}")
    for alert in extra["alerts"]:
        typer.echo("", err=as_json)
        typer.echo(f"!! {alert['message']}", err=as_json)
        for action in alert["actions"]:
            typer.echo(f"   - {action}", err=as_json)
    stop = extra.get("stop")
    if stop and any(a["code"] == "magnesium_red_flag" for a in extra["alerts"]):
        typer.echo("", err=as_json)
        typer.echo(f"!! {stop['message']} No dose is due until it is safe.", err=as_json)
        typer.echo(
            "   Resume only once someone has said it is safe: "
            "mgcalm trial resume --by WHO --reason WHY",
            err=as_json,
        )
    resources = extra.get("crisis_resources", [])
    if resources:
        typer.echo("", err=as_json)
        typer.echo("Crisis resources (mgcalm never calls anyone for you):", err=as_json)
        for resource in resources:
            contacts = "; ".join(c["label"] for c in resource["contacts"])
            typer.echo(f"  - {resource['name']}: {contacts}", err=as_json)
        typer.echo(f"  {NOT_MONITORED}", err=as_json)
