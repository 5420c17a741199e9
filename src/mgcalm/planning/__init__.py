"""plan: profile -> a safe plan (status, forms, dose, titration, dose times, foods, routine).

``make_plan(profile, kb, foods)`` is pure: no clock, no files, no network. ``step_down``
lowers a plan one titration step when ``should_step_down`` sees loose stools (Bristol 6–7) on
two or more days, and ``step_up`` raises it one step again (never above the full plan).
``PlanningKnowledge`` is the part of the knowledge base the planner reads.
"""

from mgcalm.planning.planner import make_plan, step_down, step_up
from mgcalm.planning.port import PlanningKnowledge
from mgcalm.planning.side_effects import should_step_down

__all__ = ["PlanningKnowledge", "make_plan", "should_step_down", "step_down", "step_up"]
