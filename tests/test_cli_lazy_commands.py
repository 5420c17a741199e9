"""The command table: every command is listed without importing it, and built only when used.

Each check runs in a fresh interpreter, so what one command imported cannot hide what another
would import, and registering every module (which adds subcommands to shared groups) does not
change the groups this test process uses.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).parents[1] / "examples"
ALL_MODULES = (
    "plan_cmds",
    "knowledge_cmds",
    "instrument_cmds",
    "foods_cmds",
    "tracking_cmds",
    "wearables_cmds",
    "safety_cmds",
    "evaluation_cmds",
    "interop_cmds",
    "serve_cmds",
    "demo_cmds",
    "clinic_cmds",
)


def _python(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_table_lists_what_registering_every_module_builds_in_the_same_order() -> None:
    eager = json.loads(
        _python(
            "import importlib, json, typer\n"
            "from mgcalm.cli.main import main\n"
            "app = typer.Typer()\n"
            "app.callback()(main)\n"
            f"for name in {ALL_MODULES!r}:\n"
            "    importlib.import_module(f'mgcalm.cli.{name}').register(app)\n"
            "    if name == 'serve_cmds':\n"
            "        app.command()(importlib.import_module('mgcalm.cli.main').version)\n"
            "group = typer.main.get_group(app)\n"
            "print(json.dumps({n: sorted(getattr(c, 'commands', {})) "
            "for n, c in group.commands.items()}))\n"
        )
    )
    lazy = json.loads(
        _python(
            "import json, typer\n"
            "from mgcalm.cli.main import app\n"
            "group = typer.main.get_command(app)\n"
            "print(json.dumps({n: sorted(getattr(c, 'commands', {})) "
            "for n, c in group.commands.items()}))\n"
        )
    )
    assert list(lazy) == list(eager)
    assert lazy == eager  # and every group has the same subcommands


@pytest.mark.parametrize(
    ("args", "needed"),
    [
        (["plan", str(EXAMPLES / "profile.toml"), "--json"], {"plan_cmds"}),
        (["foods", "search", "almonds", "--json"], {"foods_cmds"}),
        (["support"], {"instrument_cmds"}),
    ],
)
def test_a_command_imports_only_its_own_modules(args: list[str], needed: set[str]) -> None:
    loaded = json.loads(
        _python(
            "import json, sys\n"
            "from typer.testing import CliRunner\n"
            "from mgcalm.cli.main import app\n"
            f"result = CliRunner().invoke(app, {args!r})\n"
            "assert result.exit_code == 0, result.output\n"
            "print(json.dumps(sorted(m.rsplit('.', 1)[1] for m in sys.modules "
            "if m.startswith('mgcalm.cli.') and m.endswith('_cmds'))))\n"
        )
    )
    assert set(loaded) == needed


def test_a_mistyped_command_is_answered_with_the_closest_names() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mgcalm", "tria"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert "Did you mean 'trial'?" in done.stderr


def test_plan_as_json_loads_none_of_the_heavy_libraries_it_does_not_use() -> None:
    """The start-up budget of ``plan --json`` (docs/benchmarks.md), guarded without a clock."""
    loaded = json.loads(
        _python(
            "import json, sys\n"
            "from typer.testing import CliRunner\n"
            "from mgcalm.cli.main import app\n"
            f"args = ['plan', {str(EXAMPLES / 'profile.toml')!r}, '--json']\n"
            "result = CliRunner().invoke(app, args)\n"
            "assert result.exit_code == 0, result.output\n"
            "print(json.dumps(sorted(sys.modules)))\n"
        )
    )
    heavy = {"pydantic", "rich.console", "rapidfuzz", "molmass", "sqlalchemy", "numpy", "tomllib"}
    assert heavy & set(loaded) == {"tomllib"}  # the profile itself is TOML
    assert "mgcalm.knowledge.sources" not in loaded  # the snapshot, not the data files
