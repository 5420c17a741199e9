"""The profile parser: every problem reported at once, by key, with what is accepted."""

from __future__ import annotations

from datetime import date, time

from hypothesis import given
from hypothesis import strategies as st

from mgcalm.domain.profile import Profile
from mgcalm.domain.profile_parse import parse_profile_toml, profile_from_mapping, profile_to_toml

GOOD = """
[person]
age = 34
sex = "female"

[day]
wake = "07:00"
breakfast = "07:30"
lunch = "12:30"
dinner = "18:30"
bedtime = "23:00"
"""


def _locations(text: str) -> list[str]:
    profile, problems = parse_profile_toml(text)
    assert profile is None
    return [p.location for p in problems]


def test_a_minimal_profile_parses() -> None:
    profile, problems = parse_profile_toml(GOOD)
    assert problems == ()
    assert profile is not None
    assert profile.person.age == 34 and profile.day.bedtime == time(23, 0)
    assert profile.goals == () and profile.medications == ()


def test_bad_age_and_bad_bedtime_are_both_reported() -> None:
    text = GOOD.replace("age = 34", "age = 300").replace('"23:00"', '"25:99"')
    profile, problems = parse_profile_toml(text)
    assert profile is None
    by_key = {p.location: p for p in problems}
    assert set(by_key) == {"profile.toml: person.age", "profile.toml: day.bedtime"}
    assert "0–120" in by_key["profile.toml: person.age"].accepted
    assert "HH:MM" in by_key["profile.toml: day.bedtime"].accepted


def test_every_kind_of_mistake_is_collected_in_one_pass() -> None:
    text = (
        GOOD.replace('sex = "female"', 'sex = "other"\nheight = 170')
        + """
[health]
kidney = "poor"

[goals]
focus = ["anxiety", "flying"]

[diet]
magnesium_mg = -5

[[medications]]
name = "levothyroxine"
times = ["06:30", "6.30"]
start = 2026-11-10
end = 2026-11-01

[[supplements]]
name = "zinc"
amount_mg = -50
"""
    )
    assert _locations(text) == [
        "profile.toml: person.height",
        "profile.toml: person.sex",
        "profile.toml: health.kidney",
        "profile.toml: goals.focus[1]",
        "profile.toml: diet.magnesium_mg",
        "profile.toml: medications[0].times[1]",
        "profile.toml: medications[0].end",
        "profile.toml: supplements[0].amount_mg",
    ]


def test_accepted_values_are_named() -> None:
    text = GOOD.replace('sex = "female"', 'sex = "other"') + '[goals]\nfocus = ["flying"]\n'
    _, problems = parse_profile_toml(text)
    accepted = {p.location.split(": ")[1]: p.accepted for p in problems}
    assert accepted["person.sex"] == "female, male"
    assert "brain_fog" in accepted["goals.focus[0]"]


def test_toml_syntax_error_names_the_line() -> None:
    profile, problems = parse_profile_toml('[person]\nage = 34\nsex = "female\n', "me.toml")
    assert profile is None
    assert len(problems) == 1 and problems[0].location == "me.toml: line 3"


def test_missing_sections_and_unknown_top_level_keys() -> None:
    assert _locations('colour = "blue"\n') == [
        "profile.toml: colour",
        "profile.toml: person.age",
        "profile.toml: person.sex",
        "profile.toml: day.wake",
        "profile.toml: day.bedtime",
    ]


def test_meals_must_follow_the_order_of_the_day() -> None:
    text = GOOD.replace('lunch = "12:30"', 'lunch = "19:30"')
    _, problems = parse_profile_toml(text)
    assert [p.location for p in problems] == ["profile.toml: day.dinner"]


def test_a_day_may_run_past_midnight() -> None:
    night = GOOD.replace('wake = "07:00"', 'wake = "14:00"')
    night = night.replace('breakfast = "07:30"', 'breakfast = "14:30"')
    night = night.replace('lunch = "12:30"', 'lunch = "19:00"')
    night = night.replace('dinner = "18:30"', 'dinner = "01:00"')
    night = night.replace('bedtime = "23:00"', 'bedtime = "06:00"')
    profile, problems = parse_profile_toml(night)
    assert problems == () and profile is not None


