"""The planner the app uses: ``mgcalm.planning.make_plan`` with the packaged knowledge."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

from mgcalm.domain.plan import Plan
from mgcalm.domain.problems import InvalidInputError, Problem
from mgcalm.domain.profile import Profile


def packaged_planner() -> Callable[[Profile], Plan]:
    """A function profile → plan over the packaged knowledge base and food list."""
    planning = import_module("mgcalm.planning")
    make_plan: Any = getattr(planning, "make_plan", None)
    if make_plan is None:
        raise InvalidInputError([Problem("plan", "the planner is not available in this build")])
    return lambda profile: make_plan(profile)
