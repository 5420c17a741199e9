"""Who may see whom: invitation codes, grants, revoking them, and the audit log they feed.

A person creates an invitation code (shown once, kept only as a digest, single use, expiring);
a clinician redeems it and from then on sees that person on their dashboard, until the person
revokes the grant. Every read of a person's data by another account goes through
:func:`require_grant`, which refuses without an active grant and writes the audit entry in the
same transaction as the check.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime, timedelta

from mgcalm.app.clinic.auth import AccessDeniedError, audit_row, digest
from mgcalm.app.clinic.settings import ClinicSettings
from mgcalm.app.safety import country
from mgcalm.domain.problems import InvalidInputError, Problem
from mgcalm.store import Store
from mgcalm.store import people as people_repo
from mgcalm.store.clinic import access as repo
from mgcalm.store.clinic import accounts as accounts_repo
from mgcalm.store.clinic.access import AuditRecord, GrantRecord
from mgcalm.store.clinic.accounts import AccountRecord

# Unambiguous letters and digits (no 0/O, 1/I/L), grouped for reading aloud over the phone.
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_GROUPS = 4


def _new_code() -> str:
    groups = ("".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(CODE_GROUPS))
    return "-".join(groups)


def normalise_code(code: str) -> str:
    """A typed code in canonical form (case and spacing forgiven)."""
    letters = "".join(c for c in code.upper() if c.isalnum())
    return "-".join(letters[i : i + 4] for i in range(0, len(letters), 4))


def _require_person(account: AccountRecord) -> str:
    if account.role != "person" or account.person_id is None:
        raise AccessDeniedError("only the person whose data it is can do this")
    return account.person_id


def create_invitation(
    store: Store, settings: ClinicSettings, account: AccountRecord, now: datetime
) -> str:
    """A new invitation code for the person's own data (shown to them once)."""
    person_id = _require_person(account)
    code = _new_code()
    expires = now + timedelta(days=settings.invitation_days)
    with store.write() as conn:
        if people_repo.get_person(conn, person_id) is None:
            raise InvalidInputError(
                [Problem("person", "finish getting started first, then invite a clinician")]
            )
        repo.insert_invitation(conn, digest(code), person_id, now, expires)
        repo.append_audit(conn, [audit_row(account, person_id, "invitation_created", "", now)])
    return code


def redeem_invitation(store: Store, account: AccountRecord, code: str, now: datetime) -> str:
    """A clinician redeems a code and gains access to that person; returns the person id."""
    if account.role != "clinician":
        raise AccessDeniedError("only a clinician can redeem an invitation code")
    with store.write() as conn:
        person_id = repo.redeem_invitation(conn, digest(normalise_code(code)), account.id, now)
        if person_id is None:
            raise InvalidInputError(
                [Problem("code", "this code is unknown, already used or expired")]
            )
        if repo.active_grant(conn, person_id, account.id) is None:
            repo.insert_grant(conn, uuid.uuid4().hex, person_id, account.id, now)
        row = audit_row(account, person_id, "grant_created", "invitation redeemed", now)
        repo.append_audit(conn, [row])
    return person_id


def revoke(store: Store, account: AccountRecord, grant_id: str, now: datetime) -> None:
    """The person ends one of their grants; another person's grant id is simply not found.

    Trying to revoke someone else's grant is refused and written to that person's audit log.
    """
    if account.role != "person" or account.person_id is None:
        _probe(store, account, grant_id, None, now)
    person_id = _require_person(account)
    with store.write() as conn:
        clinician = repo.revoke_grant(conn, grant_id, person_id, now)
        if clinician is not None:
            found = accounts_repo.get_account(conn, clinician)
            detail = f"access of {found.username if found else 'a removed account'} ended"
            repo.append_audit(conn, [audit_row(account, person_id, "grant_revoked", detail, now)])
    if clinician is None:
        _probe(store, account, grant_id, person_id, now)
        raise AccessDeniedError("no such active grant", status=404)


def _probe(
    store: Store, account: AccountRecord, grant_id: str, own: str | None, now: datetime
) -> None:
    """Audit an attempt on a grant that belongs to someone else (none: nothing to record)."""
    with store.read() as conn:
        owner = repo.grant_person(conn, grant_id[:64])
    if owner is not None and owner != own:
        refused(store, account, owner, "revoking a grant", now)


def shown_code(store: Store, account: AccountRecord, code: str, now: datetime) -> str:
    """``code`` if it is one of this person's live invitations, else "" (never echo any text)."""
    if not code or account.role != "person" or account.person_id is None or len(code) > 40:
        return ""
    with store.read() as conn:
        live = repo.live_invitation(conn, digest(normalise_code(code)), account.person_id, now)
    return normalise_code(code) if live else ""


def my_grants(store: Store, account: AccountRecord) -> list[GrantRecord]:
    """The person's grants, or the clinician's (admins have none)."""
    with store.read() as conn:
        if account.role == "person" and account.person_id:
            return repo.grants_of_person(conn, account.person_id)
        if account.role == "clinician":
            return repo.grants_of_clinician(conn, account.id)
    return []


def require_grant(
    store: Store, account: AccountRecord, person_id: str, action: str, now: datetime
) -> None:
    """Refuse unless this clinician has an active grant; record the access in the audit log.

    Without a grant the answer is 404, the same as for a person who does not exist, so no one can
    probe which person ids are in use.
    """
    if account.role != "clinician":
        refused(store, account, person_id, action, now)
        raise AccessDeniedError("only a clinician with the person's permission can see this")
    with store.write() as conn:
        granted = repo.active_grant(conn, person_id, account.id) is not None
        if granted:
            repo.append_audit(conn, [audit_row(account, person_id, action, "", now)])
    if not granted:
        refused(store, account, person_id, action, now)
        raise AccessDeniedError("no such person among yours", status=404)


def refused(
    store: Store, account: AccountRecord, person_id: str, action: str, now: datetime
) -> None:
    """Record a refused attempt at someone's data (the person sees it in their audit log)."""
    row = audit_row(account, person_id[:64], "access_refused", f"{action} refused", now)
    with store.write() as conn:
        repo.append_audit(conn, [row])


DELETE_WORD = "DELETE"


def delete_own_data(store: Store, account: AccountRecord, confirm: str, now: datetime) -> int:
    """The person deletes everything stored about them (grants and invitations go with it).

    Their account stays, so they can start again; the audit entries about them stay too, since
    the log is append-only and says only who looked, not what they saw.
    """
    person_id = _require_person(account)
    if confirm.strip() != DELETE_WORD:
        raise InvalidInputError(
            [Problem("confirm", "type the word to confirm; nothing was deleted", DELETE_WORD)]
        )
    with store.write() as conn:
        deleted = people_repo.delete_people(conn, person_id)
        country.forget_person(conn, person_id)  # their own preferences: country, pooling
        repo.append_audit(conn, [audit_row(account, person_id, "data_deleted", "", now)])
    return deleted


def audit_view(store: Store, account: AccountRecord, limit: int = 200) -> list[AuditRecord]:
    """The audit entries this account may read: a person's own, or everyone's for an admin."""
    with store.read() as conn:
        if account.role == "admin":
            return repo.read_audit(conn, None, limit)
        if account.role == "person" and account.person_id:
            return repo.read_audit(conn, account.person_id, limit)
    raise AccessDeniedError("only the person and an admin can read the audit log")
