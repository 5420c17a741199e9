"""Repository: paired devices (sessions kept as token digests) and one-time pairing codes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mgcalm.store.clinic.tables import audit_log
from mgcalm.store.device_tables import devices, pairing_codes
from mgcalm.store.records import as_utc


@dataclass(frozen=True, slots=True)
class DeviceRecord:
    """A paired device as Settings lists it (the token digest stays in the store)."""

    id: str
    name: str
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime
    revoked_at: datetime | None

    def live(self, now: datetime) -> bool:
        """True while the device may still open the app."""
        return self.revoked_at is None and self.expires_at > now


_COLUMNS = (
    devices.c.id,
    devices.c.name,
    devices.c.created_at,
    devices.c.last_seen_at,
    devices.c.expires_at,
    devices.c.revoked_at,
)


def _device(row: Any) -> DeviceRecord:
    revoked = row.revoked_at
    return DeviceRecord(
        row.id,
        row.name,
        as_utc(row.created_at),
        as_utc(row.last_seen_at),
        as_utc(row.expires_at),
        None if revoked is None else as_utc(revoked),
    )


def insert_code(conn: Connection, digest: str, now: datetime, expires: datetime) -> None:
    """Store a new pairing code under its digest."""
    conn.execute(pairing_codes.insert().values(digest=digest, created_at=now, expires_at=expires))


def use_code(conn: Connection, digest: str, now: datetime) -> bool:
    """Mark a live, unused code used; False if it is unknown, used or expired."""
    result = conn.execute(
        pairing_codes.update()
        .where(
            pairing_codes.c.digest == digest,
            pairing_codes.c.used_at.is_(None),
            pairing_codes.c.expires_at > now,
        )
        .values(used_at=now)
    )
    return result.rowcount == 1


def forget_old_codes(conn: Connection, before: datetime) -> None:
    """Delete codes that expired before ``before`` (used or not: they open nothing any more)."""
    conn.execute(pairing_codes.delete().where(pairing_codes.c.expires_at < before))


def insert_device(conn: Connection, record: DeviceRecord, digest: str) -> None:
    """Store a newly paired device under the digest of its session token."""
    conn.execute(
        devices.insert().values(
            id=record.id,
            digest=digest,
            name=record.name,
            created_at=record.created_at,
            last_seen_at=record.last_seen_at,
            expires_at=record.expires_at,
        )
    )


def device_by_digest(conn: Connection, digest: str, now: datetime) -> DeviceRecord | None:
    """The live device holding this session token's digest, in one query."""
    row = conn.execute(
        sa.select(*_COLUMNS).where(
            devices.c.digest == digest, devices.c.revoked_at.is_(None), devices.c.expires_at > now
        )
    ).first()
    return None if row is None else _device(row)


def touch_device(conn: Connection, device_id: str, now: datetime) -> None:
    """Remember when the device was last used."""
    conn.execute(devices.update().where(devices.c.id == device_id).values(last_seen_at=now))


def list_devices(conn: Connection) -> list[DeviceRecord]:
    """Every device ever paired, newest first."""
    rows = conn.execute(sa.select(*_COLUMNS).order_by(devices.c.created_at.desc()))
    return [_device(row) for row in rows]


def revoke_device(conn: Connection, device_id: str, now: datetime) -> DeviceRecord | None:
    """Revoke a live device at once; None if there is no such live device."""
    result = conn.execute(
        devices.update()
        .where(devices.c.id == device_id, devices.c.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    if result.rowcount != 1:
        return None
    row = conn.execute(sa.select(*_COLUMNS).where(devices.c.id == device_id)).one()
    return _device(row)


def device_audit(conn: Connection, actions: Sequence[str], limit: int = 50) -> list[sa.Row]:  # type: ignore[type-arg]
    """The newest audit entries about devices (pairing, revoking, new codes)."""
    statement = (
        sa.select(
            audit_log.c.at, audit_log.c.actor_username, audit_log.c.action, audit_log.c.detail
        )
        .where(audit_log.c.action.in_(list(actions)))
        .order_by(audit_log.c.id.desc())
        .limit(limit)
    )
    return list(conn.execute(statement))
