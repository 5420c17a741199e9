"""evaluate: the personal trial design, effect estimates with honest intervals, and reports.

The public names load lazily, so importing a light module such as ``mgcalm.evaluation.series``
(as command-line handlers do for their defaults) does not pull in NumPy and SciPy.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mgcalm.evaluation.csv_evaluation import evaluate_csv
    from mgcalm.evaluation.effect import Effect, evaluate
    from mgcalm.evaluation.individual import PersonEffect, person_effect
    from mgcalm.evaluation.outcomes import OUTCOME_PRESETS, outcome_for
    from mgcalm.evaluation.series import (
        DEFAULT_TRANSITION_DAYS,
        AnalysisSettings,
        Observation,
        Outcome,
    )

_HOMES = {
    "DEFAULT_TRANSITION_DAYS": "series",
    "OUTCOME_PRESETS": "outcomes",
    "AnalysisSettings": "series",
    "Effect": "effect",
    "Observation": "series",
    "Outcome": "series",
    "PersonEffect": "individual",
    "evaluate": "effect",
    "evaluate_csv": "csv_evaluation",
    "outcome_for": "outcomes",
    "person_effect": "individual",
}

__all__ = [
    "DEFAULT_TRANSITION_DAYS",
    "OUTCOME_PRESETS",
    "AnalysisSettings",
    "Effect",
    "Observation",
    "Outcome",
    "PersonEffect",
    "evaluate",
    "evaluate_csv",
    "outcome_for",
    "person_effect",
]


def __getattr__(name: str) -> Any:
    """Load a public name from its module on first use."""
    if name not in _HOMES:
        raise AttributeError(f"module 'mgcalm.evaluation' has no attribute {name!r}")
    return getattr(import_module(f"mgcalm.evaluation.{_HOMES[name]}"), name)
