"""Clinic mode: accounts, sessions, invitations, grants, login attempts, append-only audit log.

Revision ID: 0002_clinic
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_clinic"
down_revision = "0001"
branch_labels = None
depends_on = None

ID = sa.String(64)
DIGEST = sa.String(64)
STAMP = sa.DateTime(timezone=True)
USERNAME = sa.String(80)
ROLE = sa.String(12)

# The audit log refuses UPDATE, DELETE and TRUNCATE in the database itself, so not even a bug (or
# a hand-written statement through the app's own connection) can rewrite who saw what.
_PG_APPEND_ONLY = (
    """
    CREATE FUNCTION mgcalm_audit_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'audit_log is append-only';
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION mgcalm_audit_append_only()
    """,
    """
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION mgcalm_audit_append_only()
    """,
)
_SQLITE_APPEND_ONLY = tuple(
    f"""
    CREATE TRIGGER audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END
    """
    for verb in ("UPDATE", "DELETE")
)


def _fk(column: str, target: str, table: str, ondelete: str = "CASCADE") -> sa.ForeignKey:
    return sa.ForeignKey(f"{target}.id", ondelete=ondelete, name=f"fk_{table}_{column}_{target}")


def upgrade() -> None:
    """Create the clinic tables and the audit log's append-only triggers."""
    op.create_table(
        "accounts",
        sa.Column("id", ID, nullable=False),
        sa.Column("username", USERNAME, nullable=False),
        sa.Column("display_name", sa.String(120), nullable=False, server_default=""),
        sa.Column("role", ROLE, nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("person_id", ID, nullable=True),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("updated_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_accounts"),
        sa.UniqueConstraint("username", name="uq_accounts_username"),
        sa.UniqueConstraint("person_id", name="uq_accounts_person_id"),
    )
    op.create_table(
        "clinic_sessions",
        sa.Column("id", DIGEST, nullable=False),
        sa.Column(
            "account_id", ID, _fk("account_id", "accounts", "clinic_sessions"), nullable=False
        ),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("expires_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_clinic_sessions"),
    )
    op.create_index("ix_clinic_sessions_account_id", "clinic_sessions", ["account_id"])
    op.create_table(
        "invitations",
        sa.Column("code_hash", DIGEST, nullable=False),
        sa.Column("person_id", ID, _fk("person_id", "people", "invitations"), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("expires_at", STAMP, nullable=False),
        sa.Column("redeemed_at", STAMP, nullable=True),
        sa.Column("redeemed_by", ID, nullable=True),
        sa.PrimaryKeyConstraint("code_hash", name="pk_invitations"),
    )
    op.create_index("ix_invitations_person_id", "invitations", ["person_id"])
    op.create_table(
        "grants",
        sa.Column("id", ID, nullable=False),
        sa.Column("person_id", ID, _fk("person_id", "people", "grants"), nullable=False),
        sa.Column("clinician_id", ID, _fk("clinician_id", "accounts", "grants"), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("revoked_at", STAMP, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_grants"),
    )
    op.create_index("ix_grants_clinician_id", "grants", ["clinician_id"])
    op.create_index("ix_grants_person_id", "grants", ["person_id"])
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("username", USERNAME, nullable=False),
        sa.Column("address", sa.String(64), nullable=False),
        sa.Column("at", STAMP, nullable=False),
        sa.Column("succeeded", sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_login_attempts"),
    )
    op.create_index("ix_login_attempts_username_at", "login_attempts", ["username", "at"])
    op.create_index("ix_login_attempts_address_at", "login_attempts", ["address", "at"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("at", STAMP, nullable=False),
        sa.Column("actor_id", ID, nullable=False),
        sa.Column("actor_username", USERNAME, nullable=False),
        sa.Column("actor_role", ROLE, nullable=False),
        sa.Column("person_id", ID, nullable=True),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("detail", sa.Text, nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
    )
    op.create_index("ix_audit_log_person_id_at", "audit_log", ["person_id", "at"])
    dialect = op.get_bind().dialect.name
    statements = _PG_APPEND_ONLY if dialect == "postgresql" else _SQLITE_APPEND_ONLY
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    """Drop the clinic tables (the audit log with its triggers)."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE audit_log")
        op.execute("DROP FUNCTION mgcalm_audit_append_only()")
    else:
        op.drop_table("audit_log")
    for table in ("login_attempts", "grants", "invitations", "clinic_sessions", "accounts"):
        op.drop_table(table)
