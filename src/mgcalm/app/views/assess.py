"""Questionnaires one item per page: the form, the next question, each step and the saved result.

Each returns plain JSON-ready data, so a page and its ``/api`` twin render the same thing.
"""

from __future__ import annotations

from typing import Any

from mgcalm.app.core import App
from mgcalm.app.safety.events import record_answer
from mgcalm.domain import InvalidInputError, Problem
from mgcalm.instruments.catalog import INSTRUMENTS, get_instrument
from mgcalm.instruments.meaning import meaning
from mgcalm.instruments.safety import answer_alerts, check_score
from mgcalm.instruments.scoring import score


def instrument_form(instrument_id: str) -> dict[str, Any]:
    """A questionnaire as a form: its instructions, items and options, in the published words."""
    instrument = get_instrument(instrument_id)
    difficulty = instrument.difficulty_item
    return {
        "id": instrument.id,
        "name": instrument.name,
        "title": instrument.title,
        "recall": instrument.recall,
        "instructions": instrument.instructions,
        "stem": instrument.stem,
        "items": [{"number": i.number, "text": i.text} for i in instrument.items],
        "options": [{"value": o.value, "label": o.label} for o in instrument.options],
        "difficulty": (
            {
                "number": difficulty.number,
                "text": difficulty.text,
                "options": [
                    {"value": o.value, "label": o.label} for o in instrument.difficulty_options
                ],
            }
            if difficulty
            else None
        ),
        "attribution": instrument.attribution,
        "licence": instrument.licence,
    }


def instruments_list() -> list[dict[str, str]]:
    """The questionnaires a person can fill in, with their recall window."""
    return [
        {"id": i.id, "name": i.name, "title": i.title, "recall": i.recall}
        for i in INSTRUMENTS.values()
    ]


def parse_answers(text: str, location: str = "answers") -> list[int]:
    """Answers carried between one-item pages as ``"0,2,1"``; raise naming a bad value."""
    values = [v.strip() for v in text.split(",") if v.strip()]
    if not all(v.isdigit() for v in values):
        raise InvalidInputError([Problem(location, f"{text!r} is not a list of answers", "0,1,2")])
    return [int(v) for v in values]


def next_question(instrument_id: str, answers: list[int]) -> dict[str, Any] | None:
    """The next item to ask after ``answers`` (the optional difficulty item last), or None."""
    form = instrument_form(instrument_id)
    n = len(form["items"])
    if len(answers) < n:
        item = form["items"][len(answers)]
        return {
            "number": item["number"],
            "text": item["text"],
            "options": form["options"],
            "optional": False,
            "of": n,
        }
    if len(answers) == n and form["difficulty"]:
        return {**form["difficulty"], "optional": True, "of": n}
    return None


def submit_questionnaire(
    app: App, person_id: str, instrument_id: str, answers: list[int], questionnaire_id: str = ""
) -> dict[str, Any]:
    """Score and save a questionnaire; check it for safety alerts against the last of its form.

    ``questionnaire_id`` (made when the questionnaire started) becomes the entry's id, so an
    answer already acted on while answering is the same event, never a second one.
    """
    instrument = get_instrument(instrument_id).id
    earlier = app.last_questionnaire(person_id, instrument, other_than=questionnaire_id)
    entry = app.record_questionnaire(person_id, instrument, answers, app.today(), questionnaire_id)
    result = score(instrument, answers)
    before = score(instrument, list(earlier.answers)) if earlier else None
    alerts = check_score(result, before)
    return {
        "entry_id": entry.id,
        "score": result.to_json(),
        "meaning": meaning(result),
        "alerts": [a.to_json() for a in alerts],
        "crisis": any(a.show_crisis_resources for a in alerts),
        "crisis_resources": app.crisis_resources(person_id) if alerts else [],
    }


def assess_step(instrument_id: str, answers_text: str, choice: str, back: bool) -> dict[str, Any]:
    """One step of a one-item-per-page questionnaire: go back, record an answer, or finish.

    Returns the answers so far, the question to show next (None when finished) and any problem
    with the choice (then the same question is shown again with the problem beside it).
    """
    answers = parse_answers(answers_text)
    if back:
        answers = answers[:-1]
        return {
            "answers": answers,
            "question": next_question(instrument_id, answers),
            "problems": [],
        }
    question = next_question(instrument_id, answers)
    if question is None:
        return {"answers": answers, "question": None, "problems": []}
    if choice == "" and question["optional"]:
        return {"answers": answers, "question": None, "problems": []}
    allowed = {str(o["value"]) for o in question["options"]}
    if choice not in allowed:
        problem = Problem("answer", "choose one answer to go on", "one of the options shown")
        return {"answers": answers, "question": question, "problems": [problem]}
    answers = [*answers, int(choice)]
    return {"answers": answers, "question": next_question(instrument_id, answers), "problems": []}


def answer_so_far(
    app: App,
    person_id: str | None,
    instrument_id: str,
    answers: list[int],
    questionnaire_id: str,
) -> dict[str, Any]:
    """Act on the answers given so far: crisis-level ones are stored now, with what to show.

    Returns ``alerts``, ``crisis``, ``crisis_resources`` (the person's country) and the next
    question (None when every item is answered). Nothing else is saved until the end. Before
    onboarding (``person_id`` None) there is no one to store an event for, but the crisis
    lines are still shown.
    """
    instrument = get_instrument(instrument_id).id
    if person_id is None:
        alerts = answer_alerts(instrument, answers)
    else:
        alerts = record_answer(app, person_id, instrument, answers, questionnaire_id)
    crisis = any(a.show_crisis_resources for a in alerts)
    return {
        "questionnaire_id": questionnaire_id,
        "answered": len(answers),
        "next_question": next_question(instrument, answers),
        "alerts": [a.to_json() for a in alerts],
        "crisis": crisis,
        "crisis_resources": app.crisis_resources(person_id) if crisis else [],
    }
