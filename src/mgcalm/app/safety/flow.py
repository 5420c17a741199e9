"""The safety flow after every relevant write, shared by the CLI, the web pages and the API.

The events themselves are stored with the entries that raise them (:mod:`.events`); after the
write, :func:`after_entry` says what to show, as a :class:`SafetyOutcome`:

- a check-in marked as a crisis, or distress 9–10 (the check-in's anxiety rating) → crisis
  resources for the person's country and a prompt to contact the clinician (nothing is dialled);
- a questionnaire with PHQ-9 item 9 above 0, PCL-5 item 16 at 3 or more, or a sharp worsening
  since the last one of its form → the same;
- magnesium red flags, ticked as symptoms or written in the side effect's words → "stop
  magnesium and seek care", and magnesium is paused (:mod:`.stop`) until someone says it is safe;
- loose stools (Bristol 6–7) on 2 of the last 3 days → the stored plan steps down
  (:mod:`.step_down`), once per episode.

:func:`active_alerts` gathers what is still current for the Today page from the stored events,
so an answer given on a questionnaire that was never finished is there too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from mgcalm.app.safety.events import entry_alerts, stored_events
from mgcalm.app.safety.step_down import PlanChange, recent_step_down, step_down_if_needed
from mgcalm.app.safety.stop import current_stop, stop_json
from mgcalm.app.safety.words import red_flags_in
from mgcalm.domain.entries import EntryBase, QuestionnaireResponse, SideEffect
from mgcalm.instruments.bristol import is_loose
from mgcalm.instruments.safety import (
    RED_FLAGS,
    Level,
    SafetyAlert,
    check_score,
    check_symptoms,
)
from mgcalm.instruments.scoring import Score, score

if TYPE_CHECKING:
    from mgcalm.app.core import App

__all__ = [
    "ACTIVE_DAYS",
    "SafetyOutcome",
    "active_alerts",
    "after_entries",
    "after_entry",
    "after_questionnaire",
    "outcome",
    "previous_score",
    "red_flags_in",
    "with_red_flags",
]

URGENCY: tuple[Level, ...] = ("crisis", "stop_and_seek_care", "contact_clinician", "step_down")
#: Days (today included) for which a red flag or a questionnaire alert stays on Today.
ACTIVE_DAYS = 2


@dataclass(frozen=True, slots=True)
class SafetyOutcome:
    """What to show after a write: alerts (most urgent first), crisis resources, a plan change.

    ``stop`` is the magnesium stop in force, if any (see :mod:`mgcalm.app.safety.stop`).
    """

    alerts: tuple[SafetyAlert, ...] = ()
    crisis_resources: tuple[dict[str, Any], ...] = ()
    plan_change: PlanChange | None = None
    stop: dict[str, Any] | None = None

    @property
    def crisis(self) -> bool:
        """True when crisis resources should be shown prominently."""
        return bool(self.crisis_resources)

    def to_json(self) -> dict[str, Any]:
        """``alerts``, ``crisis``, ``crisis_resources``, ``plan_change`` and ``stop`` (or null)."""
        return {
            "alerts": [a.to_json() for a in self.alerts],
            "crisis": self.crisis,
            "crisis_resources": list(self.crisis_resources),
            "plan_change": self.plan_change.to_json() if self.plan_change else None,
            "stop": self.stop,
        }


def with_red_flags(data: dict[str, Any], symptoms: Sequence[str]) -> dict[str, Any]:
    """Side-effect data with ticked red flags added to ``other`` in words (as the web does)."""
    check_symptoms(symptoms)  # an unknown id is a problem naming the known ones
    labels = [f.label for f in RED_FLAGS if f.id in symptoms]
    if not labels:
        return data
    other = "; ".join(x for x in (str(data.get("other") or ""), *labels) if x)
    return {**data, "other": other}


def outcome(
    app: App,
    person_id: str,
    alerts: Iterable[SafetyAlert],
    change: PlanChange | None = None,
) -> SafetyOutcome:
    """Alerts deduplicated and ordered by urgency, with the person's lines when called for."""
    unique = {a.code: a for a in alerts}
    ordered = tuple(sorted(unique.values(), key=lambda a: URGENCY.index(a.level)))
    show = any(a.show_crisis_resources for a in ordered)
    resources = tuple(app.crisis_resources(person_id)) if show else ()
    stop = current_stop(app, person_id)
    return SafetyOutcome(ordered, resources, change, stop_json(stop) if stop else None)


