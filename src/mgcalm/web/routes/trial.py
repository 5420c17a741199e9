"""/trial: register the trial, guess each blinded period, unblind at the end (with a confirmation).

The pages post forms (CSRF field); the JSON twins under /api/trial take the same field names.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Query, Request
from pydantic import BaseModel, Field
from starlette.responses import HTMLResponse, RedirectResponse, Response

from mgcalm.app.views.trial import (
    form_choices,
    guess_period,
    helper_sheet_pdf,
    preview_query,
    register_trial,
    trial_view,
    unblind_trial,
)
from mgcalm.domain import InvalidInputError, Problem
from mgcalm.web import deps
from mgcalm.web.render import page
from mgcalm.web.routes.base import api_router, page_router

pages = page_router()
api = api_router("trial")
DONE = {
    "registered": "Your trial is registered: its design and primary outcome are fixed.",
    "guessed": "Your guess is saved. It is compared with the schedule once you unblind.",
    "unblinded": "Your trial is unblinded. Each period's content is listed below.",
}


class Registration(BaseModel):
    """The trial to register (the form's fields)."""

    design: str = Field("quick", description="quick, randomised or blinded")
    outcome: str | None = Field(None, description="the primary outcome, e.g. anxiety")
    reason: str = Field("", description="why, when this changes an outcome already chosen")
    pairs: int = Field(3, description="randomised: pairs of periods (2–8)")
    period_days: int = Field(28, description="randomised: days per period")
    baseline_days: int = Field(14, description="randomised: baseline days first (0 = none)")
    first_day: str | None = Field(None, description="randomised: first day, YYYY-MM-DD")


class Choices(BaseModel):
    """Choices to see the design figures for before registering (the form's field names)."""

    design: str | None = Field(None, description="quick, randomised or blinded (the one chosen)")
    outcome: str | None = Field(None, description="the primary outcome (default: the one chosen)")
    pairs: int | None = Field(None, description="randomised: pairs of periods (2–8)")
    period_days: int | None = Field(None, description="randomised: days per period")
    baseline_days: int | None = Field(None, description="randomised: baseline days first")
    first_day: str | None = Field(None, description="randomised: first day, YYYY-MM-DD")


class Guess(BaseModel):
    """A guess of what a blinded period held."""

    guess: str = Field(description="magnesium, placebo or unsure")
    period: int | None = Field(None, description="the period's number (default: the current)")


class Unblind(BaseModel):
    """Unblinding, confirmed; before the planned end only as an early stop with a reason."""

    confirm: str = Field(description="the word yes", json_schema_extra={"const": "yes"})
    early: bool = Field(False, description="before the planned end")
    reason: str = Field("", description="why (recorded); needed when early")


def _trial_page(
    request: Request,
    template: str = "trial.html",
    *,
    values: dict[str, Any] | None = None,
    problems: list[Problem] | tuple[Problem, ...] = (),
    done: str = "",
) -> HTMLResponse:
    view = trial_view(deps.services(request), deps.person_id(request), values)
    context = {
        "title": "Your trial",
        "view": view,
        "values": values or {},
        "done": DONE.get(done, ""),
        **form_choices(),
    }
    status = 422 if problems else 200
    return page(request, template, context, problems=problems, status_code=status)


async def _form(request: Request) -> dict[str, Any]:
    form = await request.form()
    return {k: str(v) for k, v in form.items() if k != "csrf_token"}


async def _submit(
    request: Request, action: Callable[..., Any], done: str, template: str = "trial.html"
) -> Response:
    """Run a form's use case; on success go to ``done``, else show the form with its problems."""
    values = await _form(request)
    try:
        action(deps.services(request), deps.person_id(request), values)
    except InvalidInputError as error:
        return _trial_page(request, template, values=values, problems=error.problems)
    return RedirectResponse(done, status_code=303)


@pages.get("/trial", response_class=HTMLResponse)
def trial_page(request: Request, done: str = "") -> HTMLResponse:
    """The trial: its registration, schedule, guesses, and what can be done now.

    Before registration, the address may carry the form's choices (``?design=blinded&pairs=4``)
    to show what they can detect.
    """
    return _trial_page(request, values=dict(request.query_params), done=done)


@pages.post("/trial/preview", response_class=HTMLResponse)
async def trial_preview(request: Request) -> Response:
    """Show what the form's choices can detect; nothing is registered."""
    query = preview_query(await _form(request))
    return RedirectResponse(f"/trial?{query}#power", status_code=303)


@pages.post("/trial/register", response_class=HTMLResponse)
async def trial_register(request: Request) -> Response:
    """Register the trial: design, primary outcome and dates fixed before magnesium starts."""
    return await _submit(request, register_trial, "/trial?done=registered")


@pages.post("/trial/guess", response_class=HTMLResponse)
async def trial_guess(request: Request) -> Response:
    """Record a guess for a blinded period."""
    return await _submit(request, guess_period, "/trial?done=guessed#guess")


@pages.get("/trial/unblind", response_class=HTMLResponse)
def trial_unblind_page(request: Request) -> HTMLResponse:
    """The confirmation step before unblinding."""
    return _trial_page(request, "trial_unblind.html")


@pages.post("/trial/unblind", response_class=HTMLResponse)
async def trial_unblind(request: Request) -> Response:
    """Unblind once confirmed (before the planned end only with a reason)."""
    return await _submit(request, unblind_trial, "/trial?done=unblinded", "trial_unblind.html")


@pages.get("/trial/helper-sheet.pdf")
def trial_helper_sheet(request: Request) -> Response:
    """The helper's pill-organiser sheet (it shows the schedule: for the helper's eyes only)."""
    pdf = helper_sheet_pdf(deps.services(request), deps.person_id(request))
    headers = {"content-disposition": 'attachment; filename="mgcalm-helper-sheet.pdf"'}
    return Response(pdf, media_type="application/pdf", headers=headers)


@api.get("/trial")
def trial_json(request: Request, choices: Annotated[Choices, Query()]) -> dict[str, Any]:
    """The trial: registration, the schedule as the person may see it, guesses.

    Before registration, ``design_power`` says what each design can detect for ``choices``.
    """
    values = choices.model_dump(exclude_none=True)
    return trial_view(deps.services(request), deps.person_id(request), values)


@api.post("/trial/register")
def trial_register_json(request: Request, body: Registration) -> dict[str, Any]:
    """Register the trial (problems name these fields); returns the trial."""
    values = body.model_dump()
    return register_trial(deps.services(request), deps.person_id(request), values)


@api.post("/trial/guess")
def trial_guess_json(request: Request, body: Guess) -> dict[str, Any]:
    """Record a guess for a blinded period; returns the trial."""
    return guess_period(deps.services(request), deps.person_id(request), body.model_dump())


@api.post("/trial/unblind")
def trial_unblind_json(request: Request, body: Unblind) -> dict[str, Any]:
    """Unblind the trial (``confirm: "yes"``; early only with a reason); returns the trial."""
    values = {**body.model_dump(), "early": "yes" if body.early else ""}
    return unblind_trial(deps.services(request), deps.person_id(request), values)
