"""Clinic mode for the web app: logins, roles, the clinician dashboard and the audit log.

:func:`install` is called by :func:`mgcalm.web.app.create_app` when ``MGCALM_CLINIC_MODE`` is on;
it adds the authentication middleware, the clinic routes and the answers to refused access, and
loads the report code that every clinician page uses.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from starlette.responses import JSONResponse, Response

from mgcalm.app.clinic import service
from mgcalm.app.clinic.auth import AccessDeniedError, TooManyAttemptsError
from mgcalm.web.clinic import account_routes, admin_routes, dashboard_routes, pooled_routes
from mgcalm.web.clinic.auth import ClinicAuthMiddleware
from mgcalm.web.clinic.render import clinic_page

ROUTERS = (
    account_routes.pages,
    account_routes.api,
    dashboard_routes.pages,
    dashboard_routes.api,
    admin_routes.pages,
    admin_routes.api,
    pooled_routes.pages,
    pooled_routes.api,
)


def install(app: FastAPI) -> None:
    """Add clinic mode to ``app``: call before the security middleware is added (it wraps this)."""
    app.add_middleware(ClinicAuthMiddleware)
    for router in ROUTERS:
        app.include_router(router)
    # Starlette types handlers as taking any Exception; these take the one they are registered for.
    app.add_exception_handler(AccessDeniedError, _denied)  # type: ignore[arg-type]
    app.add_exception_handler(TooManyAttemptsError, _too_many)  # type: ignore[arg-type]
    # Every clinician page analyses someone's data: load that code before the first request.
    service.load_report_modules()


async def _denied(request: Request, exc: AccessDeniedError) -> Response:
    message = exc.problems[0].message if exc.problems else "refused"
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": message, "problems": []}, status_code=exc.status)
    title = "Not found" if exc.status == 404 else "This request was refused"
    context = {"title": title, "message": message.capitalize() + ".", "status": exc.status}
    return clinic_page(request, "error.html", context, status_code=exc.status)


async def _too_many(request: Request, exc: TooManyAttemptsError) -> Response:
    headers = {"retry-after": str(exc.retry_after)}
    body = {"error": "Too many attempts.", "problems": [p.as_dict() for p in exc.problems]}
    return JSONResponse(body, status_code=429, headers=headers)
