"""From what a person types to a known medicine: ``resolve_medicine`` and ``suggest_medicines``.

The order of trying: the name as typed (generic, INN, alias or brand); the name without its
strength, dose form or salt ("risedronate sodium 35 mg" → risedronate); a combination written
with "+", "/", "and" or "with" (each ingredient); and last a misspelling, by edit distance
(rapidfuzz). A misspelling counts as the medicine only when exactly one medicine is that close;
otherwise the answer is "unknown" with the candidates as "did you mean". Pure and offline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from mgcalm.domain.strength import Strength, split_strength
from mgcalm.knowledge.medicine_names import MedicineIndex, NameEntry, fold

How = Literal["exact", "brand", "inn", "alias", "salt_strength", "combination", "fuzzy", "unknown"]
_HOW_OF_KIND: dict[str, How] = {
    "generic": "exact",
    "inn": "inn",
    "alias": "alias",
    "brand": "brand",
}
# Words on a box that are not the medicine's name: salts, dose forms, release types, makers.
SALT_AND_FORM_WORDS = frozenset(
    [
        "sodium",
        "potassium",
        "calcium",
        "hydrochloride",
        "hcl",
        "hydrobromide",
        "hyclate",
        "monohydrate",
        "dihydrate",
        "trihydrate",
        "hydrate",
        "anhydrous",
        "mesylate",
        "maleate",
        "tartrate",
        "succinate",
        "fumarate",
        "besylate",
        "citrate",
        "carbonate",
        "sulfate",
        "sulphate",
        "phosphate",
        "acetate",
        "bromide",
        "chloride",
        "dipropionate",
        "disodium",
        "tablet",
        "tablets",
        "tab",
        "tabs",
        "capsule",
        "capsules",
        "cap",
        "caps",
        "caplet",
        "caplets",
        "er",
        "xr",
        "sr",
        "cr",
        "xl",
        "la",
        "mr",
        "dr",
        "ec",
        "odt",
        "ir",
        "oral",
        "solution",
        "liquid",
        "suspension",
        "syrup",
        "drops",
        "chewable",
        "dispersible",
        "soluble",
        "film",
        "coated",
        "gastro",
        "resistant",
        "modified",
        "release",
        "extended",
        "prolonged",
        "delayed",
        "once",
        "weekly",
        "monthly",
        "daily",
        "generic",
        "sandoz",
        "teva",
        "mylan",
        "accord",
        "actavis",
        "apotex",
        "aurobindo",
        "zentiva",
        "viatris",
        # Units left behind by a strength written in an odd place ("5/40 mg").
        "mg",
        "mcg",
        "ug",
        "g",
        "ml",
        "iu",
    ]
)
_JOINERS = re.compile(r"\s*(?:\+|/|&|\band\b|\bwith\b|,|;)\s*", re.IGNORECASE)
MIN_FUZZY_LENGTH = 5


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a typed name was matched to, and how.

    ``medicine_id`` is set when the name means one medicine for certain (``how`` says how it
    was matched); ``ingredients`` lists every medicine id whose rules apply (a combination
    lists each). ``did_you_mean`` offers names when a misspelling was read as a medicine or
    could not be settled.
    """

    text: str
    medicine_id: str | None
    how: How
    matched_name: str = ""
    ingredients: tuple[str, ...] = ()
    did_you_mean: tuple[str, ...] = ()
    strengths: tuple[Strength, ...] = ()

    @property
    def known(self) -> bool:
        """True when at least one medicine's rules apply."""
        return bool(self.ingredients)


def resolve_medicine(text: str, index: MedicineIndex) -> Resolution:
    """Resolve one typed medicine name against ``index``; never raises on odd text."""
    split = split_strength(text)
    core = fold(split.name)
    found = _exact(core, index) or _without_salt(core, index)
    parts = [fold(p) for p in _JOINERS.split(split.name) if fold(p)]
    if found is None and len(parts) > 1:
        combined = _combination(text, parts, index, split.strengths)
        if combined is not None:
            return combined
    found = found or _shorter(core, index)
    if found is not None:
        entry, stripped = found
        how = "salt_strength" if stripped or split.strengths else _HOW_OF_KIND[entry.kind]
        return _known(text, entry, how, split.strengths)
    return _fuzzy(text, _strip_words(core) or core, index, split.strengths)


