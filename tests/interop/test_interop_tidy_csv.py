"""Tidy CSV: export → import returns the same points; bad rows name their row and column."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mgcalm.domain import InvalidInputError
from mgcalm.interop.series import MEASURE_PATTERN, PHASES, SeriesPoint, sort_points
from mgcalm.interop.tidy_csv import read_series_csv, write_evaluate_csv, write_series_csv

points_strategy = st.builds(
    SeriesPoint,
    date=st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
    measure=st.from_regex(MEASURE_PATTERN, fullmatch=True),
    value=st.floats(allow_nan=False, allow_infinity=False),
    # Surrounding spaces are trimmed on import, so units are generated without them.
    unit=st.text(
        st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp", "Zs", "Cf", "Co", "Cn")),
        max_size=32,
    ),
    phase=st.sampled_from(PHASES),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(points_strategy, max_size=25))
def test_csv_export_then_import_round_trips(points: list[SeriesPoint]) -> None:
    back = read_series_csv(write_series_csv(points))
    assert back == sort_points(points)


def test_csv_layout_is_tidy_and_readable() -> None:
    points = [
        SeriesPoint(date(2026, 11, 2), "anxiety", 6.0, "{score}", "baseline"),
        SeriesPoint(date(2026, 11, 1), "anxiety", 7.5, "{score}", "baseline"),
        SeriesPoint(date(2026, 11, 1), "sleep.tst", 412.0, "min", ""),
    ]
    assert write_series_csv(points).splitlines() == [
        "date,measure,value,unit,phase",
        "2026-11-01,anxiety,7.5,{score},baseline",
        "2026-11-02,anxiety,6,{score},baseline",
        "2026-11-01,sleep.tst,412,min,",
    ]


def test_every_bad_cell_is_reported_with_row_and_column() -> None:
    text = (
        "date,measure,value,unit,phase\n"
        "2026-11-01,anxiety,6,{score},baseline\n"
        "2026-13-01,Anxiety,six,{score},during\n"
        "2026-11-03,anxiety,nan,,baseline\n"
        "2026-11-04,anxiety,5\n"
    )
    with pytest.raises(InvalidInputError) as caught:
        read_series_csv(text, source="mine.csv")
    where = [p.location for p in caught.value.problems]
    assert where == [
        "mine.csv: row 3, column date",
        "mine.csv: row 3, column value",
        "mine.csv: row 3, column measure",
        "mine.csv: row 3, column phase",
        "mine.csv: row 4, column value",
        "mine.csv: row 5",
    ]
    phase = caught.value.problems[3]
    assert "baseline" in phase.accepted and "withdrawal" in phase.accepted


def test_wrong_header_is_one_clear_problem() -> None:
    with pytest.raises(InvalidInputError) as caught:
        read_series_csv("day,phase,value\n2026-11-01,baseline,3\n")
    (problem,) = caught.value.problems
    assert problem.location == "series.csv: row 1"
    assert problem.accepted == "date,measure,value,unit,phase"


def test_excel_byte_order_mark_and_blank_lines_are_accepted() -> None:
    text = "\ufeffdate,measure,value,unit,phase\r\n2026-11-01,anxiety,4,,\r\n\r\n"
    assert read_series_csv(text) == (SeriesPoint(date(2026, 11, 1), "anxiety", 4.0),)


def test_evaluate_csv_maps_trial_phases_to_the_evaluation_contract() -> None:
    points = [
        SeriesPoint(date(2026, 11, 1), "anxiety", 7.0, "{score}", "baseline"),
        SeriesPoint(date(2026, 11, 15), "anxiety", 6.0, "{score}", "titration"),
        SeriesPoint(date(2026, 11, 30), "anxiety", 5.0, "{score}", "maintenance"),
        SeriesPoint(date(2026, 12, 30), "anxiety", 5.0, "{score}", ""),
        SeriesPoint(date(2026, 11, 1), "tension", 3.0, "{score}", "baseline"),
    ]
    assert write_evaluate_csv(points, "anxiety").splitlines() == [
        "date,phase,value",
        "2026-11-01,baseline,7",
        "2026-11-15,magnesium,6",
        "2026-11-30,magnesium,5",
    ]


def test_public_api_is_curated() -> None:
    import types

    import mgcalm.interop as interop

    for name in interop.__all__:  # the names load on first use
        getattr(interop, name)
    loading = {"annotations", "TYPE_CHECKING", "Any", "import_module"}
    public = {
        name
        for name, value in vars(interop).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert public - loading == set(interop.__all__)
