"""/trial before registering: what each design can detect, on the page and in its JSON twin.

The page shows each design's duration, its chance at the smallest worthwhile change and the
smallest change it detects reliably, in words, with how far to trust them; the JSON twin adds
the same under ``design_power`` and keeps every key it had. Choices are previewed by a plain
form button (no script), and nothing is registered by looking.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from mgcalm.cli.main import app as cli

#: /api/trial's keys before the design figures were added: none may change or go.
KEYS = {
    "today",
    "trial",
    "lines",
    "registered",
    "can_register",
    "blinded",
    "sealed",
    "planned_end",
    "before_end",
    "periods",
    "guessable",
    "guesses",
    "primary_outcome",
}


def _power_section(html: str) -> str:
    return html.split('id="power"', 1)[1].split("</section>", 1)[0]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _cli(today: str, *args: str) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["design", "--start", today, *args, "--json"])
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.stdout))


def test_the_page_says_what_each_design_can_detect_before_registering(
    client: TestClient, person: str
) -> None:
    html = client.get("/trial").text
    assert 'href="/support"' in html  # the crisis link stays in the header
    power = _text(_power_section(html))
    assert "What each design can tell you" in power
    for label in ("Quick look", "Randomised pairs of periods", "blinded with identical placebo"):
        assert label in power
    assert "Quick look: baseline, magnesium, then back to baseline (your choice)" in power
    assert power.count("Takes ") == 3 and "Takes 98 days (about 14 weeks)" in power
    assert "Takes 182 days (about 26 weeks)" in power  # 14 + 3 pairs × 2 × 28 days
    assert power.count("would say “likely helped” in about") == 3
    assert "by 1 point, the smallest change worth having" in power
    assert power.count("reliably (8 times in 10)") == 3
    assert "200 simulated trials" in power and "small" in power and "“unclear”" in power
    assert "After 7 baseline days they use your own" in power
    data = client.get("/api/trial").json()["design_power"]
    quick = data["designs"][0]
    smallest = [p["smallest_detectable_improvement"] for p in quick["figures"]["power"]]
    assert f"about {min(smallest):.1f} to {max(smallest):.1f} points or more" in power
    chances = [p["power"][0]["likely_helped"] for p in quick["figures"]["power"]]
    assert f"in about {round(10 * min(chances))} to {round(10 * max(chances))} trials" in power


def test_the_json_twin_adds_the_figures_and_keeps_every_key(
    client: TestClient, person: str
) -> None:
    data = client.get("/api/trial?design=blinded&pairs=2&period_days=21&baseline_days=0").json()
    assert set(data) == KEYS | {"design_power", "run_in_plan"}
    power = data["design_power"]
    assert power["outcome"] == "anxiety" and power["spread_from"] == "typical"
    assert power["simulated_trials"] == 200 and power["threshold"] == 1.0
    assert [d["design"] for d in power["designs"]] == ["quick", "randomised", "blinded"]
    assert [d["chosen"] for d in power["designs"]] == [False, False, True]
    today = data["today"]
    order = ["--seed", str(power["order_seed"]), "--pairs", "2", "--period-days", "21"]
    expected = {
        "quick": _cli(today),
        "randomised": _cli(today, "--randomised", *order, "--baseline-days", "0"),
        "blinded": _cli(today, "--randomised", "--blinded", *order, "--baseline-days", "0"),
    }
    for design in power["designs"]:
        figures, cli_json = design["figures"], expected[design["design"]]
        assert "periods" not in figures and "seed" not in figures  # no calendar before day 1
        assert {k: cli_json[k] for k in figures} == figures
    assert power["designs"][2]["figures"]["expected_duration_days"] == 84


def test_previewing_choices_registers_nothing_and_shows_them_without_a_script(
    client: TestClient, person: str, token: Callable[[str], str]
) -> None:
    page = client.get("/trial").text
    form = page.split('action="/trial/register"', 1)[1].split("</form>", 1)[0]
    assert 'formaction="/trial/preview"' in form and "<script" not in form
    choices = {"design": "blinded", "outcome": "sleep_quality", "pairs": "4", "reason": "x"}
    answer = client.post(
        "/trial/preview",
        data={"csrf_token": token("/trial"), **choices, "period_days": "21"},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    where = answer.headers["location"]
    assert where.startswith("/trial?") and where.endswith("#power") and "reason" not in where
    html = client.get(where.removesuffix("#power")).text
    power = _text(_power_section(html))
    assert "blinded with identical placebo capsules (your choice)" in power
    assert "Takes 182 days (about 26 weeks)" in power  # 14 + 4 pairs × 2 × 21 days
    assert "your sleep quality for the better" in power
    assert 'id="pairs" name="pairs"' in html and 'value="4"' in html  # the form keeps them
    assert client.get("/api/trial").json()["registered"] is False
    refused = client.post("/trial/preview", data=choices, follow_redirects=False)
    assert refused.status_code == 403  # a form without its CSRF field


def test_choices_that_cannot_run_are_named_and_registered_trials_show_no_figures(
    client: TestClient, person: str, token: Callable[[str], str]
) -> None:
    html = client.get("/trial?pairs=1").text
    power = _text(_power_section(html))
    assert power.count("Pairs of periods : 1 is out of range (accepted: 2 to 8)") == 2
    assert "Takes 98 days" in power  # the quick look still shows
    unread = client.get("/api/trial?first_day=soon").json()["design_power"]["designs"]
    assert unread[1]["figures"] is None and unread[1]["problems"][0]["location"] == "first_day"
    form = {"csrf_token": token("/trial"), "design": "quick", "outcome": "anxiety"}
    assert client.post("/trial/register", data=form, follow_redirects=False).status_code == 303
    assert 'id="power"' not in client.get("/trial").text
    assert client.get("/api/trial").json()["design_power"] is None
