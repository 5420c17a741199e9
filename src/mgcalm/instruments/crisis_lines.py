"""The crisis services mgcalm lists, one constant each, with where every number was checked.

``verified`` is honest and kept per way of reaching a service: ``True`` only where the number,
short code or address was read on the service's own published page (or its operator's, such as
a government department running the line) on :data:`LAST_VERIFIED`; everything else is
``False`` and shown as "details unverified". ``docs/crisis_resources.md`` lists which is which
and the page each was checked against. Phone numbers change: re-check before each release.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

# When these entries were last checked against their cited sources.
LAST_VERIFIED = "2026-11-26"

ContactKind = Literal["call", "text", "chat", "web", "email"]


@dataclass(frozen=True, slots=True)
class Contact:
    """One way to reach a service, with a link an interface can render."""

    kind: ContactKind
    label: str
    href: str
    verified: bool = True


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
    veterans: bool = False

    @property
    def checked(self) -> bool:
        """True when the service and every way of reaching it were read on its own page."""
        return self.verified and all(c.verified for c in self.contacts)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict of the resource (``verified`` covers every contact)."""
        return {
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "contacts": [
                {"kind": c.kind, "label": c.label, "href": c.href, "verified": c.verified}
                for c in self.contacts
            ],
            "source": self.source_url,
            "verified": self.checked,
            "emergency": self.emergency,
            "veterans": self.veterans,
            "last_verified": LAST_VERIFIED,
        }

    def one_line(self) -> str:
        """The resource in one line for a terminal: name — how to reach it."""
        return f"{self.name}: " + "; ".join(c.label for c in self.contacts)


def emergency(region: str, number: str, source: str = "", verified: bool = False) -> CrisisResource:
    """The local emergency number: for immediate danger to life."""
    return CrisisResource(
        f"{region.lower()}-emergency",
        "Emergency services",
        "If you or someone else is in immediate danger.",
        (Contact("call", f"Call {number}", f"tel:{number.replace(' ', '')}", verified),),
        source,
        verified=verified,
        emergency=True,
    )


# -- United States ----------------------------------------------------------------------------
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
    veterans=True,
)
CRISIS_TEXT_LINE_US = CrisisResource(
    "us-ctl",
    "Crisis Text Line",
    "Free 24/7 support by text.",
    (Contact("text", "Text HOME to 741741", "sms:741741?body=HOME", verified=False),),
    "https://www.crisistextline.org/",
    verified=False,
)

