"""JSON bodies of the API read by :func:`mgcalm.interop.strict_json.strict_loads`.

``NaN``, ``Infinity``, numbers too large for a float and bodies nested deeper than any mgcalm body
are refused with the usual 422 before FastAPI reads the body.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.responses import Response

from mgcalm.interop.strict_json import StrictJSONError, strict_loads


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
                        parsed = strict_loads(body)
                    except StrictJSONError as error:
                        raise _refusal(str(error)) from None
                    except ValueError:
                        if self.body_field is None:  # FastAPI would not even look at it
                            raise _refusal("the body is not JSON; send {}") from None
                        return await handler(request)  # FastAPI reports where it breaks
                    if self.body_field is None and not isinstance(parsed, dict):
                        raise _refusal("the body must be a JSON object such as {}")
                    request._json = parsed  # Starlette caches the parsed body here
            return await handler(request)

        return strict
