"""Scoring PCL-5, GAD-7 and PHQ-9 answers by their published rules.

- GAD-7 total 0–21; bands 0–4 minimal, 5–9 mild, 10–14 moderate, 15–21 severe (Spitzer 2006).
- PHQ-9 total 0–27; bands 0–4 none-minimal, 5–9 mild, 10–14 moderate, 15–19 moderately severe,
  20–27 severe (Kroenke 2001); item 9 > 0 raises ``suicidal_ideation``. The optional
  functional-difficulty question (a 10th answer) is validated but never scored.
- PCL-5 total 0–80 and cluster sums B (items 1–5), C (6–7), D (8–14), E (15–20). The
  provisional DSM-5 rule counts an item rated 2 ("Moderately") or higher as endorsed and needs
  at least 1 B, 1 C, 2 D and 2 E items. No severity bands have been derived for the PCL-5, so
  its band only places the total against the 31–33 cut-point range that the National Center for
  PTSD reports as indicative of probable PTSD.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from mgcalm.domain import InvalidInputError, Problem
from mgcalm.instruments.catalog import Instrument, get_instrument

SUICIDAL_IDEATION = "suicidal_ideation"
RISKY_BEHAVIOUR = "risky_behaviour"
PROBABLE_PTSD_RANGE = "probable_ptsd_range"

PCL5_CUTPOINT_LOW = 31
PCL5_CUTPOINT_HIGH = 33
# PCL-5 item 16 ("Taking too many risks or doing things that could cause you harm?") is the
# form's only self-harm-adjacent item; 3 = "Quite a bit".
PCL5_RISK_ITEM, PCL5_RISK_MIN = 16, 3

PCL5_CLUSTERS: Mapping[str, range] = MappingProxyType(
    {"B": range(1, 6), "C": range(6, 8), "D": range(8, 15), "E": range(15, 21)}
)
PCL5_MIN_ENDORSED: Mapping[str, int] = MappingProxyType({"B": 1, "C": 1, "D": 2, "E": 2})
PCL5_ENDORSED_AT = 2

# (lowest total of the band, band name), ascending.
GAD7_BANDS = ((0, "minimal"), (5, "mild"), (10, "moderate"), (15, "severe"))
PHQ9_BANDS = (
    (0, "none-minimal"),
    (5, "mild"),
    (10, "moderate"),
    (15, "moderately severe"),
    (20, "severe"),
)
PCL5_BANDS = (
    (0, "below cut-point"),
    (PCL5_CUTPOINT_LOW, "within cut-point range"),
    (PCL5_CUTPOINT_HIGH + 1, "above cut-point"),
)


@dataclass(frozen=True, slots=True)
class Score:
    """The scored result of one completed questionnaire."""

    instrument: str
    total: int
    band: str
    answers: tuple[int, ...]
    subscales: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    flags: tuple[str, ...] = ()
    provisional_ptsd: bool | None = None
    difficulty: int | None = None

    def to_json(self) -> dict[str, Any]:
        """The ``mgcalm.score`` JSON contract (PCL-5 adds ``provisional_ptsd``)."""
        data: dict[str, Any] = {
            "instrument": self.instrument,
            "total": self.total,
            "band": self.band,
            "subscales": dict(self.subscales),
            "flags": list(self.flags),
        }
        if self.provisional_ptsd is not None:
            data["provisional_ptsd"] = self.provisional_ptsd
        return data


def band_for(instrument_id: str, total: int) -> str:
    """The band name of a total on an instrument (PCL-5: its place against the cut-point)."""
    bands = _BANDS[get_instrument(instrument_id).id]
    return [name for low, name in bands if total >= low][-1]


def validate_answers(instrument: Instrument, answers: Sequence[int]) -> list[Problem]:
    """Every problem with a list of answers: count, type and range, each naming its item."""
    n = len(instrument.items)
    allowed = (n, n + 1) if instrument.difficulty_item else (n,)
    problems: list[Problem] = []
    if len(answers) not in allowed:
        accepted = f"{n} answers" + (
            f", or {n + 1} with the optional difficulty question" if len(allowed) > 1 else ""
        )
        problems.append(
            Problem("answers", f"{instrument.name} needs {n} answers, got {len(answers)}", accepted)
        )
    item_top, difficulty_top = instrument.max_value, len(instrument.difficulty_options) - 1
    for number, value in enumerate(answers, start=1):
        top = item_top if number <= n else difficulty_top
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= top:
            problems.append(
                Problem(f"answers.item{number}", f"{value!r} is not a valid answer", f"0–{top}")
            )
    return problems


def parse_answers(text: str) -> tuple[int, ...]:
    """Answers typed as ``"0,1,2"`` (commas and/or spaces); every non-number is a problem."""
    parts = [p for p in text.replace(",", " ").split() if p]
    problems = [
        Problem(f"answers.item{i}", f"{p!r} is not a whole number", "whole numbers such as 0,1,2")
        for i, p in enumerate(parts, start=1)
        if not (p.isascii() and p.lstrip("-").isdigit())
    ]
    if not parts:
        problems.append(Problem("answers", "no answers given", "comma-separated numbers"))
    if problems:
        raise InvalidInputError(problems)
    return tuple(int(p) for p in parts)


def score_text(instrument_id: str, text: str) -> Score:
    """Score answers typed as ``"0,1,2"``, reporting bad numbers, range and count together."""
    try:
        return score(instrument_id, parse_answers(text))
    except InvalidInputError as error:
        typed = error.problems
    instrument = get_instrument(instrument_id)
    parts = text.replace(",", " ").split()
    # Stand a valid 0 in for each non-number so count and range are still checked.
    values = [int(p) if p.isascii() and p.lstrip("-").isdigit() else 0 for p in parts]
    # When every part was a number, ``typed`` already holds these problems: name each once.
    found = [p for p in validate_answers(instrument, values) if p not in typed]
    raise InvalidInputError([*typed, *found])


def score(instrument_id: str, answers: Sequence[int]) -> Score:
    """Score one questionnaire; raises ``InvalidInputError`` listing every bad answer."""
    instrument = get_instrument(instrument_id)
    problems = validate_answers(instrument, answers)
    if problems:
        raise InvalidInputError(problems)
    n = len(instrument.items)
    scored = tuple(answers[:n])
    difficulty = answers[n] if len(answers) > n else None
    total = sum(scored)
    band = band_for(instrument.id, total)
    if instrument.id in ("pcl5", "pcl5_week"):
        return _score_pcl5(instrument.id, scored, total, band)
    flags = (SUICIDAL_IDEATION,) if instrument.id == "phq9" and scored[8] > 0 else ()
    return Score(instrument.id, total, band, scored, flags=flags, difficulty=difficulty)


def _score_pcl5(instrument_id: str, answers: tuple[int, ...], total: int, band: str) -> Score:
    clusters = {c: sum(answers[i - 1] for i in items) for c, items in PCL5_CLUSTERS.items()}
    flags: list[str] = []
    if total >= PCL5_CUTPOINT_LOW:
        flags.append(PROBABLE_PTSD_RANGE)
    if answers[PCL5_RISK_ITEM - 1] >= PCL5_RISK_MIN:
        flags.append(RISKY_BEHAVIOUR)
    return Score(
        instrument_id,
        total,
        band,
        answers,
        subscales=MappingProxyType(clusters),
        flags=tuple(flags),
        provisional_ptsd=provisional_ptsd(answers),
    )


def endorsed_per_cluster(answers: Sequence[int]) -> dict[str, int]:
    """How many PCL-5 items in each cluster are rated 2 ("Moderately") or higher."""
    return {
        c: sum(answers[i - 1] >= PCL5_ENDORSED_AT for i in items)
        for c, items in PCL5_CLUSTERS.items()
    }


def provisional_ptsd(answers: Sequence[int]) -> bool:
    """The provisional DSM-5 rule: ≥1 B, ≥1 C, ≥2 D and ≥2 E items rated 2 or higher."""
    endorsed = endorsed_per_cluster(answers)
    return all(endorsed[c] >= need for c, need in PCL5_MIN_ENDORSED.items())


_BANDS: Mapping[str, tuple[tuple[int, str], ...]] = MappingProxyType(
    {"pcl5": PCL5_BANDS, "pcl5_week": PCL5_BANDS, "gad7": GAD7_BANDS, "phq9": PHQ9_BANDS}
)
