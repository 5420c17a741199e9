"""Durable storage: SQLAlchemy tables, repositories, Alembic migrations (SQLite, PostgreSQL).

Open a database with :func:`open_store` (it applies the migrations shipped in
``mgcalm/store/migrations``), then read and write through ``store.read()`` / ``store.write()``
transactions and the repository modules: :mod:`.people` (people, profile and plan versions),
:mod:`.trial` (phases, primary-outcome history), :mod:`.registration` (the trial's
pre-registration, sealed allocation and blinding guesses), :mod:`.entries` (everything logged),
:mod:`.feeds` (calendar-feed token digests), :mod:`.preferences` (region, units) and
:mod:`.safety` (safety events, magnesium stops, safety plans). Only this
package speaks SQL; it imports nothing from mgcalm but :mod:`mgcalm.domain`.
"""

# Imported for their side effect: these tables join the one metadata the migrations match.
from mgcalm.store import device_tables, safety_tables, settings_tables, trial_tables  # noqa: F401
from mgcalm.store.clinic import summaries as clinic_summaries  # noqa: F401
from mgcalm.store.clinic import tables as clinic_tables  # noqa: F401
from mgcalm.store.database import Store, open_store

__all__ = ["Store", "open_store"]
