"""Private files stay private: every export and report is written 0600 whatever the umask,
"Delete everything" removes the app's own backups too and says what it cannot reach, and the
calendar feed address comes from configuration, never from the request's Host header.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
from tests.hardening.conftest import services
from tests.hardening.test_failures import mgcalm

PROFILE = Path(__file__).parents[1] / "app" / "profile_minimal.toml"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_every_export_and_report_file_is_0600(tmp_path: Path) -> None:
    data = tmp_path / "data"
    out = tmp_path / "out"
    old = os.umask(0o022)  # the usual umask, which would make files world-readable
    try:
        assert mgcalm(data, "init", "--profile", str(PROFILE)).returncode == 0
        assert mgcalm(data, "log", "checkin", "--anxiety", "4").returncode == 0
        commands = [
            ("export", "ics", str(out / "reminders.ics")),
            ("export", "fhir", str(out / "record.json")),
            ("export", "csv", str(out / "csv")),
            ("export", "--json", str(out / "everything.json")),
            ("backup", str(out / "backup.db")),
            ("report", "--example", "--html", str(out / "r.html"), "--pdf", str(out / "r.pdf")),
        ]
        for command in commands:
            done = mgcalm(data, *command)
            assert done.returncode == 0, (command, done.stderr)
    finally:
        os.umask(old)
    written = sorted(p for p in out.rglob("*") if p.is_file())
    assert len(written) >= 7, written
    assert {p.name: oct(mode(p)) for p in written} == {p.name: "0o600" for p in written}


def test_delete_everything_removes_the_apps_own_backups(api: Any) -> None:
    made = api.post("/api/backup", json={})
    assert made.status_code == 200, made.text
    backup = Path(made.json()["path"])
    assert backup.exists() and mode(backup) == 0o600
    deleted = api.post("/api/delete", json={"confirm": "DELETE"})
    assert deleted.status_code == 200, deleted.text
    body = deleted.json()
    assert body["deleted_people"] == 1 and body["deleted_backups"] == 1
    assert "elsewhere" in body["not_touched"]
    assert not backup.exists()
    assert list(backup.parent.glob("mgcalm-*")) == []


def test_delete_all_in_the_cli_says_what_it_removed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert mgcalm(data, "init", "--profile", str(PROFILE)).returncode == 0
    from mgcalm.app import Settings, open_app
    from mgcalm.app.views.settings import backup

    mg = open_app(Settings(data_dir=data))
    try:
        path = Path(backup(mg, mg.now())["path"])
    finally:
        mg.close()
    done = mgcalm(data, "delete-all", "--yes")
    assert done.returncode == 0, done.stderr
    assert "1 backup(s)" in done.stdout and "elsewhere" in done.stdout
    assert not path.exists()


@pytest.mark.parametrize("public", ["https://mgcalm.example.org", None])
def test_the_feed_address_comes_from_configuration(
    api: Any, monkeypatch: pytest.MonkeyPatch, public: str | None
) -> None:
    mg = services(api)
    settings = mg.settings.model_copy(update={"public_url": public})
    monkeypatch.setattr(mg, "settings", settings)
    # A host name the server answers for, on a port the client chose: never in the address.
    sent = api.post("/api/calendar/feed", json={}, headers={"host": "localhost:9999"})
    assert sent.status_code == 200, sent.text
    url = sent.json()["url"]
    assert "9999" not in url
    assert url.startswith(public or "http://127.0.0.1:8000")
