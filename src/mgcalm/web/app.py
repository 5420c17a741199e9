"""The FastAPI application factory: pages, the JSON API, static assets and safe defaults."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from mgcalm import __version__
from mgcalm.app.settings import load_settings
from mgcalm.web import clinic, errors
from mgcalm.web.render import HERE
from mgcalm.web.routes import ROUTERS
from mgcalm.web.security import SecurityMiddleware


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Close the services (opened lazily by the first request that needs it) on shutdown."""
    app.state.mg = None
    app.state.writer = None
    app.state.person_id = None
    yield
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
    if load_settings().clinic_mode:  # logins and roles, wrapped by the layers added below
        clinic.install(app)
    app.add_middleware(errors.CalmErrorsMiddleware)
    app.add_middleware(SecurityMiddleware)  # added last, so it wraps everything, errors included
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for router in ROUTERS:
        app.include_router(router)
    errors.install(app)
    return app
