"""Crisis resources by region, as data with sources and the date they were last checked.

mgcalm is not an emergency service and nobody monitors it. These resources are shown on every
screen that raises a safety flag and on the support page. Links are ``tel:``/``sms:``/``https:``
so a person can reach a service in one tap; nothing is ever dialled automatically.

An unknown region never fails: it falls back to the international directory and the advice to
call the local emergency number, because a crisis path must always return something useful.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Literal

# When these entries were last checked against their cited sources. Phone numbers and short
# codes change: re-check every entry against the service's own page before each release.
LAST_VERIFIED = "2026-11-26"

ContactKind = Literal["call", "text", "chat", "web", "email"]


@dataclass(frozen=True, slots=True)
class Contact:
    """One way to reach a service, with a link an interface can render."""

    kind: ContactKind
    label: str
    href: str


@dataclass(frozen=True, slots=True)
class CrisisResource:
    """A crisis service: who it is for, how to reach it, and where the details come from."""

    id: str
    name: str
    description: str
    contacts: tuple[Contact, ...]
    source_url: str
    verified: bool = True
    emergency: bool = False

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict of the resource."""
        return {
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "contacts": [{"kind": c.kind, "label": c.label, "href": c.href} for c in self.contacts],
            "source": self.source_url,
            "verified": self.verified,
            "emergency": self.emergency,
            "last_verified": LAST_VERIFIED,
        }

    def one_line(self) -> str:
        """The resource in one line for a terminal: name — how to reach it."""
        return f"{self.name}: " + "; ".join(c.label for c in self.contacts)


LIFELINE_988 = CrisisResource(
    "us-988",
    "988 Suicide & Crisis Lifeline",
    "Free, confidential, 24/7 support in the US. Press 2 for Spanish.",
    (
        Contact("call", "Call 988", "tel:988"),
        Contact("text", "Text 988", "sms:988"),
        Contact("chat", "Chat at 988lifeline.org", "https://988lifeline.org/"),
    ),
    "https://988lifeline.org/",
)
VETERANS_CRISIS_LINE = CrisisResource(
    "us-vcl",
    "Veterans Crisis Line",
    "For Veterans, service members and their families; no VA enrolment needed.",
    (
        Contact("call", "Dial 988 then press 1", "tel:988"),
        Contact("text", "Text 838255", "sms:838255"),
        Contact(
            "chat", "Chat at VeteransCrisisLine.net/Chat", "https://www.veteranscrisisline.net/chat"
        ),
    ),
    "https://www.veteranscrisisline.net/",
)
CRISIS_TEXT_LINE_US = CrisisResource(
    "us-ctl",
    "Crisis Text Line",
    "Free 24/7 support by text.",
    (Contact("text", "Text HOME to 741741", "sms:741741?body=HOME"),),
    "https://www.crisistextline.org/",
    verified=False,
)
SAMARITANS_UK = CrisisResource(
    "uk-samaritans",
    "Samaritans",
    "Free, 24/7, from any phone in the UK and Ireland; your number is not shown.",
    (
        Contact("call", "Call 116 123", "tel:116123"),
        Contact("email", "Email jo@samaritans.org", "mailto:jo@samaritans.org"),
    ),
    "https://www.samaritans.org/how-we-can-help/contact-samaritan/",
)
SAMARITANS_IE = CrisisResource(
    "ie-samaritans",
    "Samaritans Ireland",
    "Free, 24/7, from any phone in Ireland and the UK; your number is not shown.",
    (
        Contact("call", "Call 116 123", "tel:116123"),
        Contact("email", "Email jo@samaritans.ie", "mailto:jo@samaritans.ie"),
    ),
    "https://www.samaritans.org/how-we-can-help/contact-samaritan/",
)
SHOUT_UK = CrisisResource(
    "uk-shout",
    "Shout",
    "Free 24/7 text support in the UK.",
    (Contact("text", "Text SHOUT to 85258", "sms:85258?body=SHOUT"),),
    "https://giveusashout.org/",
    verified=False,
)
NHS_111 = CrisisResource(
    "uk-nhs111",
    "NHS 111 (England)",
    "Urgent mental-health help: call 111 and choose the mental health option.",
    (Contact("call", "Call 111, mental health option", "tel:111"),),
    "https://111.nhs.uk/",
    verified=False,
)
CANADA_988 = CrisisResource(
    "ca-988",
    "9-8-8 Suicide Crisis Helpline (Canada)",
    "Free 24/7 support in English and French.",
    (Contact("call", "Call 988", "tel:988"), Contact("text", "Text 988", "sms:988")),
    "https://988.ca/",
)
FIND_A_HELPLINE = CrisisResource(
    "intl-findahelpline",
    "Find A Helpline",
    "Free, verified helplines in over 130 countries.",
    (Contact("web", "findahelpline.com", "https://findahelpline.com/"),),
    "https://findahelpline.com/",
)


def _emergency(region: str, number: str, verified: bool = False) -> CrisisResource:
    """The local emergency number: for immediate danger to life."""
    return CrisisResource(
        f"{region.lower()}-emergency",
        "Emergency services",
        "If you or someone else is in immediate danger.",
        (Contact("call", f"Call {number}", f"tel:{number}"),),
        "",
        verified=verified,
        emergency=True,
    )


REGIONS: Mapping[str, tuple[CrisisResource, ...]] = MappingProxyType(
    {
        "US": (
            LIFELINE_988,
            VETERANS_CRISIS_LINE,
            CRISIS_TEXT_LINE_US,
            _emergency("US", "911"),
            FIND_A_HELPLINE,
        ),
        "CA": (CANADA_988, _emergency("CA", "911"), FIND_A_HELPLINE),
        "UK": (SAMARITANS_UK, SHOUT_UK, NHS_111, _emergency("UK", "999"), FIND_A_HELPLINE),
        "IE": (SAMARITANS_IE, _emergency("IE", "112"), FIND_A_HELPLINE),
        "INTL": (
            FIND_A_HELPLINE,
            CrisisResource(
                "intl-emergency",
                "Emergency services",
                "If you or someone else is in immediate danger, call your local emergency "
                "number (for example 112 in the EU).",
                (Contact("call", "Call 112", "tel:112"),),
                "",
                verified=False,
                emergency=True,
            ),
        ),
    }
)
REGION_ALIASES: Mapping[str, str] = MappingProxyType(
    {"GB": "UK", "USA": "US", "ROI": "IE", "NI": "UK", "IRL": "IE", "CAN": "CA"}
)
NOT_MONITORED = (
    "mgcalm is not an emergency service and nobody monitors what you enter. "
    "If you are in danger now, call your local emergency number."
)


def normalise_region(region: str | None) -> str:
    """A region code the resources are keyed by; anything unknown becomes ``INTL``."""
    code = (region or "").strip().upper()
    code = REGION_ALIASES.get(code, code)
    return code if code in REGIONS else "INTL"


def resources_for(region: str | None) -> tuple[CrisisResource, ...]:
    """The crisis resources for a region (``US``, ``UK``, ``IE``, ``CA``; others: international)."""
    return REGIONS[normalise_region(region)]
