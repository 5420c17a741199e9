"""/log: one page per kind of log, today's entries to edit or delete, and undo after saving.

A check-in made before onboarding is held (not thrown away) and joins the person's records once
they are set up. The JSON twins are in :mod:`mgcalm.web.routes.log_api`.
"""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import Query, Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from mgcalm.app.errors import NotFoundError
from mgcalm.app.preferences import preferences
from mgcalm.app.safety.support import crisis_support
from mgcalm.app.views import entries_today, pending
from mgcalm.app.views.daily import food_results, log_food, log_from_form, red_flags
from mgcalm.app.views.log_kinds import LOG_KINDS, heading, rating_rows
from mgcalm.app.views.medicine import (
    RECONCILED,
    medicine_check_view,
    replan_for_medicine,
    replan_times,
)
from mgcalm.domain import InvalidInputError, Problem
from mgcalm.domain.entries import PRACTICE_KINDS, THERAPY_KINDS
from mgcalm.web import deps
from mgcalm.web.forms import form_values
from mgcalm.web.render import page
from mgcalm.web.routes.base import page_router
from mgcalm.web.security import local_path

pages = page_router()
FOOD_QUERY = Query("", max_length=200, description="words of a food name")
KINDS = tuple(kind for kind, _, _ in LOG_KINDS)


def _person(request: Request) -> str | None:
    try:
        return deps.person_id(request)
    except NotFoundError:
        return None


def _owner(request: Request) -> str:
    """Whose held entries these are: the clinic person logged in, or the one person here."""
    return deps.clinic_person(request) or ""


@pages.get("/log", response_class=HTMLResponse)
def log_index(request: Request, deleted: str = "") -> HTMLResponse:
    """The kinds of log, and today's entries with edit and delete."""
    services, who = deps.services(request), _person(request)
    context = {
        "title": "Log",
        "kinds": LOG_KINDS,
        "person": who,
        "entries": entries_today.today_entries(services, who) if who else [],
        "held": pending.held_count(services, _owner(request)),
        "toast": {"message": "Deleted. The earlier version is kept on your record."}
        if deleted
        else None,
    }
    return page(request, "log_index.html", context)


@pages.get("/log/foods", response_class=HTMLResponse)
def food_results_fragment(request: Request, q: str = FOOD_QUERY) -> HTMLResponse:
    """Just the food results (htmx swaps them in while the person types)."""
    return page(request, "_food_results.html", {"query": q, "foods": food_results(q)})


def _kind_page(
    request: Request,
    kind: str,
    *,
    values: dict[str, Any] | None = None,
    problems: tuple[Problem, ...] = (),
    toast: dict[str, Any] | None = None,
    edit_id: str = "",
    query: str = "",
) -> HTMLResponse:
    services, who = deps.services(request), _person(request)
    primary = services.trial(who).primary_outcome if who else None
    context = {
        "title": heading(kind),
        "heading": heading(kind),
        "kind": kind,
        "values": values or {},
        "edit_id": edit_id,
        "rating_rows": rating_rows(primary),
        "primary": primary,
        "query": query,
        "foods": food_results(query),
        "practice_kinds": PRACTICE_KINDS,
        "therapy_kinds": THERAPY_KINDS,
        "red_flags": red_flags(),
        "toast": toast,
        "crisis_support": crisis_support(None, preferences(services)["region"]),
    }
    status = 422 if problems else 200
    return page(request, "log_kind.html", context, problems=problems, status_code=status)


@pages.get("/log/{kind}", response_class=HTMLResponse)
def log_kind_page(
    request: Request, kind: str, saved: str = "", edit: str = "", q: str = FOOD_QUERY
) -> Response:
    """One kind of log; ``saved`` shows the saved state with undo, ``edit`` loads an entry."""
    if kind not in KINDS:
        return RedirectResponse("/log", status_code=303)
    values, toast = {}, None
    who = _person(request)
    if edit and who:
        entry = entries_today.stored_entry(deps.services(request), who, edit[:64])
        values = entries_today.form_values(entry)
    if saved:
        toast = {"message": "Saved ✓", "undo_id": saved[:64], "back": f"/log/{kind}"}
    return _kind_page(request, kind, values=values, toast=toast, edit_id=edit[:64], query=q)


