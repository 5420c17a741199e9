"""Helpers the clinic routes share: the account of the request and safe redirects."""

from __future__ import annotations

import secrets

from fastapi import Request
from starlette.responses import RedirectResponse

from mgcalm.app.clinic.service import AccessDeniedError, AccountRecord
from mgcalm.web.clinic.render import account_of
from mgcalm.web.security import CSRF_COOKIE


def require_account(request: Request) -> AccountRecord:
    """The logged-in account (the middleware already sent anyone else to /login)."""
    account = account_of(request)
    if account is None:
        raise AccessDeniedError("log in first", status=401)
    return account


def local_path(target: str, fallback: str) -> str:
    """``target`` if it is a path on this site, else ``fallback`` (no open redirects)."""
    ok = target.startswith("/") and not target.startswith("//") and "\\" not in target
    return target if ok else fallback


def see_other(url: str) -> RedirectResponse:
    """A 303 redirect (after a form post, the browser then GETs the page)."""
    return RedirectResponse(url, status_code=303)


def fresh_csrf_cookie() -> str:
    """A new CSRF cookie for the new session, so no token from before login stays valid."""
    return f"{CSRF_COOKIE}={secrets.token_urlsafe(32)}; Path=/; SameSite=Strict; HttpOnly"
