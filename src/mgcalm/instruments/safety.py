"""Safety rules: when to show crisis resources, when to stop magnesium, when to step down.

The rules, each returning data an interface renders (nothing here dials, sends or stores):

1. **Crisis** — PHQ-9 item 9 > 0, a daily check-in marked as a crisis, or distress 9–10 of 10
   (the "high distress" branch of the VA's PTSD Coach): crisis resources now, and a prompt to
   contact the clinician. PCL-5 item 16 ≥ 3 (risk-taking) also shows them.
2. **Sharp worsening** — a questionnaire total that rose by at least the instrument's
   reliable-change amount since the last one of the same form: contact the clinician, with
   crisis resources alongside.
3. **Magnesium red flags** — symptoms of excess magnesium (NIH ODS; IOM 1997) or of a bowel
   problem that needs care: stop magnesium and seek care the same day.
4. **Loose stools** (Bristol 6–7) on 2 or more of the last 3 days, or 3 or more loose stools in
   one day (the WHO definition of diarrhoea): step the dose down. The planner decides how.

``safety_check(...)`` runs every rule over what was just recorded, most urgent alert first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any, Literal

from mgcalm.domain import InvalidInputError, Problem
from mgcalm.instruments.catalog import Instrument, get_instrument
from mgcalm.instruments.change import reliable_change
from mgcalm.instruments.meaning import flag_message
from mgcalm.instruments.scoring import (
    PCL5_RISK_ITEM,
    PCL5_RISK_MIN,
    RISKY_BEHAVIOUR,
    SUICIDAL_IDEATION,
    Score,
)
from mgcalm.instruments.sources import cite
from mgcalm.instruments.stool import StepDownDecision, StoolEntry, step_down_decision

#: PHQ-9's item 9 ("Thoughts that you would be better off dead, or of hurting yourself").
PHQ9_ITEM9 = 9
Level = Literal["crisis", "stop_and_seek_care", "contact_clinician", "step_down"]
HIGH_DISTRESS = 9
CONTACT_CLINICIAN = "Please contact your clinician (doctor, therapist or care team) soon."
# Where the crisis lines are depends on the screen (above on a page, below in a terminal), so
# the words only say they are shown with the message; each interface places them beside it.
USE_A_LINE = (
    "If you need to talk to someone now, use one of the crisis lines shown with this message."
)
IF_UNSAFE = "If you feel unsafe, use one of the crisis lines shown with this message."


@dataclass(frozen=True, slots=True)
class SafetyAlert:
    """One safety finding: what happened, what to do, and whether to show crisis resources."""

    code: str
    level: Level
    message: str
    actions: tuple[str, ...]
    show_crisis_resources: bool
    sources: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict, citations rendered in full."""
        return {
            "code": self.code,
            "level": self.level,
            "message": self.message,
            "actions": list(self.actions),
            "show_crisis_resources": self.show_crisis_resources,
            "sources": list(cite(self.sources)),
        }


@dataclass(frozen=True, slots=True)
class RedFlag:
    """A symptom that means: stop magnesium and seek care."""

    id: str
    label: str
    sources: tuple[str, ...]


RED_FLAGS: tuple[RedFlag, ...] = (
    RedFlag("muscle_weakness", "Muscle weakness", ("nih-ods-mg", "iom1997")),
    RedFlag("slow_heartbeat", "Very slow heartbeat", ("nih-ods-mg",)),
    RedFlag("irregular_heartbeat", "Irregular heartbeat", ("nih-ods-mg",)),
    RedFlag("difficulty_breathing", "Difficulty breathing", ("nih-ods-mg",)),
    RedFlag("confusion", "Confusion, or unusual drowsiness or lethargy", ("nih-ods-mg",)),
    RedFlag(
        "low_blood_pressure", "Feeling faint or very dizzy (low blood pressure)", ("nih-ods-mg",)
    ),
    RedFlag("persistent_vomiting", "Vomiting that keeps coming back", ("nih-ods-mg",)),
    RedFlag("urinary_retention", "Unable to pass urine", ("nih-ods-mg",)),
    RedFlag("blood_in_stool", "Blood in the stool or black stools", ("who-diarrhoea",)),
    RedFlag(
        "dehydration",
        "Signs of dehydration (very thirsty, little urine, dizzy)",
        ("who-diarrhoea",),
    ),
)
RED_FLAG_IDS: Mapping[str, RedFlag] = MappingProxyType({f.id: f for f in RED_FLAGS})


def _crisis(code: str, message: str, sources: tuple[str, ...] = ()) -> SafetyAlert:
    return SafetyAlert(
        code,
        "crisis",
        message,
        (USE_A_LINE, CONTACT_CLINICIAN),
        True,
        sources,
    )


def check_score(score: Score, previous: Score | None = None) -> tuple[SafetyAlert, ...]:
    """Alerts raised by one questionnaire, and by its change since ``previous`` (same form)."""
    alerts: list[SafetyAlert] = []
    if SUICIDAL_IDEATION in score.flags:
        alerts.append(
            _crisis(SUICIDAL_IDEATION, flag_message(SUICIDAL_IDEATION), ("simon2013", "louzon2016"))
        )
    if RISKY_BEHAVIOUR in score.flags:
        alerts.append(_crisis(RISKY_BEHAVIOUR, flag_message(RISKY_BEHAVIOUR)))
    if previous is not None and previous.instrument == score.instrument:
        change = reliable_change(score.instrument, previous.total, score.total)
        if change.direction == "worsened":
            alerts.append(
                SafetyAlert(
                    "sharp_worsening",
                    "contact_clinician",
                    f"Your {score.instrument} total rose from {change.before} to {change.after}, "
                    f"at least the {change.reliable_threshold} points that count as a reliable "
                    "worsening.",
                    (CONTACT_CLINICIAN, IF_UNSAFE),
                    True,
                    change.sources,
                )
            )
    return tuple(alerts)


