"""Commands: kb check|forms|intakes|medicines|conditions|conutrients|claims|references, label."""

from __future__ import annotations

from pathlib import Path

import typer

kb_app = typer.Typer(
    help="The cited knowledge base: forms, intakes, medicines, claims, and a data check.",
    no_args_is_help=True,
)
JSON_HELP = "Print JSON instead of a table."


@kb_app.command("check")
def check(
    data_dir: Path = typer.Option(None, "--data-dir", help="Check another data directory."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Validate the knowledge-base data; exit 1 listing every problem with file and key."""
    from mgcalm.cli import knowledge_views as views
    from mgcalm.knowledge import DATA_DIR, load

    kb, problems = load(data_dir or DATA_DIR)  # the files themselves, never their snapshot
    views.render_check(kb, problems, as_json)
    if problems:
        raise typer.Exit(1)


@kb_app.command("forms")
def forms(
    form: str = typer.Argument(None, help="Show one form in detail: id or alias, any case."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Magnesium forms: usual hydrate, % magnesium, laxative effect, uses, evidence grade."""
    from mgcalm.cli import knowledge_views as views
    from mgcalm.cli.output import fail
    from mgcalm.knowledge import knowledge_base

    kb = knowledge_base()
    found = views.select_forms(kb, form)
    if not found:
        fail([views.unknown_form(kb, form)])
    views.render_forms(found, as_json, detail=form is not None)


@kb_app.command("intakes")
def intakes(as_json: bool = typer.Option(False, "--json", help=JSON_HELP)) -> None:
    """Recommended intakes (all sources) and upper limits (supplements only) by life stage."""
    from mgcalm.cli import knowledge_views as views
    from mgcalm.knowledge import knowledge_base

    views.render_intakes(knowledge_base(), as_json)


@kb_app.command("medicines")
def medicines(
    name: str = typer.Argument(None, help="Look up one medicine, generic or brand, any case."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Medicines and their magnesium rule: spacing hours each way, clinician, or warning."""
    from mgcalm.cli import knowledge_views as views
    from mgcalm.cli.output import fail
    from mgcalm.knowledge import knowledge_base

    kb = knowledge_base()
    found = views.select_medicines(kb, name)
    if not found:
        fail([views.unknown_medicine(name)])
    views.render_medicines(kb, found, as_json)


@kb_app.command("conditions")
def conditions(as_json: bool = typer.Option(False, "--json", help=JSON_HELP)) -> None:
    """Conditions that need a clinician, rule magnesium out, or call for caution."""
    from mgcalm.cli import knowledge_views as views
    from mgcalm.knowledge import knowledge_base

    views.render_conditions(knowledge_base(), as_json)


@kb_app.command("conutrients")
def conutrients(as_json: bool = typer.Option(False, "--json", help=JSON_HELP)) -> None:
    """B6, zinc, vitamin D, taurine, omega-3: intakes, limits, interactions with magnesium."""
    from mgcalm.cli import knowledge_views as views
    from mgcalm.knowledge import knowledge_base

    views.render_conutrients(knowledge_base(), as_json)


@kb_app.command("claims")
def claims(as_json: bool = typer.Option(False, "--json", help=JSON_HELP)) -> None:
    """The article's claims with evidence grade, honest wording and sources."""
    from mgcalm.cli import knowledge_views as views
    from mgcalm.knowledge import knowledge_base

    views.render_claims(knowledge_base(), as_json)


@kb_app.command("references")
def references(
    ref_id: str = typer.Argument(None, help="Show one reference by id, e.g. nih-ods-mg."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """The primary sources behind every fact: PubMed, DOI, drug label, NIH page."""
    from mgcalm.cli import knowledge_views as views
    from mgcalm.cli.output import fail
    from mgcalm.domain import Problem
    from mgcalm.knowledge import knowledge_base

    kb = knowledge_base()
    found = [kb.references[ref_id]] if ref_id in kb.references else []
    if ref_id is not None and not found:
        fail([Problem("reference", f"unknown reference {ref_id!r}", "ids from `kb references`")])
    views.render_references(found or list(kb.references.values()), as_json)


def label(
    form: str = typer.Option(..., "--form", help="Form id, e.g. glycinate, citrate, chloride."),
    hydrate: str = typer.Option(None, "--hydrate", help="Hydrate id; default: the usual one."),
    compound_mg: float = typer.Option(None, "--compound-mg", help="Mass of the compound, mg."),
    elemental_mg: float = typer.Option(None, "--elemental-mg", help="Elemental magnesium, mg."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Convert a label's compound mass to elemental magnesium, or back."""
    from mgcalm.cli import knowledge_views as views
    from mgcalm.cli.output import fail
    from mgcalm.domain import InvalidInputError
    from mgcalm.knowledge import knowledge_base
    from mgcalm.knowledge import label as calculate

    try:
        result = calculate(knowledge_base(), form, hydrate, compound_mg, elemental_mg)
    except InvalidInputError as error:
        fail(error.problems)
    views.render_label(result, as_json)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.add_typer(kb_app, name="kb")
    app.command("label")(label)
