"""/assess: validated questionnaires one item at a time, working without JavaScript.

Each item is its own small form; the answers so far travel in a hidden field, so nothing is saved
until the last item is answered and a half-finished questionnaire leaves no trace.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from pydantic import BaseModel, Field
from starlette.responses import HTMLResponse, Response

from mgcalm.app.views.assess import (
    assess_step,
    instrument_form,
    instruments_list,
    next_question,
    submit_questionnaire,
)
from mgcalm.web import deps
from mgcalm.web.render import page
from mgcalm.web.routes.base import api_router, page_router

pages = page_router()
api = api_router("assess")


class Answers(BaseModel):
    """A completed questionnaire: one answer per item (plus the optional difficulty item)."""

    answers: list[int] = Field(description="item answers in order, e.g. [0, 1, 2, …]")


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
    return _item_page(request, form, step)


@pages.post("/assess/{instrument_id}", response_class=HTMLResponse)
async def assess_answer(request: Request, instrument_id: str) -> Response:
    """Record one answer and show the next item, or score and save the finished questionnaire."""
    form = instrument_form(instrument_id)
    data = await request.form()
    fields = (str(data.get("answers", "")), str(data.get("answer", "")), "back" in data)
    step = assess_step(form["id"], *fields)
    if step["question"] is not None:
        return _item_page(request, form, step)
    who = deps.person_id(request)
    result = submit_questionnaire(deps.services(request), who, form["id"], step["answers"])
    context = {"title": f"{form['name']} result", "form": form, "result": result}
    return page(request, "assess_result.html", context, crisis=result["crisis"])


def _item_page(request: Request, form: dict[str, Any], step: dict[str, Any]) -> HTMLResponse:
    """The page of one item, with the answers so far carried in a hidden field."""
    answers = step["answers"]
    context = {
        "title": form["name"],
        "form": form,
        "question": step["question"],
        "answered": len(answers),
        "answers_text": ",".join(str(a) for a in answers),
    }
    status = 422 if step["problems"] else 200
    return page(request, "assess_item.html", context, problems=step["problems"], status_code=status)


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
    """Score and save a completed questionnaire; ``crisis`` says to show crisis resources."""
    who = deps.person_id(request)
    return submit_questionnaire(deps.services(request), who, instrument_id, body.answers)
