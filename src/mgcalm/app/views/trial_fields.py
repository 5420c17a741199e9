"""The trial forms' words: each problem a use case names by a command-line option, by its field.

The registration form, the guess and unblinding forms and the design figures all show problems
next to the field that holds the value, in the form's words (``period_days``, not
``--period-days``).
"""

from __future__ import annotations

from dataclasses import replace

from mgcalm.domain.problems import Problem

#: The command-line option a use case names → the form field that holds it.
FIELDS = {
    "--outcome": "outcome",
    "--blinded": "design",
    "--randomised": "design",
    "--seed": "design",
    "--pairs": "pairs",
    "--period-days": "period_days",
    "--baseline-days": "baseline_days",
    "--transition-days": "transition_days",
    "--start": "first_day",
    "--reason": "reason",
    "--period": "period",
    "--early": "early",
    "unblind": "early",
}
#: What the form accepts, where the use case said it in command-line words.
ACCEPTED = {
    "early": "wait for the planned end, or tick “unblind early” and give the reason",
    "first_day": "today or a later date, YYYY-MM-DD",
    "trial": "register before the first magnesium day",
    "outcome": "one of the outcomes listed",
}


def for_form(problems: list[Problem]) -> list[Problem]:
    """Problems named by the form's fields and accepted values, not the command line's."""
    out = []
    for problem in problems:
        field = FIELDS.get(problem.location, problem.location.lstrip("-").replace("-", "_"))
        accepted = problem.accepted
        if "--" in accepted or "`" in accepted:  # command-line words: say it the form's way
            accepted = ACCEPTED.get(field, accepted.replace("--", ""))
        out.append(replace(problem, location=field, accepted=accepted))
    return out
