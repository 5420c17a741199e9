"""/ (today): the day's checklist, with one tap to mark a dose taken."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import Request
from pydantic import BaseModel, Field
from starlette.responses import HTMLResponse, RedirectResponse, Response

from mgcalm.app.views.daily import advance_phase, mark_dose, start_next_phase, today_view
from mgcalm.web import deps
from mgcalm.web.render import page
from mgcalm.web.routes.base import api_router, page_router

pages = page_router()
api = api_router("today")


class DoseMark(BaseModel):
    """A planned dose marked as taken (now) or missed."""

    planned_time: str = Field(
        description="the plan's dose time, HH:MM", pattern=r"^([01]\d|2[0-3]):[0-5]\d$"
    )
    taken: bool = Field(True, description="true: taken now; false: missed")


def _dose_toast(entry_id: str, taken: bool) -> dict[str, str]:
    """The saved state of a tapped dose, with undo."""
    return {"message": "Taken ✓" if taken else "Marked missed", "undo_id": entry_id, "back": "/"}


def _started_toast(phase_id: str, view: dict[str, Any]) -> dict[str, str]:
    """The saved state of "Start magnesium today", with undo."""
    words = "Magnesium starts today" if view.get("phase") == "titration" else "Next phase started"
    return {
        "message": f"{words} ✓",
        "undo_id": phase_id,
        "undo_action": "/today/next-phase/undo",
        "back": "/",
    }


@pages.get("/", response_class=HTMLResponse)
def today_page(
    request: Request, saved: str = "", missed: str = "", started: str = "", undone: str = ""
) -> HTMLResponse:
    """Today's checklist, with current alerts (crisis resources first when called for)."""
    view = today_view(deps.services(request), deps.person_id(request))
    context: dict[str, Any] = {"title": "Today", "today": view}
    if saved.startswith("dose-"):
        context["toast"] = _dose_toast(saved[:64], not missed)
    elif started:
        context["toast"] = _started_toast(started[:64], view)
    elif undone:
        context["toast"] = {"message": "Taken back. Nothing has changed."}
    return page(request, "today.html", context, crisis=view["crisis"])


@pages.post("/today/dose", response_class=HTMLResponse)
async def today_dose(request: Request) -> Response:
    """Mark a dose; htmx swaps the checklist in place, a plain form goes back to Today."""
    form = await request.form()
    taken = form.get("action", "taken") != "missed"
    planned, now = str(form.get("planned_time", "")), datetime.now()
    view = mark_dose(deps.services(request), deps.person_id(request), planned, taken, now)
    entry_id = f"dose-{now:%Y%m%d}-{planned.replace(':', '')}"
    if request.headers.get("hx-request"):
        return page(
            request, "_doses.html", {"today": view, "dose_toast": _dose_toast(entry_id, taken)}
        )
    missed = "" if taken else "&missed=1"
    return RedirectResponse(f"/?saved={entry_id}{missed}", status_code=303)


@pages.post("/today/next-phase", response_class=HTMLResponse)
def today_next_phase(request: Request) -> Response:
    """Start the next phase (baseline → titration → maintenance) from today, with undo."""
    started = start_next_phase(deps.services(request), deps.person_id(request))
    return RedirectResponse(f"/?started={started.id}", status_code=303)


@pages.post("/today/next-phase/undo", response_class=HTMLResponse)
async def today_next_phase_undo(request: Request) -> Response:
    """Take back a phase started moments ago: the phase before it runs on."""
    form = await request.form()
    who = deps.person_id(request)
    deps.services(request).undo_phase_start(who, str(form.get("entry_id", ""))[:64])
    return RedirectResponse("/?undone=1", status_code=303)


@api.get("/today")
def today_json(request: Request) -> dict[str, Any]:
    """Today's checklist, what is due (``due``) and the current ``alerts`` with any crisis lines."""
    return today_view(deps.services(request), deps.person_id(request))


@api.post("/trial/next-phase")
def next_phase_json(request: Request) -> dict[str, Any]:
    """Start the next phase from today; returns the updated checklist."""
    return advance_phase(deps.services(request), deps.person_id(request))


@api.post("/today/dose")
def today_dose_json(request: Request, body: DoseMark) -> dict[str, Any]:
    """Mark a planned dose taken (now) or missed; returns the updated checklist."""
    who = deps.person_id(request)
    return mark_dose(deps.services(request), who, body.planned_time, body.taken, datetime.now())
