"""A bounded schemathesis run over ``/openapi.json``, in personal and in clinic mode.

Every operation the description lists is called with generated requests, valid and invalid, and
every answer must keep the description's promises: never a server error, only documented status
codes, the documented content types and bodies, invalid requests refused, and a 405 naming every
method the path offers. Derandomised with a small number of examples per operation, so a run
takes the same requests every time and stays well under a minute on a loaded 2-core machine.

Not checked: that every schema-valid request is *accepted*. The domain refuses some values by
rules a JSON schema cannot state (answers that fit the chosen instrument, a dose time that is
in today's plan, a phase that cannot move on today), and those refusals are documented 422s.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance
from tests.hardening.conftest import ONBOARDING

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

EXAMPLES = 6
BASE = "http://localhost"  # a host name every mgcalm server answers for
CHEAP_ARGON2 = {"MGCALM_ARGON2_MEMORY_KIB": "8192", "MGCALM_ARGON2_TIME_COST": "1"}


@pytest.fixture(params=["personal", "clinic"])
def api_schema(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Any]:
    """The app's description, loaded from the running app, with a set-up person logged in."""
    from mgcalm.web.app import create_app

    monkeypatch.setenv("MGCALM_DATA_DIR", str(tmp_path))
    if request.param == "clinic":
        monkeypatch.setenv("MGCALM_CLINIC_MODE", "1")
        for name, value in CHEAP_ARGON2.items():
            monkeypatch.setenv(name, value)
    web = create_app()
    with TestClient(web, raise_server_exceptions=False, base_url="http://localhost") as client:
        headers = _set_up(client, request.param == "clinic")
        # Read through our own client: the server answers only host names it serves.
        schema = schemathesis.openapi.from_dict(client.get("/openapi.json").json())
        schema.app = web
        schema.mgcalm_headers = headers  # type: ignore[attr-defined]
        yield schema


def _set_up(client: TestClient, clinic: bool) -> dict[str, str]:
    """Onboard one person (logging in first in clinic mode); returns the headers to send."""
    headers: dict[str, str] = {}
    if clinic:
        from mgcalm.app.clinic import service
        from mgcalm.web import deps

        service.create_account(deps.app_of(client.app), "sam", "a long passphrase", "person")  # type: ignore[arg-type]
        page = client.get("/login")
        token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        form = {"csrf_token": token, "username": "sam", "password": "a long passphrase"}
        assert client.post("/login", data=form, follow_redirects=False).status_code == 303
        headers["cookie"] = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
    done = client.post("/api/onboarding", json=ONBOARDING, headers=headers)
    assert done.status_code == 201, done.text
    return headers


MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)


def test_the_api_keeps_its_description(api_schema: Any) -> None:
    headers = api_schema.mgcalm_headers
    failures: list[str] = []
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 20
    today = next(op for op in operations if op.label == "GET /api/today")
    assert today.Case().call(base_url=BASE, headers=headers).status_code == 200  # logged in, set up
    for operation in operations:
        for mode in MODES:
            strategy = operation.as_strategy(generation_mode=mode)
            failure = _first_failure(strategy, headers)
            if failure:
                failures.append(f"{operation.label} ({mode.value}): {failure}")
    assert failures == [], "\n\n".join(failures)


def _first_failure(strategy: Any, headers: dict[str, str]) -> str:
    """Run the examples of one operation; the first broken promise, or ""."""

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case: Any) -> None:
        case.call_and_validate(
            base_url=BASE, headers=headers, excluded_checks=[positive_data_acceptance]
        )

    try:
        run()
    except Unsatisfiable:
        return ""  # nothing to make invalid (no parameters, no body): nothing to test
    except Exception as error:  # a broken promise: reported with what schemathesis says
        return str(error)[:3000]
    return ""
