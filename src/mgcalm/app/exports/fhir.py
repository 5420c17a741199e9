"""Use case: everything about the person as a FHIR R4 Bundle for their clinician.

Gathers the profile's medicines, the plan, questionnaire responses and daily series through
:class:`App`; :mod:`mgcalm.interop.fhir_bundle` turns them into resources.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from mgcalm.app.core import App
from mgcalm.app.exports.common import Written, phase_lookup, plan_start, write_text
from mgcalm.app.tracking import wearables
from mgcalm.domain.entries import EntryBase, QuestionnaireResponse
from mgcalm.domain.plan import Plan
from mgcalm.instruments import GAD7, INSTRUMENTS, PCL5, PCL5_WEEK, PHQ9
from mgcalm.interop.entry_series import entry_points
from mgcalm.interop.fhir_bundle import ClinicianExport, build_bundle
from mgcalm.interop.fhir_medications import MagnesiumDose, MedicineUse
from mgcalm.interop.fhir_questionnaires import CompletedQuestionnaire


def clinician_bundle(app: App, person_id: str | None = None) -> dict[str, Any]:
    """Everything about the person as a FHIR R4 Bundle (JSON-ready)."""
    return build_bundle(clinician_export(app, person_id))


def clinician_export(app: App, person_id: str | None = None) -> ClinicianExport:
    """Gather what the FHIR bundle holds: profile medicines, plan, responses and series."""
    person = app.person(person_id)
    profile = app.profile(person.id)
    today = app.today()
    plan = app.active_plan(person.id, today)
    entries = [s.entry for s in app.history(person.id)]
    phase_of = phase_lookup(app, person.id)
    responses = tuple(_completed(e, phase_of(e.day)) for e in entries if _is_response(e))
    used_week = any(r.instrument_id == "pcl5_week" for r in responses)
    return ClinicianExport(
        pseudonym=_pseudonym(person.id, person.created_at),
        generated=app.now(),
        gender=profile.person.sex,
        magnesium=_magnesium(plan),
        magnesium_status=_magnesium_status(phase_of(today)),
        magnesium_start=plan_start(app, person.id, plan, today) if plan else None,
        magnesium_note=_plan_note(plan),
        medicines=_medicines(profile),
        instruments=(PCL5, *((PCL5_WEEK,) if used_week else ()), GAD7, PHQ9),
        responses=responses,
        series=(
            *(p for p in entry_points(entries, phase_of) if p.measure not in INSTRUMENTS),
            *wearables.wearable_points(app, person.id, phase_of),
        ),
    )


def write_fhir(app: App, path: Path, person_id: str | None = None) -> Written:
    """Write the FHIR bundle as JSON to ``path``."""
    bundle = clinician_bundle(app, person_id)
    write_text(path, json.dumps(bundle, indent=2, ensure_ascii=False) + "\n")
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    return Written((path,), {kind: kinds.count(kind) for kind in sorted(set(kinds))})


def _is_response(entry: EntryBase) -> bool:
    return isinstance(entry, QuestionnaireResponse)


def _completed(entry: EntryBase, phase: str) -> CompletedQuestionnaire:
    """A stored questionnaire as the FHIR export reads it."""
    assert isinstance(entry, QuestionnaireResponse)
    total = entry.score.get("total")
    return CompletedQuestionnaire(
        key=entry.id,
        instrument_id=entry.instrument,
        authored=entry.day,
        answers=entry.answers,
        total=int(total) if isinstance(total, int | float) else sum(entry.answers),
        phase=phase,
        band=str(entry.score.get("band") or ""),
        subscales=tuple(
            (str(name), int(value)) for name, value in (entry.score.get("subscales") or {}).items()
        ),
        flags=tuple(str(flag) for flag in entry.score.get("flags") or ()),
    )


def _magnesium(plan: Plan | None) -> tuple[MagnesiumDose, ...]:
    """The maintenance doses of the plan (none when the plan holds magnesium back)."""
    if plan is None:
        return ()
    return tuple(
        MagnesiumDose(d.time, d.form, d.elemental_mg, d.compound_mg, d.with_food)
        for d in plan.doses
    )


def _magnesium_status(phase: str) -> str:
    """MedicationStatement status from the trial phase today.

    A sealed blinded period is "unknown": the capsules may hold magnesium or placebo.
    """
    statuses = {
        "titration": "active",
        "maintenance": "active",
        "magnesium": "active",
        "withdrawal": "stopped",
        "off": "on-hold",
        "placebo": "not-taken",
        "period": "unknown",
    }
    return statuses.get(phase, "intended")


def _plan_note(plan: Plan | None) -> str:
    """The titration and the plan's status, in words, for the clinician."""
    if plan is None:
        return ""
    steps = "; ".join(f"day {s.day} {s.elemental_mg_per_day} mg/day" for s in plan.titration)
    note = f"mgcalm plan status: {plan.status}. Doses listed are the maintenance day."
    return note + (f" Titration: {steps}." if steps else "")


def _medicines(profile: Any) -> tuple[MedicineUse, ...]:
    """Listed medications and supplements from the profile."""
    found = [MedicineUse(m.name, m.times, None, m.start, m.end) for m in profile.medications]
    found += [
        MedicineUse(s.name, s.times, s.amount_mg, kind="supplement") for s in profile.supplements
    ]
    return tuple(found)


def _pseudonym(person_id: str, created: datetime) -> str:
    """A stable identifier that reveals neither the person's id nor their name."""
    seed = f"{person_id}|{created.isoformat()}".encode()
    return "mgcalm-" + hashlib.sha256(seed).hexdigest()[:16]
