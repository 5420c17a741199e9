"""The clinician dashboard: each granted person's latest scores, flags, phase and adherence.

Attention flags, most urgent first. Every stored safety event comes first, one flag each with
its ``day`` (:mod:`mgcalm.app.clinic.safety_flags`: item 9, PCL-5 item 16, crisis, distress
9–10, a stop in force, a red flag, a sharp worsening); then what the facts show:

- ``item9``: the latest PHQ-9 has item 9 above 0 (thoughts of self-harm): ask about safety now;
- ``crisis``: a crisis was marked in a check-in in the last 7 days;
- ``worsening``: a questionnaire total rose by at least its reliable-change threshold
  (:func:`mgcalm.instruments.change.reliable_change`) since the one before;
- ``side_effects``: side effects logged on 3 or more of the last 7 days;
- ``missed_doses``: under 80 % of planned doses taken over the last 7 days on magnesium;
- ``phase_ending``: the current phase ends (or reaches its planned length) within 3 days;
- ``not_logging``: nothing logged for 4 days or more.

The facts come from :func:`mgcalm.store.clinic.dashboard.dashboard_facts` (a fixed number of
queries however many people); viewing the dashboard is audited once per person shown.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from mgcalm.app.clinic.auth import AccessDeniedError, audit_row
from mgcalm.app.clinic.dashboard_query import DashboardQuery, counts, page_of, select, status_of
from mgcalm.app.clinic.safety_flags import URGENT as SAFETY_URGENT
from mgcalm.app.clinic.safety_flags import safety_flags, without_repeats
from mgcalm.domain.problems import InvalidInputError
from mgcalm.domain.pseudonym import shown_name
from mgcalm.evaluation.design import TrialDesign
from mgcalm.instruments.catalog import get_instrument
from mgcalm.instruments.change import reliable_change
from mgcalm.instruments.scoring import SUICIDAL_IDEATION, Score, score
from mgcalm.store import Store
from mgcalm.store.clinic import access as access_repo
from mgcalm.store.clinic.accounts import AccountRecord
from mgcalm.store.clinic.dashboard import RECENT_DAYS, PersonFacts, ScoreFact, dashboard_facts

ON_MAGNESIUM = ("titration", "maintenance")
ADHERENCE_FLOOR = 0.8
SIDE_EFFECT_DAYS = 3
PHASE_ENDING_DAYS = 3
QUIET_DAYS = 4
#: People whose scored questionnaires are kept in memory (a few kB each).
SCORED_KEPT = 8192
URGENT = SAFETY_URGENT
_DESIGN = TrialDesign(date(2000, 1, 1))
PLANNED_DAYS = {
    "baseline": _DESIGN.baseline_days,
    "titration": _DESIGN.titration_days,
    "maintenance": _DESIGN.maintenance_days,
}


def dashboard(
    store: Store,
    account: AccountRecord,
    today: date,
    now: datetime,
    query: DashboardQuery | None = None,
    *,
    paged: bool = False,
) -> dict[str, Any]:
    """The counts over everyone and the rows the query asks for (one page if ``paged``).

    Only the rows returned are audited: a person filtered out or on another page was not shown.
    """
    if account.role != "clinician":
        raise AccessDeniedError("the dashboard is for clinicians")
    query = query or DashboardQuery()
    with store.read() as conn:
        facts = dashboard_facts(conn, account.id, today)
    everyone = [person_row(f, today) for f in facts]
    chosen = select(everyone, query, today)
    shown, pages = page_of(chosen, query.page) if paged else (chosen, 1)
    if shown:
        audit = [audit_row(account, r["person_id"], "dashboard_view", "", now) for r in shown]
        with store.write() as conn:
            access_repo.append_audit(conn, audit)
    return {
        "people": shown,
        "counts": counts(everyone),
        "total": len(everyone),
        "matching": len(chosen),
        "pages": pages,
        "query": query,
    }


def person_row(facts: PersonFacts, today: date) -> dict[str, Any]:
    """The dashboard row for one person: pure, from the facts gathered for them."""
    phase = _current_phase(facts, today)
    scores, found = _scores_of(facts)
    flags = list(found)
    adherence = _adherence(facts, phase, today)
    flags += _recent_flags(facts, phase, adherence, today)
    events = safety_flags(facts.safety)
    flags = [*events, *without_repeats(events, flags)]  # every safety event first, dated
    row = {
        "person_id": facts.person_id,
        "name": shown_name(facts.display_name, facts.person_id),
        "named": bool(facts.display_name.strip()),
        "phase": phase[0] if phase else None,
        "phase_day": phase[1] if phase else None,
        "planned_days": PLANNED_DAYS.get(phase[0]) if phase else None,
        "scores": scores,
        "adherence": None if adherence is None else round(adherence * 100),
        "last_logged": facts.last_logged.isoformat() if facts.last_logged else None,
        "flags": flags,
    }
    row["status"] = status_of(row)
    return row


def _current_phase(facts: PersonFacts, today: date) -> tuple[str, int, date | None] | None:
    """(phase, day of phase, end) for the phase running today, if any."""
    for name, start, end in reversed(facts.phases):
        if start <= today and (end is None or today <= end):
            return name, (today - start).days + 1, end
    return None


def _scores_of(facts: PersonFacts) -> tuple[dict[str, Any], tuple[dict[str, Any], ...]]:
    """The person's scores and their flags, from the stored summary text when read from one."""
    if facts.scores_json:
        return _scores_from_json(facts.scores_json)
    latest, flags = _scores(facts.scores)
    return latest, tuple(flags)


