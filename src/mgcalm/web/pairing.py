"""Personal mode off loopback: every request but a few public ones needs a paired device.

:class:`PairingMiddleware` reads the ``mgcalm_device`` cookie, looks its digest up in the store
(whatever the request's source address: a reverse proxy on this machine makes every visitor look
local) and stores the device in the request state. Without a live device, a page redirects to
``/pair`` and the API answers 401. Open without pairing: the pairing page and its API, static
files, the manifest and service worker (they hold no data), ``/support`` (crisis lines must never
be locked away) and the calendar feed (its own secret token is its key).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from mgcalm.app.devices.pairing import device_for_token
from mgcalm.store.devices import DeviceRecord
from mgcalm.web.deps import services
from mgcalm.web.security import ASGIApp, Receive, Scope, Send, cookie_value

DEVICE_COOKIE = "mgcalm_device"
DEVICE_KEY = "mgcalm_device"  # the request-state key the routes read
PUBLIC_PREFIXES = ("/pair", "/api/pair", "/static", "/support", "/api/support", "/calendar")
PUBLIC_EXACT = ("/manifest.webmanifest", "/sw.js")
PAIR_FIRST = "Pair this device first: open /pair and enter the code shown on the computer."


def public(path: str) -> bool:
    """True for the paths any visitor may open."""
    return path in PUBLIC_EXACT or any(
        path == prefix or path.startswith(prefix + "/") for prefix in PUBLIC_PREFIXES
    )


class PairingMiddleware:
    """Pure ASGI middleware: find the paired device; refuse everything private without one."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Let the request through with its device, or answer it here."""
        if scope["type"] != "http" or scope["path"].startswith("/static/"):
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        device = await run_in_threadpool(_lookup, request)
        state: dict[str, Any] = scope.setdefault("state", {})
        state[DEVICE_KEY] = device
        if device is not None or public(scope["path"]):
            await self.app(scope, receive, send)
            return
        await _refusal(request)(scope, receive, send)


def _lookup(request: Request) -> DeviceRecord | None:
    mg = services(request)
    return device_for_token(mg.store, cookie_value(request.scope, DEVICE_COOKIE), mg.now())


def _refusal(request: Request) -> Response:
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        return JSONResponse({"error": PAIR_FIRST, "problems": []}, status_code=401)
    return RedirectResponse(f"/pair?next={quote(request.url.path)}", status_code=303)


def current_device(request: Request) -> DeviceRecord | None:
    """The paired device making this request (None when pairing is not in use)."""
    found = request.scope.get("state", {}).get(DEVICE_KEY)
    return found if isinstance(found, DeviceRecord) else None


def device_cookie(token: str, max_age_days: int, secure: bool) -> str:
    """The Set-Cookie value for a paired device: HttpOnly, SameSite=Lax, Secure over https."""
    parts = [
        f"{DEVICE_COOKIE}={token}",
        "Path=/",
        "HttpOnly",
        "SameSite=Lax",
        f"Max-Age={max_age_days * 86400}",
    ]
    if secure:
        parts.append("Secure")
    return "; ".join(parts)
