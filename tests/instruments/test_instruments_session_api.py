"""The answering session's rules, the curated public API, and a light CLI module."""

from __future__ import annotations

import subprocess
import sys

import pytest

import mgcalm.instruments as instruments
from mgcalm.domain import InvalidInputError
from mgcalm.instruments import GAD7, PCL5, PHQ9, REGIONS, respond, start_session


def _reply_all(instrument: instruments.Instrument, replies: list[str]) -> instruments.Progress:
    progress = start_session(instrument)
    for reply in replies:
        progress = respond(progress, reply)
    return progress


def test_answers_accumulate_and_back_undoes_the_last_one() -> None:
    progress = _reply_all(PCL5, ["1", "2", "b", "3"])
    assert progress.answers == (1, 3)
    assert progress.question().number == 3
    assert not progress.done


def test_back_on_the_first_question_stays_there() -> None:
    assert _reply_all(GAD7, ["b", "B", "back"]).answers == ()


def test_invalid_reply_is_a_problem_naming_the_accepted_answers() -> None:
    progress = _reply_all(GAD7, ["1"])
    for bad in ("4", "-1", "x", "", "²"):
        with pytest.raises(InvalidInputError) as info:
            respond(progress, bad)
        (problem,) = info.value.problems
        assert problem.location == "item2"
        assert problem.accepted == "0–3, or b to go back"


def test_difficulty_item_only_when_a_problem_was_checked() -> None:
    assert _reply_all(PHQ9, ["0"] * 9).done
    progress = _reply_all(PHQ9, ["0"] * 8 + ["1"])
    assert not progress.done
    question = progress.question()
    assert question.optional and question.number == 10
    assert question.options[0].label == "Not difficult at all"
    assert respond(progress, "").done  # skipped
    finished = respond(progress, "2")
    assert finished.done and finished.answers[-1] == 2
    assert instruments.score("phq9", finished.answers).total == 1


def test_back_from_the_difficulty_item_returns_to_item_9() -> None:
    progress = _reply_all(PHQ9, ["0"] * 8 + ["1", "b"])
    assert progress.question().number == 9
    assert progress.count == 9  # no problem checked now


def test_public_api_is_curated_and_resolves() -> None:
    names = instruments.__all__
    assert len(names) == len(set(names))
    for name in names:
        assert hasattr(instruments, name), name


def test_every_crisis_resource_can_be_reached_and_named() -> None:
    for resources in REGIONS.values():
        for resource in resources:
            data = resource.to_json()
            assert data["contacts"] and data["last_verified"]
            assert resource.emergency or resource.source_url.startswith("https://")


def test_cli_module_imports_no_core_until_a_command_runs() -> None:
    code = (
        "import sys, mgcalm.cli.instrument_cmds; "
        "print(any(m.startswith('mgcalm.instruments') for m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_meaning_is_never_reassuring_when_item9_is_endorsed() -> None:
    from mgcalm.instruments import meaning, score

    text = meaning(score("phq9", [0] * 8 + [1]))
    assert "none-minimal" in text and "matters whatever the total" in text
    assert "not a diagnosis" in text
    assert "matters whatever" not in meaning(score("phq9", [0] * 9))


def test_pcl5_meaning_places_the_total_against_the_cutpoint_range() -> None:
    from mgcalm.instruments import meaning, score

    assert "32 of 80 is within the 31–33 range" in meaning(score("pcl5", [2] * 16 + [0] * 4))
    assert "past-month form" in meaning(score("pcl5_week", [0] * 20))
