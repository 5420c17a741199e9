"""Shared rendering for CLI commands: JSON to stdout, problems to stderr with exit code 2."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any, NoReturn

import typer

EXIT_INVALID = 2


def print_json(data: Any) -> None:
    """Print data as indented UTF-8 JSON (the ``--json`` form of every command)."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def fail(problems: Iterable[object], *, title: str = "Invalid input") -> NoReturn:
    """Report every problem (each rendered with ``str``) and exit with code 2."""
    lines = [f"{title}:"] + [f"  - {p}" for p in problems]
    sys.stderr.write("\n".join(lines) + "\n")
    raise typer.Exit(EXIT_INVALID)
