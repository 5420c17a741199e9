"""The design's power simulation fits all its series at once and gets what one-by-one fits get."""

from __future__ import annotations

import numpy as np
import pytest

from mgcalm.evaluation import ar1
from mgcalm.evaluation.simulate import ar1_noise, ar1_noise_many


@pytest.mark.parametrize("phi", [0.0, 0.4, 0.8])
def test_batched_noise_is_the_same_numbers_as_calls_in_a_row(phi: float) -> None:
    one_by_one = np.random.default_rng(5)
    expected = np.array([ar1_noise(one_by_one, 60, phi, 1.5) for _ in range(30)])
    assert np.array_equal(ar1_noise_many(np.random.default_rng(5), 30, 60, phi, 1.5), expected)


@pytest.mark.parametrize("trend", [False, True])
def test_fit_many_gives_each_series_its_own_posterior_quantiles(trend: bool) -> None:
    rng = np.random.default_rng(11)
    days = np.sort(rng.choice(100, 64, replace=False)).astype(np.float64)
    columns = [np.ones(64), (days > 45).astype(np.float64)]
    if trend:
        columns.append((days - days.mean()) / np.ptp(days))
    design = np.column_stack(columns)
    ys = ar1_noise_many(rng, 25, 100, 0.5, 1.5)[:, days.astype(int)]
    many = ar1.fit_many(days, ys, design, column=1)
    for q in (0.025, 0.5, 0.9, 0.975):
        single = [ar1.fit(days, y, design, column=1).quantile(q) for y in ys]
        assert many.quantile(q) == pytest.approx(single, abs=1e-8)
