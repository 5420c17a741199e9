"""Questionnaires in FHIR: the definition, every completed response and its total score.

GAD-7 and PHQ-9 carry their LOINC panel, item, answer and total codes (GAD-7 total 70274-6,
PHQ-9 total 44261-6). The PCL-5 codes (panel 101697-1, total 101698-9) could not be confirmed on
loinc.org, so the Questionnaire description and the total's note say they are unverified, and
the past-week PCL-5, which has no LOINC code, uses mgcalm's own code only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from mgcalm.domain import Problem
from mgcalm.interop.fhir_common import (
    LOINC,
    MEASURE_SYSTEM,
    ORDINAL_VALUE,
    BundleEntry,
    category,
    entry,
    quantity,
    reference,
)


class OptionLike(Protocol):
    """A response option (``mgcalm.instruments.Option`` fits)."""

    @property
    def value(self) -> int: ...
    @property
    def label(self) -> str: ...
    @property
    def loinc(self) -> str: ...


class ItemLike(Protocol):
    """A question (``mgcalm.instruments.Item`` fits)."""

    @property
    def number(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def loinc(self) -> str: ...


class InstrumentLike(Protocol):
    """What the export needs of a questionnaire (``mgcalm.instruments.Instrument`` fits)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def stem(self) -> str: ...
    @property
    def items(self) -> Sequence[ItemLike]: ...
    @property
    def options(self) -> Sequence[OptionLike]: ...
    @property
    def licence(self) -> str: ...
    @property
    def attribution(self) -> str: ...
    @property
    def loinc_panel(self) -> str: ...
    @property
    def loinc_total(self) -> str: ...
    @property
    def loinc_verified(self) -> bool: ...
    @property
    def loinc_note(self) -> str: ...
    @property
    def difficulty_item(self) -> ItemLike | None: ...
    @property
    def difficulty_options(self) -> Sequence[OptionLike]: ...


@dataclass(frozen=True, slots=True)
class CompletedQuestionnaire:
    """One completed questionnaire: the answers in item order (difficulty last, if given)."""

    key: str
    instrument_id: str
    authored: datetime | date
    answers: tuple[int, ...]
    total: int
    phase: str = ""
    band: str = ""
    subscales: tuple[tuple[str, int], ...] = ()
    flags: tuple[str, ...] = ()


def fhir_when(moment: datetime | date) -> str:
    """A FHIR dateTime: a zoned time as is; a naive time only by its date (FHIR needs a zone)."""
    if isinstance(moment, datetime):
        return moment.isoformat() if moment.tzinfo else moment.date().isoformat()
    return moment.isoformat()


def canonical_url(instrument_id: str) -> str:
    """The Questionnaire's canonical URL, which responses point at."""
    return f"urn:mgcalm:questionnaire:{instrument_id}"


def questionnaire_entry(instrument: InstrumentLike, scope: str) -> BundleEntry:
    """The Questionnaire resource that defines an instrument, items and answers included."""
    items: list[dict[str, Any]] = [
        {"linkId": "stem", "type": "display", "text": instrument.stem},
        *(_item(instrument, item, instrument.options, required=True) for item in instrument.items),
    ]
    if instrument.difficulty_item is not None:
        extra = _item(instrument, instrument.difficulty_item, instrument.difficulty_options)
        items.append(extra)
    resource: dict[str, Any] = {
        "url": canonical_url(instrument.id),
        "name": instrument.id.upper().replace("_", ""),
        "title": f"{instrument.name}: {instrument.title}",
        "status": "active",
        "subjectType": ["Patient"],
        "description": _description(instrument),
        "copyright": f"{instrument.licence} {instrument.attribution}".strip(),
        "item": items,
    }
    if instrument.loinc_panel:
        resource["code"] = [{"system": LOINC, "code": instrument.loinc_panel}]
    return entry("Questionnaire", instrument.id, resource, scope)


def answer_problems(done: CompletedQuestionnaire, instrument: InstrumentLike) -> list[Problem]:
    """Every way the stored answers do not fit the instrument (count, or a value not offered)."""
    where = f"responses.{done.key}"
    counts = {len(instrument.items)} | (
        {len(instrument.items) + 1} if instrument.difficulty_item else set()
    )
    if len(done.answers) not in counts:
        accepted = " or ".join(str(n) for n in sorted(counts))
        return [Problem(f"{where}.answers", f"{len(done.answers)} answers", accepted)]
    problems = []
    for number, value in enumerate(done.answers, start=1):
        scored = number <= len(instrument.items)
        offered = [
            o.value for o in (instrument.options if scored else instrument.difficulty_options)
        ]
        if value not in offered:
            accepted = ", ".join(str(v) for v in offered)
            problems.append(
                Problem(f"{where}.answers[{number}]", f"{value} is not offered", accepted)
            )
    return problems


