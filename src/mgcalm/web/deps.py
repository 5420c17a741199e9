"""Per-request dependencies: the one :class:`~mgcalm.app.core.App` and the person it serves.

The app (settings, store, clock) is opened on first use and closed when the server stops, so
importing the web package never touches a database.
"""

from __future__ import annotations

from fastapi import FastAPI, Request

from mgcalm.app.core import App, open_app
from mgcalm.web.writer import GroupWriter


def app_of(web: FastAPI) -> App:
    """The services of this web app, opened on first use."""
    if getattr(web.state, "mg", None) is None:
        web.state.mg = open_app()
    found: App = web.state.mg
    return found


def services(request: Request) -> App:
    """The services of the web app serving this request."""
    return app_of(request.app)


def person_id(request: Request) -> str:
    """The one person this app serves; NotFoundError (→ onboarding) before there is one.

    The id is remembered after the first lookup (one person per app); deleting everything
    forgets it through :func:`forget_person`.
    """
    if "clinic_account" in request.scope.get("state", {}):  # clinic mode: the logged-in person
        return services(request).person(clinic_person(request) or "(no person)").id
    state = request.app.state
    if getattr(state, "person_id", None) is None:
        state.person_id = services(request).person().id
    found: str = state.person_id
    return found


def clinic_person(request: Request) -> str | None:
    """In clinic mode, the logged-in person's own id (set by ``mgcalm.web.clinic.auth``)."""
    found = request.scope.get("state", {}).get("mgcalm_person")
    return found if isinstance(found, str) else None


def forget_person(request: Request) -> None:
    """Forget the remembered person (after deleting everything)."""
    request.app.state.person_id = None


def writer(request: Request) -> GroupWriter:
    """The app's group-commit writer for the JSON logging API."""
    web: FastAPI = request.app
    if getattr(web.state, "writer", None) is None:
        web.state.writer = GroupWriter(lambda: app_of(web))
    found: GroupWriter = web.state.writer
    return found
