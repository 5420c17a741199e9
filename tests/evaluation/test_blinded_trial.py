"""A stored blinded trial: registration, guesses, the recorded unblinding, the helper sheet."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from tests.evaluation.trial_store import Clock, blinded_trial, open_person
from typer.testing import CliRunner

from mgcalm.app.trial.blinding import helper_sheet, record_guess, unblind
from mgcalm.app.trial.registration import RegistrationRequest, register
from mgcalm.app.trial.reports import stored_report_input
from mgcalm.cli.main import app as cli
from mgcalm.domain import InvalidInputError
from mgcalm.evaluation.crossover import RandomisedDesign
from mgcalm.evaluation.report import build_report
from mgcalm.evaluation.report_json import report_json
from mgcalm.evaluation.report_view import person_document

START = date(2026, 3, 2)
END = START + timedelta(days=14 + 4 * 28 - 1)
SEED = 4242


def _effect_values(seed: int) -> Any:
    """Anxiety two points lower in the magnesium periods of ``seed``'s schedule."""
    periods = RandomisedDesign(START, seed, 2, 28, True).periods()

    def value(day: date) -> int:
        condition = next(p.condition for p in periods if p.start <= day <= p.end)
        return (5 if condition != "magnesium" else 3) + (day.toordinal() % 3) - 1

    return value


@pytest.fixture
def trial(mgcalm_data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Clock]:
    app, clock = blinded_trial(
        mgcalm_data_dir, START, SEED, monkeypatch, values=_effect_values(SEED)
    )
    yield app, clock
    app.close()


def test_registration_writes_numbered_periods_and_a_seal(trial: tuple[Any, Clock]) -> None:
    app, _ = trial
    state = app.trial("me")
    assert [p.phase for p in state.phases] == ["baseline"] + ["period"] * 4
    assert state.sealed and state.randomised
    reg = state.to_json()["registration"]
    assert reg["blinding"] == "blinded" and reg["planned_end"] == END.isoformat()
    assert len(reg["seal"]) == 64
    assert "seed" not in json.dumps(reg)  # the seed is part of the seal, never shown
    with pytest.raises(InvalidInputError, match="registered schedule"):
        app.start_phase("me", {"phase": "withdrawal", "start": START + timedelta(days=20)})
    with pytest.raises(InvalidInputError, match="already registered"):
        register(app, "me", RegistrationRequest(outcome="anxiety"))


def test_a_sealed_report_has_no_effects_and_says_why(trial: tuple[Any, Clock]) -> None:
    app, clock = trial
    clock.set(END + timedelta(days=1))
    report = build_report(stored_report_input(app, "me"))
    assert all(r.effect is None for r in report.outcomes)
    assert "unblind" in report.outcomes[0].not_estimated[0]
    assert report_json(report)["blinding"]["status"] == "blinded"


def test_unblinding_is_one_recorded_step_at_the_end(trial: tuple[Any, Clock]) -> None:
    app, clock = trial
    clock.set(START + timedelta(days=60))
    record_guess(app, "me", "magnesium", 1)
    with pytest.raises(InvalidInputError, match="runs until"):
        unblind(app, "me")
    with pytest.raises(InvalidInputError, match="--early with --reason"):
        unblind(app, "me", early=True)
    clock.set(END)
    for number, period in enumerate((p for p in app.trial("me").phases if p.phase == "period"), 1):
        if number > 1:
            condition = "magnesium" if _effect_values(SEED)(period.start) < 5 else "placebo"
            record_guess(app, "me", condition if number != 4 else "unsure", number)
    revealed = unblind(app, "me")
    expected = [p.condition for p in RandomisedDesign(START, SEED, 2, 28, True).periods()[1:]]
    assert list(revealed.conditions) == expected
    assert revealed.day == END and revealed.reason == "the trial reached its planned end"
    assert unblind(app, "me").day == END  # repeating it changes nothing
    with pytest.raises(InvalidInputError, match="already unblinded"):
        record_guess(app, "me", "placebo", 4)
    report = build_report(stored_report_input(app, "me"))
    primary = next(r for r in report.outcomes if r.primary)
    assert primary.effect is not None and primary.effect.verdict == "likely_helped"
    assert primary.effect.person.switches >= 2
    data = report_json(report)
    assert data["blinding"]["status"] == f"blinded, unblinded on {END.isoformat()}"
    assert data["design"]["seed"] == SEED
    check = data["blinding"]["check"]
    assert (check["guessed"], check["unsure"]) == (3, 1)
    text = " ".join(p for s in person_document(report).sections for p in s.paragraphs)
    assert "Blinding check: You guessed" in text


