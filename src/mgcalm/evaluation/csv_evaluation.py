"""``mgcalm evaluate FILE.csv``: read the series, check the options, evaluate, add per-protocol."""

from __future__ import annotations

from mgcalm.domain import InvalidInputError, Problem
from mgcalm.evaluation.adherence import dosed_only
from mgcalm.evaluation.csv_series import parse_series_csv
from mgcalm.evaluation.effect import Effect, evaluate, with_per_protocol
from mgcalm.evaluation.series import AnalysisSettings, Outcome


def evaluate_csv(
    text: str,
    source: str,
    outcome: Outcome,
    settings: AnalysisSettings = AnalysisSettings(),
) -> Effect:
    """Parse a ``date,phase,value[,taken]`` CSV and evaluate it; every problem reported at once.

    With a ``taken`` column the per-protocol estimate (days with every capsule taken) is added
    beside the main, intention-to-treat one.
    """
    problems = settings_problems(outcome, settings)
    try:
        observations = parse_series_csv(text, source)
    except InvalidInputError as error:
        raise InvalidInputError(problems + list(error.problems)) from None
    if problems:
        raise InvalidInputError(problems)
    main = evaluate(observations, outcome, settings)
    if all(o.dosed is None for o in observations):
        return main
    try:
        sensitivity = evaluate(dosed_only(observations), outcome, settings)
    except InvalidInputError:
        sensitivity = None
    return with_per_protocol(main, sensitivity)


def settings_problems(outcome: Outcome, settings: AnalysisSettings) -> list[Problem]:
    """Problems with the analysis options themselves."""
    problems = []
    if not outcome.threshold > 0:
        problems.append(Problem("--threshold", f"{outcome.threshold} is not positive", "> 0"))
    if not 0 <= settings.transition_days <= 28:
        problems.append(
            Problem("--transition-days", f"{settings.transition_days} is out of range", "0 to 28")
        )
    if settings.trend not in ("auto", "on", "off"):
        problems.append(Problem("--trend", f"unknown value {settings.trend!r}", "auto, on, off"))
    return problems
