"""Clinic-mode tables: accounts, sessions, invitations, grants, login attempts and the audit log.

They share :data:`mgcalm.store.tables.metadata` so one migration history describes the whole
schema. Secrets are never stored as given: session tokens and invitation codes are kept as their
SHA-256 digests and passwords as argon2id hashes, so a copy of the database opens no account.
The audit log has no foreign keys on purpose: it must outlive the accounts and people it names,
and the migration adds triggers that refuse UPDATE and DELETE on it (append-only).
"""

from __future__ import annotations

import sqlalchemy as sa

from mgcalm.store.tables import DIGEST, ID, STAMP, metadata

USERNAME = sa.String(80)
ROLE = sa.String(12)

accounts = sa.Table(
    "accounts",
    metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("username", USERNAME, nullable=False, unique=True),
    sa.Column("display_name", sa.String(120), nullable=False, server_default=""),
    sa.Column("role", ROLE, nullable=False),
    sa.Column("password_hash", sa.String(255), nullable=False),
    # A person account's own person id; the people row appears when they finish onboarding.
    sa.Column("person_id", ID, nullable=True, unique=True),
    sa.Column("created_at", STAMP, nullable=False),
    sa.Column("updated_at", STAMP, nullable=False),
    # The admin who last set this password; NULL once the person sets their own. While set,
    # everything read with the account is audited.
    sa.Column("password_reset_by", USERNAME, nullable=True),
)

clinic_sessions = sa.Table(
    "clinic_sessions",
    metadata,
    sa.Column("id", DIGEST, primary_key=True),
    sa.Column("account_id", ID, sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    sa.Column("created_at", STAMP, nullable=False),
    sa.Column("expires_at", STAMP, nullable=False),
    sa.Index("ix_clinic_sessions_account_id", "account_id"),
)

invitations = sa.Table(
    "invitations",
    metadata,
    sa.Column("code_hash", DIGEST, primary_key=True),
    sa.Column("person_id", ID, sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    sa.Column("created_at", STAMP, nullable=False),
    sa.Column("expires_at", STAMP, nullable=False),
    sa.Column("redeemed_at", STAMP, nullable=True),
    sa.Column("redeemed_by", ID, nullable=True),
    sa.Index("ix_invitations_person_id", "person_id"),
)

grants = sa.Table(
    "grants",
    metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("person_id", ID, sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    sa.Column("clinician_id", ID, sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    sa.Column("created_at", STAMP, nullable=False),
    sa.Column("revoked_at", STAMP, nullable=True),
    sa.Index("ix_grants_clinician_id", "clinician_id"),
    sa.Index("ix_grants_person_id", "person_id"),
)

login_attempts = sa.Table(
    "login_attempts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("username", USERNAME, nullable=False),
    sa.Column("address", sa.String(64), nullable=False),
    sa.Column("at", STAMP, nullable=False),
    sa.Column("succeeded", sa.Boolean, nullable=False),
    sa.Index("ix_login_attempts_username_at", "username", "at"),
    sa.Index("ix_login_attempts_address_at", "address", "at"),
)

audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", STAMP, nullable=False),
    sa.Column("actor_id", ID, nullable=False),
    sa.Column("actor_username", USERNAME, nullable=False),
    sa.Column("actor_role", ROLE, nullable=False),
    sa.Column("person_id", ID, nullable=True),
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("detail", sa.Text, nullable=False, server_default=""),
    sa.Index("ix_audit_log_person_id_at", "person_id", "at"),
)

CLINIC_TABLES = (accounts, clinic_sessions, invitations, grants, login_attempts, audit_log)
