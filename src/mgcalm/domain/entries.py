"""What a person logs day by day: doses, foods, check-ins, sleep diaries and the rest.

Every entry carries a client-supplied ``id`` (so a repeated submit is idempotent), the ``day`` it
belongs to and a ``kind`` that selects its model. :func:`parse_entry` validates raw input and
reports *every* problem at once, each naming its field (``checkin.anxiety``) and what is accepted.

The sleep diary follows the core items of the Consensus Sleep Diary (Carney et al., *Sleep*
2012;35(2):287–302, PMID 22294820); its ``day`` is the morning the diary describes, and total sleep
time is derived as ``(final_wake − tried_to_sleep) − latency − WASO`` (terminal wakefulness is not
counted as WASO). Stool form uses the Bristol Stool Form Scale, types 1–7 (Lewis & Heaton, *Scand J
Gastroenterol* 1997;32(9):920–924).

Shared field types live in :mod:`~mgcalm.domain.entry_fields` and trial phases in
:mod:`~mgcalm.domain.trial_phase`; the names other modules import from here still work.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date, timedelta
from itertools import pairwise
from types import MappingProxyType
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from mgcalm.domain.entry_fields import CHECKIN_RATINGS as CHECKIN_RATINGS
from mgcalm.domain.entry_fields import (
    RATING_TEXT,
    Clock,
    EntryId,
    LocalTime,
    Minutes,
    Rating,
    problems_from_validation,
)
from mgcalm.domain.entry_fields import parse_clock as parse_clock
from mgcalm.domain.problems import ConflictError as ConflictError
from mgcalm.domain.problems import InvalidInputError, Problem
from mgcalm.domain.problems import NotFoundError as NotFoundError
from mgcalm.domain.text import check_text
from mgcalm.domain.trial_phase import OUTCOMES as OUTCOMES
from mgcalm.domain.trial_phase import PHASE_KINDS as PHASE_KINDS
from mgcalm.domain.trial_phase import SCHEDULE_KINDS as SCHEDULE_KINDS
from mgcalm.domain.trial_phase import TrialPhase as TrialPhase
from mgcalm.domain.trial_phase import parse_phase as parse_phase

PRACTICE_KINDS = (
    "breathwork",
    "grounding",
    "vagal",
    "body_scan",
    "mindfulness",
    "movement",
    "other",
)
THERAPY_KINDS = ("emdr", "cpt", "pe", "cbt", "somatic", "other")
MEDICATION_CHANGES = ("started", "stopped", "dose_changed")


class EntryBase(BaseModel):
    """Fields every entry shares: the client's id, the day it belongs to and a free note.

    No field of any kind of entry may hold a control character (NUL…), an unpaired surrogate or
    a non-finite number: they are refused with the field's name (:mod:`mgcalm.domain.text`).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    kind: str = Field(description="the entry kind, which selects the model")
    id: EntryId = Field(description="1–64 letters, digits, '_', '.', ':' or '-'")
    day: date = Field(description="a date YYYY-MM-DD")
    note: str = Field("", max_length=2000, description="text up to 2000 characters")

    @field_validator("*", mode="after")
    @classmethod
    def _no_odd_values(cls, value: Any, info: ValidationInfo) -> Any:
        if info.context and info.context.get("stored"):
            return value  # read back as stored, even from before such values were refused
        return check_text(value)

    def problems(self) -> list[Problem]:
        """Cross-field problems that single-field validation cannot see (none by default)."""
        return []


class DoseEntry(EntryBase):
    """A magnesium dose: planned and taken times, form and elemental mg, or missed with a reason."""

    kind: Literal["dose"] = "dose"
    planned_time: Clock | None = Field(None, description="a 24-hour time HH:MM")
    taken_time: Clock | None = Field(None, description="a 24-hour time HH:MM")
    form: str = Field(min_length=1, max_length=40, description="a form id such as glycinate")
    elemental_mg: float = Field(gt=0, le=2000, description="elemental mg above 0, at most 2000")
    missed: bool = False
    missed_reason: str = Field("", max_length=200, description="text up to 200 characters")

    def problems(self) -> list[Problem]:
        """A taken dose needs its time; a missed one needs a reason and no taken time."""
        found = []
        if self.missed and self.taken_time is not None:
            found.append(Problem("dose.taken_time", "a missed dose has no taken time", "empty"))
        if self.missed and not self.missed_reason.strip():
            found.append(Problem("dose.missed_reason", "say why the dose was missed", "any text"))
        if not self.missed and self.taken_time is None:
            found.append(Problem("dose.taken_time", "required unless the dose was missed", "HH:MM"))
        return found


