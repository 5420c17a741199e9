"""A plan that did not come from the planner (an imported file) checked against the safety rules.

The planner never breaks these rules; a plan read from a file might (a hand-edited export with
every dose ten times larger). :func:`plan_problems` says what is unsafe about a plan *for the
profile it was made from*, so an import can refuse it naming the plan:

- the daily total, every titration step and every dose after a course must stay within the
  supplemental upper limit minus the magnesium the person already takes as supplements;
- no dose may fall inside a medicine's separation window (checked round the 24-hour circle);
- where screening says the plan is not safe to follow alone, the plan may hold no doses.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from mgcalm.domain.plan import Dose, Plan
from mgcalm.domain.problems import Problem
from mgcalm.domain.profile import Profile
from mgcalm.planning.planner import current_profile
from mgcalm.planning.port import PlanningKnowledge
from mgcalm.planning.screening import screen
from mgcalm.planning.timing import separations

STOPPING = ("clinician_required", "not_recommended")


def plan_problems(plan: Plan, profile: Profile, kb: PlanningKnowledge, day: date) -> list[Problem]:
    """Every way ``plan`` breaks the safety rules for ``profile`` on ``day`` (empty: safe)."""
    current = current_profile(profile, day)
    problems = _over_the_limit(plan, current, kb)
    screening = screen(current, kb)
    for separation in separations(screening.spacings, plan.doses):
        if not separation.satisfied:
            problems.append(
                Problem(
                    "doses",
                    f"a dose falls inside the separation window of {separation.medication} "
                    f"at {separation.medication_time:%H:%M}",
                    f"doses at least {separation.min_hours_med_before_mg:g} h after and "
                    f"{separation.min_hours_mg_before_med:g} h before it",
                )
            )
    if screening.status in STOPPING and plan.doses:
        problems.append(
            Problem(
                "doses",
                f"this profile needs a clinician first ({screening.status}), so the plan may "
                "hold no doses",
                "no doses",
            )
        )
    return problems


def _over_the_limit(plan: Plan, profile: Profile, kb: PlanningKnowledge) -> list[Problem]:
    """Amounts above the supplemental UL, counting the magnesium already taken."""
    ul = kb.supplemental_ul(profile.person.age)
    room = max(0.0, (ul.value_mg if ul is not None else 0.0) - profile.supplemental_magnesium_mg)
    accepted = (
        f"at most {room:g} mg/day (the supplemental upper limit"
        f" {ul.value_mg if ul else 0:g} mg minus {profile.supplemental_magnesium_mg:g} mg"
        " already taken)"
    )
    amounts = [("doses", _total(plan.doses))]
    amounts += [(f"titration[{i}]", s.elemental_mg_per_day) for i, s in enumerate(plan.titration)]
    amounts.append(("target_elemental_mg_per_day", plan.target_elemental_mg_per_day))
    if plan.resume_after_course is not None:
        amounts.append(("resume_after_course.doses", _total(plan.resume_after_course.doses)))
    return [
        Problem(where, f"{mg:g} mg of magnesium a day is above the upper limit", accepted)
        for where, mg in amounts
        if mg > room
    ]


def _total(doses: Sequence[Dose]) -> float:
    return float(sum(d.elemental_mg for d in doses))
