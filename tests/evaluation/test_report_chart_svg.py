"""Report charts as inline SVG: well-formed, accessible, every point drawn, as in the PDF."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import pytest

from mgcalm.evaluation import chart_svg, charts
from mgcalm.evaluation.chart_spec import Bars, ChartSpec, Line, Rule, Span
from mgcalm.evaluation.example import example_report_input
from mgcalm.evaluation.report import Report, build_report
from mgcalm.evaluation.report_clinician import clinician_document
from mgcalm.evaluation.report_html import render_html

SVG = "{http://www.w3.org/2000/svg}"
CSS = Path(__file__).parents[2] / "src" / "mgcalm" / "web" / "static" / "mgcalm.css"


@pytest.fixture(scope="module")
def report() -> Report:
    return build_report(example_report_input())


def _tree(spec: ChartSpec) -> ET.Element:
    return ET.fromstring(chart_svg.svg(spec))


def _dots(root: ET.Element) -> list[tuple[float, float]]:
    """The centres of the round dots (zero-length segments ``Mx yh0``) in a chart."""
    found = []
    for path in root.iter(f"{SVG}path"):
        d = path.get("d", "")
        found += [(float(x), float(y)) for x, y in re.findall(r"M([\d.]+) ([\d.]+)h0", d)]
    return found


def test_every_chart_of_the_report_is_accessible_well_formed_svg(report: Report) -> None:
    doc = clinician_document(report)
    drawn = [c for s in doc.sections for c in s.charts]
    assert len(drawn) == 7
    for chart in drawn:
        root = ET.fromstring(str(chart.svg))
        assert root.tag == f"{SVG}svg" and root.get("role") == "img"
        assert root.get("aria-label") == chart.spec.title
        assert root.findtext(f"{SVG}title") == chart.spec.title
        assert root.findtext(f"{SVG}desc", "").startswith("Days ")
        assert int(root.get("font-size", "0")) >= 12  # 12 px at the narrowest (36rem) width
        assert root.get("fill") == "currentColor"  # text follows the page's colour
        assert all(t.get("font-size") in (None, "17") for t in root.iter(f"{SVG}text"))
        assert "style=" not in str(chart.svg) and "<script" not in str(chart.svg)


def test_the_outcome_chart_draws_every_day_the_phases_and_their_means(report: Report) -> None:
    series, design = report.input.series[0], report.input.design
    spec = charts.outcome_spec(series, design)
    root = _tree(spec)
    (polyline,) = root.iter(f"{SVG}polyline")
    assert len(polyline.get("points", "").split()) == len(series.observations)
    assert len(_dots(root)) == len(series.observations)
    spans = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "rc-span"]
    assert len(spans) == len(design.spans()) + len(design.spans())  # bands + legend swatches
    means = [line for line in root.iter(f"{SVG}line") if line.get("class") == "ink-c0392b"]
    assert len(means) == len(design.spans())
    words = root.findtext(f"{SVG}desc", "")
    for phase, first, last in design.spans():
        assert f"{phase} {first} to {last}" in words
    assert "Mean by span: " in words
    values = [o.value for o in series.observations]
    assert f"from {round(min(values), 1):g} to {round(max(values), 1):g}" in words


def test_points_sit_where_their_values_are() -> None:
    days = tuple(date(2026, 3, 1) + timedelta(days=i) for i in range(5))
    spec = ChartSpec(
        "Test", 2.0, lines=(Line(days, (0.0, 10.0, 5.0, 10.0, 0.0), "#1f4e79", 1.0, 3.0),)
    )
    dots = _dots(_tree(spec))
    xs, ys = [x for x, _ in dots], [y for _, y in dots]
    assert xs == sorted(xs) and len(set(xs)) == 5  # one per day, left to right
    assert ys[0] == ys[4] > ys[2] > ys[1] == ys[3]  # higher values nearer the top


def test_the_intake_chart_keeps_the_upper_limit_line_and_its_words(report: Report) -> None:
    spec = charts.intake_spec(report.input.intake, 350.0)
    root = _tree(spec)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "supplemental UL" in texts and "mg/day" in texts
    assert {"supplements", "food"} <= set(texts)  # the legend
    limit = [ln for ln in root.iter(f"{SVG}line") if ln.get("stroke-dasharray")]
    assert len(limit) == 1
    bars = next(p for p in root.iter(f"{SVG}path") if p.get("class") == "ink-5b8bd9")
    drawn_days = sum(1 for d in report.input.intake if d.supplement_mg)
    assert bars.get("d", "").count("Z") == drawn_days
    assert "Dashed line at 350: supplemental UL." in root.findtext(f"{SVG}desc", "")


def test_questionnaire_bands_are_dashed_lines_named_in_words(report: Report) -> None:
    name, points = next(iter(report.trajectories.items()))
    root = _tree(charts.questionnaire_spec(name, points))
    assert len(_dots(root)) == len(points)
    words = root.findtext(f"{SVG}desc", "")
    assert words.count("Dashed line at ") >= 2


def test_words_and_labels_are_escaped() -> None:
    day = date(2026, 3, 1)
    spec = ChartSpec(
        'A <b> & "c"',
        2.0,
        spans=(Span(day, day, "#e8eef7", "<x>"),),
        bars=(Bars((day,), (3.0,), "#5b8bd9", "b&b"),),
        rules=(Rule(1.0, "#999999", 1.0, text="<limit>"),),
        y_label="<mg>",
        legend=True,
    )
    root = _tree(spec)  # parses: nothing unescaped
    assert root.findtext(f"{SVG}title") == 'A <b> & "c"'
    assert {"<x>", "b&b", "<limit>", "<mg>"} <= {t.text for t in root.iter(f"{SVG}text")}


def test_a_chart_is_drawn_once_per_spec(report: Report) -> None:
    spec = charts.intake_spec(report.input.intake, 350.0)
    assert chart_svg.svg(spec) is chart_svg.svg(charts.intake_spec(report.input.intake, 350.0))


def test_the_html_report_has_svg_charts_and_a_dark_scheme(report: Report) -> None:
    html = render_html(clinician_document(report))
    assert "data:image/png" not in html
    assert "prefers-color-scheme: dark" in html and chart_svg.CHART_CSS in html


def test_the_web_stylesheet_holds_the_chart_rules() -> None:
    assert chart_svg.CHART_CSS in CSS.read_text(encoding="utf-8")


def test_the_html_report_does_not_import_matplotlib() -> None:
    code = (
        "import sys\n"
        "from mgcalm.evaluation.example import example_report_input\n"
        "from mgcalm.evaluation.report import build_report\n"
        "from mgcalm.evaluation.report_clinician import clinician_document\n"
        "from mgcalm.evaluation.report_html import render_html\n"
        "render_html(clinician_document(build_report(example_report_input())))\n"
        "print('matplotlib' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300
    )
    assert done.stdout.strip() == "False"
