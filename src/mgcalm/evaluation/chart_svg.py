"""Report charts as inline SVG, drawn straight from a :class:`ChartSpec` (no raster step).

A page that shows a year of data draws its charts in milliseconds this way, where matplotlib
took seconds to import and draw them as PNGs. Each chart is an ``<svg role="img">`` whose
``<title>`` is the chart's title and whose ``<desc>`` says what it shows in words (days, each
series' range and last value, the phases, the lines drawn across). Text and axes use
``currentColor``, so they follow the page's colour; each data colour is a presentation
attribute (the look of the PDF and PNG charts) with a class, ``ink-<hex>``, that a stylesheet can
override (``mgcalm.css`` and the HTML report do so in a dark colour scheme). No ids, scripts or
style attributes: charts can repeat on a page and hold under a strict Content-Security-Policy.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache
from html import escape

from mgcalm.evaluation.chart_axes import Frame, day_ticks, value_ticks, x_range, y_range
from mgcalm.evaluation.chart_spec import ChartSpec, Line, Rule, day_range, legend_entries

WIDTH = 720  # user units; the page scales the chart to its column
UNITS_PER_INCH = 110  # a spec's height in inches, in user units
PT = UNITS_PER_INCH / 72  # user units per point (line widths and markers are in points)
FONT, TITLE_FONT = 15, 17  # at the narrowest the page lets a chart be, still at least 12 px
CHAR = 0.56 * FONT  # average width of a character, to lay the legend out
LEGEND_ROW = 24
MARGINS = (52, 12, 30, 30)  # left (value ticks), right, top (title), bottom (date ticks)
Y_LABEL = 22

#: The stylesheet rules charts need; ``mgcalm.css`` holds the same text (a test checks). Never
#: narrower than 36rem (text at least 12 px: the figure scrolls sideways on a phone instead); on
#: a dark background the phases become tints and the data colours lighter ones.
CHART_CSS = """\
.report-chart { display: block; width: 100%; min-width: 36rem; height: auto; }
@media (prefers-color-scheme: dark) {
  .report-chart .rc-span { fill-opacity: 0.28; }
  .report-chart .ink-1f4e79 { color: #8cc2f5; }
  .report-chart .ink-c0392b { color: #ff8f80; }
  .report-chart .ink-5b8bd9 { color: #8fb3ee; }
  .report-chart .ink-3c8d3a { color: #86d483; }
  .report-chart .ink-999999 { color: #a8b3af; }
}
"""


@lru_cache(maxsize=256)
def svg(spec: ChartSpec) -> str:
    """The chart as one ``<svg>`` element (recent drawings are kept: a spec is its picture)."""
    rows = _legend_rows(spec)
    height = round(spec.height_in * UNITS_PER_INCH) + LEGEND_ROW * len(rows)
    frame = _frame(spec, MARGINS[2] + LEGEND_ROW * len(rows), height)
    title = escape(spec.title)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{title}" '
        f'fill="currentColor" font-size="{FONT}">',
        f"<title>{title}</title><desc>{escape(summary(spec))}</desc>",
        f'<text class="rc-title" x="{WIDTH / 2:g}" y="20" text-anchor="middle" '
        f'font-size="{TITLE_FONT}">{title}</text>',
        *_data(spec, frame),
        *_axes(spec, frame),
        *_legend(rows, frame),
        "</svg>",
    ]
    return "".join(parts)


def _frame(spec: ChartSpec, top: float, height: float) -> Frame:
    x0, x1 = x_range(spec)
    y0, y1 = y_range(spec)
    left, right, _, bottom = MARGINS
    left += Y_LABEL if spec.y_label else 0
    return Frame(left, top, WIDTH - left - right, height - top - bottom, x0, x1, y0, y1)


def _n(value: float) -> str:
    """A coordinate, to a tenth of a unit."""
    return f"{value:.1f}".removesuffix(".0")


def _ink(colour: str) -> str:
    """The class and colour attributes of a data part: ``currentColor`` inside is this colour."""
    hex_digits = colour.removeprefix("#").lower()
    return f'class="ink-{escape(hex_digits)}" color="{escape(colour)}"'


def _data(spec: ChartSpec, f: Frame) -> list[str]:
    """Spans, bars, lines with their markers, then the rules, back to front."""
    out = []
    for s in spec.spans:
        x0, x1 = f.x(s.first.toordinal() - 0.5), f.x(s.last.toordinal() + 0.5)
        out.append(
            f'<rect class="rc-span" x="{_n(x0)}" y="{_n(f.top)}" width="{_n(x1 - x0)}" '
            f'height="{_n(f.height)}" fill="{escape(s.colour)}"/>'
        )
    for b in spec.bars:
        base, path = f.y(0.0), []
        for day, value in zip(b.days, b.values, strict=True):
            if value:
                x0, x1 = f.x(day.toordinal() - 0.45), f.x(day.toordinal() + 0.45)
                path.append(f"M{_n(x0)} {_n(base)}V{_n(f.y(value))}H{_n(x1)}V{_n(base)}Z")
        out.append(f'<path {_ink(b.colour)} fill="currentColor" d="{"".join(path)}"/>')
    for line in spec.lines:
        out.append(_line(line, f))
    for r in spec.rules:
        out.append(_rule(r, f))
    return out


def _line(line: Line, f: Frame) -> str:
    """A polyline through the days' values, and a round dot on each (a path of zero-length
    segments with round caps: a few bytes a day on a year-long chart)."""
    points = [(f.x(d.toordinal()), f.y(v)) for d, v in zip(line.days, line.values, strict=True)]
    parts = [f"<g {_ink(line.colour)}>"]
    if len(points) > 1:
        joined = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
        parts.append(
            f'<polyline fill="none" stroke="currentColor" stroke-width="{_n(line.width * PT)}" '
            f'stroke-linejoin="round" points="{joined}"/>'
        )
    if line.marker or len(points) == 1:
        dots = "".join(f"M{_n(x)} {_n(y)}h0" for x, y in points)
        size = max(line.marker, 2.5) * PT
        parts.append(
            f'<path fill="none" stroke="currentColor" stroke-width="{_n(size)}" '
            f'stroke-linecap="round" d="{dots}"/>'
        )
    return "".join(parts) + "</g>"


def _rule(r: Rule, f: Frame) -> str:
    """A horizontal line, dashed or not, with its words at the left edge just above it."""
    x0 = f.x(r.first.toordinal()) if r.first else f.left
    x1 = f.x(r.last.toordinal()) if r.last else f.left + f.width
    y = f.y(r.y)
    dash = ' stroke-dasharray="6 4"' if r.dashed else ""
    line = (
        f'<line {_ink(r.colour)} stroke="currentColor" stroke-width="{_n(r.width * PT)}"{dash} '
        f'x1="{_n(x0)}" x2="{_n(x1)}" y1="{_n(y)}" y2="{_n(y)}"/>'
    )
    if not r.text.strip():
        return line
    return line + f'<text x="{_n(f.left + 4)}" y="{_n(y - 4)}">{escape(r.text.strip())}</text>'


def _axes(spec: ChartSpec, f: Frame) -> list[str]:
    """The frame, value ticks on the left, date ticks below, and the value label."""
    bottom = f.top + f.height
    out = [
        f'<rect class="rc-frame" x="{_n(f.left)}" y="{_n(f.top)}" width="{_n(f.width)}" '
        f'height="{_n(f.height)}" fill="none" stroke="currentColor" stroke-width="1"/>'
    ]
    marks = []
    for value in value_ticks(f.y0, f.y1):
        y = f.y(value)
        marks.append(f"M{_n(f.left - 4)} {_n(y)}H{_n(f.left)}")
        out.append(
            f'<text x="{_n(f.left - 6)}" y="{_n(y + FONT * 0.35)}" text-anchor="end">'
            f"{value:g}</text>"
        )
    for day, label in day_ticks(f.x0, f.x1):
        x = f.x(day.toordinal())
        marks.append(f"M{_n(x)} {_n(bottom)}V{_n(bottom + 4)}")
        out.append(
            f'<text x="{_n(x)}" y="{_n(bottom + 4 + FONT)}" text-anchor="middle">{label}</text>'
        )
    out.append(f'<path stroke="currentColor" stroke-width="1" d="{"".join(marks)}"/>')
    if spec.y_label:
        x, y = 4 + FONT, f.top + f.height / 2
        out.append(
            f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="middle" '
            f'transform="rotate(-90 {_n(x)} {_n(y)})">{escape(spec.y_label)}</text>'
        )
    return out


_Entry = tuple[str, str, str]  # label, colour, kind


def _legend_rows(spec: ChartSpec) -> list[list[_Entry]]:
    """The legend's entries in rows that fit the plot's width (none without a legend)."""
    if not spec.legend:
        return []
    room = WIDTH - MARGINS[0] - MARGINS[1] - (Y_LABEL if spec.y_label else 0)
    rows: list[list[_Entry]] = []
    used: float = room
    for entry in legend_entries(spec):
        width = _entry_width(entry[0])
        if used + width > room:
            rows.append([])
            used = 0
        rows[-1].append(entry)
        used += width
    return rows


def _entry_width(label: str) -> float:
    return 28 + len(label) * CHAR + 14


def _legend(rows: Iterable[list[_Entry]], f: Frame) -> list[str]:
    """Each row of swatches and labels above the plot, flush with its right edge."""
    out = []
    for i, row in enumerate(rows):
        y = MARGINS[2] + LEGEND_ROW * i + LEGEND_ROW / 2
        x = f.left + f.width - sum(_entry_width(label) for label, _, _ in row) + 14
        for label, colour, kind in row:
            if kind == "line":
                out.append(
                    f'<line {_ink(colour)} stroke="currentColor" stroke-width="2.5" '
                    f'x1="{_n(x)}" x2="{_n(x + 22)}" y1="{_n(y)}" y2="{_n(y)}"/>'
                )
            else:
                look = 'class="rc-span"' if kind == "span" else _ink(colour)
                fill = escape(colour) if kind == "span" else "currentColor"
                out.append(
                    f'<rect {look} x="{_n(x)}" y="{_n(y - 6)}" width="22" height="12" '
                    f'fill="{fill}" stroke="currentColor" stroke-width="0.5"/>'
                )
            out.append(f'<text x="{_n(x + 28)}" y="{_n(y + FONT * 0.35)}">{escape(label)}</text>')
            x += _entry_width(label)
    return out


def summary(spec: ChartSpec) -> str:
    """What the chart shows, in words: for a screen reader, and for anyone without the picture."""
    first, last = day_range(spec)
    unit = f" ({spec.y_label})" if spec.y_label else ""
    words = [f"Days {first} to {last}{unit}."]
    words += _phase_words(spec)
    for label, days, values in [
        *((b.label or "bars", b.days, b.values) for b in spec.bars),
        *((line.label or "daily values", line.days, line.values) for line in spec.lines),
    ]:
        words.append(_series_words(label, days, values))
    words += _rule_words(spec.rules)
    return " ".join(words)


def _num(value: float) -> str:
    return f"{round(value, 1):g}"


def _series_words(label: str, days: Sequence[date], values: Sequence[float]) -> str:
    if not values:
        return f"{label.capitalize()}: none."
    return (
        f"{label.capitalize()}: {len(values)} day(s), from {_num(min(values))} to "
        f"{_num(max(values))}, last {_num(values[-1])} on {days[-1]}."
    )


def _phase_words(spec: ChartSpec) -> list[str]:
    """Shaded spans by name (a repeated span takes the name its colour had first)."""
    names: dict[str, str] = {}
    spans = []
    for s in spec.spans:
        name = s.label or names.get(s.colour, "shaded")
        names.setdefault(s.colour, name)
        spans.append(f"{name} {s.first} to {s.last}")
    return [f"Shaded: {'; '.join(spans)}."] if spans else []


def _rule_words(rules: Sequence[Rule]) -> list[str]:
    """Lines across by their words ("dashed line at 350: supplemental UL"), means by span."""
    words = []
    by_what: dict[str, list[str]] = {}
    for r in rules:
        if r.first and r.last and not r.text.strip():
            by_what.setdefault(r.what or "level", []).append(f"{_num(r.y)} ({r.first} to {r.last})")
            continue
        kind = "Dashed line" if r.dashed else "Line"
        label = f": {r.text.strip()}" if r.text.strip() else ""
        words.append(f"{kind} at {_num(r.y)}{label}.")
    ranged = [f"{what.capitalize()} by span: {', '.join(v)}." for what, v in by_what.items()]
    return ranged + words
