"""Pairing a device: a one-time code from the computer becomes a long-lived device session.

The computer (``mgcalm serve``, ``mgcalm pair`` or a device already paired) makes a code of
eight digits, valid for ``MGCALM_PAIRING_MINUTES``. Entering it on a phone uses it up and gives
that phone a random 256-bit session token, kept in the store only as its SHA-256 digest and valid
for ``MGCALM_DEVICE_DAYS`` unless revoked in Settings. Failed attempts are counted in the database
(per address and in all), so guessing is cut off long before eight digits could be found; every
pairing, new code and revocation goes into the append-only audit log.
"""

from __future__ import annotations

import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from mgcalm.app.sessions import TooManyAttemptsError, digest, failures, new_token, record_attempt
from mgcalm.app.settings import Settings
from mgcalm.domain.problems import InvalidInputError, Problem
from mgcalm.store import Store
from mgcalm.store import devices as repo
from mgcalm.store.clinic import access as audit_repo
from mgcalm.store.devices import DeviceRecord

CODE_DIGITS = 8
ATTEMPT_NAME = "(pairing)"  # failed pairings share the login_attempts table under this name
PER_ADDRESS = 10  # failed codes per address per window
IN_ALL = 50  # failed codes from every address together per window
WINDOW = timedelta(minutes=15)
ACTIONS = ("device_paired", "device_revoked", "pairing_code")
NAME_MAX = 80


@dataclass(frozen=True, slots=True)
class PairingCode:
    """A new code, shown once: ``code`` to type, valid until ``expires_at``."""

    code: str
    expires_at: datetime

    @property
    def spaced(self) -> str:
        """The code in two groups of four, easier to read aloud and type."""
        return f"{self.code[:4]} {self.code[4:]}"


@dataclass(frozen=True, slots=True)
class Paired:
    """A device just paired: its record and the session token for its cookie."""

    device: DeviceRecord
    token: str


def make_code(store: Store, settings: Settings, now: datetime, by: str) -> PairingCode:
    """A fresh one-time code; ``by`` says who asked (the computer, or a paired device's name)."""
    code = "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))
    expires = now + timedelta(minutes=settings.pairing_minutes)
    with store.write() as conn:
        repo.forget_old_codes(conn, now - timedelta(days=1))
        repo.insert_code(conn, digest(code), now, expires)
        audit_repo.append_audit(
            conn, [_audit("pairing_code", by, f"valid until {expires:%H:%M} UTC", now)]
        )
    return PairingCode(code, expires)


def clean_code(text: str) -> str:
    """The digits of a typed code (spaces and dashes are fine)."""
    return re.sub(r"[\s-]", "", text)


def pair(
    store: Store, settings: Settings, code: str, name: str, address: str, now: datetime
) -> Paired:
    """Use up ``code`` and pair a device called ``name``; a wrong code counts as a failure."""
    cleaned, label = clean_code(code), _device_name(name)
    with store.read() as conn:
        in_all, here = failures(conn, ATTEMPT_NAME, address, now - WINDOW)
    if here >= PER_ADDRESS or in_all >= IN_ALL:
        raise TooManyAttemptsError(int(WINDOW.total_seconds()), "code")
    if not re.fullmatch(rf"\d{{{CODE_DIGITS}}}", cleaned):
        _refuse(store, address, now, "is not eight digits")
    token = new_token()
    record = DeviceRecord(
        uuid.uuid4().hex, label, now, now, now + timedelta(days=settings.device_days), None
    )
    with store.write() as conn:
        if not repo.use_code(conn, digest(cleaned), now):
            record_attempt(conn, ATTEMPT_NAME, address, now, False)
            used = False
        else:
            repo.insert_device(conn, record, digest(token))
            record_attempt(conn, ATTEMPT_NAME, address, now, True)
            audit_repo.append_audit(conn, [_audit("device_paired", label, record.id, now)])
            used = True
    if not used:
        raise InvalidInputError(
            [
                Problem(
                    "code",
                    "this code is not right, was used already or has expired",
                    "the eight digits shown on the computer; ask it for a new code",
                )
            ]
        )
    return Paired(record, token)


def _refuse(store: Store, address: str, now: datetime, why: str) -> None:
    with store.write() as conn:
        record_attempt(conn, ATTEMPT_NAME, address, now, False)
    raise InvalidInputError([Problem("code", why, "the eight digits shown on the computer")])


def _device_name(name: str) -> str:
    cleaned = " ".join("".join(c for c in name if c.isprintable()).split())[:NAME_MAX]
    return cleaned or "A device"


def device_for_token(store: Store, token: str | None, now: datetime) -> DeviceRecord | None:
    """The live device this session token belongs to, or None; remembers when it was last used."""
    if not token or len(token) > 200:
        return None
    with store.read() as conn:
        device = repo.device_by_digest(conn, digest(token), now)
    if device is not None and now - device.last_seen_at > timedelta(hours=1):
        with store.write() as conn:  # at most one write an hour per device, not one per request
            repo.touch_device(conn, device.id, now)
    return device


def revoke(store: Store, device_id: str, by: str, now: datetime) -> DeviceRecord:
    """Revoke a device at once (its next request must pair again); audited."""
    with store.write() as conn:
        revoked = repo.revoke_device(conn, device_id, now)
        if revoked is None:
            raise InvalidInputError(
                [
                    Problem(
                        "device", f"no paired device {device_id!r}", "a device listed in Settings"
                    )
                ]
            )
        audit_repo.append_audit(
            conn, [_audit("device_revoked", by, f"{revoked.name} ({device_id})", now)]
        )
    return revoked


def devices_view(store: Store, now: datetime, current: str | None) -> dict[str, Any]:
    """Every device (live ones first) and the recent pairing activity, for Settings."""
    with store.read() as conn:
        found = repo.list_devices(conn)
        activity = repo.device_audit(conn, ACTIONS)
    rows = [
        {
            "id": d.id,
            "name": d.name,
            "paired_at": d.created_at.isoformat(),
            "last_seen_at": d.last_seen_at.isoformat(),
            "expires_at": d.expires_at.isoformat(),
            "revoked_at": d.revoked_at.isoformat() if d.revoked_at else None,
            "live": d.live(now),
            "this_device": d.id == current,
        }
        for d in found
    ]
    rows.sort(key=lambda row: not row["live"])
    return {
        "devices": rows,
        "activity": [
            {
                "at": r.at.isoformat() if hasattr(r.at, "isoformat") else str(r.at),
                "who": r.actor_username,
                "action": r.action,
                "detail": r.detail,
            }
            for r in activity
        ],
    }


def _audit(action: str, who: str, detail: str, now: datetime) -> dict[str, object]:
    """One audit row about devices (personal mode: no account, no person)."""
    return {
        "at": now,
        "actor_id": "device",
        "actor_username": who[:80] or "this computer",
        "actor_role": "device",
        "person_id": None,
        "action": action,
        "detail": detail[:500],
    }
