"""Refuse requests for host names this server does not serve (DNS rebinding), with a 400.

Pure ASGI middleware, outside everything but the security headers, so no route, login or
pairing page ever runs for a foreign ``Host``.
"""

from __future__ import annotations

from starlette.responses import JSONResponse, PlainTextResponse, Response

from mgcalm.app.devices.served import HostPolicy
from mgcalm.web.security import ASGIApp, Receive, Scope, Send

REFUSED = "This server does not answer for that host name."


class HostGuardMiddleware:
    """Let through only requests whose ``Host`` header names this server."""

    def __init__(self, app: ASGIApp, policy: HostPolicy) -> None:
        self.app = app
        self.policy = policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer 400 at once for a foreign or missing host; otherwise pass the request on."""
        if scope["type"] not in ("http", "websocket") or self.policy.allows(_host(scope)):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        await _refusal(scope)(scope, receive, send)


def _host(scope: Scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == b"host":
            return str(value.decode("latin-1"))
    return ""


def _refusal(scope: Scope) -> Response:
    if str(scope.get("path", "")).startswith("/api/"):
        return JSONResponse({"error": REFUSED, "problems": []}, status_code=400)
    return PlainTextResponse(REFUSED, status_code=400)
