"""The profile form keeps a medicine's schedule and amounts: a weekly pill stays weekly.

The profile contract (``mgcalm.profile/1``) lets a medicine say ``days``, ``every`` and
``as_needed``, and a magnesium-containing one its ``amount_mg``; a supplement has its
``amount_mg``. Saving the profile page unchanged must keep every one of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from mgcalm.domain.profile_parse import parse_profile_toml
from mgcalm.web import deps

PROFILE = """
[person]
age = 58
sex = "female"

[day]
wake = "06:30"
breakfast = "07:30"
lunch = "12:30"
dinner = "18:30"
bedtime = "22:30"

[goals]
focus = ["sleep"]

[[medications]]
name = "alendronate"
times = ["06:30"]
days = ["mon"]
every = "week"

[[medications]]
name = "Maalox"
as_needed = true
amount_mg = 200

[[medications]]
name = "risedronate"
times = ["06:30"]
every = "month"

[[supplements]]
name = "calcium carbonate"
amount_mg = 500
times = ["13:00"]
"""


def _person(client: TestClient) -> Any:
    profile, problems = parse_profile_toml(PROFILE)
    assert profile is not None, problems
    services = deps.app_of(client.app)  # type: ignore[arg-type]
    services.create_person(profile, person_id="p1", display_name="Ann")
    return services, profile


def _form(values: dict[str, Any], token: str) -> list[tuple[str, str]]:
    """The values as a browser sends them: one pair per ticked box."""
    pairs = [("csrf_token", token)]
    for name, value in values.items():
        for one in value if isinstance(value, list) else [value]:
            pairs.append((name, str(one)))
    return pairs


def test_saving_the_form_unchanged_keeps_schedules_and_amounts(
    client: TestClient, token: Callable[[str], str]
) -> None:
    services, profile = _person(client)
    html = client.get("/profile").text
    assert re.search(r'name="medications\[0\]\.days" value="mon" checked', html)
    assert re.search(r'<option value="week" selected>Once a week</option>', html)
    assert re.search(r'name="medications\[1\]\.as_needed" checked', html)
    assert 'name="medications[1].amount_mg" value="200"' in html
    assert 'name="supplements[0].amount_mg" value="500"' in html

    values = client.get("/api/profile").json()
    page = client.post("/profile", content=_encode(_form(values, token("/profile"))), headers=FORM)
    assert page.status_code == 200 and 'id="changes"' in page.text, page.text[:2000]
    saved = services.profile("p1")
    assert saved.medications == profile.medications
    assert saved.supplements == profile.supplements
    weekly, antacid, monthly = saved.medications
    assert (weekly.days, weekly.every, weekly.daily) == (("mon",), "week", False)
    assert (antacid.as_needed, antacid.amount_mg, antacid.times) == (True, 200, ())
    assert monthly.every == "month"

    # The JSON twin round-trips as well.
    assert client.put("/api/profile", json=values).status_code == 200
    assert services.profile("p1").medications == profile.medications


def test_a_schedule_can_be_set_on_the_form(client: TestClient, token: Callable[[str], str]) -> None:
    services, _ = _person(client)
    values = client.get("/api/profile").json()
    values |= {
        "medications[3].name": "ibandronic acid",
        "medications[3].times": "06:30",
        "medications[3].every": "month",
        "medications[4].name": "Gaviscon",
        "medications[4].as_needed": "on",
        "medications[5].name": "methotrexate",
        "medications[5].times": "08:00",
        "medications[5].days": ["fri"],
    }
    page = client.post("/profile", content=_encode(_form(values, token("/profile"))), headers=FORM)
    assert page.status_code == 200, page.text[:2000]
    meds = {m.name: m for m in services.profile("p1").medications}
    assert meds["ibandronic acid"].every == "month"
    assert meds["Gaviscon"].as_needed and meds["Gaviscon"].times == ()
    assert meds["methotrexate"].days == ("fri",)


def test_wrong_schedule_values_name_the_field_and_what_is_accepted(
    client: TestClient, token: Callable[[str], str]
) -> None:
    services, profile = _person(client)
    values = client.get("/api/profile").json()
    values |= {
        "medications[0].every": "fortnight",
        "medications[0].days": ["monday"],
        "medications[1].amount_mg": "lots",
        "medications[2].as_needed": "maybe",
    }
    page = client.post("/profile", content=_encode(_form(values, token("/profile"))), headers=FORM)
    assert page.status_code == 422
    listed = re.findall(r"<li><strong>([^<]*)</strong>: ([^<]*)</li>", page.text)
    words = dict(listed)
    assert "day, week, month" in words["Medicine 1, how often"]
    assert "mon, tue, wed, thu, fri, sat, sun" in words["Medicine 1, days of the week"]
    assert "number" in words["Medicine 2, amount"]
    assert "true, false" in words["Medicine 3, only when needed"]
    # Beside the field too, and nothing was saved.
    assert 'id="medications[0]-every-error"' in page.text
    assert services.profile("p1").medications == profile.medications


FORM = {"content-type": "application/x-www-form-urlencoded"}


def _encode(pairs: list[tuple[str, str]]) -> bytes:
    from urllib.parse import urlencode

    return urlencode(pairs).encode()
