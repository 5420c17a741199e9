"""Per-request dependencies: the one :class:`~mgcalm.app.core.App` and the person it serves.

The app (settings, store, clock) is opened on first use and closed when the server stops, so
importing the web package never touches a database.
"""

from __future__ import annotations

from fastapi import FastAPI, Request

from mgcalm.app.core import App, open_app


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
    """The one person this app serves; NotFoundError (→ onboarding) before there is one."""
    return services(request).person().id
