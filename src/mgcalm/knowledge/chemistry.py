"""Chemistry of magnesium compounds: the elemental fraction, computed from the formula.

Labels print either the compound mass ("1,000 mg magnesium chloride hexahydrate") or the
elemental mass ("magnesium 120 mg"). The fraction that links them is never typed in: it is
computed here from the chemical formula with molmass, which uses IUPAC standard atomic weights.
"""

from __future__ import annotations

from functools import lru_cache

from molmass import Formula, FormulaError

MAGNESIUM = "Mg"


@lru_cache(maxsize=256)
def elemental_fraction(formula: str) -> float:
    """Mass fraction of magnesium in ``formula`` (e.g. ``"MgCl2.6H2O"`` → 0.1196).

    Hydrate water is written after a dot, as molmass accepts it. Raises ``ValueError`` when the
    formula cannot be parsed or contains no magnesium.
    """
    try:
        composition = Formula(formula).composition()
    except (FormulaError, ValueError, KeyError) as error:
        raise ValueError(_parse_message(formula, error)) from error
    if MAGNESIUM not in composition:
        raise ValueError(f"formula {formula!r} contains no magnesium")
    return float(composition[MAGNESIUM].fraction)


def molar_mass(formula: str) -> float:
    """Average molar mass of ``formula`` in g/mol."""
    try:
        return float(Formula(formula).mass)
    except (FormulaError, ValueError, KeyError) as error:
        raise ValueError(_parse_message(formula, error)) from error


def _parse_message(formula: str, error: Exception) -> str:
    """One-line message for a formula molmass cannot parse (its own message spans lines)."""
    first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
    return f"cannot parse chemical formula {formula!r}: {first_line}"
