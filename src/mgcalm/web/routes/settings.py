"""/settings: region (which crisis lines), units, export, backup and deleting everything."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse, RedirectResponse, Response

from mgcalm.app.errors import NotFoundError
from mgcalm.app.preferences import preferences, save_preferences
from mgcalm.app.settings import load_settings
from mgcalm.app.views.outcome_choice import outcome_section
from mgcalm.app.views.settings import backup, delete_everything
from mgcalm.app.views.wearables import wearable_section
from mgcalm.domain import InvalidInputError, Problem
from mgcalm.web import deps
from mgcalm.web.render import page
from mgcalm.web.routes.base import api_router, page_router

pages = page_router()
api = api_router("settings")


class Preferences(BaseModel):
    """Region (crisis lines) and units."""

    region: str = Field(
        description="US, CA, UK, IE or INTL",
        json_schema_extra={"enum": ["US", "CA", "UK", "IE", "INTL"]},
    )
    units: str = Field("mg", description="mg or mmol", json_schema_extra={"enum": ["mg", "mmol"]})


class Confirm(BaseModel):
    """The confirm word, typed by the person."""

    confirm: str = Field(description="the word DELETE", json_schema_extra={"const": "DELETE"})


def _settings_page(
    request: Request, done: str = "", problems: tuple[Problem, ...] = (), status: int = 200
) -> HTMLResponse:
    return settings_page_with(request, done, problems, status)


def settings_page_with(
    request: Request,
    done: str = "",
    problems: tuple[Problem, ...] = (),
    status: int = 200,
    imported: dict[str, Any] | None = None,
) -> HTMLResponse:
    """The settings page, with a wearable import's summary when one just ran."""
    app = deps.services(request)
    context = {
        "title": "Settings",
        "prefs": preferences(app),
        "done": done,
        "devices_offered": not load_settings().clinic_mode,
        "wearable": _wearable(request),
        "outcome": _outcome(request),
        "imported": imported,
    }
    return page(request, "settings.html", context, problems=problems, status_code=status)


def _wearable(request: Request) -> dict[str, Any] | None:
    """The wearable section, once there is a person to import for."""
    try:
        return wearable_section(deps.services(request), deps.person_id(request))
    except NotFoundError:
        return None


def _outcome(request: Request) -> dict[str, Any] | None:
    """The primary-outcome section, once there is a person whose trial it is."""
    try:
        return outcome_section(deps.services(request), deps.person_id(request))
    except NotFoundError:
        return None


@pages.get("/settings", response_class=HTMLResponse)
def settings_page(request: Request, saved: str = "") -> HTMLResponse:
    """Region, units, the primary outcome, export, backup and delete."""
    return _settings_page(request, "Saved." if saved else "")


@pages.post("/settings", response_class=HTMLResponse)
async def settings_save(request: Request) -> Response:
    """Save region and units."""
    form = await request.form()
    try:
        save_preferences(
            deps.services(request), str(form.get("region", "")), str(form.get("units", ""))
        )
    except InvalidInputError as error:
        return _settings_page(request, problems=error.problems, status=422)
    return RedirectResponse("/settings?saved=1", status_code=303)


@pages.get("/settings/export")
def settings_export(request: Request) -> Response:
    """Everything stored, as one JSON file to download (``mgcalm.export/1``)."""
    body = deps.export(request, "everything_text")
    name = f"mgcalm-export-{datetime.now():%Y%m%d}.json"
    headers = {"content-disposition": f'attachment; filename="{name}"'}
    return Response(body, media_type="application/json", headers=headers)


@pages.post("/settings/backup", response_class=HTMLResponse)
def settings_backup(request: Request) -> HTMLResponse:
    """Write a backup beside the database and say where."""
    done = backup(deps.services(request), datetime.now())
    return _settings_page(request, f"Backup written to {done['path']}.")


@pages.post("/settings/delete", response_class=HTMLResponse)
async def settings_delete(request: Request) -> Response:
    """Delete everything once the person typed the confirm word."""
    form = await request.form()
    try:
        # Deleting and vacuuming a year of data takes seconds: off the event loop.
        await run_in_threadpool(
            delete_everything, deps.services(request), str(form.get("confirm", ""))
        )
        deps.forget_person(request)
    except InvalidInputError as error:
        return _settings_page(request, problems=error.problems, status=422)
    return RedirectResponse("/onboarding", status_code=303)


@api.get("/settings")
def settings_json(request: Request) -> dict[str, Any]:
    """The saved region and units."""
    return preferences(deps.services(request))


@api.put("/settings")
def settings_put(request: Request, body: Preferences) -> dict[str, Any]:
    """Save region and units."""
    return save_preferences(deps.services(request), body.region, body.units)


@api.get("/export")
def export_json(request: Request) -> dict[str, Any]:
    """Everything stored (``mgcalm.export/1``)."""
    return deps.services(request).export()


@api.post("/backup")
def backup_json(request: Request) -> dict[str, Any]:
    """Write a backup beside the database; returns its path and what it holds."""
    return backup(deps.services(request), datetime.now())


@api.post("/delete")
def delete_json(request: Request, body: Confirm) -> dict[str, Any]:
    """Delete everything (send ``{"confirm": "DELETE"}``)."""
    deleted = delete_everything(deps.services(request), body.confirm)
    deps.forget_person(request)
    return deleted
