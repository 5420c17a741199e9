"""The helper sheet of a blinded trial: filling a weekly pill organiser from the sealed schedule.

It is for the helper — a partner, friend or pharmacist — never for the person: it says which
weeks get magnesium capsules and which get identical placebo capsules. Placebo capsules are
opaque capsules of the same size and colour filled with microcrystalline cellulose, the usual
inert filler of dietary supplements and of placebo capsules in trials. The sheet is laid out as
a :class:`Document`, so the report renderers print it as HTML or PDF.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from mgcalm.evaluation.crossover import Period
from mgcalm.evaluation.report_view import Document, Section, Table

CAPSULES = {"magnesium": "M — magnesium", "placebo": "P — placebo"}


@dataclass(frozen=True, slots=True)
class SheetDose:
    """One planned dose time of the day and what a magnesium capsule holds for it."""

    time: str
    form: str
    elemental_mg: int
    compound_mg: int


def _weeks(periods: Sequence[Period]) -> tuple[tuple[str, ...], ...]:
    """Organiser rows: each week from the first capsule day, split where the condition changes."""
    capsule = [p for p in periods if p.pair is not None]
    rows = []
    day, last = capsule[0].start, capsule[-1].end
    week = 1
    while day <= last:
        week_end = min(day + timedelta(days=6), last)
        for p in capsule:
            a, b = max(p.start, day), min(p.end, week_end)
            if a <= b:
                days = (b - a).days + 1
                rows.append(
                    (str(week), a.isoformat(), b.isoformat(), str(days), CAPSULES[p.condition])
                )
        day, week = week_end + timedelta(days=1), week + 1
    return tuple(rows)


def _preparing(doses: Sequence[SheetDose]) -> tuple[str, ...]:
    per_day = len(doses)
    lines = [
        "Use identical opaque capsules (same size and colour) for both kinds, so that they cannot "
        "be told apart by look, weight or taste.",
        "Magnesium capsules (M): each holds one planned dose, as listed below. Placebo capsules "
        "(P): the same capsules filled with microcrystalline cellulose to about the same weight.",
        "Keep the two kinds in containers marked only where the person will not look (for "
        "example under the lid), and fill the organiser out of sight.",
        f"Each day's compartment gets {per_day} capsule(s): one for each planned dose time.",
    ]
    lines += [
        f"{d.time}: magnesium {d.form}, {d.elemental_mg} mg elemental ({d.compound_mg} mg of the "
        "compound) in each M capsule."
        for d in doses
    ]
    return tuple(lines)


def helper_sheet(
    person: str,
    periods: Sequence[Period],
    doses: Sequence[SheetDose],
    seed: int,
    seal: str,
    prepared: date,
) -> Document:
    """The printable sheet: preparing capsules, the weekly fill schedule, seed and seal."""
    table = Table(("Week", "From", "To", "Days", "Fill every compartment with"), _weeks(periods))
    sections = (
        Section(
            f"For the helper only — do not show this sheet to {person}",
            (
                f"{person} is running a blinded trial of magnesium: some periods use magnesium "
                "capsules, others identical placebo capsules, in an order drawn at random. The "
                "trial only works if they do not know which period is which until it ends.",
            ),
        ),
        Section("Preparing the capsules", _preparing(doses)),
        Section(
            "Filling the weekly organiser",
            ("Fill the organiser each week for the dates below.",),
            (table,),
        ),
        Section(
            "Seed and seal",
            (
                f"Seed: {seed}. Seal: {seal}.",
                "Keep this sheet safe: with the seed, mgcalm can restore the schedule (checked "
                "against the seal) if the trial is moved to another device.",
            ),
        ),
        Section(
            "If something goes wrong",
            (
                "If there are loose stools, nausea or any other problem, the person follows their "
                "plan's advice and, if needed, unblinds early: `mgcalm trial unblind --early "
                '--reason "…"`. Never give more capsules than the schedule says.',
            ),
        ),
    )
    return Document("Blinded magnesium trial — helper sheet", person, sections, prepared)
