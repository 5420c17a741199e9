"""Commands: init, log …, today, history, export --json, import, backup, delete-all."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
