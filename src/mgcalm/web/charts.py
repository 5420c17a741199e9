"""Server-rendered SVG charts: no script, no inline style, readable by screen readers.

Each chart is an ``<svg role="img">`` with a ``<title>`` and a text description, styled only by
classes from mgcalm.css (so dark mode and the strict CSP both hold). Markup is built with
``markupsafe`` so every label is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from markupsafe import Markup, escape

from mgcalm.domain.outcome_words import outcome_words

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 22, 34  # room for axis text at phone sizes
DOTS_UP_TO = 31  # days drawn as dots as well as a line (a month)
#: Supplements this close to the upper limit (share of it) get the limit drawn on the chart.
NEAR_LIMIT = 0.75
ROW = 64  # height of one effect in the effect chart


def _frame(title: str, description: str, body: list[str], height: int = HEIGHT) -> Markup:
    head = (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
        f"<desc>{escape(description)}</desc>"
    )
    return Markup(head + "".join(body) + "</svg>")


def _x_scale(first: date, last: date) -> Any:
    if first == last:  # one day: in the middle, not on the axis
        return lambda _d: LEFT + (WIDTH - LEFT - RIGHT) / 2
    span = (last - first).days
    return lambda d: LEFT + (WIDTH - LEFT - RIGHT) * (d - first).days / span


def _y_scale(low: float, high: float, height: int = HEIGHT) -> Any:
    span = (high - low) or 1.0
    return lambda v: TOP + (height - TOP - BOTTOM) * (1 - (v - low) / span)


def _phase_bands(points: Sequence[dict[str, Any]], x: Any) -> list[str]:
    bands: list[str] = []
    runs: list[tuple[str, date, date]] = []
    for p in points:
        day = date.fromisoformat(p["day"])
        if runs and runs[-1][0] == p["phase"]:
            runs[-1] = (runs[-1][0], runs[-1][1], day)
        else:
            runs.append((p["phase"], day, day))
    for phase, start, end in runs:
        left, right = x(start), max(x(end), x(start) + 2)
        bands.append(
            f'<rect class="phase-band-{escape(phase or "none")}" x="{left:.1f}" y="{TOP}" '
            f'width="{right - left:.1f}" height="{HEIGHT - TOP - BOTTOM}"><title>'
            f"{escape(phase or 'outside the trial')}</title></rect>"
        )
        bands.append(
            f'<text class="label" x="{left + 3:.1f}" y="{TOP + 18}">{escape(phase)}</text>'
        )
    return bands


def _tick(value: float, span: float) -> str:
    """An axis number: whole numbers once the axis spans more than a few units."""
    return f"{value:.0f}" if span > 10 else f"{value:g}"


def line_chart(title: str, points: Sequence[dict[str, Any]], low: float, high: float) -> Markup:
    """Daily values as a line over shaded trial phases (baseline, titration, maintenance…).

    Each day is also a dot while there are few of them, so a first day shows as a point.
    """
    if not points:
        return Markup("")
    days = [date.fromisoformat(p["day"]) for p in points]
    x, y = _x_scale(days[0], days[-1]), _y_scale(low, high)
    body = _phase_bands(points, x)
    for tick in (low, (low + high) / 2, high):
        body.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" '
            f'y2="{y(tick):.1f}"/><text class="label" x="4" y="{y(tick) + 4:.1f}">'
            f"{_tick(tick, high - low)}</text>"
        )
    xy = [(x(d), y(p["value"])) for d, p in zip(days, points, strict=True)]
    if len(xy) > 1:
        body.append(
            f'<polyline class="series" points="{" ".join(f"{a:.1f},{b:.1f}" for a, b in xy)}"/>'
        )
    if len(xy) <= DOTS_UP_TO:
        body += [f'<circle class="dot" cx="{a:.1f}" cy="{b:.1f}" r="7"/>' for a, b in xy]
    body.append(f'<text class="label" x="{LEFT}" y="{HEIGHT - 8}">{days[0]}</text>')
    if days[-1] != days[0]:
        body.append(
            f'<text class="label" x="{WIDTH - RIGHT}" y="{HEIGHT - 8}" '
            f'text-anchor="end">{days[-1]}</text>'
        )
    description = (
        f"1 day, {days[0]}: {points[0]['value']:g}."
        if len(points) == 1
        else f"{len(points)} days from {days[0]} to {days[-1]}."
    )
    return _frame(title, description, body)


def effect_chart(effects: Sequence[dict[str, Any]]) -> Markup:
    """Each effect as a point with its 95 % interval against a dashed line at no change."""
    ready = [e for e in effects if e.get("ready")]
    if not ready:
        return Markup("")
    height = TOP + BOTTOM + ROW * len(ready)
    bound = max(max(abs(e["effect"]["ci95"][0]), abs(e["effect"]["ci95"][1])) for e in ready)
    bound = max(float(bound), 1.0)
    left = LEFT
    scale = (WIDTH - left - RIGHT) / (2 * bound)

    def x(v: float) -> float:
        return left + (v + bound) * scale

    body = [
        f'<line class="zero" x1="{x(0):.1f}" x2="{x(0):.1f}" y1="{TOP}" y2="{height - BOTTOM}"/>'
    ]
    for i, e in enumerate(ready):
        yy = TOP + 34 + ROW * i  # the name above its interval, so long names fit a phone
        lo, hi = e["effect"]["ci95"]
        name = outcome_words(str(e["outcome"]))
        body.append(f'<text class="label" x="4" y="{yy - 12}">{escape(name)}</text>')
        body.append(f'<line class="ci" x1="{x(lo):.1f}" x2="{x(hi):.1f}" y1="{yy}" y2="{yy}"/>')
        body.append(f'<circle class="dot" cx="{x(e["effect"]["estimate"]):.1f}" cy="{yy}" r="5"/>')
    body.append(f'<text class="label" x="{x(-bound):.1f}" y="{height - 8}">{-bound:.1f}</text>')
    body.append(
        f'<text class="label" x="{x(bound):.1f}" y="{height - 8}" text-anchor="end">'
        f"+{bound:.1f}</text>"
    )
    words = "; ".join(
        f"{outcome_words(str(e['outcome']))} {e['effect']['estimate']:+.1f} "
        f"(95% interval {e['effect']['ci95'][0]:+.1f} to {e['effect']['ci95'][1]:+.1f})"
        for e in ready
    )
    return _frame("Change on magnesium compared with baseline", words, body, height)


def intake_chart(days: Sequence[dict[str, Any]], ul_mg: float | None) -> Markup:
    """Daily magnesium: supplements (lower bars) and food on top, scaled to the data.

    The supplement upper limit applies to supplements only, so it is drawn only when a day's
    supplements come near it, and never as a line that a normal day's food seems to cross.
    """
    if not any(d["supplement_mg"] or d["food_mg"] for d in days):
        return Markup("")  # nothing logged: the page says so in words
    supplements = [d["supplement_mg"] for d in days]
    near = bool(ul_mg) and max(supplements) >= NEAR_LIMIT * float(ul_mg or 0)
    most = max([(d["food_mg"] or 0) + d["supplement_mg"] for d in days] + [100])
    top = max(most, float(ul_mg or 0) if near else 0) * 1.15
    y = _y_scale(0, top)
    step = (WIDTH - LEFT - RIGHT) / len(days)
    body: list[str] = []
    for i, d in enumerate(days):
        x0 = LEFT + i * step + 1
        food, supp = d["food_mg"] or 0, d["supplement_mg"]
        body.append(
            f'<rect class="bar" x="{x0:.1f}" y="{y(supp):.1f}" width="{step - 2:.1f}" '
            f'height="{y(0) - y(supp):.1f}"/>'
        )
        body.append(
            f'<rect class="bar-2" x="{x0:.1f}" y="{y(supp + food):.1f}" '
            f'width="{step - 2:.1f}" height="{y(supp) - y(supp + food):.1f}"/>'
        )
    if near and ul_mg:
        body.append(
            f'<line class="zero" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(ul_mg):.1f}" '
            f'y2="{y(ul_mg):.1f}"/><text class="label" x="{LEFT + 4}" '
            f'y="{y(ul_mg) - 6:.1f}">upper limit for supplements: {ul_mg:g} mg</text>'
        )
    body.append(f'<text class="label" x="4" y="{y(0):.1f}">0</text>')
    body.append(f'<text class="label" x="4" y="{y(most) + 6:.1f}">{most:.0f}</text>')
    limit = (
        f" Supplements came near the upper limit of {ul_mg:g} mg, drawn as a dashed line."
        if near and ul_mg
        else f" Supplements stayed well under the upper limit of {ul_mg:g} mg."
        if ul_mg
        else ""
    )
    description = f"Supplement and food magnesium for the last {len(days)} days.{limit}"
    return _frame("Magnesium per day: supplements and food", description, body)
