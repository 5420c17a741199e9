"""Reminders and records to share: the iCalendar file and feed, and the FHIR R4 bundle.

The feed address holds a private token (the only way a calendar app can subscribe without a
login); anyone with it can read the reminders, so the page says to keep it private and a new
address always stops the old one.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from starlette.responses import HTMLResponse, Response

from mgcalm.app.exports import calendar, feeds
from mgcalm.web import deps
from mgcalm.web.render import page
from mgcalm.web.routes.base import api_router, page_router

pages = page_router()
api = api_router("sharing")
ICS = "text/calendar; charset=utf-8"


def _attachment(body: str, media_type: str, name: str) -> Response:
    headers = {"content-disposition": f'attachment; filename="{name}"'}
    return Response(body, media_type=media_type, headers=headers)


@pages.get("/calendar/{token}.ics")
def calendar_feed(request: Request, token: str) -> Response:
    """The subscription feed behind a private token (404 once revoked)."""
    text = feeds.calendar_feed(deps.services(request), token[:100])
    if text is None:
        return Response("Unknown or revoked calendar address.\n", 404, media_type="text/plain")
    return Response(text, media_type=ICS)


@pages.get("/settings/calendar.ics")
def calendar_download(request: Request) -> Response:
    """This plan's reminders as an .ics file to import once."""
    services = deps.services(request)
    text = calendar.calendar_text(services, deps.person_id(request), calendar.local_timezone_name())
    return _attachment(text, ICS, "mgcalm-reminders.ics")


@pages.post("/settings/calendar", response_class=HTMLResponse)
def calendar_new(request: Request) -> HTMLResponse:
    """Make a new private feed address (any earlier one stops working) and show it."""
    feed = _new_feed(request)
    context = {"title": "Calendar address", "feed": feed}
    return page(request, "calendar_feed.html", context)


@pages.get("/settings/fhir.json")
def fhir_download(request: Request) -> Response:
    """Everything for a clinician's record system, as a FHIR R4 Bundle."""
    text = deps.export(request, "fhir_text", deps.person_id(request), 1)
    return _attachment(text, "application/fhir+json", "mgcalm-fhir.json")


@api.post("/calendar/feed")
def calendar_new_json(request: Request) -> dict[str, str]:
    """Make a new private feed address; returns the full address (keep it private)."""
    return _new_feed(request)


@api.delete("/calendar/feed")
def calendar_stop_json(request: Request) -> dict[str, Any]:
    """Stop the feed: its address no longer works."""
    return feeds.stop_feed(deps.services(request), deps.person_id(request))


@api.get("/fhir", response_model=dict[str, Any])
def fhir_json(request: Request) -> Response:
    """Everything for a clinician's record system, as a FHIR R4 Bundle."""
    text = deps.export(request, "fhir_text", deps.person_id(request))
    return Response(text, media_type="application/json")


def _new_feed(request: Request) -> dict[str, str]:
    """A new feed, its address built on ``MGCALM_PUBLIC_URL`` (never the request's Host)."""
    services, who = deps.services(request), deps.person_id(request)
    feed = feeds.new_feed(services, who, calendar.local_timezone_name())
    return {**feed, "url": services.settings.base_url + feed["path"]}
