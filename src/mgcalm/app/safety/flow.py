"""The safety flow after every relevant write, shared by the CLI and the web app.

After an entry is saved, :func:`after_entry` runs the rules of :mod:`mgcalm.instruments.safety`
on it and returns a :class:`SafetyOutcome` the interface renders:

- a check-in marked as a crisis, or distress 9–10 (the check-in's anxiety rating) → crisis
  resources for the settings region and a prompt to contact the clinician (nothing is dialled);
- magnesium red flags, ticked as symptoms or written in the side effect's words → "stop
  magnesium and seek care";
- loose stools (Bristol 6–7) on 2 of the last 3 days → the stored plan steps down
  (:mod:`mgcalm.app.safety.step_down`), once per episode.

:func:`after_questionnaire` does the same for a questionnaire (PHQ-9 item 9, sharp worsening),
and :func:`active_alerts` gathers what is still current for the Today page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from mgcalm.app.safety.step_down import PlanChange, recent_step_down, step_down_if_needed
from mgcalm.domain.entries import CheckIn, EntryBase, QuestionnaireResponse, SideEffect
from mgcalm.instruments.bristol import is_loose
from mgcalm.instruments.safety import (
    RED_FLAGS,
    Level,
    SafetyAlert,
    check_checkin,
    check_score,
    check_symptoms,
)
from mgcalm.instruments.scoring import Score, score

if TYPE_CHECKING:
    from mgcalm.app.core import App

URGENCY: tuple[Level, ...] = ("crisis", "stop_and_seek_care", "contact_clinician", "step_down")
#: Days (today included) for which a red flag or a questionnaire alert stays on Today.
ACTIVE_DAYS = 2

# Words a person may write for each red flag (besides its label and id). Erring towards showing
# "stop and seek care" is deliberate: a missed red flag costs more than an extra warning.
_RED_FLAG_WORDS: dict[str, tuple[str, ...]] = {
    "muscle_weakness": ("muscle weakness", "weak muscles", "muscles feel weak"),
    "slow_heartbeat": ("slow heartbeat", "slow heart beat", "slow pulse", "slow heart rate"),
    "irregular_heartbeat": ("irregular heartbeat", "irregular heart", "irregular pulse"),
    "difficulty_breathing": ("difficulty breathing", "trouble breathing", "short of breath"),
    "confusion": ("confusion", "confused"),
    "low_blood_pressure": ("fainted", "feel faint", "feeling faint", "low blood pressure"),
    "persistent_vomiting": ("persistent vomiting", "keep vomiting", "keeps vomiting"),
    "urinary_retention": ("unable to pass urine", "cannot pass urine", "can't pass urine"),
    "blood_in_stool": ("blood in the stool", "blood in stool", "black stool", "bloody stool"),
    "dehydration": ("dehydrated", "dehydration"),
}


@dataclass(frozen=True, slots=True)
class SafetyOutcome:
    """What to show after a write: alerts (most urgent first), crisis resources, a plan change."""

    alerts: tuple[SafetyAlert, ...] = ()
    crisis_resources: tuple[dict[str, Any], ...] = ()
    plan_change: PlanChange | None = None

    @property
    def crisis(self) -> bool:
        """True when crisis resources should be shown prominently."""
        return bool(self.crisis_resources)

    def to_json(self) -> dict[str, Any]:
        """``alerts``, ``crisis``, ``crisis_resources`` and ``plan_change`` (or null)."""
        return {
            "alerts": [a.to_json() for a in self.alerts],
            "crisis": self.crisis,
            "crisis_resources": list(self.crisis_resources),
            "plan_change": self.plan_change.to_json() if self.plan_change else None,
        }


def red_flags_in(text: str) -> list[str]:
    """Red-flag ids named in free text (labels as the web stores them, ids, or common words)."""
    lowered = " ".join(text.lower().replace("_", " ").split())
    found = []
    for flag in RED_FLAGS:
        words = (flag.label.lower(), flag.id.replace("_", " "), *_RED_FLAG_WORDS.get(flag.id, ()))
        if any(re.search(rf"\b{re.escape(w)}", lowered) for w in words):
            found.append(flag.id)
    return found


def with_red_flags(data: dict[str, Any], symptoms: Sequence[str]) -> dict[str, Any]:
    """Side-effect data with ticked red flags added to ``other`` in words (as the web does)."""
    check_symptoms(symptoms)  # an unknown id is a problem naming the known ones
    labels = [f.label for f in RED_FLAGS if f.id in symptoms]
    if not labels:
        return data
    other = "; ".join(x for x in (str(data.get("other") or ""), *labels) if x)
    return {**data, "other": other}


def entry_alerts(entry: EntryBase, symptoms: Iterable[str] = ()) -> tuple[SafetyAlert, ...]:
    """The alerts one entry raises on its own (no stored history needed)."""
    if isinstance(entry, CheckIn):
        # The check-in's anxiety rating is its distress rating (0–10), as on the web page.
        return check_checkin(crisis=entry.crisis, distress=entry.anxiety)
    if isinstance(entry, SideEffect):
        return check_symptoms(dict.fromkeys([*symptoms, *red_flags_in(entry.other)]))
    return ()


def outcome(
    app: App, alerts: Iterable[SafetyAlert], change: PlanChange | None = None
) -> SafetyOutcome:
    """Alerts deduplicated and ordered by urgency, with the region's resources when called for."""
    unique = {a.code: a for a in alerts}
    ordered = tuple(sorted(unique.values(), key=lambda a: URGENCY.index(a.level)))
    show = any(a.show_crisis_resources for a in ordered)
    return SafetyOutcome(ordered, tuple(app.crisis_resources()) if show else (), change)


