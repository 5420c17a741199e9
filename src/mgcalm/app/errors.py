"""Errors the services raise; all are :class:`~mgcalm.domain.InvalidInputError` with problems.

InvalidInputError            bad input: every problem, each naming its field
├── ConflictError            same id already saved with different content; nothing changed
├── NotFoundError            no such person (or record); says how to create one
└── PlanningError            the planner failed; nothing was saved (the cause is logged)
"""

from mgcalm.domain.entries import ConflictError, NotFoundError
from mgcalm.domain.problems import InvalidInputError, Problem

__all__ = ["ConflictError", "InvalidInputError", "NotFoundError", "PlanningError", "Problem"]


class PlanningError(InvalidInputError):
    """The planner failed on a profile; nothing was saved and the person can simply try again."""
