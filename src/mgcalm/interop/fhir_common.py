"""Shared pieces of the FHIR R4 export: code systems, stable ids, references and quantities.

Why R4B models: the installed ``fhir.resources`` (7 and later) ships FHIR R5 by default plus the
``R4B`` (4.3.0) and ``STU3`` subpackages. True R4 (4.0.1) exists only in ``fhir.resources`` 6.1,
which is built on pydantic 1 and cannot live beside the pydantic 2 that mgcalm uses. R4B changed
none of the elements this export writes (Bundle, Patient, Questionnaire, QuestionnaireResponse,
Observation, MedicationStatement), so the JSON we write is valid R4; the R4B models are used only
to check it. Nothing R4B-only is ever written.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
SNOMED = "http://snomed.info/sct"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
#: mgcalm's own code systems, for measures and answers that have no standard code.
MEASURE_SYSTEM = "urn:mgcalm:measure"
PSEUDONYM_SYSTEM = "urn:mgcalm:pseudonym"
#: Namespace of the stable resource ids (a UUID5 of the resource's key within an export).
ID_NAMESPACE = uuid.UUID("6c1b1e02-4f5e-5b8c-9a55-6d67636c6d30")

#: Units mgcalm writes and their UCUM codes; a unit not listed is written as text only.
UCUM_CODES: Mapping[str, str] = MappingProxyType(
    {
        "min": "min",
        "h": "h",
        "%": "%",
        "mg": "mg",
        "{score}": "{score}",
        "0-10": "{score}",
        "1-5": "{score}",
        "1-7": "{score}",
        "{count}": "{count}",
        "count": "{count}",
        "{episodes}": "{count}",
        "/min": "/min",
        "ms": "ms",
    }
)


@dataclass(frozen=True, slots=True)
class BundleEntry:
    """One resource with the ``urn:uuid`` full URL other entries refer to it by."""

    full_url: str
    resource: dict[str, Any]


def entry(kind: str, key: str, resource: dict[str, Any], scope: str) -> BundleEntry:
    """A bundle entry whose id is stable for the same scope, kind and key."""
    ident = str(uuid.uuid5(ID_NAMESPACE, f"{scope}/{kind}/{key}"))
    return BundleEntry(f"urn:uuid:{ident}", {"resourceType": kind, "id": ident, **resource})


def reference(target: BundleEntry) -> dict[str, str]:
    """A reference to another entry of the same bundle."""
    return {"reference": target.full_url}


def quantity(value: float, unit: str) -> dict[str, Any]:
    """A Quantity; coded in UCUM when the unit is one mgcalm knows the UCUM code of."""
    number: float | int = int(value) if float(value).is_integer() else value
    found: dict[str, Any] = {"value": number}
    if unit:
        found["unit"] = unit
    code = UCUM_CODES.get(unit)
    if code:
        found |= {"system": UCUM, "code": code}
    return found


def category(code: str) -> list[dict[str, Any]]:
    """An Observation category from the HL7 observation-category code system."""
    return [{"coding": [{"system": OBSERVATION_CATEGORY, "code": code}]}]
