"""FHIR R4 export: every bundle parses back with the fhir.resources models, codes are right.

The demo bundle is compared with ``snapshots/fhir_demo_bundle.json`` (ids numbered, times
blanked). After an intended change, rewrite it with ``MGCALM_UPDATE_SNAPSHOTS=1`` and review the
diff.
"""

from __future__ import annotations

import json
import os
import re
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle
from hypothesis import given, settings
from hypothesis import strategies as st

from mgcalm.domain import InvalidInputError
from mgcalm.instruments import GAD7, INSTRUMENTS, PCL5, PHQ9, score
from mgcalm.interop.fhir_bundle import ClinicianExport, build_bundle, bundle_problems
from mgcalm.interop.fhir_medications import MagnesiumDose, MedicineUse
from mgcalm.interop.fhir_questionnaires import CompletedQuestionnaire
from mgcalm.interop.series import SeriesPoint

SNAPSHOT = Path(__file__).parent / "snapshots" / "fhir_demo_bundle.json"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def completed(key: str, instrument_id: str, day: date, answers: tuple[int, ...]) -> Any:
    """A completed questionnaire scored by mgcalm.instruments."""
    result = score(instrument_id, list(answers[: len(INSTRUMENTS[instrument_id].items)]))
    return CompletedQuestionnaire(
        key,
        instrument_id,
        day,
        answers,
        result.total,
        "baseline",
        result.band,
        tuple(result.subscales.items()),
        tuple(result.flags),
    )


def demo_export() -> ClinicianExport:
    """A small but complete export: magnesium, two medicines, three questionnaires, series."""
    return ClinicianExport(
        pseudonym="demo-7f3a",
        generated=datetime(2027, 1, 15, 9, 0, tzinfo=UTC),
        gender="female",
        magnesium=(
            MagnesiumDose(time(12, 30), "glycinate", 100, 709, with_food=True),
            MagnesiumDose(time(21, 30), "glycinate", 150, 1064),
        ),
        magnesium_status="active",
        magnesium_start=date(2027, 1, 1),
        magnesium_note="Titration: day 1 100 mg/day; day 8 250 mg/day.",
        medicines=(
            MedicineUse("levothyroxine", (time(6, 30),)),
            MedicineUse("zinc", (time(8, 0),), 50, kind="supplement"),
        ),
        instruments=(PCL5, GAD7, PHQ9),
        responses=(
            completed(
                "q-pcl5",
                "pcl5",
                date(2026, 12, 18),
                (2, 1, 1, 2, 2, 3, 2, 0, 2, 1, 2, 1, 2, 1, 2, 0, 3, 2, 2, 3),
            ),
            completed("q-gad7", "gad7", date(2026, 12, 18), (2, 2, 1, 2, 1, 1, 1, 1)),
            completed("q-phq9", "phq9", date(2026, 12, 18), (1, 1, 2, 2, 0, 1, 1, 0, 1)),
        ),
        series=(
            SeriesPoint(date(2026, 12, 18), "anxiety", 6, "0-10", "baseline"),
            SeriesPoint(date(2026, 12, 19), "anxiety", 7, "0-10", "baseline"),
            SeriesPoint(date(2026, 12, 19), "total_sleep_min", 372, "min", "baseline"),
            SeriesPoint(date(2026, 12, 19), "sleep_efficiency", 81.6, "%", "baseline"),
        ),
    )


def resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def blanked(bundle: dict[str, Any]) -> Any:
    """The bundle with ids numbered in order of appearance and generation times blanked."""
    text = json.dumps(bundle, indent=2, ensure_ascii=False)
    numbers: dict[str, str] = {}
    text = UUID.sub(lambda m: numbers.setdefault(m.group(), f"<id {len(numbers) + 1}>"), text)
    text = text.replace("2027-01-15T09:00:00+00:00", "<generated>")
    return json.loads(text)


def test_demo_bundle_parses_back_with_the_fhir_models() -> None:
    bundle = build_bundle(demo_export())
    parsed = Bundle.model_validate_json(json.dumps(bundle))
    kinds = [e.resource.get_resource_type() for e in parsed.entry]
    assert kinds.count("Patient") == 1
    assert kinds.count("MedicationStatement") == 3
    assert kinds.count("Questionnaire") == 3
    assert kinds.count("QuestionnaireResponse") == 3
    assert kinds.count("Observation") == 3 + 4
    assert parsed.type == "collection"


