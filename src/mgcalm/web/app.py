"""The FastAPI application factory: pages, the JSON API, static assets and safe defaults."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from mgcalm import __version__
from mgcalm.app.devices.served import host_policy, pairing_required
from mgcalm.app.settings import load_settings
from mgcalm.web import clinic, errors
from mgcalm.web.api_docs import document_api
from mgcalm.web.hosts import HostGuardMiddleware
from mgcalm.web.pairing import PairingMiddleware
from mgcalm.web.render import HERE
from mgcalm.web.routes import ROUTERS
from mgcalm.web.routes import pairing as pairing_routes
from mgcalm.web.security import SecurityMiddleware


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Close the services (opened lazily by the first request that needs it) on shutdown."""
    app.state.mg = None
    app.state.writer = None
    app.state.person_id = None
    app.state.exports = None
    frozen = getattr(app.state, "freeze_heap", False)
    if frozen:
        # What start-up loaded lives as long as the server: out of the collector's full scans,
        # so a page that allocates a lot (a dashboard of 2000 people) does not pause to walk it
        # (p95 about halved in the clinic benchmark). The services opened later join it.
        gc.collect()
        gc.freeze()
    yield
    if frozen:
        gc.unfreeze()  # a process that starts many apps (tests) collects them as usual
    if app.state.exports is not None:
        app.state.exports.close()
    if app.state.writer is not None:
        await app.state.writer.close()
    if app.state.mg is not None:
        app.state.mg.close()


def create_app() -> FastAPI:
    """Build the web app; storage comes from the mgcalm settings (``MGCALM_DATA_DIR``…)."""
    app = FastAPI(
        title="mgcalm",
        version=__version__,
        description=(
            "The JSON twin of every mgcalm page. Local only: nothing leaves this machine. "
            "Not medical advice; in crisis, see /api/support."
        ),
        docs_url=None,  # the interactive docs load scripts from a CDN, which the CSP forbids
        redoc_url=None,
        lifespan=lifespan,
    )
    settings = load_settings()
    if settings.clinic_mode:  # logins and roles, wrapped by the layers added below
        clinic.install(app)
        app.state.freeze_heap = True
    elif pairing_required(settings):  # personal mode beyond loopback: paired devices only
        app.add_middleware(PairingMiddleware)
    app.add_middleware(errors.CalmErrorsMiddleware)
    app.add_middleware(HostGuardMiddleware, policy=host_policy(settings))
    app.add_middleware(SecurityMiddleware)  # added last, so it wraps everything, errors included
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for router in ROUTERS:
        app.include_router(router)
    if not settings.clinic_mode:  # clinic mode has accounts instead of paired devices
        app.include_router(pairing_routes.pages)
        app.include_router(pairing_routes.api)
    errors.install(app)
    document_api(app)
    return app
