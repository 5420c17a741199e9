"""``mgcalm score`` names each problem once, whichever way the answers were wrong."""

from __future__ import annotations

from collections import Counter

import pytest
from typer.testing import CliRunner

from mgcalm.cli.main import app


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ("1,2,9", 2),  # too few answers, and one out of range
        ("1,x,9", 3),  # a word as well
        ("0,0,0,0,0,0,0,0,0,0", 1),  # too many
    ],
)
def test_each_problem_is_printed_once(answers: str, expected: int) -> None:
    result = CliRunner().invoke(app, ["score", "gad7", "--answers", answers])
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.startswith("  - ")]
    assert len(lines) == expected, result.stderr
    assert max(Counter(lines).values()) == 1
