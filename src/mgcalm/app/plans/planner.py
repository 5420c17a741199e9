"""The planner the app uses: ``mgcalm.planning.make_plan`` over the packaged knowledge and foods."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from mgcalm.domain.plan import Plan
from mgcalm.domain.profile import Profile


def packaged_planner(today: date | None = None) -> Callable[[Profile], Plan]:
    """A function profile → plan over the packaged knowledge base and the article's foods.

    ``today`` lets the planner drop medicine courses that ended before it.
    """
    from mgcalm.knowledge.foods import article_portions
    from mgcalm.knowledge.loader import knowledge_base
    from mgcalm.planning import make_plan

    kb, foods = knowledge_base(), article_portions()
    return lambda profile: make_plan(profile, kb, foods, today)
