"""/support: crisis resources for the person's region, one tap from every page."""

from __future__ import annotations

from typing import Any

from fastapi import Query, Request
from starlette.responses import HTMLResponse

from mgcalm.app.safety.support import crisis_support
from mgcalm.web.render import page, person_region
from mgcalm.web.routes.base import api_router, page_router

pages = page_router()
api = api_router("support")

REGION = Query(
    None, max_length=8, description="US, CA, UK, IE, AU, NZ; anything else: international."
)


@pages.get("/support", response_class=HTMLResponse)
def support_page(request: Request, region: str | None = REGION) -> HTMLResponse:
    """The support page."""
    support = _support(request, region)
    # The header's line follows the country asked for, so the page never mixes two countries.
    context = {"title": "Support now", "support": support, "support_headline": support["headline"]}
    return page(request, "support.html", context)


@api.get("/support")
def support_json(request: Request, region: str | None = REGION) -> dict[str, Any]:
    """Crisis resources for a region, with sources and the date they were last checked."""
    return _support(request, region)


def _support(request: Request, region: str | None) -> dict[str, Any]:
    """Resources for the asked region, else the person's own country."""
    return crisis_support(region, person_region(request))
