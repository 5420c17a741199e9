"""Elemental fractions are computed from formulas and match published values."""

from __future__ import annotations

import re

import pytest

from mgcalm.knowledge import HYDRATE_IDS, elemental_fraction, knowledge_base

# IUPAC abridged standard atomic weights (conventional values), independent of molmass.
ATOMIC_WEIGHT = {
    "H": 1.008,
    "C": 12.011,
    "N": 14.007,
    "O": 15.999,
    "Mg": 24.305,
    "S": 32.06,
    "Cl": 35.45,
}
CANONICAL_FORMS = (
    "glycinate",
    "citrate",
    "malate",
    "threonate",
    "taurate",
    "chloride",
    "sulfate",
    "oxide",
    "hydroxide",
    "carbonate",
    "lactate",
    "gluconate",
    "aspartate",
    "orotate",
    "pidolate",
)


def _counts(formula: str) -> dict[str, int]:
    """Element counts of a formula like ``Mg3(C6H5O7)2.9H2O`` (one level of parentheses)."""
    total: dict[str, int] = {}
    for part in formula.split("."):
        match = re.match(r"^(\d*)(.*)$", part)
        assert match
        times = int(match.group(1) or 1)
        body = match.group(2)
        for group, mult in re.findall(r"\(([^()]*)\)(\d*)", body):
            for el, n in _flat(group).items():
                total[el] = total.get(el, 0) + times * int(mult or 1) * n
        for el, n in _flat(re.sub(r"\([^()]*\)\d*", "", body)).items():
            total[el] = total.get(el, 0) + times * n
    return total


def _flat(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for el, n in re.findall(r"([A-Z][a-z]?)(\d*)", text):
        counts[el] = counts.get(el, 0) + int(n or 1)
    return counts


def reference_fraction(formula: str) -> float:
    """Mass fraction of Mg from standard atomic weights, computed here without molmass."""
    counts = _counts(formula)
    mass = sum(ATOMIC_WEIGHT[el] * n for el, n in counts.items())
    return counts["Mg"] * ATOMIC_WEIGHT["Mg"] / mass


@pytest.mark.parametrize(
    ("formula", "published_percent"),
    [
        ("MgO", 60.3),  # Molecules 2020;25:3172 Table 3
        ("MgCl2.6H2O", 11.96),
        ("MgSO4.7H2O", 9.86),
        ("Mg(OH)2", 41.7),
        ("MgCO3", 28.8),
        ("Mg3(C6H5O7)2", 16.2),
        ("Mg(C2H4NO2)2", 14.1),  # Molecules 2021;26:2419 Table 1
        ("MgCl2", 25.5),
        ("MgSO4", 20.2),
        ("Mg(C4H7O5)2", 8.25),
        ("Mg(C5H3N2O4)2.2H2O", 6.56),  # licensed orotate: 500 mg dihydrate = 32.8 mg Mg
    ],
)
def test_fraction_matches_published_and_standard_weights(
    formula: str, published_percent: float
) -> None:
    computed = elemental_fraction(formula) * 100
    assert computed == pytest.approx(published_percent, abs=0.1)
    assert computed == pytest.approx(reference_fraction(formula) * 100, abs=0.01)


def test_every_form_hydrate_agrees_with_standard_weights() -> None:
    kb = knowledge_base()
    for form in kb.forms.values():
        for hydrate in form.hydrates.values():
            expected = reference_fraction(hydrate.formula)
            assert hydrate.elemental_fraction == pytest.approx(expected, abs=0.001), hydrate


def test_canonical_form_ids_and_hydrates() -> None:
    kb = knowledge_base()
    assert set(kb.forms) == set(CANONICAL_FORMS)
    for form in kb.forms.values():
        assert set(form.hydrates) <= set(HYDRATE_IDS)
        assert form.default_hydrate in form.hydrates


def test_usual_commercial_hydrates() -> None:
    kb = knowledge_base()
    assert kb.forms["chloride"].default.elemental_fraction == pytest.approx(0.1196, abs=1e-4)
    assert kb.forms["sulfate"].default_hydrate == "heptahydrate"
    assert kb.forms["orotate"].default_hydrate == "dihydrate"


def test_article_goal_forms() -> None:
    kb = knowledge_base()
    for goal in ("anxiety", "sleep", "muscle_tension", "stress"):
        assert kb.goal_forms[goal][0] == "glycinate"
    assert kb.goal_forms["brain_fog"][0] == "threonate"
    assert kb.goal_forms["constipation"][0] == "citrate"
    assert kb.goal_forms["fatigue"][0] == "malate"
    assert kb.goal_forms["low_mood"][0] == "malate"


def test_no_form_claims_better_than_low_evidence_for_psychiatric_goals() -> None:
    kb = knowledge_base()
    for form in kb.forms.values():
        assert form.evidence_grade in ("low", "very_low")
        assert form.sources


@pytest.mark.parametrize("bad", ["Xx2", "NaCl", "Mg(C2H4NO2"])
def test_bad_formula_is_a_value_error(bad: str) -> None:
    with pytest.raises(ValueError, match="formula"):
        elemental_fraction(bad)


def test_public_api_is_curated() -> None:
    import mgcalm.knowledge as knowledge

    for name in knowledge.__all__:
        assert hasattr(knowledge, name), name
    for name in ("load", "knowledge_base", "KnowledgeBase", "label", "elemental_fraction"):
        assert name in knowledge.__all__
