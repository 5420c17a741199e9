"""The command line starts, names itself and says what it is not."""

from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner

from mgcalm import __version__
from mgcalm.cli.main import app


def test_version_command_prints_package_version() -> None:
    result = CliRunner().invoke(app, ["version"])
    assert result.exit_code == 0
    assert result.output.strip() == __version__


def test_python_dash_m_runs_the_same_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mgcalm", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert "Not medical advice" in " ".join(done.stdout.split())
