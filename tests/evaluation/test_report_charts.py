"""Report charts: one spec per chart, vector paths in the PDF, SVG in HTML, PNG kept per spec."""

from __future__ import annotations

import re
from datetime import date

import pytest

from mgcalm.evaluation import chart_axes, chart_png, charts
from mgcalm.evaluation.chart_spec import day_range, legend_entries
from mgcalm.evaluation.example import example_report_input
from mgcalm.evaluation.report import Report, build_report
from mgcalm.evaluation.report_clinician import clinician_document
from mgcalm.evaluation.report_pdf import render_pdf


@pytest.fixture(scope="module")
def report() -> Report:
    return build_report(example_report_input())


def test_the_outcome_chart_shows_every_day_and_each_phase_mean(report: Report) -> None:
    series, design = report.input.series[0], report.input.design
    spec = charts.outcome_spec(series, design)
    (values,) = spec.lines
    assert values.days == tuple(o.day for o in series.observations)
    assert values.values == tuple(o.value for o in series.observations)
    for rule, (_, first, last) in zip(spec.rules, design.spans(), strict=True):
        chosen = [o.value for o in series.observations if first <= o.day <= last]
        assert rule.y == pytest.approx(sum(chosen) / len(chosen))
    assert [label for label, _, _ in legend_entries(spec)] == [p for p, _, _ in design.spans()]
    assert day_range(spec) == (design.spans()[0][1], design.spans()[-1][2])


def test_the_pdf_draws_charts_as_vectors_not_images(report: Report) -> None:
    pdf = render_pdf(clinician_document(report))
    assert b"/Subtype /Image" not in pdf
    plain = render_pdf(clinician_document(report, chart=False))
    # Each chart adds its title, ticks and a path per series; 7 charts in the example.
    assert len(pdf) > len(plain) + 7 * 1000


def test_png_charts_are_rendered_once_per_spec(report: Report) -> None:
    doc = clinician_document(report)
    chart = next(c for s in doc.sections for c in s.charts)
    first = chart_png.png(chart.spec)
    assert first.startswith(b"\x89PNG")
    again = clinician_document(report).sections[3].charts[0]
    assert chart_png.png(again.spec) is first  # kept, not redrawn


@pytest.mark.parametrize(
    ("low", "high", "ticks"),
    [
        (0, 27, [0, 5, 10, 15, 20, 25]),
        (79.4, 93.1, [80, 82.5, 85, 87.5, 90, 92.5]),
        (-17.5, 367.5, [0, 100, 200, 300]),
        (1.9, 8.1, [2, 4, 6, 8]),
    ],
)
def test_value_ticks_are_round_numbers_inside_the_range(
    low: float, high: float, ticks: list[float]
) -> None:
    assert chart_axes.value_ticks(low, high) == ticks


def test_day_ticks_are_month_starts_on_a_year_and_days_on_a_month() -> None:
    year = chart_axes.day_ticks(date(2025, 12, 1).toordinal(), date(2026, 12, 20).toordinal())
    assert [label for _, label in year] == [
        "2026-01", "2026-03", "2026-05", "2026-07", "2026-09", "2026-11"
    ]  # fmt: skip
    month = chart_axes.day_ticks(date(2026, 3, 1).toordinal(), date(2026, 3, 29).toordinal())
    assert all(re.fullmatch(r"03-\d\d", label) for _, label in month) and len(month) >= 4