@pages.post("/log/undo", response_class=HTMLResponse)
async def log_undo(request: Request) -> Response:
    """Take back what was just saved."""
    form = await request.form()
    back = local_path(str(form.get("back", "/log")), "/log")
    services, who = deps.services(request), deps.person_id(request)
    entries_today.undo(services, who, str(form.get("entry_id", ""))[:64], services.now())
    return RedirectResponse(f"{back}{'&' if '?' in back else '?'}undone=1", status_code=303)


@pages.post("/log/entries/{entry_id}/delete", response_class=HTMLResponse)
def log_delete(request: Request, entry_id: str) -> Response:
    """Delete one of today's entries (kept on the record as a revision)."""
    services, who = deps.services(request), deps.person_id(request)
    entries_today.delete_entry(services, who, entry_id, "deleted on the web")
    return RedirectResponse("/log?deleted=1#entries", status_code=303)


@pages.post("/log/{kind}", response_class=HTMLResponse)
async def log_submit(request: Request, kind: str) -> Response:
    """Save (or, with ``edit_id``, correct) one entry; problems are shown beside their fields."""
    values = form_values(await request.form())
    who = _person(request)
    # A medicine started or stopped is checked against magnesium at once, with a re-plan offer.
    reconcile = (
        kind == "medication_change"
        and who is not None
        and values.get("change") in RECONCILED
        and not values.get("edit_id")
    )
    try:
        if reconcile:
            replan_times(values)  # a bad time is reported before anything is saved
        result = _save(request, kind, values, who)
    except InvalidInputError as error:
        edit_id = values.get("edit_id", "")
        return _kind_page(request, kind, values=values, problems=error.problems, edit_id=edit_id)
    if reconcile and who is not None and not result.get("alerts"):
        check = medicine_check_view(deps.services(request), who, values)
        return page(request, "medicine_check.html", {"title": "Medicine change", **check})
    if result.get("alerts"):
        context = {"title": "Saved", "result": result}
        return page(request, "logged.html", context, crisis=result["crisis"])
    if result.get("held_until_onboarding"):
        return RedirectResponse("/log?held=1", status_code=303)
    if values.get("edit_id"):
        return RedirectResponse("/log#entries", status_code=303)
    return RedirectResponse(f"/log/{kind}?saved={result['entry']['id']}", status_code=303)


@pages.post("/log/medication_change/replan", response_class=HTMLResponse)
async def medicine_replan(request: Request) -> Response:
    """Re-plan with a started or stopped medicine, then show the new plan."""
    values = form_values(await request.form())
    services, who = deps.services(request), deps.person_id(request)
    try:
        await asyncio.to_thread(replan_for_medicine, services, who, values)
    except InvalidInputError as error:
        return _kind_page(request, "medication_change", values=values, problems=error.problems)
    return RedirectResponse("/plan?changed=medicine", status_code=303)


def _save(request: Request, kind: str, values: dict[str, Any], who: str | None) -> dict[str, Any]:
    """Save, correct, or (before onboarding) hold one entry from its form."""
    services = deps.services(request)
    if who is None:
        from mgcalm.app.views.forms import entry_data

        return pending.hold(
            services, _owner(request), kind, entry_data(kind, values, services.today())
        )
    if values.get("edit_id"):
        entry = entries_today.edit_entry(services, who, kind, values.pop("edit_id"), values)
        return {"entry": {"id": entry.id}, "alerts": []}
    if kind == "food":
        args = (values.get("food_id", ""), values.get("grams", ""), values.get("portion", ""))
        return log_food(services, who, *args, values.get("id", ""))
    return log_from_form(services, who, kind, values)
