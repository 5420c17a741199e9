"""Per-request dependencies: the open store, the one person, and the local clock.

The core never reads a clock; the web layer does, once per request, and passes ``now`` down.
"""

from __future__ import annotations

from datetime import datetime

from fastapi import FastAPI, Request

from mgcalm.app.people import require_person
from mgcalm.app.web_queries import open_default_store
from mgcalm.store import Store


def store_of(app: FastAPI) -> Store:
    """The app's store, opened on first use (so ``mgcalm --help`` never touches a database)."""
    if getattr(app.state, "store", None) is None:
        app.state.store = open_default_store()
    found: Store = app.state.store
    return found


def store(request: Request) -> Store:
    """The store of the app serving this request."""
    return store_of(request.app)


def person_id(request: Request) -> str:
    """The one person this app serves; raises NotFoundError before onboarding."""
    return require_person(store(request), None).id


def now() -> datetime:
    """The local wall-clock time (naive), which is how a person reads their own day."""
    return datetime.now()
