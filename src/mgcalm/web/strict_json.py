"""JSON bodies read strictly: ``NaN``, ``Infinity`` and numbers too large for a float are refused.

Python's ``json`` module accepts ``NaN`` and ``Infinity`` (not JSON at all) and turns ``1e400`` into
infinity; any of them would pass range checks (``NaN`` compares false with every bound) and then
break every sum, chart and report they join. Documents nested deeper than any mgcalm body would
exhaust the parser's recursion, so they are refused too. Each refusal is the usual 422 naming where.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.responses import Response

MAX_DEPTH = 32


class NotFiniteError(ValueError):
    """A number in the body that is not a finite float."""


def _constant(name: str) -> Any:
    raise NotFiniteError(f"{name} is not a JSON number")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise NotFiniteError(f"{text} is too large for a number")
    return value


def _depth(text: bytes) -> int:
    """How deeply brackets nest (strings skipped), without recursing."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text.decode("utf-8", errors="replace"):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def strict_loads(body: bytes) -> Any:
    """Parse a JSON body, refusing non-finite numbers and deep nesting (``ValueError``)."""
    if _depth(body) > MAX_DEPTH:
        raise NotFiniteError(f"nested more than {MAX_DEPTH} levels deep")
    return json.loads(body, parse_constant=_constant, parse_float=_finite)


def _refusal(message: str) -> RequestValidationError:
    error = {"type": "json_invalid", "loc": ("body",), "msg": message, "input": {}}
    return RequestValidationError([error])


class StrictJSONRoute(APIRoute):
    """An API route whose JSON body is parsed by :func:`strict_loads` before FastAPI reads it."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        """FastAPI's handler, once the body is parsed strictly (and cached on the request)."""
        handler = super().get_route_handler()

        async def strict(request: Request) -> Response:
            content_type = request.headers.get("content-type", "")
            if content_type == "" or "json" in content_type:
                body = await request.body()
                if body:
                    try:
                        request._json = strict_loads(body)  # Starlette caches the parsed body here
                    except NotFiniteError as error:
                        raise _refusal(str(error)) from None
                    except ValueError:
                        pass  # not JSON: FastAPI reports it (or reads the form) as usual
            return await handler(request)

        return strict
