"""Crisis lines by country: every number against the published table, and no region left bare.

``PUBLISHED`` is the table of ``docs/crisis_resources.md``: each number as the service (or, where
marked, a secondary source) publishes it, the page it was read on, and whether that page is the
service's own. A number changed in the code without the table failing here is impossible.
"""

from __future__ import annotations

import pytest

from mgcalm.instruments import (
    REGION_NAMES,
    REGIONS,
    country_from_locale,
    normalise_region,
    region_note,
    resources_for,
)

# (region, resource id, link, label, checked on the service's own page, where it was read)
PUBLISHED: tuple[tuple[str, str, str, str, bool, str], ...] = (
    ("US", "us-988", "tel:988", "Call 988", True, "https://988lifeline.org/"),
    ("US", "us-988", "sms:988", "Text 988", True, "https://988lifeline.org/"),
    ("US", "us-vcl", "tel:988", "Dial 988 then press 1", True, "veteranscrisisline.net"),
    ("US", "us-vcl", "sms:838255", "Text 838255", True, "veteranscrisisline.net"),
    ("US", "us-ctl", "sms:741741?body=HOME", "Text HOME to 741741", False, "crisistextline.org"),
    ("US", "us-emergency", "tel:911", "Call 911", False, "not checked"),
    ("CA", "ca-988", "tel:988", "Call 988", True, "https://988.ca/"),
    ("CA", "ca-988", "sms:988", "Text 988", True, "https://988.ca/"),
    ("CA", "ca-vac-assistance", "tel:18002687708", "Call 1-800-268-7708", True, "veterans.gc.ca"),
    ("CA", "ca-emergency", "tel:911", "Call 911", False, "not checked"),
    ("UK", "uk-samaritans", "tel:116123", "Call 116 123", True, "samaritans.org"),
    ("UK", "uk-shout", "sms:85258?body=SHOUT", "Text SHOUT to 85258", False, "giveusashout.org"),
    ("UK", "uk-nhs111", "tel:111", "Call 111, mental health option", False, "111.nhs.uk"),
    ("UK", "uk-combat-stress", "tel:08001381619", "Call 0800 138 1619", False, "secondary"),
    ("UK", "uk-combat-stress", "sms:07537173683", "Text 07537 173683", False, "secondary"),
    ("UK", "uk-emergency", "tel:999", "Call 999", False, "not checked"),
    ("IE", "ie-samaritans", "tel:116123", "Call 116 123", True, "samaritans.org"),
    ("IE", "ie-50808", "sms:50808?body=HELLO", "Text HELLO to 50808", False, "press only"),
    ("IE", "ie-emergency", "tel:112", "Call 112", True, "https://112.ie/"),
    ("AU", "au-lifeline", "tel:131114", "Call 13 11 14", True, "lifelineh2h.org.au"),
    ("AU", "au-lifeline", "sms:0477131114", "Text 0477 13 11 14", False, "press, Life in Mind"),
    ("AU", "au-open-arms", "tel:1800011046", "Call 1800 011 046", True, "dva.gov.au"),
    ("AU", "au-emergency", "tel:000", "Call 000", True, "qld.gov.au Triple Zero"),
    ("NZ", "nz-1737", "tel:1737", "Call 1737", False, "health.govt.nz, not 1737.org.nz"),
    ("NZ", "nz-1737", "sms:1737", "Text 1737", False, "health.govt.nz, not 1737.org.nz"),
    ("NZ", "nz-lifeline", "tel:0800543354", "Call 0800 543 354", False, "not checked"),
    ("NZ", "nz-lifeline", "sms:4357?body=HELP", "Text HELP to 4357", False, "not checked"),
    ("NZ", "nz-emergency", "tel:111", "Call 111", True, "police.govt.nz"),
    ("INTL", "intl-emergency", "tel:112", "Call 112", False, "not checked"),
)


@pytest.mark.parametrize(
    ("region", "resource", "href", "label", "checked", "where"),
    PUBLISHED,
    ids=[f"{r[0]}-{r[1]}-{r[2]}" for r in PUBLISHED],
)
def test_each_number_is_the_published_one(
    region: str, resource: str, href: str, label: str, checked: bool, where: str
) -> None:
    found = {r.id: r for r in REGIONS[region]}[resource]
    contact = next(c for c in found.contacts if c.href == href)
    assert contact.label == label
    assert contact.verified is checked, f"verified must say whether {where} was its own page"


def test_the_table_covers_every_number_in_the_code() -> None:
    listed = {(region, resource, href) for region, resource, href, *_ in PUBLISHED}
    in_code = {
        (region, r.id, c.href)
        for region, resources in REGIONS.items()
        for r in resources
        for c in r.contacts
        if c.kind in ("call", "text")
    }
    assert in_code == listed


@pytest.mark.parametrize("region", list(REGIONS))
def test_every_region_has_an_emergency_number_and_a_crisis_line(region: str) -> None:
    resources = resources_for(region)
    emergency = [r for r in resources if r.emergency]
    assert emergency and all(c.href.startswith("tel:") for r in emergency for c in r.contacts)
    lines = [r for r in resources if not r.emergency and r.id != "intl-findahelpline"]
    directory = any(r.id == "intl-findahelpline" for r in resources)
    # A region either has a line of its own, or (elsewhere) the international directory.
    assert lines or (region == "INTL" and directory)
    assert directory  # and the directory everywhere, for travellers and second opinions
    assert region in REGION_NAMES


@pytest.mark.parametrize("region", ["US", "UK", "CA", "AU"])
def test_veterans_have_their_own_line(region: str) -> None:
    assert any(r.veterans for r in resources_for(region))


def test_a_resource_is_verified_only_when_every_way_to_reach_it_is() -> None:
    for resources in REGIONS.values():
        for r in resources:
            assert r.to_json()["verified"] == (r.verified and all(c.verified for c in r.contacts))


@pytest.mark.parametrize("asked", [None, "", "FR", "de", "INTL", "xx"])
def test_an_unknown_region_gets_the_directory_and_says_so(asked: str | None) -> None:
    assert normalise_region(asked) == "INTL"
    assert {r.id for r in resources_for(asked)} == {"intl-findahelpline", "intl-emergency"}
    note = region_note(asked)
    assert "international directory" in note and "emergency number" in note
    if asked and asked.upper() not in ("INTL", "XX") and len(asked) == 2:
        assert asked.upper() in note


@pytest.mark.parametrize("region", ["US", "UK", "GB", "IE", "AU", "NZ", "CA"])
def test_a_known_region_has_no_fallback_note(region: str) -> None:
    assert region_note(region) == ""


@pytest.mark.parametrize(
    ("locale", "region"),
    [
        ("en_GB.UTF-8", "UK"),
        ("en-AU", "AU"),
        ("en_NZ", "NZ"),
        ("en-IE", "IE"),
        ("fr_CA.UTF-8", "CA"),
        ("en_US", "US"),
        ("de_DE.UTF-8", "INTL"),
        ("zh-Hant-TW", "INTL"),
        ("en", None),
        ("C.UTF-8", None),
        ("POSIX", None),
        ("", None),
        (None, None),
    ],
)
def test_the_country_is_read_from_the_locale(locale: str | None, region: str | None) -> None:
    assert country_from_locale(locale) == region
