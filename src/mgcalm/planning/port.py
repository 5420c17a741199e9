"""What the planner reads from the knowledge base, as a Protocol.

``mgcalm.knowledge.KnowledgeBase`` satisfies it; tests may pass a smaller stand-in. Keeping the
planner to this narrow surface means every fact it uses is one the knowledge base cites.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from mgcalm.knowledge.magnesium_content import MagnesiumContent
from mgcalm.knowledge.medicine_resolve import Resolution
from mgcalm.knowledge.models import (
    Condition,
    Conutrient,
    DosingFacts,
    Fact,
    Form,
    Medicine,
    MedicineClass,
    SafetyFacts,
)


class PlanningKnowledge(Protocol):
    """The facts a plan is built from: forms, intakes, medicines, conditions, co-nutrients."""

    @property
    def forms(self) -> Mapping[str, Form]:
        """Magnesium forms by id."""
        ...

    @property
    def goal_forms(self) -> Mapping[str, tuple[str, ...]]:
        """Form ids the article suggests for each goal, best first."""
        ...

    @property
    def conditions(self) -> Mapping[str, Condition]:
        """Conditions and life stages by id."""
        ...

    @property
    def conutrients(self) -> Mapping[str, Conutrient]:
        """Co-nutrients by id (b6, zinc, vitamin_d, taurine, omega3)."""
        ...

    @property
    def dosing(self) -> DosingFacts:
        """The article's doses and the limits and defaults mgcalm keeps to."""
        ...

    @property
    def medicines(self) -> Mapping[str, Medicine]:
        """Medicines by id, with their rules."""
        ...

    @property
    def medicine_classes(self) -> Mapping[str, MedicineClass]:
        """Medicine classes by id, with their shared rules."""
        ...

    @property
    def safety(self) -> SafetyFacts:
        """The default window, the kidney-by-age rule, the stop signs."""
        ...

    def resolve_medicine(self, text: str) -> Resolution:
        """What a typed medicine name refers to, and how it was matched."""
        ...

    def magnesium_content(self, name: str) -> MagnesiumContent | None:
        """The magnesium in a product, or None when it holds none mgcalm knows of."""
        ...

    def find_conutrient(self, name: str) -> Conutrient | None:
        """The co-nutrient called ``name``, or None."""
        ...

    def rda(self, age: float, sex: str, pregnant: bool, lactating: bool) -> Fact:
        """The RDA (or AI) for a life stage, total intake from food and supplements."""
        ...

    def supplemental_ul(self, age: float) -> Fact | None:
        """The UL for supplemental magnesium at an age, or None where none is set."""
        ...

    def find_medicine(self, name: str) -> Medicine | None:
        """The medicine a generic or brand name refers to, or None if unknown."""
        ...

    def kidney_action(self, egfr: float | None, stage: str | None) -> Condition | None:
        """What kidney function means for magnesium, or None when nothing applies."""
        ...
