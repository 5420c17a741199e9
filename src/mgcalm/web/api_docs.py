"""What the OpenAPI description says beyond the route signatures: the error answers every API
route can give, and the typed bodies of the entry endpoints (validated by the domain models,
which report problems as ``checkin.note``, so the schema is declared rather than enforced twice).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel

from mgcalm.domain.entries import ENTRY_MODELS


class ProblemItem(BaseModel):
    """One thing wrong with the request: where, what, and what is accepted."""

    location: str
    message: str
    accepted: str = ""


class Problems(BaseModel):
    """Every error answer of the API: a sentence and the problems, each naming its field."""

    error: str
    problems: list[ProblemItem]


def _answer(description: str) -> dict[str, Any]:
    return {"model": Problems, "description": description}


#: The error answers any /api route may give (clinic mode adds 401 and its own 403s).
API_ERRORS: dict[int | str, dict[str, Any]] = {
    400: _answer("The body could not be read as JSON."),
    401: _answer("Clinic mode: log in first."),
    403: _answer("Refused: a cross-site request, or (clinic mode) not open to this account."),
    404: _answer("Nothing at this address, or no one set up yet (go through onboarding)."),
    405: _answer("This method is not offered here; the Allow header lists those that are."),
    415: _answer("The body must be JSON (Content-Type: application/json)."),
    422: _answer(
        "Some values are not valid; every problem names its field and what is accepted. "
        "NaN, Infinity, control characters (NUL…) and deeply nested bodies are refused here."
    ),
    503: _answer(
        "mgcalm cannot save or read just now (a full disk, a read-only data folder, a busy "
        "or unreachable database); nothing was saved, and the message says what to do."
    ),
}

SCORE_IGNORED = (
    "Ignored: the server scores the answers by the instrument's published rules and stores "
    "its own score (a client's score is never trusted, and never refused, so no answer is lost)."
)


def entry_schema(kind: str, *, with_kind: bool) -> dict[str, Any]:
    """The JSON schema of one kind of entry as a client sends it (id and day may be left out)."""
    schema = ENTRY_MODELS[kind].model_json_schema(mode="validation")
    properties = dict(schema["properties"])
    if not with_kind:
        properties.pop("kind", None)
    if "score" in properties:
        properties["score"] = {**properties["score"], "description": SCORE_IGNORED}
    required = [r for r in schema.get("required", ()) if r not in ("id", "day", "kind")]
    if with_kind:
        required = ["kind", *required]
    return {**schema, "properties": properties, "required": required}


def entry_body(*, with_kind: bool) -> dict[str, Any]:
    """Any kind of entry (``kind`` inside each one for the batch; else the path names it)."""
    return {"anyOf": [entry_schema(kind, with_kind=with_kind) for kind in ENTRY_MODELS]}


def json_body(schema: dict[str, Any], *, required: bool = True) -> dict[str, Any]:
    """``openapi_extra`` declaring a JSON request body with ``schema``."""
    content = {"application/json": {"schema": schema}}
    return {"requestBody": {"required": required, "content": content}}


EMPTY_BODY = {
    "type": "object",
    "description": "send {} (the API takes only same-origin JSON bodies, so a form on another "
    "site cannot post here)",
}


def document_api(web: FastAPI) -> None:
    """Finish the app's OpenAPI description once, when first asked for it.

    Every POST and PUT under /api needs a JSON object body (the same-origin rule), so those
    FastAPI lists without one are given the empty object they take (DELETE may leave it out).
    """
    make = web.openapi

    def openapi() -> dict[str, Any]:
        if web.openapi_schema is not None:
            return web.openapi_schema
        schema = make()
        for path, operations in schema.get("paths", {}).items():
            for method, operation in operations.items():
                unsafe = method in ("post", "put", "patch", "delete")
                if path.startswith("/api/") and unsafe and "requestBody" not in operation:
                    operation.update(json_body(EMPTY_BODY, required=method != "delete"))
        web.openapi_schema = schema
        return schema

    web.openapi = openapi  # type: ignore[method-assign]
