"""Entries → tidy points, and questionnaire days ahead for the calendar."""

from __future__ import annotations

from datetime import date, timedelta

from mgcalm.domain.entries import parse_entry
from mgcalm.interop.entry_series import entry_points
from mgcalm.interop.questionnaire_days import questionnaire_days
from mgcalm.interop.series import SeriesPoint

DAY = date(2026, 11, 20)


def phase_of(day: date) -> str:
    return "baseline" if day < DAY else "titration"


def test_doses_are_summed_per_day_and_missed_doses_add_nothing() -> None:
    entries = [
        parse_entry("dose", {"id": "d1", "day": DAY, "taken_time": "12:30", "form": "citrate",
                             "elemental_mg": 100}),
        parse_entry("dose", {"id": "d2", "day": DAY, "taken_time": "21:30", "form": "glycinate",
                             "elemental_mg": 150}),
        parse_entry("dose", {"id": "d3", "day": DAY + timedelta(days=1), "form": "glycinate",
                             "elemental_mg": 150, "missed": True, "missed_reason": "away"}),
    ]  # fmt: skip
    assert entry_points(entries, phase_of) == (
        SeriesPoint(DAY, "magnesium_mg", 250.0, "mg", "titration"),
    )


def test_checkin_sleep_and_questionnaire_values() -> None:
    entries = [
        parse_entry("checkin", {"id": "c1", "day": DAY - timedelta(days=1), "anxiety": 6}),
        parse_entry("sleep", {"id": "s1", "day": DAY, "into_bed": "2026-11-19T23:00",
                              "tried_to_sleep": "2026-11-19T23:10", "latency_min": 20,
                              "awakenings": 1, "waso_min": 10, "final_wake": "2026-11-20T06:40",
                              "out_of_bed": "2026-11-20T07:00", "quality": 4}),
        parse_entry("questionnaire", {"id": "q1", "day": DAY, "instrument": "gad7",
                                      "answers": [1] * 7, "score": {"total": 7}}),
    ]  # fmt: skip
    points = {p.measure: p for p in entry_points(entries, phase_of)}
    assert points["anxiety"] == SeriesPoint(
        DAY - timedelta(days=1), "anxiety", 6, "0-10", "baseline"
    )
    assert points["panic_episodes"].value == 0
    assert "mood" not in points  # a rating left blank is not a zero
    # Carney 2012: TST = (06:40 − 23:10) − 20 − 10 = 420 min; TIB = 480 min; SE = 87.5 %.
    assert points["total_sleep_min"].value == 420
    assert points["time_in_bed_min"].value == 480
    assert points["sleep_efficiency"] == SeriesPoint(
        DAY, "sleep_efficiency", 87.5, "%", "titration"
    )
    assert points["gad7"] == SeriesPoint(DAY, "gad7", 7, "{score}", "titration")


def test_questionnaire_days_follow_the_recall_windows() -> None:
    days = questionnaire_days(
        {"pcl5": date(2026, 11, 1), "gad7": None, "phq9": date(2026, 11, 10)},
        date(2026, 11, 20),
        date(2026, 12, 31),
    )
    assert days == (
        (date(2026, 11, 20), ("GAD-7",)),
        (date(2026, 11, 24), ("PHQ-9",)),
        (date(2026, 12, 1), ("PCL-5 (past month)",)),
        (date(2026, 12, 4), ("GAD-7",)),
        (date(2026, 12, 8), ("PHQ-9",)),
        (date(2026, 12, 18), ("GAD-7",)),
        (date(2026, 12, 22), ("PHQ-9",)),
    )


def test_overdue_questionnaires_fall_on_the_first_day() -> None:
    days = questionnaire_days(
        {"pcl5_week": date(2026, 10, 1)}, date(2026, 11, 20), date(2026, 11, 20),
        pcl5_version="week",
    )  # fmt: skip
    assert days == ((date(2026, 11, 20), ("PCL-5 (past week)", "GAD-7", "PHQ-9")),)
