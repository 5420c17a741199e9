"""Wearable measures as trial outcomes: the primary outcome, Progress, both reports, CSV, FHIR.

A person keeps a baseline from 1 October 2026 and takes magnesium from 29 October; their ring's
export (Oura's API v2 shape, made here) has a resting heart rate about 4 beats/min lower on
magnesium, with day-to-day noise from a fixed seed.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from mgcalm.app.exports import fhir, tidy_csv
from mgcalm.app.tracking import wearables
from mgcalm.app.trial.reports import stored_report_input
from mgcalm.app.views.progress import progress_view
from mgcalm.domain.profile_parse import parse_profile_toml
from mgcalm.evaluation.report import build_report
from mgcalm.evaluation.report_clinician import clinician_document
from mgcalm.evaluation.report_view import person_document
from mgcalm.interop.fhir_bundle import bundle_problems

PROFILE = Path(__file__).parents[1] / "app" / "profile_minimal.toml"
BASELINE, MAGNESIUM, TODAY = date(2026, 10, 1), date(2026, 10, 29), date(2026, 11, 26)


def _ring_export(path: Path) -> Path:
    noise = random.Random(20)
    periods = []
    day = BASELINE
    while day <= TODAY:
        lower = 4 if day >= MAGNESIUM else 0
        periods.append(
            {
                "type": "long_sleep",
                "bedtime_start": f"{day - timedelta(days=1)}T23:00:00+01:00",
                "bedtime_end": f"{day}T07:00:00+01:00",
                "total_sleep_duration": 25200 + noise.randint(-1800, 1800),
                "time_in_bed": 28800,
                "lowest_heart_rate": 60 - lower + noise.randint(-2, 2),
                "average_hrv": 40 + lower + noise.randint(-3, 3),
            }
        )
        day += timedelta(days=1)
    path.write_text(json.dumps({"data": periods}))
    return path


@pytest.fixture
def trial(mgcalm_app: Any, tmp_path: Path) -> Any:
    profile, _ = parse_profile_toml(PROFILE.read_text(encoding="utf-8"))
    mgcalm_app.create_person(profile, person_id="me")
    mgcalm_app.choose_outcome("me", "resting_heart_rate", today=BASELINE - timedelta(days=1))
    mgcalm_app.start_phase("me", {"id": "b", "phase": "baseline", "start": BASELINE})
    mgcalm_app.start_phase("me", {"id": "m", "phase": "maintenance", "start": MAGNESIUM})
    wearables.import_wearables(mgcalm_app, "me", _ring_export(tmp_path / "oura.json"), tz="UTC")
    return mgcalm_app


def test_resting_heart_rate_is_the_primary_outcome_in_the_report(trial: Any) -> None:
    report = build_report(stored_report_input(trial, "me", TODAY))
    first = report.outcomes[0]
    assert first.outcome.name == "resting_heart_rate"
    assert first.outcome.threshold == 1.5 and not first.outcome.higher_is_better
    assert first.effect is not None
    assert first.effect.ci95[1] < 0  # about 4 beats/min lower, and the interval says so
    names = {r.outcome.name for r in report.outcomes}
    assert {"sleep_minutes", "device_sleep_efficiency", "hrv_rmssd"} <= names


def test_both_reports_cite_the_worthwhile_changes(trial: Any) -> None:
    report = build_report(stored_report_input(trial, "me", TODAY))
    for document in (person_document(report), clinician_document(report, chart=False)):
        text = " ".join(line for s in document.sections for line in s.paragraphs)
        assert "Resting heart rate (your wearable): a worthwhile change is 1.5 beats/min" in text
        assert "Quer" in text and "Sateia" in text and "doi:10.1371/journal.pone.0227709" in text


def test_progress_shows_the_wearable_series_with_effects(trial: Any) -> None:
    view = progress_view(trial, "me")
    shown = {w["id"]: w for w in view["wearables"]}
    assert list(shown) == [
        "sleep_minutes",
        "device_sleep_efficiency",
        "resting_heart_rate",
        "hrv_rmssd",
    ]
    rhr = shown["resting_heart_rate"]
    assert rhr["effect"]["ready"] and rhr["effect"]["effect"]["estimate"] < -2
    assert rhr["threshold"] == "1.5 beats/min" and "Quer et al. 2020" in rhr["threshold_basis"]
    assert {p["phase"] for p in rhr["points"]} == {"baseline", "maintenance"}


def test_tidy_csv_rows_carry_unit_and_phase(trial: Any) -> None:
    points = tidy_csv.series_points(trial, "me")
    rhr = [p for p in points if p.measure == "resting_heart_rate"]
    assert len(rhr) == (TODAY - BASELINE).days + 1
    assert {(p.unit, p.phase) for p in rhr if p.date == BASELINE} == {("/min", "baseline")}
    assert {p.phase for p in rhr if p.date == MAGNESIUM} == {"maintenance"}
    assert any(p.measure == "device_sleep_efficiency" and p.unit == "%" for p in points)


def test_fhir_observations_use_loinc_where_it_exists(trial: Any) -> None:
    bundle = fhir.clinician_bundle(trial, "me")
    assert bundle_problems(bundle) == []
    observations = [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Observation"
    ]

    def codes(measure: str) -> list[dict[str, Any]]:
        found = [
            o
            for o in observations
            if {"system": "urn:mgcalm:measure", "code": measure} in o["code"]["coding"]
        ]
        assert found, measure
        return found

    rhr = codes("resting_heart_rate")[0]
    assert rhr["code"]["coding"][0] == {
        "system": "http://loinc.org",
        "code": "40443-4",
        "display": "Heart rate --resting",
    }
    assert rhr["category"][0]["coding"][0]["code"] == "vital-signs"
    assert rhr["valueQuantity"]["code"] == "/min"
    assert codes("sleep_minutes")[0]["code"]["coding"][0]["code"] == "93832-4"
    rmssd = codes("hrv_rmssd")[0]
    assert all(c["system"] != "http://loinc.org" for c in rmssd["code"]["coding"])
    assert any("No LOINC code" in n["text"] for n in rmssd["note"])
