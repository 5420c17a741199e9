"""JSON read strictly: ``NaN``, ``Infinity`` and numbers too large for a float are refused.

Python's ``json`` module accepts ``NaN`` and ``Infinity`` (not JSON at all) and turns ``1e400`` into
infinity; any of them would pass range checks (``NaN`` compares false with every bound) and then
break every sum, chart and report they join. Documents nested deeper than any mgcalm document
would exhaust the parser's recursion, so they are refused too. The web API's bodies and the files
``mgcalm import`` reads go through :func:`strict_loads`.
"""

from __future__ import annotations

import json
import math
from typing import Any

MAX_DEPTH = 32


class StrictJSONError(ValueError):
    """A non-finite number, or nesting deeper than any mgcalm document."""


def _constant(name: str) -> Any:
    raise StrictJSONError(f"{name} is not a JSON number")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise StrictJSONError(f"{text} is too large for a number")
    return value


def _depth(text: bytes | str) -> int:
    """How deeply brackets nest (strings skipped), without recursing."""
    depth = deepest = 0
    in_string = escaped = False
    chars = text.decode("utf-8", errors="replace") if isinstance(text, bytes) else text
    for char in chars:
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


def strict_loads(body: bytes | str) -> Any:
    """Parse a JSON body, refusing non-finite numbers and deep nesting (``ValueError``)."""
    if _depth(body) > MAX_DEPTH:
        raise StrictJSONError(f"nested more than {MAX_DEPTH} levels deep")
    return json.loads(body, parse_constant=_constant, parse_float=_finite)