def test_demo_bundle_matches_snapshot() -> None:
    got = blanked(build_bundle(demo_export()))
    if os.environ.get("MGCALM_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert got == json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def test_totals_carry_the_published_loinc_codes() -> None:
    bundle = build_bundle(demo_export())
    totals = {
        o["code"]["text"]: (o["code"]["coding"][0]["code"], o["valueQuantity"]["value"], o)
        for o in resources(bundle, "Observation")
        if "derivedFrom" in o
    }
    assert totals["GAD-7 total score"][:2] == ("70274-6", 10)
    assert totals["PHQ-9 total score"][:2] == ("44261-6", 9)
    assert "Flags: suicidal_ideation." in totals["PHQ-9 total score"][2]["note"][0]["text"]
    clusters = {c["code"]["coding"][0]["code"]: c["valueQuantity"]["value"]
                for c in totals["PCL-5 total score"][2]["component"]}  # fmt: skip
    assert clusters == {"pcl5.B": 8, "pcl5.C": 5, "pcl5.D": 9, "pcl5.E": 12}
    code, value, pcl = totals["PCL-5 total score"]
    assert (code, value) == ("101698-9", 34)
    assert "unverified" in pcl["note"][0]["text"]
    panels = {
        q["name"]: q.get("code", [{}])[0].get("code") for q in resources(bundle, "Questionnaire")
    }
    assert panels == {"PCL5": "101697-1", "GAD7": "69737-5", "PHQ9": "44249-1"}


def test_every_answer_is_one_of_its_questions_options() -> None:
    bundle = build_bundle(demo_export())
    options = {
        (q["url"], item["linkId"]): [o["valueCoding"] for o in item["answerOption"]]
        for q in resources(bundle, "Questionnaire")
        for item in q["item"]
        if item["type"] == "choice"
    }
    responses = resources(bundle, "QuestionnaireResponse")
    assert {r["questionnaire"] for r in responses} == {u for u, _ in options}
    for response in responses:
        for item in response["item"]:
            assert (
                item["answer"][0]["valueCoding"]
                in options[(response["questionnaire"], item["linkId"])]
            )
    phq9 = next(r for r in responses if r["questionnaire"].endswith("phq9"))
    first = phq9["item"][0]["answer"][0]["valueCoding"]
    assert (first["system"], first["code"], first["display"]) == (
        "http://loinc.org",
        "LA6569-3",
        "Several days",
    )


def test_gad7_difficulty_answer_is_kept_and_unscored() -> None:
    bundle = build_bundle(demo_export())
    gad7 = next(
        r for r in resources(bundle, "QuestionnaireResponse") if r["questionnaire"].endswith("gad7")
    )
    assert [i["linkId"] for i in gad7["item"]] == [str(n) for n in range(1, 9)]
    questionnaire = next(q for q in resources(bundle, "Questionnaire") if q["name"] == "GAD7")
    assert questionnaire["item"][-1]["required"] is False


def test_magnesium_statement_states_elemental_dose_and_times() -> None:
    bundle = build_bundle(demo_export())
    statements = resources(bundle, "MedicationStatement")
    magnesium = next(
        s for s in statements if s["medicationCodeableConcept"]["text"] == "Magnesium glycinate"
    )
    doses = [
        (d["timing"]["repeat"]["timeOfDay"], d["doseAndRate"][0]["doseQuantity"]["value"])
        for d in magnesium["dosage"]
    ]
    assert doses == [(["12:30:00"], 100), (["21:30:00"], 150)]
    assert magnesium["dosage"][1]["text"] == (
        "150 mg elemental magnesium (1064 mg magnesium glycinate) daily at 21:30"
    )
    names = sorted(s["medicationCodeableConcept"]["text"] for s in statements)
    assert names == ["Magnesium glycinate", "levothyroxine", "zinc"]


def test_patient_is_pseudonymous() -> None:
    (patient,) = resources(build_bundle(demo_export()), "Patient")
    assert set(patient) == {"resourceType", "id", "identifier", "gender"}
    assert patient["identifier"][0]["value"] == "demo-7f3a"


def test_same_export_gives_the_same_ids() -> None:
    assert build_bundle(demo_export()) == build_bundle(demo_export())


def test_response_for_unknown_instrument_is_a_problem() -> None:
    export = ClinicianExport(
        pseudonym="p",
        generated=datetime(2027, 1, 1, tzinfo=UTC),
        instruments=(GAD7,),
        responses=(CompletedQuestionnaire("r1", "isi", date(2027, 1, 1), (1,), 1),),
    )
    with pytest.raises(InvalidInputError) as caught:
        build_bundle(export)
    assert caught.value.problems[0].location == "responses.r1"


def test_answers_that_do_not_fit_the_instrument_are_problems() -> None:
    export = ClinicianExport(
        pseudonym="p",
        generated=datetime(2027, 1, 1, tzinfo=UTC),
        instruments=(GAD7, PHQ9),
        responses=(
            CompletedQuestionnaire("short", "gad7", date(2027, 1, 1), (1, 1), 2),
            CompletedQuestionnaire("high", "phq9", date(2027, 1, 1), (0,) * 8 + (4,), 4),
        ),
    )
    with pytest.raises(InvalidInputError) as caught:
        build_bundle(export)
    assert [(p.location, p.accepted) for p in caught.value.problems] == [
        ("responses.short.answers", "7 or 8"),
        ("responses.high.answers[9]", "0, 1, 2, 3"),
    ]


def test_unknown_medication_status_is_a_problem() -> None:
    export = ClinicianExport("p", datetime(2027, 1, 1, tzinfo=UTC), magnesium_status="taking")
    with pytest.raises(InvalidInputError) as caught:
        build_bundle(export)
    assert caught.value.problems[0].location == "magnesium_status"


def test_bundle_problems_names_what_the_models_reject() -> None:
    bundle = build_bundle(demo_export())
    broken = json.loads(json.dumps(bundle))
    broken["entry"][0]["resource"]["birthDate"] = "15/01/1990"
    problems = bundle_problems(broken)
    assert problems and problems[0].location.startswith("bundle.entry.0")
    assert bundle_problems(bundle) == []


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.builds(
            SeriesPoint,
            date=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
            measure=st.sampled_from(["anxiety", "total_sleep_min", "sleep_efficiency", "x.y"]),
            value=st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
            unit=st.sampled_from(["0-10", "min", "%", "", "hours slept"]),
            phase=st.sampled_from(["", "baseline", "maintenance"]),
        ),
        max_size=12,
    )
)
def test_any_series_gives_a_valid_bundle(points: list[SeriesPoint]) -> None:
    export = ClinicianExport("p", datetime(2027, 1, 1, tzinfo=UTC), series=tuple(points))
    bundle = build_bundle(export)
    Bundle.model_validate_json(json.dumps(bundle))
    assert len(resources(bundle, "Observation")) == len(set(points))
