"""Tables for using mgcalm from other devices, and for what is logged before onboarding.

- ``devices``: a paired device's long-lived session. The browser holds a random 256-bit token;
  the table keeps only its SHA-256 digest (as clinic sessions do), so a copy of the database
  opens no session. Revoking sets ``revoked_at``; the row stays so Settings can show it.
- ``pairing_codes``: one-time codes shown on the computer, kept as digests, short-lived.
- ``pending_entries``: entries (a check-in on a first night) made before the person finished
  onboarding; onboarding moves them into ``entries`` under the new person's id. ``owner`` is the
  clinic person id that logged them, or ``""`` for the one person of personal mode.
"""

from __future__ import annotations

import sqlalchemy as sa

from mgcalm.store.tables import DIGEST, ID, STAMP, metadata

devices = sa.Table(
    "devices",
    metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("digest", DIGEST, nullable=False, unique=True),
    sa.Column("name", sa.String(80), nullable=False),
    sa.Column("created_at", STAMP, nullable=False),
    sa.Column("last_seen_at", STAMP, nullable=False),
    sa.Column("expires_at", STAMP, nullable=False),
    sa.Column("revoked_at", STAMP, nullable=True),
)

pairing_codes = sa.Table(
    "pairing_codes",
    metadata,
    sa.Column("digest", DIGEST, primary_key=True),
    sa.Column("created_at", STAMP, nullable=False),
    sa.Column("expires_at", STAMP, nullable=False),
    sa.Column("used_at", STAMP, nullable=True),
)

pending_entries = sa.Table(
    "pending_entries",
    metadata,
    sa.Column("owner", ID, primary_key=True),
    sa.Column("id", ID, primary_key=True),
    sa.Column("kind", sa.String(24), nullable=False),
    sa.Column("document", sa.JSON, nullable=False),
    sa.Column("created_at", STAMP, nullable=False),
)

DEVICE_TABLES = (devices, pairing_codes, pending_entries)
