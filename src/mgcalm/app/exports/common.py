"""Pieces every export shares: what it wrote, writing a file whole, the trial phase of a day.

:func:`plan_start` is day 1 of the person's plan as the calendar and the FHIR bundle both show it.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from mgcalm.app.core import App
from mgcalm.app.trial import registered
from mgcalm.domain.plan import Plan
from mgcalm.interop.entry_series import PhaseOf


@dataclass(frozen=True, slots=True)
class Written:
    """What an export wrote: the files and how many items of each kind."""

    paths: tuple[Path, ...]
    counts: dict[str, int]
    notes: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The ``--json`` form of an export command."""
        paths = [str(p) for p in self.paths]
        return {"paths": paths, "counts": self.counts, "notes": list(self.notes)}


def write_text(path: Path, text: str) -> None:
    """Write a whole file or nothing, readable by its owner only (it holds health data)."""
    write_private(path, text.encode("utf-8"))


def write_private(path: Path, data: bytes) -> None:
    """Write a whole file or nothing: a 0600 temporary file renamed into place.

    Every export and report holds health data, so none is ever readable by other users of the
    machine, whatever the umask.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        temporary.chmod(0o600)  # an existing temporary file keeps its old mode otherwise
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)


def write_all(files: dict[Path, str]) -> None:
    """Write several text files all or none: each to a 0600 temporary file, then renamed.

    When one cannot be written (a full disk), the temporary files and the folders made for
    them are removed, and the files that were there before are left as they were.
    """
    made = [d for d in _missing_folders(files) if not d.exists()]
    written: list[Path] = []
    try:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(f".{path.name}.tmp")
            written.append(temporary)
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(text.encode("utf-8"))
            temporary.chmod(0o600)
        for path in files:
            path.with_name(f".{path.name}.tmp").replace(path)
    except BaseException:
        for temporary in written:
            temporary.unlink(missing_ok=True)
        for folder in reversed(made):  # deepest first; a folder someone filled meanwhile stays
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise


def _missing_folders(files: dict[Path, str]) -> list[Path]:
    """The folders the files need, parents before children, that do not exist yet."""
    folders = {a for path in files for a in reversed(path.parents)}
    return [f for f in sorted(folders, key=lambda f: len(f.parts)) if not f.exists()]


def plan_start(app: App, person_id: str, plan: Plan | None, today: date) -> date:
    """Day 1 of the plan: the titration phase's start, else the day the first plan began.

    A later plan version (a dose moved to another time) does not restart the titration.
    """
    titration = [p.start for p in app.trial(person_id).phases if p.phase == "titration"]
    if titration:
        return titration[-1]
    active = [
        v.active_from
        for v in app.plan_history(person_id)
        if v.active_from is not None and v.active_from <= today
    ]
    return min(active) if active else today


def phase_lookup(app: App, person_id: str) -> PhaseOf:
    """A function from a day to its trial phase name ("" outside the trial).

    A blinded trial's periods read ``period`` until the recorded unblinding.
    """
    return registered.day_label(app, person_id, app.trial(person_id))
