"""The Bristol Stool Form Scale (verbal descriptors), used to watch magnesium's laxative effect.

Lewis & Heaton (1997) validated the verbal scale; the illustrated chart has separate rights and
is not reproduced. Types 1–2 are hard, 3–4 normal, 5 tending to loose, 6–7 loose.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mgcalm.domain import InvalidInputError, Problem

Category = Literal["hard", "normal", "soft", "loose"]
LOOSE_TYPES = frozenset({6, 7})


@dataclass(frozen=True, slots=True)
class BristolType:
    """One stool type of the scale, with its standard description."""

    type: int
    description: str
    category: Category
    meaning: str


BRISTOL_SCALE: tuple[BristolType, ...] = (
    BristolType(1, "Separate hard lumps, like nuts (hard to pass)", "hard", "constipation"),
    BristolType(2, "Sausage-shaped but lumpy", "hard", "constipation"),
    BristolType(3, "Like a sausage but with cracks on its surface", "normal", "normal"),
    BristolType(4, "Like a sausage or snake, smooth and soft", "normal", "normal"),
    BristolType(5, "Soft blobs with clear-cut edges (passed easily)", "soft", "tending to loose"),
    BristolType(6, "Fluffy pieces with ragged edges, a mushy stool", "loose", "loose"),
    BristolType(7, "Watery, no solid pieces. Entirely liquid", "loose", "diarrhoea"),
)
BRISTOL_SOURCES = ("lewis1997",)


def bristol_type(value: int, location: str = "bristol_type") -> BristolType:
    """The scale entry for a type number 1–7; anything else is an ``InvalidInputError``."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 7:
        raise InvalidInputError(
            [Problem(location, f"{value!r} is not a Bristol stool type", "1–7")]
        )
    return BRISTOL_SCALE[value - 1]


def is_loose(value: int) -> bool:
    """Whether a stool type counts as loose (6 or 7)."""
    return value in LOOSE_TYPES