def test_early_unblinding_needs_a_reason_and_keeps_it(trial: tuple[Any, Clock]) -> None:
    app, clock = trial
    clock.set(START + timedelta(days=40))
    revealed = unblind(app, "me", early=True, reason="diarrhoea every day")
    assert revealed.reason == "diarrhoea every day"
    assert app.trial("me").unblinded_on == START + timedelta(days=40)


def test_the_helper_sheet_lists_every_week_and_the_seed(trial: tuple[Any, Clock]) -> None:
    app, _ = trial
    doc = helper_sheet(app, "me")
    rows = next(s for s in doc.sections if s.tables).tables[0].rows
    assert rows[0][1] == (START + timedelta(days=14)).isoformat()
    assert sum(int(r[3]) for r in rows) == 4 * 28  # every capsule day, once
    fills = [r[4] for r in rows]
    assert fills.count("M — magnesium") + fills.count("P — placebo") == len(rows)
    expected = RandomisedDesign(START, SEED, 2, 28, True).periods()[1:]
    first_week = {p.condition for p in expected if p.start <= START + timedelta(days=20)}
    assert fills[0].startswith("M" if "magnesium" in first_week else "P")
    text = " ".join(p for s in doc.sections for p in s.paragraphs)
    assert f"Seed: {SEED}" in text and "microcrystalline cellulose" in text
    assert "do not show this sheet" in doc.sections[0].heading


def test_guesses_and_registration_survive_an_export_but_the_allocation_does_not(
    trial: tuple[Any, Clock], tmp_path: Path
) -> None:
    app, clock = trial
    clock.set(START + timedelta(days=30))
    record_guess(app, "me", "placebo")
    document = app.export()
    person = document["people"][0]
    assert person["trial_allocation"] is None  # sealed: not in the person's own file
    assert person["blinding_guesses"][0]["guess"] == "placebo"
    other = Clock()
    other.set(END + timedelta(days=2))
    fresh = open_person(tmp_path / "other", other)
    fresh.delete_all()
    fresh.import_document(document)
    assert fresh.import_document(document).added == 0  # a second import changes nothing
    state = fresh.trial("me")
    assert state.sealed and state.registration.seal == app.trial("me").registration.seal
    with pytest.raises(InvalidInputError, match="helper sheet's seed"):
        unblind(fresh, "me")
    with pytest.raises(InvalidInputError, match="does not match the registered seal"):
        unblind(fresh, "me", seed=SEED + 1)
    revealed = unblind(fresh, "me", seed=SEED)
    assert revealed.seed == SEED
    assert fresh.export()["people"][0]["trial_allocation"]["seed"] == SEED  # now it may travel
    fresh.close()


def test_cli_register_refuses_what_cannot_run(mgcalm_data_dir: Path) -> None:
    clock = Clock()
    clock.set(date.today())
    open_person(mgcalm_data_dir, clock).close()
    runner = CliRunner()
    cases = [
        (["--outcome", "anxiety", "--randomised", "--blinded", "--seed", "3"], "--seed"),
        (["--outcome", "anxiety", "--randomised", "--period-days", "14"], "--period-days"),
        (["--randomised", "--pairs", "6", "--period-days", "35"], "longer than 365"),
        (["--outcome", "anxiety", "--blinded"], "--randomised --blinded"),
        (["--outcome", "happiness"], "unknown outcome 'happiness'"),
        (["--randomised"], "no primary outcome chosen yet"),
    ]
    for extra, fragment in cases:
        result = runner.invoke(cli, ["trial", "register", *extra])
        assert result.exit_code == 2, (extra, result.output)
        assert fragment in result.stderr and "Traceback" not in result.output
    done = runner.invoke(cli, ["trial", "register", "--outcome", "anxiety", "--randomised",
                               "--pairs", "2", "--json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    reg = json.loads(done.stdout)["registration"]
    assert reg["design"] == "randomised_pairs" and reg["open_label"] is True
    show = runner.invoke(cli, ["trial", "show"]).stdout
    assert "randomised pairs, open-label" in show
    sheet = runner.invoke(cli, ["trial", "helper-sheet", "--pdf", "x.pdf"])
    assert sheet.exit_code == 2 and "is not a blinded trial" in sheet.stderr


def test_the_quick_design_registers_itself_on_the_first_magnesium_day(
    mgcalm_data_dir: Path,
) -> None:
    clock = Clock()
    clock.set(START)
    app = open_person(mgcalm_data_dir, clock)
    app.choose_outcome("me", "sleep_quality")
    app.start_phase("me", {"phase": "baseline", "start": START})
    assert app.trial("me").registration is None
    app.start_phase("me", {"phase": "titration", "start": START + timedelta(days=14)})
    reg = app.trial("me").registration
    assert reg.design == "quick" and reg.primary_outcome == "sleep_quality"
    assert reg.registered_on == START + timedelta(days=14)
    assert reg.planned_end == START + timedelta(days=97)
    app.close()