@lru_cache(maxsize=SCORED_KEPT)
def _scores_from_json(text: str) -> tuple[dict[str, Any], tuple[dict[str, Any], ...]]:
    """Scores and flags of a summary's questionnaires, kept by content: a person's unchanged
    questionnaires are decoded and scored once per process, not on every view (the result is
    shared between views, so callers copy before changing it)."""
    try:
        found = json.loads(text)
    except ValueError:
        return {}, ()
    facts = [
        ScoreFact(str(f.get("instrument")), date.fromisoformat(f["day"]), f.get("answers"))
        for f in (found if isinstance(found, list) else ())
        if isinstance(f, dict) and isinstance(f.get("day"), str)
    ]
    latest, flags = _scores(facts)
    return latest, tuple(flags)


def _scores(facts: list[ScoreFact]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Latest total and band per instrument, with item 9 and reliable worsening flagged.

    Each questionnaire is scored again from its answers, so a stored score can never hide
    item 9; one that cannot be scored (an unknown form, broken answers) is left out.
    """
    latest: dict[str, dict[str, Any]] = {}
    flags: list[dict[str, Any]] = []
    for fact, result in ((f, rescored(f)) for f in facts):  # newest first within each form
        if result is None:
            continue
        instrument, total, band, item9 = result
        if instrument in latest:
            before, after = total, latest[instrument]["total"]
            change = after - before
            latest[instrument]["change"] = change
            if change > 0 and _worsened(instrument, before, after):
                text = f"{_label(instrument)} rose by {change} points"
                newer = date.fromisoformat(latest[instrument]["day"])
                flags.append(_flag("worsening", text, newer))
            continue
        latest[instrument] = {
            "label": _label(instrument),
            "total": total,
            "band": band,
            "day": fact.day.isoformat(),
            "change": None,
        }
        if item9:
            text = f"PHQ-9 item 9 above 0 on {fact.day.isoformat()}: ask about safety"
            flags.insert(0, _flag("item9", text, fact.day))
    return latest, flags


def rescored(fact: ScoreFact) -> Brief | None:
    """The stored answers scored by the published rules, or None if they cannot be."""
    answers = fact.answers
    if not isinstance(answers, list) or not all(type(a) is int for a in answers):
        return None
    try:
        result: Score = score(fact.instrument, answers)
    except InvalidInputError:
        return None
    return result.instrument, result.total, result.band, SUICIDAL_IDEATION in result.flags


#: (instrument id, total, band, item 9 above 0) of one scored questionnaire.
Brief = tuple[str, int, str, bool]


@lru_cache(maxsize=64)
def _label(instrument: str) -> str:
    """The instrument's name as clinicians know it (PHQ-9), or its id if unknown."""
    try:
        return get_instrument(instrument).name
    except InvalidInputError:  # a questionnaire this version does not know: show what was stored
        return instrument


@lru_cache(maxsize=4096)
def _worsened(instrument: str, before: int, after: int) -> bool:
    try:
        return reliable_change(instrument, before, after).direction == "worsened"
    except (InvalidInputError, KeyError):  # no thresholds for it: no flag, no failure
        return False


def _adherence(
    facts: PersonFacts, phase: tuple[str, int, date | None] | None, today: date
) -> float | None:
    """Share of planned doses taken over the last week on magnesium (None when not on it)."""
    if phase is None or phase[0] not in ON_MAGNESIUM or not facts.planned_doses_per_day:
        return None
    days = min(RECENT_DAYS, phase[1])
    return min(1.0, facts.doses_taken / (facts.planned_doses_per_day * days))


def _recent_flags(
    facts: PersonFacts,
    phase: tuple[str, int, date | None] | None,
    adherence: float | None,
    today: date,
) -> list[dict[str, Any]]:
    flags: list[dict[str, Any]] = []
    if facts.crisis_days:
        text = f"crisis marked on {facts.crisis_days} day(s) this week"
        flags.insert(0, _flag("crisis", text, facts.last_crisis or today))
    if facts.side_effect_days >= SIDE_EFFECT_DAYS:
        text = f"side effects on {facts.side_effect_days} of the last {RECENT_DAYS} days"
        flags.append(_flag("side_effects", text, facts.last_side_effect or today))
    if adherence is not None and adherence < ADHERENCE_FLOOR:
        text = f"{round(adherence * 100)} % of planned doses taken"
        flags.append(_flag("missed_doses", text, today))  # over the week up to today
    if phase is not None:
        name, day, end = phase
        planned = PLANNED_DAYS.get(name)
        left = (end - today).days if end else (planned - day if planned else None)
        if left is not None and 0 <= left < PHASE_ENDING_DAYS:
            text = f"{name} ends in {left} day(s)"
            flags.append(_flag("phase_ending", text, today + timedelta(days=left)))
    quiet = None if facts.last_logged is None else (today - facts.last_logged).days
    if quiet is None or quiet >= QUIET_DAYS:
        flags.append(
            _flag(
                "not_logging",
                "nothing logged this week" if quiet is None else f"nothing logged for {quiet} days",
                facts.last_logged or today,
            )
        )
    return flags


def _flag(code: str, message: str, day: date | None = None) -> dict[str, Any]:
    when = day.isoformat() if day else None
    return {"code": code, "message": message, "urgent": code in URGENT, "day": when}
