"""What each audience reads: the report laid out as sections of text, tables and charts.

The HTML and PDF renderers draw the same :class:`Document`, so the two formats never disagree.
The person's version keeps to plain verdicts and what to do next; the clinician's adds the
profile, plan, interaction checks, intake, questionnaire bands, intervals and flags.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup

from mgcalm.evaluation import chart_svg
from mgcalm.evaluation.chart_spec import ChartSpec
from mgcalm.evaluation.report import OutcomeResult, Report
from mgcalm.evaluation.verdict import VERDICT_WORDS
from mgcalm.evaluation.wearable_outcomes import threshold_notes

NOT_ADVICE = (
    "mgcalm is not medical advice and not a treatment for PTSD. A personal trial cannot show why "
    "something changed; discuss these results with your clinician."
)
CRISIS = (
    "If you are in crisis or thinking about harming yourself, contact your local emergency "
    "number or a crisis line now (run `mgcalm support` or open the Support page for numbers)."
)
CRISIS_LEAD = (
    "If you are in crisis or thinking about harming yourself, contact one of these now, or "
    "your local emergency number:"
)
STOP_NOTE = "Do not take magnesium until a doctor, pharmacist or your clinician says it is safe."

SAFETY_NOTE = (
    "During the trial you marked a crisis or answered the question about thoughts of self-harm "
    "above zero. You do not have to manage this alone: please reach out now, and tell your "
    "clinician."
)


@dataclass(frozen=True, slots=True)
class Table:
    """A table: header row and body rows of text."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart with its caption: drawn as vector paths in a PDF, as inline SVG in HTML."""

    caption: str
    spec: ChartSpec

    @property
    def svg(self) -> Markup:
        """The chart as an ``<svg>`` element, safe to place in HTML as it is (kept per spec)."""
        return Markup(chart_svg.svg(self.spec))  # every text in it is escaped already


@dataclass(frozen=True, slots=True)
class Section:
    """A headed part of the document."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()
    charts: tuple[Chart, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Document:
    """A rendered-format-neutral report."""

    title: str
    subtitle: str
    sections: tuple[Section, ...]
    prepared: date


def _verdicts(report: Report) -> Section:
    """The primary outcome's verdict first, then exploratory estimates without verdicts."""
    ordered = sorted(report.outcomes, key=lambda r: not r.primary)
    lines = [
        r.effect.summary if r.effect else f"{label(r)}: no estimate — {'; '.join(r.not_estimated)}."
        for r in ordered
    ]
    lines += threshold_notes(r.outcome for r in report.outcomes)  # wearable outcomes, cited
    return Section("What your days show", tuple(lines) or ("No daily outcomes were logged.",))


def trial_lines(report: Report) -> tuple[str, ...]:
    """Primary outcome and its history, design, blinding status and check, days analysed."""
    registration = report.input.registration
    lines = [*registration.history_lines(), *registration.design_lines()]
    if report.blinding:
        lines.append(f"Blinding check: {report.blinding.message}")
    primary = next((r.effect for r in report.outcomes if r.primary and r.effect), None)
    if primary is not None:
        days = ", ".join(f"{k} {v}" for k, v in primary.n)
        lines.append(
            f"Days analysed for the primary outcome: {days}; {primary.excluded_transition_days} "
            f"day(s) left out as the first {report.transition_days} days after each switch."
        )
    return tuple(lines)


def label(result: OutcomeResult) -> str:
    """The outcome name as a heading word."""
    return result.outcome.name.replace("_", " ").capitalize()


def _questionnaires_plain(report: Report) -> Section:
    """Questionnaire changes in the person's words."""
    lines = tuple(f"{c.name}: {c.sentence}" for c in report.changes)
    return Section("Questionnaires", lines or ("No baseline and later scores to compare yet.",))


