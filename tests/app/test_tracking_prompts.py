"""At a terminal, `mgcalm init` and `mgcalm log` ask for what the flags left out."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pexpect
import pytest


def _spawn(args: list[str], data_dir: Path) -> pexpect.spawn:
    env = {**os.environ, "MGCALM_DATA_DIR": str(data_dir), "COLUMNS": "100"}
    return pexpect.spawn(sys.executable, ["-m", "mgcalm", *args], env=env, encoding="utf-8",
                         timeout=120)  # fmt: skip


@pytest.mark.slow
def test_init_asks_about_conditions_kidneys_medicines_and_supplements(
    mgcalm_data_dir: Path,
) -> None:
    child = _spawn(["init", "--json"], mgcalm_data_dir)
    answers = [("Age in years", "58"), ("Sex", "female"), ("Pregnant", "n"),
               ("Breastfeeding", "n"), ("Kidneys", ""), ("eGFR", "80"), ("Date", "2026-06-01"),
               ("Conditions", "myasthenia_gravis"), ("wake", ""), ("breakfast", "none"),
               ("lunch", ""), ("dinner", ""), (r"Usual bedtime \(HH:MM\)", ""),
               ("Goals", "anxiety"),
               ("Medicines", "alendronic acid"), ("Taken at", "07:00"), ("Medicines", "Zorblax"),
               ("Taken at", ""), ("Medicines", ""), ("Other supplements", "Mag-Ox"),
               ("mg each time", "241"), ("Taken at", "12:00"),
               ("Other supplements", ""), ("Country", "UK")]  # fmt: skip
    for question, answer in answers:
        child.expect(question)
        child.sendline(answer)
        if answer == "alendronic acid":
            child.expect("Recognised: alendronate")
        if answer == "Zorblax":
            child.expect("Not recognised")
    child.expect(pexpect.EOF)
    data = json.loads(child.before[child.before.index("{") :])
    plan = data["plan"]
    assert plan["status"] == "clinician_required"  # myasthenia gravis
    assert any("myasthenia" in r["message"].lower() for r in plan["reasons"])


@pytest.mark.slow
def test_init_and_checkin_by_answering_questions(mgcalm_data_dir: Path) -> None:
    child = _spawn(["init"], mgcalm_data_dir)
    answers = [("Age in years", "41"), ("Sex", "male"), ("Pregnant", "n"), ("Breastfeeding", "n"),
               ("Kidneys", ""), ("eGFR", ""), ("Conditions", ""), ("wake", ""), ("breakfast", ""),
               ("lunch", ""), ("dinner", ""), ("bedtime", "22:30"), ("Goals", "sleep"),
               ("Medicines", ""), ("Other supplements", ""),
               ("Which country are you in", None), ("Country", "UK")]  # fmt: skip
    for question, answer in answers:
        child.expect(question)
        if answer is not None:
            child.sendline(answer)
    child.expect("Ready: person 'me'")
    child.expect(pexpect.EOF)

    child = _spawn(["support", "--json"], mgcalm_data_dir)  # the country answered is used
    child.expect(pexpect.EOF)
    support = json.loads(child.before[child.before.index("{") :])
    assert support["region"] == "UK" and "tel:116123" in child.before

    child = _spawn(["log", "checkin", "--anxiety", "5", "--id", "c1"], data_dir=mgcalm_data_dir)
    for _ in range(6):  # tension … digestion: the first answered, the rest skipped (blank)
        child.expect(r"0–10")
        child.sendline("" if _ else "3")
    child.expect("Saved checkin c1")
    child.expect(pexpect.EOF)

    child = _spawn(["history", "--json"], mgcalm_data_dir)
    child.expect(pexpect.EOF)
    rows = json.loads(child.before[child.before.index("[") :])
    assert rows[0]["anxiety"] == 5 and rows[0]["tension"] == 3 and rows[0]["mood"] is None
