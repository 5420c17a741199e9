"""The settings page's use cases: region and units, export, backup and delete everything.

Preferences live in the database's ``preferences`` table (both saved in one transaction), so every
host of a clinic shows the same ones and "delete everything" and backups reach them. The region
picks the crisis lines shown everywhere; without a saved choice the ``MGCALM_REGION`` setting
applies.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from mgcalm.app.core import App
from mgcalm.app.legacy_files import PREFERENCES_FILE as PREFERENCES_FILE
from mgcalm.domain import InvalidInputError, Problem
from mgcalm.instruments.crisis import REGIONS, normalise_region
from mgcalm.store import preferences as preferences_repo

UNITS = ("mg", "mmol")
MG_PER_MMOL = 24.305  # the molar mass of magnesium, g/mol
REGION_NAMES = {
    "US": "United States",
    "CA": "Canada",
    "UK": "United Kingdom",
    "IE": "Ireland",
    "INTL": "Another country",
}
DELETE_WORD = "DELETE"


def preferences(app: App) -> dict[str, Any]:
    """The saved region and units (defaults: the settings' region, mg)."""
    with app.store.read() as conn:
        saved = preferences_repo.read_preferences(conn)
    return {
        "region": normalise_region(str(saved.get("region") or app.settings.region)),
        "units": saved.get("units") if saved.get("units") in UNITS else "mg",
        "regions": REGION_NAMES,
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


def backup(app: App, now: datetime) -> dict[str, Any]:
    """A consistent copy of everything into ``<data dir>/backups/``; returns where and how much."""
    folder = app.settings.data_dir.expanduser() / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    suffix = "db" if app.store.is_sqlite else "json"
    path = folder / f"mgcalm-{now:%Y%m%d-%H%M%S}.{suffix}"
    counts = app.backup(path)
    return {"path": str(path), **counts}


def delete_everything(app: App, confirm: str) -> dict[str, Any]:
    """Delete every person and everything about them, once the person typed the confirm word."""
    if confirm.strip() != DELETE_WORD:
        raise InvalidInputError(
            [Problem("confirm", "type the word to confirm; nothing was deleted", DELETE_WORD)]
        )
    return {"deleted_people": app.delete_all()}
