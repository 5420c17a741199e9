"""Read each data file and validate its records one by one, turning errors into problems.

Every function here returns a ``Loaded`` value: what could be validated, plus a problem for each
record that could not, located as ``file: key.path`` (``forms.toml: forms.oxide.hydrates``) or
``file: row N.column`` for CSV files.

The records are plain dataclasses; pydantic validates them here, and only here, imported on
the first validation so that nothing else pays for it.
"""

from __future__ import annotations

import csv
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from mgcalm.domain import Problem
from mgcalm.knowledge.models import (
    Claim,
    Condition,
    Conutrient,
    DosingFacts,
    Form,
    IntakeRow,
    MagnesiumProduct,
    Medicine,
    MedicineClass,
    Record,
    Reference,
    SafetyFacts,
    UpperLimitRow,
)

if TYPE_CHECKING:
    from pydantic import TypeAdapter

T = TypeVar("T")
M = TypeVar("M", bound=Record)
Shape = Callable[[str, dict[str, Any]], dict[str, Any]]  # a TOML entry → a model's input
# File keys renamed on the way into the models, renamed back when reporting a problem.
_RENAMED = {"class_id": "class", "brand_names": "brands"}
# pydantic words some errors differently for dataclasses than for models; the data's authors
# read the model wording, so it is kept.
_MESSAGES = {
    "dataclass_type": "Input should be a valid dictionary or instance of {class_name}",
}
_UNKNOWN_KEY = ("extra_forbidden", "unexpected_keyword_argument")


@dataclass(frozen=True, slots=True)
class Loaded(Generic[T]):
    """A value read from the data files and the problems met while reading it."""

    value: T
    problems: tuple[Problem, ...] = ()


def read_toml(data_dir: Path, name: str) -> Loaded[dict[str, Any]]:
    """Parse one TOML file; a missing or malformed file is a problem, not an exception."""
    path = data_dir / name
    try:
        with path.open("rb") as handle:
            return Loaded(tomllib.load(handle))
    except FileNotFoundError:
        return Loaded({}, (Problem(name, "file is missing", f"a TOML file in {data_dir}"),))
    except tomllib.TOMLDecodeError as error:
        return Loaded({}, (Problem(name, f"not valid TOML: {error}", "TOML 1.0"),))


def read_csv(data_dir: Path, name: str) -> Loaded[list[dict[str, Any]]]:
    """Read a CSV file with a header row; empty cells become ``None``, sources split on ';'."""
    path = data_dir / name
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    except FileNotFoundError:
        return Loaded([], (Problem(name, "file is missing", f"a CSV file in {data_dir}"),))
    return Loaded([_csv_row(row) for row in rows])


def _csv_row(row: dict[str | None, Any]) -> dict[str, Any]:
    """Clean one CSV row: blank cells dropped (defaults apply), ``sources`` split into a tuple.

    Surplus cells (more than the header names) are kept under ``extra_cells`` so that the
    model rejects them with a located problem.
    """
    clean: dict[str, Any] = {}
    for key, value in row.items():
        name = key if key is not None else "extra_cells"
        if isinstance(value, str):
            value = value.strip()
            if not value:
                continue
        if name == "sources" and isinstance(value, str):
            value = tuple(part.strip() for part in value.split(";") if part.strip())
        clean[name] = value
    return clean


def validate(model: type[M], data: Any, where: str) -> Loaded[M | None]:
    """Validate one record; on failure, one problem per pydantic error, located under ``where``."""
    from pydantic import ValidationError

    kind: type = model  # a class is hashable; mypy cannot tell for a frozen dataclass's
    try:
        record: M = _adapter(kind).validate_python(data)
        return Loaded(record)
    except ValidationError as error:
        return Loaded(None, tuple(_problem(where, item, model) for item in error.errors()))


@cache
def _adapter(model: type[Any]) -> TypeAdapter[Any]:
    """The validator of one record type, built once."""
    from pydantic import TypeAdapter

    return TypeAdapter(model)


