"""Clinic-mode settings (environment prefix ``MGCALM_``), beside :mod:`mgcalm.app.settings`.

- ``secure_cookies`` (``MGCALM_SECURE_COOKIES``): ``false``; set ``true`` when the clinic is served
  over https (behind a reverse proxy), so the session cookie is only ever sent encrypted.
- ``session_hours`` (``MGCALM_SESSION_HOURS``): ``12``; a login lasts this long.
- ``login_attempts`` (``MGCALM_LOGIN_ATTEMPTS``): ``5``; failed logins free per username and
  address within ``login_window_minutes`` (four times as many per address, and per username
  across addresses); then growing waits (:mod:`mgcalm.app.clinic.auth`), never a lock-out.
- ``login_window_minutes`` (``MGCALM_LOGIN_WINDOW_MINUTES``): ``15``.
- ``invitation_days`` (``MGCALM_INVITATION_DAYS``): ``7``; how long an invitation code is valid.
- ``argon2_memory_kib`` / ``argon2_time_cost`` (``MGCALM_ARGON2_MEMORY_KIB`` /
  ``MGCALM_ARGON2_TIME_COST``): ``65536`` / ``3``; the argon2id cost (RFC 9106's second
  recommended setting uses 64 MiB).
"""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class ClinicSettings(BaseSettings):
    """How logins, sessions and invitations behave in clinic mode."""

    model_config = SettingsConfigDict(env_prefix="MGCALM_", extra="ignore", frozen=True)

    secure_cookies: bool = Field(False, description="mark the session cookie Secure (https)")
    session_hours: int = Field(12, ge=1, le=24 * 30, description="how long a login lasts")
    login_attempts: int = Field(5, ge=1, le=1000, description="failed logins per window")
    login_window_minutes: int = Field(15, ge=1, le=24 * 60, description="rate-limit window")
    invitation_days: int = Field(7, ge=1, le=90, description="how long an invitation lasts")
    argon2_memory_kib: int = Field(65536, ge=1024, description="argon2id memory cost in KiB")
    argon2_time_cost: int = Field(3, ge=1, le=20, description="argon2id passes")


def load_clinic_settings() -> ClinicSettings:
    """Clinic settings from the environment (read fresh, so tests can change variables)."""
    return ClinicSettings()
