"""The label calculator: compound mass ↔ elemental magnesium for a form and hydrate.

Supplement labels usually already state elemental magnesium ("magnesium (as glycinate) 200 mg");
this converts when a label gives only the compound mass, or when a person wants to know how much
compound holds a given amount of magnesium. Results keep full precision; ``as_dict`` rounds for
display (fraction to 4 decimals, milligrams to 1).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from mgcalm.domain import InvalidInputError, Problem
from mgcalm.knowledge.base import KnowledgeBase
from mgcalm.knowledge.models import HYDRATE_IDS, Form

MAX_MG = 1_000_000.0  # a kilogram: anything above is a typing slip, not a supplement


@dataclass(frozen=True, slots=True)
class LabelResult:
    """One conversion between compound and elemental magnesium."""

    form: str
    hydrate: str
    formula: str
    elemental_fraction: float
    compound_mg: float
    elemental_mg: float
    usual_hydrate: bool  # True when the hydrate was not given and the form's usual one was used

    def as_dict(self) -> dict[str, object]:
        """The ``mgcalm label --json`` shape, rounded for display."""
        return {
            "form": self.form,
            "hydrate": self.hydrate,
            "formula": self.formula,
            "elemental_fraction": round(self.elemental_fraction, 4),
            "compound_mg": round(self.compound_mg, 1),
            "elemental_mg": round(self.elemental_mg, 1),
            "usual_hydrate": self.usual_hydrate,
        }


def label(
    kb: KnowledgeBase,
    form: str,
    hydrate: str | None = None,
    compound_mg: float | None = None,
    elemental_mg: float | None = None,
) -> LabelResult:
    """Convert ``compound_mg`` to elemental magnesium, or ``elemental_mg`` to compound mass.

    Exactly one of the two amounts is given. Without ``hydrate`` the form's usual commercial
    hydrate is used. Raises ``InvalidInputError`` listing every problem with the inputs.
    """
    found = kb.find_form(form)
    problems = _amount_problems(compound_mg, elemental_mg)
    problems += _hydrate_problems(found, hydrate)
    if found is None:
        problems.insert(0, Problem("form", f"unknown form {form!r}", ", ".join(kb.forms)))
    if problems or found is None:
        raise InvalidInputError(problems)
    chosen = found.hydrates[hydrate] if hydrate else found.default  # type: ignore[index]
    fraction = chosen.elemental_fraction
    if compound_mg is not None:
        compound, elemental = compound_mg, compound_mg * fraction
    else:
        elemental = float(elemental_mg or 0.0)
        compound = elemental / fraction
    return LabelResult(
        form=found.id,
        hydrate=chosen.id,
        formula=chosen.formula,
        elemental_fraction=fraction,
        compound_mg=compound,
        elemental_mg=elemental,
        usual_hydrate=hydrate is None,
    )


def _amount_problems(compound_mg: float | None, elemental_mg: float | None) -> list[Problem]:
    """Exactly one amount, positive, finite and plausible."""
    if (compound_mg is None) == (elemental_mg is None):
        given = "both" if compound_mg is not None else "neither"
        message = f"{given} of compound_mg and elemental_mg given; give exactly one"
        return [Problem("compound_mg/elemental_mg", message, "exactly one of the two")]
    name, value = (
        ("compound_mg", compound_mg) if compound_mg is not None else ("elemental_mg", elemental_mg)
    )
    assert value is not None  # narrowed by the check above
    if not math.isfinite(value) or not 0 < value <= MAX_MG:
        return [
            Problem(name, f"{value} is not a usable amount", f"a number above 0 up to {MAX_MG:g}")
        ]
    return []


def _hydrate_problems(form: Form | None, hydrate: str | None) -> list[Problem]:
    """The hydrate, when given, exists for the form (or at all, when the form is unknown)."""
    if hydrate is None:
        return []
    accepted = tuple(form.hydrates) if form is not None else HYDRATE_IDS
    if hydrate in accepted:
        return []
    where = f"for {form.id}" if form is not None else "at all"
    return [Problem("hydrate", f"unknown hydrate {hydrate!r} {where}", ", ".join(accepted))]
