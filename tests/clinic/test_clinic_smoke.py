"""Clinic mode end to end: a clinician sees their person, the person sees the audit."""

from __future__ import annotations

from typing import Any


def test_the_granted_clinician_sees_alice_on_the_dashboard_and_her_report(the_clinic: Any) -> None:
    dashboard = the_clinic.client("clinician_granted").get("/clinic")
    assert dashboard.status_code == 200, dashboard.text
    assert "Alice Example" in dashboard.text
    assert "Bob Example" not in dashboard.text
    report = the_clinic.client("clinician_granted").get(f"/clinic/people/{the_clinic.alice}")
    assert report.status_code == 200, report.text
    account = the_clinic.client("owner").get("/account")
    assert "report view" in account.text and "dr.grant" in account.text


def test_item_9_on_the_dashboard_comes_with_crisis_lines(fresh_clinic: Any) -> None:
    c = fresh_clinic()
    c.mg.record_questionnaire(c.alice, "phq9", [1, 1, 1, 1, 1, 1, 1, 1, 2], c.mg.today(), "q9")
    view = c.client("clinician_granted").get("/api/clinic").json()
    alice = view["people"][0]
    assert alice["flags"][0]["code"] == "item9" and alice["flags"][0]["urgent"]
    assert view["crisis_support"]["resources"]
    page = c.client("clinician_granted").get("/clinic").text
    assert "Someone below may be at risk" in page and 'class="resources"' in page
    quiet = c.client("clinician_without").get("/clinic").text
    assert "Someone below may be at risk" not in quiet
