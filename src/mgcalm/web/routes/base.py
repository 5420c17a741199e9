"""Router constructors that attach the right CSRF protection to pages and to the API."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from mgcalm.web.api_docs import API_ERRORS
from mgcalm.web.security import protect_api, protect_form
from mgcalm.web.strict_json import StrictJSONRoute


def page_router() -> APIRouter:
    """A router for HTML pages; unsafe methods need the CSRF form field."""
    return APIRouter(dependencies=[Depends(protect_form)], include_in_schema=False)


def api_router(tag: str) -> APIRouter:
    """A router under /api; unsafe methods need a same-origin JSON body."""
    return APIRouter(
        prefix="/api",
        tags=[tag],
        dependencies=[Depends(protect_api)],
        responses=API_ERRORS,  # every error answer, documented with its body
        route_class=StrictJSONRoute,  # NaN, Infinity and deep nesting refused with a 422
    )
