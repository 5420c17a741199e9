"""``mgcalm plan``'s readable rendering: status first, every claim with its source.

Imported only when the plan is printed for reading, so ``mgcalm plan --json`` and ``mgcalm
--help`` do not pay for Rich's console.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from mgcalm.domain import Dose, Note, Plan
from mgcalm.knowledge import KnowledgeBase
from mgcalm.planning.status_text import status_label, status_lead

_STYLE = {
    "ok": "green",
    "caution": "yellow",
    "clinician_required": "bold red",
    "not_recommended": "bold red",
}
_FOOTER = (
    "Not medical advice. Magnesium is not a treatment for PTSD and does not replace "
    "trauma-focused therapy or prescribed medicine. In crisis? Run `mgcalm support`."
)


def render_plan(plan: Plan, kb: KnowledgeBase, console: Console | None = None) -> None:
    """Print the plan for a person: status, reasons, warnings, dose, times, food, routine."""
    out = console or Console(highlight=False)
    out.print(Text(f"Status: {status_label(plan)}", style=_STYLE[plan.status]))
    out.print(status_lead(plan))
    _notes(out, plan.reasons)
    if plan.warnings:
        out.print("\n[bold]Warnings[/bold]")
        _notes(out, plan.warnings)
    _existing(out, plan)
    if plan.stop_signs:
        out.print("\n[bold]Stop magnesium and get medical help now if you notice[/bold]")
        for sign in plan.stop_signs:
            out.print(f"  • {sign}")
        out.print(f"  {_cite(kb.safety.stop_sign_sources)}")
    _dose_summary(out, plan, kb.dosing.article_daily_max_mg.sources)
    _eu_limit(out, plan, kb)
    _forms(out, plan)
    if plan.doses:
        out.print("", _doses_table(plan.doses, "Doses (the maintenance day)"))
    resume = plan.resume_after_course
    if resume is not None:
        title = f"After the course: from {resume.resume_on} (start low again, step up weekly)"
        out.print("", _doses_table(resume.doses, title))
    if plan.separations:
        out.print("", _separations_table(plan))
    _foods_and_routine(out, plan)
    _references(out, plan, kb)
    out.print(f"\n[dim]{_FOOTER}[/dim]")


def _existing(out: Console, plan: Plan) -> None:
    """What the person already takes, and the magnesium counted from it."""
    if not plan.existing:
        return
    out.print("\n[bold]Already taking[/bold]")
    for item in plan.existing:
        times = ", ".join(f"{t:%H:%M}" for t in item.times) or "no set time"
        minerals = ", ".join(item.minerals)
        amount = item.elemental_mg_per_day
        counted = (
            f"{amount:g} mg magnesium a day counted ({item.basis})"
            if amount is not None
            else "magnesium amount unknown"
            if "magnesium" in item.minerals
            else "times checked against your medicines"
        )
        out.print(f"  • {item.name} ({minerals}; {times}): {counted}")
    if plan.existing:
        total = plan.supplemental_mg_per_day
        ul = plan.reference.supplemental_ul_mg
        limit = f" of the {ul:g} mg limit" if ul is not None else ""
        out.print(
            f"  Supplemental magnesium a day, planned plus already taken: {total:g} mg{limit}."
        )


def _notes(out: Console, notes: Sequence[Note]) -> None:
    for note in notes:
        out.print(f"  • {note.message} {_cite(note.sources)}")


def _cite(sources: Iterable[str]) -> str:
    ids = list(sources)
    return f"[dim]\\[{', '.join(ids)}][/dim]" if ids else ""


def _dose_summary(out: Console, plan: Plan, limit_sources: Sequence[str]) -> None:
    ref = plan.reference
    out.print("\n[bold]Dose[/bold]")
    if not plan.doses:
        out.print("  No magnesium doses are planned.")
    else:
        steps = "; ".join(
            f"from day {s.day}: {s.elemental_mg_per_day} mg/day" for s in plan.titration
        )
        out.print(f"  Aim for {plan.target_elemental_mg_per_day} mg elemental magnesium a day.")
        out.print(f"  Start low and step up weekly: {steps}.")
        out.print("  If stools are loose (Bristol type 6–7) on two or more days, go back one step.")
    limits = [f"supplement upper limit {_mg(ref.supplemental_ul_mg)} (food does not count)"]
    limits.append(f"recommended intake from all sources {_mg(ref.rda_mg)}")
    if ref.diet_mg is not None:
        limits.append(f"your food about {_mg(ref.diet_mg)}")
    out.print("  " + "; ".join(limits) + ". " + _cite(limit_sources))


def _eu_limit(out: Console, plan: Plan, kb: KnowledgeBase) -> None:
    """The EU's lower limit, for people who follow European guidance."""
    eu = kb.dosing.eu_supplemental_ul_mg
    if plan.target_elemental_mg_per_day > eu.value:
        out.print(
            f"  The EU limit for supplemental magnesium is lower, {eu.value:g} mg/day; if you "
            f"follow EU guidance, stay at or under it. {_cite(eu.sources)}"
        )


