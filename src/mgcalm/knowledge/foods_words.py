"""Words in food names: normalising, light stemming, synonyms, one-letter typos, word weights.

Search needs to know which words of a USDA name carry meaning for ranking: in
"Spinach, cooked, boiled, drained, without salt" only "spinach" names the food, the rest says how
it was prepared, while in "Oil, almond" the word "oil" says it is a different food altogether.
The weights below encode that so that the common form of a food comes first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from types import MappingProxyType

_WORD = re.compile(r"[a-z0-9]+")

# Preparation, state and filler words: they describe a form of the food, not a different food.
_NEUTRAL_WORDS = """
    raw cooked boiled drained without with salt added dry mature kernels whole fresh plain
    regular nfs ns as to form no fat unsalted salted unprepared prepared roasted solids
    liquids and or in of all commercial varieties includes usda commodity nuts cereals
    spices steamed baked grilled from not fortified unenriched enriched ripe leaf leaves
    seeds seed
"""
NEUTRAL = frozenset(_NEUTRAL_WORDS.split())

# USDA names often start with a category ("Nuts, almonds", "Fish, salmon"): such a word before
# the food's own name is harmless, whereas any other word there ("Frozen yogurt",
# "Malabar spinach") names a different food.
HEADS = frozenset({"nuts", "seeds", "seed", "beans", "cereals", "spices", "fish", "vegetables"})

# Words that turn a food into another product: "almond" oil, spinach souffle, banana bread.
_DERIVED_WORDS = """
    oil butter flour meal paste milk souffle sauce soup dip candy candies cake cookie
    cookies pie bread muffin spread chips bar bars beverage drink dressing babyfood formula
    juice nectar quiche lasagna ravioli tortellini cannelloni sandwich pudding cream ice
    frosting crackers snack fast food restaurant topping smoothie shake powder extract syrup
    noodles paper pasta cakes salad split croquette casserole stew curry wrap burger pizza
"""
DERIVED = frozenset(_DERIVED_WORDS.split())

# Kept forms of a food: still the food, but a step further from the plain one.
PRESERVED = frozenset({"dried", "canned", "frozen"})

NEUTRAL_WEIGHT = 0.2
PRESERVED_WEIGHT = 0.5
DERIVED_WEIGHT = 3.0
OTHER_WEIGHT = 1.0
STOPWORDS = frozenset({"a", "an", "and", "or", "of", "the", "with", "in"})

# Names people use that USDA spells differently; each group's entries are interchangeable.
SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("chickpea", "garbanzo"),
    ("oatmeal", "oats", "porridge"),
    ("edamame", "soybeans green"),
    ("pepitas", "pumpkin seeds"),
    ("yogurt", "yoghurt"),
    ("zucchini", "courgette"),
    ("eggplant", "aubergine"),
    ("cilantro", "coriander"),
    ("shrimp", "prawn"),
    ("arugula", "rocket"),
    ("scallion", "green onions"),
    ("beet", "beetroot"),
    ("cocoa", "cacao"),
    ("rutabaga", "swede"),
    ("molasses", "treacle"),
    ("wholemeal", "whole wheat"),
    ("mince", "ground"),
)


def normalise(text: str) -> str:
    """Lower-case ASCII without accents: "Soufflé" → "souffle"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The words of ``text``, normalised, in order."""
    return _WORD.findall(normalise(text))


def stem(word: str) -> str:
    """A light plural stemmer, the same for names and queries ("berries" → "berry")."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "xes", "sses", "oes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def weight(word: str) -> float:
    """How much an unmatched name word pushes a food down the ranking."""
    if word in NEUTRAL or word.isdigit() or stem(word) in NEUTRAL:
        return NEUTRAL_WEIGHT
    if word in PRESERVED:
        return PRESERVED_WEIGHT
    if word in DERIVED or stem(word) in DERIVED:
        return DERIVED_WEIGHT
    return OTHER_WEIGHT


def synonym_table(
    groups: Iterable[tuple[str, ...]] = SYNONYM_GROUPS,
) -> Mapping[str, tuple[str, ...]]:
    """Map a stemmed single word to the other phrases of its group."""
    table: dict[str, tuple[str, ...]] = {}
    for group in groups:
        for phrase in group:
            if " " not in phrase:
                table[stem(phrase)] = tuple(p for p in group if p != phrase)
    return MappingProxyType(table)


def within_one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by at most one insertion, deletion, substitution or swap."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            return True
        i, j = diffs[0], diffs[-1]
        return len(diffs) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"  # every character ``words`` keeps


def one_edit_variants(word: str) -> set[str]:
    """Every string one insertion, deletion, substitution or adjacent swap away from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    found = {a + b[1:] for a, b in splits if b}
    found |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    found |= {a + c + b[1:] for a, b in splits if b for c in ALPHABET}
    found |= {a + c + b for a, b in splits for c in ALPHABET}
    return found
