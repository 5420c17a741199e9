"""/log: check-in, sleep diary, food search with portions, side effects, practices, therapy."""

from __future__ import annotations

from typing import Any

from fastapi import Query, Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from mgcalm.app.web_daily import food_results, log_entry, log_food, log_from_form, red_flags
from mgcalm.domain import InvalidInputError, Problem
from mgcalm.domain.entries import CHECKIN_RATINGS, PRACTICE_KINDS, THERAPY_KINDS
from mgcalm.web import deps
from mgcalm.web.forms import form_values
from mgcalm.web.render import page
from mgcalm.web.routes.base import api_router, page_router

pages = page_router()
api = api_router("log")
FOOD_QUERY = Query("", max_length=200, description="words of a food name")


def _log_page(
    request: Request,
    query: str = "",
    *,
    kind: str = "",
    values: dict[str, Any] | None = None,
    problems: tuple[Problem, ...] = (),
    saved: str = "",
) -> HTMLResponse:
    context = {
        "title": "Log",
        "query": query,
        "foods": food_results(query),
        "ratings": CHECKIN_RATINGS,
        "practice_kinds": PRACTICE_KINDS,
        "therapy_kinds": THERAPY_KINDS,
        "red_flags": red_flags(),
        "kind": kind,
        "values": values or {},
        "saved": saved,
    }
    status = 422 if problems else 200
    return page(request, "log.html", context, problems=problems, status_code=status)


@pages.get("/log", response_class=HTMLResponse)
def log_page(request: Request, q: str = FOOD_QUERY, saved: str = "") -> HTMLResponse:
    """Every kind of log on one page; ``q`` searches foods."""
    return _log_page(request, q, saved=saved[:20])


@pages.post("/log/{kind}", response_class=HTMLResponse)
async def log_submit(request: Request, kind: str) -> Response:
    """Save one entry; problems are shown beside their fields, alerts on the page."""
    values = form_values(await request.form())
    services, who = deps.services(request), deps.person_id(request)
    try:
        if kind == "food":
            args = (values.get("food_id", ""), values.get("grams", ""), values.get("portion", ""))
            result = log_food(services, who, *args)
        else:
            result = log_from_form(services, who, kind, values)
    except InvalidInputError as error:
        return _log_page(request, kind=kind, values=values, problems=error.problems)
    if result["alerts"]:
        context = {"title": "Saved", "result": result}
        return page(request, "logged.html", context, crisis=result["crisis"])
    return RedirectResponse(f"/log?saved={kind}#{kind}", status_code=303)


@api.get("/foods")
def foods_json(q: str = FOOD_QUERY) -> list[dict[str, Any]]:
    """Foods matching ``q``, best first, with portions and their magnesium (USDA)."""
    return food_results(q)


@api.post("/entries/{kind}", status_code=201)
def log_json(request: Request, kind: str, body: dict[str, Any]) -> dict[str, Any]:
    """Save one entry of ``kind`` (an ``id`` makes a retry idempotent); returns any alerts."""
    return log_entry(deps.services(request), deps.person_id(request), kind, body)
