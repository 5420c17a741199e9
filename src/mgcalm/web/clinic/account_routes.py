"""/login, /logout and /account (grants, invitation codes, audit log), with JSON twins."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse, Response

from mgcalm.app.clinic import service as clinic
from mgcalm.app.clinic.settings import load_clinic_settings
from mgcalm.domain import InvalidInputError
from mgcalm.web import deps
from mgcalm.web.clinic.auth import expired_cookie, session_cookie, session_token
from mgcalm.web.clinic.common import fresh_csrf_cookie, local_path, require_account, see_other
from mgcalm.web.clinic.policy import home_of
from mgcalm.web.clinic.render import clinic_page
from mgcalm.web.routes.base import api_router, page_router

pages = page_router()
api = api_router("clinic")


@pages.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "") -> HTMLResponse:
    """The login form."""
    return clinic_page(request, "login.html", {"title": "Log in", "next": next, "username": ""})


@pages.post("/login", response_class=HTMLResponse)
async def login_submit(request: Request) -> Response:
    """Log in: a new session (the old one ends), new CSRF token, then on to the next page."""
    form = await request.form()
    username, next_page = str(form.get("username", "")), str(form.get("next", ""))
    address = request.client.host if request.client else "unknown"
    try:  # argon2 takes tens of milliseconds of CPU: keep it off the event loop
        done = await run_in_threadpool(
            clinic.log_in,
            deps.services(request),
            username,
            str(form.get("password", "")),
            address,
            session_token(request.scope),
        )
    except InvalidInputError as error:
        context = {"title": "Log in", "next": next_page, "username": username}
        page = clinic_page(request, "login.html", context, problems=error.problems, status_code=401)
        if isinstance(error, clinic.TooManyAttemptsError):
            page.status_code = 429
            page.headers["retry-after"] = str(error.retry_after)
        return page
    response = see_other(local_path(next_page, home_of(done.account)))
    response.headers.append("set-cookie", session_cookie(done.token, load_clinic_settings()))
    response.headers.append("set-cookie", fresh_csrf_cookie())
    return response


@pages.post("/logout")
def logout(request: Request) -> Response:
    """End the session everywhere it could be used, and forget the cookie."""
    clinic.log_out(deps.services(request), session_token(request.scope))
    response = see_other("/login")
    response.headers.append("set-cookie", expired_cookie(load_clinic_settings()))
    return response


@pages.get("/account", response_class=HTMLResponse)
def account_page(request: Request, code: str = "", done: str = "") -> HTMLResponse:
    """The account: grants, the person's own live invitation code, and their audit log.

    A ``code`` in the address is shown only when it is one of this person's live invitations,
    so no link can make the page present arbitrary text as "your invitation code".
    """
    mg, account = deps.services(request), require_account(request)
    return _account(request, clinic.shown_code(mg, account, code), done[:20])


def _account(
    request: Request, code: str = "", done: str = "", problems: Any = (), status: int = 200
) -> HTMLResponse:
    view = clinic.account_view(deps.services(request), require_account(request))
    context = {"title": "Account", "view": view, "code": code, "done": done}
    return clinic_page(request, "account.html", context, problems=problems, status_code=status)


@pages.post("/account/invite", response_class=HTMLResponse)
def account_invite(request: Request) -> HTMLResponse:
    """Make an invitation code and show it once."""
    code = clinic.invite(deps.services(request), require_account(request))
    return _account(request, code=code)


@pages.post("/account/password", response_class=HTMLResponse)
async def account_password(request: Request) -> Response:
    """Set your own password (after an admin reset, this ends the auditing of every read)."""
    form = await request.form()
    current, new = str(form.get("current_password", "")), str(form.get("new_password", ""))
    try:
        await run_in_threadpool(
            clinic.change_password, deps.services(request), require_account(request), current, new
        )
    except clinic.AccessDeniedError:
        raise
    except InvalidInputError as error:
        return _account(request, problems=error.problems, status=422)
    return see_other("/account?done=password")


@pages.post("/account/redeem")
async def account_redeem(request: Request) -> Response:
    """A clinician redeems a code; the person then appears on their dashboard."""
    form = await request.form()
    clinic.redeem(deps.services(request), require_account(request), str(form.get("code", "")))
    return see_other("/clinic")


@pages.post("/account/revoke")
async def account_revoke(request: Request) -> Response:
    """A person revokes one of their grants."""
    form = await request.form()
    mg, account = deps.services(request), require_account(request)
    clinic.revoke(mg, account, str(form.get("grant_id", "")))
    return see_other("/account?done=revoked")


@pages.post("/account/delete", response_class=HTMLResponse)
async def account_delete(request: Request) -> Response:
    """A person deletes everything stored about them, once they typed the confirm word."""
    form = await request.form()
    mg, account = deps.services(request), require_account(request)
    try:
        clinic.delete_my_data(mg, account, str(form.get("confirm", "")))
    except clinic.AccessDeniedError:
        raise
    except InvalidInputError as error:
        view = clinic.account_view(mg, account)
        context = {"title": "Account", "view": view, "code": "", "done": ""}
        return clinic_page(
            request, "account.html", context, problems=error.problems, status_code=422
        )
    return see_other("/onboarding")


@api.get("/account")
def account_json(request: Request) -> dict[str, Any]:
    """The account: grants and (for a person) the audit log."""
    return clinic.account_view(deps.services(request), require_account(request))


class NewPassword(BaseModel):
    """Your current password and the new one (10 to 256 characters)."""

    current_password: str = Field(max_length=256)
    new_password: str = Field(max_length=256)


@api.post("/account/password")
def password_json(request: Request, body: NewPassword) -> dict[str, str]:
    """Set your own password; answers 422 naming the field when it is not accepted."""
    account = require_account(request)
    clinic.change_password(
        deps.services(request), account, body.current_password, body.new_password
    )
    return {"done": "password changed"}


@api.post("/account/invitations", status_code=201)
def invite_json(request: Request) -> dict[str, Any]:
    """Make an invitation code (shown once)."""
    return {"code": clinic.invite(deps.services(request), require_account(request))}
