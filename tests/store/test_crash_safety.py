"""Crash safety: every entry a killed writer acknowledged is there, and the file is intact."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from mgcalm.store import open_store

WRITER = Path(__file__).with_name("crash_writer.py")
ROUNDS = 220


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_sigkilled_writers_lose_no_acknowledged_entry(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'crash.db'}"
    done = subprocess.run(
        [sys.executable, str(WRITER), url, str(ROUNDS), "20261126"],
        capture_output=True, text=True, timeout=540, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    acknowledged = {i for group in report["groups"] for i in group}
    assert report["rounds"] >= 200
    assert len(acknowledged) >= ROUNDS  # each writer committed before it was killed

    store = open_store(url)
    try:
        with store.read() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            stored = {row[0] for row in conn.execute(sa.text("SELECT id FROM entries"))}
    finally:
        store.close()
    assert acknowledged <= stored
    # A batch is all or nothing, acknowledged or not: count each batch's rows by its prefix.
    prefixes = {i.rsplit("-", 1)[0] for i in stored if i.count("-") == 2}
    for prefix in prefixes:
        assert {f"{prefix}-{k}" for k in range(5)} <= stored, prefix
