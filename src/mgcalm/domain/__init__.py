"""Immutable models shared by every layer: profiles, plans, entries and problems."""

from mgcalm.domain.problems import InvalidInputError, Problem

__all__ = ["InvalidInputError", "Problem"]
