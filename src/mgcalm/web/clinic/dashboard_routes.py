"""/clinic (the clinician's people at a glance) and /clinic/people/<id> (their report)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from starlette.responses import HTMLResponse, JSONResponse

from mgcalm.app.clinic import service as clinic
from mgcalm.app.clinic.dashboard_query import FILTERS, STATUS_LABELS
from mgcalm.web import deps
from mgcalm.web.clinic.common import require_account
from mgcalm.web.clinic.render import clinic_page
from mgcalm.web.routes.base import api_router, page_router

pages = page_router()
api = api_router("clinic")


@pages.get("/clinic", response_class=HTMLResponse)
def dashboard_page(request: Request) -> HTMLResponse:
    """Counts, filters and one page of people (sorted, filtered by the query parameters)."""
    params = dict(request.query_params)
    view = clinic.dashboard(deps.services(request), require_account(request), params, paged=True)
    context = {
        "title": "Your people",
        "view": view,
        "wide": True,
        "link": _link(view["query"]),
        "statuses": tuple(STATUS_LABELS.items()),
        "status_labels": STATUS_LABELS,
        "filters": FILTERS,
    }
    return clinic_page(request, "dashboard.html", context)


@pages.get("/clinic/people/{person_id}", response_class=HTMLResponse)
def person_page(request: Request, person_id: str) -> HTMLResponse:
    """The clinician report for one person (only with their grant; audited)."""
    doc = clinic.person_report(deps.services(request), require_account(request), person_id)
    context = {"title": "Clinician report", "doc": doc, "person_id": person_id}
    return clinic_page(request, "report.html", context)


@api.get("/clinic")
def dashboard_json(request: Request) -> JSONResponse:
    """Every matching row, with the counts (plain JSON values, so sent without re-encoding)."""
    params = dict(request.query_params)
    return JSONResponse(clinic.dashboard(deps.services(request), require_account(request), params))


@api.get("/clinic/people/{person_id}")
def person_json(request: Request, person_id: str) -> dict[str, Any]:
    """The report of one person who granted access (audited); 404 without a grant."""
    return clinic.person_report_json(deps.services(request), require_account(request), person_id)


def _link(query: Mapping[str, str]) -> Callable[..., str]:
    """Builds /clinic links that keep the current query and change some of its parameters."""

    def link(**changes: Any) -> str:
        values = {**query, **{k: str(v) for k, v in changes.items()}}
        kept = {k: v for k, v in values.items() if v and (k, v) != ("page", "1")}
        return "/clinic?" + urlencode(kept) if kept else "/clinic"

    return link
