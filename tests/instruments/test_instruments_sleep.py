"""Consensus Sleep Diary metrics on hand-computed nights, and impossible nights rejected."""

from __future__ import annotations

from dataclasses import replace
from datetime import time
from typing import Any

import pytest

from mgcalm.domain import InvalidInputError
from mgcalm.instruments import SleepNight, sleep_metrics


def _night(**changes: Any) -> SleepNight:
    base = SleepNight(
        into_bed=time(22, 30),
        tried_to_sleep=time(23, 0),
        sleep_onset_latency_min=20,
        awakenings=2,
        waso_min=30,
        final_awakening=time(6, 30),
        out_of_bed=time(7, 0),
        quality=3,
    )
    return replace(base, **changes)


def test_night_across_midnight_by_hand() -> None:
    # TIB 22:30→07:00 = 510; window 23:00→06:30 = 450; TST = 450 − 20 − 30 = 400;
    # SE = 400 / 510 = 78.43 %.
    m = sleep_metrics(_night())
    assert m.time_in_bed_min == 510
    assert m.time_attempting_sleep_min == 450
    assert m.total_sleep_time_min == 400
    assert m.sleep_efficiency_pct == 78.4
    assert m.time_in_bed_after_waking_min == 30
    assert m.sleep_efficiency_reed_sacco_pct is None


def test_bed_after_midnight_by_hand() -> None:
    # 00:15→07:45 = 450 in bed; 00:30→07:15 = 405; TST = 405 − 45 = 360; SE = 80.0 %.
    m = sleep_metrics(
        _night(
            into_bed=time(0, 15),
            tried_to_sleep=time(0, 30),
            sleep_onset_latency_min=45,
            awakenings=0,
            waso_min=0,
            final_awakening=time(7, 15),
            out_of_bed=time(7, 45),
        )
    )
    assert (m.time_in_bed_min, m.total_sleep_time_min, m.sleep_efficiency_pct) == (450, 360, 80.0)


def test_daytime_sleep_after_a_night_shift_by_hand() -> None:
    # 08:00→14:30 = 390; 08:10→14:00 = 350; TST = 350 − 10 − 15 = 325; SE = 83.33 %.
    m = sleep_metrics(
        _night(
            into_bed=time(8, 0),
            tried_to_sleep=time(8, 10),
            sleep_onset_latency_min=10,
            awakenings=1,
            waso_min=15,
            final_awakening=time(14, 0),
            out_of_bed=time(14, 30),
        )
    )
    assert (m.time_in_bed_min, m.total_sleep_time_min, m.sleep_efficiency_pct) == (390, 325, 83.3)


def test_reed_sacco_efficiency_when_item_6b_is_given() -> None:
    # TST 400; DSE = 20 + 400 + 30 + 10 = 460; SE = 86.96 %.
    m = sleep_metrics(_night(terminal_wake_min=10))
    assert m.sleep_efficiency_reed_sacco_pct == 87.0


def test_times_out_of_order_name_both_fields() -> None:
    with pytest.raises(InvalidInputError) as info:
        sleep_metrics(_night(tried_to_sleep=time(22, 0)))
    (problem,) = info.value.problems
    assert problem.location == "tried_to_sleep"
    assert "into_bed" in problem.message and "22:00" in problem.message


def test_out_of_bed_before_final_awakening() -> None:
    with pytest.raises(InvalidInputError) as info:
        sleep_metrics(_night(out_of_bed=time(6, 0)))
    assert [p.location for p in info.value.problems] == ["out_of_bed"]


def test_ending_before_it_starts_is_caught_as_too_long_in_bed() -> None:
    # Out of bed at 22:00 for an into-bed time of 22:30 would mean 23.5 h in bed.
    with pytest.raises(InvalidInputError) as info:
        sleep_metrics(_night(final_awakening=time(21, 45), out_of_bed=time(22, 0)))
    assert info.value.problems[0].location == "out_of_bed"


def test_latency_longer_than_the_sleep_window() -> None:
    with pytest.raises(InvalidInputError) as info:
        sleep_metrics(_night(sleep_onset_latency_min=500))
    (problem,) = info.value.problems
    assert problem.location == "sleep_onset_latency_min"
    assert problem.accepted == "0–450"


def test_latency_plus_waso_longer_than_the_window() -> None:
    with pytest.raises(InvalidInputError) as info:
        sleep_metrics(_night(sleep_onset_latency_min=200, waso_min=300))
    assert [p.location for p in info.value.problems] == ["waso_min"]


def test_minutes_awake_without_awakenings() -> None:
    with pytest.raises(InvalidInputError) as info:
        sleep_metrics(_night(awakenings=0, waso_min=30))
    assert info.value.problems[0].accepted == "0 when awakenings is 0"


def test_every_bad_field_is_reported_at_once() -> None:
    with pytest.raises(InvalidInputError) as info:
        sleep_metrics(_night(sleep_onset_latency_min=-5, awakenings=-1, quality=9))
    assert {p.location for p in info.value.problems} == {
        "sleep_onset_latency_min",
        "awakenings",
        "quality",
    }


def test_zero_sleep_night_is_allowed() -> None:
    m = sleep_metrics(_night(sleep_onset_latency_min=450, awakenings=0, waso_min=0, quality=1))
    assert (m.total_sleep_time_min, m.sleep_efficiency_pct) == (0, 0.0)
