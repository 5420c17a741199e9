"""/assess: validated questionnaires one item at a time, working without JavaScript.

Each item is its own small form; the answers so far travel in a hidden field with the
questionnaire's id, made when it starts. The answers are saved when the last item is answered,
with one exception that no setting changes: a crisis-level answer (PHQ-9 item 9 above 0, PCL-5
item 16 at 3 or more) is stored as a safety event the moment it is given, and the very next page
shows the crisis lines first, so a person who stops there is neither lost nor left without help.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from pydantic import BaseModel, Field
from starlette.responses import HTMLResponse, Response

from mgcalm.app.core import new_id
from mgcalm.app.views.assess import (
    answer_so_far,
    assess_step,
    instrument_form,
    instruments_list,
    next_question,
    submit_questionnaire,
)
from mgcalm.domain.entries import NotFoundError
from mgcalm.web import deps
from mgcalm.web.render import page
from mgcalm.web.routes.base import api_router, page_router

pages = page_router()
api = api_router("assess")


class Answers(BaseModel):
    """A completed questionnaire: one answer per item (plus the optional difficulty item)."""

    answers: list[int] = Field(description="item answers in order, e.g. [0, 1, 2, …]")
    questionnaire_id: str = Field(
        "", max_length=64, description="the id used while answering (then the entry's id)"
    )


class AnswersSoFar(BaseModel):
    """The answers given so far to a questionnaire not yet finished."""

    questionnaire_id: str = Field(
        max_length=64, description="an id made when the questionnaire started; reuse it to finish"
    )
    answers: list[int] = Field(max_length=21, description="the answers so far, in order")


@pages.get("/assess", response_class=HTMLResponse)
def assess_index(request: Request) -> HTMLResponse:
    """The questionnaires a person can fill in."""
    context = {"title": "Questionnaires", "instruments": instruments_list()}
    return page(request, "assess_index.html", context)


@pages.get("/assess/{instrument_id}", response_class=HTMLResponse)
def assess_start(request: Request, instrument_id: str) -> HTMLResponse:
    """The first item of a questionnaire."""
    form = instrument_form(instrument_id)
    step: dict[str, Any] = {
        "answers": [],
        "question": next_question(form["id"], []),
        "problems": [],
    }
    return _item_page(request, form, step, new_id())


@pages.post("/assess/{instrument_id}", response_class=HTMLResponse)
async def assess_answer(request: Request, instrument_id: str) -> Response:
    """Record one answer and show the next item, or score and save the finished questionnaire."""
    form = instrument_form(instrument_id)
    data = await request.form()
    fields = (str(data.get("answers", "")), str(data.get("answer", "")), "back" in data)
    qid = str(data.get("questionnaire_id", "")) or new_id()
    step = assess_step(form["id"], *fields)
    services = deps.services(request)
    # Acted on now, before the next question: a person may close the page here.
    acted = answer_so_far(services, _person_or_none(request), form["id"], step["answers"], qid)
    if step["question"] is not None:
        return _item_page(request, form, step, qid, acted)
    who = deps.person_id(request)  # saving needs a person: before onboarding, go there
    result = submit_questionnaire(services, who, form["id"], step["answers"], qid)
    context = {"title": f"{form['name']} result", "form": form, "result": result}
    return page(request, "assess_result.html", context, crisis=result["crisis"])


def _person_or_none(request: Request) -> str | None:
    """The person answering, or None before onboarding (then nothing can be stored)."""
    try:
        return deps.person_id(request)
    except NotFoundError:
        return None


def _item_page(
    request: Request,
    form: dict[str, Any],
    step: dict[str, Any],
    questionnaire_id: str,
    acted: dict[str, Any] | None = None,
) -> HTMLResponse:
    """The page of one item, the answers so far and the questionnaire's id in hidden fields.

    After a crisis-level answer the crisis lines come first on the page, with the alerts.
    """
    answers = step["answers"]
    acted = acted or {"alerts": [], "crisis": False}
    context = {
        "title": form["name"],
        "form": form,
        "question": step["question"],
        "answered": len(answers),
        "answers_text": ",".join(str(a) for a in answers),
        "questionnaire_id": questionnaire_id,
        "alerts": acted["alerts"],
    }
    status = 422 if step["problems"] else 200
    return page(
        request,
        "assess_item.html",
        context,
        problems=step["problems"],
        status_code=status,
        crisis=acted["crisis"],
    )


@api.get("/assess")
def assess_index_json() -> list[dict[str, str]]:
    """The questionnaires a person can fill in."""
    return instruments_list()


@api.get("/assess/{instrument_id}")
def assess_form_json(instrument_id: str) -> dict[str, Any]:
    """A questionnaire's items and options, in the published wording."""
    return instrument_form(instrument_id)


@api.post("/assess/{instrument_id}")
def assess_submit_json(request: Request, instrument_id: str, body: Answers) -> dict[str, Any]:
    """Score and save a completed questionnaire; ``crisis`` says to show crisis resources.

    Send the ``questionnaire_id`` used with ``/answers`` while answering, so an answer already
    acted on is the same safety event, not a second one.
    """
    who, services = deps.person_id(request), deps.services(request)
    return submit_questionnaire(services, who, instrument_id, body.answers, body.questionnaire_id)


@api.post("/assess/{instrument_id}/answers")
def assess_answers_json(request: Request, instrument_id: str, body: AnswersSoFar) -> dict[str, Any]:
    """Report the answers so far: a crisis-level answer is stored as a safety event at once.

    Returns ``alerts``, ``crisis`` and ``crisis_resources`` (show them before the next item)
    and ``next_question``. Nothing else is saved until the questionnaire is submitted.
    """
    who, services = deps.person_id(request), deps.services(request)
    return answer_so_far(services, who, instrument_id, body.answers, body.questionnaire_id)
