"""The clinician bundle: everything mgcalm holds about a person, as one FHIR R4 collection Bundle.

The Patient is pseudonymous (an opaque identifier, no name, no birth date). The bundle is built
as plain JSON, then parsed with the ``fhir.resources`` R4B models (see ``fhir_common`` for why
R4B); a bundle the models reject is never returned.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from pydantic import ValidationError

from mgcalm.domain import InvalidInputError, Problem
from mgcalm.interop.fhir_common import PSEUDONYM_SYSTEM, BundleEntry, entry
from mgcalm.interop.fhir_medications import (
    STATUSES,
    MagnesiumDose,
    MedicineUse,
    magnesium_entries,
    medicine_entries,
)
from mgcalm.interop.fhir_observations import series_entries
from mgcalm.interop.fhir_questionnaires import (
    CompletedQuestionnaire,
    InstrumentLike,
    answer_problems,
    questionnaire_entry,
    response_entries,
)
from mgcalm.interop.series import SeriesPoint


@dataclass(frozen=True, slots=True)
class ClinicianExport:
    """Everything that goes into the bundle, gathered by the app layer."""

    pseudonym: str
    generated: datetime
    gender: str | None = None
    magnesium: tuple[MagnesiumDose, ...] = ()
    magnesium_status: str = "intended"
    magnesium_start: date | None = None
    magnesium_note: str = ""
    medicines: tuple[MedicineUse, ...] = ()
    instruments: tuple[InstrumentLike, ...] = ()
    responses: tuple[CompletedQuestionnaire, ...] = ()
    series: tuple[SeriesPoint, ...] = ()


def build_bundle(export: ClinicianExport) -> dict[str, Any]:
    """The export as a FHIR R4 Bundle (JSON-ready dict), checked with the FHIR models."""
    if export.magnesium_status not in STATUSES:
        accepted = ", ".join(STATUSES)
        problem = Problem("magnesium_status", f"{export.magnesium_status!r} is unknown", accepted)
        raise InvalidInputError([problem])
    scope = export.pseudonym
    asserted = _utc(export.generated)
    patient = _patient(export, scope)
    entries = [patient]
    entries += magnesium_entries(
        export.magnesium,
        patient,
        status=export.magnesium_status,
        start=export.magnesium_start,
        asserted=asserted,
        scope=scope,
        note=export.magnesium_note,
    )
    entries += medicine_entries(export.medicines, patient, asserted=asserted, scope=scope)
    entries += _questionnaire_entries(export, patient, scope)
    entries += series_entries(export.series, patient, scope)
    bundle = entry("Bundle", "bundle", {}, scope).resource | {
        "type": "collection",
        "timestamp": asserted.isoformat(),
        "entry": [{"fullUrl": e.full_url, "resource": e.resource} for e in entries],
    }
    problems = bundle_problems(bundle)
    if problems:
        raise InvalidInputError(problems)
    return bundle


def bundle_problems(bundle: Mapping[str, Any]) -> list[Problem]:
    """Every complaint the FHIR R4B Bundle model has about a bundle (empty when it is valid)."""
    from fhir.resources.R4B.bundle import Bundle

    try:
        Bundle.model_validate(dict(bundle))
    except ValidationError as error:
        return [
            Problem(
                "bundle." + ".".join(str(p) for p in item["loc"]),
                item["msg"],
                "a valid FHIR R4 resource",
            )
            for item in error.errors()
        ]
    return []


def _patient(export: ClinicianExport, scope: str) -> BundleEntry:
    """The pseudonymous Patient: an opaque identifier and, if given, administrative gender."""
    resource: dict[str, Any] = {
        "identifier": [{"system": PSEUDONYM_SYSTEM, "value": export.pseudonym}]
    }
    if export.gender in ("female", "male"):
        resource["gender"] = export.gender
    return entry("Patient", "patient", resource, scope)


def _questionnaire_entries(
    export: ClinicianExport, patient: BundleEntry, scope: str
) -> list[BundleEntry]:
    """Definitions of the instruments, then each response followed by its total."""
    by_id = {i.id: i for i in export.instruments}
    found = [questionnaire_entry(i, scope) for i in export.instruments]
    problems: list[Problem] = []
    for done in export.responses:
        if done.instrument_id in by_id:
            problems += answer_problems(done, by_id[done.instrument_id])
        else:
            unknown = f"unknown instrument {done.instrument_id!r}"
            problems.append(Problem(f"responses.{done.key}", unknown, ", ".join(by_id)))
    if problems:
        raise InvalidInputError(problems)
    for done in sorted(export.responses, key=_authored_key):
        found.extend(response_entries(done, by_id[done.instrument_id], patient, scope))
    return found


def _authored_key(done: CompletedQuestionnaire) -> tuple[str, str]:
    return (done.authored.isoformat(), done.key)


def _utc(moment: datetime) -> datetime:
    """A timestamp with a zone (FHIR instants need one); naive times are taken as UTC."""
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
