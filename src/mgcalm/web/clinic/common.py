"""Helpers the clinic routes share: the account of the request and safe redirects."""

from __future__ import annotations

from fastapi import Request
from starlette.responses import RedirectResponse

from mgcalm.app.clinic.service import AccessDeniedError, AccountRecord
from mgcalm.web.clinic.render import account_of
from mgcalm.web.security import fresh_csrf_cookie as fresh_csrf_cookie
from mgcalm.web.security import local_path as local_path


def require_account(request: Request) -> AccountRecord:
    """The logged-in account (the middleware already sent anyone else to /login)."""
    account = account_of(request)
    if account is None:
        raise AccessDeniedError("log in first", status=401)
    return account


def see_other(url: str) -> RedirectResponse:
    """A 303 redirect (after a form post, the browser then GETs the page)."""
    return RedirectResponse(url, status_code=303)