def suggest_medicines(prefix: str, index: MedicineIndex, limit: int = 10) -> tuple[str, ...]:
    """Names starting with ``prefix`` (generic names first), for autocomplete; then near misses."""
    folded = fold(prefix)
    if not folded or limit <= 0:
        return ()
    starts = [index.entries[k] for k in index.keys if k.startswith(folded)]
    starts.sort(key=lambda e: (e.kind != "generic", len(e.name), e.name.casefold()))
    names = list(dict.fromkeys(e.name for e in starts))[:limit]
    if len(names) < limit and len(folded) >= MIN_FUZZY_LENGTH - 1:
        from rapidfuzz import fuzz, process  # only for near misses: most names are found exactly

        near = process.extract(folded, index.keys, scorer=fuzz.ratio, limit=limit, score_cutoff=75)
        names += [index.entries[k].name for k, _, _ in near if index.entries[k].name not in names]
    return tuple(names[:limit])


def _known(text: str, entry: NameEntry, how: How, strengths: tuple[Strength, ...]) -> Resolution:
    return Resolution(text, entry.medicine_id, how, entry.name, (entry.medicine_id,), (), strengths)


def _exact(core: str, index: MedicineIndex) -> tuple[NameEntry, bool] | None:
    entry = index.get(core)
    return (entry, False) if entry is not None else None


def _without_salt(core: str, index: MedicineIndex) -> tuple[NameEntry, bool] | None:
    """The name without salt, dose-form and maker words."""
    stripped = _strip_words(core)
    if stripped and stripped != core:
        entry = index.get(stripped)
        if entry is not None:
            return entry, True
    return None


def _shorter(core: str, index: MedicineIndex) -> tuple[NameEntry, bool] | None:
    """Trailing words dropped one by one ("Cipro XR extra" → Cipro XR → Cipro)."""
    words = (_strip_words(core) or core).split()
    while len(words) > 1:
        words.pop()
        entry = index.get(" ".join(words))
        if entry is not None:
            return entry, True
    return None


def _strip_words(core: str) -> str:
    """Without salt, dose-form and maker words, and bare numbers ("5/40" of a combination)."""
    kept = (w for w in core.split() if w not in SALT_AND_FORM_WORDS)
    return " ".join(w for w in kept if not w.replace(".", "").isdigit())


def _combination(
    text: str, parts: list[str], index: MedicineIndex, strengths: tuple[Strength, ...]
) -> Resolution | None:
    """Each part of "A + B" resolved exactly (or without salt words); None unless all are."""
    ids: list[str] = []
    for part in (p for p in parts if _strip_words(p)):
        found = _exact(part, index) or _without_salt(part, index)
        if found is None:
            return None
        ids.append(found[0].medicine_id)
    unique = tuple(dict.fromkeys(ids))
    return Resolution(text, None, "combination", " + ".join(unique), unique, (), strengths)


def _fuzzy(
    text: str, core: str, index: MedicineIndex, strengths: tuple[Strength, ...]
) -> Resolution:
    """A misspelling: one edit for 5–8 letters, two from 9; accepted only if unambiguous."""
    unknown = Resolution(text, None, "unknown", strengths=strengths)
    if len(core) < MIN_FUZZY_LENGTH:
        return unknown
    from rapidfuzz import fuzz, process  # only for names not found exactly
    from rapidfuzz.distance import Levenshtein

    allowed = 1 if len(core) < 9 else 2
    close = process.extract(
        core, index.keys, scorer=Levenshtein.distance, score_cutoff=allowed, limit=None
    )
    if close:
        best = min(d for _, d, _ in close)
        nearest = [index.entries[k] for k, d, _ in close if d == best]
        ids = {e.medicine_id for e in nearest}
        names = tuple(dict.fromkeys(e.name for e in nearest))[:3]
        if len(ids) == 1:
            entry = nearest[0]
            return Resolution(
                text, entry.medicine_id, "fuzzy", entry.name, (entry.medicine_id,), names, strengths
            )
        return Resolution(text, None, "unknown", did_you_mean=names, strengths=strengths)
    near = process.extract(core, index.keys, scorer=fuzz.ratio, limit=3, score_cutoff=80)
    names = tuple(dict.fromkeys(index.entries[k].name for k, _, _ in near))
    return Resolution(text, None, "unknown", did_you_mean=names, strengths=strengths)
