"""People with whole trials to pool: a person account, daily anxiety over a design, a grant."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import numpy as np

from mgcalm.app.clinic import service as clinic
from mgcalm.domain.profile_parse import profile_from_mapping

ABA = ((28, "baseline"), (42, "maintenance"), (28, "withdrawal"))
AB = ((28, "baseline"), (42, "maintenance"))
PROFILE = {
    "person": {"age": 34, "sex": "female"},
    "health": {"kidney": "normal"},
    "day": {"wake": "07:00", "bedtime": "23:00"},
    "goals": {"focus": ["anxiety"]},
}


def add_person(
    mg: Any,
    clinician: Any,
    username: str,
    password: str,
    design: tuple[tuple[int, str], ...],
    seed: int,
) -> Any:
    """A person granted to ``clinician``, with daily anxiety over ``design`` up to yesterday.

    Magnesium lowers their anxiety by their own effect, drawn around 1.5 points.
    """
    account = clinic.create_account(mg, username, password, "person", username.title())
    profile, problems = profile_from_mapping(PROFILE)
    assert profile is not None, problems
    mg.create_person(profile, person_id=account.person_id, display_name=username.title())
    rng = np.random.default_rng(seed)
    effect = float(rng.normal(-1.5, 0.4))
    day = mg.today() - timedelta(days=sum(n for n, _ in design))
    noise, raw = 0.0, []
    for length, phase in design:
        mg.start_phase(account.person_id, {"phase": phase, "start": day})
        for _ in range(length):
            noise = 0.4 * noise + rng.normal(0, 0.8)
            value = 6 + noise + (effect if phase == "maintenance" else 0.0)
            anxiety = int(min(10, max(0, round(value))))
            raw.append({"kind": "checkin", "id": uuid.uuid4().hex, "day": day, "anxiety": anxiety})
            day += timedelta(days=1)
        if phase != design[-1][1]:
            current = mg.trial(account.person_id).phases[-1]
            mg.end_phase(account.person_id, current.id, day - timedelta(days=1))
    mg.log_many(account.person_id, raw)
    clinic.redeem(mg, clinician, clinic.invite(mg, account))
    return account
