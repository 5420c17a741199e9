"""Rendering clinic pages: the shared base layout, with navigation that fits the account."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import HTMLResponse

from mgcalm.domain import Problem
from mgcalm.store.clinic.accounts import AccountRecord
from mgcalm.web.field_words import field_words
from mgcalm.web.render import HERE as WEB_HERE
from mgcalm.web.render import NAV, problems_by_field
from mgcalm.web.security import csrf_token

HERE = Path(__file__).parent
# Clinic templates first, then the app's own (base.html, _macros.html) so pages share one layout.
TEMPLATES = Jinja2Templates(
    env=jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [
                jinja2.FileSystemLoader(str(HERE / "templates")),
                jinja2.FileSystemLoader(str(WEB_HERE / "templates")),
            ]
        ),
        autoescape=True,
    )
)
TEMPLATES.env.filters["field_words"] = field_words  # base.html names fields in plain words
CLINICIAN_NAV = (("/clinic", "People"), ("/account", "Account"))
ADMIN_NAV = (("/admin", "Accounts"), ("/account", "Account"))
PERSON_NAV = (*NAV, ("/account", "Account"))


def account_of(request: Request) -> AccountRecord | None:
    """The logged-in account (set by :class:`~mgcalm.web.clinic.auth.ClinicAuthMiddleware`)."""
    found = request.scope.get("state", {}).get("clinic_account")
    return found if isinstance(found, AccountRecord) else None


def nav_for(account: AccountRecord | None) -> tuple[tuple[str, str], ...]:
    """The navigation an account sees (nothing before login)."""
    if account is None:
        return ()
    return {"clinician": CLINICIAN_NAV, "admin": ADMIN_NAV}.get(account.role, PERSON_NAV)


def clinic_page(
    request: Request,
    template: str,
    context: Mapping[str, Any] | None = None,
    *,
    status_code: int = 200,
    problems: tuple[Problem, ...] | list[Problem] = (),
) -> HTMLResponse:
    """Render a clinic page inside the shared layout."""
    account = account_of(request)
    full: dict[str, Any] = {
        "csrf_token": csrf_token(request),
        "nav": nav_for(account),
        "path": request.url.path,
        "problems": list(problems),
        "errors": problems_by_field(problems),
        "crisis": False,
        "account": account,
        "clinic_mode": True,  # only clinic mode serves these pages
    }
    full.update(context or {})
    return TEMPLATES.TemplateResponse(request, template, full, status_code=status_code)
