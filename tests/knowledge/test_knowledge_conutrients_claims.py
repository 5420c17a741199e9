"""Co-nutrient limits and interactions; claims carry grades, honest wording and sources."""

from __future__ import annotations

from mgcalm.knowledge import GRADES, knowledge_base


def test_conutrients_present_with_limits() -> None:
    kb = knowledge_base()
    assert set(kb.conutrients) == {
        "b6",
        "zinc",
        "vitamin_d",
        "taurine",
        "omega3",
        "calcium",
        "iron",
    }
    zinc = kb.conutrients["zinc"]
    assert (zinc.rda_female_mg, zinc.rda_male_mg, zinc.ul_mg) == (8, 11, 40)
    assert kb.conutrients["b6"].ul_mg == 100
    assert kb.conutrients["vitamin_d"].ul_mg == 0.1  # 100 µg = 4,000 IU


def test_high_dose_zinc_reduces_magnesium_absorption_warning() -> None:
    zinc = knowledge_base().conutrients["zinc"]
    assert [w.code for w in zinc.warnings_for(30)] == []
    assert [w.code for w in zinc.warnings_for(50)] == ["zinc_above_ul"]
    codes = [w.code for w in zinc.warnings_for(142)]
    assert "zinc_high_dose" in codes
    assert "pmid-7836627" in next(w for w in zinc.warnings if w.code == "zinc_high_dose").sources
    assert zinc.high_dose_threshold_mg == 40


def test_b6_eu_limit_warns_above_12_mg() -> None:
    b6 = knowledge_base().conutrients["b6"]
    assert b6.warnings_for(12) == ()
    assert [w.code for w in b6.warnings_for(30)] == ["b6_above_eu_ul"]


def test_find_conutrient_by_alias() -> None:
    kb = knowledge_base()
    found = kb.find_conutrient("Fish Oil")
    assert found is not None
    assert found.id == "omega3"
    pyridoxine = kb.find_conutrient("pyridoxine")
    assert pyridoxine is not None
    assert pyridoxine.id == "b6"
    assert kb.find_conutrient("selenium") is None


def test_claims_are_graded_and_sourced() -> None:
    claims = knowledge_base().claims
    assert len(claims) >= 11
    for claim in claims:
        assert claim.grade in GRADES
        assert claim.honest_wording
        assert claim.sources


def test_missing_citations_are_marked() -> None:
    by_id = {c.id: c for c in knowledge_base().claims}
    assert not by_id["mood_regulation_blom"].citation_found  # Blom 2018 cannot be found
    assert not by_id["deficiency_common"].citation_found  # Rosanoff 2019 does not exist
    assert by_id["anxiety_two_weeks"].citation_found
    assert by_id["anxiety_two_weeks"].grade == "very_low"


def test_no_claim_about_ptsd_is_graded_above_very_low() -> None:
    by_id = {c.id: c for c in knowledge_base().claims}
    assert by_id["helps_ptsd"].grade == "very_low"
    assert by_id["best_forms_for_ptsd"].grade == "very_low"


def test_dosing_never_exceeds_the_supplemental_ul() -> None:
    kb = knowledge_base()
    d = kb.dosing
    ul = kb.supplemental_ul(30).value_mg
    assert d.article_daily_max_mg.value > ul  # the article's 400 mg is above the UL
    assert d.trial_typical_max_mg.value <= ul
    assert d.start_mg_per_day.value < d.trial_typical_min_mg.value
    assert d.eu_supplemental_ul_mg.value == 250


STRONG_WORDS = ("proven", "cures", "guarantee", "ideal", "most effective", "best absorbed")


def test_honest_wording_never_overstates() -> None:
    kb = knowledge_base()
    texts = [
        *(c.honest_wording for c in kb.claims),
        *(f.honest_wording for f in kb.forms.values()),
        *(n.honest_wording for n in kb.conutrients.values()),
    ]
    for text in texts:
        lowered = text.lower()
        assert not [w for w in STRONG_WORDS if w in lowered], text


def test_magnesium_antacids_and_laxatives_count_toward_the_limit() -> None:
    kb = knowledge_base()
    assert "350 mg" in kb.medicine_classes["magnesium_containing"].rule.message
    for name in ("Milk of Magnesia", "Maalox", "Mylanta", "Mag-Ox 400", "Rolaids", "ZMA"):
        assert kb.magnesium_content(name) is not None, name
        assert kb.find_medicine(name) is None, name


def test_could_not_be_found_only_where_a_citation_was_given() -> None:
    claims = {c.id: c for c in knowledge_base().claims}
    assert claims["mood_regulation_blom"].citation_state == "not_found"  # Blom 2018: given
    assert claims["helps_ptsd"].citation_state == "none_given"
    assert claims["anxiety_two_weeks"].citation_state == "found"


def test_a_dose_claim_is_graded_on_efficacy_and_glycinate_gentleness_is_a_belief() -> None:
    kb = knowledge_base()
    dose = next(c for c in kb.claims if c.id == "dose_200_400")
    assert dose.grade == "low" and "efficacy" in dose.grade_note
    assert "believed" in kb.forms["glycinate"].honest_wording


def test_rules_that_send_to_a_clinician_are_clinician_rules() -> None:
    """A message that says not to start alone must come with a status that stops the plan."""
    for cls in knowledge_base().medicine_classes.values():
        rule = cls.rule
        text = rule.message.casefold()
        if "do not self-treat" in text or "before adding magnesium" in text:
            assert rule.kind == "clinician" or rule.clinician_if_kidney, cls.id
        assert "this medicine" not in text, cls.id
