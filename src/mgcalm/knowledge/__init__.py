"""know: the cited knowledge base: forms, intakes, medicines, conditions, claims, foods.

``load()`` reads the package data once and returns ``(knowledge_base, problems)``;
``knowledge_base()`` returns it or raises ``InvalidInputError`` listing every problem. Each fact
names its references (``KnowledgeBase.references``). ``label`` (module ``labels``) converts
between compound and elemental magnesium for a form and hydrate.
"""

from mgcalm.domain.profile import GOALS, KIDNEY_STAGES, SEXES
from mgcalm.knowledge.base import KnowledgeBase
from mgcalm.knowledge.chemistry import elemental_fraction, molar_mass
from mgcalm.knowledge.labels import LabelResult, label
from mgcalm.knowledge.loader import DATA_DIR, knowledge_base, load
from mgcalm.knowledge.models import (
    GRADES,
    HYDRATE_IDS,
    Claim,
    Condition,
    Conutrient,
    ConutrientWarning,
    DosingFacts,
    Fact,
    Form,
    Hydrate,
    Medicine,
    MedicineClass,
    MedicineRule,
    Quantity,
    Reference,
)

__all__ = [
    "DATA_DIR",
    "GOALS",
    "GRADES",
    "HYDRATE_IDS",
    "KIDNEY_STAGES",
    "SEXES",
    "Claim",
    "Condition",
    "Conutrient",
    "ConutrientWarning",
    "DosingFacts",
    "Fact",
    "Form",
    "Hydrate",
    "KnowledgeBase",
    "LabelResult",
    "Medicine",
    "MedicineClass",
    "MedicineRule",
    "Quantity",
    "Reference",
    "elemental_fraction",
    "knowledge_base",
    "label",
    "load",
    "molar_mass",
]
