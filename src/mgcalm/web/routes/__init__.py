"""Route modules, one per page; each pairs the HTML page with its JSON twin under /api."""

from __future__ import annotations

from fastapi import APIRouter

from mgcalm.web.routes import (
    assess,
    log,
    log_api,
    onboarding,
    outcome,
    plan,
    practices,
    profile,
    progress,
    safety,
    settings,
    sharing,
    shell,
    support,
    today,
    trial,
    wearables,
)

ROUTERS: tuple[APIRouter, ...] = (
    shell.pages,
    sharing.pages,
    sharing.api,
    settings.pages,
    settings.api,
    outcome.pages,
    outcome.api,
    wearables.pages,
    wearables.api,
    progress.pages,
    progress.api,
    trial.pages,
    trial.api,
    today.pages,
    today.api,
    log.pages,
    log_api.api,
    onboarding.pages,
    profile.pages,
    profile.api,
    onboarding.api,
    plan.pages,
    plan.api,
    assess.pages,
    assess.api,
    support.pages,
    support.api,
    safety.pages,
    safety.api,
    practices.pages,
    practices.api,
)
