"""The food search database: the catalogue, its FTS5 index and its vocabulary in one SQLite file.

``scripts/build_foods.py`` writes it next to the compact catalogue (``data/foods.sqlite`` beside
``data/foods.jsonl.gz``) so a process opens it read-only instead of parsing 12,513 foods and
indexing them again. The file records the SHA-256 of the catalogue it was built from; when the
two disagree (a catalogue rebuilt without its index) search builds the same tables in memory.

Building is deterministic: the same catalogue gives the same rows in the same order, and the
file is written whole to a temporary name, compacted, then renamed into place.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

from mgcalm.domain.foods import Food, Portion
from mgcalm.knowledge import foods_words as fw

SCHEMA = "mgcalm.foods-index/1"
INDEX_FILE = "foods.sqlite"
TOKENIZER = "porter unicode61 remove_diacritics 2"


def default_index_path() -> Path:
    """Where the packaged search database lives."""
    return Path(__file__).with_name("data") / INDEX_FILE  # package data sit beside the code


def catalogue_digest(path: Path) -> str:
    """SHA-256 of the compact catalogue file the index is built from."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def create(db: sqlite3.Connection, foods: Sequence[Food], digest: str) -> None:
    """Create and fill every table of the search database in ``db`` (rowid = position + 1)."""
    with db:
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.executemany(
            "INSERT INTO meta VALUES (?, ?)", [("schema", SCHEMA), ("catalogue_sha256", digest)]
        )
        db.execute(
            "CREATE TABLE food (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, "
            "name TEXT NOT NULL, grp TEXT NOT NULL, mg REAL, portions TEXT NOT NULL, "
            "source TEXT NOT NULL, aka TEXT NOT NULL)"
        )
        db.executemany(
            "INSERT INTO food VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (_row(i + 1, food) for i, food in enumerate(foods)),
        )
        # Contentless: the names live in ``food``; the index only has to find and rank rows.
        db.execute(
            "CREATE VIRTUAL TABLE food_fts USING fts5(name, aka, head, content='', "
            f"tokenize='{TOKENIZER}', prefix='2 3')"
        )
        db.executemany(
            "INSERT INTO food_fts(rowid, name, aka, head) VALUES (?, ?, ?, ?)",
            ((i + 1, f.name, f.aka, head(f.name)) for i, f in enumerate(foods)),
        )
        words = vocabulary(foods)
        db.execute("CREATE TABLE word (word TEXT PRIMARY KEY) WITHOUT ROWID")
        db.executemany("INSERT INTO word VALUES (?)", ((w,) for w in words))
        db.execute(
            "CREATE TABLE prefix_miss (prefix TEXT, word TEXT, PRIMARY KEY (prefix, word)) "
            "WITHOUT ROWID"
        )
        db.executemany("INSERT INTO prefix_miss VALUES (?, ?)", prefix_misses(db, words))


def prefix_misses(db: sqlite3.Connection, words: Sequence[str]) -> list[tuple[str, str]]:
    """(prefix, word) pairs where an FTS5 prefix query for ``prefix`` does not find ``word``.

    The index holds Porter stems, and FTS5 stems a prefix query too: "berrie"* becomes
    "berri"*, which finds "berries" (stem "berri"), but "chocola"* stays "chocola" and never
    starts "chocol", the stem of "chocolate". For every proper prefix of every catalogue word
    this lists the words (one per stem) its prefix query misses, so search can match them whole.
    """
    prefixes = sorted({w[:i] for w in words for i in range(1, len(w))})
    stem_of = dict(zip(words, porter(db, words), strict=True))
    stemmed = dict(zip(prefixes, porter(db, prefixes), strict=True))
    pairs: dict[tuple[str, str], str] = {}
    for word in words:
        for i in range(1, len(word)):
            prefix, stem = word[:i], stem_of[word]
            if not stem.startswith(stemmed[prefix]):
                key = (prefix, stem)
                pairs[key] = min(pairs.get(key, word), word)
    return sorted((prefix, word) for (prefix, _), word in pairs.items())


