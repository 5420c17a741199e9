"""Safety events as the clinician dashboard's first flags: one per event, dated, most urgent first.

Every kind of safety event reaches the clinician: PHQ-9 item 9 above 0 (``item9``, also when the
questionnaire was left unfinished), PCL-5 item 16 at 3 or more (``pcl5_item16``), a check-in in
crisis (``crisis``), distress 9–10 (``distress``), a sharp worsening (``worsening``), a magnesium
warning sign (``red_flag``) and a stop in force (``stop``). Each flag carries its ``day``.
Flags the dashboard also works out from the latest scores or the week's check-ins are then left
out when an event already says the same, so nothing is listed twice.
"""

from __future__ import annotations

from typing import Any

from mgcalm.store.clinic.dashboard import SafetyFact

#: Dashboard code for each event code, in order of urgency.
CODES: dict[str, str] = {
    "suicidal_ideation": "item9",
    "risky_behaviour": "pcl5_item16",
    "crisis_checkin": "crisis",
    "high_distress": "distress",
    "magnesium_stopped": "stop",
    "magnesium_red_flag": "red_flag",
    "sharp_worsening": "worsening",
}
URGENT = ("item9", "pcl5_item16", "crisis", "distress", "stop", "red_flag")
ORDER = tuple(CODES.values())


def safety_flags(facts: list[SafetyFact]) -> list[dict[str, Any]]:
    """The dashboard flags of a person's safety events, most urgent first, newest first within."""
    flags = [flag for fact in facts if (flag := _flag(fact)) is not None]
    flags.sort(key=lambda f: f["day"], reverse=True)
    flags.sort(key=lambda f: ORDER.index(f["code"]))
    return flags


def _flag(fact: SafetyFact) -> dict[str, Any] | None:
    code = CODES.get(fact.code)
    if code is None or (code == "stop" and not fact.active):
        return None  # a stop already resumed no longer needs attention
    return {
        "code": code,
        "message": _message(code, fact),
        "urgent": code in URGENT,
        "day": fact.day.isoformat(),
        "safety": True,
    }


def _message(code: str, fact: SafetyFact) -> str:
    day = fact.day.isoformat()
    unfinished = fact.origin == "answer" and not fact.detail.get("finished", True)
    left = " (the questionnaire was left unfinished)" if unfinished else ""
    if code == "item9":
        return f"PHQ-9 item 9 above 0 on {day}{left}: ask about safety"
    if code == "pcl5_item16":
        return f"PCL-5 item 16 (risk-taking) 'Quite a bit' or more on {day}{left}: ask about safety"
    if code == "crisis":
        return f"crisis marked in the check-in of {day}"
    if code == "distress":
        return f"distress rated 9–10 of 10 on {day}"
    if code == "red_flag":
        return f"magnesium warning sign on {day}: {fact.message.removeprefix('You reported: ')}"
    if code == "stop":
        return fact.message or f"magnesium paused since {day}"
    return f"{fact.message} ({day})" if fact.message else f"sharp worsening on {day}"


def without_repeats(
    events: list[dict[str, Any]], derived: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The derived flags an event flag does not already cover (same code)."""
    covered = {f["code"] for f in events}
    return [f for f in derived if f["code"] not in covered]
