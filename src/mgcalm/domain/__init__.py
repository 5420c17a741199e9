"""Immutable models shared by every layer: profiles, plans, entries and problems."""

from mgcalm.domain.entries import ENTRY_KINDS, EntryBase, parse_entry
from mgcalm.domain.foods import Food, FoodPortion, Portion
from mgcalm.domain.plan import Dose, Note, Plan, Separation
from mgcalm.domain.problems import InvalidInputError, Problem
from mgcalm.domain.profile import Day, Health, Medication, Person, Profile, Supplement
from mgcalm.domain.profile_parse import parse_profile_toml, profile_from_mapping, profile_to_toml
from mgcalm.domain.trial_phase import TrialPhase

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
