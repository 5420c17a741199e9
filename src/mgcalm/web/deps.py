"""Per-request dependencies: the one :class:`~mgcalm.app.core.App` and the person it serves.

The app (settings, store, clock) is opened on first use and closed when the server stops, so
importing the web package never touches a database.
"""

from __future__ import annotations

import gc
import time
from typing import Any

from fastapi import FastAPI, Request

from mgcalm.app.core import App, open_app
from mgcalm.app.views.exports_apart import EXPORTS, ExportHelper
from mgcalm.web.writer import GroupWriter

REMEMBER_SECONDS = 1.0


def app_of(web: FastAPI) -> App:
    """The services of this web app, opened on first use."""
    if getattr(web.state, "mg", None) is None:
        web.state.mg = open_app()
        if getattr(web.state, "freeze_heap", False):
            gc.freeze()  # the open services live as long as the server (see web.app.lifespan)
    found: App = web.state.mg
    return found


def services(request: Request) -> App:
    """The services of the web app serving this request."""
    return app_of(request.app)


def person_id(request: Request) -> str:
    """The one person this app serves; NotFoundError (→ onboarding) before there is one.

    The id is remembered for a second (one lookup per second instead of one per request under
    load), so a person deleted by another process (``mgcalm delete-all``) is forgotten almost at
    once; deleting through the web app forgets it at once through :func:`forget_person`.
    """
    if "clinic_account" in request.scope.get("state", {}):  # clinic mode: the logged-in person
        return services(request).person(clinic_person(request) or "(no person)").id
    state = request.app.state
    remembered = getattr(state, "person_id", None)
    if remembered is not None and time.monotonic() - remembered[1] < REMEMBER_SECONDS:
        found: str = remembered[0]
        return found
    found = services(request).person().id
    state.person_id = (found, time.monotonic())
    return found


def clinic_person(request: Request) -> str | None:
    """In clinic mode, the logged-in person's own id (set by ``mgcalm.web.clinic.auth``)."""
    found = request.scope.get("state", {}).get("mgcalm_person")
    return found if isinstance(found, str) else None


def forget_person(request: Request) -> None:
    """Forget the remembered person (after deleting everything)."""
    request.app.state.person_id = None


def export(request: Request, what: str, *args: Any) -> Any:
    """Build a heavy export (``exports_apart.EXPORTS``) for this request; blocks until built.

    Call it from a sync handler (a worker thread). With ``exports_apart`` (the default) the
    export is built in the app's helper process, so it never holds this process's interpreter
    lock against the pages it serves.
    """
    mg = services(request)
    if not mg.settings.exports_apart:
        return EXPORTS[what](mg, *args)
    web: FastAPI = request.app
    if getattr(web.state, "exports", None) is None:
        web.state.exports = ExportHelper()
    helper: ExportHelper = web.state.exports
    return helper.run(mg, what, *args)


def writer(request: Request) -> GroupWriter:
    """The app's group-commit writer for the JSON logging API."""
    web: FastAPI = request.app
    if getattr(web.state, "writer", None) is None:
        web.state.writer = GroupWriter(lambda: app_of(web))
    found: GroupWriter = web.state.writer
    return found
