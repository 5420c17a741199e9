"""The package's knowledge base, kept already validated in one file that opens in milliseconds.

Reading the TOML, CSV and name files and validating about a thousand records takes most of a
quick command's start-up (``mgcalm plan``), and every process paid it. ``scripts/
build_knowledge.py`` runs the full load once and writes ``data/knowledge.pickle``: a first line
holding a fingerprint of everything the load depends on (the data files and the knowledge
package's code), then the loaded knowledge base. ``read`` returns the knowledge base only when the
fingerprint still matches, so an edited data file or record type is never shadowed by an old
snapshot: the loader validates the files as before, and a test says the snapshot needs
rebuilding.

The file is part of the package and trusted as its code is (pickle runs what it names).
"""

from __future__ import annotations

import os
import pickle
import unicodedata
import zlib
from pathlib import Path

from mgcalm.knowledge.base import KnowledgeBase

SNAPSHOT_NAME = "knowledge.pickle"
# The data files the load reads; the food catalogue has its own prebuilt database.
DATA_SUFFIXES = (".toml", ".csv", ".tsv")
CODE_DIR = Path(__file__).parent


def fingerprint(data_dir: Path) -> str:
    """What every input of the load holds: data files, the knowledge code, Unicode's version.

    Each file is named with its size and CRC-32: enough to notice any edit (this guards against
    mistakes, not tampering; the snapshot is trusted as the code is), and cheaper to load than a
    cryptographic hash. Medicine names are folded with ``unicodedata``, whose tables change
    between Python releases.
    """
    data = sorted(p for p in data_dir.iterdir() if p.suffix in DATA_SUFFIXES)
    code = sorted(CODE_DIR.glob("*.py"))
    parts = [f"unicode {unicodedata.unidata_version}"]
    for path in (*data, *code):
        content = path.read_bytes()
        parts.append(f"{path.parent.name}/{path.name} {len(content)} {zlib.crc32(content):08x}")
    return "; ".join(parts)


def read(data_dir: Path) -> KnowledgeBase | None:
    """The snapshot beside ``data_dir``'s files, or ``None`` if missing, stale or unreadable."""
    try:
        with (data_dir / SNAPSHOT_NAME).open("rb") as handle:
            header = handle.readline().strip()
            if header != fingerprint(data_dir).encode():
                return None
            kb = pickle.load(handle)  # KnowledgeBase pickles its read-only mappings itself
        return kb if isinstance(kb, KnowledgeBase) else None
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError):
        return None  # a damaged or foreign file: validate the data files instead


def write(data_dir: Path, kb: KnowledgeBase) -> Path:
    """Write the snapshot of ``kb`` (loaded from ``data_dir``) atomically; returns its path."""
    path = data_dir / SNAPSHOT_NAME
    partial = path.with_suffix(".partial")
    with partial.open("wb") as handle:
        handle.write(fingerprint(data_dir).encode() + b"\n")
        pickle.dump(kb, handle, protocol=pickle.HIGHEST_PROTOCOL)
        handle.flush()
        os.fsync(handle.fileno())
    partial.replace(path)
    return path