def _problem(where: str, item: Any, model: type[Record]) -> Problem:
    """A ``Problem`` from one pydantic error item, naming the accepted values or keys."""
    path = ".".join(_RENAMED.get(str(part), str(part)) for part in item["loc"])
    location = f"{where}.{path}" if path else where
    context = item.get("ctx") or {}
    expected = str(context.get("expected", ""))
    message = str(item["msg"]).removeprefix("Value error, ")
    if item["type"] in _MESSAGES:
        message = _MESSAGES[item["type"]].format(**context)
    if item["type"] == "literal_error":
        message = f"{item['input']!r} is not an accepted value"
    elif item["type"] in _UNKNOWN_KEY:
        message = "unknown key"
        if len(item["loc"]) == 1:
            keys = (_RENAMED.get(f.name, f.name) for f in fields(model) if f.name != "id")
            expected = ", ".join(keys)
    return Problem(location, message, expected)


def _records(
    model: type[M], table: Any, where: str, shape: Shape | None = None
) -> Loaded[dict[str, M]]:
    """Validate each ``key = {…}`` entry of a TOML table into ``model`` (with ``id = key``)."""
    if not isinstance(table, dict):
        return Loaded({}, (Problem(where, "expected a table of records", "[id] tables"),))
    records: dict[str, M] = {}
    problems: list[Problem] = []
    for key, value in table.items():
        if not isinstance(value, dict):
            problems.append(Problem(f"{where}.{key}", "expected a table", "key = value pairs"))
            continue
        data = shape(key, value) if shape else {"id": key, **value}
        loaded = validate(model, data, f"{where}.{key}")
        problems += loaded.problems
        if loaded.value is not None:
            records[key] = loaded.value
    return Loaded(records, tuple(problems))


def references(data_dir: Path) -> Loaded[dict[str, Reference]]:
    """``references.toml``: one table per reference id."""
    raw = read_toml(data_dir, "references.toml")
    loaded = _records(Reference, raw.value, "references.toml:")
    return Loaded(loaded.value, raw.problems + _strip_colon(loaded.problems))


def forms(data_dir: Path) -> Loaded[tuple[dict[str, Form], dict[str, tuple[str, ...]]]]:
    """``forms.toml``: the ``[goals]`` table and one ``[forms.<id>]`` table per form."""
    raw = read_toml(data_dir, "forms.toml")
    loaded = _records(Form, raw.value.get("forms", {}), "forms.toml: forms", _form_shape)
    goals = raw.value.get("goals", {})
    goal_forms = {str(k): tuple(v) for k, v in goals.items() if isinstance(v, list)}
    bad = [
        Problem(f"forms.toml: goals.{k}", "expected a list of form ids", '["glycinate"]')
        for k, v in goals.items()
        if not isinstance(v, list)
    ]
    return Loaded((loaded.value, goal_forms), raw.problems + loaded.problems + tuple(bad))


def _form_shape(key: str, value: dict[str, Any]) -> dict[str, Any]:
    """Expand ``hydrates = {hexahydrate = "MgCl2.6H2O"}`` into hydrate records."""
    data = {"id": key, **value}
    hydrates = value.get("hydrates")
    if isinstance(hydrates, dict):
        data["hydrates"] = {
            h: {"id": h, "formula": f} if isinstance(f, str) else f for h, f in hydrates.items()
        }
    return data


def intake_rows(data_dir: Path) -> Loaded[tuple[IntakeRow, ...]]:
    """``rda.csv``: one row per life stage."""
    return _csv_records(IntakeRow, data_dir, "rda.csv")


def upper_limit_rows(data_dir: Path) -> Loaded[tuple[UpperLimitRow, ...]]:
    """``ul.csv``: one row per age band."""
    return _csv_records(UpperLimitRow, data_dir, "ul.csv")


def _csv_records(model: type[M], data_dir: Path, name: str) -> Loaded[tuple[M, ...]]:
    """Validate every row of a CSV file (row 2 is the first data row, after the header)."""
    raw = read_csv(data_dir, name)
    rows: list[M] = []
    problems = list(raw.problems)
    for number, data in enumerate(raw.value, start=2):
        loaded = validate(model, data, f"{name}: row {number}")
        problems += loaded.problems
        if loaded.value is not None:
            rows.append(loaded.value)
    return Loaded(tuple(rows), tuple(problems))