def porter(db: sqlite3.Connection, tokens: Sequence[str]) -> list[str]:
    """Each single-word token as the FTS5 Porter tokenizer indexes (and queries) it."""
    db.execute(f"CREATE VIRTUAL TABLE temp.porter USING fts5(t, tokenize='{TOKENIZER}')")
    try:
        db.executemany(
            "INSERT INTO temp.porter(rowid, t) VALUES (?, ?)", enumerate(tokens, start=1)
        )
        db.execute("CREATE VIRTUAL TABLE temp.porter_terms USING fts5vocab(temp, porter, instance)")
        found = dict(db.execute("SELECT doc, term FROM temp.porter_terms").fetchall())
    finally:
        db.execute("DROP TABLE IF EXISTS temp.porter_terms")
        db.execute("DROP TABLE temp.porter")
    return [found.get(i, token) for i, token in enumerate(tokens, start=1)]


def write(foods: Sequence[Food], digest: str, out: Path) -> None:
    """Write the search database to ``out`` (atomically: a temporary file, then a rename)."""
    partial = out.with_name(out.name + ".partial")
    partial.unlink(missing_ok=True)
    db = sqlite3.connect(partial)
    try:
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA page_size = 4096")
        create(db, foods, digest)
        db.execute("INSERT INTO food_fts(food_fts) VALUES ('optimize')")
        db.commit()
        db.execute("VACUUM")
    finally:
        db.close()
    partial.replace(out)


def build(catalogue: Path, out: Path) -> int:
    """Write the search database for the catalogue file ``catalogue``; return its food count.

    Raises ValueError naming the problems when the catalogue does not load cleanly.
    """
    from mgcalm.knowledge.foods_data import load_catalogue

    loaded, problems = load_catalogue(catalogue)
    if problems:
        raise ValueError("; ".join(f"{p.location}: {p.message}" for p in problems[:5]))
    write(loaded.foods, catalogue_digest(catalogue), out)
    return len(loaded.foods)


def in_memory(foods: Sequence[Food], digest: str = "") -> sqlite3.Connection:
    """The same database built in memory (tests, and a catalogue newer than its index)."""
    db = sqlite3.connect(":memory:", check_same_thread=False)
    create(db, foods, digest)
    return db


def open_read_only(path: Path) -> sqlite3.Connection:
    """Open the packaged database read-only (it never changes, so no locking is needed)."""
    return sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False
    )


def built_from(db: sqlite3.Connection) -> str | None:
    """The catalogue digest the database was built from, or None for another schema."""
    rows = dict(db.execute("SELECT key, value FROM meta").fetchall())
    return rows.get("catalogue_sha256") if rows.get("schema") == SCHEMA else None


def food_from_row(row: Sequence[object]) -> Food:
    """A Food from a ``food`` row (rowid, id, name, grp, mg, portions, source, aka)."""
    _, food_id, name, group, mg, portions, source, aka = row
    return Food(
        id=str(food_id),
        name=str(name),
        group=str(group),
        magnesium_mg_per_100g=None if mg is None else float(mg),  # type: ignore[arg-type]
        portions=tuple(Portion(label=lb, grams=g) for lb, g in json.loads(str(portions))),
        source=str(source),
        aka=str(aka),
    )


def vocabulary(foods: Iterable[Food]) -> list[str]:
    """Every word of every food's name and other names, sorted."""
    return sorted({w for food in foods for w in fw.words(f"{food.name} {food.aka}")})


def head(name: str) -> str:
    """The part of a USDA name that says what the food is: "Spinach" of "Spinach, raw"."""
    segments = [part.strip() for part in name.split(",")]
    if len(segments) > 1 and fw.normalise(segments[0]) in fw.HEADS:
        return f"{segments[0]} {segments[1]}"
    return segments[0]


def _row(rowid: int, food: Food) -> tuple[object, ...]:
    """One ``food`` row; portions as compact JSON ``[[label, grams], …]``."""
    portions = json.dumps([[p.label, p.grams] for p in food.portions], separators=(",", ":"))
    return (
        rowid,
        food.id,
        food.name,
        food.group,
        food.magnesium_mg_per_100g,
        portions,
        food.source,
        food.aka,
    )
