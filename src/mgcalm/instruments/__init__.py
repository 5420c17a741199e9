"""Questionnaires (PCL-5, GAD-7, PHQ-9), sleep diary, Bristol scale and the safety rules.

Pure functions over frozen data: no clock (``today`` is a parameter), no storage, no network.

- ``score(instrument_id, answers) -> Score`` and ``reliable_change(id, before, after) -> Change``
- ``sleep_metrics(SleepNight) -> SleepMetrics`` (Consensus Sleep Diary)
- ``due_assessments(last_done, today) -> list[Due]``
- ``resources_for(region)``, ``region_note``, ``country_from_locale``; ``answer_alerts`` (an
  answer acted on before its form is finished), ``check_score``, ``check_checkin``,
  ``check_symptoms`` and ``step_down_decision`` for safety; the Stanley–Brown ``SafetyPlan``

Invalid input raises ``mgcalm.domain.InvalidInputError`` carrying every problem found.
"""

from mgcalm.instruments.bristol import BRISTOL_SCALE, BristolType, bristol_type, is_loose
from mgcalm.instruments.catalog import (
    GAD7,
    INSTRUMENT_IDS,
    INSTRUMENTS,
    PCL5,
    PCL5_WEEK,
    PHQ9,
    Instrument,
    Item,
    Option,
    get_instrument,
)
from mgcalm.instruments.change import THRESHOLDS, Change, describe_change, reliable_change
from mgcalm.instruments.crisis import (
    NOT_MONITORED,
    REGION_NAMES,
    REGIONS,
    Contact,
    CrisisResource,
    country_from_locale,
    normalise_region,
    region_note,
    resources_for,
)
from mgcalm.instruments.meaning import flag_message, meaning
from mgcalm.instruments.safety import (
    RED_FLAGS,
    RedFlag,
    SafetyAlert,
    answer_alerts,
    check_checkin,
    check_score,
    check_symptoms,
    safety_check,
    step_down_alert,
)
from mgcalm.instruments.safety_plan import SafetyPlan, parse_safety_plan
from mgcalm.instruments.schedule import Due, due_assessments, next_due
from mgcalm.instruments.scoring import (
    PROBABLE_PTSD_RANGE,
    RISKY_BEHAVIOUR,
    SUICIDAL_IDEATION,
    Score,
    band_for,
    parse_answers,
    provisional_ptsd,
    score,
    score_text,
)
from mgcalm.instruments.session import Progress, Question, respond, start_session
from mgcalm.instruments.sleep import SleepMetrics, SleepNight, sleep_metrics, validate_night
from mgcalm.instruments.sources import SOURCES, Source, cite
from mgcalm.instruments.stool import StepDownDecision, StoolEntry, step_down_decision

__all__ = [
    "BRISTOL_SCALE",
    "GAD7",
    "INSTRUMENTS",
    "INSTRUMENT_IDS",
    "NOT_MONITORED",
    "PCL5",
    "PCL5_WEEK",
    "PHQ9",
    "PROBABLE_PTSD_RANGE",
    "RED_FLAGS",
    "REGIONS",
    "REGION_NAMES",
    "RISKY_BEHAVIOUR",
    "SOURCES",
    "SUICIDAL_IDEATION",
    "THRESHOLDS",
    "BristolType",
    "Change",
    "Contact",
    "CrisisResource",
    "Due",
    "Instrument",
    "Item",
    "Option",
    "Progress",
    "Question",
    "RedFlag",
    "SafetyAlert",
    "SafetyPlan",
    "Score",
    "SleepMetrics",
    "SleepNight",
    "Source",
    "StepDownDecision",
    "StoolEntry",
    "answer_alerts",
    "band_for",
    "bristol_type",
    "check_checkin",
    "check_score",
    "check_symptoms",
    "cite",
    "country_from_locale",
    "describe_change",
    "due_assessments",
    "flag_message",
    "get_instrument",
    "is_loose",
    "meaning",
    "next_due",
    "normalise_region",
    "parse_answers",
    "parse_safety_plan",
    "provisional_ptsd",
    "region_note",
    "reliable_change",
    "resources_for",
    "respond",
    "safety_check",
    "score",
    "score_text",
    "sleep_metrics",
    "start_session",
    "step_down_alert",
    "step_down_decision",
    "validate_night",
]
