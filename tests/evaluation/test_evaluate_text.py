"""``mgcalm evaluate`` in words carries what the README promises: the probability of improvement."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mgcalm.cli.evaluation_views import _percent
from mgcalm.cli.main import app

from .test_evaluate_cli import write_series


@pytest.mark.parametrize("shift", [-1.5, 0.0, 1.0])
def test_text_gives_the_probabilities_of_the_json(tmp_path: Path, shift: float) -> None:
    csv = str(write_series(tmp_path / "anxiety.csv", shift=shift))
    data = json.loads(CliRunner().invoke(app, ["evaluate", csv, "--json"]).stdout)
    text = CliRunner().invoke(app, ["evaluate", csv]).stdout
    assert data["summary"] in text
    improved = _percent(data["probability_of_improvement"])
    assert f"Probability that magnesium improved anxiety: {improved}." in text
    meaningful = _percent(data["probability_of_meaningful_improvement"])
    assert f"Probability of an improvement of at least 1 point: {meaningful}." in text
    days = ", ".join(f"{phase} {count}" for phase, count in data["n"].items())
    assert f"Days analysed: {days}." in text and data["n"]["baseline"] > 0


def test_probabilities_are_never_shown_as_certain() -> None:
    assert (_percent(0.999), _percent(0.0004), _percent(0.5), _percent(0.974)) == (
        "above 99 %",
        "below 1 %",
        "50 %",
        "97 %",
    )