class FoodEntry(EntryBase):
    """A food eaten, with the portion and the magnesium it carried."""

    kind: Literal["food"] = "food"
    time: Clock | None = Field(None, description="a 24-hour time HH:MM")
    food_id: str = Field(min_length=1, max_length=64, description="an id from the food catalogue")
    portion: str = Field("", max_length=120, description="text up to 120 characters")
    grams: float = Field(gt=0, le=5000, description="grams above 0, at most 5000")
    magnesium_mg: float = Field(ge=0, le=5000, description="mg 0–5000")


class CheckIn(EntryBase):
    """The daily check-in: 0–10 ratings, panic episodes, palpitations and the crisis marker."""

    kind: Literal["checkin"] = "checkin"
    anxiety: Rating | None = Field(None, description=RATING_TEXT)
    tension: Rating | None = Field(None, description=RATING_TEXT)
    irritability: Rating | None = Field(None, description=RATING_TEXT)
    mood: Rating | None = Field(None, description=RATING_TEXT)
    energy: Rating | None = Field(None, description=RATING_TEXT)
    sleep_quality: Rating | None = Field(None, description=RATING_TEXT)
    digestion: Rating | None = Field(None, description=RATING_TEXT)
    panic_episodes: int = Field(0, ge=0, le=100, description="a whole number 0–100")
    palpitations: bool = False
    crisis: bool = False


class SleepDiary(EntryBase):
    """Consensus Sleep Diary core items for the night before ``day`` (local wall-clock times)."""

    kind: Literal["sleep"] = "sleep"
    into_bed: LocalTime = Field(description="a local date-time")
    tried_to_sleep: LocalTime = Field(description="a local date-time")
    latency_min: Minutes
    awakenings: int = Field(ge=0, le=50, description="a whole number 0–50")
    waso_min: Minutes
    final_wake: LocalTime = Field(description="a local date-time")
    out_of_bed: LocalTime = Field(description="a local date-time")
    quality: int = Field(ge=1, le=5, description="1 very poor … 5 very good")

    def problems(self) -> list[Problem]:
        """The night must run forwards, last under a day and leave room for the minutes given."""
        order = ("into_bed", "tried_to_sleep", "final_wake", "out_of_bed")
        found = []
        for before, after in pairwise(order):
            if getattr(self, after) < getattr(self, before):
                found.append(Problem(f"sleep.{after}", f"is earlier than {before}", f"≥ {before}"))
        if self.out_of_bed - self.into_bed > timedelta(hours=24):
            found.append(Problem("sleep.out_of_bed", "more than 24 h after into_bed", "≤ 24 h"))
        if not found and self.total_sleep_min < 0:
            found.append(
                Problem(
                    "sleep.waso_min",
                    "latency and awakenings are longer than the time from trying to sleep to"
                    " final wake",
                    "minutes that fit inside the night",
                )
            )
        return found

    @property
    def time_in_bed_min(self) -> float:
        """TIB: out of bed − into bed, in minutes."""
        return (self.out_of_bed - self.into_bed).total_seconds() / 60

    @property
    def total_sleep_min(self) -> float:
        """TST: (final wake − tried to sleep) − latency − WASO, in minutes."""
        window = (self.final_wake - self.tried_to_sleep).total_seconds() / 60
        return window - self.latency_min - self.waso_min

    @property
    def efficiency(self) -> float | None:
        """Sleep efficiency TST / TIB × 100 (Carney 2012), or None when TIB is zero."""
        tib = self.time_in_bed_min
        return None if tib <= 0 else 100 * self.total_sleep_min / tib


