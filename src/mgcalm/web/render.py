"""Rendering helpers shared by the routes: one Jinja2 environment and the page context."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from starlette.responses import HTMLResponse

from mgcalm.app.preferences import MG_PER_MMOL, preferences
from mgcalm.app.safety.country import region_for
from mgcalm.app.safety.plan import safety_plan_view
from mgcalm.app.safety.support import crisis_support, headline
from mgcalm.app.settings import load_settings
from mgcalm.domain import Problem
from mgcalm.domain.entries import NotFoundError
from mgcalm.domain.outcome_words import outcome_words
from mgcalm.web.deps import person_id, services
from mgcalm.web.field_words import field_words
from mgcalm.web.security import csrf_token

HERE = Path(__file__).parent
TEMPLATES = Jinja2Templates(directory=str(HERE / "templates"))


@pass_context
def magnesium(context: Any, mg: float | None) -> str:
    """An amount of magnesium in the person's chosen units (mg, or mmol at 24.305 mg/mmol)."""
    if mg is None:
        return "–"
    if context.get("units") == "mmol":
        return f"{mg / MG_PER_MMOL:.1f} mmol"
    return f"{mg:.0f} mg"


TEMPLATES.env.filters["magnesium"] = magnesium
TEMPLATES.env.filters["field_words"] = field_words
TEMPLATES.env.filters["outcome"] = outcome_words

# The main navigation, in the order a person meets the app; ``/support`` is in the header.
NAV: tuple[tuple[str, str], ...] = (
    ("/", "Today"),
    ("/log", "Log"),
    ("/progress", "Progress"),
    ("/practices", "Practices"),
    ("/plan", "Plan"),
    ("/learn", "Learn"),
    ("/settings", "Settings"),
)


def problems_by_field(problems: tuple[Problem, ...] | list[Problem]) -> dict[str, list[Problem]]:
    """Group problems by the form field they name, so each is shown next to its field."""
    grouped: dict[str, list[Problem]] = {}
    for problem in problems:
        field = problem.location.split(": ", 1)[-1]
        # "goals.focus[2]" belongs beside the "goals.focus" field; keep the exact name too.
        names = {field, re.sub(r"\[\d+\]$", "", field)}
        for name in names:
            grouped.setdefault(name, []).append(problem)
    return grouped


def _person_or_none(request: Request) -> str | None:
    """The request's person, or None before onboarding (or for a clinician)."""
    try:
        return person_id(request)
    except NotFoundError:
        return None
    except Exception:  # the store itself failed (full disk…): the calm error page must render
        return None


def person_region(request: Request) -> str:
    """The country whose crisis lines this request's person sees (before onboarding: the app's)."""
    return region_for(services(request), _person_or_none(request))


def _preferences(request: Request) -> dict[str, Any]:
    """The saved units and region; the defaults when the store itself is what failed."""
    try:
        return preferences(services(request))
    except Exception:  # a full disk or a read-only folder: the calm error page must still render
        return {"units": "mg", "region": load_settings().region}


def _page_region(request: Request, who: str | None, prefs: dict[str, Any]) -> str:
    """The person's country for the header and crisis lines; the saved one if the store failed."""
    try:
        return region_for(services(request), who)
    except Exception:  # the calm error page must still show the crisis lines
        return str(prefs["region"])


def clinic_mode(request: Request) -> bool:
    """Whether data lives on a clinic's server (pages then say so, not "on this device")."""
    try:
        return bool(services(request).settings.clinic_mode)
    except Exception:  # the store itself failed: the calm error page must still render
        return bool(load_settings().clinic_mode)


def page(
    request: Request,
    template: str,
    context: Mapping[str, Any] | None = None,
    *,
    status_code: int = 200,
    problems: tuple[Problem, ...] | list[Problem] = (),
    crisis: bool = False,
) -> HTMLResponse:
    """Render a full page with the shared context (CSRF token, navigation, problems, crisis)."""
    full: dict[str, Any] = {
        "csrf_token": csrf_token(request),
        "nav": NAV,
        "path": request.url.path,
        "problems": list(problems),
        "errors": problems_by_field(problems),
        "crisis": crisis,
    }
    prefs = _preferences(request)
    full["units"] = prefs["units"]
    who = _person_or_none(request)
    region = _page_region(request, who, prefs)
    full["support_headline"] = headline(region)
    full["clinic_mode"] = clinic_mode(request)
    if crisis:
        full["crisis_support"] = crisis_support(region)
        # The person's own plan shows with the lines (only on their own pages, never /support).
        full["safety_plan"] = safety_plan_view(services(request), who) if who else None
    full.update(context or {})
    return TEMPLATES.TemplateResponse(request, template, full, status_code=status_code)
