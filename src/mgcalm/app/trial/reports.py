"""Use case: gather a person's stored trial into the evaluation's report input.

Everything here is translation from stored entries to the plain records of
``mgcalm.evaluation.report_input``; every analysis happens in ``mgcalm.evaluation``.
Check-in and sleep-diary values become daily outcome series labelled by the trial phase of
their day (titration counts as magnesium); several entries on one day are averaged.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date, timedelta
from statistics import fmean
from typing import TYPE_CHECKING

from mgcalm.app.safety.country import region_for
from mgcalm.app.safety.events import SafetyEvent, stored_events
from mgcalm.app.safety.stop import all_stops, paused_text
from mgcalm.app.safety.support import crisis_lines_text
from mgcalm.app.tracking import wearables
from mgcalm.app.trial import registered
from mgcalm.domain.entries import (
    CHECKIN_RATINGS,
    CheckIn,
    DoseEntry,
    EntryBase,
    FoodEntry,
    MedicationChange,
    QuestionnaireResponse,
    SideEffect,
    SleepDiary,
    TherapySession,
)
from mgcalm.domain.problems import InvalidInputError, Problem
from mgcalm.evaluation.confounders import EventKind, LifeEvent
from mgcalm.evaluation.design import TrialDesign
from mgcalm.evaluation.outcomes import outcome_for
from mgcalm.evaluation.period_progress import randomised_progress
from mgcalm.evaluation.progress import TrialProgress, trial_progress
from mgcalm.evaluation.questionnaires import ScoredQuestionnaire
from mgcalm.evaluation.report import trial_settings
from mgcalm.evaluation.report_input import (
    DoseDay,
    IntakeDay,
    OutcomeSeries,
    PersonSummary,
    PlanSummary,
    ReportInput,
)
from mgcalm.evaluation.report_input import SideEffect as ReportSideEffect
from mgcalm.evaluation.schedule import Schedule
from mgcalm.evaluation.series import AnalysisSettings, Observation, Phase
from mgcalm.store.safety import StopRecord

#: The kinds of entry whose values are daily outcomes (check-in ratings, the sleep diary).
OUTCOME_KINDS = ("checkin", "sleep")
#: Labels of days on which doses (magnesium, or a blinded trial's capsules) are planned.
CAPSULE_LABELS = ("titration", "maintenance", "magnesium", "placebo", "period")

if TYPE_CHECKING:
    from mgcalm.app.core import App
    from mgcalm.app.trial.phases import TrialState


def design_from_trial(state: TrialState, today: date) -> TrialDesign:
    """A design whose phase lengths are the stored phases' (a running phase ends today).

    Phases are taken in the usual order (baseline, titration, maintenance, withdrawal); the
    outcome series themselves are labelled from the stored dates, so the analysis does not
    depend on this.
    """
    if not state.phases:
        raise InvalidInputError(
            [Problem("trial", "no phases yet", "start one with `mgcalm trial start baseline`")]
        )
    lengths: dict[str, int] = defaultdict(int)
    for phase in state.phases:
        last = phase.end or max(today, phase.start)
        lengths[phase.phase] += (last - phase.start).days + 1
    return TrialDesign(
        start=state.phases[0].start,
        baseline_days=lengths["baseline"],
        titration_days=lengths["titration"],
        maintenance_days=lengths["maintenance"],
        withdrawal_days=lengths["withdrawal"],
    )


def _values(entry: EntryBase) -> Iterable[tuple[str, float]]:
    """(outcome, value) pairs one entry contributes."""
    if isinstance(entry, CheckIn):
        for name, _ in CHECKIN_RATINGS:
            value = getattr(entry, name)
            if value is not None:
                yield name, float(value)
        yield "panic_episodes", float(entry.panic_episodes)
    elif isinstance(entry, SleepDiary):
        yield "sleep_diary_quality", float(entry.quality)
        yield "total_sleep_min", entry.total_sleep_min
        yield "sleep_latency_min", float(entry.latency_min)
        yield "waso_min", float(entry.waso_min)
        if entry.efficiency is not None:
            yield "sleep_efficiency", entry.efficiency


#: A stored label's analysis condition (titration and maintenance are both on magnesium);
#: a sealed ``period`` has none, so a sealed trial is never analysed.
ANALYSIS_LABELS: dict[str, Phase] = {
    "baseline": "baseline",
    "titration": "magnesium",
    "maintenance": "magnesium",
    "withdrawal": "withdrawal",
    "magnesium": "magnesium",
    "off": "off",
    "placebo": "placebo",
}


def outcome_series(
    entries: Sequence[EntryBase],
    label_of: Callable[[date], str],
    primary: str | None,
    measured: Iterable[tuple[str, date, float]] = (),
) -> tuple[OutcomeSeries, ...]:
    """Daily series per outcome, the primary outcome first, days outside the trial left out.

    ``measured`` adds (outcome, day, value) from the person's wearable to the logged entries.
    """
    by_day: dict[str, dict[date, list[float]]] = defaultdict(lambda: defaultdict(list))
    for entry in entries:
        for name, value in _values(entry):
            by_day[name][entry.day].append(value)
    for name, day, value in measured:
        by_day[name][day].append(value)
    out = []
    labels: dict[date, str] = {}  # one lookup per day, however many outcomes share it
    for name, days in by_day.items():
        observations = []
        for day in sorted(days):
            if day not in labels:
                labels[day] = label_of(day)
            label = ANALYSIS_LABELS.get(labels[day])
            if label is not None:
                observations.append(Observation(day, label, round(fmean(days[day]), 3)))
        if observations:
            out.append(OutcomeSeries(outcome_for(name), tuple(observations)))
    return tuple(sorted(out, key=lambda s: (s.outcome.name != primary, s.outcome.name)))


def _doses(
    entries: Sequence[EntryBase], design: TrialDesign | Schedule, planned_per_day: int
) -> tuple[DoseDay, ...]:
    """Per magnesium day: doses planned (the plan's count, or more if more were logged), taken.

    A magnesium day with nothing logged counts as all doses missed: no log is no evidence.
    """
    logged: dict[date, list[DoseEntry]] = defaultdict(list)
    for entry in entries:
        if isinstance(entry, DoseEntry):
            logged[entry.day].append(entry)
    out = []
    for phase, first, last in design.spans():
        if phase not in CAPSULE_LABELS:
            continue
        for i in range((last - first).days + 1):
            day = first + timedelta(days=i)
            doses = logged.get(day, [])
            taken = [d for d in doses if not d.missed]
            planned = max(planned_per_day, len(doses))
            out.append(DoseDay(day, planned, len(taken), sum(d.elemental_mg for d in taken)))
    return tuple(out)


def _intake(entries: Sequence[EntryBase]) -> tuple[IntakeDay, ...]:
    """Magnesium from logged foods and taken doses, per day with any of either."""
    diet: dict[date, float] = defaultdict(float)
    supplement: dict[date, float] = defaultdict(float)
    for entry in entries:
        if isinstance(entry, FoodEntry):
            diet[entry.day] += entry.magnesium_mg
        elif isinstance(entry, DoseEntry) and not entry.missed:
            supplement[entry.day] += entry.elemental_mg
    days = sorted(set(diet) | set(supplement))
    return tuple(IntakeDay(d, diet.get(d), supplement.get(d, 0.0)) for d in days)


def _questionnaires(entries: Sequence[EntryBase]) -> tuple[ScoredQuestionnaire, ...]:
    """Stored questionnaire totals."""
    return tuple(
        ScoredQuestionnaire(e.instrument, e.day, int(e.score["total"]))
        for e in entries
        if isinstance(e, QuestionnaireResponse) and "total" in e.score
    )


def _side_effects(entries: Sequence[EntryBase]) -> tuple[ReportSideEffect, ...]:
    """Loose or hard stools, nausea and anything else the person wrote down."""
    out = []
    for e in entries:
        if not isinstance(e, SideEffect):
            continue
        if e.bristol_type is not None and e.bristol_type not in (3, 4, 5):
            what = "loose stools" if e.bristol_type >= 6 else "hard stools"
            out.append(ReportSideEffect(e.day, what, f"Bristol type {e.bristol_type}"))
        if e.nausea:
            out.append(ReportSideEffect(e.day, "nausea", f"{e.nausea}/10"))
        if e.other.strip():
            out.append(ReportSideEffect(e.day, e.other.strip()))
    return tuple(out)


_MEDICATION_KINDS: dict[str, EventKind] = {
    "started": "medication_started",
    "stopped": "medication_stopped",
    "dose_changed": "medication_changed",
}


def _events(entries: Sequence[EntryBase]) -> tuple[LifeEvent, ...]:
    """Therapy starting or changing kind, and medication changes, as dated events."""
    out = []
    previous_therapy: str | None = None
    for e in sorted(entries, key=lambda e: e.day):
        if isinstance(e, TherapySession) and e.therapy != previous_therapy:
            kind: EventKind = "therapy_started" if previous_therapy is None else "therapy_changed"
            out.append(LifeEvent(e.day, kind, e.therapy.upper()))
            previous_therapy = e.therapy
        elif isinstance(e, MedicationChange):
            what = f"{e.medication} {e.dose}".strip()
            out.append(LifeEvent(e.day, _MEDICATION_KINDS[e.change], what))
    return tuple(out)


def safety_lines(app: App, person_id: str) -> tuple[tuple[str, ...], bool, str]:
    """Every stored safety event and stop, one dated line each, for "Flags: safety".

    Returns the lines (most urgent kind first, then by day), whether any is crisis-level, and
    the stop in force in words (empty when none).
    """
    events = stored_events(app, person_id)
    rank = {code: i for i, code in enumerate(FLAG_ORDER)}
    events.sort(key=lambda e: (rank.get(e.alert.code, len(rank)), e.day))
    lines = [_event_line(e) for e in events if e.origin != "stop"]
    stops = all_stops(app, person_id)
    lines += [_stop_line(s) for s in stops]
    crisis = any(e.alert.level == "crisis" for e in events)
    active = next((s for s in stops if s.active), None)
    return tuple(lines), crisis, paused_text(active) if active else ""


#: The order kinds of events are listed in (most urgent first).
FLAG_ORDER = (
    "suicidal_ideation",
    "risky_behaviour",
    "crisis_checkin",
    "high_distress",
    "magnesium_red_flag",
    "sharp_worsening",
)


def _event_line(event: SafetyEvent) -> str:
    """One event in a clinician's words, with its day."""
    day, code = event.day.isoformat(), event.alert.code
    unfinished = event.origin == "answer" and not event.detail.get("finished", True)
    left = " The questionnaire was left unfinished after this answer." if unfinished else ""
    if code == "suicidal_ideation":
        return (
            "PHQ-9 item 9 (thoughts of being better off dead or of self-harm) was answered "
            f"above 0 on {day}: ask about safety.{left}"
        )
    if code == "risky_behaviour":
        return f"PCL-5 item 16 (risk-taking) was rated 'Quite a bit' or more on {day}.{left}"
    if code == "crisis_checkin":
        return f"A crisis was marked in the check-in of {day}."
    if code == "high_distress":
        return f"Distress was rated 9–10 of 10 in the check-in of {day}."
    if code == "magnesium_red_flag":
        what = event.alert.message.removeprefix("You reported: ").rstrip(".")
        return f"Magnesium warning sign on {day}: {what}."
    return f"{event.alert.message} ({day})"


def _stop_line(stop: StopRecord) -> str:
    """A stop: since when and why, and who cleared it if it was resumed."""
    text = paused_text(stop)
    if stop.active:
        return f"{text} Still paused: no dose is planned until someone says it is safe."
    return (
        f"{text} Resumed on {stop.resumed_on}: {stop.cleared_by} said it is safe "
        f"({stop.resume_reason})."
    )


def _person(app: App, person_id: str, label: str) -> PersonSummary:
    """The profile facts a report shows."""
    profile = app.profile(person_id)
    health = profile.health
    kidney = f"eGFR {health.egfr:g}" if health.egfr is not None else (health.kidney or "")
    return PersonSummary(
        label=label,
        age=profile.person.age,
        sex=profile.person.sex,
        kidney=str(kidney),
        conditions=tuple(health.conditions),
        medications=tuple(
            f"{m.name} {' '.join(t.strftime('%H:%M') for t in m.times)}".strip()
            for m in profile.medications
        ),
        supplements=tuple(f"{s.name} {s.amount_mg:g} mg" for s in profile.supplements),
        focus=tuple(profile.goals),
    )


def stored_report_input(app: App, person_id: str | None, today: date | None = None) -> ReportInput:
    """Everything the report needs for one stored person, as of ``today``."""
    record = app.person(person_id)
    day = today or app.today()
    state = app.trial(record.id)
    design = _design(app, record.id, state, day)
    entries: list[EntryBase] = [
        e for group in app.series(record.id, design.start, design.end).values() for e in group
    ]
    plan = app.active_plan(record.id, day)
    planned = len(plan.doses) if plan else 1
    label_of = registered.day_label(app, record.id, state)
    flags, crisis, stop = safety_lines(app, record.id)
    return ReportInput(
        generated_on=day,
        person=_person(app, record.id, record.display_name or record.id),
        design=design,
        plan=PlanSummary.from_plan(plan) if plan else None,
        series=outcome_series(
            entries,
            label_of,
            state.primary_outcome,
            wearables.outcome_values(app, record.id, design.start, design.end),
        ),
        doses=_doses(entries, design, planned),
        intake=_intake(entries),
        questionnaires=_questionnaires(entries),
        side_effects=_side_effects(entries),
        events=_events(entries),
        registration=registered.registration(app, record.id, state),
        guesses=registered.guesses(app, record.id),
        safety_flags=flags,
        crisis_flagged=crisis,
        crisis_lines=crisis_lines_text(region_for(app, record.id)),
        stop_in_force=stop,
    )


def _design(app: App, person_id: str, state: TrialState, day: date) -> TrialDesign | Schedule:
    """The trial's design as stored: a randomised schedule, the phases, or the first days."""
    if state.randomised:
        return registered.schedule(app, person_id, state)
    if state.phases:
        return design_from_trial(state, day)
    return first_days(app, person_id, day)  # a report from the first day of data


def stored_series(
    app: App, person_id: str, today: date
) -> tuple[str | None, tuple[OutcomeSeries, ...]]:
    """The person's primary outcome and daily outcome series alone (what pooling needs).

    The same series as the report's, without reading doses, plan, questionnaires or safety;
    a sealed blinded trial has none.
    """
    primary, series, _ = stored_analysis(app, person_id, today)
    return primary, series


def stored_analysis(
    app: App, person_id: str, today: date
) -> tuple[str | None, tuple[OutcomeSeries, ...], AnalysisSettings]:
    """:func:`stored_series` with the settings the person's report analyses them with."""
    state = app.trial(person_id)
    if not state.phases and not state.randomised:
        return state.primary_outcome, (), AnalysisSettings()
    design = _design(app, person_id, state, today)
    found = app.series(person_id, design.start, design.end, OUTCOME_KINDS)
    entries = [e for group in found.values() for e in group]
    measured = wearables.outcome_values(app, person_id, design.start, design.end)
    label_of = registered.day_label(app, person_id, state)
    series = outcome_series(entries, label_of, state.primary_outcome, measured)
    transition = state.registration.transition_days if state.registration else None
    return state.primary_outcome, series, trial_settings(design.spans(), transition)


def first_days(app: App, person_id: str, today: date) -> TrialDesign:
    """Before any phase: the days logged so far, from the first entry or safety event.

    A report can then be made from the first day of data (no effect is estimated without
    phases); with nothing logged at all the problem says how to start.
    """
    days = [s.entry.day for s in app.history(person_id, end=today)[:1]]
    days += [e.day for e in stored_events(app, person_id, end=today)[:1]]
    if not days:  # nothing logged yet: say how to begin
        return design_from_trial(app.trial(person_id), today)
    start = min(days)
    return TrialDesign(
        start=start,
        baseline_days=(today - start).days + 1,
        titration_days=0,
        maintenance_days=0,
    )


def stored_trial_progress(
    app: App, person_id: str | None, today: date | None = None
) -> TrialProgress:
    """Where the stored person is in their trial today."""
    record = app.person(person_id)
    day = today or app.today()
    state = app.trial(record.id)
    if state.randomised:
        return _randomised_progress(app, record.id, state, day)
    phases = [(p.phase, p.start, p.end) for p in state.phases]
    observations: tuple[Observation, ...] = ()
    scores: tuple[ScoredQuestionnaire, ...] = ()
    if state.phases:
        entries = [
            e for group in app.series(record.id, state.phases[0].start, day).values() for e in group
        ]
        measured = wearables.outcome_values(app, record.id, state.phases[0].start, day)
        label_of = registered.day_label(app, record.id, state)
        series = outcome_series(entries, label_of, state.primary_outcome, measured)
        # Without a chosen primary outcome, the most-logged series stands in for the counts.
        chosen = (
            next((s for s in series if s.outcome.name == state.primary_outcome), None)
            if state.primary_outcome
            else max(series, key=lambda s: len(s.observations), default=None)
        )
        observations = chosen.observations if chosen else ()
        scores = _questionnaires(entries)
    progress = trial_progress(
        TrialDesign(day), phases, day, state.primary_outcome, observations, scores
    )
    end = state.registration.planned_end if state.registration else None
    return replace(progress, planned_end=end)


def _randomised_progress(app: App, person_id: str, state: TrialState, day: date) -> TrialProgress:
    """Progress through a randomised schedule, as the person's views may show it."""
    schedule = registered.schedule(app, person_id, state)
    entries = [e for group in app.series(person_id, schedule.start, day).values() for e in group]
    label_of = registered.day_label(app, person_id, state)
    logged: dict[str, int] = defaultdict(int)
    for checkin_day in {e.day for e in entries if isinstance(e, CheckIn)}:
        logged[label_of(checkin_day) or "outside"] += 1
    guessed = frozenset(g.period for g in registered.guesses(app, person_id))
    return randomised_progress(
        schedule, day, state.primary_outcome, logged, _questionnaires(entries), guessed
    )
