"""Full-text food search: an SQLite FTS5 index over the catalogue, then a ranking pass.

FTS5 finds the candidates (porter-stemmed words, word prefixes, synonyms and one-letter typo
corrections); the ranking then puts the common form of a food first: a name whose extra words
only say how it was prepared ("Spinach, raw") beats one that names another product ("Spinach
souffle", "Oil, almond"), analysed SR28 foods beat survey recipes on ties, and baby foods or
restaurant items sink. The index is in memory by default and takes well under a second to
build; pass ``database`` to keep it in a file instead.
"""

from __future__ import annotations

import bisect
import sqlite3
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mgcalm.domain.foods import Food
from mgcalm.domain.problems import InvalidInputError, Problem
from mgcalm.knowledge import foods_words as fw

MAX_QUERY = 200
CANDIDATES = 300
MIN_TYPO_LENGTH = 4

# Groups whose items are rarely what a person means by a plain food name.
GROUP_PENALTY: Mapping[str, float] = {
    "Baby Foods": 4.0,
    "Fast Foods": 3.0,
    "Restaurant Foods": 3.0,
    "American Indian/Alaska Native Foods": 2.0,
    "Meals, Entrees, and Side Dishes": 1.5,
    "Baby food: cereals": 4.0,
    "Baby food: fruit": 4.0,
    "Baby food: vegetable": 4.0,
    "Baby food: meat and dinners": 4.0,
    "Baby food: yogurt": 4.0,
    "Baby food: snacks and sweets": 4.0,
    "Baby juice": 4.0,
    "Baby water": 4.0,
    "Formula, ready-to-feed": 4.0,
    "Formula, prepared from powder": 4.0,
    "Formula, prepared from concentrate": 4.0,
}
SR28_BONUS = -0.5  # analysed single foods, preferred over survey recipes when otherwise equal
NO_VALUE_PENALTY = 2.0  # a food without a magnesium value helps no one tracking magnesium
PREFIX_OF_WORD_COST = 1.0  # a complete query word matching only the start of a longer word
# A word before the query's match names another food the query merely qualifies
# ("Gelato, chocolate", "Rice milk"), unless it is a USDA category head ("Nuts, almonds").
BEFORE_COST = 3.0
SYNONYM_ONLY_COST = 0.5


@dataclass(frozen=True, slots=True)
class _Term:
    """One query word and everything it may match: stems, a prefix, synonyms, corrections."""

    stems: frozenset[str]
    typed: frozenset[str]  # stems of the word as typed or corrected, not of its synonyms
    prefix: str
    complete: bool  # the word is itself a catalogue word, so not merely a prefix being typed
    match: str  # the FTS5 expression for this word


@dataclass(frozen=True, slots=True)
class _Query:
    """All terms of a query merged for fast scoring (set lookups, tuple prefix checks)."""

    stems: frozenset[str]
    typed: frozenset[str]
    prefixes: tuple[str, ...]
    complete: tuple[str, ...]  # prefixes that are whole catalogue words

    @classmethod
    def of(cls, terms: Sequence[_Term]) -> _Query:
        """Merge the terms of one query."""
        return cls(
            stems=frozenset().union(*(t.stems for t in terms)),
            typed=frozenset().union(*(t.typed for t in terms)),
            prefixes=tuple(t.prefix for t in terms),
            complete=tuple(t.prefix for t in terms if t.complete),
        )


