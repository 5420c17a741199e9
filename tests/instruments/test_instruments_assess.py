"""`mgcalm assess` in a real terminal: one item at a time, going back, item 9 and saving."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import Any

import pexpect
import pytest

from mgcalm.app import open_app
from mgcalm.domain.profile_parse import parse_profile_toml

PROFILE = """
[person]
age = 40
sex = "male"

[day]
wake = "07:00"
breakfast = "07:30"
lunch = "12:30"
dinner = "18:30"
bedtime = "23:00"
"""


@pytest.fixture
def person() -> str:
    profile, problems = parse_profile_toml(PROFILE)
    assert profile is not None, problems
    app = open_app()
    try:
        return app.create_person(profile, person_id="me").id
    finally:
        app.close()


@pytest.fixture
def terminal() -> Iterator[Any]:
    def spawn(*args: str) -> pexpect.spawn:
        env = {**os.environ, "MGCALM_REGION": "US", "COLUMNS": "200"}
        command = ["-m", "mgcalm", "assess", *args]
        child = pexpect.spawn(sys.executable, command, env=env, encoding="utf-8", timeout=120)
        children.append(child)
        return child

    children: list[pexpect.spawn] = []
    yield spawn
    for child in children:
        child.close(force=True)


def _saved() -> list[Any]:
    app = open_app()
    try:
        return [s.entry for s in app.history("me", kinds=["questionnaire"])]
    finally:
        app.close()


def test_phq9_with_going_back_and_item9_shows_support_then_saves(
    person: str, terminal: Any
) -> None:
    child = terminal("phq9")
    child.expect("question 1 of 9")
    child.expect("Answer 0–3")
    child.sendline("3")
    child.expect("question 2 of 9")  # the count stays the scored items' (the web's too)
    child.sendline("b")
    child.expect("question 1 of 9")  # back to item 1, whose answer is undone
    child.sendline("1")
    child.expect("question 2 of")
    child.sendline("7")
    child.expect("not an answer; please type 0–3")
    child.sendline("2")
    for number in range(3, 9):
        child.expect(f"question {number} of")
        child.sendline("0")
    child.expect("question 9 of 9")
    child.expect("better off dead")
    child.sendline("1")
    # Support appears at once, before the questionnaire goes on.
    child.expect("Crisis resources \\(US\\)")
    child.expect("Call 988")
    child.expect("one last, optional question \\(not scored\\)")
    child.sendline("")  # skip the difficulty question
    child.expect("PHQ-9 total: 4 of 27 \\(none-minimal\\)")
    child.expect("Crisis resources")
    child.expect("Saved PHQ-9")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    (entry,) = _saved()
    assert entry.instrument == "phq9"
    assert tuple(entry.answers) == (1, 2, 0, 0, 0, 0, 0, 0, 1)
    assert entry.score["flags"] == ["suicidal_ideation"]


def test_gad7_counts_seven_then_names_the_optional_question(person: str, terminal: Any) -> None:
    child = terminal("gad7")
    for number in range(1, 8):
        child.expect(f"GAD-7 · question {number} of 7\r?\n")  # never "2 of 8"
        child.sendline("1")
    child.expect("GAD-7 · one last, optional question \\(not scored\\)")
    child.sendline("")
    child.expect("GAD-7 total: 7 of 21")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_gad7_all_zero_skips_the_difficulty_item(person: str, terminal: Any) -> None:
    child = terminal("gad7")
    for number in range(1, 8):
        child.expect(f"question {number} of 7")
        child.sendline("0")
    child.expect("GAD-7 total: 0 of 21 \\(minimal\\)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert [e.score["total"] for e in _saved()] == [0]


def test_quitting_saves_nothing(person: str, terminal: Any) -> None:
    child = terminal("pcl5")
    child.expect("In the past month, how much were you bothered by:")
    child.sendline("2")
    child.expect("question 2 of 20")
    child.sendline("q")
    child.expect("Nothing was saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert _saved() == []


def test_without_a_person_it_says_what_to_do_before_asking(terminal: Any) -> None:
    child = terminal("gad7")
    child.expect("mgcalm init")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    assert "question 1" not in (child.before or "")


def test_sharp_worsening_since_last_time_prompts_clinician_and_support(
    person: str, terminal: Any
) -> None:
    app = open_app()
    try:
        app.record_questionnaire(person, "gad7", [0] * 7, app.today())
    finally:
        app.close()
    child = terminal("gad7")
    for answer in ("1", "1", "1", "1", "0", "0", "0"):
        child.expect("Answer 0–3")
        child.sendline(answer)
    child.expect("optional question \\(not scored\\)")
    child.sendline("s")
    child.expect("Since last time: Your score is 4 points higher \\(worse\\)")
    child.expect("rose from 0 to 4")
    child.expect("contact your clinician")
    child.expect("Crisis resources \\(US\\)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert [e.score["total"] for e in _saved()] == [0, 4]