def _mg(value: float | None) -> str:
    return "not set" if value is None else f"{value:g} mg/day"


def _forms(out: Console, plan: Plan) -> None:
    out.print("\n[bold]Forms[/bold]")
    for form in plan.forms:
        grade = form.evidence_grade.replace("_", " ")
        out.print(
            f"  • [bold]{form.form}[/bold] (evidence: {grade}) {form.why} {_cite(form.sources)}"
        )


def _doses_table(doses: Sequence[Dose], title: str) -> Table:
    table = Table(title=title, title_justify="left")
    for column in ("time", "form", "elemental mg", "compound mg", "with food", "for"):
        table.add_column(column)
    for d in doses:
        table.add_row(
            f"{d.time:%H:%M}",
            d.form,
            str(d.elemental_mg),
            str(d.compound_mg),
            "yes" if d.with_food else "no",
            d.purpose.replace("_", " "),
        )
    return table


def _separations_table(plan: Plan) -> Table:
    table = Table(title="Spacing from medicines (24-hour clock, both ways)", title_justify="left")
    for column in ("medicine", "taken at", "medicine first by", "magnesium first by", "kept"):
        table.add_column(column)
    # A course magnesium pauses for is named in its pause warning; its clash is expected.
    pauses = [n.message for n in plan.warnings if n.code == "pause_for_course"]
    for s in plan.separations:
        paused = any(s.medication in message for message in pauses)
        kept = "paused" if paused else "yes" if s.satisfied else "[red]no[/red]"
        table.add_row(
            s.medication,
            f"{s.medication_time:%H:%M}",
            f"{s.min_hours_med_before_mg:g} h",
            f"{s.min_hours_mg_before_med:g} h",
            kept,
        )
    return table


def _foods_and_routine(out: Console, plan: Plan) -> None:
    if plan.foods:
        out.print("\n[bold]Magnesium-rich foods[/bold] (USDA values)")
        for food in plan.foods:
            out.print(f"  • {food.food}: {food.magnesium_mg} mg")
    out.print("\n[bold]Your day[/bold] (the article's routine, placed at your own times)")
    for item in plan.routine:
        out.print(f"  {item.time:%H:%M}  {item.what}")


def _references(out: Console, plan: Plan, kb: KnowledgeBase) -> None:
    """Every source cited above, with its citation; unverified ones say so."""
    eu = kb.dosing.eu_supplemental_ul_mg
    cited = [s for n in (*plan.reasons, *plan.warnings) for s in n.sources]
    cited += kb.dosing.article_daily_max_mg.sources
    if plan.target_elemental_mg_per_day > eu.value:
        cited += eu.sources
    cited += [s for f in plan.forms for s in f.sources]
    if plan.stop_signs:
        cited += kb.safety.stop_sign_sources
    out.print("\n[bold]Sources[/bold]")
    for ref_id in dict.fromkeys(cited):
        ref = kb.references.get(ref_id)
        if ref is None:
            out.print(f"  \\[{ref_id}]")
            continue
        flag = "" if ref.verified else " (unverified)"
        out.print(f"  \\[{ref_id}] {ref.citation}{flag}")