def after_entry(
    app: App, person_id: str, entry: EntryBase, symptoms: Iterable[str] = ()
) -> SafetyOutcome:
    """Run the safety rules on an entry that was just saved (a loose stool may step down)."""
    alerts = list(entry_alerts(entry, symptoms))
    change = None
    if isinstance(entry, SideEffect) and entry.bristol_type and is_loose(entry.bristol_type):
        step_alerts, change = step_down_if_needed(app, person_id)
        alerts += step_alerts
    return outcome(app, alerts, change)


def after_entries(app: App, person_id: str, entries: Sequence[EntryBase]) -> SafetyOutcome:
    """The same for a batch: every entry's alerts, and at most one step-down."""
    alerts = [a for e in entries for a in entry_alerts(e)]
    change = None
    if any(isinstance(e, SideEffect) and is_loose(e.bristol_type or 0) for e in entries):
        step_alerts, change = step_down_if_needed(app, person_id)
        alerts += step_alerts
    return outcome(app, alerts, change)


def previous_score(app: App, person_id: str, entry: QuestionnaireResponse) -> Score | None:
    """The last score on the same form before ``entry`` (to judge a sharp worsening)."""
    stored = app.history(person_id, kinds=["questionnaire"], end=entry.day)
    same = [
        s.entry
        for s in stored
        if isinstance(s.entry, QuestionnaireResponse)
        and s.entry.instrument == entry.instrument
        and s.entry.id != entry.id
    ]
    return score(same[-1].instrument, same[-1].answers) if same else None


def after_questionnaire(
    app: App, person_id: str, entry: QuestionnaireResponse, previous: Score | None = None
) -> SafetyOutcome:
    """PHQ-9 item 9 above 0, PCL-5 risk-taking, or a reliable worsening since ``previous``."""
    return outcome(app, check_score(score(entry.instrument, entry.answers), previous))


def active_alerts(app: App, person_id: str, day: date) -> SafetyOutcome:
    """Alerts still current on ``day``, for the Today page.

    Today's check-in, red flags and questionnaires of the last ``ACTIVE_DAYS`` days, and a
    step-down made within the loose-stools window.
    """
    since = day - timedelta(days=ACTIVE_DAYS - 1)
    alerts: list[SafetyAlert] = []
    for stored in app.history(person_id, start=since, end=day):
        entry = stored.entry
        if isinstance(entry, CheckIn) and entry.day != day:
            continue  # a check-in speaks about its own day only
        if isinstance(entry, QuestionnaireResponse):
            alerts += check_score(
                score(entry.instrument, entry.answers), previous_score(app, person_id, entry)
            )
        else:
            alerts += entry_alerts(entry)
    stepped = recent_step_down(app, person_id, day)
    return outcome(app, [*alerts, *([stepped] if stepped else [])])
