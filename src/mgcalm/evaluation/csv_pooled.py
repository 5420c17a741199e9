"""``mgcalm evaluate FILE... --pooled``: one CSV per person, pooled across people.

Every file is read and analysed as ``mgcalm evaluate`` reads one (same columns, same model), and
every problem of every file is collected before anything is reported. All files must measure the
same outcome in the same direction: a file names its outcome in an optional ``outcome`` column
(else ``--outcome``, else the file's name) and may state its direction in an optional
``direction`` column (``higher_is_better`` or ``lower_is_better``; else the flags or the
outcome's preset).

Trials with a single switch (AB: baseline then magnesium) are left out of the pool and counted:
natural change over time biases every AB estimate the same way, so pooling them would not
average the bias out, it would make it look certain.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mgcalm.domain import InvalidInputError, Problem
from mgcalm.evaluation.csv_evaluation import settings_problems
from mgcalm.evaluation.csv_series import parse_series_csv
from mgcalm.evaluation.individual import PersonEffect, person_effect
from mgcalm.evaluation.outcomes import outcome_for
from mgcalm.evaluation.pooled import METHOD, OwnEffect, Pooled, pool
from mgcalm.evaluation.series import AnalysisSettings, Outcome

DIRECTIONS = {"higher_is_better": True, "lower_is_better": False}
AB_EXCLUDED = (
    "a single switch (AB) cannot separate magnesium from natural change, and that bias does "
    "not average out across people"
)


@dataclass(frozen=True, slots=True)
class PersonFile:
    """One person's series as given: where it came from and its text."""

    source: str
    text: str


@dataclass(frozen=True, slots=True)
class PooledEvaluation:
    """The pooled fit, each person's own effect, and the trials left out of the pool."""

    outcome: Outcome
    pooled: Pooled
    effects: tuple[tuple[str, PersonEffect], ...]
    excluded: tuple[tuple[str, PersonEffect], ...]

    def to_dict(self) -> dict[str, Any]:
        """The ``mgcalm evaluate FILE... --pooled --json`` contract (plus added keys)."""
        people = []
        for (source, own), fitted in zip(self.effects, self.pooled.people, strict=True):
            people.append(
                {
                    "file": source,
                    "effect": _own(own),
                    "shrunken": fitted.shrunken.to_dict() if fitted.shrunken else None,
                    "weight": None if fitted.weight is None else round(fitted.weight, 3),
                    "days": sum(count for _, count in own.n),
                }
            )
        return {
            "outcome": self.outcome.name,
            "higher_is_better": self.outcome.higher_is_better,
            "unit": self.outcome.unit,
            "pooled": self.pooled.to_dict(),
            "people": people,
            "excluded": [
                {"file": source, "reason": AB_EXCLUDED, "effect": _own(own)}
                for source, own in self.excluded
            ],
            "method": METHOD,
            "notes": list(self.pooled.notes),
        }


def evaluate_pooled(
    files: Sequence[PersonFile],
    outcome: str | None,
    higher_is_better: bool | None,
    threshold: float | None,
    settings: AnalysisSettings = AnalysisSettings(),
) -> PooledEvaluation:
    """Analyse every person's file and pool them; raises ``InvalidInputError`` naming every
    file and field at fault, so nothing is reported from a partly valid set."""
    problems: list[Problem] = []
    outcomes = [_file_outcome(f, outcome, higher_is_better, threshold, problems) for f in files]
    problems += _agreement(files, outcomes)
    first = next((o for o in outcomes if o is not None), outcome_for(outcome or "outcome"))
    problems += settings_problems(first, settings)
    effects: list[tuple[str, PersonEffect]] = []
    for f in files:
        try:
            observations = parse_series_csv(f.text, f.source)
            effects.append((f.source, person_effect(observations, settings, f.source)))
        except InvalidInputError as error:
            problems += [_located(p, f.source) for p in error.problems]
    if problems:
        raise InvalidInputError(problems)
    fitted, pooled_in, excluded = pool_people(effects, settings.level)
    return PooledEvaluation(first, fitted, pooled_in, excluded)


Labelled = tuple[tuple[str, PersonEffect], ...]


def pool_people(
    effects: Sequence[tuple[str, PersonEffect]], level: float = AnalysisSettings().level
) -> tuple[Pooled, Labelled, Labelled]:
    """Pool the controlled trials (two switches or more); AB-only ones come back apart."""
    pooled_in = tuple((s, e) for s, e in effects if e.controlled)
    excluded = tuple((s, e) for s, e in effects if not e.controlled)
    return pool([own_effect(s, e) for s, e in pooled_in], level), pooled_in, excluded


