"""Verdicts are never more certain than the interval behind them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mgcalm.evaluation.verdict import sentence, verdict

bounds = st.floats(min_value=-20, max_value=20, allow_nan=False)


@given(bounds, bounds, st.floats(min_value=0.1, max_value=5), st.booleans())
def test_never_likely_helped_when_the_interval_includes_zero(
    a: float, b: float, threshold: float, higher_is_better: bool
) -> None:
    low, high = min(a, b), max(a, b)
    code = verdict((low, high), threshold, higher_is_better)
    if low <= 0 <= high:
        assert code in ("unclear", "no_sign_of_help")
        text = sentence("anxiety", (low + high) / 2, (low, high), code, "points", higher_is_better)
        assert "likely helped" not in text
        assert "likely worse" not in text


def test_the_four_verdicts() -> None:
    # Lower is better (symptom ratings): negative effects are improvements.
    assert verdict((-2.0, -0.3), 1.0, higher_is_better=False) == "likely_helped"
    assert verdict((0.2, 1.5), 1.0, higher_is_better=False) == "likely_worse"
    assert verdict((-0.5, 0.4), 1.0, higher_is_better=False) == "no_sign_of_help"
    assert verdict((-1.8, 0.4), 1.0, higher_is_better=False) == "unclear"
    # Higher is better (sleep quality): the same numbers mean the opposite.
    assert verdict((-2.0, -0.3), 1.0, higher_is_better=True) == "likely_worse"
    assert verdict((-0.4, 1.8), 1.0, higher_is_better=True) == "unclear"


def test_a_bound_at_exactly_zero_is_not_help() -> None:
    assert verdict((-1.5, 0.0), 1.0, higher_is_better=False) == "unclear"


@given(st.text(max_size=300))
def test_csv_reader_never_crashes_on_arbitrary_text(text: str) -> None:
    """Any input is either read or refused with problems; never an unexpected exception."""
    from mgcalm.domain import InvalidInputError
    from mgcalm.evaluation.csv_series import parse_series_csv

    try:
        parse_series_csv("date,phase,value\n" + text)
    except InvalidInputError as error:
        assert error.problems
