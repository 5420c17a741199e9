"""/plan and /learn: the person's plan and the evidence behind every claim, with grades."""

from __future__ import annotations

from typing import Any

from fastapi import Query, Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from mgcalm.app.safety.step_down import step_up
from mgcalm.app.safety.stop import resume
from mgcalm.app.views.learn import learn
from mgcalm.app.views.medicine import medicine_lookup
from mgcalm.app.views.plan import plan_view
from mgcalm.domain import InvalidInputError
from mgcalm.web import deps
from mgcalm.web.render import page
from mgcalm.web.routes.base import api_router, page_router

pages = page_router()
api = api_router("plan")


@pages.get("/plan", response_class=HTMLResponse)
def plan_page(request: Request, new: str = "", changed: str = "") -> HTMLResponse:
    """The plan, with sources and evidence grades on every claim."""
    view = plan_view(deps.services(request), deps.person_id(request))
    context = {"title": "Your plan", "view": view, "new": new[:20], "changed": changed[:20]}
    return page(request, "plan.html", context)


@pages.post("/plan/step-up", response_class=HTMLResponse)
def plan_step_up(request: Request) -> Response:
    """Go back up one step after a step-down (the person's choice); then show the new plan."""
    step_up(deps.services(request), deps.person_id(request))
    return RedirectResponse("/plan?changed=up", status_code=303)


@pages.post("/plan/resume", response_class=HTMLResponse)
async def plan_resume(request: Request) -> Response:
    """Resume magnesium after a stop, saying who said it is safe and why."""
    form = await request.form()
    values = {k: str(form.get(k, "")) for k in ("cleared_by", "reason")}
    services, who = deps.services(request), deps.person_id(request)
    try:
        resume(services, who, values["cleared_by"], values["reason"])
    except InvalidInputError as error:
        view = plan_view(services, who)
        context = {"title": "Your plan", "view": view, "values": values, "new": "", "changed": ""}
        return page(request, "plan.html", context, problems=error.problems, status_code=422)
    return RedirectResponse("/plan?changed=resumed#status", status_code=303)


@api.get("/plan")
def plan_json(request: Request) -> dict[str, Any]:
    """The active plan (``mgcalm.plan/1``) and the references it cites."""
    return plan_view(deps.services(request), deps.person_id(request))


@api.post("/plan/step-up")
def plan_step_up_json(request: Request) -> dict[str, Any]:
    """Go back up one step after a step-down; returns the change (``from``/``to`` mg a day)."""
    return step_up(deps.services(request), deps.person_id(request)).to_json()


@pages.get("/learn", response_class=HTMLResponse)
def learn_page(request: Request) -> HTMLResponse:
    """Each claim of the article with its grade, honest wording and sources."""
    return page(request, "learn.html", {"title": "The evidence", **learn()})


@api.get("/learn")
def learn_json() -> dict[str, Any]:
    """Each claim of the article with its grade, honest wording and sources."""
    return learn()


@api.get("/medicines/resolve")
def medicine_resolve_json(
    q: str = Query("", max_length=200, description="a medicine name as typed"),
) -> dict[str, Any]:
    """What a typed medicine name resolves to, how it matched, and names that start like it."""
    return medicine_lookup(q)
