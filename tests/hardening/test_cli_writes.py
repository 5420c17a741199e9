"""Every CLI command that writes, on a read-only data folder and on a full disk.

The commands come from the Typer app itself: each is listed below as writing (with arguments
that make it write) or as only reading, and a test fails when a command is added without
being listed. Each writing command must then stop with words (what happened, what to do), a
non-zero exit code (1 for a storage failure, :mod:`mgcalm.app.failures`), no traceback, and
nothing half-written: the database holds exactly what it held before, and no output file is
left behind. The data folder is a small tmpfs of the test's own (mounting needs root, as the
suite runs here and in CI; elsewhere these tests are skipped, saying why). The commands run
in this process through ``mgcalm.cli.main.run``, the console script's own entry point.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import typer

from .test_failures import PROFILE, _fill, mounted  # noqa: F401  (``mounted`` is a fixture)

EXAMPLES = Path(__file__).parents[2] / "examples"
WEARABLE = Path(__file__).parents[1] / "wearables" / "exports" / "oura_trends.csv"
SECOND = ("--person", "second")  # the person with a blinded trial
#: Commands that write, with arguments that make them write ({out}: a folder on the same disk).
#: ``--person me`` is added to each command that takes it (the set-up stores two people).
WRITES: dict[str, tuple[str, ...]] = {
    "init": ("init", "--profile", str(PROFILE), "--person-id", "third"),
    "assess": ("assess", "gad7"),
    "delete-entry": ("delete-entry", "c1", "--reason", "typo"),
    "import": ("import", "{out}/other.db"),
    "backup": ("backup", "{out}/again.db"),
    "delete-all": ("delete-all", "--yes"),
    "safety-plan": ("safety-plan", "--set", "warning_signs=Not sleeping"),
    "report": ("report", "--pdf", "{out}/report.pdf", "--person", "me"),
    "pair": ("pair",),
    "log dose": ("log", "dose", "--form", "glycinate", "--mg", "100", "--taken", "08:00"),
    "log food": ("log", "food", "--food", "sr28:11457", "--grams", "30"),
    "log checkin": ("log", "checkin", "--anxiety", "5"),
    "log sleep": (
        *("log", "sleep", "--into-bed", "22:30", "--tried", "22:45", "--final-wake", "06:30"),
        *("--out-of-bed", "06:45", "--latency", "15", "--awakenings", "1", "--waso", "10"),
        *("--quality", "3"),
    ),
    "log side-effect": ("log", "side-effect", "--nausea", "1"),
    "log practice": ("log", "practice", "--kind", "breathwork", "--minutes", "5"),
    "log therapy": ("log", "therapy", "--kind", "cbt", "--minutes", "50"),
    "log medication": ("log", "medication", "--name", "sertraline", "--change", "started"),
    "trial start": ("trial", "start", "maintenance"),
    "trial outcome": ("trial", "outcome", "sleep_quality", "--reason", "sleep matters most"),
    "trial step-up": ("trial", "step-up"),
    "trial resume": ("trial", "resume", "--by", "Dr Patel", "--reason", "ECG normal"),
    "trial register": ("trial", "register", "--outcome", "anxiety", "--person", "fresh"),
    "trial guess": ("trial", "guess", "magnesium", "--period", "1", "--person", "second"),
    "trial unblind": (
        "trial",
        "unblind",
        "--early",
        "--reason",
        "side effects",
        "--person",
        "second",
    ),
    "trial helper-sheet": (
        "trial",
        "helper-sheet",
        "--pdf",
        "{out}/sheet.pdf",
        "--person",
        "second",
    ),
    "export ics": ("export", "ics", "{out}/doses.ics"),
    "export fhir": ("export", "fhir", "{out}/fhir.json"),
    "export csv": ("export", "csv", "{out}/csv"),
    "export import-csv": ("export", "import-csv", "{out}/ratings.csv"),
    "export feed": ("export", "feed"),
    "wearables import": ("wearables", "import", str(WEARABLE)),
    "wearables devices": ("wearables", "devices", "watch"),
    "demo seed": ("demo", "seed", "--weeks", "1"),
    "clinic create-account": ("clinic", "create-account", "sam", "--password-stdin"),
    "clinic create-admin": ("clinic", "create-admin", "boss", "--password-stdin"),
    "clinic seed-benchmark": ("clinic", "seed-benchmark", "--people", "2", "--password-stdin"),
}
#: Commands that only read (or only print); ``serve`` is tried through the web in test_failures.
READS = frozenset(
    {
        *("plan", "label", "score", "support", "intake", "today", "history", "evaluate"),
        *("design", "serve", "version", "trial show", "trial status", "export read-csv"),
        "trial next",  # prints the next steps
        "clinic migrate",  # with the schema current (as here) there is nothing to write
        *(f"kb {c}" for c in ("check", "forms", "intakes", "medicines", "conditions")),
        *(f"kb {c}" for c in ("conutrients", "claims", "references")),
        *(f"foods {c}" for c in ("search", "top", "show", "article", "groups")),
    }
)
#: What the commands that read stdin are given (answers, passwords).
STDIN = {
    "assess": "1\n" * 8,
    "clinic create-account": "a long enough password 1\n",
    "clinic create-admin": "a long enough password 1\n",
    "clinic seed-benchmark": "a long enough password 1\n",
}


def _commands() -> set[str]:
    """Every leaf command of the ``mgcalm`` Typer app, as words ("log checkin")."""
    from mgcalm.cli.main import app

    found: set[str] = set()

    def walk(command: Any, path: list[str], ctx: Any) -> None:
        if hasattr(command, "list_commands"):  # a group (Typer carries its own click)
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                assert sub is not None
                walk(sub, [*path, name], type(ctx)(sub, parent=ctx))
        else:
            found.add(" ".join(path))

    root = typer.main.get_command(app)
    walk(root, [], root.context_class(root))
    return found


def test_every_command_is_listed_as_writing_or_reading() -> None:
    assert not set(WRITES) & READS
    assert _commands() == set(WRITES) | READS, "list each new command in WRITES or READS"


def run_cli(args: list[str], stdin: str, capsys: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Run ``mgcalm ARGS`` in-process as the console script does; (exit code, stdout, stderr)."""
    from mgcalm.cli import main

    capsys.readouterr()
    monkeypatch.setattr(sys, "argv", ["mgcalm", *args])
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    try:
        main.run()
        code = 0
    except SystemExit as stopped:
        code = stopped.code if isinstance(stopped.code, int) else 1
    out = capsys.readouterr()
    return code, out.out, out.err


