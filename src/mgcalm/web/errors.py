"""Error pages and JSON problems: a person sees what went wrong, never a traceback."""

from __future__ import annotations

import logging

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse, RedirectResponse, Response

from mgcalm.app.errors import NotFoundError
from mgcalm.domain import InvalidInputError, Problem
from mgcalm.web.render import page
from mgcalm.web.security import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("mgcalm.web")

TITLES = {
    403: "This request was refused",
    404: "Page not found",
    405: "Not allowed here",
    415: "Unsupported body",
    422: "Please check what you entered",
    500: "Something went wrong on our side",
}


def wants_json(request: Request) -> bool:
    """API paths (and clients that ask for JSON only) get JSON; browsers get a page."""
    accept = request.headers.get("accept", "")
    return request.url.path.startswith("/api/") or accept.startswith("application/json")


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
        return respond(request, exc.status_code, message, [])

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
        log.exception("unexpected error on %s", request.url.path)
        message = "Nothing you entered was lost. Please try again, or go back to Today."
        return respond(request, 500, message, [])


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
        except Exception:
            if started:
                raise
            log.exception("unexpected error on %s", scope.get("path"))
            request = Request(scope, receive)
            message = "Nothing you entered was lost. Please try again, or go back to Today."
            await respond(request, 500, message, [])(scope, receive, send)
