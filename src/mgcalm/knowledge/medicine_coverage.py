"""How much of the medicine world mgcalm recognises, and where each list of names came from.

``coverage(kb)`` counts what the knowledge base holds; ``docs/medicines.md`` prints the same
table, and a test keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass

from mgcalm.knowledge.base import KnowledgeBase


@dataclass(frozen=True, slots=True)
class Coverage:
    """Counts of medicines, names and products, by source."""

    medicines: int
    classes: int
    combinations: int
    inn_names: int  # INN and UK/EU/Australian names written in medicines.toml
    aliases: int
    brands: int  # brands written in medicines.toml (with or without a country)
    brand_countries: tuple[str, ...]  # countries named for brands
    unii_names: int  # names added from the FDA UNII list
    unii_brands: int
    all_names: int  # every distinct name the resolver matches
    magnesium_products: int
    rules_with_spacing: int
    rules_clinician: int
    rules_warning: int
    rules_none: int
    qt_flagged: int

    def rows(self) -> tuple[tuple[str, int | str, str], ...]:
        """(what, how many, where it came from) for the documentation table."""
        countries = ", ".join(c.upper() for c in self.brand_countries)
        return (
            ("medicines (generic names) with a rule", self.medicines, "medicines.toml"),
            ("combination products (each ingredient's rule applies)", self.combinations,
             "medicines.toml"),
            ("INN and UK/EU/Australian names", self.inn_names, "medicines.toml (INN lists, BNF)"),
            ("other spellings and abbreviations", self.aliases, "medicines.toml"),
            ("brand names, hand-collected", self.brands, f"medicines.toml; countries: {countries}"),
            ("names from the FDA UNII list", self.unii_names, "medicine_names.tsv (public domain)"),
            ("of which brand names", self.unii_brands, "medicine_names.tsv"),
            ("distinct names recognised in all", self.all_names, "the resolver's index"),
            ("products that hold magnesium", self.magnesium_products,
             "magnesium_products.toml (labels)"),
            ("medicines with a spacing window", self.rules_with_spacing, "labels, NIH ODS, SmPC"),
            ("medicines that need a clinician first", self.rules_clinician, "labels, SmPC"),
            ("medicines with a warning", self.rules_warning, "labels, NIH ODS, FDA"),
            ("medicines with no interaction found (source named)", self.rules_none,
             "labels and SmPC cited"),
            ("medicines flagged for QT prolongation", self.qt_flagged, "CredibleMeds, labels"),
        )  # fmt: skip


def coverage(kb: KnowledgeBase) -> Coverage:
    """Count what ``kb`` recognises."""
    meds = list(kb.medicines.values())
    entries = list(kb.medicine_index.entries.values())
    derived = [e for e in entries if e.source == "fda-unii"]
    kinds = [m.rule.kind for m in meds]
    countries = sorted({c for m in meds for c in m.brands_by_country})
    return Coverage(
        medicines=len(meds),
        classes=len(kb.medicine_classes),
        combinations=sum(1 for m in meds if m.ingredients),
        inn_names=len({n.casefold() for m in meds for n in m.inn}),
        aliases=len({n.casefold() for m in meds for n in m.aliases}),
        brands=len({n.casefold() for m in meds for n in m.all_brands}),
        brand_countries=tuple(countries),
        unii_names=len(derived),
        unii_brands=sum(1 for e in derived if e.kind == "brand"),
        all_names=len(entries),
        magnesium_products=len(kb.magnesium_products),
        rules_with_spacing=kinds.count("separate"),
        rules_clinician=kinds.count("clinician"),
        rules_warning=kinds.count("warning"),
        rules_none=kinds.count("none"),
        qt_flagged=sum(1 for m in meds if m.qt_risk),
    )
