#!/usr/bin/env python3
"""Validate mgcalm's knowledge base from its data files and write its snapshot.

Loads every TOML, CSV and name file under ``src/mgcalm/knowledge/data`` with the full checks
(the same load mgcalm falls back to), and, when there is no problem, writes
``knowledge.pickle`` beside them: the fingerprint of the files and of the knowledge code it
came from, then the loaded knowledge base (see ``mgcalm.knowledge.snapshot``). Run it after
editing a data file or a record type; ``tests/knowledge/test_knowledge_snapshot.py`` fails
until then. ``--check`` writes nothing and exits 1 if the snapshot is missing or stale.

    python scripts/build_knowledge.py [--check]
"""

from __future__ import annotations

import argparse
import sys

from mgcalm.knowledge import snapshot
from mgcalm.knowledge.loader import DATA_DIR, load


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether it is current")
    args = parser.parse_args(argv)
    if args.check:
        current = snapshot.read(DATA_DIR) is not None
        print("the knowledge snapshot is " + ("current" if current else "stale: rebuild it"))
        return 0 if current else 1
    kb, problems = load(DATA_DIR)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print("not written: fix the problems above first", file=sys.stderr)
        return 2
    print(f"wrote {snapshot.write(DATA_DIR, kb)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
