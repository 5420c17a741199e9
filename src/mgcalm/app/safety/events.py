"""Safety events: stored the moment they happen, so Today, the clinician and reports carry them.

Two ways in, and no setting turns either off:

- :func:`record_entries` runs inside the transaction that saves entries (``App.log_entries`` and
  ``App.amend`` pass it to the store), so an entry and its events are saved together or not at
  all: a check-in in crisis or with distress 9–10, a questionnaire with a crisis-level answer or
  a sharp worsening, a side effect naming a magnesium red flag (which also stops magnesium,
  :mod:`mgcalm.app.safety.stop`).
- :func:`record_answer` stores a crisis-level answer (PHQ-9 item 9 above 0, PCL-5 item 16 at
  3 or more) the moment it is given, before the questionnaire is finished. It is keyed by the
  questionnaire's id, which the finished questionnaire is saved under, so finishing it later
  adds nothing twice.

An event is keyed by what raised it and its code: one line per event, never one per row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import Connection

from mgcalm.app.safety.words import red_flags_in
from mgcalm.domain.entries import CheckIn, EntryBase, QuestionnaireResponse, SideEffect
from mgcalm.domain.entry_fields import is_entry_id
from mgcalm.domain.problems import InvalidInputError, Problem
from mgcalm.instruments.meaning import flag_message
from mgcalm.instruments.safety import (
    SafetyAlert,
    answer_alerts,
    check_checkin,
    check_score,
    check_symptoms,
)
from mgcalm.instruments.scoring import Score, score
from mgcalm.instruments.sources import SOURCES
from mgcalm.store import entries as entries_repo
from mgcalm.store import safety as safety_repo
from mgcalm.store.safety import EventRecord

if TYPE_CHECKING:
    from mgcalm.app.core import App

#: Codes a clinician must see first, in this order of urgency.
CRISIS_CODES = ("suicidal_ideation", "risky_behaviour", "crisis_checkin", "high_distress")
RED_FLAG = "magnesium_red_flag"


@dataclass(frozen=True, slots=True)
class SafetyEvent:
    """A stored event as the interfaces show it: the alert it raised, its day and its source."""

    alert: SafetyAlert
    day: date
    source_id: str
    origin: str
    recorded_at: datetime
    detail: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        """The alert's keys plus ``day``, ``source_id``, ``origin`` and ``recorded_at``."""
        return {
            **self.alert.to_json(),
            "day": self.day.isoformat(),
            "source_id": self.source_id,
            "origin": self.origin,
            "recorded_at": self.recorded_at.isoformat(),
            "detail": self.detail,
        }


def alert_document(alert: SafetyAlert, detail: dict[str, Any]) -> dict[str, Any]:
    """What an event row keeps of its alert (source ids, not rendered citations)."""
    return {
        "message": alert.message,
        "actions": list(alert.actions),
        "show_crisis_resources": alert.show_crisis_resources,
        "sources": list(alert.sources),
        "detail": detail,
    }


def event_rows(
    person_id: str,
    source_id: str,
    origin: str,
    day: date,
    alerts: Iterable[SafetyAlert],
    now: datetime,
    detail: dict[str, Any] | None = None,
) -> list[EventRecord]:
    """One row per alert, keyed by what raised it and the alert's code."""
    return [
        EventRecord(
            person_id,
            source_id,
            a.code,
            origin,
            a.level,
            day,
            alert_document(a, detail or {}),
            now,
        )
        for a in alerts
    ]


def entry_alerts(entry: EntryBase, previous: Score | None = None) -> tuple[SafetyAlert, ...]:
    """The alerts one saved entry raises (a questionnaire judged against ``previous``)."""
    if isinstance(entry, CheckIn):
        # The check-in's anxiety rating is its distress rating (0–10), as on the web page.
        return check_checkin(crisis=entry.crisis, distress=entry.anxiety)
    if isinstance(entry, SideEffect):
        return check_symptoms(red_flags_in(entry.other))
    if isinstance(entry, QuestionnaireResponse):
        return check_score(score(entry.instrument, entry.answers), previous)
    return ()


def previous_in(conn: Connection, person_id: str, entry: QuestionnaireResponse) -> Score | None:
    """The last score on the same form up to the entry's day, other than the entry itself."""
    for record in entries_repo.newest_first(conn, person_id, "questionnaire", entry.day):
        if record.document.get("instrument") == entry.instrument and record.id != entry.id:
            return score(entry.instrument, record.document["answers"])
    return None


def _detail(entry: EntryBase) -> dict[str, Any]:
    if isinstance(entry, QuestionnaireResponse):
        return {"instrument": entry.instrument}
    if isinstance(entry, SideEffect):
        return {"symptoms": red_flags_in(entry.other)}
    return {}


