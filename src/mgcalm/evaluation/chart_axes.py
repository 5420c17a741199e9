"""Axis ranges and ticks of a report chart, shared by the PDF and SVG renderers.

Both renderers place a :class:`ChartSpec` on the same axes: days from the first to the last
day any part covers, values from the data (or the spec's fixed range), each padded by 5 % like
matplotlib's default, with round value ticks and month or day ticks below.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from mgcalm.evaluation.chart_spec import ChartSpec, day_range


@dataclass(frozen=True, slots=True)
class Frame:
    """The plot box in the renderer's units (mm on a PDF page, user units in an SVG) and the
    data range it shows."""

    left: float
    top: float
    width: float
    height: float
    x0: float  # day ordinal at the left edge
    x1: float
    y0: float  # value at the bottom edge
    y1: float

    def x(self, ordinal: float) -> float:
        return self.left + (ordinal - self.x0) / (self.x1 - self.x0) * self.width

    def y(self, value: float) -> float:
        return self.top + (self.y1 - value) / (self.y1 - self.y0) * self.height


def x_range(spec: ChartSpec) -> tuple[float, float]:
    """Day ordinals at the left and right edges: half a day beyond each end, then padded."""
    first, last = day_range(spec)
    return padded(first.toordinal() - 0.5, last.toordinal() + 0.5)


def y_range(spec: ChartSpec) -> tuple[float, float]:
    """Values at the bottom and top edges: the spec's own range, or the data's, padded."""
    return spec.y_range or padded(*value_range(spec))


def value_range(spec: ChartSpec) -> tuple[float, float]:
    """Lowest and highest value any line, bar (from zero) or rule reaches."""
    values = [v for line in spec.lines for v in line.values]
    values += [v for b in spec.bars for v in (*b.values, 0.0)]
    values += [r.y for r in spec.rules]
    if not values:
        return 0.0, 1.0
    low, high = min(values), max(values)
    return (low - 0.5, high + 0.5) if low == high else (low, high)


def padded(low: float, high: float) -> tuple[float, float]:
    """matplotlib's default 5 % margin on each side of the data."""
    pad = (high - low) * 0.05
    return low - pad, high + pad


def value_ticks(low: float, high: float) -> list[float]:
    """Round values between ``low`` and ``high``, about five to eight of them."""
    raw = (high - low) / 6
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1.0
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.ceil(low / step) * step
    count = int((high - first) / step + 1e-9) + 1
    return [round(first + i * step, 10) for i in range(count)]


def day_ticks(x0: float, x1: float) -> list[tuple[date, str]]:
    """Month starts ("2026-03") on long charts, every few days ("03-14") on short ones."""
    first, last = date.fromordinal(math.ceil(x0)), date.fromordinal(math.floor(x1))
    if (last - first).days <= 62:
        step = max(1, (last - first).days // 7)
        days = [first + timedelta(days=i) for i in range(0, (last - first).days + 1, step)]
        return [(d, f"{d:%m-%d}") for d in days]
    months = (last.year - first.year) * 12 + last.month - first.month
    every = next(n for n in (1, 2, 3, 4, 6, 12, 24) if months / n <= 7)
    ticks = []
    year, month = first.year, first.month
    while date(year, month, 1) <= last:
        start = date(year, month, 1)
        if start >= first and (year * 12 + month - 1) % every == 0:
            ticks.append((start, f"{start:%Y-%m}"))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return ticks
