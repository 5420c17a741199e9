"""Where a person is in a randomised trial today, and what to do next.

The counterpart of ``progress`` for randomised pairs. It sees only the schedule as the person's
views may show it: while a blinded trial is sealed its periods are just "period 3 of 6".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from mgcalm.evaluation.progress import TrialProgress
from mgcalm.evaluation.questionnaires import ScoredQuestionnaire
from mgcalm.evaluation.run_in import RUN_IN
from mgcalm.evaluation.schedule import SEALED, Schedule, is_randomised

#: Days before a period's end from which its questionnaires and guess are asked for.
END_WINDOW = 2


def _due(
    schedule: Schedule, first: date, last: date, today: date, scores: Sequence[ScoredQuestionnaire]
) -> tuple[str, ...]:
    """Questionnaires in a period's last two days, unless done in the past week."""
    if (last - today).days >= END_WINDOW:
        return ()
    recent = max(first, today - timedelta(days=6))
    done = {s.instrument for s in scores if recent <= s.day <= today}
    return tuple(i for i in schedule.instruments if i not in done)


def _period_steps(label: str, number: int | None, last: date, guessed: bool) -> list[str]:
    """What to do during one period."""
    steps = {
        SEALED: "Take the capsules from your organiser every day, as your helper filled it; "
        "log each dose and your check-in.",
        "magnesium": "Take magnesium as planned every day; log each dose and your check-in.",
        "off": "No magnesium in this period; keep logging your check-in every day.",
        "baseline": "No capsules yet: log your check-in every day.",
        RUN_IN: "Run-in, open-label: take magnesium as Today shows, rising step by step to "
        "your planned dose; log each dose and your check-in. These days are not compared.",
    }
    out = [steps.get(label, steps["off"])]
    if label == SEALED and number is not None and not guessed:
        out.append(
            f"Near the end of period {number}, record your guess: `mgcalm trial guess "
            f"magnesium|placebo|unsure --period {number}`."
        )
    out.append(f"This period runs until {last.isoformat()}; results before the end are interim.")
    return out


def _after_end(sealed: bool) -> list[str]:
    if sealed:
        return [
            "The trial has ended. Record any guess still missing, then unblind it: "
            "`mgcalm trial unblind`.",
        ]
    return ["See your results: `mgcalm report` (for your clinician: `--clinician --pdf FILE`)."]


def randomised_progress(
    schedule: Schedule,
    today: date,
    primary: str | None,
    logged: Mapping[str, int],
    scores: Sequence[ScoredQuestionnaire],
    guessed: frozenset[int] = frozenset(),
) -> TrialProgress:
    """Today's period, the questionnaires due and the next steps of a randomised trial."""
    spans = schedule.spans()
    periods = sum(1 for label, _, _ in spans if is_randomised(label))
    sealed = any(label == SEALED for label, _, _ in spans)
    current = next(((lab, a, b) for lab, a, b in spans if a <= today <= b), None)
    label: str | None
    first: date | None
    number: int | None
    due: tuple[str, ...]
    if current is None:
        before = today < schedule.start
        steps = [f"Your trial starts on {schedule.start.isoformat()}."] if before else []
        label, first, last, number, due = None, None, today, None, ()
        steps += [] if before else _after_end(sealed)
    else:
        label, first, last = current
        number = schedule.period_number(today)
        due = _due(schedule, first, last, today, scores)
        steps = [f"Complete the {i} questionnaire: `mgcalm assess {i}`." for i in due]
        steps += _period_steps(label, number, last, number in guessed)
    if primary is None:
        steps.insert(0, "No primary outcome was registered: every estimate will be exploratory.")
    return TrialProgress(
        today=today,
        phase=label,
        phase_start=first,
        day_of_phase=(today - first).days + 1 if first else 0,
        planned_days=(last - first).days + 1 if first else 0,
        primary_outcome=primary,
        logged=tuple(logged.items()),
        due=due,
        next_steps=tuple(steps),
        planned_end=schedule.end,
        period=number,
        periods=periods,
    )
