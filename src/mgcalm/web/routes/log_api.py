"""The logging API: entries one at a time or in batches (idempotent by id), today's entries,
corrections, deletion and undo. An entry sent before onboarding is held until then.
"""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import Path, Query, Request
from pydantic import BaseModel, Field

from mgcalm.app.errors import NotFoundError
from mgcalm.app.views import entries_today, pending
from mgcalm.app.views.daily import (
    after_logging,
    after_logging_batch,
    food_results,
    prepare_entries,
    prepare_entry,
)
from mgcalm.domain.entries import ENTRY_KINDS, entry_document
from mgcalm.web import deps
from mgcalm.web.api_docs import entry_body, json_body
from mgcalm.web.routes.base import api_router

api = api_router("log")
FOOD_QUERY = Query("", max_length=200, description="words of a food name")
ENTRY_KIND = Path(description="the kind of entry", json_schema_extra={"enum": list(ENTRY_KINDS)})


class Batch(BaseModel):
    """Several entries at once (an app syncing after being offline), each with its ``kind``."""

    entries: list[dict[str, Any]] = Field(
        min_length=1, max_length=1000, json_schema_extra={"items": entry_body(with_kind=True)}
    )


class TodayEntry(BaseModel):
    """One of today's entries, as the log page lists it."""

    id: str
    kind: str
    title: str
    summary: str
    saved_at: str = Field(description="when it was first saved (UTC, ISO 8601)")
    editable: bool


class Removed(BaseModel):
    """An entry deleted or undone; its content stays on the record as a revision."""

    id: str
    action: str = Field(description="deleted or undone")


@api.get("/foods")
def foods_json(q: str = FOOD_QUERY) -> list[dict[str, Any]]:
    """Foods matching ``q``, best first, with portions and their magnesium (USDA)."""
    return food_results(q)


@api.get("/entries/today", response_model=list[TodayEntry])
def today_entries_json(request: Request) -> list[dict[str, Any]]:
    """Today's entries, newest first, with a few words on each."""
    return entries_today.today_entries(deps.services(request), deps.person_id(request))


@api.post("/entries", status_code=201)
async def log_batch_json(request: Request, body: Batch) -> dict[str, Any]:
    """Save several entries in one transaction: every problem is reported, or all are saved.

    Then the safety flow runs once over the batch: ``alerts``, ``crisis``, ``crisis_resources``
    and ``plan_change`` (at most one step-down) sit beside the per-entry ``results``;
    ``warnings`` lists what weakens the trial (a dose taken on a baseline day). A
    questionnaire's ``score`` is ignored: the server scores its answers and runs the safety
    flow on them (PHQ-9 item 9, PCL-5 risk, a sharp worsening).
    """
    who, services = deps.person_id(request), deps.services(request)
    prepared = prepare_entries(services, body.entries)
    entries = [entry for entry, _ in prepared]
    created = await asyncio.to_thread(services.log_entries, who, entries)
    return await asyncio.to_thread(after_logging_batch, services, who, prepared, created)


@api.post("/entries/{kind}", status_code=201, openapi_extra=json_body(entry_body(with_kind=False)))
async def log_json(
    request: Request, body: dict[str, Any], kind: str = ENTRY_KIND
) -> dict[str, Any]:
    """Save one entry of ``kind`` (an ``id`` makes a retry idempotent); returns any alerts.

    Concurrent requests are committed together (group commit); each is answered once its
    entry is durably stored, with the safety flow's outcome: ``alerts``, ``crisis``,
    ``crisis_resources`` and ``plan_change`` (a loose-stools step-down, or null), and
    ``warnings`` (a dose on a baseline day is saved, and said to weaken the comparison). Before
    onboarding the entry is held (``held_until_onboarding``) and joins the records at setup.

    A questionnaire needs a known ``instrument`` and answers that fit it (each bad item is
    named); its ``score`` is ignored and replaced by the server's, never refused, and the
    safety flow runs on the answers.
    """
    services = deps.services(request)
    try:
        who = deps.person_id(request)
    except NotFoundError:
        owner = deps.clinic_person(request) or ""
        return await asyncio.to_thread(pending.hold, services, owner, kind, body)
    entry, _ = prepare_entry(services, kind, body)
    created = await deps.writer(request).save(who, entry)
    return await asyncio.to_thread(after_logging, services, who, entry, created)


@api.put("/entries/{kind}/{entry_id}")
def amend_json(request: Request, kind: str, entry_id: str, body: dict[str, Any]) -> dict[str, Any]:
    """Correct a saved entry of ``kind``; the earlier version is kept with the reason."""
    services, who = deps.services(request), deps.person_id(request)
    data = {k: v for k, v in body.items() if k != "id"}
    current = entries_today.stored_entry(services, who, entry_id)
    data.setdefault("day", current.day.isoformat())
    stored = services.amend(who, kind, {"id": entry_id, **data}, "edited")
    return entry_document(stored.entry)


@api.delete("/entries/{entry_id}", response_model=Removed)
def delete_json(request: Request, entry_id: str, reason: str = "deleted") -> dict[str, str]:
    """Delete a saved entry; its content is kept as a revision with ``reason``."""
    services, who = deps.services(request), deps.person_id(request)
    entries_today.delete_entry(services, who, entry_id, reason[:200])
    return {"id": entry_id, "action": "deleted"}


@api.post("/entries/{entry_id}/undo", response_model=Removed)
def undo_json(request: Request, entry_id: str) -> dict[str, str]:
    """Take back an entry saved moments ago (within two minutes)."""
    services, who = deps.services(request), deps.person_id(request)
    entries_today.undo(services, who, entry_id, services.now())
    return {"id": entry_id, "action": "undone"}