def test_a_course_needs_both_dates() -> None:
    text = GOOD + '[[medications]]\nname = "doxycycline"\ntimes = ["08:00"]\nstart = 2026-11-01\n'
    assert _locations(text) == ["profile.toml: medications[0].end"]


def test_a_medication_needs_at_least_one_time() -> None:
    text = GOOD + '[[medications]]\nname = "sertraline"\ntimes = []\n'
    assert _locations(text) == ["profile.toml: medications[0].times"]


def test_an_unknown_medicine_is_not_a_parse_error() -> None:
    text = GOOD + '[[medications]]\nname = "zzz-not-a-drug"\ntimes = ["09:00"]\n'
    profile, problems = parse_profile_toml(text)
    assert problems == () and profile is not None
    assert profile.medications[0].name == "zzz-not-a-drug"


def test_magnesium_supplements_count_per_intake_and_time() -> None:
    text = GOOD + (
        '[[supplements]]\nname = "Magnesium citrate"\namount_mg = 100\ntimes = ["08:00", "20:00"]\n'
        '[[supplements]]\nname = "Milk of Magnesia"\namount_mg = 50\n'
        '[[supplements]]\nname = "zinc"\namount_mg = 15\n'
    )
    profile, _ = parse_profile_toml(text)
    assert profile is not None
    assert profile.supplemental_magnesium_mg == 250


def test_mapping_input_from_a_web_form() -> None:
    data = {
        "person": {"age": 34.0, "sex": "Male"},
        "health": {"conditions": ["Heart block"]},
        "day": {
            "wake": "6:45",
            "breakfast": "07:00",
            "lunch": "12:00",
            "dinner": "18:00",
            "bedtime": "22:30",
        },
        "medications": [
            {"name": "Cipro", "times": ["08:00"], "start": "2026-11-01", "end": "2026-11-07"}
        ],
    }
    profile, problems = profile_from_mapping(data)
    assert problems == () and profile is not None
    assert profile.person.sex == "male" and profile.health.conditions == ("heart_block",)
    assert profile.day.wake == time(6, 45)
    assert profile.medications[0].start == date(2026, 11, 1) and profile.medications[0].is_course


def test_mapping_locations_have_no_file_prefix() -> None:
    _, problems = profile_from_mapping({"person": {"age": "old", "sex": "female"}})
    assert problems[0].location == "person.age"


clock = st.builds(time, st.integers(0, 23), st.integers(0, 59))


def _readable_name(text: str) -> bool:
    """A name the parser accepts: some name left once any strength is taken out, no bad unit."""
    from mgcalm.domain.strength import split_strength

    split = split_strength(text.strip())
    return bool(split.name.strip(" -/+")) and not split.bad_units


@given(
    age=st.integers(0, 120),
    sex=st.sampled_from(["female", "male"]),
    names=st.lists(
        # names a person can type (control characters are refused, tested elsewhere)
        st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12).filter(
            _readable_name
        ),
        max_size=3,
    ),
    times=st.lists(clock, min_size=1, max_size=3),
    amount=st.floats(0.001, 20000, allow_nan=False),
)
def test_round_trip_through_toml(
    age: int, sex: str, names: list[str], times: list[time], amount: float
) -> None:
    base, _ = parse_profile_toml(GOOD)
    assert base is not None
    from dataclasses import replace

    from mgcalm.domain.profile import Medication, Person, Supplement

    profile = replace(
        base,
        person=Person(age, sex),  # type: ignore[arg-type]
        medications=tuple(Medication(n.strip(), tuple(times)) for n in names),
        supplements=tuple(Supplement(n.strip(), amount, tuple(times)) for n in names),
    )
    again, problems = parse_profile_toml(profile_to_toml(profile))
    assert problems == ()
    assert again == profile


def test_round_trip_of_a_full_profile() -> None:
    text = GOOD.replace(
        "[day]", '[health]\negfr = 55.5\nkidney = "moderate"\nconditions = ["ibd"]\n\n[day]'
    ) + (
        '[goals]\nfocus = ["sleep", "fatigue"]\n[diet]\nmagnesium_mg = 180\n'
        '[[medications]]\nname = "ciprofloxacin"\ntimes = ["08:00", "20:00"]\n'
        "start = 2026-11-01\nend = 2026-11-07\n"
    )
    profile, problems = parse_profile_toml(text)
    assert problems == () and isinstance(profile, Profile)
    assert parse_profile_toml(profile_to_toml(profile)) == (profile, ())


