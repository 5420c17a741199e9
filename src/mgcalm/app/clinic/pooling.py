"""Learning across a clinician's people: one outcome's effect pooled across their trials.

Who is pooled, per outcome: the people who granted this clinician access, did not opt out of
pooling, and whose trial for that outcome returned to the comparison condition at least once
(ABA, ABAB, randomised pairs). AB-only trials are left out and counted — natural change biases
them all the same way, so it would not average out — as are people with too few days yet and
people who opted out. The model is :mod:`mgcalm.evaluation.pooled` (``docs/pooling.md``).

A person's choice is a preference in their own scope (``person:<id>``, key ``pooling``, beside
their country), so it needs no new table and goes with "delete my data". Viewing the page is
audited once per person whose data it read.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from mgcalm.app.clinic.auth import AccessDeniedError, audit_row
from mgcalm.app.core import App
from mgcalm.app.safety.country import person_scope
from mgcalm.app.trial.reports import stored_analysis
from mgcalm.domain.problems import InvalidInputError
from mgcalm.evaluation.csv_pooled import AB_EXCLUDED, pool_people
from mgcalm.evaluation.individual import PersonEffect, person_effect
from mgcalm.evaluation.outcomes import outcome_for
from mgcalm.evaluation.pooled import METHOD
from mgcalm.evaluation.report_input import OutcomeSeries
from mgcalm.evaluation.series import AnalysisSettings
from mgcalm.store import preferences as preferences_repo
from mgcalm.store.clinic import access as access_repo
from mgcalm.store.clinic.accounts import AccountRecord

KEY = "pooling"
OPTED_OUT = "out"
DEFAULT_OUTCOME = "anxiety"


def pooling_choice(mg: App, account: AccountRecord) -> dict[str, bool]:
    """Whether the person's trial is included in their clinicians' pooled estimates."""
    person_id = _person(account)
    with mg.store.read() as conn:
        saved = preferences_repo.read_preferences(conn, person_scope(person_id))
    return {"pooled": saved.get(KEY) != OPTED_OUT}


def set_pooling(mg: App, account: AccountRecord, pooled: bool) -> dict[str, bool]:
    """The person includes their trial in pooled estimates, or opts out."""
    person_id = _person(account)
    with mg.store.write() as conn:
        value = {KEY: "in" if pooled else OPTED_OUT}
        preferences_repo.save_preferences(conn, value, mg.now(), person_scope(person_id))
    return {"pooled": pooled}


def _person(account: AccountRecord) -> str:
    if account.role != "person" or not account.person_id:
        raise AccessDeniedError("only a person chooses whether their own trial is pooled")
    return account.person_id


def pooled_view(mg: App, account: AccountRecord, outcome: str = "") -> dict[str, Any]:
    """Per outcome: the pooled estimate, each person's own and shrunken one, a new person."""
    if account.role != "clinician":
        raise AccessDeniedError("pooled estimates are for clinicians")
    today = mg.today()
    people, opted_out = _granted_people(mg, account)
    stored = {pid: stored_analysis(mg, pid, today) for pid, _ in people}
    series = {pid: (primary, found) for pid, (primary, found, _) in stored.items()}
    chosen = _chosen_outcome(outcome, series)
    effects, too_few = [], []
    for pid, name in people:
        found = next((s for s in series[pid][1] if s.outcome.name == chosen), None)
        effect = _effect(found, stored[pid][2])
        if effect is None:
            too_few.append(name)
        else:
            effects.append((pid, name, effect))
    view = _view(chosen, series, effects, too_few, opted_out)
    _audit(mg, account, [pid for pid, _ in people])
    return view


def _granted_people(mg: App, account: AccountRecord) -> tuple[list[tuple[str, str]], int]:
    """(person id, shown name) of every person granted to this clinician who allows pooling."""
    with mg.store.read() as conn:
        ids = sorted(
            {
                g.person_id
                for g in access_repo.grants_of_clinician(conn, account.id)
                if g.revoked_at is None
            }
        )
        out = {
            pid
            for pid in ids
            if preferences_repo.read_preferences(conn, person_scope(pid)).get(KEY) == OPTED_OUT
        }
    people = []
    for pid in ids:
        if pid in out:
            continue
        try:
            record = mg.person(pid)
        except InvalidInputError:  # granted before onboarding finished: nothing stored yet
            continue
        people.append((pid, record.display_name or pid))
    return people, len(out)


def _chosen_outcome(
    asked: str, series: dict[str, tuple[str | None, tuple[OutcomeSeries, ...]]]
) -> str:
    """The outcome asked for, else the most common primary outcome, else anxiety."""
    if asked.strip():
        return outcome_for(asked).name
    primaries = Counter(primary for primary, _ in series.values() if primary)
    return primaries.most_common(1)[0][0] if primaries else DEFAULT_OUTCOME


def _effect(found: OutcomeSeries | None, settings: AnalysisSettings) -> PersonEffect | None:
    """The person's own effect, as their report has it; None while their data cannot give one."""
    if found is None:
        return None
    try:
        return person_effect(found.observations, settings, name=found.outcome.name)
    except InvalidInputError:
        return None


def _view(
    chosen: str,
    series: dict[str, tuple[str | None, tuple[OutcomeSeries, ...]]],
    effects: list[tuple[str, str, PersonEffect]],
    too_few: list[str],
    opted_out: int,
) -> dict[str, Any]:
    outcome = outcome_for(chosen)
    names = {pid: name for pid, name, _ in effects}
    fitted, included, excluded = pool_people([(pid, e) for pid, _, e in effects])
    people = []
    for (pid, own), person in zip(included, fitted.people, strict=True):
        people.append(
            {
                "person_id": pid,
                "name": names[pid],
                "effect": {"estimate": own.estimate, "ci95": list(own.ci95)},
                "shrunken": person.shrunken.to_dict() if person.shrunken else None,
                "days": sum(count for _, count in own.n),
            }
        )
    offered = sorted({s.outcome.name for _, found in series.values() for s in found} | {chosen})
    return {
        "outcome": outcome.name,
        "outcomes": offered,
        "unit": outcome.unit,
        "higher_is_better": outcome.higher_is_better,
        "pooled": fitted.to_dict(),
        "people": sorted(people, key=lambda p: p["name"].lower()),
        "excluded": [
            {"person_id": pid, "name": names[pid], "reason": AB_EXCLUDED} for pid, _ in excluded
        ],
        "counts": {
            "pooled": len(people) if fitted.mean_effect else 0,
            "ab_only": len(excluded),
            "too_few_days": len(too_few),
            "opted_out": opted_out,
        },
        "method": METHOD,
        "notes": list(fitted.notes),
    }


def _audit(mg: App, account: AccountRecord, person_ids: list[str]) -> None:
    if person_ids:
        rows = [audit_row(account, pid, "pooled_view", "", mg.now()) for pid in person_ids]
        with mg.store.write() as conn:
            access_repo.append_audit(conn, rows)


__all__ = ["pooled_view", "pooling_choice", "set_pooling"]
