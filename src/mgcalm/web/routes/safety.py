"""/safety-plan and /api/safety…: the person's safety plan, the stop in force, resuming.

The safety plan (Stanley–Brown) is shown with the crisis lines of the person's country. A stop
is resumed here or from the plan page, saying who said it is safe and why.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from pydantic import BaseModel, Field
from starlette.responses import HTMLResponse, RedirectResponse, Response

from mgcalm.app.safety.events import stored_events
from mgcalm.app.safety.plan import safety_plan_view, save_safety_plan
from mgcalm.app.safety.stop import current_stop, resume, stop_json
from mgcalm.domain import InvalidInputError
from mgcalm.instruments.safety_plan import STEP_KEYS
from mgcalm.web import deps
from mgcalm.web.render import page
from mgcalm.web.routes.base import api_router, page_router

pages = page_router()
api = api_router("safety")


class Resume(BaseModel):
    """Resuming magnesium after a stop: who said it is safe, and what they said."""

    cleared_by: str = Field(description="who said it is safe, e.g. 'Dr Patel (GP)'")
    reason: str = Field(description="what they said and why")


@pages.get("/safety-plan", response_class=HTMLResponse)
def safety_plan_page(request: Request, saved: str = "") -> HTMLResponse:
    """The safety plan to read and fill in, with the crisis lines beside it."""
    view = safety_plan_view(deps.services(request), deps.person_id(request))
    context = {"title": "Your safety plan", "view": view, "saved": bool(saved), "values": {}}
    return page(request, "safety_plan.html", context)


@pages.post("/safety-plan", response_class=HTMLResponse)
async def safety_plan_submit(request: Request) -> Response:
    """Save the safety plan (one line per item in each step)."""
    form = await request.form()
    values = {key: str(form.get(key, "")) for key in STEP_KEYS}
    services, who = deps.services(request), deps.person_id(request)
    try:
        save_safety_plan(services, who, values)
    except InvalidInputError as error:
        view = safety_plan_view(services, who)
        context = {"title": "Your safety plan", "view": view, "saved": False, "values": values}
        return page(request, "safety_plan.html", context, problems=error.problems, status_code=422)
    return RedirectResponse("/safety-plan?saved=1", status_code=303)


@api.get("/safety-plan")
def safety_plan_json(request: Request) -> dict[str, Any]:
    """The safety plan (``mgcalm.safety_plan/1``) with the crisis lines of the person's country."""
    return safety_plan_view(deps.services(request), deps.person_id(request))


@api.put("/safety-plan")
def safety_plan_put(request: Request, body: dict[str, Any]) -> dict[str, Any]:
    """Replace the safety plan: ``{"steps": {"warning_signs": ["…"], …}}``."""
    return save_safety_plan(deps.services(request), deps.person_id(request), body)


@api.get("/safety")
def safety_json(request: Request) -> dict[str, Any]:
    """The stop in force (or null) and every safety event stored, newest first."""
    services, who = deps.services(request), deps.person_id(request)
    stop = current_stop(services, who)
    events = [e.to_json() for e in reversed(stored_events(services, who))]
    return {"stop": stop_json(stop) if stop else None, "events": events}


@api.post("/safety/resume")
def resume_json(request: Request, body: Resume) -> dict[str, Any]:
    """Resume magnesium after a stop; says who said it is safe and why (both required)."""
    return resume(deps.services(request), deps.person_id(request), body.cleared_by, body.reason)