def _snapshot(database: Path) -> str:
    """A digest of every row of every table (read without writing anything)."""
    uri = f"file:{database}?mode=ro"
    connection = sqlite3.connect(uri, uri=True)
    try:
        digest = hashlib.sha256()
        tables = [
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        for table in sorted(tables):
            for row in sorted(map(repr, connection.execute(f'SELECT * FROM "{table}"'))):
                digest.update(f"{table}:{row}\n".encode())
        return digest.hexdigest()
    finally:
        connection.close()


def _settle(database: Path) -> None:
    """Checkpoint the WAL into the database; closing the last connection removes the WAL."""
    connection = sqlite3.connect(database)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    assert not database.with_name(database.name + "-wal").exists()


@pytest.fixture
def ready(
    mounted: Path,  # noqa: F811  (the fixture imported above)
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
) -> Iterator[tuple[Path, Path]]:
    """A data folder with a person, a check-in and files to import, on the small disk."""
    data_dir, out = mounted / "mgcalm", mounted / "out"
    out.mkdir()
    monkeypatch.setenv("MGCALM_DATA_DIR", str(data_dir))
    monkeypatch.delenv("MGCALM_DATABASE_URL", raising=False)
    monkeypatch.delenv("MGCALM_DEBUG", raising=False)
    today = date.today()
    other = data_dir.parent / "other"
    for args in (
        ["init", "--profile", str(PROFILE), "--person-id", "me"],
        ["init", "--profile", str(PROFILE), "--person-id", "second"],
        ["init", "--profile", str(PROFILE), "--person-id", "fresh"],
        ["log", "checkin", "--anxiety", "4", "--id", "c1", "--person", "me"],
        # Loose stools two days running on magnesium: the plan steps down (step-up can write).
        ["trial", "start", "titration", "--person", "me", "--start", str(today - timedelta(3))],
        *(
            ["log", "side-effect", "--bristol", "7", "--day", str(day), "--person", "me"]
            for day in (today - timedelta(1), today)
        ),
        # A red flag: magnesium stops (resume can write).
        ["log", "side-effect", "--symptom", "slow_heartbeat", "--person", "me"],
        # A blinded trial (guess, unblind and the helper's sheet can write), for someone who
        # already took the planned dose for a week, so period 1 starts today (no run-in).
        *(_dose_args(today - timedelta(10 + i), i) for i in range(7)),
        [
            *("trial", "register", "--outcome", "anxiety", "--randomised", "--blinded"),
            *("--pairs", "2", "--period-days", "28", "--baseline-days", "0"),
            *("--person", "second"),
        ],
    ):
        code, _, err = run_cli(args, "", capsys, monkeypatch)
        assert code == 0, (args, err)
    # Another person's backup to import.
    monkeypatch.setenv("MGCALM_DATA_DIR", str(other))
    for args in (
        ["init", "--profile", str(PROFILE), "--person-id", "elsewhere"],
        ["backup", str(out / "other.db")],
    ):
        code, _, err = run_cli(args, "", capsys, monkeypatch)
        assert code == 0, (args, err)
    shutil.rmtree(other)
    monkeypatch.setenv("MGCALM_DATA_DIR", str(data_dir))
    (out / "ratings.csv").write_text(
        f"date,measure,value,unit,phase\n{today - timedelta(5)},anxiety,4,0-10,baseline\n"
    )
    yield data_dir, out


def _args(name: str, out: Path) -> list[str]:
    args = [a.replace("{out}", str(out)) for a in WRITES[name]]
    return args if "--person" in args or not _takes_person(name) else [*args, "--person", "me"]


def _takes_person(name: str) -> bool:
    from mgcalm.cli.main import app

    command: Any = typer.main.get_command(app)
    for word in name.split():
        command = command.get_command(command.context_class(command), word)
    return any(p.name == "person" for p in command.params)


def _all_told(told: dict[str, tuple[int, str, str]], words: str) -> None:
    """Every command stopped with ``words``, exit code 1 and no traceback (all listed at once)."""
    wrong = {
        name: (code, err.strip().splitlines()[-3:] or out.strip().splitlines()[-3:])
        for name, (code, out, err) in told.items()
        if code != 1 or "Traceback" in out + err or words not in err
    }
    assert wrong == {}, "\n".join(f"{name}: {what}" for name, what in wrong.items())


def _dose_args(day: date, i: int) -> list[str]:
    """``mgcalm log dose`` for the second person: 350 mg taken on ``day``."""
    return [
        *("log", "dose", "--id", f"d{i}", "--form", "glycinate", "--mg", "350"),
        *("--taken", "08:00", "--day", str(day), "--person", "second"),
    ]


def test_every_writing_command_on_a_read_only_folder(
    ready: tuple[Path, Path], capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir, out = ready
    before = _snapshot(data_dir / "mgcalm.db")
    files = sorted(p.relative_to(out) for p in out.rglob("*"))
    subprocess.run(["mount", "-o", "remount,ro", str(data_dir.parent)], check=True)
    try:
        told = {
            name: run_cli(_args(name, out), STDIN.get(name, ""), capsys, monkeypatch)
            for name in WRITES
        }
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(data_dir.parent)], check=True)
    _all_told(told, "cannot write")
    assert _snapshot(data_dir / "mgcalm.db") == before
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == files