def medicines(data_dir: Path) -> Loaded[tuple[dict[str, MedicineClass], dict[str, Medicine]]]:
    """``medicines.toml``: ``[classes.<id>]`` with a rule, ``[medicines.<id>]`` naming a class."""
    raw = read_toml(data_dir, "medicines.toml")
    classes = _records(MedicineClass, raw.value.get("classes", {}), "medicines.toml: classes")
    problems = list(raw.problems + classes.problems)
    found: dict[str, Medicine] = {}
    for key, value in (raw.value.get("medicines") or {}).items():
        where = f"medicines.toml: medicines.{key}"
        entry = dict(value) if isinstance(value, dict) else {}
        class_id = entry.pop("class", None)
        known = classes.value.get(str(class_id))
        if known is None:
            accepted = ", ".join(classes.value) or "ids of [classes] tables"
            problems.append(Problem(f"{where}.class", f"unknown class {class_id!r}", accepted))
            continue
        data = {
            "id": key,
            "class_id": class_id,
            "brand_names": entry.pop("brands", ()),
            "rule": entry.pop("rule", known.rule),
            "lowers_magnesium": known.lowers_magnesium,
            **entry,
        }
        loaded = validate(Medicine, data, where)
        problems += loaded.problems
        if loaded.value is not None:
            found[key] = loaded.value
    return Loaded((classes.value, found), tuple(problems))


def conditions(data_dir: Path) -> Loaded[dict[str, Condition]]:
    """``conditions.toml``: one table per condition id."""
    raw = read_toml(data_dir, "conditions.toml")
    loaded = _records(Condition, raw.value, "conditions.toml:")
    return Loaded(loaded.value, raw.problems + _strip_colon(loaded.problems))


def conutrients(data_dir: Path) -> Loaded[dict[str, Conutrient]]:
    """``conutrients.toml``: one table per co-nutrient id."""
    raw = read_toml(data_dir, "conutrients.toml")
    loaded = _records(Conutrient, raw.value, "conutrients.toml:")
    return Loaded(loaded.value, raw.problems + _strip_colon(loaded.problems))


def claims(data_dir: Path) -> Loaded[tuple[Claim, ...]]:
    """``claims.toml``: one ``[claims.<id>]`` table per claim, in the article's order."""
    raw = read_toml(data_dir, "claims.toml")
    loaded = _records(Claim, raw.value.get("claims", {}), "claims.toml: claims")
    return Loaded(tuple(loaded.value.values()), raw.problems + loaded.problems)


def dosing(data_dir: Path) -> Loaded[DosingFacts | None]:
    """``dosing.toml``: the article's dose statements and mgcalm's dosing defaults."""
    raw = read_toml(data_dir, "dosing.toml")
    loaded = validate(DosingFacts, raw.value, "dosing.toml:")
    return Loaded(loaded.value, raw.problems + _strip_colon(loaded.problems))


def magnesium_products(data_dir: Path) -> Loaded[dict[str, MagnesiumProduct]]:
    """``magnesium_products.toml``: one table per product that contains magnesium."""
    raw = read_toml(data_dir, "magnesium_products.toml")
    loaded = _records(MagnesiumProduct, raw.value, "magnesium_products.toml:")
    return Loaded(loaded.value, raw.problems + _strip_colon(loaded.problems))


def safety(data_dir: Path) -> Loaded[SafetyFacts | None]:
    """``safety.toml``: the default window, the kidney-by-age rule and the stop signs."""
    raw = read_toml(data_dir, "safety.toml")
    loaded = validate(SafetyFacts, raw.value, "safety.toml:")
    return Loaded(loaded.value, raw.problems + _strip_colon(loaded.problems))


def _strip_colon(problems: tuple[Problem, ...]) -> tuple[Problem, ...]:
    """Tidy ``file:.key`` (records at the top level of a file) into ``file: key``."""
    return tuple(
        Problem(p.location.replace(":.", ": ", 1), p.message, p.accepted) for p in problems
    )
