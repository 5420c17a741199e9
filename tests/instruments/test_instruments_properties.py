"""Property checks against independent oracles: sums, band order, the DSM-5 rule, sleep clocks."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from mgcalm.instruments import SleepNight, band_for, score, sleep_metrics
from mgcalm.instruments.scoring import GAD7_BANDS, PHQ9_BANDS

PCL5_ANSWERS = st.lists(st.integers(0, 4), min_size=20, max_size=20)


@settings(max_examples=200, deadline=None)
@given(PCL5_ANSWERS)
def test_pcl5_total_clusters_and_dsm5_rule(answers: list[int]) -> None:
    result = score("pcl5", answers)
    assert result.total == sum(answers) == sum(result.subscales.values())
    endorsed = [a >= 2 for a in answers]
    oracle = (
        sum(endorsed[0:5]) >= 1
        and sum(endorsed[5:7]) >= 1
        and sum(endorsed[7:14]) >= 2
        and sum(endorsed[14:20]) >= 2
    )
    assert result.provisional_ptsd is oracle


def test_bands_never_go_down_as_totals_rise() -> None:
    for instrument, bands, top in (("gad7", GAD7_BANDS, 21), ("phq9", PHQ9_BANDS, 27)):
        order = [name for _, name in bands]
        seen = [order.index(band_for(instrument, t)) for t in range(top + 1)]
        assert seen == sorted(seen)
        assert seen[0] == 0 and seen[-1] == len(order) - 1


NIGHT = st.tuples(
    st.integers(0, 24 * 60 - 1),  # into bed, minutes after midnight
    st.integers(0, 120),  # into bed → tried to sleep
    st.integers(0, 12 * 60),  # tried to sleep → final awakening
    st.integers(0, 180),  # final awakening → out of bed
    st.integers(0, 100),  # share of the window that is latency (%)
    st.integers(0, 100),  # share of the rest that is WASO (%)
)


@settings(max_examples=200, deadline=None)
@given(NIGHT)
def test_sleep_metrics_match_datetime_arithmetic(night: tuple[int, ...]) -> None:
    start, to_try, window, to_rise, sol_pct, waso_pct = night
    t1 = datetime(2026, 11, 25) + timedelta(minutes=start)
    t2 = t1 + timedelta(minutes=to_try)
    t6 = t2 + timedelta(minutes=window)
    t7 = t6 + timedelta(minutes=to_rise)
    sol = window * sol_pct // 100
    waso = (window - sol) * waso_pct // 100
    metrics = sleep_metrics(SleepNight(t1.time(), t2.time(), sol, 1, waso, t6.time(), t7.time(), 3))
    tib = (t7 - t1).total_seconds() / 60
    tst = (t6 - t2).total_seconds() / 60 - sol - waso
    assert metrics.time_in_bed_min == tib
    assert metrics.total_sleep_time_min == tst
    if tib:
        assert abs(metrics.sleep_efficiency_pct - 100 * tst / tib) <= 0.05 + 1e-9  # rounding
