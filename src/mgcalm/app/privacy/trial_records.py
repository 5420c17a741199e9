"""The trial's registration, allocation and blinding guesses in an export, and back in.

An export is the person's own file, so a blinded trial's allocation stays out of it until the
trial is unblinded: the helper sheet's seed restores it (checked against the registered seal).
Import follows the rest of the document: the same record again changes nothing, a different one
is a conflict, and any conflict means nothing is written.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from mgcalm.domain.problems import Problem
from mgcalm.evaluation.blinding import GUESSES
from mgcalm.store import registration as repo
from mgcalm.store.registration import AllocationRecord, RegistrationRecord

DESIGNS = ("quick", "randomised_pairs")
_DATES = ("start", "planned_end", "registered_on")


def _iso(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _registration(reg: RegistrationRecord) -> dict[str, Any]:
    return {
        "design": reg.design,
        "blinded": reg.blinded,
        "start": _iso(reg.start),
        "planned_end": _iso(reg.planned_end),
        "pairs": reg.pairs,
        "period_days": reg.period_days,
        "baseline_days": reg.baseline_days,
        "transition_days": reg.transition_days,
        "primary_outcome": reg.primary_outcome,
        "registered_on": _iso(reg.registered_on),
        "seal": reg.seal,
        "created_at": _iso(reg.created_at),
    }


def _allocation(allocation: AllocationRecord) -> dict[str, Any]:
    return {
        "seed": allocation.seed,
        "conditions": list(allocation.conditions),
        "unblinded_on": _iso(allocation.unblinded_on),
        "unblind_reason": allocation.unblind_reason,
        "unblinded_at": _iso(allocation.unblinded_at),
    }


def export_trial(conn: Any, pid: str) -> dict[str, Any]:
    """The registration, the allocation (unless sealed) and the guesses of one person."""
    reg = repo.get_registration(conn, pid)
    allocation = repo.read_allocation(conn, pid)
    sealed = reg is not None and reg.blinded and (allocation is None or not allocation.unblinded_on)
    return {
        "trial_registration": None if reg is None else _registration(reg),
        "trial_allocation": None if allocation is None or sealed else _allocation(allocation),
        "blinding_guesses": [
            {
                "seq": g.seq,
                "period": g.period,
                "guess": g.guess,
                "day": _iso(g.day),
                "created_at": _iso(g.created_at),
            }
            for g in repo.list_guesses(conn, pid)
        ],
    }


def check_trial(person: dict[str, Any], where: str) -> list[Problem]:
    """Problems with the trial records of one exported person."""
    problems: list[Problem] = []
    registration = person.get("trial_registration")
    try:
        if registration is not None:
            missing = [
                k for k in ("blinded", "baseline_days", "transition_days") if k not in registration
            ]
            if missing:
                problems.append(
                    Problem(f"{where}.trial_registration", f"missing {', '.join(missing)}")
                )
            if registration["design"] not in DESIGNS:
                problems.append(
                    Problem(f"{where}.trial_registration.design", "unknown", ", ".join(DESIGNS))
                )
            for key in _DATES:
                date.fromisoformat(registration[key])
        for index, guess in enumerate(person.get("blinding_guesses", [])):
            if guess["guess"] not in GUESSES or int(guess["period"]) < 1:
                problems.append(
                    Problem(f"{where}.blinding_guesses[{index}]", "unknown", ", ".join(GUESSES))
                )
            date.fromisoformat(guess["day"])
    except (KeyError, TypeError, ValueError) as error:
        problems.append(Problem(f"{where}.trial_registration", f"malformed: {error}"))
    return problems


def _registration_row(pid: str, record: dict[str, Any], now: datetime) -> dict[str, Any]:
    row = {k: record.get(k) for k in record if k != "created_at"}
    for key in _DATES:
        row[key] = date.fromisoformat(record[key])
    created = record.get("created_at")
    return {
        "person_id": pid,
        **row,
        "created_at": datetime.fromisoformat(created) if created else now,
    }


def _allocation_row(pid: str, record: dict[str, Any]) -> dict[str, Any]:
    day, at = record.get("unblinded_on"), record.get("unblinded_at")
    return {
        "person_id": pid,
        "seed": int(record["seed"]),
        "conditions": list(record["conditions"]),
        "unblinded_on": date.fromisoformat(day) if day else None,
        "unblind_reason": record.get("unblind_reason", ""),
        "unblinded_at": datetime.fromisoformat(at) if at else None,
    }


def import_trial(
    conn: Any, person: dict[str, Any], where: str, conflicts: list[Problem], now: datetime
) -> tuple[int, int]:
    """Restore what is new; count what is already there; note conflicts (the caller rolls back)."""
    pid = person["id"]
    added = unchanged = 0
    registration = person.get("trial_registration")
    if registration is not None:
        stored = export_trial(conn, pid)["trial_registration"]
        if stored is None:
            repo.restore(conn, "trial_registration", [_registration_row(pid, registration, now)])
            added += 1
        elif _same(stored, registration):
            unchanged += 1
        else:
            conflicts.append(Problem(f"{where}.trial_registration", "stored with other content"))
    allocation = person.get("trial_allocation")
    if allocation is not None:
        if repo.read_allocation(conn, pid) is None:
            repo.restore(conn, "trial_allocation", [_allocation_row(pid, allocation)])
            added += 1
        else:
            unchanged += 1
    known = {g.seq for g in repo.list_guesses(conn, pid)}
    fresh = [g for g in person.get("blinding_guesses", []) if int(g["seq"]) not in known]
    repo.restore(conn, "blinding_guesses", [_guess_row(pid, g, now) for g in fresh])
    return added + len(fresh), unchanged + len(person.get("blinding_guesses", [])) - len(fresh)


def _guess_row(pid: str, record: dict[str, Any], now: datetime) -> dict[str, Any]:
    created = record.get("created_at")
    return {
        "person_id": pid,
        "seq": int(record["seq"]),
        "period": int(record["period"]),
        "guess": record["guess"],
        "day": date.fromisoformat(record["day"]),
        "created_at": datetime.fromisoformat(created) if created else now,
    }


def _same(stored: dict[str, Any], incoming: dict[str, Any]) -> bool:
    """Equal apart from the creation time (an import stamps records it lacks)."""
    keys = set(stored) | set(incoming)
    keys.discard("created_at")
    return all(stored.get(k) == incoming.get(k) for k in keys)
