"""Report charts as PNG, drawn from a :class:`ChartSpec` with matplotlib's Agg backend.

Pages and the PDF never need this (they draw SVG and vector paths, without matplotlib, which
takes seconds to import and draw a year of data); it stays for files that can only hold
pixels. :func:`png` keeps recent renderings: the same spec always gives the same picture.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from mgcalm.evaluation.chart_spec import ChartSpec

if TYPE_CHECKING:
    import numpy as np
    from matplotlib.axes import Axes
    from numpy.typing import NDArray

DPI = 110
WIDTH_IN = 7.0
_EPOCH = date(1970, 1, 1).toordinal()


def _day_number(day: date) -> float:
    """matplotlib's date number of a day (days since its default 1970-01-01 epoch)."""
    return float(day.toordinal() - _EPOCH)


def _days(days: Sequence[date]) -> NDArray[np.datetime64]:
    """Dates as a NumPy day array, which matplotlib plots on a date axis."""
    import numpy as np

    return np.array(days, dtype="datetime64[D]")


@lru_cache(maxsize=64)
def png(spec: ChartSpec) -> bytes:
    """The chart as PNG bytes (recent renderings are kept: the same spec, the same picture)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_IN, spec.height_in), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    _draw(axes, spec)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def _draw(axes: Axes, spec: ChartSpec) -> None:
    """Every part of ``spec`` on matplotlib axes whose x axis is dates."""
    for s in spec.spans:
        label = s.label or "_nolegend_"
        first, last = _day_number(s.first) - 0.5, _day_number(s.last) + 0.5
        axes.axvspan(first, last, color=s.colour, label=label, zorder=0)
    for b in spec.bars:
        axes.bar(_days(b.days), b.values, color=b.colour, label=b.label, width=0.9)
    for line in spec.lines:
        marker: dict[str, Any] = {"marker": "o", "markersize": line.marker} if line.marker else {}
        axes.plot(
            _days(line.days),
            line.values,
            color=line.colour,
            linewidth=line.width,
            label=line.label or "_nolegend_",
            **marker,
        )
    for r in spec.rules:
        style = "--" if r.dashed else "-"
        if r.first is not None and r.last is not None:
            ends = _days([r.first, r.last])
            axes.hlines(r.y, ends[0], ends[1], colors=r.colour, linewidth=r.width, linestyle=style)
        else:
            axes.axhline(r.y, color=r.colour, linewidth=r.width, linestyle=style)
        if r.text:
            axes.text(0.005, r.y, r.text, transform=axes.get_yaxis_transform(), fontsize=6)
    if spec.y_range is not None:
        axes.set_ylim(*spec.y_range)
    if spec.y_label:
        axes.set_ylabel(spec.y_label, fontsize=7)
    axes.set_title(spec.title, fontsize=9)
    axes.tick_params(labelsize=7)
    if spec.legend:
        axes.legend(fontsize=6, loc="upper right", ncols=4 if spec.spans else 1)
