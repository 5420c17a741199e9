"""/practices: breathing pacer, 5-4-3-2-1 grounding and the evening wind-down."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from starlette.responses import HTMLResponse

from mgcalm.web.practices import BREATHING, GROUNDING, SAFETY_NOTES, WIND_DOWN, practices_payload
from mgcalm.web.render import page
from mgcalm.web.routes.base import api_router, page_router

pages = page_router()
api = api_router("practices")


@pages.get("/practices", response_class=HTMLResponse)
def practices_page(request: Request) -> HTMLResponse:
    """The practices page."""
    context = {
        "title": "Practices",
        "breathing": BREATHING,
        "grounding": GROUNDING,
        "wind_down": WIND_DOWN,
        "safety": SAFETY_NOTES,
    }
    return page(request, "practices.html", context)


@api.get("/practices")
def practices_json() -> dict[str, Any]:
    """The practices, with timings and sources."""
    return practices_payload()
