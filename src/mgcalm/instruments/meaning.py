"""Plain-language meaning of a score, worded no stronger than its sources allow.

Scores are screening information, not a diagnosis: every meaning says so, and none offers
reassurance about safety (a low PHQ-9 total says nothing about risk when item 9 is endorsed).
"""

from __future__ import annotations

from mgcalm.instruments.catalog import get_instrument
from mgcalm.instruments.scoring import (
    PCL5_CUTPOINT_HIGH,
    PCL5_CUTPOINT_LOW,
    RISKY_BEHAVIOUR,
    SUICIDAL_IDEATION,
    Score,
)

NOT_A_DIAGNOSIS = "A questionnaire score is not a diagnosis; talk it through with your clinician."


def _pcl5_meaning(score: Score) -> str:
    where = score.band.split()[0]  # below / within / above
    cut = (
        f"{get_instrument(score.instrument).name} {score.total} of 80 is {where} the "
        f"{PCL5_CUTPOINT_LOW}–{PCL5_CUTPOINT_HIGH} range that the National Center for PTSD "
        "reports as suggesting probable PTSD (cut-points vary with the population and purpose; "
        "more research is needed). No severity bands have been derived for the PCL-5."
    )
    rule = (
        "Your answers meet the symptom pattern of the provisional DSM-5 rule "
        "(at least 1 B, 1 C, 2 D and 2 E items rated Moderately or more)."
        if score.provisional_ptsd
        else "Your answers do not meet the symptom pattern of the provisional DSM-5 rule."
    )
    week = (
        " Cut-points were set on the past-month form; compare past-week totals only with each "
        "other."
        if score.instrument == "pcl5_week"
        else ""
    )
    return f"{cut} {rule}{week}"


def _gad7_meaning(score: Score) -> str:
    return (
        f"GAD-7 {score.total} of 21 is in the {score.band} range (0–4 minimal, 5–9 mild, "
        "10–14 moderate, 15–21 severe). A total of 10 or more is the usual screening cut-point "
        "for generalised anxiety disorder (sensitivity 89%, specificity 82%)."
    )


def _phq9_meaning(score: Score) -> str:
    text = (
        f"PHQ-9 {score.total} of 27 is in the {score.band} range (0–4 none-minimal, 5–9 mild, "
        "10–14 moderate, 15–19 moderately severe, 20–27 severe). A total of 10 or more is the "
        "usual screening cut-point for major depression."
    )
    if SUICIDAL_IDEATION in score.flags:
        # A low total must never read as reassurance when item 9 is endorsed.
        text += " Item 9 (thoughts of death or self-harm) matters whatever the total."
    return text


def flag_message(flag: str) -> str:
    """What a flag means for the person, in one or two sentences."""
    if flag == SUICIDAL_IDEATION:
        return (
            "You said you have had thoughts that you would be better off dead or of hurting "
            "yourself. You deserve support with this now: please contact one of the crisis "
            "lines shown with this message, or your clinician, today. If you might act on "
            "these thoughts, call your local emergency number."
        )
    if flag == RISKY_BEHAVIOUR:
        return (
            "You said you have often been taking risks or doing things that could cause you "
            "harm. Please tell your clinician; if you are not safe right now, use a crisis line."
        )
    return "Your total is in or above the range that suggests probable PTSD."


def meaning(score: Score) -> str:
    """What a score means, for the person who answered it."""
    instrument = get_instrument(score.instrument)
    if instrument.id.startswith("pcl5"):
        text = _pcl5_meaning(score)
    elif instrument.id == "gad7":
        text = _gad7_meaning(score)
    else:
        text = _phq9_meaning(score)
    return f"{text} {NOT_A_DIAGNOSIS}"
