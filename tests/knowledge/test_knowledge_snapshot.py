"""The knowledge snapshot: current, equal to a full load, and never used once its inputs change."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

from mgcalm.knowledge import KnowledgeBase, loader, snapshot, sources

REPO = Path(__file__).parents[2]
STALE = "the knowledge snapshot is stale: run `python scripts/build_knowledge.py`"


def _plain(value: Any) -> Any:
    return dict(value) if isinstance(value, Mapping) else value


def _same(a: KnowledgeBase, b: KnowledgeBase) -> list[str]:
    """The names of the fields that differ (a knowledge base compares by identity)."""
    return [f.name for f in fields(a) if _plain(getattr(a, f.name)) != _plain(getattr(b, f.name))]


def _small_copy(tmp_path: Path) -> Path:
    """The package's data files, without the food catalogue, in a folder of the test's own."""
    copy = tmp_path / "data"
    copy.mkdir()
    for path in loader.DATA_DIR.iterdir():
        if path.suffix in snapshot.DATA_SUFFIXES:
            shutil.copy(path, copy / path.name)
    return copy


def test_the_packaged_snapshot_is_current() -> None:
    assert snapshot.read(loader.DATA_DIR) is not None, STALE


def test_the_snapshot_holds_exactly_what_the_data_files_load_into() -> None:
    from_files, problems = loader.load(loader.DATA_DIR)
    from_snapshot = snapshot.read(loader.DATA_DIR)
    assert problems == ()
    assert from_snapshot is not None, STALE
    assert _same(from_files, from_snapshot) == []
    # and it stays read-only, as the loader makes it
    with pytest.raises(TypeError):
        from_snapshot.forms["new"] = from_snapshot.forms["glycinate"]  # type: ignore[index]


def test_any_change_to_a_data_file_makes_the_snapshot_unusable(tmp_path: Path) -> None:
    data = _small_copy(tmp_path)
    kb, problems = loader.load(data)
    assert problems == ()
    snapshot.write(data, kb)
    assert snapshot.read(data) is not None
    with (data / "safety.toml").open("a", encoding="utf-8") as handle:
        handle.write("\n# a comment is a change too\n")
    assert snapshot.read(data) is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: blob[: len(blob) // 2],  # cut short by a full disk
        lambda blob: b"0" * 64 + blob[64:],  # another fingerprint
        lambda blob: blob.split(b"\n", 1)[0] + b"\nnot a pickle",
        lambda blob: b"",
    ],
)
def test_a_damaged_snapshot_is_ignored(tmp_path: Path, damage: Any) -> None:
    data = _small_copy(tmp_path)
    kb, _ = loader.load(data)
    path = snapshot.write(data, kb)
    path.write_bytes(damage(path.read_bytes()))
    assert snapshot.read(data) is None


def test_the_package_knowledge_base_opens_without_reading_its_data_files(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("read a data file although the snapshot is current")

    loader._load_default.cache_clear()
    monkeypatch.setattr(sources, "read_toml", refuse)
    monkeypatch.setattr(sources, "read_csv", refuse)
    try:
        kb = loader.knowledge_base()
    finally:
        loader._load_default.cache_clear()
    assert kb.find_medicine("levothyroxine") is not None


def test_a_stale_snapshot_falls_back_to_the_data_files(monkeypatch: pytest.MonkeyPatch) -> None:
    loader._load_default.cache_clear()
    monkeypatch.setattr(snapshot, "read", lambda data_dir: None)
    try:
        kb = loader.knowledge_base()
    finally:
        loader._load_default.cache_clear()
    assert kb.find_medicine("levothyroxine") is not None


def test_the_build_script_says_the_snapshot_is_current() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build_knowledge.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
