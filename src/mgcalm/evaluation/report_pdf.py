"""PDF rendering of a report :class:`Document` with fpdf2 (pure Python, no system packages).

Text uses the DejaVu Sans font that ships with matplotlib, so symbols such as "≥", "→" and "φ"
print correctly without any font installed on the system; charts are drawn as vector paths
(``mgcalm.evaluation.chart_pdf``), so neither matplotlib nor a raster step is needed.
"""

from __future__ import annotations

import importlib.util
from datetime import UTC, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from mgcalm.evaluation import chart_pdf
from mgcalm.evaluation.report_view import Document, Section, Table

if TYPE_CHECKING:
    from fpdf import FPDF

_MARGIN = 15.0


def _font_dir() -> Path:
    """matplotlib's bundled TrueType fonts, found without importing matplotlib (slow, large)."""
    spec = importlib.util.find_spec("matplotlib")
    assert spec is not None and spec.submodule_search_locations is not None
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


def _new_pdf(doc: Document) -> FPDF:
    """An A4 document with the DejaVu fonts registered and the title printed."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_margins(_MARGIN, _MARGIN, _MARGIN)
    pdf.set_auto_page_break(auto=True, margin=_MARGIN)
    # No clock in the core: the report's own date stamps the file, so it is reproducible.
    pdf.set_creation_date(datetime.combine(doc.prepared, time(), tzinfo=UTC))
    fonts = _font_dir()
    pdf.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.set_title(doc.title)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 15)
    pdf.multi_cell(0, 8, doc.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 9)
    pdf.multi_cell(0, 5, doc.subtitle, new_x="LMARGIN", new_y="NEXT")
    return pdf


def _table(pdf: FPDF, table: Table) -> None:
    """Draw a table with a bold header row, wrapping long cells."""
    pdf.set_font("DejaVu", "", 7.5)
    with pdf.table(
        first_row_as_headings=True, line_height=4, padding=1, text_align="LEFT"
    ) as drawn:
        for row in (table.header, *table.rows):
            cells = drawn.row()
            for cell in row:
                cells.cell(cell)
    pdf.ln(2)


def _section(pdf: FPDF, section: Section) -> None:
    """Heading, paragraphs, tables and charts of one section."""
    pdf.set_font("DejaVu", "B", 11.5)
    pdf.ln(3)
    pdf.multi_cell(0, 6, section.heading, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 9)
    for paragraph in section.paragraphs:
        pdf.multi_cell(0, 4.6, paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    for table in section.tables:
        if table.rows:
            _table(pdf, table)
    for chart in section.charts:
        chart_pdf.draw(pdf, chart.spec, pdf.epw)


def render_pdf(doc: Document) -> bytes:
    """The document as PDF bytes."""
    pdf = _new_pdf(doc)
    for section in doc.sections:
        _section(pdf, section)
    return bytes(pdf.output())
