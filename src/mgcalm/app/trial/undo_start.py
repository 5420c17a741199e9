"""Taking back a phase started by mistake ("Start magnesium today" tapped by accident).

Only the latest phase, started today and moments ago, can be taken back: the phase before it
runs on as if the tap never happened, and a quick design registered by that very tap goes with
it. Anything older is part of the trial's record and stays.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from mgcalm.app.plans.people import check_person
from mgcalm.domain.entries import TrialPhase, document_digest
from mgcalm.domain.problems import InvalidInputError, Problem
from mgcalm.store import Store
from mgcalm.store import registration as registration_repo
from mgcalm.store import trial as repo

#: How long after the tap the server still takes a phase start back (the page offers it briefly).
UNDO_START_SECONDS = 120
SAME_MOMENT = timedelta(seconds=1)


def undo_phase_start(
    store: Store, person_id: str, phase_id: str, today: date, now: datetime
) -> TrialPhase | None:
    """Remove the phase ``phase_id`` started moments ago; returns the phase that runs again."""
    with store.write() as conn:
        check_person(conn, person_id)
        records = repo.list_phases(conn, person_id)
        latest = records[-1] if records else None
        if latest is None or latest.id != phase_id:
            raise InvalidInputError(
                [Problem("phase.id", "only the phase just started can be taken back", "")]
            )
        if latest.start != today or now - latest.created_at > timedelta(seconds=UNDO_START_SECONDS):
            raise InvalidInputError(
                [Problem("phase.id", "it is too late to take this back; it is on the record", "")]
            )
        repo.delete_phase(conn, person_id, phase_id)
        registered = registration_repo.get_registration(conn, person_id)
        if (
            registered is not None
            and registered.design == "quick"
            and abs(registered.created_at - latest.created_at) < SAME_MOMENT
        ):
            registration_repo.delete_registration(conn, person_id)
        before = records[-2] if len(records) > 1 else None
        if before is None or before.end != latest.start - timedelta(days=1):
            return None
        running = TrialPhase(id=before.id, phase=before.phase, start=before.start, end=None)
        digest = document_digest(running.model_dump(mode="json"))
        repo.reopen_phase(conn, person_id, before.id, digest, now)
        return running
