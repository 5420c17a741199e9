"""Commands: foods search|top|show|groups, intake."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NoReturn

import typer

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mgcalm.domain.foods import Portion

foods_app = typer.Typer(
    help="USDA foods and their magnesium: search, richest sources, one food's portions.",
    no_args_is_help=True,
)


@foods_app.command("search")
def search(
    query: str = typer.Argument(..., help="Food name, any part of it: almonds, almo, pepitas."),
    limit: int = typer.Option(10, "--limit", "-n", help="How many foods to show (1–100)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """Find foods by name, the common form first, with magnesium per 100 g and per portion."""
    from mgcalm.domain import InvalidInputError
    from mgcalm.knowledge.foods import search_foods, serving

    try:
        found = search_foods(query, limit)
    except InvalidInputError as error:
        _fail(error)
    _render([(food.as_dict(), serving(food)) for food in found], as_json)


@foods_app.command("top")
def top(
    group: str = typer.Option(None, "--group", "-g", help="Only groups whose name contains this."),
    per: str = typer.Option("portion", "--per", help="Rank by 'portion' or by '100g'."),
    limit: int = typer.Option(20, "--limit", "-n", help="How many foods to show (1–200)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """The richest magnesium sources, per typical household portion or per 100 g."""
    from mgcalm.domain import InvalidInputError
    from mgcalm.knowledge.foods import richest

    try:
        ranked = richest(group, per, limit)
    except InvalidInputError as error:
        _fail(error)
    _render([(item.as_dict(), item.portion) for item in ranked], as_json)


@foods_app.command("show")
def show(
    food_id: str = typer.Argument(..., help="Catalogue id from `foods search`, e.g. sr28:12061."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """One food with every household portion and its magnesium."""
    from mgcalm.domain import InvalidInputError
    from mgcalm.knowledge.foods import get_food

    try:
        food = get_food(food_id)
    except InvalidInputError as error:
        _fail(error)
    _render([(food.as_dict(), None)], as_json, all_portions=True)


@foods_app.command("article")
def article(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """The article's magnesium-rich foods in household portions, with USDA values."""
    from mgcalm.cli.output import print_json
    from mgcalm.knowledge.foods import article_portions

    portions = [p.as_dict() for p in article_portions()]
    if as_json:
        print_json(portions)
    else:
        typer.echo(
            "\n".join(f"{p['food']}: {p['magnesium_mg']:g} mg ({p['source']})" for p in portions)
        )


