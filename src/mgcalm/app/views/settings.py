"""The settings page's actions beyond preferences: backup and delete everything.

Region and units are in :mod:`mgcalm.app.preferences`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from mgcalm.app.core import BACKUP_FOLDER, App
from mgcalm.domain import InvalidInputError, Problem

DELETE_WORD = "DELETE"


def backup(app: App, now: datetime) -> dict[str, Any]:
    """A consistent copy of everything into ``<data dir>/backups/``; returns where and how much."""
    folder = app.settings.data_dir.expanduser() / BACKUP_FOLDER
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
    backups = len(app.own_backups())
    return {
        "deleted_people": app.delete_all(),
        "deleted_backups": backups,
        "not_touched": ELSEWHERE,
    }


ELSEWHERE = (
    "Exports and backups you saved elsewhere (mgcalm backup FILE, downloads) are your own "
    "files: delete those yourself."
)
