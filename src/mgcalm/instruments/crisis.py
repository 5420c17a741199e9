"""Crisis resources by region, as data with sources and the date they were last checked.

mgcalm is not an emergency service and nobody monitors it. These resources are shown on every
screen that raises a safety flag and on the support page. Links are ``tel:``/``sms:``/``https:``
so a person can reach a service in one tap; nothing is ever dialled automatically. The services
themselves, and which of their numbers were checked where, are in
:mod:`mgcalm.instruments.crisis_lines`.

Every region lists its emergency number and at least one crisis line. An unknown region never
fails: it falls back to the international directory and the advice to call the local emergency
number, and :func:`region_note` says so, because a crisis path must always return something
useful. :func:`country_from_locale` turns a locale (``en_GB.UTF-8``, ``en-AU``) into a region,
so a first run can suggest the person's country.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from mgcalm.instruments import crisis_lines as lines
from mgcalm.instruments.crisis_lines import (
    LAST_VERIFIED,
    Contact,
    ContactKind,
    CrisisResource,
    emergency,
)

__all__ = [
    "LAST_VERIFIED",
    "NOT_MONITORED",
    "REGIONS",
    "REGION_NAMES",
    "Contact",
    "ContactKind",
    "CrisisResource",
    "country_from_locale",
    "normalise_region",
    "region_note",
    "resources_for",
]

REGIONS: Mapping[str, tuple[CrisisResource, ...]] = MappingProxyType(
    {
        "US": (
            lines.LIFELINE_988,
            lines.VETERANS_CRISIS_LINE,
            lines.CRISIS_TEXT_LINE_US,
            emergency("US", "911"),
            lines.FIND_A_HELPLINE,
        ),
        "CA": (
            lines.CANADA_988,
            lines.VAC_ASSISTANCE,
            emergency("CA", "911"),
            lines.FIND_A_HELPLINE,
        ),
        "UK": (
            lines.SAMARITANS_UK,
            lines.SHOUT_UK,
            lines.NHS_111,
            lines.COMBAT_STRESS,
            lines.OP_COURAGE,
            emergency("UK", "999"),
            lines.FIND_A_HELPLINE,
        ),
        "IE": (
            lines.SAMARITANS_IE,
            lines.TEXT_50808,
            emergency("IE", "112", "https://112.ie/sms-questions-and-answers/", verified=True),
            lines.FIND_A_HELPLINE,
        ),
        "AU": (
            lines.LIFELINE_AU,
            lines.OPEN_ARMS,
            emergency(
                "AU",
                "000",
                "https://www.qld.gov.au/emergency/emergencies-services/assistance/triple-000",
                verified=True,
            ),
            lines.FIND_A_HELPLINE,
        ),
        "NZ": (
            lines.NEED_TO_TALK_1737,
            lines.LIFELINE_NZ,
            emergency(
                "NZ", "111", "https://www.police.govt.nz/contact-us/calling-emergency-111", True
            ),
            lines.FIND_A_HELPLINE,
        ),
        "INTL": (lines.FIND_A_HELPLINE, lines.INTL_EMERGENCY),
    }
)
#: What each region is called where a person picks their country.
REGION_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "US": "United States",
        "CA": "Canada",
        "UK": "United Kingdom",
        "IE": "Ireland",
        "AU": "Australia",
        "NZ": "New Zealand",
        "INTL": "Another country",
    }
)
REGION_ALIASES: Mapping[str, str] = MappingProxyType(
    {
        "GB": "UK",
        "USA": "US",
        "ROI": "IE",
        "NI": "UK",
        "IRL": "IE",
        "CAN": "CA",
        "AUS": "AU",
        "NZL": "NZ",
        "GBR": "UK",
    }
)
NOT_MONITORED = (
    "mgcalm is not an emergency service and nobody monitors what you enter. "
    "If you are in danger now, call your local emergency number."
)
FALLBACK_NOTE = (
    "mgcalm has no checked list of crisis lines for {where}, so it shows an international "
    "directory of helplines and the advice to call your local emergency number."
)


def normalise_region(region: str | None) -> str:
    """A region code the resources are keyed by; anything unknown becomes ``INTL``."""
    code = (region or "").strip().upper()
    code = REGION_ALIASES.get(code, code)
    return code if code in REGIONS else "INTL"


def resources_for(region: str | None) -> tuple[CrisisResource, ...]:
    """The crisis resources for a region (US, CA, UK, IE, AU, NZ; others: international)."""
    return REGIONS[normalise_region(region)]


def region_note(region: str | None) -> str:
    """Why an international list is shown (empty for a region with its own lines)."""
    if normalise_region(region) != "INTL":
        return ""
    asked = (region or "").strip().upper()
    where = asked if asked and asked != "INTL" else "your country"
    return FALLBACK_NOTE.format(where=where)


_LOCALE = re.compile(r"^[a-z]{2,3}(?:[-_](?:[a-z]{4}[-_])?([a-z]{2}))?", re.IGNORECASE)


def country_from_locale(locale: str | None) -> str | None:
    """The region a locale points at (``en_GB.UTF-8`` → ``UK``), or None when it names none.

    Only a country part counts: a bare language (``en``) or ``C``/``POSIX`` says nothing about
    where a person lives. A country mgcalm has no lines for becomes ``INTL``.
    """
    match = _LOCALE.match((locale or "").strip())
    if match is None or match.group(1) is None:
        return None
    return normalise_region(match.group(1))
