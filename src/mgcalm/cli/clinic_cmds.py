"""Commands: ``mgcalm clinic …`` — accounts and a benchmark clinic for clinic mode.

Clinic mode (``MGCALM_CLINIC_MODE=true``, on PostgreSQL) has no sign-up page: the first admin is
made here, and admins make the other accounts on /admin (or here).
"""

from __future__ import annotations

import sys

import typer

from mgcalm.cli.output import print_json
from mgcalm.cli.services import services

clinic_app = typer.Typer(help="Clinic mode: accounts, and a made-up clinic for benchmarks.")


def register(app: typer.Typer) -> None:
    """Add the ``clinic`` command group to the main app."""
    app.add_typer(clinic_app, name="clinic")


def _password(from_stdin: bool) -> str:
    """The new password: the first line of stdin, or typed twice without echo."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    return str(
        typer.prompt("Password (10 characters or more)", hide_input=True, confirmation_prompt=True)
    )


@clinic_app.command("create-account")
def create_account(
    username: str = typer.Argument(..., help="Login name (a-z 0-9 . _ @ -)."),
    role: str = typer.Option("person", help="person, clinician or admin."),
    name: str = typer.Option("", help="The name shown on pages."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from stdin."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the account as JSON."),
) -> None:
    """Create a clinic account (the password is asked for, never passed on the command line)."""
    from mgcalm.app.clinic import service as clinic

    with services() as mg:
        account = clinic.create_account(mg, username, _password(password_stdin), role, name)
    shown = {"username": account.username, "role": account.role, "person_id": account.person_id}
    print_json(shown) if as_json else typer.echo(f"Created {account.role} {account.username}.")


@clinic_app.command("create-admin")
def create_admin(
    username: str = typer.Argument(..., help="Login name of the administrator."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from stdin."
    ),
) -> None:
    """Create an administrator (the first account of a new clinic)."""
    create_account(username, "admin", "Administrator", password_stdin, False)


@clinic_app.command("migrate")
def migrate() -> None:
    """Bring the database to the newest schema (run once before starting several workers)."""
    from mgcalm.app.clinic import service as clinic

    with services() as mg:
        typer.echo(f"Database schema at revision {clinic.schema_revision(mg)}.")


@clinic_app.command("seed-benchmark")
def seed_benchmark(
    people: int = typer.Option(500, min=1, max=100_000, help="How many people."),
    days: int = typer.Option(365, min=14, max=3650, help="Days of data per person."),
    clinician: str = typer.Option("bench.clinician", help="The clinician who sees them all."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from stdin."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print what was seeded as JSON."),
) -> None:
    """Load a made-up clinic in bulk (for benchmarks and demonstrations; never on real data)."""
    from mgcalm.app.clinic import service as clinic

    with services() as mg:
        done = clinic.seed_benchmark(
            mg, people=people, days=days, clinician=clinician, password=_password(password_stdin)
        )
    summary = {"clinician": done.clinician, "people": done.people, "entries": done.entries}
    print_json(summary) if as_json else typer.echo(
        f"Seeded {done.people} people and {done.entries} entries for {done.clinician}."
    )
