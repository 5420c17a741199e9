"""Crisis resources for the person's region, as Support, every header and the clinic show them."""

from __future__ import annotations

from typing import Any

from mgcalm.app.settings import load_settings
from mgcalm.instruments.crisis import (
    NOT_MONITORED,
    REGION_NAMES,
    REGIONS,
    normalise_region,
    region_note,
    resources_for,
)


def crisis_support(region: str | None, default: str | None = None) -> dict[str, Any]:
    """Crisis resources for a region (default: the settings' region) and the notices to show.

    ``note`` says why an international list is shown when mgcalm has none for the country;
    ``headline`` is the first crisis line and the emergency number, for a page header.
    """
    asked = region or default or load_settings().region
    code = normalise_region(asked)
    resources = resources_for(code)
    return {
        "region": code,
        "region_name": REGION_NAMES[code],
        "regions": list(REGIONS),
        "region_names": dict(REGION_NAMES),
        "notice": NOT_MONITORED,
        "note": region_note(asked),
        "headline": headline(code),
        "resources": [r.to_json() for r in resources],
    }


def headline(region: str | None) -> dict[str, str]:
    """The first crisis line's first contact and the emergency number, e.g. for a header."""
    resources = resources_for(region)
    line = next((r for r in resources if not r.emergency and r.contacts), resources[0])
    urgent = next(r for r in resources if r.emergency)
    first, call = line.contacts[0], urgent.contacts[0]
    return {
        "line": line.name,
        "label": first.label,
        "href": first.href,
        "emergency_label": call.label,
        "emergency_href": call.href,
    }


def crisis_lines_text(region: str | None) -> tuple[str, ...]:
    """The region's resources as plain lines (a printed report, a terminal)."""
    code = normalise_region(region)
    lines = [f"{r.name}: {'; '.join(c.label for c in r.contacts)}" for r in resources_for(code)]
    note = region_note(region)
    return (*([note] if note else []), *lines)
