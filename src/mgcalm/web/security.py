"""Safe defaults for every response: strict security headers, no caching, CSRF protection.

Every answer but the static files carries ``Cache-Control: no-store``: pages and API answers hold
health data, which must not linger in a browser's or a proxy's HTTP cache.

Forms use the double-submit pattern: a random token lives in a ``SameSite=Strict`` cookie and in a
hidden ``csrf_token`` field, and an unsafe request whose two copies differ is refused. The JSON API
accepts only ``application/json`` bodies, which a cross-site page cannot send without a CORS
preflight that mgcalm never grants. Both check ``Origin`` when the browser sends it.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any

from fastapi import HTTPException, Request

CSRF_COOKIE = "mgcalm_csrf"
CSRF_FIELD = "csrf_token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

# No inline script or style anywhere, so the policy needs neither 'unsafe-inline' nor nonces.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)

NO_STORE = (b"cache-control", b"no-store")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def cookie_value(scope: Scope, name: str) -> str | None:
    """The value of cookie ``name`` in the request's cookie header, if any."""
    for header, value in scope.get("headers", ()):
        if header == b"cookie":
            jar: SimpleCookie = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed cookie header is treated as no cookie
                return None
            morsel = jar.get(name)
            return morsel.value if morsel else None
    return None


def _cookie_token(scope: Scope) -> str | None:
    """The CSRF token from the request's cookie header, if any."""
    token = cookie_value(scope, CSRF_COOKIE)
    return token if token and len(token) >= 32 else None


class SecurityMiddleware:
    """Pure ASGI middleware: adds the security headers and hands out the CSRF token cookie."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Wrap ``send`` so every HTTP response carries the headers (and a new token if needed)."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        token = _cookie_token(scope)
        fresh = token is None
        token = token or secrets.token_urlsafe(32)
        scope.setdefault("state", {})["csrf_token"] = token
        static = scope["path"].startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                headers.extend(SECURITY_HEADERS)
                if not static and not any(name == b"cache-control" for name, _ in headers):
                    headers.append(NO_STORE)
                if fresh:
                    cookie = f"{CSRF_COOKIE}={token}; Path=/; SameSite=Strict; HttpOnly"
                    headers.append((b"set-cookie", cookie.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def csrf_token(request: Request) -> str:
    """The token to embed in this request's forms (the cookie's value, or a fresh one)."""
    return str(request.scope.get("state", {}).get("csrf_token", ""))


def _check_origin(request: Request) -> None:
    """Refuse an unsafe request that a browser says came from another origin."""
    origin = request.headers.get("origin")
    # Browsers send "null" under Referrer-Policy: no-referrer; the token check still applies.
    if origin is None or origin == "null":
        return
    host = request.headers.get("host", "")
    if origin.split("://", 1)[-1] != host:
        raise HTTPException(status_code=403, detail="Request refused: it came from another site.")


async def protect_form(request: Request) -> None:
    """Dependency for HTML routes: an unsafe request needs a matching CSRF form field."""
    if request.method not in UNSAFE_METHODS:
        return
    _check_origin(request)
    form = await request.form()
    sent = form.get(CSRF_FIELD)
    cookie = _cookie_token(request.scope)
    if not isinstance(sent, str) or cookie is None or not secrets.compare_digest(sent, cookie):
        await form.close()  # an uploaded file's spooled copy goes with the refusal
        raise HTTPException(
            status_code=403,
            detail="This form expired. Reload the page and try again (nothing was saved).",
        )


async def protect_api(request: Request) -> None:
    """Dependency for /api routes: an unsafe request must be same-origin JSON."""
    if request.method not in UNSAFE_METHODS:
        return
    _check_origin(request)
    if request.method == "DELETE":
        return  # no body; a cross-site page cannot send DELETE without a preflight
    kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if kind != "application/json":
        raise HTTPException(status_code=415, detail="Send the request body as application/json.")


def fresh_csrf_cookie() -> str:
    """A new CSRF cookie for a new session, so no token from before it stays valid."""
    return f"{CSRF_COOKIE}={secrets.token_urlsafe(32)}; Path=/; SameSite=Strict; HttpOnly"


def local_path(target: str, fallback: str) -> str:
    """``target`` if it is a path on this site, else ``fallback`` (no open redirects)."""
    ok = target.startswith("/") and not target.startswith("//") and "\\" not in target
    return target if ok else fallback
