"""Fixtures for planning tests: the packaged knowledge base and a profile builder."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from mgcalm.domain.profile import Profile
from mgcalm.domain.profile_parse import profile_from_mapping

BASE: dict[str, Any] = {
    "person": {"age": 34, "sex": "female"},
    "health": {"egfr": 95},
    "day": {
        "wake": "07:00",
        "breakfast": "07:30",
        "lunch": "12:30",
        "dinner": "18:30",
        "bedtime": "23:00",
    },
    "goals": {"focus": ["anxiety", "sleep"]},
    "diet": {"magnesium_mg": 220},
}


@pytest.fixture(scope="session")
def kb() -> Any:
    """The packaged knowledge base (tests fail if its data has any problem)."""
    from mgcalm.knowledge import knowledge_base

    return knowledge_base()


@pytest.fixture(scope="session")
def article_foods() -> Any:
    """The article's food portions with USDA magnesium values."""
    from mgcalm.knowledge.foods import article_portions

    return article_portions()


@pytest.fixture(scope="session")
def make_profile() -> Callable[..., Profile]:
    """Build a valid profile from BASE with sections replaced or extended by keyword."""

    def build(**sections: Any) -> Profile:
        data = copy.deepcopy(BASE)
        for name, value in sections.items():
            if isinstance(value, dict) and isinstance(data.get(name), dict):
                data[name] = {**data[name], **value}
            else:
                data[name] = value
        profile, problems = profile_from_mapping(data, "test")
        assert profile is not None, problems
        return profile

    return build
