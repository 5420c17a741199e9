"""Reading submitted forms and the choices the onboarding form offers."""

from __future__ import annotations

import re
from typing import Any

from starlette.datastructures import FormData

from mgcalm.app.views.forms import MEDICATION_ROWS, PRIMARY_OUTCOMES, SUPPLEMENT_ROWS
from mgcalm.app.views.profile import medicine_suggestions
from mgcalm.domain.profile import GOALS, KIDNEY_STAGES
from mgcalm.instruments.crisis import REGION_NAMES

REPEATED = ("goals.focus", "health.conditions", "symptoms")
#: A medicine's schedule as the form offers it (ids as the profile file spells them).
WEEKDAY_NAMES = (
    ("mon", "Mon"),
    ("tue", "Tue"),
    ("wed", "Wed"),
    ("thu", "Thu"),
    ("fri", "Fri"),
    ("sat", "Sat"),
    ("sun", "Sun"),
)
HOW_OFTEN = (("", "Every day"), ("week", "Once a week"), ("month", "Once a month"))
REPEATED_IN_ROWS = re.compile(r"^medications\[\d+\]\.days$")


def form_values(form: FormData) -> dict[str, Any]:
    """A submitted form as a dict: one string per field, a list for the repeatable ones."""
    values: dict[str, Any] = {k: str(v) for k, v in form.items() if k != "csrf_token"}
    for name in REPEATED:
        values[name] = [str(v) for v in form.getlist(name)]
    for name in {k for k in form if REPEATED_IN_ROWS.match(k)}:  # a medicine's weekdays
        values[name] = [str(v) for v in form.getlist(name)]
    return values


def conditions() -> tuple[tuple[str, str], ...]:
    """Every condition a person can tick, from the knowledge base (id, name)."""
    from mgcalm.knowledge import knowledge_base

    found = knowledge_base().conditions.values()
    return tuple((c.id, c.name) for c in found if c.selectable)


def _rows_used(values: dict[str, Any], table: str) -> int:
    """One more than the highest row index the values use (0 when none)."""
    used = [int(k[len(table) + 1 : k.index("]")]) for k in values if k.startswith(f"{table}[")]
    return max(used, default=-1) + 1


def onboarding_choices(values: dict[str, Any] | None = None) -> dict[str, Any]:
    """The options the onboarding and profile forms list; always one empty row to add to."""
    values = values or {}
    return {
        "goals": GOALS,
        "kidney_stages": KIDNEY_STAGES,
        "conditions": conditions(),
        "outcomes": PRIMARY_OUTCOMES,
        "medication_rows": range(max(MEDICATION_ROWS, _rows_used(values, "medications") + 1)),
        "supplement_rows": range(max(SUPPLEMENT_ROWS, _rows_used(values, "supplements") + 1)),
        "medicine_names": medicine_suggestions(),
        "regions": dict(REGION_NAMES),
        "weekdays": WEEKDAY_NAMES,
        "how_often": HOW_OFTEN,
    }
