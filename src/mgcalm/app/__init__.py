"""Use cases that the CLI and the web app call; the only layer that joins the core and the store.

One way in: ``open_app(settings) -> App``. An :class:`App` holds the settings, the migrated store
and a clock; every use case is a method on it, every write is one transaction (all or nothing),
and no SQL lives outside :mod:`mgcalm.store`::

    from mgcalm.app import open_app, load_settings
    app = open_app()                                   # MGCALM_DATA_DIR / MGCALM_DATABASE_URL
    person = app.create_person(profile, person_id="me")
    person, version, plan = app.set_up(profile, begin=("anxiety", "baseline"))  # all or nothing
    app.log(person.id, "checkin", {"id": "c-2026-11-26", "day": "2026-11-26", "anxiety": 6})
    app.log(person.id, "dose", {"day": "2026-11-26", "taken_time": "21:30",
                                "form": "glycinate", "elemental_mg": 100})
    app.history(person.id, kinds=["checkin"])          # -> [StoredEntry(entry, created_at, …)]
    app.series(person.id, start, end)                  # -> {"checkin": [CheckIn, …], …}
    app.plan_for(person.id)                            # planner → stored plan version (a
                                                       # step-down in force is kept)
    app.start_phase(person.id, {"phase": "baseline", "start": "2026-11-26"})
    app.choose_outcome(person.id, "anxiety")
    app.amend(person.id, "checkin", {...same id...}, "typo")   # old version kept
    app.delete_entry(person.id, "c-2026-11-26", "wrong day")    # content kept as a revision
    app.export() / app.import_document(doc) / app.backup(path) / app.delete_all()

After a write, the interfaces run the shared safety flow, and Today lists what is due::

    from mgcalm.app.safety.flow import after_entry, after_questionnaire
    after_entry(app, person.id, stored.entry).to_json()  # alerts, crisis_resources, plan_change
    from mgcalm.app.tracking.due import due_today
    due_today(app, person.id).to_json()                # questionnaires due, diary, check-in, alerts

Entries are keyed by ``person_id`` and a client-supplied ``id``: sending the same entry again is a
no-op, and the same id with different content raises :class:`ConflictError` (nothing changes).
A correction is explicit (``amend`` / ``delete_entry``) and the earlier content is kept
(``revisions``). Files the app writes (database, backup, export) are readable by their owner only.
Errors (see :mod:`mgcalm.app.errors`) are ``InvalidInputError`` carrying every ``Problem``.

The use cases are grouped by capability, so the folder names read like the README::

    core.py       the App: settings, store, clock, and the methods above
    plans/        people, profile and plan versions, the packaged planner, a held step-down
    tracking/     logging entries, the sleep diary, the day's intake, Today, what is due
    trial/        phases and the primary outcome; the stored report input
    safety/       the flow after every write: alerts, crisis resources, red flags, step-downs
    exports/      calendar file and feed, FHIR bundle, tidy CSV out and back in
    privacy/      everything out as one document and back in
    clinic/       clinic mode: accounts, sessions, grants, audit, the clinician dashboard
    views/        page data shared by the web pages, their /api twins and the CLI's Today
    preferences.py, settings.py, legacy_files.py, demo.py, errors.py

Import contracts in ``pyproject.toml`` keep it that way: no circles between siblings, no use case
depends on ``views``, and personal mode never depends on clinic mode.

The public names load lazily: ``from mgcalm.app import InvalidInputError`` does not open
the store or import every use case.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mgcalm.app.core import App, new_id, open_app, utc_now
    from mgcalm.app.errors import ConflictError, InvalidInputError, NotFoundError, Problem
    from mgcalm.app.settings import Settings, load_settings
    from mgcalm.app.tracking.entries import StoredEntry
    from mgcalm.app.tracking.today import TodayStatus

_HOMES = {
    "App": "mgcalm.app.core",
    "ConflictError": "mgcalm.app.errors",
    "InvalidInputError": "mgcalm.app.errors",
    "NotFoundError": "mgcalm.app.errors",
    "Problem": "mgcalm.app.errors",
    "Settings": "mgcalm.app.settings",
    "StoredEntry": "mgcalm.app.tracking.entries",
    "TodayStatus": "mgcalm.app.tracking.today",
    "load_settings": "mgcalm.app.settings",
    "new_id": "mgcalm.app.core",
    "open_app": "mgcalm.app.core",
    "utc_now": "mgcalm.app.core",
}

__all__ = [
    "App",
    "ConflictError",
    "InvalidInputError",
    "NotFoundError",
    "Problem",
    "Settings",
    "StoredEntry",
    "TodayStatus",
    "load_settings",
    "new_id",
    "open_app",
    "utc_now",
]


def __getattr__(name: str) -> Any:
    """Load a public name from its module on first use, then keep it here."""
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_HOMES[name]), name)
    globals()[name] = value
    return value
