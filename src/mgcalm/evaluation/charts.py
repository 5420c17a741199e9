"""Report charts as :class:`ChartSpec` data: one spec per outcome, questionnaire and intake.

Each renderer draws the same specs: vector paths in the PDF (``chart_pdf``), inline SVG in HTML
pages and the HTML report (``chart_svg``), and PNG where a file needs pixels (``chart_png``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mgcalm.evaluation.chart_spec import Bars, ChartSpec, Line, Rule, Span
from mgcalm.instruments.catalog import get_instrument
from mgcalm.instruments.scoring import band_for

if TYPE_CHECKING:
    from mgcalm.evaluation.design import TrialDesign
    from mgcalm.evaluation.questionnaires import TrajectoryPoint
    from mgcalm.evaluation.report_input import IntakeDay, OutcomeSeries
    from mgcalm.evaluation.schedule import Schedule

PHASE_COLOURS = {
    "baseline": "#e8eef7",
    "titration": "#fdf1dc",
    "run_in": "#fdf1dc",
    "maintenance": "#e3f2e6",
    "withdrawal": "#f3e6f3",
    "magnesium": "#e3f2e6",
    "placebo": "#f3e6f3",
    "off": "#f3e6f3",
    "period": "#f1f1f1",
}
VALUE_COLOUR = "#1f4e79"
MEAN_COLOUR = "#c0392b"


def _phase_spans(design: TrialDesign | Schedule) -> tuple[Span, ...]:
    """The background by trial phase, each phase labelled once."""
    seen: set[str] = set()
    spans = []
    for phase, first, last in design.spans():
        spans.append(Span(first, last, PHASE_COLOURS[phase], None if phase in seen else phase))
        seen.add(phase)
    return tuple(spans)


def outcome_spec(series: OutcomeSeries, design: TrialDesign | Schedule) -> ChartSpec:
    """Daily values of one outcome over the trial phases, with each phase's mean."""
    observations = series.observations
    values = Line(
        tuple(o.day for o in observations),
        tuple(o.value for o in observations),
        VALUE_COLOUR,
        width=0.8,
        marker=2.5,
    )
    means = []
    for _, first, last in design.spans():
        chosen = [o for o in observations if first <= o.day <= last]
        if chosen:
            mean = sum(o.value for o in chosen) / len(chosen)
            means.append(
                Rule(mean, MEAN_COLOUR, 1.5, first=chosen[0].day, last=chosen[-1].day, what="mean")
            )
    better = "higher is better" if series.outcome.higher_is_better else "lower is better"
    return ChartSpec(
        f"{series.outcome.name.replace('_', ' ')} ({better})",
        2.4,
        spans=_phase_spans(design),
        lines=(values,),
        rules=tuple(means),
        legend=True,
    )


def _band_edges(instrument_id: str) -> list[tuple[int, str]]:
    """(lowest total, band) for each band of an instrument, read from its scoring rules."""
    edges: list[tuple[int, str]] = []
    for total in range(get_instrument(instrument_id).max_total + 1):
        band = band_for(instrument_id, total)
        if not edges or edges[-1][1] != band:
            edges.append((total, band))
    return edges


def questionnaire_spec(instrument_id: str, points: Sequence[TrajectoryPoint]) -> ChartSpec:
    """Totals over time with the instrument's bands drawn as horizontal lines."""
    instrument = get_instrument(instrument_id)
    bands = tuple(
        Rule(low - 0.5, "#999999", 0.6, dashed=True, text=band)
        for low, band in _band_edges(instrument_id)[1:]
    )
    totals = Line(
        tuple(p.day for p in points), tuple(float(p.total) for p in points), VALUE_COLOUR, 1.5, 6.0
    )
    return ChartSpec(
        f"{instrument.name} total ({instrument.recall})",
        2.0,
        lines=(totals,),
        rules=bands,
        y_range=(0, instrument.max_total),
    )


def intake_spec(intake: Sequence[IntakeDay], supplemental_ul_mg: float | None) -> ChartSpec:
    """Daily magnesium from food and supplements, with the supplemental upper limit."""
    days = tuple(d.day for d in intake)
    # The upper limit applies to supplemental magnesium only, so supplements get their own
    # bars against it and food is drawn as a separate line rather than stacked on top.
    supplements = Bars(days, tuple(d.supplement_mg for d in intake), "#5b8bd9", "supplements")
    food = Line(days, tuple(d.diet_mg or 0.0 for d in intake), "#3c8d3a", 1.0, label="food")
    limit = (
        (Rule(supplemental_ul_mg, MEAN_COLOUR, 1.0, dashed=True, text=" supplemental UL"),)
        if supplemental_ul_mg is not None
        else ()
    )
    return ChartSpec(
        "Magnesium: supplements (bars) and food (line)",
        2.2,
        bars=(supplements,),
        lines=(food,),
        rules=limit,
        y_label="mg/day",
        legend=True,
    )
