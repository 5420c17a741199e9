"""The clinician report's sections, built on the shared layout types of ``report_view``."""

from __future__ import annotations

from mgcalm.evaluation import charts
from mgcalm.evaluation.report import Report
from mgcalm.evaluation.report_view import (
    NOT_ADVICE,
    Chart,
    Document,
    Section,
    Table,
    effects_table,
    number,
    profile_section,
    subtitle,
    trial_lines,
)
from mgcalm.evaluation.wearable_outcomes import threshold_notes


def _adherence_intake(report: Report, chart: bool) -> Section:
    """Adherence and dietary + supplemental magnesium."""
    a, i = report.adherence, report.intake
    lines = (
        f"Doses taken: {a.taken} of {a.planned} planned ({a.share:.0%}); "
        f"{a.days_with_missed_doses} day(s) with a missed dose.",
        f"Magnesium from food: {number(i.mean_diet_mg, 0)} mg/day on average over "
        f"{i.diet_days} logged day(s); from supplements {i.mean_supplement_mg:.0f} mg/day over "
        f"{i.days_logged} day(s); {i.days_above_supplemental_ul} day(s) above the supplemental "
        f"upper limit ({number(i.supplemental_ul_mg, 0)} mg).",
    )
    images = (
        (Chart("Daily magnesium", charts.intake_spec(report.input.intake, i.supplemental_ul_mg)),)
        if chart and report.input.intake
        else ()
    )
    return Section("Adherence and magnesium intake", lines, (), images)


def _questionnaires(report: Report, chart: bool) -> Section:
    """Trajectories with bands, and reliable change from baseline."""
    rows = tuple(
        (instrument, p.day.isoformat(), str(p.total), p.band)
        for instrument, points in report.trajectories.items()
        for p in points
    )
    lines = tuple(
        f"{c.name}: {c.change.before} → {c.change.after} ({c.change.delta:+d}); "
        f"{c.change.direction}; reliable ≥ {c.change.reliable_threshold}, meaningful ≥ "
        f"{c.change.meaningful_threshold} points. {c.change.context}".strip()
        for c in report.changes
    )
    images = (
        tuple(
            Chart(name, charts.questionnaire_spec(name, points))
            for name, points in report.trajectories.items()
        )
        if chart
        else ()
    )
    table = Table(("Instrument", "Date", "Total", "Band"), rows)
    return Section("Questionnaires", lines or ("No scores to compare.",), (table,), images)


def _effects(report: Report, chart: bool) -> Section:
    """Effects with intervals, the method, and one chart per outcome."""
    methods = sorted({r.effect.method for r in report.outcomes if r.effect})
    lines = (
        "Effect = magnesium days minus comparison days (baseline, withdrawal, placebo or off; "
        "outcome units); P(better) is the posterior probability of any improvement, "
        "P(≥ threshold) of at least the stated worthwhile change. Only the pre-registered "
        "primary outcome gets a verdict; the others are exploratory. Per-protocol (beside the "
        "intention-to-treat estimate, never instead) leaves out capsule days with a missed dose.",
        *(f"Method: {m}." for m in methods),
        *threshold_notes(r.outcome for r in report.outcomes),
    )
    images = (
        tuple(
            Chart(s.outcome.name.replace("_", " "), charts.outcome_spec(s, report.input.design))
            for s in report.input.series
        )
        if chart
        else ()
    )
    return Section(
        "Daily outcomes: effects with 95 % intervals", lines, (effects_table(report),), images
    )


def _side_effects(report: Report) -> Section:
    """Side effects as logged."""
    side = Table(
        ("Date", "Side effect", "Detail"),
        tuple((s.day.isoformat(), s.what, s.detail) for s in report.input.side_effects),
    )
    lines = () if side.rows else ("None logged.",)
    return Section("Side effects", lines, (side,) if side.rows else ())


def clinician_document(report: Report, chart: bool = True) -> Document:
    """The clinician report; ``chart=False`` leaves the charts out."""
    # Flags come straight after the profile: a safety answer must not sit on the last page.
    sections = (
        profile_section(report),
        Section("Flags: safety, confounders and design", report.flags or ("None.",)),
        Section("Pre-registration, design and blinding", trial_lines(report)),
        _adherence_intake(report, chart),
        _questionnaires(report, chart),
        _effects(report, chart),
        _side_effects(report),
        Section("About this report", (NOT_ADVICE,)),
    )
    return Document(
        "Magnesium personal trial — clinician report",
        subtitle(report),
        sections,
        report.input.generated_on,
    )
