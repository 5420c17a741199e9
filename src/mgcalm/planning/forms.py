"""Which form: the article's form for each goal, shown with the honest wording, grade, sources.

The article matches forms to symptoms (glycinate for anxiety and sleep, threonate for brain
fog, citrate for constipation, malate for fatigue). mgcalm keeps that mapping, which lives in
the knowledge base, and says alongside it how weak the evidence for any form is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mgcalm.domain.plan import FormChoice
from mgcalm.planning.port import PlanningKnowledge

# With no goals given, plan for general calming, which the article pairs with anxiety.
DEFAULT_GOALS: tuple[str, ...] = ("anxiety",)
# What a daytime dose is for, by the first daytime goal (sleep has its own evening dose).
DAY_PURPOSE: Mapping[str, str] = {
    "anxiety": "calm",
    "stress": "calm",
    "muscle_tension": "muscle_tension",
    "brain_fog": "focus",
    "constipation": "digestion",
    "fatigue": "energy",
    "low_mood": "mood",
    "sleep": "calm",
}
GOAL_WORDS: Mapping[str, str] = {
    "anxiety": "anxiety",
    "sleep": "sleep",
    "muscle_tension": "muscle tension",
    "brain_fog": "brain fog",
    "constipation": "constipation",
    "fatigue": "fatigue",
    "low_mood": "low mood",
    "stress": "stress",
}


@dataclass(frozen=True, slots=True)
class FormPlan:
    """The forms to show, and which oral form each kind of dose uses."""

    choices: tuple[FormChoice, ...]
    day_form: str
    sleep_form: str
    day_purpose: str


def effective_goals(goals: tuple[str, ...]) -> tuple[str, ...]:
    """The person's goals, or general calming when they named none."""
    return goals or DEFAULT_GOALS


def choose_forms(goals: tuple[str, ...], kb: PlanningKnowledge) -> FormPlan:
    """Forms for the goals, in goal order, with why, grade and sources; and the dose forms."""
    goals = effective_goals(goals)
    wanted: dict[str, list[str]] = {}
    for goal in goals:
        for form_id in kb.goal_forms.get(goal, ()):
            wanted.setdefault(form_id, []).append(goal)
    choices = tuple(_choice(form_id, for_goals, kb) for form_id, for_goals in wanted.items())
    oral = [f for f in wanted if kb.forms[f].route == "oral"]
    day_goals = [g for g in goals if g != "sleep"] or list(goals)
    any_oral = next(f.id for f in kb.forms.values() if f.route == "oral")
    day_form = _first_oral(kb, day_goals) or (oral[0] if oral else any_oral)
    sleep_form = _first_oral(kb, ["sleep"]) if "sleep" in goals else day_form
    return FormPlan(choices, day_form, sleep_form or day_form, DAY_PURPOSE[day_goals[0]])


def _first_oral(kb: PlanningKnowledge, goals: list[str]) -> str | None:
    for goal in goals:
        for form_id in kb.goal_forms.get(goal, ()):
            if form_id in kb.forms and kb.forms[form_id].route == "oral":
                return form_id
    return None


def _choice(form_id: str, goals: list[str], kb: PlanningKnowledge) -> FormChoice:
    form = kb.forms[form_id]
    named = ", ".join(GOAL_WORDS[g] for g in goals)
    why = f"The article suggests {form.name.lower()} for {named}. {form.honest_wording}"
    if form.route != "oral":
        why += " Magnesium through the skin is not counted toward your dose."
    return FormChoice(form.id, why, form.evidence_grade, form.sources)
