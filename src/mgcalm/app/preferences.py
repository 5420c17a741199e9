"""The person's preferences: the region whose crisis lines show everywhere, and the units.

Preferences live in the database's ``preferences`` table (both saved in one transaction), so every
host of a clinic shows the same ones and "delete everything" and backups reach them. Without a
saved choice the ``MGCALM_REGION`` setting applies.
"""

from __future__ import annotations

from typing import Any

from mgcalm.app.core import App
from mgcalm.domain import InvalidInputError, Problem
from mgcalm.instruments.crisis import REGION_NAMES, REGIONS, normalise_region
from mgcalm.store import preferences as preferences_repo

UNITS = ("mg", "mmol")
MG_PER_MMOL = 24.305  # the molar mass of magnesium, g/mol


def preferences(app: App) -> dict[str, Any]:
    """The saved region and units (defaults: the settings' region, mg)."""
    with app.store.read() as conn:
        saved = preferences_repo.read_preferences(conn)
    return {
        "region": normalise_region(str(saved.get("region") or app.settings.region)),
        "units": saved.get("units") if saved.get("units") in UNITS else "mg",
        "regions": dict(REGION_NAMES),
        "units_offered": list(UNITS),
    }


def save_preferences(app: App, region: str, units: str) -> dict[str, Any]:
    """Save region and units; every problem is reported and nothing is written if any."""
    problems = []
    if region.strip().upper() not in REGIONS:
        problems.append(Problem("region", f"{region!r} is not offered", ", ".join(REGIONS)))
    if units not in UNITS:
        problems.append(Problem("units", f"{units!r} is not offered", ", ".join(UNITS)))
    if problems:
        raise InvalidInputError(problems)
    with app.store.write() as conn:
        values = {"region": region.strip().upper(), "units": units}
        preferences_repo.save_preferences(conn, values, app.now())
    return preferences(app)
