"""Errors the services raise; all are :class:`~mgcalm.domain.InvalidInputError` with problems.

InvalidInputError            bad input: every problem, each naming its field
├── ConflictError            same id already saved with different content; nothing changed
└── NotFoundError            no such person (or record); says how to create one
"""

from mgcalm.domain.entries import ConflictError, NotFoundError
from mgcalm.domain.problems import InvalidInputError, Problem

__all__ = ["ConflictError", "InvalidInputError", "NotFoundError", "Problem"]
