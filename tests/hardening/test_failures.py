"""Failures a person can meet are told in words, exit non-zero and never show a traceback:
a full disk (a small tmpfs), a read-only data folder (a tmpfs remounted read-only), a damaged
database file, deep nesting and oversized values, through the CLI and the web. Mounting needs
root (as the suite runs here and in CI); elsewhere those tests are skipped, saying why.
"""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

PROFILE = Path(__file__).parents[1] / "app" / "profile_minimal.toml"


def mgcalm(data_dir: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """Run the real ``mgcalm`` command with its data in ``data_dir``."""
    env = {**os.environ, "MGCALM_DATA_DIR": str(data_dir)}
    env.pop("MGCALM_DATABASE_URL", None)
    env.pop("MGCALM_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "mgcalm", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def calm(result: subprocess.CompletedProcess[str], *words: str) -> None:
    """Non-zero, no traceback, and the words that say what happened."""
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


@pytest.fixture
def mounted(tmp_path: Path) -> Iterator[Path]:
    """A 2 MiB tmpfs of our own (unmounted afterwards)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root")
    point = tmp_path / "disk"
    point.mkdir()
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(point)], check=True
    )
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)


def _set_up(data_dir: Path) -> None:
    done = mgcalm(data_dir, "init", "--profile", str(PROFILE))
    assert done.returncode == 0, done.stderr
    assert mgcalm(data_dir, "log", "checkin", "--anxiety", "4").returncode == 0


def _fill(point: Path) -> None:
    """Write until the disk refuses even one more byte."""
    fd = os.open(point / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (65536, 4096, 512, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError:
                continue
    finally:
        os.close(fd)


def _web(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    from mgcalm.web.app import create_app

    monkeypatch.setenv("MGCALM_DATA_DIR", str(data_dir))
    return TestClient(create_app(), raise_server_exceptions=False, base_url="http://localhost")


def _web_is_calm(client: TestClient, words: str) -> None:
    with client:
        api = client.post("/api/entries/checkin", json={"anxiety": 3, "note": "x" * 1500})
        assert api.status_code == 503, api.text
        assert words in api.json()["error"]
        page = client.post(
            "/log/checkin", data={"anxiety": "3"}, headers={"origin": "http://localhost"}
        )
        assert page.status_code in (403, 503)  # a form needs its CSRF token first
        today = client.get("/")
        assert today.status_code in (200, 503)
        if today.status_code == 503:
            assert words in today.text and "Traceback" not in today.text
            assert 'href="/support"' in today.text


def test_a_full_disk_is_told_calmly(mounted: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir = mounted / "mgcalm"
    _set_up(data_dir)
    _fill(mounted)
    for _ in range(3):  # the WAL may still have room for a small entry or two
        result = mgcalm(data_dir, "log", "checkin", "--anxiety", "5", "--note", "y" * 1900)
        if result.returncode != 0:
            break
    calm(result, "The disk is full.", "Free some space")
    assert result.returncode == 1
    _web_is_calm(_web(data_dir, monkeypatch), "The disk is full.")


READ_ONLY_COMMANDS = (
    ("log", "checkin", "--anxiety", "5"),
    ("log", "dose", "--form", "glycinate", "--mg", "100", "--taken", "08:00"),
    ("delete-all", "--yes"),
    ("trial", "next-phase"),
    ("backup", "{out}/backup.db"),
)


def test_a_read_only_data_folder_is_told_calmly(
    mounted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = mounted / "mgcalm"
    _set_up(data_dir)
    subprocess.run(["mount", "-o", "remount,ro", str(mounted)], check=True)
    for command in READ_ONLY_COMMANDS:
        args = [a.replace("{out}", str(mounted)) for a in command]
        result = mgcalm(data_dir, *args)
        assert "Traceback" not in result.stderr, (command, result.stderr)
        if command[0] in ("log", "delete-all", "backup"):
            calm(result, "cannot write")
    for command in (
        ("today",),
        ("history", "--json"),
        ("export", "--json", str(tmp_path / "e.json")),
    ):
        result = mgcalm(data_dir, *command)
        assert "Traceback" not in result.stderr, (command, result.stderr)
        assert result.returncode == 0 or "cannot write" in result.stderr, result.stderr
    _web_is_calm(_web(data_dir, monkeypatch), "cannot write")


def test_a_damaged_database_file_is_told_calmly(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "mgcalm.db").write_bytes(b"this is not a database " * 200)
    calm(mgcalm(data_dir, "today"), "damaged", "mgcalm import BACKUP")


def test_deep_nesting_and_huge_values_are_input_problems(tmp_path: Path) -> None:
    deep = tmp_path / "deep.toml"
    deep.write_text("[person]\nage = " + "[" * 5000 + "]" * 5000 + "\n")
    calm(mgcalm(tmp_path, "plan", str(deep)), "nested too deeply")
    assert mgcalm(tmp_path, "plan", str(deep)).returncode == 2
    series = tmp_path / "series.csv"
    rows = [f"2026-01-{d:02d},baseline,1e200" for d in range(1, 15)]
    rows += [f"2026-01-{d:02d},magnesium,-1e200" for d in range(15, 29)]
    series.write_text("date,phase,value\n" + "\n".join(rows) + "\n")
    result = mgcalm(tmp_path, "evaluate", str(series))
    calm(result, "column value")
    assert result.returncode == 2
    cell = tmp_path / "cell.csv"
    cell.write_text("date,phase,value\n2026-01-01,baseline," + "x" * 140_000 + "\n")
    for command in (("evaluate", str(cell)), ("export", "import-csv", str(cell))):
        result = mgcalm(tmp_path, *command)
        calm(result)
        assert result.returncode == 2, (command, result.stderr)
    nested = tmp_path / "nested.json"
    nested.write_text("[" * 100_000 + "]" * 100_000)
    calm(mgcalm(tmp_path, "import", str(nested)))


def test_an_unexpected_error_is_one_calm_line(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    from mgcalm.cli import main

    def broken() -> None:
        raise KeyError("a bug")

    monkeypatch.setattr(main, "app", broken)
    monkeypatch.delenv("MGCALM_DEBUG", raising=False)
    with pytest.raises(SystemExit) as stopped:
        main.run()
    assert stopped.value.code == 1
    err = capsys.readouterr().err
    assert "unexpected error (KeyError)" in err and "Traceback" not in err


def test_threads_creating_a_new_database_at_once_all_succeed(tmp_path: Path) -> None:
    import threading

    from mgcalm.store import open_store

    failures: list[str] = []
    for round_ in range(5):
        path = tmp_path / f"round{round_}" / "mgcalm.db"
        barrier = threading.Barrier(8)

        def create(path: Path = path, barrier: threading.Barrier = barrier) -> None:
            barrier.wait(timeout=60)
            try:
                open_store(f"sqlite:///{path}").close()
            except Exception as error:  # collected: the assertion below names it
                failures.append(repr(error))

        threads = [threading.Thread(target=create) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    assert failures == []


def test_a_locked_new_database_is_tried_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    from mgcalm.store import database

    calls: list[int] = []
    real = database.upgrade

    def locked_twice(engine: Any) -> None:
        calls.append(1)
        if len(calls) <= 2:
            raise OperationalError("PRAGMA journal_mode=WAL", {}, Exception("database is locked"))
        real(engine)

    monkeypatch.setattr(database, "upgrade", locked_twice)
    database.open_store(f"sqlite:///{tmp_path / 'new.db'}").close()
    assert len(calls) == 3