def record_entries(
    conn: Connection, person_id: str, batch: Sequence[EntryBase], now: datetime, today: date
) -> None:
    """Inside the entries' own transaction: store their events and start any stop they call for."""
    from mgcalm.app.safety.stop import start_for_red_flag

    rows: list[EventRecord] = []
    for entry, alerts in _alerts_in(conn, person_id, batch):
        rows += event_rows(person_id, entry.id, entry.kind, entry.day, alerts, now, _detail(entry))
        red = [a for a in alerts if a.code == RED_FLAG]
        if red:
            rows += start_for_red_flag(conn, person_id, entry, red[0], now, today)
    safety_repo.add_events(conn, rows)


def record_past_entries(
    conn: Connection, person_id: str, batch: Sequence[EntryBase], now: datetime
) -> int:
    """The events of entries from elsewhere (an import), without starting a stop now.

    An old red flag in an imported file says what happened then; it must not pause magnesium
    today. Returns how many events were new.
    """
    rows = [
        row
        for entry, alerts in _alerts_in(conn, person_id, batch)
        for row in event_rows(
            person_id, entry.id, entry.kind, entry.day, alerts, now, _detail(entry)
        )
    ]
    return safety_repo.add_events(conn, rows)


def _alerts_in(
    conn: Connection, person_id: str, batch: Sequence[EntryBase]
) -> list[tuple[EntryBase, tuple[SafetyAlert, ...]]]:
    """Each entry with the alerts it raises (a questionnaire against the one before it)."""
    found = []
    for entry in batch:
        previous = (
            previous_in(conn, person_id, entry)
            if isinstance(entry, QuestionnaireResponse)
            else None
        )
        found.append((entry, entry_alerts(entry, previous)))
    return found


def record_answer(
    app: App,
    person_id: str,
    instrument_id: str,
    answers: Sequence[int],
    questionnaire_id: str,
    day: date | None = None,
) -> tuple[SafetyAlert, ...]:
    """Store the crisis-level answers among those given so far; the alerts to show now.

    ``questionnaire_id`` is the id the finished questionnaire will be saved under (the web page
    and the CLI make one when the questionnaire starts).
    """
    from mgcalm.app.plans.people import check_person

    alerts = answer_alerts(instrument_id, answers)
    if not alerts:
        return ()
    if not is_entry_id(questionnaire_id):
        raise InvalidInputError([_BAD_ID])
    detail = {"instrument": instrument_id, "answered": len(answers), "finished": False}
    rows = event_rows(
        person_id, questionnaire_id, "answer", day or app.today(), alerts, app.now(), detail
    )
    with app.store.write() as conn:
        check_person(conn, person_id)
        safety_repo.add_events(conn, rows)
    return alerts


_BAD_ID = Problem(
    "questionnaire_id", "not a valid id", "1–64 letters, digits, '_', '.', ':' or '-'"
)


def stored_events(
    app: App, person_id: str, start: date | None = None, end: date | None = None
) -> list[SafetyEvent]:
    """The person's events between two days (inclusive), oldest first."""
    with app.store.read() as conn:
        records = safety_repo.list_events(conn, person_id, start, end)
    return [as_event(r) for r in records]


def as_event(record: EventRecord) -> SafetyEvent:
    """A stored row back as the event the interfaces show."""
    document = record.document
    alert = SafetyAlert(
        record.code,
        record.level,  # type: ignore[arg-type]  # written from a SafetyAlert's own level
        str(document.get("message") or default_message(record.code)),
        tuple(document.get("actions") or default_actions(record.code)),
        bool(document.get("show_crisis_resources", record.level == "crisis")),
        # Ids this version does not know are left out rather than failing to show the event.
        tuple(s for s in document.get("sources", ()) if s in SOURCES),
    )
    found = document.get("detail")
    detail: dict[str, Any] = found if isinstance(found, dict) else {}
    return SafetyEvent(
        alert, record.day, record.source_id, record.origin, record.created_at, detail
    )


def default_message(code: str) -> str:
    """Wording for an event carried over from before events were stored with their words."""
    if code in ("suicidal_ideation", "risky_behaviour"):
        return flag_message(code)
    if code == "crisis_checkin":
        return "A crisis was marked in a check-in."
    if code == "high_distress":
        return "Distress was rated 9 or 10 of 10 in a check-in."
    return code.replace("_", " ").capitalize() + "."


def default_actions(code: str) -> tuple[str, ...]:
    """The actions of a carried-over event: those of its kind of alert today."""
    if code in CRISIS_CODES:
        return check_checkin(crisis=True)[0].actions
    return ()