def _alerts_of(app: App, person_id: str, entry: EntryBase, symptoms: Iterable[str]) -> list[Any]:
    """The alerts an entry just saved raises (a questionnaire judged against the one before)."""
    if isinstance(entry, SideEffect):
        return list(check_symptoms(dict.fromkeys([*symptoms, *red_flags_in(entry.other)])))
    previous = (
        previous_score(app, person_id, entry) if isinstance(entry, QuestionnaireResponse) else None
    )
    return list(entry_alerts(entry, previous))


def after_entry(
    app: App, person_id: str, entry: EntryBase, symptoms: Iterable[str] = ()
) -> SafetyOutcome:
    """What to show after saving an entry (a loose stool may step the plan down)."""
    alerts = _alerts_of(app, person_id, entry, symptoms)
    change = None
    if isinstance(entry, SideEffect) and entry.bristol_type and is_loose(entry.bristol_type):
        step_alerts, change = step_down_if_needed(app, person_id)
        alerts += step_alerts
    return outcome(app, person_id, alerts, change)


def after_entries(app: App, person_id: str, entries: Sequence[EntryBase]) -> SafetyOutcome:
    """The same for a batch: every entry's alerts, and at most one step-down."""
    alerts = [a for e in entries for a in _alerts_of(app, person_id, e, ())]
    change = None
    if any(isinstance(e, SideEffect) and is_loose(e.bristol_type or 0) for e in entries):
        step_alerts, change = step_down_if_needed(app, person_id)
        alerts += step_alerts
    return outcome(app, person_id, alerts, change)


def previous_score(app: App, person_id: str, entry: QuestionnaireResponse) -> Score | None:
    """The last score on the same form before ``entry`` (to judge a sharp worsening)."""
    last = app.last_questionnaire(person_id, entry.instrument, entry.day, other_than=entry.id)
    return score(last.instrument, last.answers) if last else None


def after_questionnaire(
    app: App, person_id: str, entry: QuestionnaireResponse, previous: Score | None = None
) -> SafetyOutcome:
    """PHQ-9 item 9 above 0, PCL-5 risk-taking, or a reliable worsening since ``previous``."""
    return outcome(app, person_id, check_score(score(entry.instrument, entry.answers), previous))


def active_alerts(app: App, person_id: str, day: date) -> SafetyOutcome:
    """Alerts still current on ``day``, for the Today page.

    Events stored over the last ``ACTIVE_DAYS`` days (a check-in's only on its own day), the
    stop in force whatever its age, and a step-down made within the loose-stools window.
    """
    since = day - timedelta(days=ACTIVE_DAYS - 1)
    alerts: list[SafetyAlert] = []
    for event in stored_events(app, person_id, since, day):
        if event.origin == "checkin" and event.day != day:
            continue  # a check-in speaks about its own day only
        if event.origin != "stop":  # the stop in force is shown below, however old
            alerts.append(event.alert)
    stop = current_stop(app, person_id)
    if stop is not None:
        alerts.append(_stop_alert(stop))
    stepped = recent_step_down(app, person_id, day)
    return outcome(app, person_id, [*alerts, *([stepped] if stepped else [])])


def _stop_alert(stop: Any) -> SafetyAlert:
    from mgcalm.app.safety.stop import paused_text, what_to_do

    return SafetyAlert(
        "magnesium_stopped", "stop_and_seek_care", paused_text(stop), what_to_do(stop), False
    )
