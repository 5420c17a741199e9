"""The person's country: which crisis lines every screen, report and command shows.

Asked at onboarding (web and ``mgcalm init``), suggested from the locale, and kept as a
preference: in personal mode the installation's ``region`` (the same one the Settings page
changes), in clinic mode the person's own (a clinic may serve people in several countries).
Reading falls back from the person's own to the installation's to ``MGCALM_REGION``, so there is
always an answer; an unknown country becomes the international list, which says so.
"""

from __future__ import annotations

import hashlib
import locale
import os
from typing import TYPE_CHECKING

from mgcalm.domain.problems import InvalidInputError, Problem
from mgcalm.instruments.crisis import REGION_ALIASES, REGIONS, country_from_locale, normalise_region
from mgcalm.store import preferences as preferences_repo

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from mgcalm.app.core import App

PERSON_KEY = "country"
APP_KEY = "region"


def person_scope(person_id: str) -> str:
    """The preferences scope of one person (ids too long for the column are hashed)."""
    scope = f"person:{person_id}"
    return scope if len(scope) <= 64 else "person:" + hashlib.sha256(person_id.encode()).hexdigest()


def region_for(app: App, person_id: str | None = None) -> str:
    """The region whose crisis lines this person sees (never fails; unknown → ``INTL``)."""
    with app.store.read() as conn:
        own = preferences_repo.read_preferences(conn, person_scope(person_id)) if person_id else {}
        shared = preferences_repo.read_preferences(conn)
    return normalise_region(own.get(PERSON_KEY) or shared.get(APP_KEY) or app.settings.region)


def check_country(code: str, location: str = "country") -> str:
    """A country code mgcalm has lines for (aliases such as GB accepted), or a clear problem."""
    text = code.strip().upper()
    found = REGION_ALIASES.get(text, text)
    if found not in REGIONS:
        accepted = ", ".join(REGIONS) + " (INTL: another country)"
        raise InvalidInputError([Problem(location, f"{code!r} is not offered", accepted)])
    return found


def save_country(conn: Connection, app: App, person_id: str, code: str) -> None:
    """Keep the country inside the caller's transaction (checked with :func:`check_country`)."""
    if app.settings.clinic_mode:
        scope, key = person_scope(person_id), PERSON_KEY
    else:
        scope, key = preferences_repo.APP_SCOPE, APP_KEY
    preferences_repo.save_preferences(conn, {key: check_country(code)}, app.now(), scope)


def forget_person(conn: Connection, person_id: str) -> None:
    """Delete a person's own preferences with them."""
    preferences_repo.delete_preferences(conn, person_scope(person_id))


def locale_country(*tags: str | None) -> str | None:
    """The country the first telling locale points at: given tags, then ``LC_ALL``/``LANG``."""
    system = (os.environ.get(n) for n in ("LC_ALL", "LC_MESSAGES", "LANG"))
    for tag in (*tags, *system, locale.getlocale()[0]):
        found = country_from_locale(tag)
        if found is not None:
            return found
    return None


def accept_language_country(header: str | None) -> str | None:
    """The country of the first language tag with one in an ``Accept-Language`` header."""
    for part in (header or "").split(","):
        found = country_from_locale(part.split(";")[0].strip())
        if found is not None:
            return found
    return None