def test_every_writing_command_on_a_full_disk(
    ready: tuple[Path, Path], capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir, out = ready
    before = _snapshot(data_dir / "mgcalm.db")
    files = sorted(p.relative_to(out) for p in out.rglob("*"))
    filler = data_dir.parent / "filler"
    told, changed = {}, []
    for name in WRITES:
        _settle(data_dir / "mgcalm.db")  # no WAL left whose deletion would free some space
        _fill(data_dir.parent)
        try:
            told[name] = run_cli(_args(name, out), STDIN.get(name, ""), capsys, monkeypatch)
        finally:
            filler.unlink()
        if _snapshot(data_dir / "mgcalm.db") != before:
            changed.append(name)
        if sorted(p.relative_to(out) for p in out.rglob("*")) != files:
            changed.append(f"{name} (files)")
    _all_told(told, "The disk is full.")
    assert changed == []


#: Commands that write files of their own (their data read from a disk with room).
READ_FROM_OUT = ("import", "export import-csv")
FILE_WRITES = tuple(
    n for n, a in WRITES.items() if n not in READ_FROM_OUT and "{out}" in " ".join(a)
)


def test_files_written_to_a_full_disk_are_whole_or_absent(
    ready: tuple[Path, Path], tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir, out = ready
    _settle(data_dir / "mgcalm.db")
    roomy = tmp_path / "roomy"
    shutil.copytree(data_dir, roomy)
    monkeypatch.setenv("MGCALM_DATA_DIR", str(roomy))
    files = sorted(p.relative_to(out) for p in out.rglob("*"))
    filler = data_dir.parent / "filler"
    told, left = {}, {}
    for name in FILE_WRITES:
        _fill(data_dir.parent)
        try:
            told[name] = run_cli(_args(name, out), STDIN.get(name, ""), capsys, monkeypatch)
        finally:
            filler.unlink()
        now = sorted(p.relative_to(out) for p in out.rglob("*"))
        if now != files:
            left[name] = [str(p) for p in now if p not in files]
    _all_told(told, "The disk is full.")
    assert left == {}
