"""The clinician's view of one person with a year of data: inline SVG charts, no matplotlib.

The page is opened in a fresh Python process, so ``sys.modules`` there shows exactly what
serving it loaded (this test process may have loaded matplotlib for other tests).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from tests.clinic.conftest import CHEAP_ARGON2

SCRIPT = """
import json, re, sys, warnings
from pathlib import Path

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from mgcalm.app import Settings, open_app
from mgcalm.app.clinic import service as clinic
from mgcalm.app.demo import seed
from mgcalm.web.app import create_app

data_dir = Path(sys.argv[1])
mg = open_app(Settings(data_dir=data_dir, clinic_mode=True))
try:  # the demo person's year (52 weeks of trial) under a person account, granted to dr.year
    person = clinic.create_account(mg, "alex", "a year of days", "person")
    doctor = clinic.create_account(mg, "dr.year", "a year of days", "clinician")
    seed(mg, mg.today(), weeks=52, person_id=person.person_id)
    clinic.redeem(mg, doctor, clinic.invite(mg, person))
finally:
    mg.close()
with TestClient(create_app(), base_url="http://localhost") as client:
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    form = {"csrf_token": token, "username": "dr.year", "password": "a year of days"}
    assert client.post("/login", data=form, follow_redirects=False).status_code == 303
    page = client.get("/clinic/people/" + person.person_id)
print(json.dumps({"status": page.status_code, "html": page.text,
                  "matplotlib": sorted(m for m in sys.modules if m.startswith("matplotlib"))}))
"""


@pytest.fixture(scope="module")
def year_page(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    data_dir = tmp_path_factory.mktemp("clinic-year")
    env = {
        **os.environ,
        **CHEAP_ARGON2,
        "MGCALM_CLINIC_MODE": "1",
        "MGCALM_DATA_DIR": str(data_dir),
    }
    env.pop("MGCALM_DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).parents[2],
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_a_year_of_data_opens_without_loading_matplotlib(year_page: dict[str, object]) -> None:
    assert year_page["status"] == 200
    assert year_page["matplotlib"] == []


def test_every_chart_is_inline_svg_with_its_title_and_words(year_page: dict[str, object]) -> None:
    html = str(year_page["html"])
    assert "data:image/png" not in html
    figures = html.split('<figure class="report-figure" tabindex="0">')[1:]
    assert len(figures) >= 5  # intake, questionnaires, the daily outcomes
    for figure in figures:
        svg = figure[: figure.index("</svg>") + len("</svg>")]
        root = ET.fromstring(svg)
        assert root.get("role") == "img"
        title = root.findtext("{http://www.w3.org/2000/svg}title")
        assert title and root.get("aria-label") == title
        words = root.findtext("{http://www.w3.org/2000/svg}desc", "")
        assert words.startswith("Days ") and "day(s)" in words
    intake = next(f for f in figures if "supplemental UL" in f)
    assert "Dashed line at 350: supplemental UL." in intake
