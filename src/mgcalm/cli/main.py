"""The ``mgcalm`` command: one Typer app assembled from the command modules."""

from __future__ import annotations

import typer

from mgcalm.cli import (
    clinic_cmds,
    evaluation_cmds,
    foods_cmds,
    instrument_cmds,
    interop_cmds,
    knowledge_cmds,
    plan_cmds,
    safety_cmds,
    serve_cmds,
    tracking_cmds,
    wearables_cmds,
)

app = typer.Typer(
    name="mgcalm",
    help=(
        "mgcalm: try magnesium safely and find out honestly whether it helps you. "
        "Not medical advice and not a treatment for PTSD. In crisis? Run `mgcalm support`."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def main() -> None:
    """mgcalm: try magnesium safely and find out honestly whether it helps you."""


for module in (
    plan_cmds,
    knowledge_cmds,
    instrument_cmds,
    foods_cmds,
    tracking_cmds,
    wearables_cmds,
    safety_cmds,
    evaluation_cmds,
    interop_cmds,
    serve_cmds,
    clinic_cmds,
):
    module.register(app)


@app.command()
def version() -> None:
    """Print mgcalm's version."""
    from mgcalm import __version__

    typer.echo(__version__)


def run() -> None:
    """Entry point of the console script and ``python -m mgcalm``."""
    app()
