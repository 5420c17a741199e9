"""Every report shows the pre-registered primary outcome, its history, the design and blinding."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest

from mgcalm.evaluation import Observation, outcome_for
from mgcalm.evaluation.blinding import BlindingGuess
from mgcalm.evaluation.crossover import RandomisedDesign, magnesium_first
from mgcalm.evaluation.example import example_report_input
from mgcalm.evaluation.registration import OutcomeChoice, Registration
from mgcalm.evaluation.report import build_report
from mgcalm.evaluation.report_clinician import clinician_document
from mgcalm.evaluation.report_html import render_html
from mgcalm.evaluation.report_input import OutcomeSeries, ReportInput
from mgcalm.evaluation.report_json import report_json
from mgcalm.evaluation.report_pdf import render_pdf
from mgcalm.evaluation.report_view import Document, person_document
from mgcalm.evaluation.schedule import Schedule
from mgcalm.evaluation.simulate import ar1_noise

START = date(2026, 9, 1)


def _text(doc: Document) -> str:
    return " ".join(p for s in doc.sections for p in s.paragraphs)


def _switched() -> ReportInput:
    base = example_report_input(START)
    history = (
        OutcomeChoice("anxiety", START - timedelta(days=3)),
        OutcomeChoice("sleep_quality", START + timedelta(days=80), "sleep matters more", True),
    )
    return dataclasses.replace(
        base, registration=dataclasses.replace(base.registration, history=history)
    )


def test_a_late_switch_of_primary_outcome_shows_in_every_report(tmp_path: Path) -> None:
    report = build_report(_switched())
    change = "Changed to sleep quality on 2026-11-20 (after the trial started)"
    person, clinician = person_document(report), clinician_document(report, chart=False)
    for doc in (person, clinician):
        assert change in _text(doc) and "Reason: sleep matters more" in _text(doc)
    assert any("after the trial started (reason: sleep matters more)" in f for f in report.flags)
    data = report_json(report)["primary_outcome"]
    assert data["outcome"] == "sleep_quality" and data["changed_after_start"] is True
    assert [h["outcome"] for h in data["history"]] == ["anxiety", "sleep_quality"]
    assert data["history"][1] == {
        "outcome": "sleep_quality",
        "chosen_on": "2026-11-20",
        "reason": "sleep matters more",
        "after_start": True,
    }
    assert change in render_html(person)
    # The verdict follows the current primary outcome; anxiety becomes exploratory.
    verdicts = {r.outcome.name: r.effect.verdict for r in report.outcomes if r.effect}
    assert verdicts["anxiety"] == "exploratory" and verdicts["sleep_quality"] != "exploratory"
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) missing")
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(render_pdf(clinician))
    out = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    assert "Changed to sleep quality on 2026-11-20" in " ".join(out.split())


def test_before_the_planned_end_the_primary_outcome_is_interim() -> None:
    base = example_report_input(START)
    early = dataclasses.replace(base, generated_on=base.design.end - timedelta(days=1))
    report = build_report(early)
    primary = next(r for r in report.outcomes if r.primary)
    assert primary.effect is not None and primary.effect.verdict == "interim"
    assert primary.effect.to_dict()["verdict"] == "interim — not a verdict"
    assert any(f.startswith("Interim: the trial runs until") for f in report.flags)


def _blinded(sealed: bool, seed: int = 11) -> ReportInput:
    design = RandomisedDesign(START, seed=seed, pairs=2, period_days=28, blinded=True)
    periods = design.periods()
    rng = np.random.default_rng(5)
    noise = ar1_noise(rng, design.duration_days, 0.4, 1.2)
    observations = []
    for p in periods:
        for i in range(p.days):
            day = p.start + timedelta(days=i)
            shift = -1.5 if p.condition == "magnesium" else 0.0
            observations.append(
                Observation(day, p.condition, 6 + noise[(day - START).days] + shift)
            )
    guesses = tuple(
        BlindingGuess(k, "magnesium" if p.condition == "magnesium" else "placebo", p.end)
        for k, p in enumerate((p for p in periods if p.pair), start=1)
    )
    registration = Registration(
        history=(OutcomeChoice("anxiety", START),),
        design="randomised_pairs",
        blinded=True,
        unblinded_on=None if sealed else design.end + timedelta(days=1),
        seed=None if sealed else design.seed,
        seal="ab" * 32,
        planned_end=design.end,
    )
    return ReportInput(
        generated_on=design.end + timedelta(days=1),
        person=example_report_input(START).person,
        design=Schedule.of(periods, sealed=sealed),
        series=() if sealed else (OutcomeSeries(outcome_for("anxiety"), tuple(observations)),),
        registration=registration,
        guesses=guesses,
    )


def _everything(report_input: ReportInput) -> str:
    report = build_report(report_input)
    return (
        json.dumps(report_json(report))
        + _text(person_document(report))
        + _text(clinician_document(report, chart=False))
    )


def test_a_sealed_trial_shows_no_allocation_anywhere() -> None:
    """Two sealed trials whose allocations differ give exactly the same reports."""
    other = next(s for s in range(12, 200) if magnesium_first(s, 2) != magnesium_first(11, 2))
    one, two = _everything(_blinded(True)), _everything(_blinded(True, seed=other))
    assert one == two
    report = build_report(_blinded(sealed=True))
    assert report_json(report)["blinding"]["status"] == "blinded"
    # Guesses are counted, but whether they were right is not known before unblinding.
    assert report.blinding is not None and report.blinding.chance_probability is None
    assert "4 guess(es) recorded" in report.blinding.message
    assert {p["phase"] for p in report_json(report)["design"]["phases"]} == {"baseline", "period"}


def test_after_unblinding_the_blinding_check_is_reported() -> None:
    report = build_report(_blinded(sealed=False))
    assert report.blinding is not None
    assert (report.blinding.guessed, report.blinding.correct) == (4, 4)
    # Four right out of four happens by chance one time in sixteen: not yet a broken blinding.
    assert report.blinding.chance_probability == pytest.approx(1 / 16)
    assert "guessed 4 of 4 periods right" in _text(person_document(report))
    data = report_json(report)
    assert data["blinding"]["status"].startswith("blinded, unblinded on")
    assert data["design"]["seed"] == 11
    assert data["outcomes"][0]["effect"]["verdict_code"] == "likely_helped"
