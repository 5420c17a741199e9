"""The person's safety plan (Stanley–Brown), kept and shown with the crisis lines of their country.

:func:`safety_plan_view` is what the ``/safety-plan`` page, ``GET /api/safety-plan`` and
``mgcalm safety-plan`` show: the steps with the person's own lines, the crisis lines and when
the plan was last saved. :func:`save_safety_plan` replaces it after checking every step.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from mgcalm.app.safety.support import crisis_support
from mgcalm.instruments.safety_plan import (
    SOURCES,
    STEPS,
    SafetyPlan,
    parse_safety_plan,
    plan_from_document,
)
from mgcalm.instruments.sources import cite
from mgcalm.store import safety as safety_repo

if TYPE_CHECKING:
    from mgcalm.app.core import App


def safety_plan_view(app: App, person_id: str) -> dict[str, Any]:
    """The plan's steps with the person's lines, the crisis lines, and when it was saved."""
    from mgcalm.app.safety.country import region_for

    with app.store.read() as conn:
        stored = safety_repo.read_safety_plan(conn, person_id)
    plan = plan_from_document(stored[0] if stored else None)
    return {
        **plan.to_json(),
        "steps_shown": [
            {
                "key": s.key,
                "title": s.title,
                "prompt": s.prompt,
                "example": s.example,
                "lines": list(plan.lines(s.key)),
            }
            for s in STEPS
        ],
        "empty": plan.empty,
        "updated_at": stored[1].isoformat() if stored else None,
        "sources": list(cite(SOURCES)),
        "crisis_support": crisis_support(region_for(app, person_id)),
    }


def save_safety_plan(app: App, person_id: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """Check and keep the plan (every problem named by step; nothing kept if any)."""
    from mgcalm.app.plans.people import check_person

    plan: SafetyPlan = parse_safety_plan(data)
    with app.store.write() as conn:
        check_person(conn, person_id)
        safety_repo.save_safety_plan(conn, person_id, plan.to_json(), app.now())
    return safety_plan_view(app, person_id)
