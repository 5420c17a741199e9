"""Flags about the trial itself: its primary outcome, design, timing, scale and adherence.

Every one is something a reader must not miss when weighing the result: a primary outcome
changed after the start, a verdict read before the planned end, a comparison with one switch,
ratings stuck at a floor or ceiling, a verdict that depends on adherence, a blinding that may
not have held.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mgcalm.evaluation.verdict import AB_CAVEAT, VERDICT_WORDS

if TYPE_CHECKING:
    from mgcalm.evaluation.report import OutcomeResult
    from mgcalm.evaluation.report_input import ReportInput


def _outcome_flags(result: OutcomeResult) -> list[str]:
    """Design, scale and adherence flags of one outcome."""
    main, pp = result.effect, result.per_protocol
    if main is None:
        return []
    name = result.outcome.name.replace("_", " ").capitalize()
    flags = [b.message for b in main.bounds]
    if main.primary and not main.person.controlled:
        flags.append(f"{name}: {AB_CAVEAT}")
    if main.primary and pp and main.verdict != pp.verdict:
        flags.append(
            f"{name}: the verdict changes when days with missed doses are left out "
            f"({VERDICT_WORDS[main.verdict]} → {VERDICT_WORDS[pp.verdict]})."
        )
    return flags


def trial_flags(obs: ReportInput, outcomes: Sequence[OutcomeResult]) -> list[str]:
    """Flags about the registration, the timing and every outcome."""
    registration = obs.registration
    flags = []
    for change in registration.changed_after_start:
        reason = f" (reason: {change.reason})" if change.reason else ""
        flags.append(
            f"The primary outcome was set to {change.outcome.replace('_', ' ')} on "
            f"{change.chosen_on.isoformat()}, after the trial started{reason}. A choice made "
            "after seeing the data can turn chance into an apparent effect."
        )
    if registration.primary_outcome is None:
        flags.append("No primary outcome was chosen: every estimate is exploratory, no verdict.")
    end = registration.planned_end
    if end is not None and obs.generated_on < end and not registration.sealed:
        flags.append(
            f"Interim: the trial runs until {end.isoformat()}. Intervals looked at before the "
            "end are not verdicts — looking every day would find a chance 'effect' too often."
        )
    for result in outcomes:
        flags += _outcome_flags(result)
    return flags
