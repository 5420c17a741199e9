"""Commands: ``wearables import`` (your own watch, ring or band export) and ``wearables devices``.

Only typer and the standard library are imported at module level, so ``mgcalm --help`` stays fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer

from mgcalm.cli.services import services

PERSON = typer.Option(None, "--person", help="Person id (needed only when several are stored).")
JSON = typer.Option(False, "--json", help="Print JSON instead of text.")
SOURCE = typer.Option(
    "auto", "--source", help="auto, apple-health, google-fitbit, oura or garmin (default: auto)."
)
DEVICE = typer.Option(
    None,
    "--device",
    help="A device to use when several recorded the same measure; repeat in order of "
    "preference (kept for later imports).",
)
TZ = typer.Option(
    None,
    "--tz",
    help="Your IANA time zone, for files that store UTC only (default: this machine's).",
)


def register(app: typer.Typer) -> None:
    """Add the ``wearables`` group."""
    group = typer.Typer(
        help="Sleep, resting heart rate and HRV from your own wearable, as trial outcomes.",
        no_args_is_help=True,
    )
    group.command("import")(import_export)
    group.command("devices")(devices)
    app.add_typer(group, name="wearables")


@contextmanager
def _progress(show: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on the terminal for a big file (nothing when piped or with --json)."""
    if not show:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn

    columns = (TextColumn("Reading"), BarColumn(), DownloadColumn())
    with Progress(*columns, transient=True, console=Console(stderr=True)) as bar:
        task = bar.add_task("read", total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def import_export(
    path: Path = typer.Argument(
        ...,
        help="Apple Health export.zip or export.xml, a Google Takeout Fitbit zip or folder, "
        "an Oura CSV or JSON file, or Garmin .fit files (a file, folder or zip).",
    ),
    source: str = SOURCE,
    device: list[str] | None = DEVICE,
    tz: str | None = TZ,
    person: str | None = PERSON,
    as_json: bool = JSON,
) -> None:
    """Import your wearable's export: one value per night or day, read on this machine only."""
    from mgcalm.app.exports.calendar import local_timezone_name
    from mgcalm.app.tracking.wearables import import_wearables
    from mgcalm.cli.output import print_json

    zone = tz or local_timezone_name()
    with services() as app, _progress(not as_json and sys.stderr.isatty()) as progress:
        summary = import_wearables(
            app, person, path, source=source, tz=zone, devices=device or (), progress=progress
        )
    if as_json:
        print_json(summary)
    else:
        typer.echo(summary_text(summary))


def summary_text(summary: dict[str, Any]) -> str:
    """The import summary as lines a person reads."""
    if not summary["days"]:
        lines = [f"Read {summary['source']}: no sleep, heart-rate or HRV values found."]
    else:
        lines = [
            f"Imported {summary['source']}: {summary['days']} days, {summary['first_day']} to "
            f"{summary['last_day']} ({summary['added']} values added, {summary['updated']} "
            f"corrected, {summary['unchanged']} already there)."
        ]
    for measure, days in summary["measures"].items():
        lines.append(f"  {measure}: {days} days, from {summary['devices'][measure]}")
    for skipped in summary["skipped"]:
        lines.append(f"  not used: {skipped['what']} ×{skipped['count']} ({skipped['reason']})")
    return "\n".join(lines)


def devices(
    names: list[str] | None = typer.Argument(
        None, help="Devices in order of preference; none: show the saved ones."
    ),
    person: str | None = PERSON,
    as_json: bool = JSON,
) -> None:
    """Show or set which device to use when several recorded the same measure."""
    from mgcalm.app.tracking import wearables
    from mgcalm.cli.output import print_json

    with services() as app:
        if names:
            saved = wearables.set_preferred_devices(app, person, names)
        else:
            saved = wearables.preferred_devices(app, person)
    if as_json:
        print_json({"preferred_devices": saved})
    else:
        typer.echo(", ".join(saved) if saved else "No preferred device: the one with most days.")
