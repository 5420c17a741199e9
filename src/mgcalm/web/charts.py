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

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 12, 34


def _frame(title: str, description: str, body: list[str], height: int = HEIGHT) -> Markup:
    head = (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
        f"<desc>{escape(description)}</desc>"
    )
    return Markup(head + "".join(body) + "</svg>")


def _x_scale(first: date, last: date) -> Any:
    span = max((last - first).days, 1)
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


def line_chart(title: str, points: Sequence[dict[str, Any]], low: float, high: float) -> Markup:
    """Daily values as a line over shaded trial phases (baseline, titration, maintenance…)."""
    if not points:
        return Markup("")
    days = [date.fromisoformat(p["day"]) for p in points]
    x, y = _x_scale(days[0], days[-1]), _y_scale(low, high)
    body = _phase_bands(points, x)
    for tick in (low, (low + high) / 2, high):
        body.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" '
            f'y2="{y(tick):.1f}"/><text class="label" x="4" y="{y(tick) + 4:.1f}">'
            f"{tick:g}</text>"
        )
    path = " ".join(f"{x(d):.1f},{y(p['value']):.1f}" for d, p in zip(days, points, strict=True))
    body.append(f'<polyline class="series" points="{path}"/>')
    body.append(f'<text class="label" x="{LEFT}" y="{HEIGHT - 8}">{days[0]}</text>')
    body.append(
        f'<text class="label" x="{WIDTH - RIGHT}" y="{HEIGHT - 8}" '
        f'text-anchor="end">{days[-1]}</text>'
    )
    description = f"{len(points)} days from {days[0]} to {days[-1]}."
    return _frame(title, description, body)


def effect_chart(effects: Sequence[dict[str, Any]]) -> Markup:
    """Each effect as a point with its 95 % interval against a dashed line at no change."""
    ready = [e for e in effects if e.get("ready")]
    if not ready:
        return Markup("")
    height = TOP + BOTTOM + 40 * len(ready)
    bound = max(max(abs(e["effect"]["ci95"][0]), abs(e["effect"]["ci95"][1])) for e in ready)
    bound = max(float(bound), 1.0)
    left = 150
    scale = (WIDTH - left - RIGHT) / (2 * bound)

    def x(v: float) -> float:
        return left + (v + bound) * scale

    body = [
        f'<line class="zero" x1="{x(0):.1f}" x2="{x(0):.1f}" y1="{TOP}" y2="{height - BOTTOM}"/>'
    ]
    for i, e in enumerate(ready):
        yy = TOP + 20 + 40 * i
        lo, hi = e["effect"]["ci95"]
        name = str(e["outcome"]).replace("_", " ")
        body.append(f'<text class="label" x="4" y="{yy + 6}">{escape(name)}</text>')
        body.append(f'<line class="ci" x1="{x(lo):.1f}" x2="{x(hi):.1f}" y1="{yy}" y2="{yy}"/>')
        body.append(f'<circle class="dot" cx="{x(e["effect"]["estimate"]):.1f}" cy="{yy}" r="5"/>')
    body.append(f'<text class="label" x="{x(-bound):.1f}" y="{height - 8}">{-bound:.1f}</text>')
    body.append(
        f'<text class="label" x="{x(bound):.1f}" y="{height - 8}" text-anchor="end">'
        f"+{bound:.1f}</text>"
    )
    words = "; ".join(
        f"{e['outcome']} {e['effect']['estimate']:+.1f} "
        f"(95% interval {e['effect']['ci95'][0]:+.1f} to {e['effect']['ci95'][1]:+.1f})"
        for e in ready
    )
    return _frame("Change on magnesium compared with baseline", words, body, height)


def intake_chart(days: Sequence[dict[str, Any]], ul_mg: float | None) -> Markup:
    """Daily magnesium from food and from supplements, with the supplement upper limit."""
    if not days:
        return Markup("")
    top = max([(d["food_mg"] or 0) + d["supplement_mg"] for d in days] + [ul_mg or 0, 100])
    y = _y_scale(0, top * 1.1)
    step = (WIDTH - LEFT - RIGHT) / len(days)
    body: list[str] = []
    for i, d in enumerate(days):
        x0 = LEFT + i * step + 1
        food, supp = d["food_mg"] or 0, d["supplement_mg"]
        body.append(
            f'<rect class="bar" x="{x0:.1f}" y="{y(food):.1f}" width="{step - 2:.1f}" '
            f'height="{y(0) - y(food):.1f}"/>'
        )
        body.append(
            f'<rect class="bar-2" x="{x0:.1f}" y="{y(food + supp):.1f}" '
            f'width="{step - 2:.1f}" height="{y(food) - y(food + supp):.1f}"/>'
        )
    if ul_mg:
        body.append(
            f'<line class="zero" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(ul_mg):.1f}" '
            f'y2="{y(ul_mg):.1f}"/><text class="label" x="{LEFT + 4}" '
            f'y="{y(ul_mg) - 4:.1f}">supplement upper limit {ul_mg:g} mg</text>'
        )
    body.append(f'<text class="label" x="4" y="{y(0):.1f}">0</text>')
    description = f"Food and supplement magnesium for the last {len(days)} days."
    return _frame("Magnesium per day: food and supplements", description, body)
