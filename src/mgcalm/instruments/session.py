"""Answering a questionnaire one item at a time, with the option to go back.

The state is an immutable :class:`Progress`; :func:`respond` turns one typed reply into the next
state, so the terminal and the web app share the same rules: a number in range answers the
current item, ``b`` goes back one item, and the optional difficulty question (GAD-7 and PHQ-9,
asked only when some problem was checked, as the form says) can be skipped with an empty reply.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from mgcalm.domain import InvalidInputError, Problem
from mgcalm.instruments.catalog import Instrument, Option

BACK = frozenset({"b", "back"})
SKIP = frozenset({"", "s", "skip"})


@dataclass(frozen=True, slots=True)
class Question:
    """What to show for the current step: its number, text and options."""

    number: int
    count: int
    stem: str
    text: str
    options: tuple[Option, ...]
    optional: bool


@dataclass(frozen=True, slots=True)
class Progress:
    """Answers given so far to one instrument, and whether the difficulty question was skipped."""

    instrument: Instrument
    answers: tuple[int, ...] = ()
    difficulty_skipped: bool = False

    @property
    def asks_difficulty(self) -> bool:
        """Whether the unscored difficulty question follows (some problem checked)."""
        n = len(self.instrument.items)
        return self.instrument.difficulty_item is not None and any(self.answers[:n])

    @property
    def count(self) -> int:
        """How many questions this run will ask, as far as is known now."""
        return len(self.instrument.items) + (1 if self.asks_difficulty else 0)

    @property
    def done(self) -> bool:
        """Whether every question has been answered (or the optional one skipped)."""
        n = len(self.instrument.items)
        if len(self.answers) < n:
            return False
        return not self.asks_difficulty or self.difficulty_skipped or len(self.answers) > n

    def question(self) -> Question:
        """The current question (only valid while not ``done``)."""
        n = len(self.instrument.items)
        position = len(self.answers)
        if position < n:
            item = self.instrument.items[position]
            return Question(
                position + 1,
                self.count,
                self.instrument.stem,
                item.text,
                self.instrument.options,
                False,
            )
        extra = self.instrument.difficulty_item
        assert extra is not None
        return Question(n + 1, self.count, "", extra.text, self.instrument.difficulty_options, True)


def start_session(instrument: Instrument) -> Progress:
    """A fresh run of an instrument."""
    return Progress(instrument)


def respond(progress: Progress, reply: str) -> Progress:
    """The state after one reply; an invalid reply raises ``InvalidInputError``."""
    text = reply.strip().lower()
    if text in BACK:
        return replace(progress, answers=progress.answers[:-1], difficulty_skipped=False)
    question = progress.question()
    if question.optional and text in SKIP:
        return replace(progress, difficulty_skipped=True)
    top = len(question.options) - 1
    if not (text.isascii() and text.isdigit()) or int(text) > top:
        accepted = f"0–{top}, or b to go back" + (", or Enter to skip" if question.optional else "")
        raise InvalidInputError(
            [Problem(f"item{question.number}", f"{reply.strip()!r} is not an answer", accepted)]
        )
    return replace(progress, answers=(*progress.answers, int(text)))
