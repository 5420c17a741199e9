"""Safety rules: crisis resources, sharp worsening, magnesium red flags and loose stools."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mgcalm.domain import InvalidInputError
from mgcalm.instruments import (
    BRISTOL_SCALE,
    RED_FLAGS,
    StoolEntry,
    bristol_type,
    check_checkin,
    check_score,
    check_symptoms,
    resources_for,
    score,
    step_down_decision,
)

TODAY = date(2026, 11, 26)


def _labels(region: str | None) -> str:
    return " | ".join(r.one_line() for r in resources_for(region))


def test_US_resources_have_988_veterans_and_crisis_text_line() -> None:
    text = _labels("US")
    assert "Call 988" in text and "Text 988" in text
    assert "Dial 988 then press 1" in text and "Text 838255" in text
    assert "Text HOME to 741741" in text
    hrefs = {c.href for r in resources_for("us") for c in r.contacts}
    assert {"tel:988", "sms:838255", "sms:741741?body=HOME"} <= hrefs


@pytest.mark.parametrize("region", ["UK", "GB", "IE"])
def test_UK_and_Ireland_have_samaritans_116_123(region: str) -> None:
    assert "Call 116 123" in _labels(region)


@pytest.mark.parametrize("region", [None, "", "FR", "xx"])
def test_elsewhere_falls_back_to_findahelpline(region: str | None) -> None:
    assert "findahelpline.com" in _labels(region)


def test_every_region_lists_the_directory_and_an_emergency_number() -> None:
    for region in ("US", "CA", "UK", "IE", "INTL"):
        resources = resources_for(region)
        assert any(r.emergency for r in resources)
        assert any(r.id == "intl-findahelpline" for r in resources)
        assert all(
            c.href.split(":")[0] in {"tel", "sms", "https", "mailto"}
            for r in resources
            for c in r.contacts
        )


def test_phq9_item9_raises_a_crisis_alert_with_resources() -> None:
    (alert,) = check_score(score("phq9", [0] * 8 + [1]))
    assert (alert.code, alert.level, alert.show_crisis_resources) == (
        "suicidal_ideation",
        "crisis",
        True,
    )
    assert any("clinician" in a for a in alert.actions)


def test_no_alert_and_no_reassurance_when_nothing_is_flagged() -> None:
    assert check_score(score("phq9", [0] * 9)) == ()


def test_sharp_worsening_on_pcl5_by_reliable_change_amount() -> None:
    before = score("pcl5", [1] * 20)  # 20
    after = score("pcl5", [1] * 15 + [2] * 5)  # 25: up 5
    (alert,) = check_score(after, previous=before)
    assert alert.code == "sharp_worsening" and alert.show_crisis_resources
    assert check_score(score("pcl5", [1] * 16 + [2] * 4), previous=before) == ()  # up 4


def test_worsening_is_compared_only_within_the_same_form() -> None:
    before = score("pcl5", [0] * 20)
    assert check_score(score("pcl5_week", [2] * 20), previous=before) == ()


def test_checkin_crisis_and_high_distress() -> None:
    assert check_checkin(crisis=True)[0].code == "crisis_checkin"
    assert check_checkin(distress=9)[0].code == "high_distress"
    assert check_checkin(distress=8) == ()
    with pytest.raises(InvalidInputError):
        check_checkin(distress=11)


def test_red_flags_mean_stop_magnesium_and_seek_care() -> None:
    (alert,) = check_symptoms(["muscle_weakness", "irregular_heartbeat"])
    assert alert.level == "stop_and_seek_care"
    assert alert.actions[0] == "Stop taking magnesium now."
    assert "muscle weakness" in alert.message
    assert {"muscle_weakness", "slow_heartbeat", "confusion", "persistent_vomiting"} <= {
        f.id for f in RED_FLAGS
    }
    assert check_symptoms([]) == ()


def test_unknown_symptom_names_the_known_ones() -> None:
    with pytest.raises(InvalidInputError) as info:
        check_symptoms(["headache"])
    assert "muscle_weakness" in info.value.problems[0].accepted


def test_bristol_scale_has_seven_types_with_standard_words() -> None:
    assert [t.type for t in BRISTOL_SCALE] == list(range(1, 8))
    assert bristol_type(4).description == "Like a sausage or snake, smooth and soft"
    assert bristol_type(7).category == "loose"
    with pytest.raises(InvalidInputError):
        bristol_type(8)


def _day(n: int) -> date:
    return TODAY - timedelta(days=n)


def test_loose_stools_on_two_of_last_three_days_steps_down() -> None:
    decision = step_down_decision([StoolEntry(_day(2), 6), StoolEntry(TODAY, 7)], TODAY)
    assert decision.step_down
    assert decision.loose_days == (_day(2), TODAY)


def test_loose_stools_outside_the_window_do_not_count() -> None:
    entries = [StoolEntry(_day(3), 7), StoolEntry(TODAY, 6), StoolEntry(_day(1), 5)]
    assert not step_down_decision(entries, TODAY).step_down


def test_three_loose_stools_in_one_day_steps_down() -> None:
    entries = [StoolEntry(TODAY, 7)] * 3
    assert step_down_decision(entries, TODAY).step_down
    assert not step_down_decision([StoolEntry(TODAY, 7)] * 2, TODAY).step_down


def test_stool_log_problems_are_all_reported() -> None:
    with pytest.raises(InvalidInputError) as info:
        step_down_decision([StoolEntry(TODAY, 0), StoolEntry(TODAY + timedelta(days=1), 4)], TODAY)
    assert [p.location for p in info.value.problems] == ["stools[0].bristol_type", "stools[1].day"]


def test_safety_check_joins_every_rule_most_urgent_first() -> None:
    from mgcalm.instruments import safety_check

    alerts = safety_check(
        score=score("phq9", [0] * 8 + [2]),
        symptoms=["confusion"],
        stools=[StoolEntry(TODAY, 7), StoolEntry(_day(1), 6)],
        today=TODAY,
    )
    assert [a.level for a in alerts] == ["crisis", "stop_and_seek_care", "step_down"]
    assert alerts[-1].code == "loose_stools"
    assert safety_check() == ()
