"""Commands: demo seed (the made-up demo person, into ``MGCALM_DATA_DIR``, for as many weeks)."""

from __future__ import annotations

import time

import typer

demo_app = typer.Typer(help="The made-up demo person (never real data).", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.add_typer(demo_app, name="demo")


@demo_app.command("seed")
def seed(
    weeks: int = typer.Option(10, "--weeks", help="How many weeks of data, ending today (1–520)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Seed the demo person into MGCALM_DATA_DIR (or MGCALM_DATABASE_URL): baseline, titration,
    maintenance, and every day's entries, written in one transaction."""
    from mgcalm.app.demo import seed_into
    from mgcalm.app.settings import load_settings
    from mgcalm.cli.output import fail, print_json
    from mgcalm.domain import InvalidInputError

    settings = load_settings()
    started = time.perf_counter()
    try:
        person, entries = seed_into(settings, weeks)
    except InvalidInputError as error:
        fail(error.problems)
    seconds = round(time.perf_counter() - started, 2)
    where = settings.database_url or str(settings.data_dir)
    if as_json:
        print_json(
            {"person_id": person, "weeks": weeks, "entries": entries, "where": where,
             "seconds": seconds}
        )  # fmt: skip
    else:
        typer.echo(f"Seeded {person}: {weeks} weeks, {entries} entries, in {where} ({seconds} s).")
