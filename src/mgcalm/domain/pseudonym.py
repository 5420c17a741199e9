"""Readable pseudonyms: the name a person without one is shown by, never their raw id.

A clinician scanning a list beside a safety flag can read, say and remember "Amber Heron 48";
``p-48e672ef15c64a0a9b5f`` is none of those. The pseudonym is derived from the person id
(SHA-256), so it is the same on every page and every server, needs nothing stored, and tells
nothing about the person. Two words and a number from 10 to 99 give 64 × 64 × 90 = 368,640
names, so two people of one clinic rarely share one (and the id still tells them apart).
"""

from __future__ import annotations

import hashlib

ADJECTIVES = (
    "Amber", "Ash", "Azure", "Birch", "Blue", "Brave", "Bright", "Brisk",
    "Calm", "Cedar", "Clear", "Clever", "Copper", "Coral", "Crisp", "Dawn",
    "Deep", "Dusk", "Early", "Even", "Fair", "Fern", "Field", "Frost",
    "Gentle", "Glad", "Gold", "Green", "Grey", "Hazel", "Honey", "Indigo",
    "Ivory", "Jade", "Keen", "Kind", "Lake", "Light", "Linden", "Maple",
    "Meadow", "Mild", "Misty", "Moss", "North", "Oak", "Olive", "Pale",
    "Pine", "Plum", "Quiet", "Rain", "River", "Rose", "Sage", "Silver",
    "Snow", "Soft", "South", "Steady", "Still", "Sun", "Warm", "Willow",
)  # fmt: skip
NOUNS = (
    "Badger", "Bear", "Beaver", "Bison", "Crane", "Deer", "Dove", "Eagle",
    "Egret", "Falcon", "Finch", "Fox", "Gull", "Hare", "Hawk", "Heron",
    "Ibis", "Jay", "Kestrel", "Kite", "Lark", "Lynx", "Marten", "Merlin",
    "Mink", "Moose", "Newt", "Otter", "Owl", "Panda", "Pelican", "Plover",
    "Puffin", "Quail", "Rabbit", "Raven", "Robin", "Salmon", "Seal", "Shrike",
    "Sparrow", "Starling", "Stoat", "Swan", "Swift", "Teal", "Tern", "Thrush",
    "Tiger", "Trout", "Turtle", "Vole", "Wagtail", "Whale", "Wolf", "Wren",
    "Yak", "Zebra", "Dolphin", "Gecko", "Koala", "Lemur", "Orca", "Puma",
)  # fmt: skip


def pseudonym(person_id: str) -> str:
    """Two words and a number, the same for the same id everywhere (e.g. "Amber Heron 48")."""
    digest = hashlib.sha256(person_id.encode("utf-8")).digest()
    adjective = ADJECTIVES[digest[0] % len(ADJECTIVES)]
    noun = NOUNS[digest[1] % len(NOUNS)]
    number = 10 + int.from_bytes(digest[2:4], "big") % 90
    return f"{adjective} {noun} {number}"


def shown_name(display_name: str, person_id: str) -> str:
    """The name to show for a person: their own if they gave one, else their pseudonym."""
    return display_name.strip() or pseudonym(person_id)
