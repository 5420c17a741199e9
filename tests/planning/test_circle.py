"""Separation windows on the 24-hour circle: both directions, boundaries, the mask."""

from __future__ import annotations

from datetime import time

from hypothesis import given
from hypothesis import strategies as st

from mgcalm.planning.circle import (
    DAY,
    Window,
    allowed_minutes,
    forward,
    nearest_allowed,
    to_minutes,
    window,
)


def test_design_example_21h_dose_and_08h_pill_are_11_and_13_hours_apart() -> None:
    dose, pill = to_minutes(time(21, 0)), to_minutes(time(8, 0))
    assert forward(pill, dose) == 13 * 60  # pill, then magnesium 13 h later
    assert forward(dose, pill) == 11 * 60  # magnesium, then the next pill 11 h later
    assert window("x", time(8), 13, 0).allows(dose)
    assert not window("x", time(8), 13.5, 0).allows(dose)
    assert window("x", time(8), 0, 11).allows(dose)
    assert not window("x", time(8), 0, 12).allows(dose)


def test_a_late_dose_is_checked_against_the_next_mornings_pill() -> None:
    # Magnesium at 23:00 and a pill at 01:00 are 2 h apart across midnight, not 22 h.
    pill = window("levothyroxine", time(1, 0), 4, 4)
    assert not pill.allows(to_minutes(time(23, 0)))
    assert pill.allows(to_minutes(time(21, 0)))
    assert pill.allows(to_minutes(time(5, 0)))
    assert not pill.allows(to_minutes(time(4, 59)))


def test_window_boundaries_are_allowed_and_inside_is_not() -> None:
    cipro = window("ciprofloxacin", time(8, 0), 2, 6)  # 2 h before mg, or 6 h after it
    assert cipro.allows(to_minutes(time(10, 0)))
    assert not cipro.allows(to_minutes(time(9, 59)))
    assert cipro.allows(to_minutes(time(2, 0)))
    assert not cipro.allows(to_minutes(time(2, 1)))
    assert not cipro.allows(to_minutes(time(8, 0)))


def test_partial_hours_round_up_so_a_window_is_never_shortened() -> None:
    w = window("x", time(8, 0), 1 / 3, 0)  # 20 minutes
    assert w.med_before_mg == 20
    assert window("x", time(8), 0.01, 0).med_before_mg == 1


def test_windows_that_cover_the_whole_day_leave_nothing() -> None:
    assert not any(allowed_minutes([window("x", time(8), 12, 12.5)]))
    exactly = allowed_minutes([window("x", time(8), 12, 12)])  # only 20:00 keeps both gaps
    assert [m for m in range(DAY) if exactly[m]] == [20 * 60]


def test_nearest_allowed_prefers_later_then_earlier_within_range() -> None:
    mask = allowed_minutes([window("x", time(12, 0), 0, 0.5)])  # blocks 11:31–12:00
    assert nearest_allowed(mask, to_minutes(time(12, 0)), 690, 750) == 12 * 60 + 5
    assert nearest_allowed(mask, 700, 690, 710) == 690  # 11:40 is blocked; 11:30 is not
    assert nearest_allowed(mask, 600, 590, 610) == 600
    closed = bytearray(DAY)
    assert nearest_allowed(closed, 700, 0, 1439) is None


windows = st.builds(
    Window,
    label=st.just("m"),
    at=st.integers(0, DAY - 1),
    med_before_mg=st.integers(0, 16 * 60),
    mg_before_med=st.integers(0, 16 * 60),
)


@given(st.lists(windows, max_size=6))
def test_the_mask_agrees_with_each_window_at_every_minute(ws: list[Window]) -> None:
    mask = allowed_minutes(ws)
    for minute in range(DAY):
        assert bool(mask[minute]) == all(w.allows(minute) for w in ws)
