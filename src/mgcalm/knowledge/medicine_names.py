"""Every name a medicine goes by, indexed so that what a person types can be matched.

Names come from ``medicines.toml`` (generic ids, INN and UK/EU/Australian names, aliases,
brands with their countries) and from ``medicine_names.tsv``, derived from the FDA's public
UNII Names list (brands and official names of the same substances and their salts). The index
folds case, punctuation and spacing; ``medicine_resolve`` matches against it.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from mgcalm.domain import Problem
from mgcalm.knowledge.models import Medicine

NameKind = Literal["generic", "inn", "alias", "brand"]
# Which kind wins when one medicine reaches a name twice (a brand that is also an alias).
_KIND_ORDER: tuple[NameKind, ...] = ("generic", "inn", "brand", "alias")
DERIVED_FILE = "medicine_names.tsv"
_UNII_KIND: Mapping[str, NameKind] = {"bn": "brand", "of": "inn", "cn": "alias"}


def fold(name: str) -> str:
    """Fold a name for lookup: case, accents of common marks, punctuation, hyphens, spacing."""
    text = name.casefold().replace("®", " ").replace("™", " ").replace("’", "'")
    text = re.sub(r"[-_/,.()\[\]']+", " ", text)
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class NameEntry:
    """One name of one medicine: as written, its kind, and the country it is sold in."""

    name: str
    medicine_id: str
    kind: NameKind
    country: str = ""  # "" when the source does not say
    source: str = "medicines.toml"


@dataclass(frozen=True, slots=True)
class MedicineIndex:
    """Folded name → entry, and the names in a stable order for fuzzy matching."""

    entries: Mapping[str, NameEntry]
    keys: tuple[str, ...]

    def get(self, folded: str) -> NameEntry | None:
        """The entry for an already-folded name."""
        return self.entries.get(folded)


def build_index(
    medicines: Mapping[str, Medicine], derived: Iterable[NameEntry] = ()
) -> tuple[MedicineIndex, list[Problem]]:
    """The index of every name; a name two medicines claim in medicines.toml is a problem.

    A derived (UNII) name that clashes with a curated one, or with another medicine's derived
    name, is left out: a name that could mean two medicines must not silently mean one.
    """
    entries: dict[str, NameEntry] = {}
    problems: list[Problem] = []
    for entry in _curated(medicines):
        key = fold(entry.name)
        owner = entries.get(key)
        if owner is not None and owner.medicine_id != entry.medicine_id:
            where = f"medicines.toml: medicines.{entry.medicine_id}"
            message = f"name {entry.name!r} is already used by medicine {owner.medicine_id!r}"
            problems.append(Problem(where, message, "names unique across medicines"))
            continue
        if owner is None or _KIND_ORDER.index(entry.kind) < _KIND_ORDER.index(owner.kind):
            entries[key] = entry
    clashes: set[str] = set()
    for entry in derived:
        key = fold(entry.name)
        owner = entries.get(key)
        if owner is None and key not in clashes:
            entries[key] = entry
        elif (
            owner is not None
            and owner.medicine_id != entry.medicine_id
            and owner.source != "medicines.toml"
        ):
            del entries[key]
            clashes.add(key)
    return MedicineIndex(entries, tuple(sorted(entries))), problems


def _curated(medicines: Mapping[str, Medicine]) -> Iterable[NameEntry]:
    """Names written in medicines.toml, generic first."""
    for med in medicines.values():
        yield NameEntry(med.display, med.id, "generic")
        yield NameEntry(med.id, med.id, "generic")
        yield from (NameEntry(n, med.id, "inn") for n in med.inn)
        yield from (NameEntry(n, med.id, "alias") for n in med.aliases)
        yield from (NameEntry(n, med.id, "brand") for n in med.brand_names)
        for country, brands in med.brands_by_country.items():
            yield from (NameEntry(n, med.id, "brand", country) for n in brands)


def read_derived(
    data_dir: Path, known: Mapping[str, Medicine]
) -> tuple[list[NameEntry], list[Problem]]:
    """``medicine_names.tsv`` rows (name, unii_type, medicine, unii); a missing file is no error.

    Rows naming a medicine id that ``medicines.toml`` lacks, or an unknown type, are problems.
    """
    path = data_dir / DERIVED_FILE
    if not path.exists():
        return [], []
    found: list[NameEntry] = []
    problems: list[Problem] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle, delimiter="\t"), start=2):
            kind = _UNII_KIND.get(row.get("type") or "")
            medicine = row.get("medicine") or ""
            if kind is None or medicine not in known or not row.get("name"):
                where = f"{DERIVED_FILE}: row {number}"
                accepted = "type bn/of/cn, a medicine id of medicines.toml, a name"
                problems.append(Problem(where, f"bad row {dict(row)!r}", accepted))
                continue
            found.append(NameEntry(str(row["name"]), medicine, kind, "", "fda-unii"))
    return found, problems
