"""The knowledge base's records: references, forms, intakes, medicines, conditions, claims.

Every record is a frozen, slotted dataclass: immutable, picklable, and importing it does not
import pydantic. The loader validates the package data into them with pydantic (``sources``),
applying the limits written as ``Bounds`` beside the fields and the checks in
``__post_init__``, which also hold for a record made in code. Every numeric fact carries
``sources``: ids of entries in ``references.toml``; the loader reports any id that does not
exist. Evidence grades use the GRADE-like words of the evidence review: ``high``,
``moderate``, ``low``, ``very_low``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Annotated, Any, ClassVar, Literal, get_args

from mgcalm.domain.profile import Goal
from mgcalm.knowledge.constraints import Bounds, Handler, check_input_first

Grade = Literal["high", "moderate", "low", "very_low"]
GRADES: tuple[Grade, ...] = get_args(Grade)
ReferenceKind = Literal["pmid", "doi", "label", "nih", "web"]
Route = Literal["oral", "topical"]
Laxative = Literal["low", "moderate", "high"]
HydrateId = Literal[
    "anhydrous",
    "monohydrate",
    "dihydrate",
    "trihydrate",
    "tetrahydrate",
    "hexahydrate",
    "heptahydrate",
    "nonahydrate",
]
HYDRATE_IDS: tuple[HydrateId, ...] = get_args(HydrateId)
RuleKind = Literal["separate", "clinician", "warning", "none"]
# Minerals a person may already take that bind the same medicines magnesium does.
Cation = Literal["magnesium", "calcium", "iron", "zinc"]
CATIONS: tuple[Cation, ...] = get_args(Cation)
Action = Literal["clinician_required", "not_recommended", "caution"]
Sources = tuple[str, ...]
# Limits the loader applies (see ``constraints``).
Cited = Annotated[Sources, Bounds(min_length=1)]  # at least one reference
Text = Annotated[str, Bounds(min_length=1)]  # not empty
Positive = Annotated[float, Bounds(gt=0)]
NotNegative = Annotated[float, Bounds(ge=0)]


# Every record below is declared with eq=False and repr=False: equality, hashing and repr come
# from ``Record`` rather than being generated per class. Python compiles each generated method
# separately, and for twenty records that was a good part of a quick command's start-up.


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Record:
    """Base of every knowledge record: immutable, and unknown keys are errors when loading.

    Two records are equal when they are of the same type with equal fields, as with a
    dataclass's generated ``__eq__``, and hash alike then.
    """

    __pydantic_config__: ClassVar[dict[str, str]] = {"extra": "forbid"}

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, f.name) for f in fields(self))

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Record)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        inner = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self))
        return f"{type(self).__qualname__}({inner})"


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Reference(Record):
    """A primary source: PubMed id, DOI, drug label, NIH page or other web page."""

    id: str
    kind: ReferenceKind
    citation: Text
    url: str = ""
    verified: bool = True  # False: the statement it supports was not checked against the text
    note: str = ""


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Fact(Record):
    """One number (in mg unless ``unit`` says otherwise) with the references it comes from."""

    value_mg: float
    sources: Sources
    basis: str = ""  # "RDA", "AI", "UL" …
    note: str = ""


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Hydrate(Record):
    """One hydrate of a form; ``elemental_fraction`` is computed from ``formula`` with molmass."""

    id: HydrateId
    formula: str
    elemental_fraction: float

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Handler) -> Any:
        """When loading, the fraction is filled from the formula before validation."""
        return check_input_first(_fill_fraction, source, handler)


def _fill_fraction(data: Any) -> Any:
    """Fill a hydrate's fraction from its formula; refuse a typed-in fraction."""
    if not isinstance(data, dict):
        return data
    if "elemental_fraction" in data:
        raise ValueError("elemental_fraction is computed from the formula; do not type it in")
    formula = data.get("formula")
    if not isinstance(formula, str):
        return data  # pydantic reports the missing or mistyped formula
    from mgcalm.knowledge.chemistry import elemental_fraction  # molmass: only while loading

    return {**data, "elemental_fraction": elemental_fraction(formula)}


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Form(Record):
    """A magnesium compound sold as a supplement, with what the article says and the evidence."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    route: Route
    laxative: Laxative
    laxative_note: str
    default_hydrate: HydrateId
    hydrate_note: str = ""
    hydrates: Annotated[dict[HydrateId, Hydrate], Bounds(min_length=1)]
    recommended_for: tuple[Goal, ...] = ()
    article_says: str = ""
    evidence_grade: Grade
    honest_wording: Text
    sources: Cited

    def __post_init__(self) -> None:
        """The usual commercial hydrate must be one of the listed hydrates."""
        if self.default_hydrate not in self.hydrates:
            listed = ", ".join(self.hydrates)
            raise ValueError(f"default_hydrate {self.default_hydrate!r} is not listed ({listed})")

    @property
    def default(self) -> Hydrate:
        """The form's usual commercial hydrate."""
        return self.hydrates[self.default_hydrate]


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class IntakeRow(Record):
    """One life-stage row of the RDA/AI table (mg/day, total intake from food and supplements)."""

    stage: str
    age_min: NotNegative
    age_max: Positive  # exclusive
    basis: Literal["RDA", "AI"]
    female: Positive
    male: Positive
    pregnancy: float | None = None
    lactation: float | None = None
    sources: Cited


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class UpperLimitRow(Record):
    """One age row of the UL for supplemental magnesium (food does not count)."""

    stage: str
    age_min: NotNegative
    age_max: Positive  # exclusive
    ul_mg: Annotated[float | None, Bounds(ge=0)] = None  # None: not establishable
    sources: Cited
    note: str = ""


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class MedicineRule(Record):
    """What to do when a medicine and magnesium are both taken.

    ``separate``: keep the doses apart (``hours_med_before_mg``: the medicine must precede
    magnesium by at least this; ``hours_mg_before_med``: magnesium must precede the medicine by at
    least this). ``clinician``: no safe spacing exists. ``warning``: no spacing, but a risk to
    know about. ``none``: no interaction found in the drug labels and monographs mgcalm cites
    (absence of evidence, not evidence of safety).
    """

    kind: RuleKind
    hours_med_before_mg: Annotated[float, Bounds(ge=0, le=24)] = 0.0
    hours_mg_before_med: Annotated[float, Bounds(ge=0, le=24)] = 0.0
    cations: tuple[Cation, ...] = ("magnesium",)  # supplements the spacing applies to
    extension_of: str = ""  # hours not stated by a source: what they conservatively extend
    clinician_if_kidney: bool = False  # with reduced kidney function, see a clinician first
    code: Text
    message: Text  # "{medicine}" is replaced by the name the person gave
    sources: Cited

    def text_for(self, medicine: str) -> str:
        """The message naming ``medicine``, with the basis of extrapolated hours said plainly."""
        text = self.message.replace("{medicine}", medicine)
        if "{medicine}" not in self.message and medicine.casefold() not in text.casefold():
            text = f"{medicine}: {text}"
        if self.extension_of:
            text += f" (The hours are a conservative extension of {self.extension_of}.)"
        return text

    def __post_init__(self) -> None:
        """Only a ``separate`` rule has hours, and it has at least one."""
        hours = self.hours_med_before_mg + self.hours_mg_before_med
        if self.kind == "separate" and hours == 0:
            raise ValueError("a 'separate' rule needs hours_med_before_mg or hours_mg_before_med")
        if self.kind != "separate" and hours != 0:
            raise ValueError(f"a {self.kind!r} rule has no separation hours")


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class MedicineClass(Record):
    """A class of medicines sharing one magnesium rule."""

    id: str
    name: str
    atc: str = ""
    lowers_magnesium: bool = False  # long-term use can lower blood magnesium
    rule: MedicineRule


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Medicine(Record):
    """A medicine by generic name, its brands, its class and the rule that applies to it."""

    id: str
    brand_names: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # other generic spellings: rifampin, cyclosporine
    inn: tuple[str, ...] = ()  # international non-proprietary and UK/EU/Australian names
    # "uk" → brands sold there
    brands_by_country: dict[str, tuple[str, ...]] = field(default_factory=dict)
    ingredients: tuple[str, ...] = ()  # a combination: other medicine ids whose rules apply too
    qt_risk: bool = False  # listed as prolonging the QT interval
    class_id: str
    rule: MedicineRule
    lowers_magnesium: bool = False  # copied from the class when loaded

    @property
    def display(self) -> str:
        """The generic name as people read it: "amphotericin b", "co amilofruse"."""
        return self.id.replace("_", " ")

    @property
    def all_brands(self) -> tuple[str, ...]:
        """Every brand, with or without a country."""
        return self.brand_names + tuple(b for bs in self.brands_by_country.values() for b in bs)


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class MagnesiumIngredient(Record):
    """A magnesium compound in a product: the form id and its weight per unit, in mg.

    A label that states the elemental magnesium gives ``elemental_mg`` instead, which wins.
    """

    form: str
    compound_mg: Annotated[float | None, Bounds(gt=0)] = None
    elemental_mg: Annotated[float | None, Bounds(gt=0)] = None

    def __post_init__(self) -> None:
        """Exactly one of compound_mg and elemental_mg."""
        if (self.compound_mg is None) == (self.elemental_mg is None):
            raise ValueError("give compound_mg or elemental_mg (one of them)")


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class MagnesiumProduct(Record):
    """A product that contains magnesium: an antacid, laxative or branded supplement.

    ``ingredients`` give the compound weight per ``unit``; the elemental amount is worked out
    from each form's formula. ``max_units_per_dose`` is the label's largest adult single dose,
    counted when a person lists the product without an amount. With no ingredients the amount
    is unknown (it varies by country or recipe) and the person must give it.
    """

    id: str
    names: Annotated[tuple[str, ...], Bounds(min_length=1)]
    kind: Literal["antacid", "laxative", "supplement"]
    ingredients: tuple[MagnesiumIngredient, ...] = ()
    unit: str = ""
    max_units_per_dose: Annotated[float | None, Bounds(gt=0)] = None
    other_medicines: tuple[str, ...] = ()  # medicine ids also in it (famotidine in Pepcid Complete)
    note: str = ""
    sources: Cited


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class SafetyFacts(Record):
    """Limits and lists the planner applies to everyone, each with its sources."""

    unknown_medicine_hours: Annotated[float, Bounds(gt=0, le=12)]
    unknown_medicine_sources: Cited
    kidney_check_from_age: Annotated[int, Bounds(ge=18)]
    kidney_clinician_from_age: Annotated[int, Bounds(ge=18)]
    egfr_recent_months: Annotated[int, Bounds(gt=0)]
    kidney_age_sources: Cited
    stop_signs: Annotated[tuple[str, ...], Bounds(min_length=1)]
    stop_sign_sources: Cited
    qt_check_sources: Cited


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Condition(Record):
    """A health condition or life stage that changes whether magnesium is safe to try alone."""

    id: str
    name: str
    action: Action
    code: str
    message: Text
    sources: Cited
    selectable: bool = True  # False: derived from age, pregnancy or kidney function instead


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class ConutrientWarning(Record):
    """A daily amount of a co-nutrient above which mgcalm warns, and why."""

    code: str
    threshold_mg: Positive
    at_or_above: bool = False  # False: warn above the threshold; True: from the threshold on
    message: Text
    sources: Cited

    def applies_to(self, amount_mg: float) -> bool:
        """Whether a daily ``amount_mg`` triggers this warning."""
        if self.at_or_above:
            return amount_mg >= self.threshold_mg
        return amount_mg > self.threshold_mg


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Conutrient(Record):
    """A nutrient the article pairs with magnesium: reference intakes, limits and interactions."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    display_unit: str = "mg"
    rda_female_mg: float | None = None
    rda_male_mg: float | None = None
    rda_note: str = ""  # which adults the RDA figures are for
    ul_mg: float | None = None
    ul_basis: str = ""
    article_says: str
    evidence_grade: Grade
    honest_wording: str
    interaction: str
    warnings: tuple[ConutrientWarning, ...] = ()
    sources: Cited

    @property
    def high_dose_threshold_mg(self) -> float | None:
        """The lowest threshold of any warning (``None`` when none is set)."""
        return min((w.threshold_mg for w in self.warnings), default=None)

    def warnings_for(self, amount_mg: float) -> tuple[ConutrientWarning, ...]:
        """Every warning a daily ``amount_mg`` triggers."""
        return tuple(w for w in self.warnings if w.applies_to(amount_mg))


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Claim(Record):
    """One claim of the source article, graded, in honest wording, with sources."""

    id: str
    topic: str
    article_says: str
    article_citation: str = ""
    citation_found: bool
    grade: Grade
    grade_note: str = ""
    honest_wording: Text
    sources: Cited

    @property
    def citation_state(self) -> Literal["found", "not_found", "none_given"]:
        """Whether the article gave a citation and, if it did, whether it could be found."""
        given = self.article_citation.strip().casefold()
        if not given or given.startswith("none given"):
            return "none_given"
        return "found" if self.citation_found else "not_found"


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Quantity(Record):
    """A dosing number with its unit, references and a note on where it comes from."""

    value: float
    unit: str
    sources: Cited
    note: str = ""


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class DosingFacts(Record):
    """What the article says about dose, and the limits and defaults mgcalm keeps to."""

    article_daily_min_mg: Quantity
    article_daily_max_mg: Quantity
    article_sleep_mg: Quantity
    article_sleep_hours_before_bed_min: Quantity
    article_sleep_hours_before_bed_max: Quantity
    article_cognitive_min_mg: Quantity
    article_cognitive_max_mg: Quantity
    trial_typical_min_mg: Quantity
    trial_typical_max_mg: Quantity
    start_mg_per_day: Quantity
    step_mg_per_day: Quantity
    step_days: Quantity
    split_above_mg_per_dose: Quantity
    trial_weeks_min: Quantity
    trial_weeks_max: Quantity
    eu_supplemental_ul_mg: Quantity
    titration_guidance: str
    food_guidance: str
    guidance_sources: Cited
