"""`mgcalm trial step-up`: after a step-down, going back up one step is a command away."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from typer.testing import CliRunner

from mgcalm.app import open_app
from mgcalm.app.safety.step_down import step_down_if_needed
from mgcalm.cli.main import app

PROFILE = Path(__file__).with_name("profile_minimal.toml").read_text(encoding="utf-8")


def test_step_up_after_a_step_down(tmp_path: Path) -> None:
    profile = tmp_path / "profile.toml"
    profile.write_text(PROFILE)
    assert CliRunner().invoke(app, ["init", "--profile", str(profile)]).exit_code == 0
    refused = CliRunner().invoke(app, ["trial", "step-up"])
    assert refused.exit_code == 2 and "not stepped down" in refused.stderr
    services = open_app()
    try:
        full = services.active_plan("me").daily_elemental_mg
        today = services.today()
        for day in (today - timedelta(days=1), today):
            services.log("me", "side_effect", {"day": day, "bristol_type": 6})
            step_down_if_needed(services, "me", day)
        lowered = services.active_plan("me").daily_elemental_mg
    finally:
        services.close()
    assert lowered < full
    result = CliRunner().invoke(app, ["trial", "step-up", "--json"])
    assert result.exit_code == 0, result.stderr
    change = json.loads(result.stdout)
    assert change["from_mg_per_day"] == lowered < change["to_mg_per_day"] <= full
