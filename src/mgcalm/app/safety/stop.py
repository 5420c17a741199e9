"""A stop is a state: a magnesium red flag pauses magnesium until someone says it is safe.

While a stop is in force Today shows no dose as due (it shows the stop and what to do), a dose
cannot be marked as taken from the plan, the calendar export and the live feed drop every dose
reminder from the day the stop began, and the plan page and the clinician read "paused since …,
because …". The stop starts in the same transaction that saves the side effect naming the red
flag (:func:`start_for_red_flag`), so there is never a red flag without its stop. Loose stools
that go on at the lowest dose step the plan down to nothing; that plan version and its stop are
stored together too (:func:`start_for_loose_stools`), so the person and the clinician see the
same stop as after a red flag.

Resuming is a deliberate act and never automatic: :func:`resume` records who said it was safe
and why (``mgcalm trial resume --by … --reason …``, the plan page's form, ``POST
/api/safety/resume``). A stop is not a setting and no setting switches it off.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import Connection

from mgcalm.domain.entries import EntryBase
from mgcalm.domain.problems import InvalidInputError, Problem
from mgcalm.instruments.safety import SafetyAlert
from mgcalm.store import safety as safety_repo
from mgcalm.store.safety import EventRecord, StopRecord

if TYPE_CHECKING:
    from mgcalm.app.core import App

STOP_CODE = "magnesium_stopped"
#: Why a stop started by the loose-stools rule stops (diarrhoea: the first sign of too much).
LOOSE_STOOLS_REASON = "loose stools went on at the lowest dose"
MAX_TEXT = 500
WHAT_TO_DO = (
    "Do not take magnesium until a doctor, pharmacist or your clinician says it is safe.",
    "If you have not yet, seek medical care today (your doctor or an urgent care service); "
    "call your emergency number if it is severe.",
    "When someone has said it is safe, resume on the plan page (or with mgcalm trial resume).",
)
#: After loose stools at the lowest dose: no seeking care today unless worse, and the way back.
LOOSE_STOOLS_WHAT_TO_DO = (
    "Do not take magnesium until your clinician, doctor or pharmacist says it is safe.",
    "If loose stools go on, or you see blood, have a fever or feel dehydrated, seek care today.",
    "When someone has said it is safe, resume on the plan page (or with mgcalm trial resume); "
    "then go back up one step when your stools have settled.",
)


def start_for_red_flag(
    conn: Connection,
    person_id: str,
    entry: EntryBase,
    alert: SafetyAlert,
    now: datetime,
    today: date,
) -> list[EventRecord]:
    """Start a stop for a red flag (unless one is in force); the stop's own event, if started."""
    reason = alert.message.removeprefix("You reported: ").rstrip(".")
    if entry.day != today:
        reason += f" (logged for {entry.day.isoformat()})"
    return _start(conn, StopRecord(person_id, entry.id, today, reason, now), alert.sources)


def start_for_loose_stools(
    conn: Connection,
    person_id: str,
    source_id: str,
    sources: Sequence[str],
    now: datetime,
    today: date,
) -> list[EventRecord]:
    """Start a stop when loose stools went on at the lowest dose (the plan now has none)."""
    stop = StopRecord(person_id, source_id, today, LOOSE_STOOLS_REASON, now)
    return _start(conn, stop, sources, {"cause": "loose_stools"})


def _start(
    conn: Connection,
    stop: StopRecord,
    sources: Sequence[str],
    extra: dict[str, Any] | None = None,
) -> list[EventRecord]:
    """Store ``stop`` unless one is in force; its event (the clinician's flag), if started."""
    if not safety_repo.start_stop(conn, stop):
        return []
    document = {
        "message": paused_text(stop),
        "actions": list(what_to_do(stop)),
        "show_crisis_resources": False,
        "sources": list(sources),
        "detail": {"reason": stop.reason, **(extra or {})},
    }
    level, day, now = "stop_and_seek_care", stop.since, stop.started_at
    return [EventRecord(stop.person_id, stop.id, STOP_CODE, "stop", level, day, document, now)]


def paused_text(stop: StopRecord) -> str:
    """``Magnesium paused since 2026-11-26, because: very slow heartbeat.``"""
    return f"Magnesium paused since {stop.since.isoformat()}, because: {stop.reason}."


def what_to_do(stop: StopRecord) -> tuple[str, ...]:
    """What the person should do while ``stop`` is in force."""
    return LOOSE_STOOLS_WHAT_TO_DO if stop.reason == LOOSE_STOOLS_REASON else WHAT_TO_DO


def stop_json(stop: StopRecord) -> dict[str, Any]:
    """A stop as the interfaces show it (``active`` until resumed)."""
    return {
        "id": stop.id,
        "active": stop.active,
        "since": stop.since.isoformat(),
        "reason": stop.reason,
        "message": paused_text(stop),
        "what_to_do": list(what_to_do(stop)) if stop.active else [],
        "resumed_on": stop.resumed_on.isoformat() if stop.resumed_on else None,
        "cleared_by": stop.cleared_by or None,
        "resume_reason": stop.resume_reason or None,
    }


def current_stop(app: App, person_id: str) -> StopRecord | None:
    """The stop in force for the person, if any."""
    with app.store.read() as conn:
        return safety_repo.active_stop(conn, person_id)


def all_stops(app: App, person_id: str) -> list[StopRecord]:
    """Every stop of the person, oldest first (the report lists them all)."""
    with app.store.read() as conn:
        return safety_repo.list_stops(conn, person_id)


def resume(app: App, person_id: str, cleared_by: str, reason: str) -> dict[str, Any]:
    """Resume magnesium: records who said it was safe and why; both are required."""
    from mgcalm.app.plans.people import check_person

    who, why = " ".join(cleared_by.split()), " ".join(reason.split())
    problems = [
        Problem(field, "say it in words", f"up to {MAX_TEXT} characters")
        for field, text in (("cleared_by", who), ("reason", why))
        if not text or len(text) > MAX_TEXT
    ]
    if problems:
        raise InvalidInputError(problems)
    with app.store.write() as conn:
        check_person(conn, person_id)
        ended = safety_repo.resume_stop(conn, person_id, app.today(), who, why, app.now())
    if ended is None:
        raise InvalidInputError([_NOT_PAUSED])
    return stop_json(ended)


def refuse_while_stopped(app: App, person_id: str) -> None:
    """Raise when a stop is in force (marking a planned dose as taken is refused)."""
    stop = current_stop(app, person_id)
    if stop is not None:
        raise InvalidInputError(
            [Problem("planned_time", paused_text(stop), "resume first, once it is safe")]
        )


_NOT_PAUSED = Problem("stop", "magnesium is not paused, so there is nothing to resume", "a stop")
