"""Turn raw options (text dates, an optional baseline CSV) into a design preview.

Interfaces hand over what the person typed; every problem in it is reported at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from mgcalm.domain import InvalidInputError, Problem
from mgcalm.evaluation.csv_series import parse_series_csv
from mgcalm.evaluation.design import DesignPreview, TrialDesign, estimate_variability, preview


def preview_from_options(
    start: str,
    lengths: tuple[int, int, int, int],
    instruments: Sequence[str],
    sd: float,
    baseline_csv: tuple[str, str] | None = None,
) -> DesignPreview:
    """A preview for ``start`` (YYYY-MM-DD) and (baseline, titration, maintenance, withdrawal).

    With ``baseline_csv`` = (file name, text), the person's own baseline spread and
    autocorrelation replace ``sd`` and the default autocorrelations.
    """
    problems: list[Problem] = []
    try:
        first = date.fromisoformat(start)
    except ValueError:
        problems.append(Problem("--start", f"{start!r} is not a date", "YYYY-MM-DD"))
        first = date(2000, 1, 1)
    phis: tuple[float, ...] = (0.2, 0.5, 0.8)
    if baseline_csv is not None:
        try:
            sd, phi = estimate_variability(parse_series_csv(baseline_csv[1], baseline_csv[0]))
            phis = (round(phi, 2),)
        except InvalidInputError as error:
            problems.extend(error.problems)
    design = TrialDesign(first, *lengths, instruments=tuple(instruments))
    try:
        result = preview(design, sd=sd, phis=phis)
    except InvalidInputError as error:
        raise InvalidInputError(problems + list(error.problems)) from None
    if problems:
        raise InvalidInputError(problems)
    return result
