"""Questionnaires are scored on the server, whatever a client or a file says their score is.

A questionnaire reaches the store through the one-item pages, ``/api/assess``, the entry API
(``/api/entries/questionnaire`` and the batch), the CLI and ``mgcalm import``. Every way in goes
through :func:`parse_logged`: the instrument must be known, the answers must fit it (count and
range, each bad item named), and the score (total, band, subscales, flags such as PHQ-9 item 9)
is computed here by :func:`mgcalm.instruments.score`. A ``score`` the client sent is ignored and
replaced, never refused: refusing would drop the answers, and an item-9 answer must never be lost.

Stored questionnaires are scored again when read (:func:`rescored`), so one saved by an older
version that trusted the client can neither hide item 9 nor break a page.
"""

from __future__ import annotations

from typing import Any

from mgcalm.domain.entries import EntryBase, QuestionnaireResponse, parse_entry
from mgcalm.domain.problems import InvalidInputError, Problem
from mgcalm.instruments.scoring import score


def parse_logged(kind: str, data: dict[str, Any], where: str | None = None) -> EntryBase:
    """Validate one raw entry of ``kind``; a questionnaire gets the server's score.

    ``where`` prefixes the scoring problems' locations (default: the kind, as
    :func:`parse_entry` does; ``""``: none, as ``/api/assess`` reports ``answers.item7``).
    """
    if kind == "questionnaire":
        data = {k: v for k, v in data.items() if k != "score"}  # ignored: scored below
    entry = parse_entry(kind, data)
    return server_scored(entry, kind if where is None else where)


def server_scored(entry: EntryBase, where: str = "questionnaire") -> EntryBase:
    """The entry, or for a questionnaire a copy carrying the score computed from its answers."""
    if not isinstance(entry, QuestionnaireResponse):
        return entry
    try:
        result = score(entry.instrument, entry.answers)
    except InvalidInputError as error:
        prefix = f"{where}." if where else ""
        raise InvalidInputError(
            [Problem(f"{prefix}{p.location}", p.message, p.accepted) for p in error.problems]
        ) from None
    return entry.model_copy(update={"instrument": result.instrument, "score": result.to_json()})


def rescored(entry: EntryBase) -> EntryBase | None:
    """A stored entry with its questionnaire score computed afresh; None if it cannot be scored."""
    try:
        return server_scored(entry)
    except InvalidInputError:
        return None