@foods_app.command("groups")
def groups(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List the food groups (USDA SR28) and WWEIA categories (FNDDS) for `foods top --group`."""
    from mgcalm.cli.output import print_json
    from mgcalm.knowledge.foods import food_groups

    names = list(food_groups())
    if as_json:
        print_json(names)
    else:
        typer.echo("\n".join(names))


def intake(
    day: str = typer.Option(None, "--date", "--day", help="The day, YYYY-MM-DD (default: today)."),
    person: str = typer.Option(None, "--person", help="Person id (if several are stored)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
) -> None:
    """Today's magnesium: food and supplements against the RDA and the supplemental UL."""
    from mgcalm.app.tracking.intake import intake_day
    from mgcalm.cli.output import print_json
    from mgcalm.cli.services import services

    with services() as app:
        ledger = intake_day(app, app.person(person).id, _day(day))
    if as_json:
        print_json(ledger.as_dict())
    else:
        typer.echo(_ledger_text(ledger.as_dict()))


def _day(text: str | None) -> Any:
    """The --date value as a date (None: today); a bad date exits 2 naming the option."""
    from datetime import date

    from mgcalm.cli.output import fail
    from mgcalm.domain import Problem

    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail([Problem("--date", f"{text!r} is not a date", "YYYY-MM-DD")])


def _ledger_text(data: dict[str, Any]) -> str:
    """The ledger in plain words: two limits, kept apart."""
    food, supp, rda, ul = data["food"], data["supplements"], data["rda"], data["supplemental_ul"]
    lines = [f"Magnesium on {data['day']}", "  " + _food_line(food)]
    lines.append(
        f"  Supplements: {supp['magnesium_mg']:g} mg (doses taken {supp['doses_taken']},"
        f" missed {supp['doses_missed']}; other supplements {supp['other_supplements_mg']:g} mg)"
    )
    met = "met" if rda["met"] else f"{rda['gap_mg']:g} mg to go"
    lines.append(
        f"  RDA {rda['mg']:g} mg/day (food + supplements; {', '.join(rda['sources'])}):"
        f" {data['total_mg']:g} mg, {met}"
    )
    over = "ABOVE the limit: take no more magnesium supplements today and check with your clinician"
    under = f"{ul['remaining_mg']:g} mg below it"
    lines.append(
        f"  Supplemental UL {ul['mg']:g} mg/day (supplements only, food never counts;"
        f" {', '.join(ul['sources'])}): {ul['compared_with_mg']:g} mg, "
        + (over if ul["exceeded"] else under)
    )
    if data["suggestions"]:
        lines.append("  Foods that would close the gap:")
        lines += [f"    - {s['food']} ≈ {s['magnesium_mg']:g} mg" for s in data["suggestions"]]
    return "\n".join(lines)


def _food_line(food: dict[str, Any]) -> str:
    """Food magnesium with its coverage, or the profile's estimate when nothing was logged."""
    if food["foods_logged"] == 0:
        estimate = food["profile_estimate_mg"]
        usual = f"; your profile estimates {estimate:g} mg/day" if estimate is not None else ""
        return f"Food:        nothing logged{usual}"
    at_least = "at least " if food["at_least"] else ""
    return f"Food:        {at_least}{food['magnesium_mg']:g} mg ({food['coverage']})"


def food_flags(
    food: str | None,
    grams: float | None,
    portion: str | None,
    amount: float | None,
    exact_id: bool = False,
) -> dict[str, Any]:
    """``log food`` flags → entry fields (a food name and "1 oz" become an id and grams).

    Problems (an unknown food name, an ambiguous portion) exit 2 naming what is accepted.
    """
    from mgcalm.app.tracking.intake import food_entry_fields
    from mgcalm.domain import InvalidInputError

    try:
        return food_entry_fields(food, grams, portion, amount, exact_id=exact_id)
    except InvalidInputError as error:
        _fail(error)


def _fail(error: Any) -> NoReturn:
    """Report every problem of an InvalidInputError and exit 2."""
    from mgcalm.cli.output import fail

    fail(error.problems)


def _render(
    rows: Sequence[tuple[dict[str, Any], Portion | None]],
    as_json: bool,
    *,
    all_portions: bool = False,
) -> None:
    """Print foods as JSON, or as a table showing one typical portion (or all) and the source."""
    from mgcalm.cli.output import print_json

    if as_json:
        print_json([item for item, _ in rows])
        return
    if not rows:
        typer.echo("No food matches.")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "food", "Mg mg/100 g", "portion → Mg mg", "source")
    for item, portion in rows:
        per_100g = item["magnesium_mg_per_100g"]
        shown = [p for p in item["portions"] if all_portions or _same(p, portion)]
        if portion is not None and not shown:  # ranked per 100 g
            shown = [
                item.get("ranked_by", {"label": "100 g", "grams": 100, "magnesium_mg": per_100g})
            ]
        text = "\n".join(f"{p['label']} ({p['grams']:g} g) → {p['magnesium_mg']}" for p in shown)
        value = "no value" if per_100g is None else f"{per_100g:g}"
        table.add_row(item["id"], item["name"], value, text, item["source"])
    Console().print(table)


def _same(portion: dict[str, Any], chosen: Portion | None) -> bool:
    """True when the JSON portion is the chosen household portion."""
    return chosen is not None and portion["label"] == chosen.label


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.add_typer(foods_app, name="foods")
    app.command("intake")(intake)
