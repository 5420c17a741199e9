"""Kidney function and age: magnesium leaves the body through the kidneys, which slow with age.

From 65 (``kidney_check_from_age``) a plan needs an eGFR measured in the last 12 months;
without one the status is ``caution`` with a prompt to have it checked, and from 80
``clinician_required``. An eGFR without a date cannot be shown to be recent, so it prompts too
(the fix is to add ``egfr_date``). Pure: ``today`` is a parameter; without it a dated eGFR is
taken as recent.
"""

from __future__ import annotations

from datetime import date

from mgcalm.domain.plan import Note, Status
from mgcalm.domain.profile import Profile
from mgcalm.planning.port import PlanningKnowledge

EGFR_REDUCED_BELOW = 60.0
_REDUCED_STAGES = ("moderate", "severe", "dialysis")


def kidney_reduced(profile: Profile) -> bool:
    """True when eGFR is below 60 or the kidney stage is moderate or worse."""
    health = profile.health
    low = health.egfr is not None and health.egfr < EGFR_REDUCED_BELOW
    return low or health.kidney in _REDUCED_STAGES


def kidney_by_age(
    profile: Profile, kb: PlanningKnowledge, today: date | None
) -> tuple[Status, Note] | None:
    """The status and prompt when age calls for a recent eGFR that the profile lacks."""
    facts = kb.safety
    age = profile.person.age
    if age < facts.kidney_check_from_age or _recent(profile, facts.egfr_recent_months, today):
        return None
    clinician = age >= facts.kidney_clinician_from_age
    health = profile.health
    if health.egfr is None:
        missing = "no eGFR (kidney function blood test) was given"
    elif health.egfr_date is None:
        missing = f"the eGFR of {health.egfr:g} has no date (health.egfr_date)"
    else:
        missing = f"the eGFR of {health.egfr:g} is from {health.egfr_date}, over a year ago"
    then = (
        "Talk to your clinician before starting magnesium; mgcalm plans no doses until a recent "
        "result shows it is safe."
        if clinician
        else "Ask your clinician for the test before you start, and add the result and its date "
        "to your profile."
    )
    note = Note(
        "kidney_check_required" if clinician else "kidney_check_due",
        f"At {age}, kidneys often clear magnesium more slowly, and {missing}. "
        f"A result from the last {facts.egfr_recent_months} months is needed. {then}",
        facts.kidney_age_sources,
    )
    return ("clinician_required" if clinician else "caution"), note


def _recent(profile: Profile, months: int, today: date | None) -> bool:
    """An eGFR with a date within ``months`` of ``today`` (any dated one when today is None)."""
    health = profile.health
    if health.egfr is None or health.egfr_date is None:
        return False
    if today is None:
        return True
    elapsed = (today.year - health.egfr_date.year) * 12 + today.month - health.egfr_date.month
    if today.day < health.egfr_date.day:
        elapsed -= 1
    return 0 <= elapsed < months or (elapsed == months and today.day == health.egfr_date.day)
