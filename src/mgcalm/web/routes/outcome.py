"""The trial's primary outcome on Settings: see it, change it (with a reason once started)."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from pydantic import BaseModel, Field
from starlette.responses import HTMLResponse, RedirectResponse, Response

from mgcalm.app.views.outcome_choice import outcome_section
from mgcalm.domain import InvalidInputError
from mgcalm.web import deps
from mgcalm.web.routes.base import api_router, page_router
from mgcalm.web.routes.settings import settings_page_with

pages = page_router()
api = api_router("trial")


class OutcomeChange(BaseModel):
    """A new primary outcome; after the trial starts, with the reason for the change."""

    outcome: str = Field(description="an outcome id, e.g. anxiety, total_sleep_min")
    reason: str = Field("", max_length=500, description="why (required once the trial started)")


@pages.post("/settings/outcome", response_class=HTMLResponse)
async def outcome_save(request: Request) -> Response:
    """Change the primary outcome; problems are shown beside the fields."""
    form = await request.form()
    services, who = deps.services(request), deps.person_id(request)
    outcome, reason = str(form.get("primary_outcome", "")), str(form.get("reason", ""))[:500]
    try:
        services.choose_outcome(who, outcome, reason)
    except InvalidInputError as error:
        return settings_page_with(request, problems=error.problems, status=422)
    return RedirectResponse("/settings?saved=outcome#outcome", status_code=303)


@api.get("/trial/outcome")
def outcome_json(request: Request) -> dict[str, Any]:
    """The primary outcome, whether the trial has started, and the outcomes to choose from."""
    return outcome_section(deps.services(request), deps.person_id(request))


@api.put("/trial/outcome")
def outcome_put(request: Request, body: OutcomeChange) -> dict[str, Any]:
    """Choose or change the primary outcome (a change after the start is recorded, dated)."""
    services, who = deps.services(request), deps.person_id(request)
    services.choose_outcome(who, body.outcome, body.reason)
    return outcome_section(services, who)
