"""The scripts a newcomer runs: what they read is documented, and `run` stays runtime-only."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SCRIPTS = [p for p in (ROOT / "scripts").iterdir() if p.is_file() and p.suffix == ""]


def _variables_read(text: str) -> set[str]:
    """Environment variables a shell script reads (``$NAME`` or ``${NAME…}``)."""
    return set(re.findall(r"\$\{?([A-Z][A-Z0-9_]*)", text))


def _variables_read_by_tests() -> set[str]:
    text = (ROOT / "tests" / "conftest.py").read_text(encoding="utf-8")
    return set(re.findall(r"environ\.get\(\s*\"([A-Z][A-Z0-9_]*)\"", text))


def test_every_variable_the_scripts_and_tests_read_is_in_the_readme() -> None:
    read = set().union(*(_variables_read(p.read_text(encoding="utf-8")) for p in SCRIPTS))
    read |= _variables_read_by_tests()
    assert {"PYTHON", "MGCALM_SKIP_POSTGRES", "MGCALM_TEST_POSTGRES_URL"} <= read
    missing = sorted(name for name in read if f"`{name}`" not in README)
    assert missing == [], f"undocumented in the README: {missing}"


def test_run_installs_the_runtime_only_and_test_the_rest() -> None:
    run = (ROOT / "scripts" / "run").read_text(encoding="utf-8")
    test = (ROOT / "scripts" / "test").read_text(encoding="utf-8")
    assert "scripts/bootstrap runtime" in run and "[dev]" not in run
    assert "scripts/bootstrap dev" in test and "scripts/services" in test
