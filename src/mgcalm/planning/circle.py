"""Times of day on the 24-hour circle, and the separation windows medicines put on it.

A daily medicine at 08:00 and a daily magnesium dose at 21:00 are 13 hours apart going forward
from the pill and 11 hours apart going forward from the dose, because tomorrow's pill comes
round again. A window therefore has two sides, and both are checked modulo 24 hours:

* the medicine must come at least ``med_before_mg`` minutes *before* magnesium, and
* magnesium must come at least ``mg_before_med`` minutes *before* the medicine.

Equivalently magnesium may not fall in the open arc ``(med − mg_before_med, med + med_before_mg)``,
nor at the medicine's own minute.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import time

DAY = 1440  # minutes


def to_minutes(value: time) -> int:
    """Minutes after midnight."""
    return value.hour * 60 + value.minute


def to_time(minutes: int) -> time:
    """The time of day ``minutes`` after midnight, wrapping round the circle."""
    minutes %= DAY
    return time(minutes // 60, minutes % 60)


def forward(start: int, end: int) -> int:
    """Minutes going forward round the circle from ``start`` to ``end`` (0–1439)."""
    return (end - start) % DAY


@dataclass(frozen=True, slots=True)
class Window:
    """The gap one medicine time needs from magnesium, in minutes, on both sides."""

    label: str
    at: int
    med_before_mg: int
    mg_before_med: int

    def allows(self, minute: int) -> bool:
        """True when a daily magnesium dose at ``minute`` keeps both gaps round the circle."""
        after_med = forward(self.at, minute)  # from the medicine on to magnesium
        before_med = forward(minute, self.at)  # from magnesium on to the next medicine
        return after_med >= self.med_before_mg and before_med >= self.mg_before_med

    def blocks_whole_day(self) -> bool:
        """True when the two gaps together are longer than a day, leaving no time at all."""
        return self.med_before_mg + self.mg_before_med > DAY


def window(label: str, at: time, hours_med_before_mg: float, hours_mg_before_med: float) -> Window:
    """A window from hours (rounded up to whole minutes, so a window is never shortened)."""
    return Window(
        label,
        to_minutes(at),
        _ceil_minutes(hours_med_before_mg),
        _ceil_minutes(hours_mg_before_med),
    )


def _ceil_minutes(hours: float) -> int:
    return -int(-hours * 60 // 1)


def allowed_minutes(windows: Iterable[Window]) -> bytearray:
    """A 1440-entry mask: 1 where a daily dose keeps every window, 0 where any forbids it."""
    mask = bytearray(b"\x01") * DAY
    for w in windows:
        if w.blocks_whole_day():
            return bytearray(DAY)
        if w.med_before_mg == 0 and w.mg_before_med == 0:
            continue
        # Forbidden: the medicine's own minute, the mg_before_med − 1 minutes before it and the
        # med_before_mg − 1 minutes after it; the boundary minutes keep the gap exactly.
        first = w.at - max(0, w.mg_before_med - 1)
        last = w.at + max(0, w.med_before_mg - 1)
        for minute in range(first, last + 1):
            mask[minute % DAY] = 0
    return mask


def nearest_allowed(
    mask: bytearray,
    preferred: int,
    low: int,
    high: int,
    also: Callable[[int], bool] = lambda minute: True,
    step: int = 5,
) -> int | None:
    """The allowed minute closest to ``preferred`` within ``[low, high]`` (minutes, may wrap).

    A minute must be allowed by ``mask`` and pass ``also``. Offsets are tried in steps of
    ``step`` minutes, later before earlier at equal distance, so a dose moved off a meal lands
    a little after it rather than before.
    """
    for offset in _offsets(preferred - low, high - preferred, step):
        minute = (preferred + offset) % DAY
        if mask[minute] and also(minute):
            return minute
    return None


def _offsets(back: int, ahead: int, step: int) -> Iterable[int]:
    yield 0
    distance = step
    while distance <= max(back, ahead):
        if distance <= ahead:
            yield distance
        if distance <= back:
            yield -distance
        distance += step


def apart(minutes: Sequence[int], candidate: int, gap: int) -> bool:
    """True when ``candidate`` is at least ``gap`` minutes from every time, both ways round."""
    return all(min(forward(m, candidate), forward(candidate, m)) >= gap for m in minutes)