def person_document(report: Report) -> Document:
    """The person-facing summary: verdicts never more certain than their intervals."""
    taken = report.adherence
    adherence_line = (
        f"You took {taken.taken} of {taken.planned} planned doses ({taken.share:.0%})."
        if taken.planned
        else "No doses were logged."
    )
    safety = report.input.safety_flags
    # Safety answers are worded for the person here, beside the crisis lines, not as a flag.
    help_now = _help_now(report)
    others = tuple(f for f in report.flags if f not in safety)
    sections = (
        Section("If you need help now", help_now),
        Section("Your trial", trial_lines(report)),
        _verdicts(report),
        _questionnaires_plain(report),
        Section("Doses", (adherence_line,)),
        Section("Things to keep in mind", others or ("Nothing flagged.",)),
        Section("About this summary", (NOT_ADVICE,)),
    )
    return Document("Your magnesium trial", subtitle(report), sections, report.input.generated_on)


def _help_now(report: Report) -> tuple[str, ...]:
    """The crisis lines of the person's country printed in full, then what was flagged."""
    obs = report.input
    lines = (CRISIS_LEAD, *obs.crisis_lines) if obs.crisis_lines else (CRISIS,)
    crisis = bool(obs.safety_flags) if obs.crisis_flagged is None else obs.crisis_flagged
    stop = (obs.stop_in_force, STOP_NOTE) if obs.stop_in_force else ()
    return (*lines, *((SAFETY_NOTE,) if crisis else ()), *stop)


def subtitle(report: Report) -> str:
    """Who, which dates, and when the report was prepared."""
    spans = report.input.design.spans()
    return (
        f"{report.input.person.label} · {spans[0][1].isoformat()} to {spans[-1][2].isoformat()}"
        f" · prepared {report.input.generated_on.isoformat()}"
    )


def number(value: float | None, digits: int = 2) -> str:
    """A number for a table, or a dash when missing."""
    return "–" if value is None else f"{value:.{digits}f}"


def effects_table(report: Report) -> Table:
    """Effects with intervals, probabilities and the per-protocol check."""
    rows = []
    for r in report.outcomes:
        e, pp = r.effect, r.per_protocol
        if e is None:
            rows.append((label(r), "not estimated", "", "", "", "", "; ".join(r.not_estimated)))
            continue
        n = ", ".join(f"{k} {v}" for k, v in e.n) + f"; {e.excluded_transition_days} left out"
        rows.append(
            (
                label(r) + (" (primary)" if r.primary else " (exploratory)"),
                f"{e.estimate:+.2f} [{e.ci95[0]:+.2f}, {e.ci95[1]:+.2f}]",
                f"{e.probability_of_improvement:.0%} / "
                f"{e.probability_of_meaningful_improvement:.0%}",
                number(e.autocorrelation),
                n,
                VERDICT_WORDS[e.verdict],
                f"{pp.estimate:+.2f} [{pp.ci95[0]:+.2f}, {pp.ci95[1]:+.2f}]" if pp else "–",
            )
        )
    header = (
        "Outcome",
        "Effect [95 % CI]",
        "P(better) / P(≥ threshold)",
        "Day-to-day carry-over (AR(1) φ)",
        "Days",
        "Verdict",
        "Per-protocol",
    )
    return Table(header, tuple(rows))


def profile_section(report: Report) -> Section:
    """Profile and plan summary."""
    p, plan = report.input.person, report.input.plan
    lines = [
        f"{p.label}; age {p.age if p.age is not None else 'not given'}; sex {p.sex or '–'}; "
        f"kidney function {p.kidney or 'not given'}.",
        f"Conditions: {', '.join(p.conditions) or 'none recorded'}. "
        f"Medications: {', '.join(p.medications) or 'none'}. "
        f"Other supplements: {', '.join(p.supplements) or 'none'}.",
    ]
    if plan:
        lines += [
            f"Plan status: {plan.status}. Target {plan.target_elemental_mg_per_day} mg elemental "
            f"magnesium/day (supplemental UL {number(plan.supplemental_ul_mg, 0)} mg, "
            f"RDA {number(plan.rda_mg, 0)} mg). Forms: {', '.join(plan.forms) or '–'}.",
            f"Doses: {'; '.join(plan.doses) or 'none'}. Titration: {'; '.join(plan.titration)}.",
            *plan.reasons,
            *plan.warnings,
        ]
    checks = Table(
        ("Medication", "Spacing rule", "Satisfied"),
        tuple(
            (c.medication, c.rule, "yes" if c.satisfied else "NO")
            for c in (plan.checks if plan else ())
        ),
    )
    return Section("Profile, plan and interaction checks", tuple(lines), (checks,))
