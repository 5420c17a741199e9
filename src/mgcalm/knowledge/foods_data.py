"""Reading the USDA food catalogue shipped with mgcalm (``data/foods.jsonl.gz``).

The file is derived from USDA SR28 and FNDDS 2021–2023 by ``scripts/build_foods.py``: one header
line naming the sources, then one JSON line per food. Loading validates every line and returns
``(catalogue, problems)``; a broken line is reported with its line number, never half-loaded.
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from mgcalm.domain.foods import Food, Portion
from mgcalm.domain.problems import Problem

SCHEMA = "mgcalm.foods/1"
DATA_FILE = "foods.jsonl.gz"


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Every food, in file order, with a lookup by id and the sources' citations."""

    foods: tuple[Food, ...]
    by_id: Mapping[str, Food]
    sources: Mapping[str, Mapping[str, str]]

    def get(self, food_id: str) -> Food | None:
        """The food with this id (``sr28:12061``, ``fndds:42100100``), or None."""
        return self.by_id.get(food_id.strip().lower())


def default_path() -> Path:
    """Where the packaged catalogue lives."""
    return Path(__file__).with_name("data") / DATA_FILE  # package data sit beside the code


def load_catalogue(path: Path | None = None) -> tuple[Catalogue, tuple[Problem, ...]]:
    """Read and validate the catalogue file; return it with every problem found."""
    source = path or default_path()
    with gzip.open(source, "rt", encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    problems: list[Problem] = []
    header = _json(lines[0], f"{source.name}:1", problems) if lines else None
    if not header or header.get("schema") != SCHEMA:
        problems.append(Problem(f"{source.name}:1", "missing or unknown header", SCHEMA))
        header = {"sources": {}}
    sources: dict[str, dict[str, str]] = header.get("sources", {})
    foods: list[Food] = []
    for number, line in enumerate(lines[1:], start=2):
        record = _json(line, f"{source.name}:{number}", problems)
        food = _food(record, f"{source.name}:{number}", sources, problems) if record else None
        if food is not None:
            foods.append(food)
    catalogue = Catalogue(
        foods=tuple(foods),
        by_id=MappingProxyType({f.id: f for f in foods}),
        sources=MappingProxyType(sources),
    )
    return catalogue, tuple(problems)


def _json(line: str, where: str, problems: list[Problem]) -> dict[str, Any] | None:
    """Parse one JSON line, recording a problem instead of raising."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as error:
        problems.append(Problem(where, f"not JSON ({error.msg})", "one JSON object per line"))
        return None
    if not isinstance(value, dict):
        problems.append(Problem(where, "not a JSON object", "one JSON object per line"))
        return None
    return value


def _food(
    record: dict[str, Any],
    where: str,
    sources: Mapping[str, Mapping[str, str]],
    problems: list[Problem],
) -> Food | None:
    """Turn one record into a Food, or record why it cannot be one."""
    found: list[Problem] = []
    for key in ("id", "name", "group", "src"):
        if not isinstance(record.get(key), str) or not record[key]:
            found.append(Problem(f"{where}: {key}", "missing or not text", "non-empty text"))
    magnesium = record.get("mg")
    if magnesium is not None and not _non_negative(magnesium):
        found.append(Problem(f"{where}: mg", f"{magnesium!r} is not a magnesium value", "≥ 0"))
    if record.get("src") not in sources:
        found.append(Problem(f"{where}: src", "unknown source", ", ".join(sorted(sources))))
    portions = _portions(record.get("portions"), where, found)
    problems.extend(found)
    if found:
        return None
    cited = sources[record["src"]].get("short", record["src"])
    return Food(
        id=record["id"],
        name=record["name"],
        group=record["group"],
        magnesium_mg_per_100g=None if magnesium is None else float(magnesium),
        portions=portions,
        source=f"{cited}, {_reference(record['id'])}",
        aka=str(record.get("aka", "")),
    )


def _portions(value: Any, where: str, found: list[Problem]) -> tuple[Portion, ...]:
    """Validate ``[[label, grams], …]`` into portions."""
    if not isinstance(value, list):
        found.append(Problem(f"{where}: portions", "not a list", "[[label, grams], …]"))
        return ()
    portions = []
    for index, item in enumerate(value):
        ok = isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)
        if not ok or not _non_negative(item[1]) or item[1] == 0:
            place = f"{where}: portions[{index}]"
            found.append(Problem(place, "bad portion", "[label, grams > 0]"))
            continue
        portions.append(Portion(label=item[0], grams=float(item[1])))
    return tuple(portions)


def _non_negative(value: Any) -> bool:
    """True for a finite number ≥ 0 (booleans are not numbers here)."""
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and value >= 0
    )


def _reference(food_id: str) -> str:
    """The USDA identifier a person can look up: "NDB 12061" or "food code 42100100"."""
    prefix, _, code = food_id.partition(":")
    return f"NDB {code}" if prefix == "sr28" else f"food code {code}"