def own_effect(label: str, effect: PersonEffect) -> OwnEffect:
    """What the pool needs from a person: the unrounded posterior median and SD."""
    return OwnEffect(label, effect.posterior.quantile(0.5), effect.posterior.sd(), effect.ci95)


def _own(effect: PersonEffect) -> dict[str, Any]:
    return {"estimate": effect.estimate, "ci95": list(effect.ci95), "sd": effect.sd}


def _located(problem: Problem, source: str) -> Problem:
    """The problem with the file's name in front, unless it already names it."""
    if problem.location.startswith(source):
        return problem
    return Problem(f"{source}: {problem.location}", problem.message, problem.accepted)


def _file_outcome(
    f: PersonFile,
    outcome: str | None,
    higher_is_better: bool | None,
    threshold: float | None,
    problems: list[Problem],
) -> Outcome | None:
    """The outcome a file measures, from its columns, the options or its name."""
    name_column = _single_value(f, "outcome", problems)
    direction_column = _single_value(f, "direction", problems)
    if name_column and outcome and _key(name_column) != _key(outcome):
        problems.append(
            Problem(
                f"{f.source}: column outcome",
                f"{name_column!r} differs from --outcome {outcome!r}",
                "the outcome named by --outcome, or no --outcome",
            )
        )
    direction = higher_is_better
    if direction_column:
        if direction_column not in DIRECTIONS:
            problems.append(
                Problem(
                    f"{f.source}: column direction",
                    f"unknown value {direction_column!r}",
                    ", ".join(DIRECTIONS),
                )
            )
            return None
        direction = DIRECTIONS[direction_column]
        if higher_is_better is not None and direction != higher_is_better:
            flag = "--higher-is-better" if higher_is_better else "--lower-is-better"
            problems.append(
                Problem(
                    f"{f.source}: column direction",
                    f"{direction_column} contradicts {flag}",
                    "the direction the option gives, or no option",
                )
            )
    stem = f.source.rsplit("/", 1)[-1].removesuffix(".csv")
    return outcome_for(name_column or outcome or stem, direction, threshold)


def _single_value(f: PersonFile, column: str, problems: list[Problem]) -> str | None:
    """The one value of an optional per-file column (``None`` when the file has no such column)."""
    try:
        reader = csv.DictReader(io.StringIO(f.text.lstrip("\ufeff"), newline=""))
        header = [name.strip().lower() for name in (reader.fieldnames or [])]
        if column not in header:
            return None
        reader.fieldnames = header
        values = {(row.get(column) or "").strip().lower() for row in reader} - {""}
    except csv.Error:
        return None  # the series parser reports the broken file with its line
    if len(values) > 1:
        shown = ", ".join(sorted(values))
        problems.append(
            Problem(
                f"{f.source}: column {column}",
                f"holds several values ({shown})",
                "one value for the whole file: one file per person and outcome",
            )
        )
        return None
    return next(iter(values), None)


def _agreement(files: Sequence[PersonFile], outcomes: Sequence[Outcome | None]) -> list[Problem]:
    """Problems for files whose outcome or direction differs from the first file's."""
    known = [(f, o) for f, o in zip(files, outcomes, strict=True) if o is not None]
    if not known:
        return []
    (first_file, first), problems = known[0], []
    for f, o in known[1:]:
        if o.name != first.name:
            problems.append(
                Problem(
                    f"{f.source}: outcome",
                    f"{o.name!r} differs from {first.name!r} in {first_file.source}",
                    "the same outcome in every file (an outcome "
                    "column, or --outcome for all; without either, the file's name)",
                )
            )
        elif o.higher_is_better != first.higher_is_better:
            problems.append(
                Problem(
                    f"{f.source}: direction",
                    f"{_words(o)} differs from {_words(first)} in {first_file.source}",
                    "the same direction in every file",
                )
            )
    return problems


def _words(outcome: Outcome) -> str:
    return "higher_is_better" if outcome.higher_is_better else "lower_is_better"


def _key(name: str) -> str:
    return name.strip().lower().replace("-", "_").replace(" ", "_")


__all__ = ["PersonFile", "PooledEvaluation", "evaluate_pooled", "own_effect", "pool_people"]
