"""Pure serialisers for the world outside: iCalendar reminders, FHIR R4 bundles, tidy CSV.

Nothing here reads a clock, a database or the network: the app layer gathers plain records
(a plan in the ``mgcalm.plan/1`` shape, trial phases, entries, questionnaire responses) and these
functions turn them into text or JSON.

- iCalendar: ``plan_reminders`` / ``trial_reminders`` → ``build_calendar(reminders, tz=, now=)``
- FHIR R4: ``build_bundle(ClinicianExport)`` (checked with the ``fhir.resources`` R4B models)
- CSV: ``write_series_csv`` / ``read_series_csv`` over ``SeriesPoint`` (``date, measure, value,
  unit, phase``); ``entry_points`` turns stored entries into points.

Invalid input raises ``mgcalm.domain.InvalidInputError`` carrying every problem found.

The public names load lazily, so reading strict JSON does not load the FHIR models.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# Loaded at once: the function shares its module's name, which would otherwise shadow it.
from mgcalm.interop.questionnaire_days import questionnaire_days

if TYPE_CHECKING:
    from mgcalm.interop.entry_series import entry_points
    from mgcalm.interop.fhir_bundle import ClinicianExport, build_bundle, bundle_problems
    from mgcalm.interop.fhir_medications import MagnesiumDose, MedicineUse
    from mgcalm.interop.fhir_questionnaires import CompletedQuestionnaire
    from mgcalm.interop.ics import build_calendar, reminder_uid
    from mgcalm.interop.reminders import (
        DailyReminder,
        DatedReminder,
        plan_reminders,
        trial_reminders,
    )
    from mgcalm.interop.series import PHASES, SeriesPoint
    from mgcalm.interop.tidy_csv import read_series_csv, write_evaluate_csv, write_series_csv

_HOMES = {
    "ClinicianExport": "mgcalm.interop.fhir_bundle",
    "CompletedQuestionnaire": "mgcalm.interop.fhir_questionnaires",
    "DailyReminder": "mgcalm.interop.reminders",
    "DatedReminder": "mgcalm.interop.reminders",
    "MagnesiumDose": "mgcalm.interop.fhir_medications",
    "MedicineUse": "mgcalm.interop.fhir_medications",
    "PHASES": "mgcalm.interop.series",
    "SeriesPoint": "mgcalm.interop.series",
    "build_bundle": "mgcalm.interop.fhir_bundle",
    "build_calendar": "mgcalm.interop.ics",
    "bundle_problems": "mgcalm.interop.fhir_bundle",
    "entry_points": "mgcalm.interop.entry_series",
    "plan_reminders": "mgcalm.interop.reminders",
    "read_series_csv": "mgcalm.interop.tidy_csv",
    "reminder_uid": "mgcalm.interop.ics",
    "trial_reminders": "mgcalm.interop.reminders",
    "write_evaluate_csv": "mgcalm.interop.tidy_csv",
    "write_series_csv": "mgcalm.interop.tidy_csv",
}

__all__ = [
    "PHASES",
    "ClinicianExport",
    "CompletedQuestionnaire",
    "DailyReminder",
    "DatedReminder",
    "MagnesiumDose",
    "MedicineUse",
    "SeriesPoint",
    "build_bundle",
    "build_calendar",
    "bundle_problems",
    "entry_points",
    "plan_reminders",
    "questionnaire_days",
    "read_series_csv",
    "reminder_uid",
    "trial_reminders",
    "write_evaluate_csv",
    "write_series_csv",
]


def __getattr__(name: str) -> Any:
    """Load a public name from its module on first use, then keep it here."""
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_HOMES[name]), name)
    globals()[name] = value
    return value
