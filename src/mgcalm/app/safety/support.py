"""Crisis resources for the person's region, as Support, every header and the clinic show them."""

from __future__ import annotations

from typing import Any

from mgcalm.app.settings import load_settings
from mgcalm.instruments.crisis import NOT_MONITORED, REGIONS, normalise_region, resources_for


def crisis_support(region: str | None, default: str | None = None) -> dict[str, Any]:
    """Crisis resources for a region (default: the settings' region) and the notice to show."""
    code = normalise_region(region or default or load_settings().region)
    return {
        "region": code,
        "regions": list(REGIONS),
        "notice": NOT_MONITORED,
        "resources": [r.to_json() | {"emergency": r.emergency} for r in resources_for(code)],
    }
