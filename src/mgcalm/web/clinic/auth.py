"""Clinic-mode authentication: the session cookie, the logged-in account and the path policy.

:class:`ClinicAuthMiddleware` looks the session cookie up in the database on every request (no
state in the worker, so any worker serves any request), stores the account in the request state,
and turns away requests the :mod:`~mgcalm.web.clinic.policy` does not allow: to /login when not
logged in (401 JSON for the API), 403 when the account's role may not go there. For a person it
also records which person the existing pages serve (read by :func:`mgcalm.web.deps.person_id`).
While an account's password is one an admin set, every request it makes for data is audited.
"""

from __future__ import annotations

from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from mgcalm.app.clinic.auth import session_account
from mgcalm.app.clinic.service import audit_read_after_reset
from mgcalm.app.clinic.settings import ClinicSettings
from mgcalm.store.clinic.accounts import AccountRecord
from mgcalm.web.clinic.policy import home_of, under, verdict
from mgcalm.web.clinic.render import clinic_page
from mgcalm.web.deps import services
from mgcalm.web.security import ASGIApp, Receive, Scope, Send

SESSION_COOKIE = "mgcalm_session"
PERSON_KEY = "mgcalm_person"  # the request-state key mgcalm.web.deps.person_id reads


def session_token(scope: Scope) -> str | None:
    """The session token from the request's cookie header, if any."""
    for name, value in scope.get("headers", ()):
        if name == b"cookie":
            jar: SimpleCookie = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed cookie header is treated as no cookie
                return None
            morsel = jar.get(SESSION_COOKIE)
            return morsel.value if morsel else None
    return None


def session_cookie(token: str, settings: ClinicSettings) -> str:
    """The Set-Cookie value for a new session: HttpOnly, SameSite=Lax, Secure behind https."""
    parts = [
        f"{SESSION_COOKIE}={token}",
        "Path=/",
        "HttpOnly",
        "SameSite=Lax",
        f"Max-Age={settings.session_hours * 3600}",
    ]
    if settings.secure_cookies:
        parts.append("Secure")
    return "; ".join(parts)


def expired_cookie(settings: ClinicSettings) -> str:
    """The Set-Cookie value that removes the session cookie."""
    secure = "; Secure" if settings.secure_cookies else ""
    return f"{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"


class ClinicAuthMiddleware:
    """Pure ASGI middleware: resolve the session, enforce the path policy."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Let the request through with its account, or answer it here."""
        if scope["type"] != "http" or scope["path"].startswith("/static/"):
            await self.app(scope, receive, send)  # assets hold no data: no session lookup
            return
        request = Request(scope, receive)
        account = await run_in_threadpool(_lookup, request)
        state: dict[str, Any] = scope.setdefault("state", {})
        state["clinic_account"] = account
        if account is not None and account.role == "person":
            state[PERSON_KEY] = account.person_id
        decision = verdict(scope["path"], scope["method"], account)
        if decision == "allow":
            if account is not None and account.password_reset_by and _reads_data(scope["path"]):
                what = f"{scope['method']} {scope['path']}"
                await run_in_threadpool(audit_read_after_reset, services(request), account, what)
            await self.app(scope, receive, send)
            return
        await _refusal(request, decision, account)(scope, receive, send)


# Paths that show no one's data: reading them after an admin reset is not worth an audit entry.
_NO_DATA = (
    "/login",
    "/logout",
    "/support",
    "/api/support",
    "/account/password",
    "/api/account/password",
    "/openapi.json",
)


def _reads_data(path: str) -> bool:
    return not under(path, _NO_DATA)


def _lookup(request: Request) -> AccountRecord | None:
    mg = services(request)
    return session_account(mg.store, session_token(request.scope), mg.now())


def _refusal(request: Request, decision: str, account: AccountRecord | None) -> Response:
    """The answer for a request the policy turns away."""
    api = request.url.path.startswith("/api/")
    if decision == "login":
        if api:
            return JSONResponse({"error": "Log in first.", "problems": []}, status_code=401)
        return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
    if decision == "home" and account is not None:
        return RedirectResponse(home_of(account), status_code=303)
    message = (
        "In clinic mode this is not offered: it would reach every person's data. "
        "The clinic's administrator backs up the database with pg_dump."
        if decision == "refuse"
        else "Your account cannot open this page."
    )
    if api:
        return JSONResponse({"error": message, "problems": []}, status_code=403)
    context = {"title": "This request was refused", "message": message, "status": 403}
    return clinic_page(request, "error.html", context, status_code=403)
