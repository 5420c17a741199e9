"""The day: the article's morning, afternoon and evening routine placed at the person's times.

The article pairs magnesium with magnesium-rich meals, daylight or stretching in the morning,
breathing or grounding in the afternoon, and a wind-down before bed (dim light, herbal tea, a
warm bath or shower, journaling). The practices are offered as the article offers them, as
gentle supports, not as treatments; trauma-focused therapy stays first-line.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time

from mgcalm.domain.plan import Dose, FoodSuggestion, RoutineItem
from mgcalm.domain.profile import Day
from mgcalm.planning.circle import forward, to_minutes, to_time

# (minutes after the anchor, kind, what): anchors are the person's own times.
_AFTER_WAKE = ((0, "practice", "15 minutes of daylight or gentle stretching to start the day."),)
_MEALS = {
    "breakfast": "Breakfast with a magnesium-rich food, such as avocado toast or a smoothie "
    "with spinach and banana.",
    "lunch": "A balanced meal with greens, salmon or lentils.",
    "dinner": "Dinner with vegetables, legumes or whole grains.",
}
_AFTERNOON = (
    "A few minutes of slow breathing (for example in for 4, out for 6) or a grounding "
    "exercise such as naming five things you can see."
)
_BEFORE_BED = (
    (
        60,
        "wind_down",
        "Wind down: dim the lights, a caffeine-free herbal tea such as chamomile or lemon balm, "
        "and a warm shower or bath (Epsom salt if you like it; magnesium through the skin is "
        "not counted toward your dose).",
    ),
    (
        30,
        "wind_down",
        "Jot down a few thoughts or three things that went well, to settle a racing mind.",
    ),
    (0, "sleep", "Lights out at about the same time each night, in a dark, cool room."),
)


def daily_routine(
    day: Day, doses: Sequence[Dose], foods: Sequence[FoodSuggestion]
) -> tuple[RoutineItem, ...]:
    """The routine in the order of the person's day, starting at waking."""
    items = [RoutineItem(day.wake, kind, what) for _, kind, what in _AFTER_WAKE]
    for name, at in day.meals():
        items.append(RoutineItem(at, "meal", _MEALS[name]))
    items.append(RoutineItem(_afternoon(day), "practice", _AFTERNOON))
    bed = to_minutes(day.bedtime)
    items += [RoutineItem(to_time(bed - before), kind, what) for before, kind, what in _BEFORE_BED]
    items += [RoutineItem(d.time, "dose", _dose_text(d)) for d in doses]
    if foods:
        names = "; ".join(f"{f.food} ({f.magnesium_mg} mg)" for f in foods)
        at = next((t for _, t in day.meals()), day.wake)
        if day.lunch is not None:
            at = day.lunch
        items.append(RoutineItem(at, "food", f"Magnesium-rich foods to add: {names}."))
    wake = to_minutes(day.wake)
    return tuple(sorted(items, key=lambda i: (forward(wake, to_minutes(i.time)), i.kind)))


def _afternoon(day: Day) -> time:
    """Halfway between lunch and dinner (or the meals or waking and bedtime around midday)."""
    start = day.lunch or day.breakfast or day.wake
    end = day.dinner or day.bedtime
    first, last = to_minutes(start), to_minutes(end)
    return to_time(first + forward(first, last) // 2)


def _dose_text(dose: Dose) -> str:
    how = "with food" if dose.with_food else "without food, before bed"
    return (
        f"Magnesium {dose.form}: {dose.elemental_mg} mg elemental magnesium "
        f"(about {dose.compound_mg} mg of the compound), {how}."
    )