class SideEffect(EntryBase):
    """Side effects: Bristol stool type 1–7, nausea 0–10, anything else in words."""

    kind: Literal["side_effect"] = "side_effect"
    bristol_type: int | None = Field(None, ge=1, le=7, description="Bristol stool type 1–7")
    nausea: Rating | None = Field(None, description=RATING_TEXT)
    other: str = Field("", max_length=500, description="text up to 500 characters")

    def problems(self) -> list[Problem]:
        """An empty side-effect entry says nothing; ask for at least one field."""
        if self.bristol_type is None and self.nausea is None and not self.other.strip():
            return [Problem("side_effect", "give at least one of", "bristol_type, nausea, other")]
        return []


class PracticeEntry(EntryBase):
    """A nervous-system practice done (breathwork, grounding, vagal …) and for how long."""

    kind: Literal["practice"] = "practice"
    practice: Literal[
        "breathwork", "grounding", "vagal", "body_scan", "mindfulness", "movement", "other"
    ] = Field(description=", ".join(PRACTICE_KINDS))
    minutes: int = Field(ge=1, le=600, description="whole minutes 1–600")


class TherapySession(EntryBase):
    """A therapy session attended (a confounder the evaluation must see)."""

    kind: Literal["therapy"] = "therapy"
    therapy: Literal["emdr", "cpt", "pe", "cbt", "somatic", "other"] = Field(
        description=", ".join(THERAPY_KINDS)
    )
    minutes: int | None = Field(None, ge=1, le=600, description="whole minutes 1–600")


class MedicationChange(EntryBase):
    """A medication started, stopped or changed in dose (a confounder the evaluation must see)."""

    kind: Literal["medication_change"] = "medication_change"
    medication: str = Field(min_length=1, max_length=80, description="a medication name")
    change: Literal["started", "stopped", "dose_changed"] = Field(
        description=", ".join(MEDICATION_CHANGES)
    )
    dose: str = Field("", max_length=80, description="text up to 80 characters")


class QuestionnaireResponse(EntryBase):
    """A completed questionnaire: the answers and the score computed from them."""

    kind: Literal["questionnaire"] = "questionnaire"
    instrument: str = Field(min_length=1, max_length=20, description="an instrument id")
    answers: tuple[int, ...] = Field(min_length=1, max_length=100, description="item answers")
    score: dict[str, Any] = Field(default_factory=dict, description="the computed score")


Entry = Annotated[
    DoseEntry
    | FoodEntry
    | CheckIn
    | SleepDiary
    | SideEffect
    | PracticeEntry
    | TherapySession
    | MedicationChange
    | QuestionnaireResponse,
    Field(discriminator="kind"),
]
ENTRY_MODELS: Mapping[str, type[EntryBase]] = MappingProxyType(
    {
        "dose": DoseEntry,
        "food": FoodEntry,
        "checkin": CheckIn,
        "sleep": SleepDiary,
        "side_effect": SideEffect,
        "practice": PracticeEntry,
        "therapy": TherapySession,
        "medication_change": MedicationChange,
        "questionnaire": QuestionnaireResponse,
    }
)
ENTRY_KINDS: tuple[str, ...] = tuple(ENTRY_MODELS)
_ENTRY_ADAPTER: TypeAdapter[Entry] = TypeAdapter(Entry)


def parse_entry(kind: str, data: dict[str, Any]) -> EntryBase:
    """Validate raw input into an entry of ``kind``; raise with every problem found."""
    model = ENTRY_MODELS.get(kind)
    if model is None:
        raise InvalidInputError(
            [Problem("kind", f"unknown entry kind {kind!r}", ", ".join(ENTRY_KINDS))]
        )
    try:
        entry = model.model_validate({**data, "kind": kind})
    except ValidationError as error:
        raise InvalidInputError(problems_from_validation(error, kind, model)) from None
    found = entry.problems()
    if found:
        raise InvalidInputError(found)
    return entry


def entry_from_document(document: dict[str, Any]) -> EntryBase:
    """Rebuild a stored entry from its JSON document (already validated when it was written).

    Text an older version let in (a NUL in a note) is read back as it is, never refused.
    """
    entry: EntryBase = _ENTRY_ADAPTER.validate_python(document, context={"stored": True})
    return entry


def entry_document(entry: EntryBase) -> dict[str, Any]:
    """The JSON document an entry is stored and exported as."""
    return entry.model_dump(mode="json")


def document_digest(document: dict[str, Any]) -> str:
    """A stable SHA-256 of a JSON document: equal content, equal digest, whatever the key order."""
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()
