"""/clinic/pooled (one outcome pooled across the clinician's people) and a person's choice.

A person opts out of (or back into) pooling on their Account page or through
``/api/account/pooling``; the clinician's page and its JSON twin show the pooled estimate.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from pydantic import BaseModel, Field
from starlette.responses import HTMLResponse, Response

from mgcalm.app.clinic import service as clinic
from mgcalm.domain import InvalidInputError, Problem
from mgcalm.web import deps
from mgcalm.web.clinic.common import require_account, see_other
from mgcalm.web.clinic.render import clinic_page
from mgcalm.web.routes.base import api_router, page_router

pages = page_router()
api = api_router("clinic")


class Pooling(BaseModel):
    """Whether your trial is included in your clinicians' pooled estimates."""

    # Optional here so that who may choose is checked before what was sent (a clinician gets
    # 403 whatever the body); a person who sends nothing gets 422 naming the field.
    pooled: bool | None = Field(None, description="true: included (the default); false: opted out")


@pages.get("/clinic/pooled", response_class=HTMLResponse)
def pooled_page(request: Request, outcome: str = "") -> HTMLResponse:
    """One outcome pooled across the people who granted access (audited per person read)."""
    view = clinic.pooled_view(deps.services(request), require_account(request), outcome[:60])
    return clinic_page(request, "pooled.html", {"title": "Across your people", "view": view})


@api.get("/clinic/pooled")
def pooled_json(request: Request, outcome: str = "") -> dict[str, Any]:
    """The pooled estimate of one outcome, each person's own and shrunken, a new person."""
    return clinic.pooled_view(deps.services(request), require_account(request), outcome[:60])


@pages.post("/account/pooling")
async def pooling_submit(request: Request) -> Response:
    """A person includes their trial in pooled estimates, or opts out."""
    form = await request.form()
    choice = str(form.get("pooled", ""))
    mg, account = deps.services(request), require_account(request)
    if choice not in ("yes", "no"):
        clinic.pooling_choice(mg, account)  # refuses anyone but a person first
        problem = Problem("pooled", "choose whether to include your trial", "yes or no")
        view = clinic.account_view(mg, account)
        context = {"title": "Account", "view": view, "code": "", "done": ""}
        return clinic_page(request, "account.html", context, problems=[problem], status_code=422)
    clinic.set_pooling(mg, account, choice == "yes")
    return see_other("/account?done=pooling")


@api.get("/account/pooling")
def pooling_json(request: Request) -> dict[str, bool]:
    """Whether your trial is included in pooled estimates."""
    return clinic.pooling_choice(deps.services(request), require_account(request))


@api.put("/account/pooling")
def pooling_put(request: Request, body: Pooling) -> dict[str, bool]:
    """Include your trial in pooled estimates (true) or opt out (false)."""
    mg, account = deps.services(request), require_account(request)
    if body.pooled is None:
        clinic.pooling_choice(mg, account)  # refuses anyone but a person first
        raise InvalidInputError([Problem("pooled", "missing", "true or false")])
    return clinic.set_pooling(mg, account, body.pooled)
