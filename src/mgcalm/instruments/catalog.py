"""Questionnaires as data: items, response options, recall windows, licences and LOINC codes.

The item texts are the published form wording (PCL-5: US Government work by the National Center
for PTSD; GAD-7 and PHQ-9: © Pfizer Inc., no permission required to reproduce). They are never
reworded, because a validated score depends on the validated text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from mgcalm.domain import InvalidInputError, Problem
from mgcalm.instruments import texts


@dataclass(frozen=True, slots=True)
class Option:
    """One response option: its score and its label (and LOINC answer code where one exists)."""

    value: int
    label: str
    loinc: str = ""


@dataclass(frozen=True, slots=True)
class Item:
    """One scored (or optional unscored) question of a questionnaire."""

    number: int
    text: str
    loinc: str = ""
    cluster: str = ""


@dataclass(frozen=True, slots=True)
class Instrument:
    """A validated questionnaire with everything needed to show, score and export it."""

    id: str
    name: str
    title: str
    recall: str
    recall_days: int
    instructions: str
    stem: str
    items: tuple[Item, ...]
    options: tuple[Option, ...]
    licence: str
    attribution: str
    sources: tuple[str, ...]
    loinc_panel: str = ""
    loinc_total: str = ""
    loinc_verified: bool = True
    loinc_note: str = ""
    difficulty_item: Item | None = None
    difficulty_options: tuple[Option, ...] = ()

    @property
    def max_value(self) -> int:
        """The highest score one item can take."""
        return max(o.value for o in self.options)

    @property
    def max_total(self) -> int:
        """The highest possible total."""
        return self.max_value * len(self.items)

    def option_label(self, value: int) -> str:
        """The label of a response value (``"Moderately"`` for PCL-5 value 2)."""
        return next(o.label for o in self.options if o.value == value)


def _options(labels: tuple[str, ...], loinc: tuple[str, ...] = ()) -> tuple[Option, ...]:
    codes = loinc or ("",) * len(labels)
    return tuple(
        Option(i, label, code) for i, (label, code) in enumerate(zip(labels, codes, strict=True))
    )


def _pcl5(id_: str, recall: str, recall_days: int, instructions: str, stem: str) -> Instrument:
    week = recall_days == 7
    return Instrument(
        id=id_,
        name="PCL-5" + (" (past week)" if week else ""),
        title="PTSD Checklist for DSM-5",
        recall=recall,
        recall_days=recall_days,
        instructions=instructions,
        stem=stem,
        items=tuple(
            Item(n, text, cluster=cluster)
            for n, (text, cluster) in enumerate(texts.PCL5_ITEMS, start=1)
        ),
        options=_options(texts.PCL5_OPTIONS),
        licence=texts.PCL5_LICENCE,
        attribution=texts.PCL5_ATTRIBUTION,
        sources=("weathers2013", "blevins2015", "bovin2016", "va-pcl5-guide"),
        # LOINC 101697-1 / 101698-9 have a one-month time aspect, so they fit only the
        # standard form; none was found for the past-week form.
        loinc_panel="" if week else "101697-1",
        loinc_total="" if week else "101698-9",
        loinc_verified=False,
        loinc_note=(
            "No LOINC code found for the past-week form; use a local code."
            if week
            else "PCL-5 LOINC codes 101697-1 (panel) and 101698-9 (total) are unverified; "
            "no LOINC item codes were found."
        ),
    )


def _phq(
    id_: str, name: str, title: str, stem: str, items: tuple[tuple[str, str], ...]
) -> Instrument:
    """GAD-7 and PHQ-9 share their recall window, options, licence and difficulty item."""
    difficulty_text, difficulty_loinc = texts.DIFFICULTY[id_]
    panel, total, sources = texts.PHQ_CODES[id_]
    return Instrument(
        id=id_,
        name=name,
        title=title,
        recall="the last 2 weeks",
        recall_days=14,
        instructions=stem,
        stem=stem,
        items=tuple(Item(n, t, loinc=code) for n, (t, code) in enumerate(items, start=1)),
        options=_options(texts.PHQ_OPTIONS, texts.PHQ_OPTION_LOINC),
        licence=texts.PHQ_LICENCE,
        attribution=texts.PHQ_ATTRIBUTION,
        sources=sources,
        loinc_panel=panel,
        loinc_total=total,
        difficulty_item=Item(len(items) + 1, difficulty_text, loinc=difficulty_loinc),
        difficulty_options=_options(texts.DIFFICULTY_OPTIONS, texts.DIFFICULTY_OPTION_LOINC),
    )


PCL5 = _pcl5("pcl5", "the past month", 30, texts.PCL5_INSTRUCTIONS_MONTH, texts.PCL5_STEM_MONTH)
PCL5_WEEK = _pcl5(
    "pcl5_week", "the past week", 7, texts.PCL5_INSTRUCTIONS_WEEK, texts.PCL5_STEM_WEEK
)
GAD7 = _phq(
    "gad7", "GAD-7", "Generalized Anxiety Disorder 7-item scale", texts.GAD7_STEM, texts.GAD7_ITEMS
)
PHQ9 = _phq("phq9", "PHQ-9", "Patient Health Questionnaire-9", texts.PHQ9_STEM, texts.PHQ9_ITEMS)

INSTRUMENTS: Mapping[str, Instrument] = MappingProxyType(
    {i.id: i for i in (PCL5, PCL5_WEEK, GAD7, PHQ9)}
)
INSTRUMENT_IDS: tuple[str, ...] = tuple(INSTRUMENTS)


def get_instrument(instrument_id: str) -> Instrument:
    """Look an instrument up by id (any case); an unknown id names the accepted ones."""
    key = instrument_id.strip().lower().replace("-", "_") if isinstance(instrument_id, str) else ""
    found = INSTRUMENTS.get(key)
    if found is None:
        raise InvalidInputError(
            [
                Problem(
                    "instrument", f"unknown instrument {instrument_id!r}", ", ".join(INSTRUMENT_IDS)
                )
            ]
        )
    return found
