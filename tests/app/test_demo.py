"""The demo person tells a plain, non-crisis story, and ``mgcalm demo seed --weeks N`` writes it.

Opening the demo must not greet a newcomer with a crisis banner: no questionnaire carries a
safety flag, no check-in reaches the distress that calls for support, and no score worsens
enough to count as a reliable worsening.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mgcalm.app import Settings, open_app
from mgcalm.app.demo import DEMO_ID, STORY, seed
from mgcalm.app.safety.flow import active_alerts
from mgcalm.cli.main import app as cli
from mgcalm.domain.entries import CheckIn, QuestionnaireResponse
from mgcalm.instruments import check_score, reliable_change, score

TODAY = date(2026, 11, 26)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("demo")
    services = open_app(
        Settings(data_dir=folder), clock=lambda: datetime(2026, 11, 26, 9, tzinfo=UTC)
    )
    seed(services, TODAY)
    yield services
    services.close()


def test_no_alert_is_active_on_opening_the_demo(demo: Any) -> None:
    found = active_alerts(demo, DEMO_ID, TODAY)
    assert [a.code for a in found.alerts] == [] and not found.crisis_resources


def test_the_questionnaires_raise_no_flag_and_no_worsening(demo: Any) -> None:
    stored = [s.entry for s in demo.history(DEMO_ID, kinds=["questionnaire"])]
    assert {e.instrument for e in stored if isinstance(e, QuestionnaireResponse)} == set(STORY)
    last: dict[str, int] = {}
    for entry in stored:
        assert isinstance(entry, QuestionnaireResponse)
        result = score(entry.instrument, entry.answers)
        assert set(result.flags) <= {"probable_ptsd_range"}, (entry.id, result.flags)
        assert check_score(result) == ()
        if entry.instrument in last:
            change = reliable_change(entry.instrument, last[entry.instrument], result.total)
            assert change.direction != "worsened", entry.id
        last[entry.instrument] = result.total


def test_the_story_eases_but_stays_plausible() -> None:
    totals = {name: [sum(answers) for answers in stages] for name, stages in STORY.items()}
    assert totals == {"pcl5": [41, 34, 29], "gad7": [13, 11, 9], "phq9": [11, 9, 7]}
    assert all(answers[8] == 0 for answers in STORY["phq9"])  # no thoughts of self-harm
    assert all(answers[15] < 3 for answers in STORY["pcl5"])  # no risk-taking flag


def test_check_ins_never_reach_crisis_distress(demo: Any) -> None:
    ratings = [s.entry for s in demo.history(DEMO_ID, kinds=["checkin"])]
    assert ratings and all(isinstance(c, CheckIn) and not c.crisis for c in ratings)
    assert max(c.anxiety or 0 for c in ratings if isinstance(c, CheckIn)) <= 8


def test_demo_seed_writes_three_years_into_the_data_dir(mgcalm_data_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["demo", "seed", "--weeks", "156", "--json"])
    assert result.exit_code == 0, result.stderr
    seeded = json.loads(result.stdout)
    assert (seeded["person_id"], seeded["weeks"]) == (DEMO_ID, 156)
    assert seeded["where"] == str(mgcalm_data_dir)
    services = open_app(Settings(data_dir=mgcalm_data_dir))
    try:
        days = {s.entry.day for s in services.history(DEMO_ID, kinds=["checkin", "sleep"])}
        phases = [p.phase for p in services.trial(DEMO_ID).phases]
    finally:
        services.close()
    assert seeded["entries"] > 156 * 7 * 3  # check-in, sleep, doses, foods… most days
    assert len(days) == 156 * 7
    assert phases == ["baseline", "titration", "maintenance"]
    again = CliRunner().invoke(cli, ["demo", "seed", "--weeks", "2"])
    assert again.exit_code == 2 and "'demo-alex' is already in" in again.stderr


@pytest.mark.parametrize("weeks", ["0", "521"])
def test_demo_seed_names_the_accepted_weeks(weeks: str) -> None:
    result = CliRunner().invoke(cli, ["demo", "seed", "--weeks", weeks])
    assert result.exit_code == 2 and "weeks" in result.stderr and "1–520" in result.stderr


def test_a_short_demo_is_still_in_its_baseline(mgcalm_data_dir: Path) -> None:
    assert CliRunner().invoke(cli, ["demo", "seed", "--weeks", "1"]).exit_code == 0
    services = open_app(Settings(data_dir=mgcalm_data_dir))
    try:
        (phase,) = services.trial(DEMO_ID).phases
        doses = services.history(DEMO_ID, kinds=["dose"])
    finally:
        services.close()
    assert (phase.phase, phase.end, doses) == ("baseline", None, [])
