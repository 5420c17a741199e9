"""Reports: JSON snapshot (dates blanked), HTML content, and a PDF page rendered to an image."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest

from mgcalm.evaluation.example import example_report_input
from mgcalm.evaluation.report import Report, build_report
from mgcalm.evaluation.report_clinician import clinician_document
from mgcalm.evaluation.report_html import render_html
from mgcalm.evaluation.report_input import DoseDay, IntakeDay, PersonSummary
from mgcalm.evaluation.report_json import report_json
from mgcalm.evaluation.report_pdf import render_pdf
from mgcalm.evaluation.report_view import person_document

SNAPSHOT = Path(__file__).parent / "snapshots" / "report_example.json"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@pytest.fixture(scope="module")
def report() -> Report:
    return build_report(example_report_input())


def blank_dates(data: object) -> str:
    """The JSON text with every ISO date replaced, as snapshot tests compare it."""
    return ISO_DATE.sub(
        "YYYY-MM-DD", json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True)
    )


def test_report_json_matches_snapshot(report: Report) -> None:
    text = blank_dates(report_json(report)) + "\n"
    if os.environ.get("MGCALM_UPDATE_SNAPSHOTS") == "1" or not SNAPSHOT.exists():
        SNAPSHOT.write_text(text, encoding="utf-8")
    assert text == SNAPSHOT.read_text(encoding="utf-8")


def test_only_the_registered_primary_outcome_gets_a_verdict(report: Report) -> None:
    verdicts = {r.outcome.name: r.effect.verdict for r in report.outcomes if r.effect}
    assert verdicts == {
        "anxiety": "likely_helped",
        "sleep_quality": "exploratory",
        "tension": "exploratory",
    }
    assert [r.outcome.name for r in report.outcomes if r.primary] == ["anxiety"]
    assert any("therapy started" in f for f in report.flags)
    data = report_json(report)
    assert data["primary_outcome"]["outcome"] == "anxiety"
    assert data["primary_outcome"]["registered_before_first_magnesium_day"] is True
    assert data["design"]["blinding"] == "open-label"
    text = " ".join(p for s in person_document(report).sections for p in s.paragraphs)
    assert "open-label" in text and "Primary outcome: anxiety" in text
    assert "Sleep quality: exploratory — no verdict." in text


def test_person_summary_is_never_more_certain_than_the_interval(report: Report) -> None:
    doc = person_document(report)
    verdict_lines = next(s for s in doc.sections if s.heading == "What your days show").paragraphs
    for result, line in zip(report.outcomes, verdict_lines, strict=True):
        assert result.effect is not None
        low, high = result.effect.ci95
        if low <= 0 <= high:
            assert "likely helped" not in line and "likely worse" not in line
    assert doc.sections[0].heading == "If you need help now"


def test_flags_for_high_dose_low_adherence_and_missing_data() -> None:
    base = example_report_input()
    start = base.design.start
    on_days = [start + timedelta(days=i) for i in range(14, 70)]
    worse = dataclasses.replace(
        base,
        doses=tuple(DoseDay(d, 2, 1, 125.0) for d in on_days),
        intake=(IntakeDay(start + timedelta(days=20), 200.0, 500.0),),
        series=(dataclasses.replace(base.series[0], observations=base.series[0].observations[:5]),),
        safety_flags=("PHQ-9 item 9 was answered above 0 on 2026-10-12.",),
    )
    flags = build_report(worse).flags
    assert flags[0].startswith("PHQ-9 item 9")  # safety first
    assert any("above the 350 mg/day upper limit on 1 day" in f for f in flags)
    assert any("Only 50% of planned doses" in f for f in flags)
    result = build_report(worse).outcomes[0]
    assert result.effect is None and "needs at least 7 comparison" in result.not_estimated[0]


def test_html_is_self_contained_escaped_and_links_support(report: Report) -> None:
    hostile = dataclasses.replace(
        report, input=dataclasses.replace(report.input, person=PersonSummary("<script>x</script>"))
    )
    html = render_html(clinician_document(hostile))
    assert 'href="/support"' in html
    assert "<script>x" not in html and "&lt;script&gt;x" in html
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') == 3 + 3 + 1  # outcomes,
    # questionnaires, intake
    person = render_html(person_document(report))
    assert "Anxiety: likely helped." in person
    assert "not medical advice" in person


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) missing")
def test_clinician_pdf_first_page_renders_with_text_and_chart(
    report: Report, tmp_path: Path
) -> None:
    import matplotlib.image

    pdf = render_pdf(clinician_document(report))
    assert pdf.startswith(b"%PDF-")
    (tmp_path / "report.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", str(tmp_path / "report.pdf"), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 2
    image = matplotlib.image.imread(str(pages[0]))
    height, width = image.shape[:2]
    assert abs(height / width - 297 / 210) < 0.02  # an A4 page
    ink = image[..., :3].mean(axis=2) < 0.6
    assert 0.02 < ink.mean() < 0.5  # text and chart, neither blank nor solid
    blue = (image[..., 2] > 0.75) & (image[..., 0] < 0.5)  # the intake chart's bars
    assert blue.mean() > 0.005
    # The top band (the title) has ink: the page starts with the heading, not a blank area.
    assert np.any(ink[: height // 12])


def test_pdf_is_reproducible(report: Report) -> None:
    doc = person_document(report)
    assert render_pdf(doc) == render_pdf(doc)
    assert report.input.design.end + timedelta(days=1) == report.input.generated_on


def test_safety_answers_sit_beside_the_crisis_line_for_the_person(report: Report) -> None:
    flagged = build_report(
        dataclasses.replace(report.input, safety_flags=("PHQ-9 item 9 was answered above 0",))
    )
    person = person_document(flagged)
    assert "thoughts of self-harm" in " ".join(person.sections[0].paragraphs)
    assert not any("PHQ-9 item 9" in p for s in person.sections for p in s.paragraphs)
    clinician = clinician_document(flagged, chart=False)
    assert clinician.sections[1].paragraphs[0].startswith("PHQ-9 item 9")
