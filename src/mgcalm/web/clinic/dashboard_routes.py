"""/clinic (the clinician's people at a glance) and /clinic/people/<id> (their report)."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from starlette.responses import HTMLResponse, JSONResponse

from mgcalm.app.clinic import service as clinic
from mgcalm.web import deps
from mgcalm.web.clinic.common import require_account
from mgcalm.web.clinic.render import clinic_page
from mgcalm.web.routes.base import api_router, page_router

pages = page_router()
api = api_router("clinic")


@pages.get("/clinic", response_class=HTMLResponse)
def dashboard_page(request: Request) -> HTMLResponse:
    """Every person who granted access: scores, flags, phase, adherence; attention first."""
    view = clinic.dashboard(deps.services(request), require_account(request))
    return clinic_page(request, "dashboard.html", {"title": "Your people", "view": view})


@pages.get("/clinic/people/{person_id}", response_class=HTMLResponse)
def person_page(request: Request, person_id: str) -> HTMLResponse:
    """The clinician report for one person (only with their grant; audited)."""
    doc = clinic.person_report(deps.services(request), require_account(request), person_id)
    context = {"title": "Clinician report", "doc": doc, "person_id": person_id}
    return clinic_page(request, "report.html", context)


@api.get("/clinic")
def dashboard_json(request: Request) -> JSONResponse:
    """The dashboard rows (already plain JSON values, so sent without re-encoding)."""
    return JSONResponse(clinic.dashboard(deps.services(request), require_account(request)))


@api.get("/clinic/people/{person_id}")
def person_json(request: Request, person_id: str) -> dict[str, Any]:
    """The report of one person who granted access (audited); 404 without a grant."""
    return clinic.person_report_json(deps.services(request), require_account(request), person_id)
