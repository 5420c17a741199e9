"""/progress: charts by phase, effects with intervals, adherence and magnesium intake."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from starlette.responses import HTMLResponse, Response

from mgcalm.app.views.progress import progress_view
from mgcalm.web import charts, deps
from mgcalm.web.render import page
from mgcalm.web.routes.base import api_router, page_router

pages = page_router()
api = api_router("progress")


@pages.get("/progress", response_class=HTMLResponse)
def progress_page(request: Request) -> HTMLResponse:
    """Progress by phase, with honest effect estimates."""
    view = progress_view(deps.services(request), deps.person_id(request))
    context = {"title": "Progress", "view": view, "charts": charts}
    return page(request, "progress.html", context)


@api.get("/progress")
def progress_json(request: Request) -> dict[str, Any]:
    """Series by phase, effects with 95 % intervals, adherence and daily magnesium intake."""
    return progress_view(deps.services(request), deps.person_id(request))


@pages.get("/progress/report.pdf")
def report_download(request: Request, clinician: bool = False) -> Response:
    """The report as a PDF to keep or bring to an appointment (``?clinician=true``: theirs)."""
    pdf = deps.export(request, "report_pdf", deps.person_id(request), clinician)
    name = "mgcalm-clinician-report.pdf" if clinician else "mgcalm-report.pdf"
    headers = {"content-disposition": f'attachment; filename="{name}"'}
    return Response(pdf, media_type="application/pdf", headers=headers)


@api.get("/report")
def report_api(request: Request) -> dict[str, Any]:
    """The analysed trial report: effects, adherence, intake, questionnaires and flags."""
    found: dict[str, Any] = deps.export(request, "report_json", deps.person_id(request))
    return found
