"""Failures a person can meet, in words: what happened and what to do, never a traceback.

The CLI prints these and exits non-zero; the web app shows them on its calm error page. Every
write is one transaction, so when one of these stops a command, nothing half-written is kept.
"""

from __future__ import annotations

import csv
import shutil
from dataclasses import dataclass
from pathlib import Path

from mgcalm.store.failures import storage_failure

EXIT_FAILED = 1
EXIT_INVALID = 2


@dataclass(frozen=True, slots=True)
class Failure:
    """One failure told plainly: a short title, what happened, what to do, and how to exit."""

    title: str
    happened: str
    advice: str
    exit_code: int = EXIT_FAILED
    status: int = 503

    def text(self) -> str:
        """The failure as a few lines for a terminal."""
        return f"{self.title}\n{self.happened}\n{self.advice}"


def describe_failure(error: BaseException, data_dir: Path | None = None) -> Failure | None:
    """The failure behind ``error`` in words, or None when it is not one a person can fix."""
    where = f" ({data_dir})" if data_dir is not None else ""
    kind = storage_failure(error)
    if kind == "disk_error" and _nearly_full(data_dir):
        kind = "disk_full"  # SQLite says "disk I/O error" when it cannot grow its WAL files
    if kind == "disk_error":
        return Failure(
            "mgcalm could not read or write its data.",
            f"The disk holding its data folder{where} reported an error; nothing was saved.",
            "Check that the disk is connected, has free space and is working, then try again.",
        )
    if kind == "disk_full":
        return Failure(
            "The disk is full.",
            f"mgcalm could not save to its data folder{where}; nothing was saved.",
            "Free some space on that disk (or set MGCALM_DATA_DIR to a folder on another one) "
            "and try again.",
        )
    if kind == "read_only":
        return Failure(
            "mgcalm cannot write to its data folder.",
            f"The folder or database file{where} is read-only or belongs to someone else; "
            "nothing was saved.",
            "Make the folder writable for you, or set MGCALM_DATA_DIR to a folder you can "
            "write to, and try again.",
        )
    if kind == "locked":
        return Failure(
            "The database is busy.",
            "Another mgcalm command or server held the database for too long; nothing was saved.",
            "Wait a moment and try again.",
        )
    if kind == "damaged":
        return Failure(
            "The database file is damaged or is not an mgcalm database.",
            f"mgcalm could not read it{where}; nothing was changed.",
            "Move the file aside and restore your latest backup with `mgcalm import BACKUP`.",
        )
    if kind == "unreachable":
        return Failure(
            "The database server cannot be reached.",
            "mgcalm could not connect to the server named in MGCALM_DATABASE_URL.",
            "Check that the server is running and the address is right, then try again.",
        )
    return _input_failure(error)


def _nearly_full(data_dir: Path | None) -> bool:
    """True when the disk holding ``data_dir`` has less than a page or two left."""
    if data_dir is None:
        return False
    folder = data_dir
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        return shutil.disk_usage(folder).free < 64 * 1024
    except OSError:
        return False


def _input_failure(error: BaseException) -> Failure | None:
    """Input too deep or too large to read at all (a malformed file, not a bug)."""
    if isinstance(error, RecursionError):
        return Failure(
            "The input is nested too deeply to read.",
            "A file or request holds lists or tables inside each other hundreds of levels deep.",
            "Check that it is the file you meant; mgcalm's own files nest only a few levels.",
            EXIT_INVALID,
            422,
        )
    if isinstance(error, csv.Error):
        return Failure(
            "The CSV file cannot be read.",
            f"{error}.",
            "Check that it is a CSV file with one row per line and cells under 128 KB.",
            EXIT_INVALID,
            422,
        )
    if isinstance(error, MemoryError):
        return Failure(
            "The input is too large.",
            "mgcalm ran out of memory reading it; nothing was saved.",
            "Split it into smaller files, or check that it is the file you meant.",
        )
    return None
