"""The settings page's use cases: region and units, export, backup and delete everything.

Preferences live in ``preferences.json`` beside the database (written whole or not at all). The
region picks the crisis lines shown everywhere; without a saved choice the ``MGCALM_REGION``
setting applies.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from mgcalm.app.core import App
from mgcalm.domain import InvalidInputError, Problem
from mgcalm.instruments.crisis import REGIONS, normalise_region

PREFERENCES_FILE = "preferences.json"
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


def _path(app: App) -> Path:
    return app.settings.data_dir.expanduser() / PREFERENCES_FILE


def preferences(app: App) -> dict[str, Any]:
    """The saved region and units (defaults: the settings' region, mg)."""
    try:
        saved = json.loads(_path(app).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        saved = {}
    saved = saved if isinstance(saved, dict) else {}
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
    path = _path(app)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(json.dumps({"region": region.strip().upper(), "units": units}) + "\n")
    temporary.replace(path)
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
    people = app.delete_all()
    _path(app).unlink(missing_ok=True)
    return {"deleted_people": people}
