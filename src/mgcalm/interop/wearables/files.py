"""The files of an export, whether it is one file, a folder or a zip (even a zip in a zip).

Exports arrive as the person downloaded them: Apple Health's ``export.zip``, a Google Takeout
zip, Oura's CSV or JSON, a folder of Garmin ``.fit`` files. Each is read member by member as a
stream, so a file of several gigabytes is never held in memory.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO, Protocol

from mgcalm.domain import InvalidInputError, Problem

#: What every error about an unreadable export says is accepted.
ACCEPTED = (
    "Apple Health's export.zip or export.xml, a Google Takeout Fitbit export (zip or folder), "
    "an Oura export (CSV or JSON), or Garmin .fit files (one, a folder or a zip)"
)
#: Errors a damaged or cut-off zip raises while it is read.
READ_ERRORS: tuple[type[Exception], ...] = (zipfile.BadZipFile, EOFError, zlib.error, OSError)


class ExportFiles(Protocol):
    """Named members of an export, each opened as a binary stream."""

    label: str

    def names(self) -> list[str]: ...

    def open(self, name: str) -> IO[bytes]: ...

    def size(self, name: str) -> int: ...


def basename(name: str) -> str:
    """The last part of a member's name (zip members always use '/')."""
    return PurePosixPath(name).name


class ZipFiles:
    """The members of a zip archive (directories left out)."""

    def __init__(self, archive: zipfile.ZipFile, label: str) -> None:
        self.archive = archive
        self.label = label

    def names(self) -> list[str]:
        return [i.filename for i in self.archive.infolist() if not i.is_dir()]

    def open(self, name: str) -> IO[bytes]:
        return self.archive.open(name)

    def size(self, name: str) -> int:
        return self.archive.getinfo(name).file_size


class FolderFiles:
    """Every file under a folder, named by its path relative to the folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.label = str(root)

    def names(self) -> list[str]:
        return sorted(
            p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_file()
        )

    def open(self, name: str) -> IO[bytes]:
        return (self.root / name).open("rb")

    def size(self, name: str) -> int:
        return (self.root / name).stat().st_size


class OneFile:
    """A single file given directly."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.label = str(path)

    def names(self) -> list[str]:
        return [self.path.name]

    def open(self, name: str) -> IO[bytes]:
        return self.path.open("rb")

    def size(self, name: str) -> int:
        return self.path.stat().st_size


def unreadable(label: str, why: str, accepted: str = ACCEPTED) -> InvalidInputError:
    """The error for an export that cannot be read."""
    return InvalidInputError([Problem(label, why, accepted)])


@contextmanager
def open_export(path: Path) -> Iterator[ExportFiles]:
    """The export at ``path`` as files; a missing path or a damaged zip is an input error."""
    if path.is_dir():
        yield FolderFiles(path)
        return
    if not path.is_file():
        raise unreadable(str(path), "no such file or folder")
    if not zipfile.is_zipfile(path):
        if path.suffix.lower() == ".zip":
            raise unreadable(str(path), "is not a complete zip file (was the download cut short?)")
        yield OneFile(path)
        return
    try:
        archive = zipfile.ZipFile(path)
    except READ_ERRORS as error:
        raise unreadable(str(path), f"is not a complete zip file ({error})") from None
    with archive:
        yield ZipFiles(archive, str(path))


@contextmanager
def inner_zip(files: ExportFiles, name: str) -> Iterator[ExportFiles]:
    """A zip stored inside the export (Garmin puts its uploaded .fit files in one)."""
    try:
        with files.open(name) as stream, zipfile.ZipFile(stream) as archive:
            yield ZipFiles(archive, f"{files.label}: {name}")
    except READ_ERRORS as error:
        raise unreadable(
            f"{files.label}: {name}", f"is not a complete zip file ({error})"
        ) from None
