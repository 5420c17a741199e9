"""Rendering for the ``kb`` and ``label`` commands: Rich tables, or JSON with ``--json``.

Imported only inside the command functions, so ``mgcalm --help`` never pays for Rich or the
knowledge base.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from mgcalm.cli.output import print_json
from mgcalm.domain import Problem
from mgcalm.knowledge import Form, KnowledgeBase, Medicine, Reference
from mgcalm.knowledge.labels import LabelResult

GRADE_WORDS = {"high": "high", "moderate": "moderate", "low": "low", "very_low": "very low"}


def _console() -> Console:
    """A console that wraps long clinical text instead of cutting it."""
    return Console(soft_wrap=False)


def counts(kb: KnowledgeBase) -> dict[str, int]:
    """How many records of each kind the knowledge base holds."""
    return {
        "references": len(kb.references),
        "forms": len(kb.forms),
        "hydrates": sum(len(f.hydrates) for f in kb.forms.values()),
        "intake_rows": len(kb.rda_table) + len(kb.ul_table),
        "medicine_classes": len(kb.medicine_classes),
        "medicines": len(kb.medicines),
        "conditions": len(kb.conditions),
        "conutrients": len(kb.conutrients),
        "claims": len(kb.claims),
    }


def render_check(kb: KnowledgeBase, problems: Sequence[Problem], as_json: bool) -> None:
    """``ok`` with counts, or every problem with its file and key."""
    if as_json:
        listed = [p.as_dict() for p in problems]
        print_json({"ok": not problems, "counts": counts(kb), "problems": listed})
        return
    console = _console()
    if not problems:
        summary = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in counts(kb).items())
        console.print(f"ok: {summary}", highlight=False)
        return
    err = Console(stderr=True)
    err.print(f"{len(problems)} problem(s) in the knowledge-base data:", highlight=False)
    for problem in problems:
        err.print(f"  - {problem}", highlight=False, markup=False)


def select_forms(kb: KnowledgeBase, name: str | None) -> list[Form]:
    """All forms, or the one ``name`` refers to (empty when unknown)."""
    if name is None:
        return list(kb.forms.values())
    found = kb.find_form(name)
    return [found] if found is not None else []


def unknown_form(kb: KnowledgeBase, name: str | None) -> Problem:
    """The problem reported for a form name the knowledge base does not know."""
    return Problem("form", f"unknown form {name!r}", ", ".join(kb.forms))


def render_forms(forms: Sequence[Form], as_json: bool, detail: bool = False) -> None:
    """Forms with their usual hydrate, elemental fraction and evidence (one in detail)."""
    if as_json:
        print_json([asdict(form) for form in forms])
        return
    table = Table(title="Magnesium forms (fraction computed from the formula)")
    for column in ("form", "usual hydrate", "% Mg", "route", "laxative", "article: for", "grade"):
        table.add_column(column)
    for form in forms:
        table.add_row(
            form.id,
            form.default_hydrate,
            f"{form.default.elemental_fraction * 100:.2f}",
            form.route,
            form.laxative,
            ", ".join(form.recommended_for) or "-",
            GRADE_WORDS[form.evidence_grade],
        )
    console = _console()
    console.print(table)
    if detail and forms:
        _form_detail(console, forms[0])


def _form_detail(console: Console, form: Form) -> None:
    """Every hydrate, what the article says, the honest wording and the sources."""
    for hydrate in form.hydrates.values():
        percent = hydrate.elemental_fraction * 100
        console.print(f"  {hydrate.id}: {hydrate.formula}, {percent:.2f} % magnesium", markup=False)
    lines = (
        f"Hydrates: {form.hydrate_note}" if form.hydrate_note else "",
        f"Laxative effect: {form.laxative_note}",
        f"Article: {form.article_says}",
        f"Evidence ({GRADE_WORDS[form.evidence_grade]}): {form.honest_wording}",
        f"Sources: {', '.join(form.sources)}",
    )
    for line in lines:
        if line:
            console.print(line, highlight=False, markup=False)


def render_intakes(kb: KnowledgeBase, as_json: bool) -> None:
    """The RDA/AI table and the supplemental UL table."""
    if as_json:
        print_json(
            {
                "rda": [asdict(row) for row in kb.rda_table],
                "supplemental_ul": [asdict(row) for row in kb.ul_table],
            }
        )
        return
    rda = Table(title="Magnesium intake, mg/day from food and supplements (NIH ODS / IOM 1997)")
    for column in ("life stage", "basis", "female", "male", "pregnancy", "lactation"):
        rda.add_column(column)
    for row in kb.rda_table:
        cells = (row.female, row.male, row.pregnancy, row.lactation)
        rda.add_row(row.stage, row.basis, *(_mg(v) for v in cells))
    ul = Table(title="Upper limit for magnesium from supplements and medicines (food excluded)")
    ul.add_column("age")
    ul.add_column("UL, mg/day")
    ul.add_column("note")
    for limit in kb.ul_table:
        ul.add_row(limit.stage, _mg(limit.ul_mg) if limit.ul_mg is not None else "none", limit.note)
    console = _console()
    console.print(rda)
    console.print(ul)


def _mg(value: float | None) -> str:
    """A whole number of milligrams, or a dash."""
    return "-" if value is None else f"{value:g}"


def select_medicines(kb: KnowledgeBase, name: str | None) -> list[Medicine]:
    """All medicines, or the one ``name`` refers to (empty when unknown)."""
    if name is None:
        return list(kb.medicines.values())
    found = kb.find_medicine(name)
    return [found] if found is not None else []


def unknown_medicine(name: str | None) -> Problem:
    """The problem reported for a medicine name the knowledge base does not know."""
    accepted = "a generic or brand name listed by `mgcalm kb medicines`"
    return Problem("medicine", f"unknown medicine {name!r}", accepted)


def medicine_dict(kb: KnowledgeBase, medicine: Medicine) -> dict[str, Any]:
    """One medicine with its class name and rule, for JSON."""
    data = asdict(medicine)
    data["class_name"] = kb.medicine_classes[medicine.class_id].name
    return data


def render_medicines(kb: KnowledgeBase, found: Sequence[Medicine], as_json: bool) -> None:
    """Medicines with their rule: hours each way, clinician, warning or none found."""
    if as_json:
        print_json([medicine_dict(kb, m) for m in found])
        return
    table = Table(title="Medicines and magnesium")
    for column in ("medicine", "brands", "rule", "med → Mg h", "Mg → med h", "code"):
        table.add_column(column)
    for medicine in found:
        rule = medicine.rule
        separate = rule.kind == "separate"
        table.add_row(
            medicine.id,
            ", ".join(medicine.brand_names),
            rule.kind,
            f"{rule.hours_med_before_mg:g}" if separate else "-",
            f"{rule.hours_mg_before_med:g}" if separate else "-",
            rule.code,
        )
    console = _console()
    console.print(table)
    if len(found) == 1:
        console.print(found[0].rule.message, highlight=False)
        console.print("Sources: " + ", ".join(found[0].rule.sources), highlight=False)


def render_conditions(kb: KnowledgeBase, as_json: bool) -> None:
    """Each condition with its action; ``profile`` marks ids a person lists in a profile."""
    if as_json:
        print_json([asdict(c) for c in kb.conditions.values()])
        return
    table = Table(title="Conditions (profile: ids you can list under [health] conditions)")
    for column in ("id", "action", "profile", "name"):
        table.add_column(column)
    for c in kb.conditions.values():
        table.add_row(c.id, c.action, "yes" if c.selectable else "derived", c.name)
    _console().print(table)


def render_conutrients(kb: KnowledgeBase, as_json: bool) -> None:
    """Co-nutrients with adult intakes, upper limits and warning thresholds (mg/day)."""
    if as_json:
        print_json([asdict(n) for n in kb.conutrients.values()])
        return
    table = Table(title="Co-nutrients, mg/day (vitamin D: 0.015 mg = 15 µg = 600 IU)")
    for column in ("id", "RDA women/men", "UL", "warns above", "with magnesium"):
        table.add_column(column)
    for n in kb.conutrients.values():
        rda = f"{_mg(n.rda_female_mg)}/{_mg(n.rda_male_mg)}"
        warns = ", ".join(f"{w.threshold_mg:g}" for w in n.warnings) or "-"
        table.add_row(n.id, rda, _mg(n.ul_mg), warns, n.interaction)
    _console().print(table)


def render_claims(kb: KnowledgeBase, as_json: bool) -> None:
    """Each claim: what the article says, the grade, and the honest wording."""
    if as_json:
        print_json([asdict(claim) for claim in kb.claims])
        return
    console = _console()
    for claim in kb.claims:
        found = {
            "found": "",
            "not_found": " (the article's citation could not be found)",
            "none_given": " (the article gives no citation)",
        }[claim.citation_state]
        heading = f"{claim.id} — evidence: {GRADE_WORDS[claim.grade]}{found}"
        console.print(heading, style="bold", highlight=False, markup=False)
        console.print(f"  Article: {claim.article_says}", highlight=False, markup=False)
        console.print(f"  Honestly: {claim.honest_wording}", highlight=False, markup=False)
        console.print(f"  Sources: {', '.join(claim.sources)}", highlight=False, markup=False)


def render_references(references: Sequence[Reference], as_json: bool) -> None:
    """References with their kind, citation, link, and whether the statement was verified."""
    if as_json:
        print_json([asdict(r) for r in references])
        return
    console = _console()
    for ref in references:
        flag = "" if ref.verified else " (not verified against the primary text)"
        console.print(f"{ref.id} [{ref.kind}]{flag}", style="bold", highlight=False, markup=False)
        for line in (ref.citation, ref.url, ref.note):
            if line:
                console.print(f"  {line}", highlight=False, markup=False)


def render_label(result: LabelResult, as_json: bool) -> None:
    """The conversion, and a reminder that most labels already state elemental magnesium."""
    data = result.as_dict()
    if as_json:
        print_json(data)
        return
    usual = " (the usual commercial hydrate)" if result.usual_hydrate else ""
    lines = (
        f"Magnesium {result.form}, {result.hydrate}{usual}: {result.formula}",
        f"Elemental fraction: {data['elemental_fraction']} "
        f"({result.elemental_fraction * 100:.2f} % magnesium, computed from the formula)",
        f"{data['compound_mg']} mg of compound = {data['elemental_mg']} mg elemental magnesium",
        "Most labels already state elemental magnesium, e.g. 'magnesium (as glycinate) 200 mg': "
        "that figure needs no conversion. Convert only when a label gives the compound's mass.",
    )
    # Plain lines, not Rich: a wrapped example such as "200 mg" must stay on one line.
    for line in lines:
        typer.echo(line)
