"""/profile: edit the answers given at onboarding; saving re-plans and shows what changed."""

from __future__ import annotations

from typing import Any

from fastapi import Query, Request
from pydantic import BaseModel, Field
from starlette.responses import HTMLResponse, Response

from mgcalm.app.views.profile import edit_profile, medicine_suggestions, profile_values
from mgcalm.domain import InvalidInputError
from mgcalm.web import deps
from mgcalm.web.forms import form_values, onboarding_choices
from mgcalm.web.render import page
from mgcalm.web.routes.base import api_router, page_router

pages = page_router()
api = api_router("profile")


class ProfileSaved(BaseModel):
    """A saved profile version, the new plan and what changed in it."""

    profile_version: int
    changes: list[str] = Field(description="what is different in the new plan, in plain words")
    plan: dict[str, Any] = Field(description="the new plan (mgcalm.plan/1)")


def _profile_page(request: Request, values: dict[str, Any], **extra: Any) -> HTMLResponse:
    status = extra.pop("status", 200)
    problems = extra.pop("problems", ())
    context = {
        "title": "Your profile",
        "values": values,
        "profile_mode": True,
        "form_action": "/profile",
        "submit_label": "Save and update my plan",
        **onboarding_choices(values),
        "region": values.get("region", ""),
        **extra,
    }
    return page(request, "profile.html", context, problems=problems, status_code=status)


def _current(request: Request) -> dict[str, Any]:
    services, who = deps.services(request), deps.person_id(request)
    return profile_values(services.profile(who), services.person(who).display_name)


@pages.get("/profile", response_class=HTMLResponse)
def profile_page(request: Request) -> HTMLResponse:
    """The current answers, ready to change."""
    return _profile_page(request, _current(request), changes=None)


@pages.post("/profile", response_class=HTMLResponse)
async def profile_submit(request: Request) -> Response:
    """Save a new profile version and re-plan; the page then lists what changed."""
    values = form_values(await request.form())
    try:
        saved = edit_profile(deps.services(request), deps.person_id(request), values)
    except InvalidInputError as error:
        return _profile_page(request, values, problems=error.problems, status=422, changes=None)
    return _profile_page(request, _current(request), changes=saved["changes"])


@api.get("/profile")
def profile_json(request: Request) -> dict[str, Any]:
    """The current answers with the same field names as the form."""
    return _current(request)


@api.put("/profile", response_model=ProfileSaved)
def profile_put(request: Request, body: dict[str, Any]) -> dict[str, Any]:
    """Save new answers (the form's field names); returns the new plan and what changed."""
    return edit_profile(deps.services(request), deps.person_id(request), body)


@api.get("/medicines")
def medicines_json(
    q: str = Query("", max_length=80, description="the start of a name"),
) -> list[str]:
    """Medicine names mgcalm knows (generic and brand), for autocomplete."""
    return medicine_suggestions(q, limit=20)
