"""Problems as data: every validator collects them all and reports them at once.

A problem names *where* it is (a file and key such as ``profile.toml: person.age``, or a form
field such as ``rating.anxiety``), *what* is wrong, and *what is accepted*, so a person can fix
every mistake in one pass instead of meeting them one at a time.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, with its location and the accepted values."""

    location: str
    message: str
    accepted: str = ""

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}"
        return f"{text} (accepted: {self.accepted})" if self.accepted else text

    def as_dict(self) -> dict[str, str]:
        return {"location": self.location, "message": self.message, "accepted": self.accepted}


class InvalidInputError(Exception):
    """Raised at a boundary when an input has one or more problems; carries all of them."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


class ConflictError(InvalidInputError):
    """A record with this id already exists with different content; nothing was changed."""


class NotFoundError(InvalidInputError):
    """The person (or record) named does not exist."""
