"""Control characters, unpaired surrogates and non-finite numbers are refused in every kind of
entry, the profile, names and reasons, each problem naming its field; ordinary text of any
script (tabs, line breaks, emoji) still passes.
"""

from __future__ import annotations

import math
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mgcalm.domain import InvalidInputError, parse_profile_toml, profile_from_mapping
from mgcalm.domain.entries import ENTRY_MODELS, parse_entry
from mgcalm.domain.text import odd_value

# One valid entry of each kind; each test puts odd text into one of its text fields.
VALID: dict[str, dict[str, Any]] = {
    "dose": {"form": "glycinate", "elemental_mg": 100, "taken_time": "08:00"},
    "food": {"food_id": "sr28:12061", "grams": 28, "magnesium_mg": 76},
    "checkin": {"anxiety": 4},
    "sleep": {
        "into_bed": "2026-11-25T22:30",
        "tried_to_sleep": "2026-11-25T23:00",
        "latency_min": 20,
        "awakenings": 1,
        "waso_min": 10,
        "final_wake": "2026-11-26T06:30",
        "out_of_bed": "2026-11-26T06:45",
        "quality": 3,
    },
    "side_effect": {"other": "a headache"},
    "practice": {"practice": "breathwork", "minutes": 10},
    "therapy": {"therapy": "emdr"},
    "medication_change": {"medication": "sertraline", "change": "started"},
    "questionnaire": {"instrument": "gad7", "answers": [1] * 7},
}
PROFILE_TOML = Path(__file__).parents[1] / "app" / "profile.toml"
# Every control character (C0, DEL and C1) but tab and the line breaks.
BAD_CONTROLS = [
    chr(c) for c in range(0x100) if unicodedata.category(chr(c)) == "Cc" and chr(c) not in "\t\n\r"
]


def text_fields(kind: str) -> list[str]:
    """The free-text fields of an entry kind (plain ``str`` annotations)."""
    model = ENTRY_MODELS[kind]
    return [
        name
        for name, info in model.model_fields.items()
        if info.annotation is str and name not in ("kind", "id")
    ]


def entry(kind: str, **extra: Any) -> dict[str, Any]:
    return {"id": "e1", "day": date(2026, 11, 26), **VALID[kind], **extra}


@pytest.mark.parametrize("kind", sorted(VALID))
def test_every_text_field_of_every_kind_refuses_nul(kind: str) -> None:
    assert parse_entry(kind, entry(kind))  # the valid entry passes
    fields = text_fields(kind)
    assert "note" in fields
    for name in fields:
        with pytest.raises(InvalidInputError) as caught:
            parse_entry(kind, entry(kind, **{name: "word\x00"}))
        assert [p.location for p in caught.value.problems] == [f"{kind}.{name}"], name
        assert "U+0000" in caught.value.problems[0].message


@settings(max_examples=60, deadline=None, derandomize=True)
@given(before=st.text(max_size=20), bad=st.sampled_from(BAD_CONTROLS), after=st.text(max_size=20))
def test_any_control_character_in_a_note_is_refused(before: str, bad: str, after: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_entry("checkin", entry("checkin", note=(before + bad + after)[:2000]))
    assert caught.value.problems[0].location == "checkin.note"


PRINTABLE = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), whitelist_characters="\t\n\r"),
    max_size=200,
)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(note=PRINTABLE)
def test_text_without_control_characters_is_kept_as_typed(note: str) -> None:
    assert parse_entry("checkin", entry("checkin", note=note)).note == note


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_non_finite_numbers_are_refused_even_inside_a_score(value: float) -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_entry("dose", entry("dose", elemental_mg=value))
    assert caught.value.problems[0].location == "dose.elemental_mg"
    with pytest.raises(InvalidInputError) as caught:
        parse_entry("questionnaire", entry("questionnaire", score={"total": value}))
    assert caught.value.problems[0].location == "questionnaire.score"
    assert odd_value({"a": [1.0, value]}) == ("a[1]", f"{value!r} is not a finite number")


def test_a_medication_name_in_the_profile_refuses_control_characters() -> None:
    data = {
        "person": {"age": 34, "sex": "female"},
        "day": {
            "wake": "07:00",
            "breakfast": "07:30",
            "lunch": "12:30",
            "dinner": "18:30",
            "bedtime": "23:00",
        },
        "medications": [{"name": "levo\x00thyroxine", "times": ["06:30"]}],
        "supplements": [{"name": "zinc\x1b", "amount_mg": 10, "times": ["08:00"]}],
    }
    profile, problems = profile_from_mapping(data)
    assert profile is None
    assert {p.location for p in problems} == {"medications[0].name", "supplements[0].name"}


def test_names_and_reasons_refuse_control_characters(mgcalm_app: Any) -> None:
    profile, problems = parse_profile_toml(PROFILE_TOML.read_text(encoding="utf-8"))
    assert profile is not None, problems
    with pytest.raises(InvalidInputError) as caught:
        mgcalm_app.create_person(profile, person_id="me", display_name="Al\x00ice")
    assert caught.value.problems[0].location == "name"
    mgcalm_app.create_person(profile, person_id="me", display_name="Alice")
    mgcalm_app.log("me", "checkin", {"id": "c1", "day": "2026-11-26", "anxiety": 3})
    with pytest.raises(InvalidInputError) as caught:
        mgcalm_app.delete_entry("me", "c1", "typo\x00")
    assert caught.value.problems[0].location == "reason"
    assert len(mgcalm_app.history("me")) == 1
