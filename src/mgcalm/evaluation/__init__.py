"""evaluate: the personal trial design, effect estimates with honest intervals, and reports."""

from mgcalm.evaluation.effect import Effect, evaluate, evaluate_csv
from mgcalm.evaluation.outcomes import OUTCOME_PRESETS, outcome_for
from mgcalm.evaluation.series import AnalysisSettings, Observation, Outcome

__all__ = [
    "OUTCOME_PRESETS",
    "AnalysisSettings",
    "Effect",
    "Observation",
    "Outcome",
    "evaluate",
    "evaluate_csv",
    "outcome_for",
]