def answer_alerts(instrument_id: str, answers: Sequence[int]) -> tuple[SafetyAlert, ...]:
    """Crisis-level answers among those given so far, before the questionnaire is finished.

    PHQ-9 item 9 above 0 and PCL-5 item 16 at 3 ("Quite a bit") or more are acted on the moment
    they are answered, so a person who stops at the next question is not left without help.
    """
    instrument = get_instrument(instrument_id)
    _check_partial(instrument, answers)
    alerts: list[SafetyAlert] = []
    if instrument.id == "phq9" and len(answers) >= PHQ9_ITEM9 and answers[PHQ9_ITEM9 - 1] > 0:
        alerts.append(
            _crisis(SUICIDAL_IDEATION, flag_message(SUICIDAL_IDEATION), ("simon2013", "louzon2016"))
        )
    risky = PCL5_RISK_ITEM
    pcl5 = instrument.id.startswith("pcl5") and len(answers) >= risky
    if pcl5 and answers[risky - 1] >= PCL5_RISK_MIN:
        alerts.append(_crisis(RISKY_BEHAVIOUR, flag_message(RISKY_BEHAVIOUR)))
    return tuple(alerts)


def _check_partial(instrument: Instrument, answers: Sequence[int]) -> None:
    """Answers so far: no more than the form has, each in its item's range."""
    n = len(instrument.items)
    most = n + (1 if instrument.difficulty_item else 0)
    problems = []
    if len(answers) > most:
        problems.append(Problem("answers", f"{len(answers)} answers", f"at most {most}"))
    for number, value in enumerate(answers[:most], start=1):
        top = instrument.max_value if number <= n else len(instrument.difficulty_options) - 1
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= top:
            where = f"answers.item{number}"
            problems.append(Problem(where, f"{value!r} is not a valid answer", f"0–{top}"))
    if problems:
        raise InvalidInputError(problems)


def check_checkin(*, crisis: bool = False, distress: int | None = None) -> tuple[SafetyAlert, ...]:
    """Alerts from a daily check-in: marked as a crisis, or distress 9–10 of 10."""
    if distress is not None and (isinstance(distress, bool) or not 0 <= distress <= 10):
        raise InvalidInputError(
            [Problem("checkin.distress", f"{distress!r} is out of range", "0–10")]
        )
    if crisis:
        return (_crisis("crisis_checkin", "You marked today's check-in as a crisis."),)
    if distress is not None and distress >= HIGH_DISTRESS:
        return (
            _crisis(
                "high_distress",
                f"You rated your distress {distress} of 10. Grounding or slow breathing may "
                "help for a few minutes; support is there if it does not.",
            ),
        )
    return ()


def check_symptoms(symptoms: Iterable[str]) -> tuple[SafetyAlert, ...]:
    """A red-flag alert for any listed symptom; an unknown id is a problem naming the known ones."""
    wanted = tuple(symptoms)
    unknown = [s for s in wanted if s not in RED_FLAG_IDS]
    if unknown:
        raise InvalidInputError(
            [
                Problem("symptoms", f"unknown symptom {s!r}", ", ".join(RED_FLAG_IDS))
                for s in unknown
            ]
        )
    flags = [RED_FLAG_IDS[s] for s in dict.fromkeys(wanted)]
    if not flags:
        return ()
    sources = tuple(dict.fromkeys(src for f in flags for src in f.sources))
    return (
        SafetyAlert(
            "magnesium_red_flag",
            "stop_and_seek_care",
            "You reported: " + ", ".join(f.label.lower() for f in flags) + ".",
            (
                "Stop taking magnesium now.",
                "Seek medical care today (your doctor or an urgent care service); call your "
                "emergency number if it is severe.",
                "Take the magnesium packet with you so they can see what you took.",
            ),
            False,
            sources,
        ),
    )


def step_down_alert(decision: StepDownDecision) -> tuple[SafetyAlert, ...]:
    """The stool decision as an alert (empty when no step down is needed)."""
    if not decision.step_down:
        return ()
    return (
        SafetyAlert(
            "loose_stools",
            "step_down",
            decision.reason,
            (
                "Take the next lower step of your magnesium plan, with food.",
                "If loose stools go on, or you see blood, have a fever or feel dehydrated, "
                "stop magnesium and seek care.",
            ),
            False,
            decision.sources,
        ),
    )


def safety_check(
    *,
    score: Score | None = None,
    previous: Score | None = None,
    checkin_crisis: bool = False,
    distress: int | None = None,
    symptoms: Iterable[str] = (),
    stools: Sequence[StoolEntry] = (),
    today: date | None = None,
) -> tuple[SafetyAlert, ...]:
    """Every alert for what was just recorded, most urgent first (crisis, stop, clinician, step)."""
    alerts = [*check_checkin(crisis=checkin_crisis, distress=distress), *check_symptoms(symptoms)]
    if score is not None:
        alerts += check_score(score, previous)
    if stools and today is not None:
        alerts += step_down_alert(step_down_decision(stools, today))
    return tuple(sorted(alerts, key=lambda a: _URGENCY.index(a.level)))


_URGENCY: tuple[Level, ...] = ("crisis", "stop_and_seek_care", "contact_clinician", "step_down")
