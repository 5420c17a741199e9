"""Report charts as PNG bytes, drawn with matplotlib's Agg backend (no display, no pyplot state)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from mgcalm.instruments.catalog import get_instrument
from mgcalm.instruments.scoring import band_for

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from mgcalm.evaluation.design import TrialDesign
    from mgcalm.evaluation.questionnaires import TrajectoryPoint
    from mgcalm.evaluation.report_input import IntakeDay, OutcomeSeries
    from mgcalm.evaluation.schedule import Schedule

PHASE_COLOURS = {
    "baseline": "#e8eef7",
    "titration": "#fdf1dc",
    "maintenance": "#e3f2e6",
    "withdrawal": "#f3e6f3",
    "magnesium": "#e3f2e6",
    "placebo": "#f3e6f3",
    "off": "#f3e6f3",
    "period": "#f1f1f1",
}
DPI = 110
_EPOCH = date(1970, 1, 1).toordinal()


def _figure(height: float = 2.4) -> tuple[Figure, Axes]:
    """A fresh figure and axes bound to an Agg canvas."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(7.0, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    return figure, figure.add_subplot()


def _png(figure: Figure) -> bytes:
    """Render a figure to PNG bytes."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def _days(days: Sequence[date]) -> NDArray[np.datetime64]:
    """Dates as a NumPy day array, which matplotlib plots on a date axis."""
    return np.array(days, dtype="datetime64[D]")


def _day_number(day: date) -> float:
    """matplotlib's date number of a day (days since its default 1970-01-01 epoch)."""
    return float(day.toordinal() - _EPOCH)


def _shade_phases(axes: Axes, design: TrialDesign | Schedule) -> None:
    """Colour the background by trial phase and label each phase once."""
    seen: set[str] = set()
    for phase, first, last in design.spans():
        axes.axvspan(
            _day_number(first) - 0.5,
            _day_number(last) + 0.5,
            color=PHASE_COLOURS[phase],
            label=phase if phase not in seen else "_nolegend_",
            zorder=0,
        )
        seen.add(phase)


def outcome_chart(series: OutcomeSeries, design: TrialDesign | Schedule) -> bytes:
    """Daily values of one outcome over the trial phases, with each phase's mean."""
    figure, axes = _figure()
    _shade_phases(axes, design)
    days = _days([o.day for o in series.observations])
    values = [o.value for o in series.observations]
    axes.plot(days, values, marker="o", markersize=2.5, linewidth=0.8, color="#1f4e79")
    for _, first, last in design.spans():
        chosen = [o for o in series.observations if first <= o.day <= last]
        if chosen:
            mean = sum(o.value for o in chosen) / len(chosen)
            ends = _days([chosen[0].day, chosen[-1].day])
            axes.hlines(mean, ends[0], ends[1], colors="#c0392b", linewidth=1.5)
    better = "higher is better" if series.outcome.higher_is_better else "lower is better"
    axes.set_title(f"{series.outcome.name.replace('_', ' ')} ({better})", fontsize=9)
    axes.tick_params(labelsize=7)
    axes.legend(fontsize=6, loc="upper right", ncols=4)
    return _png(figure)


def _band_edges(instrument_id: str) -> list[tuple[int, str]]:
    """(lowest total, band) for each band of an instrument, read from its scoring rules."""
    edges: list[tuple[int, str]] = []
    for total in range(get_instrument(instrument_id).max_total + 1):
        band = band_for(instrument_id, total)
        if not edges or edges[-1][1] != band:
            edges.append((total, band))
    return edges


def questionnaire_chart(instrument_id: str, points: Sequence[TrajectoryPoint]) -> bytes:
    """Totals over time with the instrument's bands drawn as horizontal lines."""
    instrument = get_instrument(instrument_id)
    figure, axes = _figure(2.0)
    for low, band in _band_edges(instrument_id)[1:]:
        axes.axhline(low - 0.5, color="#999999", linewidth=0.6, linestyle="--")
        axes.text(0.005, low, band, transform=axes.get_yaxis_transform(), fontsize=6)
    axes.plot(
        _days([p.day for p in points]), [p.total for p in points], marker="o", color="#1f4e79"
    )
    axes.set_ylim(0, instrument.max_total)
    axes.set_title(f"{instrument.name} total ({instrument.recall})", fontsize=9)
    axes.tick_params(labelsize=7)
    return _png(figure)


def intake_chart(intake: Sequence[IntakeDay], supplemental_ul_mg: float | None) -> bytes:
    """Daily magnesium from food and supplements, with the supplemental upper limit."""
    figure, axes = _figure(2.2)
    days = _days([d.day for d in intake])
    diet = [d.diet_mg or 0.0 for d in intake]
    supplement = [d.supplement_mg for d in intake]
    # The upper limit applies to supplemental magnesium only, so supplements get their own
    # bars against it and food is drawn as a separate line rather than stacked on top.
    axes.bar(days, supplement, color="#5b8bd9", label="supplements", width=0.9)
    axes.plot(days, diet, color="#3c8d3a", linewidth=1, label="food")
    if supplemental_ul_mg is not None:
        axes.axhline(supplemental_ul_mg, color="#c0392b", linewidth=1, linestyle="--")
        axes.text(
            0.005,
            supplemental_ul_mg,
            " supplemental UL",
            fontsize=6,
            transform=axes.get_yaxis_transform(),
        )
    axes.set_ylabel("mg/day", fontsize=7)
    axes.set_title("Magnesium: supplements (bars) and food (line)", fontsize=9)
    axes.tick_params(labelsize=7)
    axes.legend(fontsize=6, loc="upper right")
    return _png(figure)