def test_pregnancy_applies_only_to_female() -> None:
    text = GOOD.replace('sex = "female"', 'sex = "male"\npregnant = true\nlactating = true')
    assert _locations(text) == ["profile.toml: person.pregnant", "profile.toml: person.lactating"]


def test_a_byte_order_mark_is_tolerated_and_non_mappings_are_refused() -> None:
    profile, problems = parse_profile_toml("\ufeff" + GOOD)
    assert problems == () and profile is not None
    _, refused = profile_from_mapping(["not", "a", "mapping"])  # type: ignore[arg-type]
    assert refused[0].location == "profile"


json_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
sections = st.sampled_from(
    ["person", "health", "day", "goals", "diet", "medications", "supplements", "schema", "x"]
)
keys = st.sampled_from(
    ["age", "sex", "pregnant", "egfr", "kidney", "conditions", "wake", "bedtime", "focus",
     "magnesium_mg", "name", "times", "start", "end", "amount_mg"]
)  # fmt: skip


@given(
    st.dictionaries(
        sections,
        st.dictionaries(keys, json_like, max_size=4) | st.lists(st.dictionaries(keys, json_like)),
        max_size=6,
    )
)
def test_any_input_gives_a_profile_or_problems_never_an_exception(data: dict[str, object]) -> None:
    profile, problems = profile_from_mapping(data)
    assert (profile is None) == bool(problems)
    assert all(p.location and p.message for p in problems)


def test_weekly_monthly_and_as_needed_medicines_and_a_dated_egfr() -> None:
    text = GOOD + (
        "[health]\negfr = 70\negfr_date = 2026-05-01\n\n"
        '[[medications]]\nname = "alendronic acid 70 mg"\ntimes = ["07:00"]\ndays = ["mon"]\n\n'
        '[[medications]]\nname = "ibandronic acid"\ntimes = ["07:00"]\nevery = "month"\n\n'
        '[[medications]]\nname = "Maalox"\nas_needed = true\namount_mg = 80\n'
    )
    profile, problems = parse_profile_toml(text)
    assert problems == () and profile is not None
    weekly, monthly, antacid = profile.medications
    assert weekly.days == ("mon",) and not weekly.daily
    assert monthly.every == "month" and not monthly.daily
    assert antacid.as_needed and antacid.times == () and antacid.amount_mg == 80
    assert str(profile.health.egfr_date) == "2026-05-01"
    again, problems = parse_profile_toml(profile_to_toml(profile))
    assert problems == () and again == profile


def test_old_profiles_stay_valid_and_meals_may_be_skipped() -> None:
    profile, problems = parse_profile_toml(GOOD.replace('breakfast = "07:30"\n', ""))
    assert problems == () and profile is not None
    assert profile.day.breakfast is None and [m for m, _ in profile.day.meals()] == [
        "lunch",
        "dinner",
    ]
    again, _ = parse_profile_toml(profile_to_toml(profile))
    assert again == profile


def test_bad_medicine_entries_name_the_field_and_what_is_accepted() -> None:
    text = GOOD + (
        '[[medications]]\nname = ""\ntimes = ["07:00"]\n\n'
        '[[medications]]\nname = "Synthroid 50 mcgg"\ntimes = ["07:00"]\n\n'
        '[[medications]]\nname = "doxycycline"\ntimes = ["07:00"]\ndays = ["funday"]\n'
        'every = "fortnight"\n\n'
        '[[supplements]]\nname = "ZMA"\n'
    )
    profile, problems = parse_profile_toml(text)
    assert profile is None
    by_key = {p.location.split(": ", 1)[1]: p for p in problems}
    assert set(by_key) == {
        "medications[0].name",
        "medications[1].name",
        "medications[2].days[0]",
        "medications[2].every",
        "supplements[0].amount_mg",
    }
    assert "mcg" in by_key["medications[1].name"].accepted
    assert "'50 mcgg'" in by_key["medications[1].name"].message
    assert "mon" in by_key["medications[2].days[0]"].accepted
    assert "week" in by_key["medications[2].every"].accepted