class FoodIndex:
    """Search over a fixed list of foods; safe to share between threads."""

    def __init__(self, foods: Sequence[Food], database: str = ":memory:") -> None:
        """Index ``foods`` into a fresh FTS5 table (``database`` may be a file path)."""
        self.foods = tuple(foods)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(database, check_same_thread=False)
        self._synonyms = fw.synonym_table()
        self._profiles = tuple(_profile(food) for food in self.foods)
        vocabulary = {w for food in self.foods for w in fw.words(f"{food.name} {food.aka}")}
        self._vocabulary = frozenset(vocabulary)
        self._sorted = tuple(sorted(vocabulary))
        self._deletes = _deletion_table(vocabulary)
        self._build()

    def _build(self) -> None:
        """Create and fill the FTS5 table (rowid = position in ``foods`` + 1)."""
        with self._db:
            self._db.execute("DROP TABLE IF EXISTS food_fts")
            self._db.execute(
                "CREATE VIRTUAL TABLE food_fts USING fts5(name, aka, head, "
                "tokenize='porter unicode61 remove_diacritics 2', prefix='2 3')"
            )
            self._db.executemany(
                "INSERT INTO food_fts(rowid, name, aka, head) VALUES (?, ?, ?, ?)",
                ((i + 1, f.name, f.aka, _head(f.name)) for i, f in enumerate(self.foods)),
            )

    def search(self, query: str, limit: int = 10) -> tuple[Food, ...]:
        """Foods matching ``query``, best first; raises InvalidInputError for an unusable query."""
        terms = self._terms(query, limit)
        expression = "{name aka}: (" + " AND ".join(t.match for t in terms) + ")"
        with self._lock:
            # Weighting the head column brings foods *named* by the query ("Chocolate, dark")
            # into the candidates ahead of foods it merely qualifies ("Gelato, chocolate").
            rows = self._db.execute(
                "SELECT rowid, bm25(food_fts, 1.0, 1.0, 5.0) AS rank FROM food_fts "
                "WHERE food_fts MATCH ? ORDER BY rank LIMIT ?",
                (expression, CANDIDATES),
            ).fetchall()
        query_words = _Query.of(terms)
        ranked = sorted(
            rows, key=lambda row: (self._score(row[0] - 1, query_words), row[1], row[0])
        )
        return tuple(self.foods[rowid - 1] for rowid, _ in ranked[:limit])

    def _terms(self, query: str, limit: int) -> list[_Term]:
        """Validate the query and turn each of its words into a search term."""
        problems = []
        if not 1 <= limit <= 100:
            problems.append(Problem("limit", f"{limit} is out of range", "1–100"))
        tokens = fw.words(query[: MAX_QUERY + 1])
        if len(query) > MAX_QUERY:
            problems.append(Problem("query", "is too long", f"up to {MAX_QUERY} characters"))
        elif not tokens:
            problems.append(Problem("query", "has no words", "a food name such as almonds"))
        if problems:
            raise InvalidInputError(problems)
        kept = [t for t in tokens if t not in fw.STOPWORDS] or tokens
        return [self._term(token) for token in kept]

    def _term(self, token: str) -> _Term:
        """All the ways one query word may appear in a food name."""
        corrections = []
        if not self._known(token) and len(token) >= MIN_TYPO_LENGTH:
            corrections = self._corrections(token)
        alternatives = [token, *self._synonyms.get(fw.stem(token), ()), *corrections]
        stems = frozenset(fw.stem(w) for phrase in alternatives for w in phrase.split())
        parts = [" AND ".join(f'"{w}"' for w in phrase.split()) for phrase in alternatives]
        parts = [f"({p})" if " AND " in p else p for p in parts]
        if len(token) >= 2:
            parts.append(f'"{token}"*')
        return _Term(
            stems=stems,
            typed=frozenset(fw.stem(w) for w in [token, *corrections]),
            prefix=token,
            complete=token in self._vocabulary,
            match="(" + " OR ".join(parts) + ")",
        )

    def _known(self, token: str) -> bool:
        """True when some catalogue word is ``token`` or starts with it."""
        at = bisect.bisect_left(self._sorted, token)
        return at < len(self._sorted) and self._sorted[at].startswith(token)

    def _corrections(self, token: str) -> list[str]:
        """Catalogue words one edit away from ``token`` (insert, delete, substitute, swap)."""
        found: set[str] = set()
        for key in {token} | fw.deletions(token):
            found.update(self._deletes.get(key, ()))
        return sorted(w for w in found if fw.within_one_edit(token, w))

    def _score(self, index: int, query: _Query) -> float:
        """Lower is better: the food's prior plus the cost of its name words left unmatched."""
        prior, name_words = self._profiles[index]
        score, seen_match, as_typed = prior, False, False
        for word, stemmed, weight in name_words:
            if stemmed in query.stems:
                seen_match = True
                as_typed = as_typed or stemmed in query.typed
            elif word.startswith(query.prefixes):
                seen_match = as_typed = True
                # "water" typed in full means water, not watermelon; "wat" may mean either.
                if query.complete and word.startswith(query.complete):
                    score += PREFIX_OF_WORD_COST
            elif seen_match:
                score += weight
            else:
                score += fw.NEUTRAL_WEIGHT if word in fw.HEADS else max(weight, BEFORE_COST)
        # Found only through a synonym ("Soybeans, green" for edamame): the name the person
        # typed comes first when the catalogue has it.
        return score if as_typed else score + SYNONYM_ONLY_COST


def _profile(food: Food) -> tuple[float, tuple[tuple[str, str, float], ...]]:
    """What ranking needs about a food, computed once: its prior and weighted name words."""
    prior = GROUP_PENALTY.get(food.group, 0.0)
    if food.id.startswith("sr28:"):
        prior += SR28_BONUS
    if food.magnesium_mg_per_100g is None:
        prior += NO_VALUE_PENALTY
    name_words = tuple((w, fw.stem(w), fw.weight(w)) for w in fw.words(food.name))
    return prior, name_words


def _head(name: str) -> str:
    """The part of a USDA name that says what the food is: "Spinach" of "Spinach, raw"."""
    segments = [part.strip() for part in name.split(",")]
    if len(segments) > 1 and fw.normalise(segments[0]) in fw.HEADS:
        return f"{segments[0]} {segments[1]}"
    return segments[0]


def _deletion_table(vocabulary: set[str]) -> Mapping[str, tuple[str, ...]]:
    """Map each word, and each one-letter deletion of it, to the words it came from."""
    table: dict[str, set[str]] = {}
    for word in vocabulary:
        if len(word) < MIN_TYPO_LENGTH or word.isdigit():
            continue
        for key in {word} | fw.deletions(word):
            table.setdefault(key, set()).add(word)
    return {key: tuple(sorted(words)) for key, words in table.items()}
