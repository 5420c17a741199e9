"""What a report chart shows, as plain data: shaded spans, lines, bars and horizontal rules.

A :class:`ChartSpec` is built once from the report's numbers and drawn by whichever renderer the
output needs: the PDF draws it as vector paths (no raster step), HTML pages and the HTML report
as inline SVG, and a file that needs pixels as a PNG. Specs are immutable and hashable, so a
rendering can be cached per spec: the same data always gives the same picture.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True, slots=True)
class Span:
    """A shaded background band from ``first`` to ``last`` (whole days, inclusive)."""

    first: date
    last: date
    colour: str
    label: str | None  # in the legend; None for a repeat of an earlier label


@dataclass(frozen=True, slots=True)
class Line:
    """A line through daily values, with round markers of ``marker`` points (0: none)."""

    days: tuple[date, ...]
    values: tuple[float, ...]
    colour: str
    width: float
    marker: float = 0.0
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Bars:
    """One bar per day from zero."""

    days: tuple[date, ...]
    values: tuple[float, ...]
    colour: str
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    """A horizontal line at ``y``, across the chart or from ``first`` to ``last``."""

    y: float
    colour: str
    width: float
    dashed: bool = False
    text: str = ""  # written at the left edge, just above the line
    first: date | None = None
    last: date | None = None
    what: str = ""  # what the line is, in words for a screen reader ("mean"); not drawn


@dataclass(frozen=True, slots=True)
class ChartSpec:
    """One chart: title, size, drawn parts (back to front: spans, bars, lines, rules)."""

    title: str
    height_in: float
    spans: tuple[Span, ...] = ()
    bars: tuple[Bars, ...] = ()
    lines: tuple[Line, ...] = ()
    rules: tuple[Rule, ...] = ()
    y_range: tuple[float, float] | None = None  # None: from the data
    y_label: str = ""
    legend: bool = False


def day_range(spec: ChartSpec) -> tuple[date, date]:
    """The first and last day any part of the chart covers."""
    days = [d for line in spec.lines for d in line.days] + [d for b in spec.bars for d in b.days]
    days += [d for s in spec.spans for d in (s.first, s.last)]
    days += [d for r in spec.rules for d in (r.first, r.last) if d is not None]
    if not days:
        today = date(1970, 1, 1)
        return today, today + timedelta(days=1)
    return min(days), max(days)


def legend_entries(spec: ChartSpec) -> tuple[tuple[str, str, str], ...]:
    """(label, colour, kind) in drawing order; kind is "span", "bar" or "line"."""
    entries = [(s.label, s.colour, "span") for s in spec.spans if s.label]
    entries += [(b.label, b.colour, "bar") for b in spec.bars if b.label]
    entries += [(line.label, line.colour, "line") for line in spec.lines if line.label]
    return tuple(entries)