def response_entries(
    done: CompletedQuestionnaire,
    instrument: InstrumentLike,
    patient: BundleEntry,
    scope: str,
) -> tuple[BundleEntry, BundleEntry]:
    """The QuestionnaireResponse and the Observation of its total, which derives from it."""
    pairs = list(zip(instrument.items, done.answers, strict=False))
    answered = [_answer(instrument, item, value, instrument.options) for item, value in pairs]
    extra = done.answers[len(instrument.items) :]
    if extra and instrument.difficulty_item is not None:
        difficulty = instrument.difficulty_item
        answered.append(_answer(instrument, difficulty, extra[0], instrument.difficulty_options))
    response = entry(
        "QuestionnaireResponse",
        done.key,
        {
            "questionnaire": canonical_url(instrument.id),
            "status": "completed",
            "subject": reference(patient),
            "authored": fhir_when(done.authored),
            "item": answered,
        },
        scope,
    )
    return response, _total_entry(done, instrument, patient, response, scope)


def _total_entry(
    done: CompletedQuestionnaire,
    instrument: InstrumentLike,
    patient: BundleEntry,
    response: BundleEntry,
    scope: str,
) -> BundleEntry:
    """An Observation of the total score, coded in LOINC where a total code exists."""
    coding = [{"system": MEASURE_SYSTEM, "code": f"{instrument.id}.total"}]
    if instrument.loinc_total:
        coding.insert(0, {"system": LOINC, "code": instrument.loinc_total})
    resource: dict[str, Any] = {
        "status": "final",
        "category": category("survey"),
        "code": {"coding": coding, "text": f"{instrument.name} total score"},
        "subject": reference(patient),
        "effectiveDateTime": fhir_when(done.authored),
        "valueQuantity": quantity(done.total, "{score}"),
        "derivedFrom": [reference(response)],
    }
    if done.subscales:
        resource["component"] = [
            {
                "code": {
                    "coding": [{"system": MEASURE_SYSTEM, "code": f"{instrument.id}.{name}"}],
                    "text": f"{instrument.name} {name} subscale",
                },
                "valueQuantity": quantity(value, "{score}"),
            }
            for name, value in done.subscales
        ]
    notes = _total_notes(done, instrument)
    if notes:
        resource["note"] = [{"text": " ".join(notes)}]
    return entry("Observation", f"{done.key}/total", resource, scope)


def _total_notes(done: CompletedQuestionnaire, instrument: InstrumentLike) -> list[str]:
    """Phase, band, safety flags and any unverified code, for the clinician reading the total."""
    notes = [f"Trial phase: {done.phase}."] if done.phase else []
    if done.band:
        notes.append(f"Band: {done.band}.")
    if done.flags:
        notes.append(f"Flags: {', '.join(done.flags)}.")
    if instrument.loinc_note and not instrument.loinc_verified:
        notes.append(instrument.loinc_note)
    return notes


def _description(instrument: InstrumentLike) -> str:
    """The stem, plus an honest word on codes that could not be verified."""
    if instrument.loinc_note and not instrument.loinc_verified:
        return f"{instrument.stem} Note on codes: {instrument.loinc_note}"
    return instrument.stem


def _item(
    instrument: InstrumentLike,
    item: ItemLike,
    options: Sequence[OptionLike],
    *,
    required: bool = False,
) -> dict[str, Any]:
    """One choice question with its answer options (each carrying its score)."""
    found: dict[str, Any] = {"linkId": str(item.number), "prefix": f"{item.number}."}
    if item.loinc:
        found["code"] = [{"system": LOINC, "code": item.loinc}]
    found |= {
        "text": item.text,
        "type": "choice",
        "required": required,
        "answerOption": [{"valueCoding": _coding(instrument, item, o)} for o in options],
    }
    return found


def _answer(
    instrument: InstrumentLike, item: ItemLike, value: int, options: Sequence[OptionLike]
) -> dict[str, Any]:
    """One answered item of a response."""
    option = next(o for o in options if o.value == value)
    return {
        "linkId": str(item.number),
        "text": item.text,
        "answer": [{"valueCoding": _coding(instrument, item, option)}],
    }


def _coding(instrument: InstrumentLike, item: ItemLike, option: OptionLike) -> dict[str, Any]:
    """An answer: its LOINC answer code where one exists, else mgcalm's, with its score."""
    # Scored items share one answer list; the unscored difficulty item has its own.
    scored = item.number <= len(instrument.items)
    own = f"{canonical_url(instrument.id)}:{'answers' if scored else 'difficulty'}"
    system = LOINC if option.loinc else own
    return {
        "extension": [{"url": ORDINAL_VALUE, "valueDecimal": option.value}],
        "system": system,
        "code": option.loinc or str(option.value),
        "display": option.label,
    }
