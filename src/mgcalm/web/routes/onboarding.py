"""/onboarding: a few questions that become the person's profile, safe plan and baseline."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from mgcalm.app.errors import NotFoundError, PlanningError
from mgcalm.app.safety.country import accept_language_country, locale_country
from mgcalm.app.views.forms import onboard
from mgcalm.app.views.outcome_choice import outcome_choices
from mgcalm.app.views.pending import adopt
from mgcalm.domain import InvalidInputError
from mgcalm.web import deps
from mgcalm.web.forms import form_values, onboarding_choices
from mgcalm.web.render import page, person_region
from mgcalm.web.routes.base import api_router, page_router

pages = page_router()
api = api_router("onboarding")


@pages.get("/onboarding", response_class=HTMLResponse)
def onboarding_page(request: Request) -> HTMLResponse:
    """The onboarding questions."""
    context = {"title": "Getting started", "values": {}, **_choices(request, {})}
    return page(request, "onboarding.html", context)


def _choices(request: Request, values: dict[str, Any]) -> dict[str, Any]:
    try:  # a second onboarding: a wearable already imported is choosable as the outcome
        who: str | None = deps.person_id(request)
    except NotFoundError:
        who = None
    return {
        **onboarding_choices(values),
        "region": suggested_country(request),
        "outcome_groups": outcome_choices(deps.services(request), who),
    }


def suggested_country(request: Request) -> str:
    """The country to suggest: the browser's language, this machine's locale, else the saved.

    The answer is saved with the profile and plan in one transaction (``App.set_up``).
    """
    header = request.headers.get("accept-language")
    return accept_language_country(header) or locale_country() or person_region(request)


@pages.post("/onboarding", response_class=HTMLResponse)
async def onboarding_submit(request: Request) -> Response:
    """Save the answers and show the plan; problems are shown beside their fields."""
    values = form_values(await request.form())
    try:
        who = onboard(deps.services(request), values, deps.clinic_person(request))
    except InvalidInputError as error:  # the answers stay on the page; nothing was saved
        context = {"title": "Getting started", "values": values, **_choices(request, values)}
        status = 500 if isinstance(error, PlanningError) else 422
        return page(
            request, "onboarding.html", context, problems=error.problems, status_code=status
        )
    adopt(deps.services(request), who, deps.clinic_person(request) or "")
    start = "magnesium" if values.get("start") == "magnesium" else "baseline"
    return RedirectResponse(f"/plan?new={start}", status_code=303)


@api.post("/onboarding", status_code=201)
def onboarding_json(request: Request, body: dict[str, Any]) -> dict[str, Any]:
    """Onboard with the same field names as the form; returns the person and their plan."""
    person = onboard(deps.services(request), body, deps.clinic_person(request))
    adopt(deps.services(request), person, deps.clinic_person(request) or "")
    plan = deps.services(request).active_plan(person)
    return {"person_id": person, "plan": plan.to_json() if plan else None}
