"""When: place the day's doses at meals and before bed, never inside a separation window.

Doses go with meals (food helps absorption and blunts the laxative effect) or, for sleep, one
to two hours before bed. Each candidate slot may shift a little to clear a window; a slot that
cannot be cleared is dropped. Only minutes the window mask allows are ever returned.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from mgcalm.domain.profile import Day
from mgcalm.planning.circle import apart, nearest_allowed, to_minutes
from mgcalm.planning.dose import UNIT_MG

# A dose still counts as "with food" from 15 minutes before a meal to 45 minutes after it starts.
MEAL_BEFORE_MIN = 15
MEAL_AFTER_MIN = 45
# Divided doses are at least this far apart, or they are one large dose in effect.
MIN_GAP_MIN = 120


@dataclass(frozen=True, slots=True)
class Slot:
    """A place in the day a dose may go, and how far it may move."""

    name: str
    preferred: int
    low: int
    high: int
    with_food: bool
    purpose: str
    form: str


@dataclass(frozen=True, slots=True)
class Placed:
    """A dose placed at a minute of the day, before amounts are rounded into a Dose."""

    minute: int
    slot: Slot
    elemental_mg: int


def slots(
    day: Day,
    sleep_first: bool,
    sleep_hours: tuple[float, float],
    forms: tuple[str, str],
    day_purpose: str,
) -> tuple[Slot, ...]:
    """Candidate slots in order of preference; ``forms`` is (daytime form, sleep form)."""
    day_form, sleep_form = forms
    meals = {
        name: Slot(
            name,
            to_minutes(at),
            to_minutes(at) - MEAL_BEFORE_MIN,
            to_minutes(at) + MEAL_AFTER_MIN,
            True,
            day_purpose,
            day_form,
        )
        for name, at in day.meals()
    }
    bed = to_minutes(day.bedtime)
    earliest, latest = (round(h * 60) for h in (max(sleep_hours), min(sleep_hours)))
    evening = Slot(
        "bedtime",
        bed - (earliest + latest) // 2,
        bed - earliest,
        bed - latest,
        False,
        "sleep" if sleep_first else "evening",
        sleep_form if sleep_first else day_form,
    )
    # Breakfast and dinner first: two doses far apart; a meal the person skips has no slot.
    order = [meals[name] for name in ("breakfast", "dinner", "lunch") if name in meals]
    return (evening, *order) if sleep_first else (*order, evening)


def place(
    mask: bytearray, candidates: Sequence[Slot], target_mg: int, per_dose_max_mg: int
) -> tuple[Placed, ...]:
    """Spread ``target_mg`` over as few allowed slots as keep each dose ≤ ``per_dose_max_mg``.

    Returns fewer doses (and so less magnesium) when too few slots can be cleared; never a
    dose at a minute the mask forbids.
    """
    if target_mg <= 0:
        return ()
    wanted = max(1, math.ceil(target_mg / per_dose_max_mg))
    chosen: list[tuple[int, Slot]] = []
    for slot in candidates:
        minute = _clear_minute(mask, slot, [m for m, _ in chosen])
        if minute is not None:
            chosen.append((minute, slot))
        if len(chosen) == wanted:
            break
    total = min(target_mg, len(chosen) * _units_floor(per_dose_max_mg))
    amounts = split(total, len(chosen))
    return tuple(Placed(m, s, a) for (m, s), a in zip(chosen, amounts, strict=True) if a > 0)


def _clear_minute(mask: bytearray, slot: Slot, taken: list[int]) -> int | None:
    """The allowed minute nearest the slot's preferred one, clear of doses already placed."""
    return nearest_allowed(
        mask, slot.preferred, slot.low, slot.high, lambda m: apart(taken, m, MIN_GAP_MIN)
    )


def _units_floor(mg: int) -> int:
    return (mg // UNIT_MG) * UNIT_MG


def split(total_mg: int, parts: int) -> tuple[int, ...]:
    """``total_mg`` in ``parts`` near-equal amounts of whole units, larger ones first."""
    if parts <= 0:
        return ()
    units = total_mg // UNIT_MG
    base, extra = divmod(units, parts)
    return tuple((base + (1 if i < extra else 0)) * UNIT_MG for i in range(parts))


def fallback_slot(mask: bytearray, day: Day, form: str, purpose: str) -> Slot | None:
    """When no meal or bedtime slot clears, the allowed waking minute nearest a meal, if any."""
    wake, bed = to_minutes(day.wake), to_minutes(day.bedtime)
    awake = (bed - wake) % 1440
    best: tuple[int, int] | None = None
    for offset in range(0, awake + 1, 5):
        minute = (wake + offset) % 1440
        if not mask[minute]:
            continue
        anchors = [at for _, at in day.meals()] or [day.wake]
        distance = min(_circle_gap(minute, to_minutes(at)) for at in anchors)
        if best is None or distance < best[0]:
            best = (distance, minute)
    if best is None:
        return None
    minute = best[1]
    return Slot("snack", minute, minute, minute, True, purpose, form)


def _circle_gap(a: int, b: int) -> int:
    d = abs(a - b) % 1440
    return min(d, 1440 - d)
