"""Use cases: create a person from a profile, keep profile versions, make and keep plan versions."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from mgcalm.domain.entries import ConflictError, NotFoundError, document_digest
from mgcalm.domain.plan import Plan
from mgcalm.domain.problems import InvalidInputError, Problem
from mgcalm.domain.profile import PROFILE_SCHEMA, Profile
from mgcalm.domain.profile_parse import parse_profile_toml, profile_to_toml
from mgcalm.domain.text import require_clean
from mgcalm.store import Store
from mgcalm.store import people as repo
from mgcalm.store.records import PersonRecord, VersionRecord


def profile_document(profile: Profile) -> dict[str, Any]:
    """A profile as a versioned JSON document (its canonical ``mgcalm.profile/1`` TOML)."""
    return {"schema": PROFILE_SCHEMA, "toml": profile_to_toml(profile)}


def profile_from_document(document: dict[str, Any]) -> Profile:
    """Read a stored profile document back into a Profile."""
    profile, problems = parse_profile_toml(str(document.get("toml", "")), "stored profile")
    if profile is None:
        raise InvalidInputError(problems)
    return profile


def create_person(
    store: Store, profile: Profile, now: datetime, *, person_id: str | None, display_name: str
) -> PersonRecord:
    """Create a person with their first profile version; repeating the same call is a no-op."""
    with store.write() as conn:
        return insert_person(conn, profile, now, person_id or uuid.uuid4().hex, display_name)


def insert_person(
    conn: Any, profile: Profile, now: datetime, person_id: str, display_name: str
) -> PersonRecord:
    """Inside a write: the person with their first profile (the same profile again: no change)."""
    require_clean({"name": display_name})
    document = profile_document(profile)
    existing = repo.get_person(conn, person_id)
    if existing is not None:
        history = repo.profile_history(conn, person_id)
        if history and history[0].digest == document_digest(document):
            return existing
        raise ConflictError(
            [Problem("person.id", f"{person_id!r} already exists", "a new id, or the same profile")]
        )
    repo.insert_person(conn, person_id, display_name, now)
    repo.add_profile_version(conn, person_id, document, document_digest(document), now)
    person = repo.get_person(conn, person_id)
    assert person is not None
    return person


def set_up_person(
    conn: Any, profile: Profile, now: datetime, person_id: str, display_name: str
) -> tuple[PersonRecord, int]:
    """Inside a write: create the person, or give them this profile as a new version."""
    if repo.get_person(conn, person_id) is None:
        return insert_person(conn, profile, now, person_id, display_name), 1
    document = profile_document(profile)
    version = repo.add_profile_version(conn, person_id, document, document_digest(document), now)
    person = repo.get_person(conn, person_id)
    assert person is not None
    return person, version.version


def require_person(store: Store, person_id: str | None) -> PersonRecord:
    """The named person, or the only person when none is named; a clear error otherwise."""
    with store.read() as conn:
        if person_id is not None:
            person = repo.get_person(conn, person_id)
            if person is None:
                raise NotFoundError([Problem("person", f"no person {person_id!r}", _HOW)])
            return person
        everyone = repo.list_people(conn)
    if len(everyone) == 1:
        return everyone[0]
    if not everyone:
        raise NotFoundError([Problem("person", "nobody has been set up yet", _HOW)])
    raise NotFoundError([Problem("person", "several people are stored; name one", "a person id")])


_HOW = "run `mgcalm init --profile FILE` first"


def check_person(conn: Any, person_id: str) -> None:
    """Inside a write: refuse to write for a person who is not stored."""
    if not repo.person_exists(conn, person_id):
        raise NotFoundError([Problem("person", f"no person {person_id!r}", _HOW)])


def update_profile(store: Store, person_id: str, profile: Profile, now: datetime) -> VersionRecord:
    """Record a new profile version (unchanged content adds nothing)."""
    document = profile_document(profile)
    with store.write() as conn:
        check_person(conn, person_id)
        return repo.add_profile_version(conn, person_id, document, document_digest(document), now)


def current_profile(store: Store, person_id: str) -> tuple[Profile, int]:
    """The person's latest profile and its version number."""
    with store.read() as conn:
        history = repo.profile_history(conn, person_id)
    if not history:
        raise NotFoundError([Problem("profile", f"no profile for {person_id!r}", _HOW)])
    return profile_from_document(history[-1].document), history[-1].version


def save_plan(
    store: Store, person_id: str, profile_version: int, plan: Plan, today: date, now: datetime
) -> VersionRecord:
    """Keep ``plan`` as the active version from ``today`` (unchanged plans add nothing)."""
    with store.write() as conn:
        return add_plan(conn, person_id, profile_version, plan, today, now)


def add_plan(
    conn: Any, person_id: str, profile_version: int, plan: Plan, today: date, now: datetime
) -> VersionRecord:
    """Inside a write: keep ``plan`` as the version active from ``today``."""
    check_person(conn, person_id)
    document = plan.to_json()
    digest = document_digest(document)
    return repo.add_plan_version(conn, person_id, profile_version, document, digest, today, now)


def active_plan(store: Store, person_id: str, today: date) -> Plan | None:
    """The plan version active on ``today``, if any."""
    with store.read() as conn:
        history = repo.plan_history(conn, person_id)
    for version in reversed(history):
        assert version.active_from is not None
        if version.active_from <= today and (
            version.active_to is None or today < version.active_to
        ):
            return Plan.from_json(version.document)
    return None