# -- United Kingdom and Ireland ---------------------------------------------------------------
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
SHOUT_UK = CrisisResource(
    "uk-shout",
    "Shout",
    "Free 24/7 text support in the UK.",
    (Contact("text", "Text SHOUT to 85258", "sms:85258?body=SHOUT", verified=False),),
    "https://giveusashout.org/",
    verified=False,
)
NHS_111 = CrisisResource(
    "uk-nhs111",
    "NHS 111 (England)",
    "Urgent mental-health help: call 111 and choose the mental health option.",
    (Contact("call", "Call 111, mental health option", "tel:111", verified=False),),
    "https://111.nhs.uk/",
    verified=False,
)
COMBAT_STRESS = CrisisResource(
    "uk-combat-stress",
    "Combat Stress helpline",
    "24/7 mental-health helpline for UK veterans, serving personnel and their families.",
    (
        Contact("call", "Call 0800 138 1619", "tel:08001381619", verified=False),
        Contact("text", "Text 07537 173683", "sms:07537173683", verified=False),
    ),
    "https://combatstress.org.uk/",
    verified=False,
    veterans=True,
)
OP_COURAGE = CrisisResource(
    "uk-op-courage",
    "Op COURAGE (NHS veterans' mental health service, England)",
    "Specialist NHS care for veterans, reservists and service leavers; you can refer yourself. "
    "Not a crisis line: in a crisis use Samaritans, NHS 111 or 999.",
    (
        Contact(
            "web",
            "Find Op COURAGE at nhs.uk",
            "https://www.nhs.uk/nhs-services/armed-forces-community/mental-health/veterans-reservists/",
            verified=False,
        ),
    ),
    "https://www.nhs.uk/nhs-services/armed-forces-community/mental-health/veterans-reservists/",
    verified=False,
    veterans=True,
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
TEXT_50808 = CrisisResource(
    "ie-50808",
    "50808 text line",
    "Free, anonymous 24/7 text support in Ireland, funded by the HSE.",
    (Contact("text", "Text HELLO to 50808", "sms:50808?body=HELLO", verified=False),),
    "https://text50808.ie/",
    verified=False,
)

# -- Canada -----------------------------------------------------------------------------------
CANADA_988 = CrisisResource(
    "ca-988",
    "9-8-8 Suicide Crisis Helpline (Canada)",
    "Free 24/7 support in English and French.",
    (Contact("call", "Call 988", "tel:988"), Contact("text", "Text 988", "sms:988")),
    "https://988.ca/",
)
VAC_ASSISTANCE = CrisisResource(
    "ca-vac-assistance",
    "VAC Assistance Service (Veterans Affairs Canada)",
    "Free 24/7 psychological support from a mental health professional for Veterans, former "
    "RCMP members, their families and caregivers; you need not be a VAC client.",
    (Contact("call", "Call 1-800-268-7708", "tel:18002687708"),),
    "https://www.veterans.gc.ca/eng/contact/talk-to-a-professional",
    veterans=True,
)

# -- Australia --------------------------------------------------------------------------------
LIFELINE_AU = CrisisResource(
    "au-lifeline",
    "Lifeline Australia",
    "Free 24/7 crisis support and suicide prevention, anywhere in Australia.",
    (
        Contact("call", "Call 13 11 14", "tel:131114"),
        Contact("text", "Text 0477 13 11 14", "sms:0477131114", verified=False),
    ),
    "https://lifelineh2h.org.au/get-help/telephone-crisis-support/faqs/",
)
OPEN_ARMS = CrisisResource(
    "au-open-arms",
    "Open Arms – Veterans & Families Counselling",
    "Free 24/7 support for anyone who has served a day in the ADF and their families "
    "(a service of the Department of Veterans' Affairs).",
    (Contact("call", "Call 1800 011 046", "tel:1800011046"),),
    "https://www.dva.gov.au/news/latest-stories/learn-about-open-arms-veterans-families-counselling",
    veterans=True,
)

# -- New Zealand ------------------------------------------------------------------------------
NEED_TO_TALK_1737 = CrisisResource(
    "nz-1737",
    "1737, Need to talk?",
    "Free call or text any time, day or night, to talk with a trained counsellor.",
    (
        Contact("call", "Call 1737", "tel:1737", verified=False),
        Contact("text", "Text 1737", "sms:1737", verified=False),
    ),
    "https://1737.org.nz/",
    verified=False,
)
LIFELINE_NZ = CrisisResource(
    "nz-lifeline",
    "Lifeline Aotearoa",
    "Free 24/7 helpline.",
    (
        Contact("call", "Call 0800 543 354", "tel:0800543354", verified=False),
        Contact("text", "Text HELP to 4357", "sms:4357?body=HELP", verified=False),
    ),
    "https://www.lifeline.org.nz/",
    verified=False,
)

# -- Everywhere else --------------------------------------------------------------------------
FIND_A_HELPLINE = CrisisResource(
    "intl-findahelpline",
    "Find A Helpline",
    "Free, verified helplines in over 130 countries.",
    (Contact("web", "findahelpline.com", "https://findahelpline.com/"),),
    "https://findahelpline.com/",
)
INTL_EMERGENCY = CrisisResource(
    "intl-emergency",
    "Emergency services",
    "If you or someone else is in immediate danger, call your local emergency number "
    "(for example 112 in the EU).",
    (Contact("call", "Call 112", "tel:112", verified=False),),
    "",
    verified=False,
    emergency=True,
)
