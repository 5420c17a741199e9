"""The one settings object (environment prefix ``MGCALM_``) that feeds the CLI, web app and docs.

- ``data_dir`` (``MGCALM_DATA_DIR``): where data is kept; default the user data directory
  from platformdirs, e.g. ``~/.local/share/mgcalm``.
- ``database_url`` (``MGCALM_DATABASE_URL``): default ``sqlite:///<data_dir>/mgcalm.db``;
  ``postgresql+psycopg://user@host/db`` selects PostgreSQL.
- ``sqlite_synchronous`` (``MGCALM_SQLITE_SYNCHRONOUS``): ``FULL`` (default) makes every commit
  survive power loss; ``NORMAL`` is faster and may lose the last commits.
- ``region`` (``MGCALM_REGION``): ``US``; which reference intakes and crisis lines to show.
- ``host`` / ``port`` (``MGCALM_HOST`` / ``MGCALM_PORT``): ``127.0.0.1`` / ``8000``.
- ``clinic_mode`` (``MGCALM_CLINIC_MODE``): ``false``; one person and no login.
- ``allowed_hosts`` (``MGCALM_ALLOWED_HOSTS``): more host names the server answers for, comma
  separated (a reverse proxy's name); loopback names and the bound address always count.
- ``pairing`` (``MGCALM_PAIRING``): ``auto`` asks for a paired device whenever the personal server
  binds or answers for anything but loopback; ``required`` asks always (a proxy on this machine).
- ``device_days`` (``MGCALM_DEVICE_DAYS``): ``365``; how long a paired device stays paired.
- ``pairing_minutes`` (``MGCALM_PAIRING_MINUTES``): ``15``; how long a pairing code can be used.
- ``exports_apart`` (``MGCALM_EXPORTS_APART``): ``true``; the web app builds PDF reports, FHIR
  bundles and whole-data exports in a helper process at a lower CPU priority, so an export in
  flight never slows Today; ``false`` builds them in the server's own threads.
- ``public_url`` (``MGCALM_PUBLIC_URL``): the address people open mgcalm at, which calendar feed
  addresses are built on (never the request's own Host header, which a client chooses);
  default ``http://<host>:<port>``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from platformdirs import user_data_dir
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DATABASE_FILE = "mgcalm.db"


def default_data_dir() -> Path:
    """The per-user data directory the operating system expects for mgcalm."""
    return Path(user_data_dir("mgcalm", appauthor=False))


class Settings(BaseSettings):
    """Where data lives and how the interfaces run; read from ``MGCALM_*`` variables."""

    model_config = SettingsConfigDict(env_prefix="MGCALM_", extra="ignore", frozen=True)

    data_dir: Path = Field(default_factory=default_data_dir, description="where data is kept")
    database_url: str | None = Field(None, description="a SQLAlchemy URL; empty: SQLite file")
    sqlite_synchronous: Literal["FULL", "NORMAL", "EXTRA"] = Field(
        "FULL", description="SQLite durability: FULL survives power loss, NORMAL may lose the last"
    )
    region: str = Field("US", description="country code for reference intakes and crisis lines")
    host: str = Field("127.0.0.1", description="address mgcalm serve listens on")
    port: int = Field(8000, ge=1, le=65535, description="port mgcalm serve listens on")
    clinic_mode: bool = Field(False, description="many people with logins instead of one")
    allowed_hosts: str = Field("", description="more host names to answer for, comma separated")
    pairing: Literal["auto", "required"] = Field(
        "auto", description="auto: paired devices only when served beyond loopback; required"
    )
    device_days: int = Field(365, ge=1, le=3650, description="how long a device stays paired")
    pairing_minutes: int = Field(15, ge=1, le=24 * 60, description="how long a code is valid")
    exports_apart: bool = Field(
        True, description="web: build PDF reports and FHIR bundles in a helper process"
    )
    public_url: str | None = Field(
        None, description="the address people open mgcalm at (feed addresses are built on it)"
    )

    @property
    def base_url(self) -> str:
        """Where people reach this mgcalm: ``public_url``, else the address it listens on."""
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")

    @property
    def resolved_database_url(self) -> str:
        """The database to open: ``database_url`` if set, else the SQLite file in ``data_dir``."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir.expanduser().resolve() / DATABASE_FILE}"


def load_settings() -> Settings:
    """Settings from the environment (a fresh read each call, so tests can change variables)."""
    return Settings()
