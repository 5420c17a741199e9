"""The README keeps up with the code: every command and every setting is documented."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer.main

from mgcalm.app.settings import Settings
from mgcalm.cli.main import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(group: Any, prefix: str) -> list[tuple[str, str]]:
    """(path, name) for every command under ``group``, depth first."""
    found = []
    for name, command in sorted(group.commands.items()):
        if command.hidden:
            continue
        found.append((prefix, name))
        if hasattr(command, "commands"):  # a group of subcommands
            found += _commands(command, f"{prefix} {name}")
    return found


def test_every_command_is_in_the_readme() -> None:
    root = typer.main.get_command(app)
    missing = []
    for parent, name in _commands(root, "mgcalm"):
        if parent == "mgcalm":
            documented = re.search(rf"mgcalm {re.escape(name)}\b", README)
        else:
            # A subcommand is documented as "mgcalm group sub" or in a "group a|b|c" list.
            group = parent.removeprefix("mgcalm ")
            documented = re.search(
                rf"mgcalm {re.escape(group)} (\S*\|)?{re.escape(name)}\b", README
            )
        if not documented:
            missing.append(f"{parent} {name}")
    assert missing == [], f"undocumented commands: {missing}"


def test_every_setting_is_in_the_readme() -> None:
    missing = [
        f"MGCALM_{name.upper()}"
        for name in Settings.model_fields
        if f"MGCALM_{name.upper()}" not in README
    ]
    assert missing == [], f"undocumented settings: {missing}"


def test_the_readme_names_the_two_commands_that_ci_runs() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "./scripts/run" in README
    assert "./scripts/test" in README and "./scripts/test" in ci
