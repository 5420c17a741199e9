"""/admin: accounts (create one, reset a password) and the audit log of the whole clinic."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from starlette.responses import HTMLResponse

from mgcalm.app.clinic import service as clinic
from mgcalm.domain import InvalidInputError
from mgcalm.web import deps
from mgcalm.web.clinic.common import require_account
from mgcalm.web.clinic.render import clinic_page
from mgcalm.web.routes.base import api_router, page_router

pages = page_router()
api = api_router("clinic")


def _admin_page(
    request: Request, done: str = "", problems: Any = (), status: int = 200
) -> HTMLResponse:
    view = clinic.admin_view(deps.services(request), require_account(request))
    context = {"title": "Accounts", "view": view, "done": done}
    return clinic_page(request, "admin.html", context, problems=problems, status_code=status)


@pages.get("/admin", response_class=HTMLResponse)
def admin_page(request: Request) -> HTMLResponse:
    """Accounts and the audit log."""
    return _admin_page(request)


@pages.post("/admin/reset", response_class=HTMLResponse)
async def admin_reset(request: Request) -> HTMLResponse:
    """Set a new password for an account (its sessions end)."""
    form = await request.form()
    user = str(form.get("username", ""))
    try:
        clinic.reset_password(
            deps.services(request), require_account(request), user, str(form.get("password", ""))
        )
    except clinic.AccessDeniedError:
        raise
    except InvalidInputError as error:
        return _admin_page(request, problems=error.problems, status=422)
    return _admin_page(request, done=f"The password of {user} was reset.")


@pages.post("/admin/accounts", response_class=HTMLResponse)
async def admin_create(request: Request) -> HTMLResponse:
    """Create a person or clinician account."""
    form = await request.form()
    values = {k: str(form.get(k, "")) for k in ("username", "password", "role", "display_name")}
    try:
        clinic.create_account(deps.services(request), **values, by=require_account(request))
    except clinic.AccessDeniedError:
        raise
    except InvalidInputError as error:
        return _admin_page(request, problems=error.problems, status=422)
    return _admin_page(request, done=f"Account {values['username']} created.")


@api.get("/admin")
def admin_json(request: Request) -> dict[str, Any]:
    """Accounts and the newest audit entries."""
    return clinic.admin_view(deps.services(request), require_account(request))
