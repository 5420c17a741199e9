"""Error pages and JSON problems: a person sees what went wrong, never a traceback."""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Match

from mgcalm.app.errors import NotFoundError
from mgcalm.app.failures import describe_failure
from mgcalm.app.settings import load_settings
from mgcalm.domain import InvalidInputError, Problem
from mgcalm.web.render import page
from mgcalm.web.security import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("mgcalm.web")

TITLES = {
    400: "This request could not be read",
    403: "This request was refused",
    404: "Page not found",
    405: "Not allowed here",
    415: "Unsupported body",
    422: "Please check what you entered",
    500: "Something went wrong on our side",
    503: "mgcalm cannot save or read just now",
}


def wants_json(request: Request) -> bool:
    """API paths (and clients that ask for JSON only) get JSON; browsers get a page."""
    accept = request.headers.get("accept", "")
    return request.url.path.startswith("/api/") or accept.startswith("application/json")


def allowed_methods(request: Request) -> list[str]:
    """The methods the app's routes offer at the request's path (HEAD with GET)."""
    found: set[str] = set()
    for route in request.app.router.routes:
        match, _ = route.matches({**request.scope, "method": "GET"})
        methods = getattr(route, "methods", None)
        if match != Match.NONE and methods:
            found |= set(methods)
    return sorted(found)


def problems_from_validation(exc: RequestValidationError) -> list[Problem]:
    """Turn FastAPI's validation errors into problems that name each field."""
    problems = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("body", "query", "form"))
        problems.append(Problem(where or "request", str(error.get("msg", "is not valid"))))
    return problems


def respond(request: Request, status: int, message: str, problems: list[Problem]) -> Response:
    """One error response, as JSON for the API or as a calm page for people."""
    if wants_json(request):
        body = {"error": message, "problems": [p.as_dict() for p in problems]}
        return JSONResponse(body, status_code=status)
    context = {"title": TITLES.get(status, "Error"), "message": message, "status": status}
    return page(request, "error.html", context, status_code=status, problems=problems)


def install(app: FastAPI) -> None:
    """Register the handlers for HTTP errors, invalid input and unexpected failures."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = str(exc.detail) if exc.status_code != 404 else "There is no page at this address."
        response = respond(request, exc.status_code, message, [])
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        if exc.status_code == 405:  # every method any route offers at this path, not just one
            response.headers["allow"] = ", ".join(allowed_methods(request))
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        problems = problems_from_validation(exc)
        return respond(request, 422, "Some values are not valid.", problems)

    @app.exception_handler(NotFoundError)
    async def nobody_yet(request: Request, exc: NotFoundError) -> Response:
        if wants_json(request):
            return respond(request, 404, "Not found.", list(exc.problems))
        return RedirectResponse("/onboarding", status_code=303)

    @app.exception_handler(InvalidInputError)
    async def invalid_input(request: Request, exc: InvalidInputError) -> Response:
        return respond(request, 422, "Some values are not valid.", list(exc.problems))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        return failed(request, exc)


class CalmErrorsMiddleware:
    """Turn an unexpected exception into the calm 500 page or JSON, inside the security layer.

    Starlette's own last-resort handler sits outside every middleware, so its responses would
    miss the security headers; catching here keeps them on every response.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; if it fails before a response began, answer with a 500."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as error:
            if started:
                raise
            await failed(Request(scope, receive), error)(scope, receive, send)


def failed(request: Request, error: BaseException) -> Response:
    """The answer to a failure: in words when a person can act on it, else the calm 500."""
    found = describe_failure(error, _data_dir(request))
    if found is not None:
        log.warning("%s on %s: %s", found.title, request.url.path, type(error).__name__)
        message = f"{found.title} {found.happened} {found.advice}"
        return respond(request, found.status, message, [])
    log.exception("unexpected error on %s", request.url.path)
    message = "Nothing you entered was lost. Please try again, or go back to Today."
    return respond(request, 500, message, [])


def _data_dir(request: Request) -> Path | None:
    """The data folder of the failing app (from the settings when it could not even open)."""
    services = getattr(request.app.state, "mg", None) if "app" in request.scope else None
    if services is not None:
        found: Path = services.settings.data_dir
        return found
    try:
        return load_settings().data_dir
    except Exception:  # the settings themselves may be what is broken
        return None
