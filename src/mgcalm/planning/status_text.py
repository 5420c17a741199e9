"""The plan's status in words for a person, so every interface says the same thing.

The status line never says "You can start" unless there is a dose to start: a plan whose
doses are empty (paused for a course, no safe time, magnesium already at the limit, an amount
to give first) says why it has none.
"""

from __future__ import annotations

from mgcalm.domain.plan import Plan

_LABELS = {
    "ok": "OK",
    "caution": "CAUTION",
    "clinician_required": "TALK TO YOUR CLINICIAN FIRST",
    "not_recommended": "NOT RECOMMENDED",
}
_STOPPED = {
    "clinician_required": (
        "Do not start magnesium on your own. Talk to your clinician first, because:"
    ),
    "not_recommended": "mgcalm does not recommend magnesium supplements for you, because:",
}


def status_label(plan: Plan) -> str:
    """The status as a short heading: "OK", "CAUTION", "TALK TO YOUR CLINICIAN FIRST"…"""
    return _LABELS[plan.status]


def status_lead(plan: Plan) -> str:
    """One sentence under the heading, true to the plan's doses."""
    if plan.status in _STOPPED:
        return _STOPPED[plan.status]
    if plan.resume_after_course is not None and not plan.doses:
        return (
            "Magnesium waits until your medicine course ends: start on "
            f"{plan.resume_after_course.resume_on} with the doses under 'after the course'."
        )
    if not plan.doses:
        return "No magnesium doses are planned for now; the warnings below say why and what to do."
    if plan.status == "ok":
        return "You can start, following the plan below."
    return "You can start, but read each warning below first."
