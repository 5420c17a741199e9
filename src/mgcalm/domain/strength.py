"""Strengths written into a product name: "Synthroid 50 mcg", "risedronate sodium 35 mg".

People copy names from the box, strength and all. ``split_strength`` separates the name from
any strengths so the name can be matched, and names a unit it does not know ("50 mcgg") so
that a typo is reported instead of silently dropped. Pure text work: no knowledge base.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Units a strength may be written in, folded to one spelling each.
UNITS = {
    "mg": "mg",
    "milligram": "mg",
    "milligrams": "mg",
    "mgs": "mg",
    "mcgs": "mcg",
    "mcg": "mcg",
    "µg": "mcg",
    "μg": "mcg",
    "ug": "mcg",
    "microgram": "mcg",
    "micrograms": "mcg",
    "g": "g",
    "gram": "g",
    "grams": "g",
    "ml": "ml",
    "iu": "iu",
    "units": "iu",
    "%": "%",
}
UNITS_ACCEPTED = "mg, mcg (µg), g, mL, IU or %, e.g. 50 mcg or 400 mg/5 mL"
# A number, then letters or % glued to it or after a space, optionally "/ 5 mL".
_STRENGTH = re.compile(
    r"(?<![\w.])(\d+(?:[.,]\d+)?)\s*([a-zµμ%]+)?(?:\s*/\s*(\d+(?:[.,]\d+)?)?\s*([a-zµμ]+))?(?![\w])",
    re.IGNORECASE,
)
# Words that may follow a number without being a unit: "Cipro 500 tablets".
_NOT_UNITS = frozenset(
    {"tablet", "tablets", "tab", "tabs", "capsule", "capsules", "cap", "caps", "x", "daily"}
)


@dataclass(frozen=True, slots=True)
class Strength:
    """One strength: ``value`` in ``unit`` (per ``per_ml`` mL for a liquid, when written)."""

    value: float
    unit: str
    per_ml: float | None = None

    @property
    def mg(self) -> float | None:
        """The strength in milligrams (per unit or per ``per_ml``), or None for IU, mL or %."""
        factor = {"mg": 1.0, "mcg": 0.001, "g": 1000.0}.get(self.unit)
        return None if factor is None else self.value * factor


@dataclass(frozen=True, slots=True)
class SplitName:
    """A name with its strengths taken out, and any unit that was not understood."""

    name: str
    strengths: tuple[Strength, ...]
    bad_units: tuple[str, ...]


def split_strength(text: str) -> SplitName:
    """The name without strengths, the strengths found, and every unknown unit."""
    strengths: list[Strength] = []
    bad: list[str] = []

    def take(match: re.Match[str]) -> str:
        number, unit, per_number, per_unit = match.groups()
        value = float(number.replace(",", "."))
        folded = (unit or "").casefold()
        if not folded or folded in _NOT_UNITS:
            return match.group(0)  # a bare number is part of the name: "omega 3", "Mag-Ox 400"
        if folded not in UNITS:
            bad.append(match.group(0).strip())
            return " "
        per = _per_ml(per_number, per_unit, bad)
        strengths.append(Strength(value, UNITS[folded], per))
        return " "

    name = _STRENGTH.sub(take, text)
    return SplitName(" ".join(name.split()), tuple(strengths), tuple(bad))


def _per_ml(number: str | None, unit: str | None, bad: list[str]) -> float | None:
    """The "per 5 mL" of a liquid's strength; an unknown "per" unit is recorded as bad."""
    if unit is None:
        return None
    if unit.casefold() != "ml":
        bad.append(f"/{number or ''}{unit}")
        return None
    return float((number or "1").replace(",", "."))
