"""Commands: export ics|fhir|csv|read-csv|import-csv|feed (calendar reminders, clinician data)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from mgcalm.cli.services import services

PERSON = typer.Option(None, "--person", help="Person id (default: the only person stored).")
JSON = typer.Option(False, "--json", help="Print what was written as JSON.")
TZ = typer.Option(
    None, "--tz", help="IANA time zone, e.g. Europe/London (default: this machine's)."
)


def register(app: typer.Typer) -> None:
    """Add ``ics``, ``fhir``, ``csv``, ``read-csv``, ``import-csv`` and ``feed`` to ``export``."""
    group = _export_group(app)
    group.command("ics")(export_ics)
    group.command("fhir")(export_fhir)
    group.command("csv")(export_csv)
    group.command("read-csv")(read_csv)
    group.command("import-csv")(import_csv)
    group.command("feed")(calendar_feed)


def _export_group(app: typer.Typer) -> typer.Typer:
    """The ``export`` group the tracking commands made, or a new one if they have not."""
    for info in app.registered_groups:
        if info.name == "export" and info.typer_instance is not None:
            return info.typer_instance
    group = typer.Typer(help="Export your data.", no_args_is_help=True)
    app.add_typer(group, name="export")
    return group


def _report(written: Any, as_json: bool) -> None:
    from mgcalm.cli.output import print_json

    if as_json:
        print_json(written.to_json())
        return
    counts = ", ".join(f"{n} {kind}" for kind, n in written.counts.items())
    shown = ", ".join(str(p) for p in written.paths[:3]) + (" …" if len(written.paths) > 3 else "")
    typer.echo(f"Wrote {shown} ({counts})")
    for note in written.notes:
        typer.echo(f"Note: {note}")


def export_ics(
    file: Path = typer.Argument(..., help="The .ics file to write."),
    tz: str | None = TZ,
    person: str | None = PERSON,
    as_json: bool = JSON,
) -> None:
    """Write your doses, routine, titration steps, phases and questionnaire days as iCalendar."""
    from mgcalm.app.exports import calendar

    with services() as app:
        written = calendar.write_calendar(app, file, tz or calendar.local_timezone_name(), person)
    _report(written, as_json)


def export_fhir(
    file: Path = typer.Argument(..., help="The .json file to write."),
    person: str | None = PERSON,
    as_json: bool = JSON,
) -> None:
    """Write a FHIR R4 Bundle for a clinician: medicines, questionnaires (LOINC), daily series."""
    from mgcalm.app.exports import fhir

    with services() as app:
        written = fhir.write_fhir(app, file, person)
    _report(written, as_json)


def export_csv(
    directory: Path = typer.Argument(..., help="The folder to write series.csv into."),
    person: str | None = PERSON,
    as_json: bool = JSON,
) -> None:
    """Write every series as tidy CSV (date, measure, value, unit, phase) for a spreadsheet."""
    from mgcalm.app.exports import tidy_csv

    with services() as app:
        written = tidy_csv.write_csv(app, directory, person)
    _report(written, as_json)


def read_csv(
    file: Path = typer.Argument(..., help="A tidy CSV file (date,measure,value,unit,phase)."),
    as_json: bool = JSON,
) -> None:
    """Check a tidy CSV file: every bad cell is named by row and column (exit 2)."""
    from mgcalm.app import InvalidInputError
    from mgcalm.app.exports import tidy_csv
    from mgcalm.cli.output import fail, print_json

    try:
        points = tidy_csv.read_csv(file)
    except InvalidInputError as error:
        fail(error.problems, title=f"{file} has problems")
    summary = tidy_csv.csv_summary(points)
    if as_json:
        print_json(summary)
    else:
        typer.echo(tidy_csv.csv_summary_text(summary))


def import_csv(
    file: Path = typer.Argument(..., help="A tidy CSV file (date,measure,value,unit,phase)."),
    person: str | None = PERSON,
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Report what would be added; write nothing."
    ),
    as_json: bool = JSON,
) -> None:
    """Import check-ins and side effects from a tidy CSV; derived measures are listed, not added."""
    from mgcalm.app.exports import csv_import
    from mgcalm.cli.output import print_json

    with services() as app:
        result = csv_import.import_csv(app, file, person, dry_run=dry_run)
    if as_json:
        print_json(result.to_json())
    else:
        typer.echo(csv_import.import_text(result))


def calendar_feed(
    tz: str | None = TZ,
    person: str | None = PERSON,
    revoke: bool = typer.Option(
        False, "--revoke", help="Stop the feed (its address stops working)."
    ),
    as_json: bool = JSON,
) -> None:
    """Make (or remake) your private calendar subscription address, or revoke it."""
    from mgcalm.app.exports import calendar, feeds
    from mgcalm.cli.output import print_json

    with services() as app:
        if revoke:
            result = feeds.stop_feed(app, person)
        else:
            result = feeds.new_feed(app, person, tz or calendar.local_timezone_name())
    if as_json:
        print_json(result)
    else:
        typer.echo(result["message"])
