"""The active plan as the plan page and its ``/api`` twin show it, with every source resolved."""

from __future__ import annotations

from typing import Any

from mgcalm.app.core import App
from mgcalm.app.plans.held import is_stepped_down
from mgcalm.app.safety.stop import all_stops, stop_json
from mgcalm.app.views.learn import references
from mgcalm.planning.status_text import status_lead


def plan_view(app: App, person_id: str) -> dict[str, Any]:
    """The person's active plan as ``mgcalm.plan/1`` JSON, with every cited source resolved.

    ``stepped_down`` is true while the plan is held below the full plan after loose stools;
    ``stop`` is the magnesium stop in force ("paused since …, because …"), or null, and
    ``last_resumed`` the last stop that someone cleared (who, when, why), or null.
    """
    plan = app.active_plan(person_id) or app.plan_for(person_id)
    document = plan.to_json()
    refs = references()
    cited = {
        s
        for key in ("reasons", "warnings", "forms")
        for n in document.get(key, [])
        for s in n.get("sources", [])
    }
    if plan.stop_signs:
        cited |= set(_stop_sign_sources())
    sources = {s: refs[s] for s in sorted(cited) if s in refs}
    # A held plan offers the way back up, one step at a time (``step_down.step_up``).
    stops = all_stops(app, person_id)
    active = next((s for s in stops if s.active), None)
    resumed = [s for s in stops if not s.active]
    return {
        "plan": document,
        "sources": sources,
        "stepped_down": is_stepped_down(plan),
        "status_lead": status_lead(plan),
        "supplemental_mg_per_day": plan.supplemental_mg_per_day,
        "stop": stop_json(active) if active else None,
        "last_resumed": stop_json(resumed[-1]) if resumed else None,
    }


def _stop_sign_sources() -> tuple[str, ...]:
    from mgcalm.knowledge import knowledge_base

    return knowledge_base().safety.stop_sign_sources
