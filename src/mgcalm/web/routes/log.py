"""/log: check-in, sleep diary, food search with portions, side effects, practices, therapy."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import Query, Request
from pydantic import BaseModel, Field
from starlette.responses import HTMLResponse, RedirectResponse, Response

from mgcalm.app.views.daily import (
    after_logging,
    after_logging_batch,
    food_results,
    log_food,
    log_from_form,
    prepare_entries,
    prepare_entry,
    red_flags,
)
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


@pages.get("/log/foods", response_class=HTMLResponse)
def food_results_fragment(request: Request, q: str = FOOD_QUERY) -> HTMLResponse:
    """Just the food results (htmx swaps them in while the person types)."""
    return page(request, "_food_results.html", {"query": q, "foods": food_results(q)})


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


class Batch(BaseModel):
    """Several entries at once (an app syncing after being offline), each with its ``kind``."""

    entries: list[dict[str, Any]] = Field(min_length=1, max_length=1000)


@api.post("/entries", status_code=201)
async def log_batch_json(request: Request, body: Batch) -> dict[str, Any]:
    """Save several entries in one transaction: every problem is reported, or all are saved.

    Then the safety flow runs once over the batch: ``alerts``, ``crisis``, ``crisis_resources``
    and ``plan_change`` (at most one step-down) sit beside the per-entry ``results``.
    """
    who, services = deps.person_id(request), deps.services(request)
    prepared = prepare_entries(services, body.entries)
    entries = [entry for entry, _ in prepared]
    created = await asyncio.to_thread(services.log_entries, who, entries)
    return await asyncio.to_thread(after_logging_batch, services, who, prepared, created)


@api.post("/entries/{kind}", status_code=201)
async def log_json(request: Request, kind: str, body: dict[str, Any]) -> dict[str, Any]:
    """Save one entry of ``kind`` (an ``id`` makes a retry idempotent); returns any alerts.

    Concurrent requests are committed together (group commit); each is answered once its
    entry is durably stored, with the safety flow's outcome: ``alerts``, ``crisis``,
    ``crisis_resources`` and ``plan_change`` (a loose-stools step-down, or null).
    """
    who, services = deps.person_id(request), deps.services(request)
    entry, _ = prepare_entry(services, kind, body)
    created = await deps.writer(request).save(who, entry)
    return await asyncio.to_thread(after_logging, services, who, entry, created)
