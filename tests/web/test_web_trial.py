"""/trial: register a trial, guess each blinded period, unblind with a confirmation step.

The forms carry the CSRF field; every refusal names the form field and what it accepts; a
sealed trial shows numbered periods only, never their content, until the recorded unblinding.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from fastapi.testclient import TestClient

from mgcalm.web import deps

BLINDED = {"design": "blinded", "outcome": "anxiety", "pairs": "2", "period_days": "21"}


def _post(client: TestClient, token: Callable[[str], str], path: str, data: dict[str, str]):  # type: ignore[no-untyped-def]
    form = {"csrf_token": token("/trial"), **data}
    return client.post(path, data=form, follow_redirects=False)


def test_registering_a_blinded_trial_seals_its_schedule(
    client: TestClient, person: str, token: Callable[[str], str]
) -> None:
    page = client.get("/trial")
    assert page.status_code == 200 and 'action="/trial/register"' in page.text
    answer = _post(client, token, "/trial/register", BLINDED)
    assert answer.status_code == 303 and answer.headers["location"] == "/trial?done=registered"
    html = client.get("/trial?done=registered").text
    assert "Your trial is registered" in html and "Registered" in html
    assert "blinded" in html and "Primary outcome: anxiety" in html
    schedule = html.split('id="schedule"', 1)[1].split("</section>", 1)[0]
    assert "Baseline" in schedule and ">4" in schedule  # four numbered periods
    assert "magnesium" not in schedule.lower() and "placebo" not in schedule.lower()
    assert 'action="/trial/register"' not in html  # registered once
    state = client.get("/api/trial").json()
    assert state["sealed"] and state["trial"]["registration"]["design"] == "randomised_pairs"
    sheet = client.get("/trial/helper-sheet.pdf")
    assert sheet.status_code == 200 and sheet.content.startswith(b"%PDF")
    assert "attachment" in sheet.headers["content-disposition"]


def test_each_refusal_names_the_field_and_what_it_accepts(
    client: TestClient, person: str, token: Callable[[str], str]
) -> None:
    cases = {
        "pairs": ({**BLINDED, "pairs": "1"}, "Pairs of periods", "2 to 8"),
        "period_days": ({**BLINDED, "period_days": "10"}, "Days per period", "21 to 90"),
        "baseline_days": ({**BLINDED, "baseline_days": "3"}, "Baseline days first", "7 to 90"),
        "first_day": ({**BLINDED, "first_day": "2001-01-01"}, "First day", "or later"),
        "design": ({**BLINDED, "design": "crossover"}, "Design", "quick, randomised, blinded"),
        "outcome": ({**BLINDED, "outcome": "happiness"}, "The thing you rate", "anxiety"),
    }
    for field, (data, words, accepted) in cases.items():
        answer = _post(client, token, "/trial/register", data)
        assert answer.status_code == 422, field
        summary = answer.text.split('id="problems"', 1)[1].split("</div>", 1)[0]
        assert words in summary and accepted in summary, (field, summary)
        assert f'id="{field}-error"' in answer.text and 'aria-invalid="true"' in answer.text
        assert "--" not in summary, summary  # the form's words, not the command line's
    api = client.post("/api/trial/register", json={"design": "blinded", "pairs": 9})
    assert api.status_code == 422
    assert [p["location"] for p in api.json()["problems"]] == ["outcome", "pairs"]


def test_a_form_without_its_csrf_field_is_refused(client: TestClient, person: str) -> None:
    client.get("/trial")
    answer = client.post("/trial/register", data=BLINDED, follow_redirects=False)
    assert answer.status_code == 403
    assert client.get("/api/trial").json()["registered"] is False


def test_guess_then_unblind_only_once_confirmed_and_early_only_with_a_reason(
    client: TestClient, person: str, token: Callable[[str], str]
) -> None:
    assert (
        _post(client, token, "/trial/register", {**BLINDED, "baseline_days": "0"}).status_code
        == 303
    )
    too_soon = _post(client, token, "/trial/guess", {"period": "2", "guess": "magnesium"})
    assert (
        too_soon.status_code == 422
        and "Period" in too_soon.text
        and "1 to 4, begun" in too_soon.text
    )
    unknown = _post(client, token, "/trial/guess", {"period": "1", "guess": "vitamin"})
    assert unknown.status_code == 422 and "magnesium, placebo, unsure" in unknown.text
    assert 'href="/trial#guess"' in client.get("/").text  # Today points to the guess
    guessed = _post(client, token, "/trial/guess", {"period": "1", "guess": "placebo"})
    assert guessed.status_code == 303
    html = client.get("/trial?done=guessed").text
    assert "Your guess is saved" in html and "Period 1: placebo" in html

    confirm = client.get("/trial/unblind").text
    assert "Unblind your trial?" in confirm and 'id="early-warning"' in confirm
    unconfirmed = _post(client, token, "/trial/unblind", {"early": "yes", "reason": "rash"})
    assert unconfirmed.status_code == 422 and "Confirmation" in unconfirmed.text
    not_early = _post(client, token, "/trial/unblind", {"confirm": "yes"})
    assert not_early.status_code == 422
    assert "Unblind early" in not_early.text and "tick “unblind early”" in not_early.text
    no_reason = _post(client, token, "/trial/unblind", {"confirm": "yes", "early": "yes"})
    assert no_reason.status_code == 422
    assert client.get("/api/trial").json()["sealed"] is True  # nothing was revealed

    done = _post(
        client, token, "/trial/unblind", {"confirm": "yes", "early": "yes", "reason": "a rash"}
    )
    assert done.status_code == 303 and done.headers["location"] == "/trial?done=unblinded"
    html = client.get("/trial?done=unblinded").text
    schedule = html.split('id="schedule"', 1)[1].split("</section>", 1)[0]
    assert schedule.count("magnesium") == 2 and schedule.count("placebo") == 2
    assert "unblinded" in html and 'action="/trial/guess"' not in html


def test_unblinding_at_the_end_needs_no_reason(
    client: TestClient, person: str, token: Callable[[str], str]
) -> None:
    assert (
        _post(client, token, "/trial/register", {**BLINDED, "baseline_days": "0"}).status_code
        == 303
    )
    services = deps.app_of(client.app)  # type: ignore[arg-type]
    end = services.trial(person).registration.planned_end
    real, shift = services.clock, end - services.today() + timedelta(days=1)
    services.clock = lambda: real() + shift
    assert 'id="early-warning"' not in client.get("/trial/unblind").text
    assert _post(client, token, "/trial/unblind", {"confirm": "yes"}).status_code == 303
    assert client.get("/api/trial").json()["sealed"] is False


def test_a_running_baseline_hands_over_to_the_randomised_schedule(
    client: TestClient, person: str, token: Callable[[str], str]
) -> None:
    services = deps.app_of(client.app)  # type: ignore[arg-type]
    services.choose_outcome(person, "anxiety")  # what onboarding does: outcome, then baseline
    services.start_phase(person, {"phase": "baseline", "start": services.today()})
    data = {"design": "randomised", "outcome": "sleep_quality", "pairs": "2", "period_days": "21"}
    refused = _post(client, token, "/trial/register", data)
    assert refused.status_code == 422 and "say why the outcome changes" in refused.text
    data["reason"] = "sleep is what bothers me most"
    answer = _post(client, token, "/trial/register", data)
    assert answer.status_code == 303, answer.text[:2000]
    phases = client.get("/api/trial").json()["trial"]["phases"]
    assert phases[0]["phase"] == "baseline" and len(phases) == 5
    html = client.get("/trial").text
    assert "open-label" in html and "magnesium" in html.split('id="schedule"', 1)[1]
    assert "sleep is what bothers me most" in html  # the change is on the record


def test_the_quick_look_registers_from_the_form(
    client: TestClient, person: str, token: Callable[[str], str]
) -> None:
    answer = _post(client, token, "/trial/register", {"design": "quick", "outcome": "anxiety"})
    assert answer.status_code == 303
    state = client.get("/api/trial").json()
    assert state["trial"]["registration"]["design"] == "quick"
    assert state["trial"]["registration"]["open_label"] is True


def test_the_api_takes_zero_baseline_days_as_no_baseline(client: TestClient, person: str) -> None:
    body = {"design": "randomised", "outcome": "anxiety", "pairs": 2, "period_days": 21}
    answer = client.post("/api/trial/register", json={**body, "baseline_days": 0})
    assert answer.status_code == 200, answer.text
    periods = answer.json()["periods"]
    assert len(periods) == 4 and all(p["label"] != "baseline" for p in periods)


def test_a_blinded_trial_for_someone_new_to_magnesium_opens_with_a_run_in(
    client: TestClient, person: str, token: Callable[[str], str]
) -> None:
    services = deps.app_of(client.app)  # type: ignore[arg-type]
    services.plan_for(person)
    form = client.get("/trial").text.split('id="run-in-plan"', 1)[1].split("</div>", 1)[0]
    assert "Run-in of 14 days" in form and "100 mg a day from" in form
    assert _post(client, token, "/trial/register", BLINDED).status_code == 303
    html = client.get("/trial").text
    schedule = html.split('id="schedule"', 1)[1].split("</section>", 1)[0]
    rows = schedule.split("<tr")[2:]
    assert "Baseline" in rows[0] and "Run-in (open-label)" in rows[1] and ">1" in rows[2]
    assert "is open-label" in schedule and "not compared" in schedule
    assert "magnesium" not in schedule.lower() and "placebo" not in schedule.lower()
    state = client.get("/api/trial").json()
    run_in = state["trial"]["run_in"]
    assert run_in["open_label"] and not run_in["analysed"] and run_in["days"] == 14
    assert [p["label"] for p in state["periods"]][:3] == ["baseline", "run_in", "period"]
    assert state["periods"][1]["number"] is None and state["periods"][2]["number"] == 1
    first_run_in_day = services.today() + timedelta(days=14)
    today = services.trial(person).phase_on(first_run_in_day)
    assert today is not None and today.phase == "titration"  # stored as the titration phase
