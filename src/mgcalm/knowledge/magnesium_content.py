"""Magnesium wherever it hides: recognise it in a product name and say how much a dose holds.

A product is recognised from ``magnesium_products.toml`` (Milk of Magnesia, Maalox, Rolaids,
Pepcid Complete, Mag-Ox, ZMA, Epsom salt…) or from a magnesium word with a salt ("magnesium
citrate", "Mg glycinate", "magnesium bisglycinate 200 mg"). A strength in the name is the
compound's weight and is turned into elemental magnesium with the form's formula (molmass);
with no form ("magnesium 250 mg") the stated amount is taken as all magnesium, which errs on
the side of counting more. Names that only carry magnesium as a salt of another medicine
("esomeprazole magnesium") are that medicine, not a magnesium product.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from mgcalm.domain.strength import split_strength
from mgcalm.knowledge.medicine_names import MedicineIndex, fold
from mgcalm.knowledge.models import Form, MagnesiumProduct

# Words that say "magnesium" on a label: the element, its abbreviations and old names.
MAGNESIUM_WORDS = frozenset({"magnesium", "magnesia", "mag", "mg", "magnesiumm", "magnésium"})
_FILLER = frozenset({"of", "supplement", "tablet", "tablets", "capsule", "capsules", "powder"})
_CATION_WORDS: Mapping[str, frozenset[str]] = {
    "calcium": frozenset({"calcium", "ca"}),
    "iron": frozenset({"iron", "ferrous", "ferric"}),
    "zinc": frozenset({"zinc", "zn"}),
}


@dataclass(frozen=True, slots=True)
class MagnesiumContent:
    """What a product is and how much magnesium one dose of it holds (None: unknown)."""

    name: str
    product_id: str | None  # an entry of magnesium_products.toml, if it is one
    form: str | None
    kind: str  # antacid, laxative, supplement
    elemental_mg_per_dose: float | None
    basis: str  # how the amount was found, for the message
    other_medicines: tuple[str, ...]
    note: str
    sources: tuple[str, ...]


def product_names(products: Mapping[str, MagnesiumProduct]) -> dict[str, MagnesiumProduct]:
    """Every product name, folded, with its product (built once when the data is loaded)."""
    return {fold(n): p for p in products.values() for n in p.names}


def magnesium_content(
    name: str,
    products: Mapping[str, MagnesiumProduct],
    forms: Mapping[str, Form],
    medicines: MedicineIndex,
) -> MagnesiumContent | None:
    """The magnesium in the product called ``name``, or None when it holds none we know of.

    ``products`` maps folded product names to products (``product_names``).
    """
    split = split_strength(name)
    core = fold(split.name)
    product = _product(core, products)
    if product is not None:
        return _from_product(name, product, forms)
    words = [w for w in core.split() if w not in _FILLER]
    if not MAGNESIUM_WORDS & set(words):
        return None
    rest = " ".join(w for w in words if w not in MAGNESIUM_WORDS)
    form = _form(rest, forms)
    if form is None and rest and medicines.get(rest) is not None:
        return None  # "esomeprazole magnesium": a salt of another medicine
    grams = [s.mg for s in split.strengths if s.mg is not None and s.per_ml is None]
    amount = basis = None
    if grams:
        fraction = forms[form].default.elemental_fraction if form else 1.0
        amount = round(grams[0] * fraction, 1)
        basis = f"{grams[0]:g} mg of {'magnesium ' + form if form else 'product'}"
    return MagnesiumContent(
        name, None, form, "supplement", amount, basis or "", (), "", ("nih-ods-mg",)
    )


def cations_in(name: str) -> frozenset[str]:
    """Minerals a supplement name mentions (magnesium, calcium, iron, zinc)."""
    words = set(fold(split_strength(name).name).split())
    found = {c for c, names in _CATION_WORDS.items() if names & words}
    if MAGNESIUM_WORDS & words:
        found.add("magnesium")
    return frozenset(found)


def _product(core: str, names: Mapping[str, MagnesiumProduct]) -> MagnesiumProduct | None:
    """The catalogue product named ``core``, also with trailing words dropped ("Mag-Ox 400 x")."""
    words = core.split()
    while words:
        found = names.get(" ".join(words))
        if found is not None:
            return found
        words.pop()
    return None


def _form(rest: str, forms: Mapping[str, Form]) -> str | None:
    """The form a salt word names ("citrate", "bisglycinate", "l threonate"), or None."""
    if not rest:
        return None
    for form in forms.values():
        names = {fold(n).removeprefix("magnesium ").strip() for n in (form.id, *form.aliases)}
        if rest in names or any(re.fullmatch(rf"(.* )?{re.escape(n)}( .*)?", rest) for n in names):
            return form.id
    return None


def _from_product(
    name: str, product: MagnesiumProduct, forms: Mapping[str, Form]
) -> MagnesiumContent:
    """A catalogue product: its label dose's magnesium, or None when the recipe varies."""
    per_unit = 0.0
    for part in product.ingredients:
        if part.elemental_mg is not None:
            per_unit += part.elemental_mg
        elif part.compound_mg is not None:
            per_unit += part.compound_mg * forms[part.form].default.elemental_fraction
    amount = None
    basis = ""
    if product.ingredients and product.max_units_per_dose is not None:
        amount = round(per_unit * product.max_units_per_dose, 1)
        units = f"{product.max_units_per_dose:g} × {product.unit}"
        basis = f"the label's largest dose ({units}, {per_unit:.0f} mg magnesium each)"
    form = product.ingredients[0].form if product.ingredients else None
    return MagnesiumContent(
        name,
        product.id,
        form,
        product.kind,
        amount,
        basis,
        product.other_medicines,
        product.note,
        product.sources,
    )
