#!/usr/bin/env python3
"""Build mgcalm's food catalogue from the USDA source files.

Reads USDA SR28 (ASCII caret/tilde files FOOD_DES, FD_GROUP, NUT_DATA, WEIGHT) and the FNDDS
2021–2023 "At A Glance" workbooks, and writes ``src/mgcalm/knowledge/data/foods.jsonl.gz``:
one header line naming the sources, then one JSON line per food with its magnesium per 100 g
(nutrient 304; ``null`` when USDA has no value), food group, household portions with gram
weights, and the source it came from. Branded SR28 items (those with a manufacturer name) are
dropped: they are obsolete product formulations that USDA itself left out of later releases.

The output is byte-identical on every run (sorted records, fixed gzip header), so a rebuild
that changes nothing shows no diff.

It then writes the search database ``foods.sqlite`` beside it (the foods, their FTS5 index and
vocabulary; see ``mgcalm.knowledge.foods_index``), which mgcalm opens read-only instead of
indexing the catalogue in every process. ``--index-only`` rebuilds just that database from the
catalogue already in the package (no USDA files needed); the same catalogue gives the same file.

    python scripts/build_foods.py [--usda-dir ../shared/data/usda] [--out PATH] [--index-only]
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

MAGNESIUM = "304"
SCHEMA = "mgcalm.foods/1"
REPO = Path(__file__).resolve().parent.parent
DEFAULT_USDA = REPO.parent / "shared" / "data" / "usda"
DEFAULT_OUT = REPO / "src" / "mgcalm" / "knowledge" / "data" / "foods.jsonl.gz"
INDEX_NAME = "foods.sqlite"
FNDDS_NUTRIENTS = "2021-2023 FNDDS At A Glance - FNDDS Nutrient Values.xlsx"
FNDDS_PORTIONS = "2021-2023 FNDDS At A Glance - Portions and Weights.xlsx"

SURVEY_ONLY = ("Quantity not specified", "Guideline amount")
SOURCES = {
    "sr28": {
        "name": "USDA National Nutrient Database for Standard Reference, Release 28",
        "short": "USDA SR28 (2015)",
        "release": "Version Current: September 2015",
        "publisher": "US Department of Agriculture, Agricultural Research Service, "
        "Nutrient Data Laboratory",
        "url": "https://www.ars.usda.gov/ba/bhnrc/ndl",
    },
    "fndds": {
        "name": "USDA Food and Nutrient Database for Dietary Studies 2021-2023",
        "short": "USDA FNDDS 2021-2023",
        "release": "2021-2023 (At A Glance tables, 2024)",
        "publisher": "US Department of Agriculture, Agricultural Research Service, "
        "Food Surveys Research Group",
        "url": "https://www.ars.usda.gov/nea/bhnrc/fsrg",
    },
}


def read_caret(path: Path) -> Iterator[list[str | None]]:
    """Yield the fields of an SR28 caret/tilde file; empty and ``~~`` both mean null."""
    with path.open(encoding="latin-1", newline="") as handle:
        for line in handle:
            line = line.rstrip("\r\n")
            if not line:
                continue
            fields = [f.strip("~") for f in line.split("^")]
            yield [f if f else None for f in fields]


def number(text: str | None) -> float | None:
    """Parse an SR28 numeric field, keeping null as None."""
    return float(text) if text not in (None, "") else None


def amount_text(amount: float) -> str:
    """Render a household amount as a person writes it: 1, 1/2, 1 1/2, 0.3 → 1/3."""
    frac = Fraction(amount).limit_denominator(8)
    if abs(float(frac) - amount) > 0.01:
        return f"{amount:g}"
    whole, rest = divmod(frac.numerator, frac.denominator)
    if rest == 0:
        return str(whole)
    part = f"{rest}/{frac.denominator}"
    return f"{whole} {part}" if whole else part


def sr28_foods(sr28: Path) -> list[dict[str, Any]]:
    """Return SR28 foods (branded items dropped) with magnesium, group and portions."""
    groups = {row[0]: row[1] for row in read_caret(sr28 / "FD_GROUP.txt")}
    magnesium = {
        row[0]: number(row[2]) for row in read_caret(sr28 / "NUT_DATA.txt") if row[1] == MAGNESIUM
    }
    portions: dict[str, list[tuple[int, str, float]]] = {}
    for row in read_caret(sr28 / "WEIGHT.txt"):
        ndb, seq, amount, desc, grams = row[0], row[1], number(row[2]), row[3], number(row[4])
        if ndb and seq and amount and desc and grams and grams > 0:
            label = f"{amount_text(amount)} {desc}"
            portions.setdefault(ndb, []).append((int(seq), label, round(grams, 2)))
    foods = []
    for row in read_caret(sr28 / "FOOD_DES.txt"):
        ndb, group, name, common, manufacturer = row[0], row[1], row[2], row[4], row[5]
        if manufacturer or not ndb or not name:
            continue
        foods.append(
            {
                "id": f"sr28:{ndb}",
                "name": name,
                "group": groups.get(group or "", "Other"),
                "aka": common or "",
                "mg": magnesium.get(ndb),
                "portions": [[label, g] for _, label, g in sorted(portions.get(ndb, []))],
                "src": "sr28",
            }
        )
    return foods


def xlsx_rows(path: Path) -> Iterator[tuple[Any, ...]]:
    """Yield the data rows of the first sheet of an FNDDS workbook (title and header skipped)."""
    import openpyxl  # only the build needs it; the package reads the derived file

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        next(rows)  # title cell
        header = next(rows)
        if header[0] != "Food code":
            raise SystemExit(f"{path.name}: unexpected header {header[:3]}")
        yield header
        yield from rows
    finally:
        book.close()


def fndds_foods(fndds: Path) -> list[dict[str, Any]]:
    """Return FNDDS foods with magnesium per 100 g, WWEIA category and portions."""
    rows = xlsx_rows(fndds / FNDDS_NUTRIENTS)
    column = next(rows).index("Magnesium (mg)")
    foods: dict[int, dict[str, Any]] = {}
    for row in rows:
        if row[0] is None:
            continue
        value = row[column]
        foods[int(row[0])] = {
            "id": f"fndds:{int(row[0])}",
            "name": str(row[1]).strip(),
            "group": str(row[3]).strip(),
            "aka": "",
            "mg": float(value) if value is not None else None,
            "portions": [],
            "src": "fndds",
        }
    portion_rows = xlsx_rows(fndds / FNDDS_PORTIONS)
    next(portion_rows)
    for row in portion_rows:
        code, seq, desc, grams = row[0], row[4], row[5], row[6]
        food = foods.get(int(code)) if code is not None else None
        # "Quantity not specified" and the "Guideline amount" rows are survey imputations and
        # school-meal conventions, not portions a person would pick.
        if food is None or not desc or not grams or str(desc).startswith(SURVEY_ONLY):
            continue
        food["portions"].append([int(seq), str(desc).strip(), round(float(grams), 2)])
    for food in foods.values():
        food["portions"] = [[label, g] for _, label, g in sorted(food["portions"])]
    return list(foods.values())


def encode(foods: list[dict[str, Any]]) -> bytes:
    """Serialise header + foods as gzip'd JSON lines with a fixed header (reproducible)."""
    lines = [{"schema": SCHEMA, "sources": SOURCES}]
    lines += sorted(foods, key=lambda f: f["id"])
    text = "".join(
        json.dumps(line, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"
        for line in lines
    )
    buffer = io.BytesIO()
    # mtime=0 and an empty file name keep the gzip header identical across runs.
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    return buffer.getvalue()


def build(usda_dir: Path, out: Path) -> int:
    """Build the catalogue file from ``usda_dir`` into ``out``; return the number of foods."""
    foods = sr28_foods(usda_dir / "sr28") + fndds_foods(usda_dir / "fndds_2021-2023")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(encode(foods))
    return len(foods)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--usda-dir", type=Path, default=DEFAULT_USDA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--index-only", action="store_true", help="only rebuild the search database from --out"
    )
    args = parser.parse_args(argv)
    if not args.index_only:
        if not (args.usda_dir / "sr28" / "FOOD_DES.txt").is_file():
            parser.error(f"--usda-dir {args.usda_dir}: no sr28/FOOD_DES.txt there")
        count = build(args.usda_dir, args.out)
        print(f"wrote {count} foods to {args.out} ({args.out.stat().st_size} bytes)")
    from mgcalm.knowledge import foods_index

    index = args.out.with_name(INDEX_NAME)
    count = foods_index.build(args.out, index)
    print(f"wrote the search database of {count} foods to {index} ({index.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
