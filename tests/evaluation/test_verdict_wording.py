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


probabilities = st.floats(min_value=0, max_value=1)


@given(bounds, bounds, st.floats(min_value=0.1, max_value=5), st.booleans(), probabilities,
       probabilities)  # fmt: skip
def test_likely_helped_needs_the_threshold_two_switches_and_the_return(
    a: float, b: float, threshold: float, higher_is_better: bool, meaningful: float, back: float
) -> None:
    low, high = min(a, b), max(a, b)
    for controlled in (True, False):
        code = verdict((low, high), threshold, higher_is_better, meaningful, controlled, back)
        if code == "likely_helped":
            assert controlled and meaningful >= 0.5 and back >= 0.9
            assert not low <= 0 <= high
        if not controlled:  # AB: what it saw, never more
            assert code not in ("likely_helped", "likely_worse", "small_change")


def test_a_clear_but_small_change_is_called_small() -> None:
    # +13.7 minutes of sleep [4.5, 22.5] against a 30-minute threshold: 1 % chance of reaching it.
    code = verdict((4.5, 22.5), 30.0, True, p_meaningful=0.01)
    assert code == "small_change"
    words = sentence("total_sleep_min", 13.7, (4.5, 22.5), code, "minutes", True, 30.0)
    assert "small change, probably not worthwhile" in words and "30 minutes" in words


def test_the_four_verdicts() -> None:
    # Lower is better (symptom ratings): negative effects are improvements.
    assert verdict((-2.0, -0.3), 1.0, higher_is_better=False) == "likely_helped"
    assert verdict((0.2, 1.5), 1.0, higher_is_better=False) == "likely_worse"
    assert verdict((-0.5, 0.4), 1.0, higher_is_better=False) == "no_sign_of_help"
    assert verdict((-1.8, 0.4), 1.0, higher_is_better=False) == "unclear"
    # Higher is better (sleep quality): the same numbers mean the opposite.
    assert verdict((-2.0, -0.3), 1.0, higher_is_better=True) == "likely_worse"
    assert verdict((-0.4, 1.8), 1.0, higher_is_better=True) == "unclear"


def test_one_switch_and_no_return_are_worded_for_what_they_are() -> None:
    assert verdict((-2.0, -0.3), 1.0, False, 0.9, controlled=False) == "better_while_on_magnesium"
    assert verdict((0.3, 2.0), 1.0, False, 0.0, controlled=False) == "worse_while_on_magnesium"
    assert verdict((-2.0, -1.3), 1.0, False, 0.9, True, p_reversed=0.4) == "not_reversed"
    text = sentence("anxiety", -1.2, (-2.0, -0.3), "better_while_on_magnesium", "points", False)
    assert "likely helped" not in text and "natural change" in text


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
