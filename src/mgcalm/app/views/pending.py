"""Entries made before onboarding: held in the store, then given to the person once set up.

Someone who opens mgcalm for the first time at night may want to check in before answering any
setup questions. That check-in is validated, its safety alerts shown at once, and it is held
(``pending_entries``); onboarding moves it into the person's entries, in order, keeping its id.
"""

from __future__ import annotations

from typing import Any

from mgcalm.app.core import App
from mgcalm.app.views.daily import logged, prepare_entry
from mgcalm.domain.entries import entry_document, entry_from_document
from mgcalm.store import pending as repo


def hold(app: App, owner: str, kind: str, data: dict[str, Any]) -> dict[str, Any]:
    """Validate and hold one entry until onboarding; returns it with its alerts, like a save."""
    entry, alerts = prepare_entry(app, kind, data)
    with app.store.write() as conn:
        created = repo.put_pending(
            conn, owner, entry.id, entry.kind, entry_document(entry), app.now()
        )
    return {**logged(entry, created, alerts), "held_until_onboarding": True}


def adopt(app: App, person_id: str, owner: str) -> int:
    """Move what was held for ``owner`` into the person's entries; returns how many."""
    with app.store.read() as conn:
        documents = repo.pending_documents(conn, owner)
    if not documents:
        return 0
    app.log_entries(person_id, [entry_from_document(d) for d in documents])
    with app.store.write() as conn:
        repo.drop_pending(conn, owner)
    return len(documents)


def held_count(app: App, owner: str) -> int:
    """How many entries wait for onboarding."""
    with app.store.read() as conn:
        return len(repo.pending_documents(conn, owner))
