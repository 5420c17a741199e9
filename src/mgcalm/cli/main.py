"""The ``mgcalm`` command: one Typer app assembled from the command modules."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer

from mgcalm.cli.lazy_commands import lazy_group

# Every command's name → the modules whose ``register(app)`` build it, in the order ``--help``
# lists them. A command's modules are imported only when it is looked up, so ``mgcalm plan``
# loads the planner and not the web server (tests/cli/test_lazy_commands.py keeps this table
# equal to what registering every module builds).
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "plan": ("plan_cmds",),
    "label": ("knowledge_cmds",),
    "score": ("instrument_cmds",),
    "assess": ("instrument_cmds",),
    "support": ("instrument_cmds",),
    "intake": ("foods_cmds",),
    "init": ("tracking_cmds",),
    "today": ("tracking_cmds",),
    "history": ("tracking_cmds",),
    "delete-entry": ("tracking_cmds",),
    "import": ("tracking_cmds",),
    "backup": ("tracking_cmds",),
    "delete-all": ("tracking_cmds",),
    "safety-plan": ("safety_cmds",),
    "evaluate": ("evaluation_cmds",),
    "design": ("evaluation_cmds",),
    "report": ("evaluation_cmds",),
    "serve": ("serve_cmds",),
    "pair": ("serve_cmds",),
    "version": (),
    "kb": ("knowledge_cmds",),
    "foods": ("foods_cmds",),
    "log": ("tracking_cmds",),
    "trial": ("tracking_cmds", "evaluation_cmds"),
    "export": ("tracking_cmds", "interop_cmds"),
    "wearables": ("wearables_cmds",),
    "demo": ("demo_cmds",),
    "clinic": ("clinic_cmds",),
}

app = typer.Typer(
    name="mgcalm",
    help=(
        "mgcalm: try magnesium safely and find out honestly whether it helps you. "
        "Not medical advice and not a treatment for PTSD. In crisis? Run `mgcalm support`."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=lazy_group(COMMAND_MODULES),
)


@app.callback()
def main() -> None:
    """mgcalm: try magnesium safely and find out honestly whether it helps you."""


@app.command()
def version() -> None:
    """Print mgcalm's version."""
    from mgcalm import __version__

    typer.echo(__version__)


def run() -> None:
    """Entry point of the console script and ``python -m mgcalm``.

    A failure a person can meet (full disk, read-only folder, busy or damaged database…) is told
    in words with what to do, and anything else in one calm line: never a traceback, unless
    ``MGCALM_DEBUG=1`` asks for it. Either way the exit code is not 0.
    """
    try:
        app()
    except Exception as error:
        if os.environ.get("MGCALM_DEBUG", "") not in ("", "0"):
            raise
        sys.exit(report_failure(error))


def report_failure(error: BaseException) -> int:
    """Print the failure to stderr; returns the exit code."""
    from mgcalm.app.failures import EXIT_FAILED, describe_failure

    failure = describe_failure(error, _data_dir())
    if failure is None:
        sys.stderr.write(
            f"mgcalm stopped because of an unexpected error ({type(error).__name__}); nothing "
            "half-written was kept.\nPlease report it; run again with MGCALM_DEBUG=1 to see "
            "the details.\n"
        )
        return EXIT_FAILED
    sys.stderr.write(failure.text() + "\n")
    return failure.exit_code


def _data_dir() -> Path | None:
    """The configured data folder, if the settings can be read at all."""
    try:
        from mgcalm.app.settings import load_settings

        return load_settings().data_dir
    except Exception:  # the settings themselves may be what is broken
        return None
