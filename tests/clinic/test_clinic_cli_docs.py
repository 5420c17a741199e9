"""`mgcalm clinic …` commands, and docs/deployment.md keeping up with commands and settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mgcalm.app import Settings, open_app
from mgcalm.app.clinic import service as clinic
from mgcalm.app.clinic.settings import ClinicSettings
from mgcalm.cli.clinic_cmds import clinic_app
from mgcalm.cli.main import app

DEPLOYMENT = Path(__file__).parents[2] / "docs" / "deployment.md"


@pytest.fixture
def cli_env(database_url: str, mgcalm_data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("MGCALM_DATABASE_URL", database_url)
    monkeypatch.setenv("MGCALM_CLINIC_MODE", "true")
    monkeypatch.setenv("MGCALM_ARGON2_MEMORY_KIB", "8192")
    return database_url


def run(*args: str, input: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), input=input)
    return result.exit_code, result.output


def test_create_admin_then_log_in(cli_env: str, mgcalm_data_dir: Path) -> None:
    code, out = run(
        "clinic", "create-admin", "root", "--password-stdin", input="a long passphrase\n"
    )
    assert code == 0, out
    mg = open_app(Settings(data_dir=mgcalm_data_dir, database_url=cli_env, clinic_mode=True))
    try:
        login = clinic.log_in(mg, "root", "a long passphrase", "127.0.0.1", None)
        assert login.account.role == "admin"
    finally:
        mg.close()


def test_bad_input_names_the_field_without_a_traceback(cli_env: str) -> None:
    code, out = run("clinic", "create-account", "Bad Name!", "--password-stdin", input="short\n")
    assert code != 0
    assert "username" in out and "password" in out and "Traceback" not in out
    code, out = run(
        "clinic",
        "create-account",
        "sam",
        "--role",
        "boss",
        "--password-stdin",
        input="a long passphrase\n",
    )
    assert code != 0 and "role" in out and "person, clinician, admin" in out


def test_migrate_reports_the_schema_revision(cli_env: str) -> None:
    code, out = run("clinic", "migrate")
    assert code == 0 and "revision" in out, out


def test_seed_benchmark_prints_what_it_loaded(cli_env: str) -> None:
    code, out = run(
        "clinic",
        "seed-benchmark",
        "--people",
        "3",
        "--days",
        "20",
        "--password-stdin",
        "--json",
        input="benchmark passphrase\n",
    )
    assert code == 0, out
    summary = json.loads(out)
    assert summary["people"] == 3 and summary["entries"] > 60


def test_deployment_guide_names_every_clinic_command_and_setting() -> None:
    text = DEPLOYMENT.read_text(encoding="utf-8")
    for command in clinic_app.registered_commands:
        assert f"mgcalm clinic {command.name}" in text, command.name
    for name in ClinicSettings.model_fields:
        assert f"MGCALM_{name.upper()}" in text, name
    for name in ("MGCALM_CLINIC_MODE", "MGCALM_DATABASE_URL", "pg_dump", "pg_restore"):
        assert name in text
