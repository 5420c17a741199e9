"""Full-text food search: an SQLite FTS5 index over the catalogue, then a ranking pass.

FTS5 finds the candidates (porter-stemmed words, word prefixes, synonyms and one-letter typo
corrections); the ranking then puts the common form of a food first: a name whose extra words
only say how it was prepared ("Spinach, raw") beats one that names another product ("Spinach
souffle", "Oil, almond"), analysed SR28 foods beat survey recipes on ties, and baby foods or
restaurant items sink. The index is the prebuilt database of ``foods_index``, opened
read-only; ``FoodIndex.of`` builds one in memory over any list of foods.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from mgcalm.domain.foods import Food
from mgcalm.domain.problems import InvalidInputError, Problem
from mgcalm.knowledge import foods_index
from mgcalm.knowledge import foods_words as fw

MAX_QUERY = 200
CANDIDATES = 300
MIN_TYPO_LENGTH = 4
WORD_END = "{"  # sorts after every character of a catalogue word (a–z, 0–9)
VARIANTS_PER_QUERY = 500
FOOD_COLUMNS = "food.rowid, id, name, grp, mg, portions, source, aka"

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
    """Search over the food search database (see ``foods_index``); safe to share between threads.

    Only the candidates of a query are read from the database and ranked, and only the foods
    returned are built, so a search never loads the whole catalogue.
    """

    def __init__(self, db: sqlite3.Connection) -> None:
        """Search the database ``db`` (the packaged file, or one built by ``of``)."""
        self._db = db
        self._lock = threading.Lock()
        self._synonyms = fw.synonym_table()

    @classmethod
    def of(cls, foods: Sequence[Food]) -> FoodIndex:
        """An index over ``foods``, built in memory."""
        return cls(foods_index.in_memory(foods))

    @classmethod
    def open(cls, path: Path) -> FoodIndex:
        """The prebuilt database at ``path``, opened read-only."""
        return cls(foods_index.open_read_only(path))

    def built_from(self) -> str | None:
        """The digest of the catalogue this index was built from."""
        with self._lock:
            return foods_index.built_from(self._db)

    def get(self, food_id: str) -> Food | None:
        """The food with this catalogue id (``sr28:12061``), or None."""
        with self._lock:
            row = self._db.execute(
                f"SELECT {FOOD_COLUMNS} FROM food WHERE id = ?", (food_id.strip().lower(),)
            ).fetchone()
        return None if row is None else foods_index.food_from_row(row)

    def search(self, query: str, limit: int = 10) -> tuple[Food, ...]:
        """Foods matching ``query``, best first; raises InvalidInputError for an unusable query."""
        terms = self._terms(query, limit)
        found = self._search(terms, limit)
        if not found and len(terms[-1].prefix) == 1:
            # A one-letter last word is a whole word when foods have it ("vitamin c"), else the
            # start of the word still being typed ("dark c").
            with self._lock:
                terms[-1] = self._term(terms[-1].prefix, as_prefix=True)
            found = self._search(terms, limit)
        return found

    def _search(self, terms: list[_Term], limit: int) -> tuple[Food, ...]:
        """The foods matching every term, best first."""
        expression = "{name aka}: (" + " AND ".join(t.match for t in terms) + ")"
        with self._lock:
            # Weighting the head column brings foods *named* by the query ("Chocolate, dark")
            # into the candidates ahead of foods it merely qualifies ("Gelato, chocolate").
            rows = self._db.execute(
                f"SELECT {FOOD_COLUMNS}, rank FROM ("
                "SELECT rowid AS hit, bm25(food_fts, 1.0, 1.0, 5.0) AS rank FROM food_fts "
                "WHERE food_fts MATCH ? ORDER BY rank LIMIT ?"
                ") JOIN food ON food.rowid = hit ORDER BY rank, hit",
                (expression, CANDIDATES),
            ).fetchall()
        query_words = _Query.of(terms)
        ranked = sorted(rows, key=lambda row: (_score(row, query_words), row[-1], row[0]))
        return tuple(foods_index.food_from_row(row[:-1]) for row in ranked[:limit])

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
        with self._lock:
            return [self._term(token) for token in kept]

    def _term(self, token: str, as_prefix: bool = False) -> _Term:
        """All the ways one query word may appear in a food name (called under the lock)."""
        first = self._db.execute(
            "SELECT word FROM word WHERE word >= ? AND word < ? ORDER BY word LIMIT 1",
            (token, token + WORD_END),
        ).fetchone()
        corrections = []
        if first is None and len(token) >= MIN_TYPO_LENGTH:
            corrections = self._corrections(token)
        alternatives = [token, *self._synonyms.get(fw.stem(token), ()), *corrections]
        stems = frozenset(fw.stem(w) for phrase in alternatives for w in phrase.split())
        parts = [" AND ".join(f'"{w}"' for w in phrase.split()) for phrase in alternatives]
        parts = [f"({p})" if " AND " in p else p for p in parts]
        if len(token) >= 2 or as_prefix:
            parts.append(f'"{token}"*')
            # The index holds Porter stems ("chocolate" → "chocol"), which a prefix longer than
            # the stem ("chocola") does not start: the words it would miss are matched whole.
            missed = self._db.execute("SELECT word FROM prefix_miss WHERE prefix = ?", (token,))
            parts += [f'"{word}"' for (word,) in missed]
        return _Term(
            stems=stems,
            typed=frozenset(fw.stem(w) for w in [token, *corrections]),
            prefix=token,
            complete=first is not None and first[0] == token,
            match="(" + " OR ".join(parts) + ")",
        )

    def _corrections(self, token: str) -> list[str]:
        """Catalogue words one edit away from ``token`` (insert, delete, substitute, swap)."""
        variants = sorted(fw.one_edit_variants(token))
        found: set[str] = set()
        for at in range(0, len(variants), VARIANTS_PER_QUERY):
            chunk = variants[at : at + VARIANTS_PER_QUERY]
            marks = ", ".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT word FROM word WHERE word IN ({marks})", chunk)
            found.update(word for (word,) in rows)
        return sorted(
            w
            for w in found
            if len(w) >= MIN_TYPO_LENGTH and not w.isdigit() and fw.within_one_edit(token, w)
        )


def _score(row: Sequence[object], query: _Query) -> float:
    """Lower is better: the food's prior plus the cost of its name words left unmatched."""
    prior, name_words = _profile(str(row[1]), str(row[2]), str(row[3]), row[4] is None)
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


@lru_cache(maxsize=4096)
def _profile(
    food_id: str, name: str, group: str, no_value: bool
) -> tuple[float, tuple[tuple[str, str, float], ...]]:
    """What ranking needs about a food: its prior and weighted name words."""
    prior = GROUP_PENALTY.get(group, 0.0)
    if food_id.startswith("sr28:"):
        prior += SR28_BONUS
    if no_value:
        prior += NO_VALUE_PENALTY
    name_words = tuple((w, fw.stem(w), fw.weight(w)) for w in fw.words(name))
    return prior, name_words
