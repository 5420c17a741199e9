"""/settings/wearables: upload a wearable export (with a progress bar where JavaScript runs).

The upload goes from the browser to this mgcalm only. Without JavaScript the form posts as usual
and the settings page comes back with the import summary; with it, ``mgcalm.js`` sends the same
form with upload progress and puts the returned page's main part in place.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.responses import HTMLResponse

from mgcalm.app.exports.calendar import local_timezone_name
from mgcalm.app.views.wearables import import_upload, wearable_section
from mgcalm.domain import InvalidInputError, Problem
from mgcalm.web import deps
from mgcalm.web.routes.base import api_router, page_router
from mgcalm.web.routes.settings import settings_page_with

pages = page_router()
api = api_router("settings")


@pages.post("/settings/wearables", response_class=HTMLResponse)
async def wearables_upload(request: Request) -> HTMLResponse:
    """Import the uploaded export and show what it held (or what was wrong with it)."""
    form = await request.form()
    upload = form.get("file")
    devices = [d for d in str(form.get("devices", "")).split(",") if d.strip()]
    try:
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise InvalidInputError([Problem("file", "no file was chosen", "your export file")])
        # Parsing an export takes seconds to minutes: a worker thread, never the event loop.
        summary = await run_in_threadpool(
            import_upload,
            deps.services(request),
            deps.person_id(request),
            upload.filename,
            upload.file,
            source=str(form.get("source", "auto")),
            tz=local_timezone_name(),
            devices=devices,
        )
    except InvalidInputError as error:
        return settings_page_with(request, problems=error.problems, status=422)
    finally:
        await form.close()  # the upload's spooled copy
    return settings_page_with(request, imported=summary)


@api.get("/wearables")
def wearables_json(request: Request) -> dict[str, Any]:
    """Stored days per source and measure, the preferred devices and the export guides."""
    return wearable_section(deps.services(request), deps.person_id(request))
