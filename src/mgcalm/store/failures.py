"""What went wrong underneath, told apart: a full disk, a read-only folder, a locked or damaged
database, a disk error, or an unreachable server.

SQLite, PostgreSQL and the operating system each report these in their own words (an errno, a
SQLSTATE, a message); :func:`storage_failure` reads all of them and answers with one
:data:`FailureKind`, or None when the error is none of these (then it is a bug to report).
"""

from __future__ import annotations

import errno
from typing import Literal

from sqlalchemy.exc import DBAPIError

FailureKind = Literal["disk_full", "read_only", "locked", "damaged", "unreachable", "disk_error"]

_ERRNO: dict[int, FailureKind] = {
    errno.ENOSPC: "disk_full",
    errno.EDQUOT: "disk_full",
    errno.EROFS: "read_only",
    errno.EACCES: "read_only",
    errno.EPERM: "read_only",
}
# Words in SQLite's and PostgreSQL's messages, lower-cased, checked in this order.
_WORDS: tuple[tuple[str, FailureKind], ...] = (
    ("database or disk is full", "disk_full"),
    ("no space left on device", "disk_full"),
    ("disk quota exceeded", "disk_full"),
    ("readonly database", "read_only"),
    ("read-only file system", "read_only"),
    ("unable to open database file", "read_only"),
    ("permission denied", "read_only"),
    ("database is locked", "locked"),
    ("disk i/o error", "disk_error"),  # SQLite's word when it cannot even create its WAL files
    ("file is not a database", "damaged"),
    ("database disk image is malformed", "damaged"),
    ("connection refused", "unreachable"),
    ("could not connect", "unreachable"),
    ("connection failed", "unreachable"),
)
# PostgreSQL SQLSTATE classes: 53100 disk full, 25006 read-only transaction, 08 connection.
_SQLSTATE: dict[str, FailureKind] = {"53100": "disk_full", "25006": "read_only"}


def storage_failure(error: BaseException) -> FailureKind | None:
    """The kind of failure behind ``error`` (following its causes), or None."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        found = _one(current)
        if found is not None:
            return found
        current = current.__cause__ or current.__context__
    return None


def _one(error: BaseException) -> FailureKind | None:
    if isinstance(error, DBAPIError) and error.orig is not None:
        state = getattr(error.orig, "sqlstate", None)
        if isinstance(state, str) and (state in _SQLSTATE or state.startswith("08")):
            return _SQLSTATE.get(state, "unreachable")
        return _words(str(error.orig))
    if isinstance(error, OSError) and error.errno in _ERRNO:
        return _ERRNO[error.errno]
    if type(error).__module__ in ("sqlite3", "psycopg", "psycopg.errors"):
        return _words(str(error))
    return None


def _words(message: str) -> FailureKind | None:
    lowered = message.lower()
    return next((kind for words, kind in _WORDS if words in lowered), None)
