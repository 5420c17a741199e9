"""Reading submitted forms and the choices the onboarding form offers."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData

from mgcalm.app.views.forms import MEDICATION_ROWS, PRIMARY_OUTCOMES, SUPPLEMENT_ROWS
from mgcalm.domain.profile import GOALS, KIDNEY_STAGES

CONDITIONS: tuple[tuple[str, str], ...] = (
    ("myasthenia_gravis", "Myasthenia gravis"),
    ("heart_block", "Heart block or a slow heart rhythm"),
    ("ibd", "Inflammatory bowel disease (Crohn's, ulcerative colitis)"),
    ("bariatric_surgery", "Weight-loss (bariatric) surgery"),
)
REPEATED = ("goals.focus", "health.conditions", "symptoms")


def form_values(form: FormData) -> dict[str, Any]:
    """A submitted form as a dict: one string per field, a list for the repeatable ones."""
    values: dict[str, Any] = {k: str(v) for k, v in form.items() if k != "csrf_token"}
    for name in REPEATED:
        values[name] = [str(v) for v in form.getlist(name)]
    return values


def onboarding_choices() -> dict[str, Any]:
    """The options the onboarding form lists."""
    return {
        "goals": GOALS,
        "kidney_stages": KIDNEY_STAGES,
        "conditions": CONDITIONS,
        "outcomes": PRIMARY_OUTCOMES,
        "medication_rows": range(MEDICATION_ROWS),
        "supplement_rows": range(SUPPLEMENT_ROWS),
    }
