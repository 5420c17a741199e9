"""Commands: init, log …, today, history, trial …, export --json, import, backup, delete-all.

``export_app`` is the ``mgcalm export`` group: ``mgcalm export --json FILE`` writes everything,
and other command modules add formats to it as subcommands (``export ics|fhir|csv``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from mgcalm.cli.output import fail, print_json
from mgcalm.cli.services import services
from mgcalm.cli.tracking_common import JSON, PERSON, interactive
from mgcalm.cli.tracking_log_cmds import log_app
from mgcalm.cli.tracking_trial_cmds import trial_app

export_app = typer.Typer(
    help="Export your data: --json FILE writes everything (schema mgcalm.export/1).",
    invoke_without_command=True,
)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.command("init")(init)
    app.add_typer(log_app, name="log")
    app.command("today")(today)
    app.command("history")(history)
    app.command("delete-entry")(delete_entry)
    app.add_typer(trial_app, name="trial")
    app.add_typer(export_app, name="export")
    app.command("import")(import_file)
    app.command("backup")(backup)
    app.command("delete-all")(delete_all)


def init(
    profile: Path = typer.Option(None, "--profile", help="A mgcalm.profile/1 TOML file."),
    person_id: str = typer.Option("me", "--person-id", help="An id for this person."),
    name: str = typer.Option("", "--name", help="A name to show (optional)."),
    country: str = typer.Option(
        None,
        "--country",
        help="Your country, for the crisis lines shown everywhere: US, CA, UK, IE, AU, NZ or "
        "INTL (another). At a terminal it is asked, suggested from your locale.",
    ),
    as_json: bool = JSON,
) -> None:
    """Set yourself up from a profile file (or questions at a terminal) and make your plan."""
    from mgcalm.cli.tracking_profile import ask_country, prompt_profile, read_profile

    if profile is None and not interactive():
        fail(["--profile: required when not run at a terminal (accepted: a profile TOML file)"])
    with services() as app:
        found = read_profile(profile) if profile else prompt_profile()
        code = country or (ask_country() if interactive() else None)
        person, version, plan = app.set_up(
            found, person_id=person_id, display_name=name, country_code=code
        )
    if as_json:
        print_json({"person_id": person.id, "profile_version": version, "plan": plan.to_json()})
    else:
        typer.echo(f"Ready: person {person.id!r}, profile version {version}, plan {plan.status}.")
        typer.echo(
            "Next: `mgcalm trial outcome NAME`, `mgcalm trial start baseline`, `mgcalm today`."
        )


def today(person: str = PERSON, as_json: bool = JSON) -> None:
    """What is due today (doses, questionnaires, check-in, sleep diary), alerts, what is done."""
    from mgcalm.app.tracking.due import due_today
    from mgcalm.app.views.daily import today_view  # the same view as the web app's Today page

    with services() as app:
        pid = app.person(person).id
        status = {**today_view(app, pid), **due_today(app, pid).to_json()}
    if as_json:
        print_json(status)
        return
    from mgcalm.cli.tracking_render import render_today

    render_today(status)


def history(
    kind: list[str] = typer.Option(None, "--kind", help="Only this kind (repeatable)."),
    start: str = typer.Option(None, "--from", help="First day, YYYY-MM-DD."),
    end: str = typer.Option(None, "--to", help="Last day, YYYY-MM-DD."),
    person: str = PERSON,
    as_json: bool = JSON,
) -> None:
    """Everything you logged, by day."""
    from mgcalm.cli.tracking_render import parse_day, render_history

    first, last = parse_day(start, "--from"), parse_day(end, "--to")
    with services() as app:
        rows = [
            s.to_json()
            for s in app.history(app.person(person).id, kinds=kind, start=first, end=last)
        ]
    if as_json:
        print_json(rows)
    else:
        render_history(rows)


@export_app.callback()
def export(
    ctx: typer.Context,
    json_file: Path = typer.Option(None, "--json", help="Write everything to this JSON file."),
    person: str = typer.Option(None, "--person", help="Only this person (default: everyone)."),
) -> None:
    """Export your data: --json FILE writes everything stored (schema mgcalm.export/1)."""
    if ctx.invoked_subcommand is not None:
        return
    if json_file is None:
        fail(["--json: say where to write the export (accepted: a file path)"])
    with services() as app:
        counts = app.write_export(json_file, person)
    typer.echo(
        f"Exported {counts['people']} person(s), {counts['entries']} entries to {json_file}."
    )


def import_file(
    file: Path = typer.Argument(..., help="An mgcalm.export/1 JSON file, or a backup file."),
    as_json: bool = JSON,
) -> None:
    """Import an export or a backup: new records added, identical ones skipped, a clash: nothing."""
    with services() as app:
        summary = app.import_file(file)
    result: dict[str, Any] = {
        "people": summary.people,
        "added": summary.added,
        "unchanged": summary.unchanged,
    }
    if as_json:
        print_json(result)
    else:
        typer.echo(f"Imported {summary.added} new record(s); {summary.unchanged} already there.")


def backup(file: Path = typer.Argument(..., help="Where to write the backup.")) -> None:
    """Write a consistent backup while in use (SQLite: a copy of the database; PostgreSQL: JSON)."""
    with services() as app:
        counts = app.backup(file)
    typer.echo(f"Backed up {counts['people']} person(s), {counts['entries']} entries to {file}.")


def delete_entry(
    entry_id: str = typer.Argument(..., help="The id of the entry (see `mgcalm history`)."),
    reason: str = typer.Option("", "--reason", help="Why (kept with the deleted content)."),
    person: str = PERSON,
) -> None:
    """Delete one entry you logged by mistake; its content is kept as a revision."""
    with services() as app:
        app.delete_entry(app.person(person).id, entry_id, reason)
    typer.echo(f"Deleted entry {entry_id} (its content is kept as a revision).")


def delete_all(yes: bool = typer.Option(False, "--yes", help="Do not ask to confirm.")) -> None:
    """Delete every person and everything stored about them, for good."""
    if not yes:
        typer.confirm("Delete everything mgcalm has stored? This cannot be undone", abort=True)
    with services() as app:
        backups = len(app.own_backups())
        count = app.delete_all()
    typer.echo(
        f"Deleted {count} person(s), everything stored about them and {backups} backup(s) "
        "in mgcalm's backups folder. Exports and backups you saved elsewhere are your own "
        "files: delete those yourself."
    )
