"""MedicationStatements: the planned magnesium (form, elemental dose, timing) and listed medicines.

The magnesium dose is stated as elemental magnesium in ``doseQuantity`` (what the safety limits
are about), with the compound weight on the label in the dosage text. Listed medicines and
supplements are written as the person named them: mgcalm does not code them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from mgcalm.interop.fhir_common import SNOMED, BundleEntry, entry, quantity, reference

#: SNOMED CT 26643006 |Oral route|.
ORAL_ROUTE = {"coding": [{"system": SNOMED, "code": "26643006", "display": "Oral route"}]}
#: MedicationStatement.status values of FHIR R4 that mgcalm uses.
STATUSES: tuple[str, ...] = (
    "active",
    "intended",
    "stopped",
    "completed",
    "on-hold",
    "not-taken",
    "unknown",
)


@dataclass(frozen=True, slots=True)
class MagnesiumDose:
    """One planned daily dose of one magnesium form."""

    at: time
    form: str
    elemental_mg: float
    compound_mg: float | None = None
    with_food: bool = False


@dataclass(frozen=True, slots=True)
class MedicineUse:
    """A medicine or supplement the person listed, with its times and optional course dates."""

    name: str
    times: tuple[time, ...] = ()
    amount_mg: float | None = None
    start: date | None = None
    end: date | None = None
    kind: str = "medication"


def magnesium_entries(
    doses: Sequence[MagnesiumDose],
    patient: BundleEntry,
    *,
    status: str,
    start: date | None,
    asserted: datetime,
    scope: str,
    note: str = "",
) -> tuple[BundleEntry, ...]:
    """One MedicationStatement per magnesium form, with one Dosage per daily dose time."""
    forms = sorted({d.form for d in doses})
    found = []
    for form in forms:
        chosen = sorted((d for d in doses if d.form == form), key=lambda d: d.at)
        resource = _statement(f"Magnesium {form}", status, patient, asserted, start, None)
        resource["dosage"] = [_magnesium_dosage(n, d) for n, d in enumerate(chosen, start=1)]
        if note:
            resource["note"] = [{"text": note}]
        found.append(entry("MedicationStatement", f"magnesium/{form}", resource, scope))
    return tuple(found)


def medicine_entries(
    medicines: Sequence[MedicineUse], patient: BundleEntry, *, asserted: datetime, scope: str
) -> tuple[BundleEntry, ...]:
    """One MedicationStatement per listed medicine or supplement."""
    found = []
    for n, medicine in enumerate(medicines, start=1):
        ended = medicine.end is not None and medicine.end < asserted.date()
        status = "completed" if ended else "active"
        resource = _statement(
            medicine.name, status, patient, asserted, medicine.start, medicine.end
        )
        if medicine.times or medicine.amount_mg is not None:
            resource["dosage"] = [_listed_dosage(medicine)]
        resource["note"] = [
            {"text": f"Listed by the person as a {medicine.kind}; the name is not coded."}
        ]
        key = f"{medicine.kind}/{n}/{medicine.name.lower()}"
        found.append(entry("MedicationStatement", key, resource, scope))
    return tuple(found)


def _statement(
    name: str,
    status: str,
    patient: BundleEntry,
    asserted: datetime,
    start: date | None,
    end: date | None,
) -> dict[str, Any]:
    """The fields every MedicationStatement here shares."""
    resource: dict[str, Any] = {
        "status": status,
        "medicationCodeableConcept": {"text": name},
        "subject": reference(patient),
        "dateAsserted": asserted.isoformat(),
        "informationSource": reference(patient),
    }
    if start is not None or end is not None:
        period = {"start": start.isoformat()} if start else {}
        resource["effectivePeriod"] = period | ({"end": end.isoformat()} if end else {})
    return resource


def _magnesium_dosage(sequence: int, dose: MagnesiumDose) -> dict[str, Any]:
    """A daily oral dose at a time of day, as elemental magnesium."""
    text = f"{_mg(dose.elemental_mg)} mg elemental magnesium"
    if dose.compound_mg:
        text += f" ({_mg(dose.compound_mg)} mg magnesium {dose.form})"
    text += f" daily at {dose.at:%H:%M}" + (", with food" if dose.with_food else "")
    found: dict[str, Any] = {
        "sequence": sequence,
        "text": text,
        "timing": _daily_at((dose.at,)),
        "route": ORAL_ROUTE,
        "doseAndRate": [{"doseQuantity": quantity(dose.elemental_mg, "mg")}],
    }
    if dose.with_food:
        found["additionalInstruction"] = [{"text": "Take with food"}]
    return found


def _listed_dosage(medicine: MedicineUse) -> dict[str, Any]:
    """The times (and amount, for supplements) the person gave."""
    times = ", ".join(f"{t:%H:%M}" for t in medicine.times)
    amount = f"{_mg(medicine.amount_mg)} mg " if medicine.amount_mg is not None else ""
    found: dict[str, Any] = {"text": f"{amount}at {times}" if times else amount.strip()}
    if medicine.times:
        found["timing"] = _daily_at(medicine.times)
    if medicine.amount_mg is not None:
        found["doseAndRate"] = [{"doseQuantity": quantity(medicine.amount_mg, "mg")}]
    return found


def _daily_at(times: Sequence[time]) -> dict[str, Any]:
    """A Timing that repeats every day at the given local times."""
    return {
        "repeat": {
            "frequency": len(times),
            "period": 1,
            "periodUnit": "d",
            "timeOfDay": [f"{t:%H:%M:%S}" for t in sorted(times)],
        }
    }


def _mg(value: float) -> str:
    """Milligrams without a spurious ``.0``."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
