"""Immutable models shared by every layer: profiles, plans, entries and problems.

The public names load lazily, so a command that needs one model does not build them all.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mgcalm.domain.entries import ENTRY_KINDS, EntryBase, parse_entry
    from mgcalm.domain.foods import Food, FoodPortion, Portion
    from mgcalm.domain.plan import Dose, Note, Plan, Separation
    from mgcalm.domain.problems import InvalidInputError, Problem
    from mgcalm.domain.profile import Day, Health, Medication, Person, Profile, Supplement
    from mgcalm.domain.profile_parse import (
        parse_profile_toml,
        profile_from_mapping,
        profile_to_toml,
    )
    from mgcalm.domain.trial_phase import TrialPhase

_HOMES = {
    "Day": "mgcalm.domain.profile",
    "Dose": "mgcalm.domain.plan",
    "ENTRY_KINDS": "mgcalm.domain.entries",
    "EntryBase": "mgcalm.domain.entries",
    "Food": "mgcalm.domain.foods",
    "FoodPortion": "mgcalm.domain.foods",
    "Health": "mgcalm.domain.profile",
    "InvalidInputError": "mgcalm.domain.problems",
    "Medication": "mgcalm.domain.profile",
    "Note": "mgcalm.domain.plan",
    "Person": "mgcalm.domain.profile",
    "Plan": "mgcalm.domain.plan",
    "Portion": "mgcalm.domain.foods",
    "Problem": "mgcalm.domain.problems",
    "Profile": "mgcalm.domain.profile",
    "Separation": "mgcalm.domain.plan",
    "Supplement": "mgcalm.domain.profile",
    "TrialPhase": "mgcalm.domain.trial_phase",
    "parse_entry": "mgcalm.domain.entries",
    "parse_profile_toml": "mgcalm.domain.profile_parse",
    "profile_from_mapping": "mgcalm.domain.profile_parse",
    "profile_to_toml": "mgcalm.domain.profile_parse",
}

__all__ = [
    "ENTRY_KINDS",
    "Day",
    "Dose",
    "EntryBase",
    "Food",
    "FoodPortion",
    "Health",
    "InvalidInputError",
    "Medication",
    "Note",
    "Person",
    "Plan",
    "Portion",
    "Problem",
    "Profile",
    "Separation",
    "Supplement",
    "TrialPhase",
    "parse_entry",
    "parse_profile_toml",
    "profile_from_mapping",
    "profile_to_toml",
]


def __getattr__(name: str) -> Any:
    """Load a public name from its module on first use, then keep it here."""
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_HOMES[name]), name)
    globals()[name] = value
    return value
