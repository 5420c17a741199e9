"""Route modules, one per page; each pairs the HTML page with its JSON twin under /api."""

from __future__ import annotations

from fastapi import APIRouter

from mgcalm.web.routes import assess, practices, support

ROUTERS: tuple[APIRouter, ...] = (
    assess.pages,
    assess.api,
    support.pages,
    support.api,
    practices.pages,
    practices.api,
)
