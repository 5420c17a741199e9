"""Which account may reach which path in clinic mode (the routes check again, more finely).

The default is the safe one: any path not named here is a person's own data, open only to a
logged-in person, and the person it shows is always the one logged in (never an id from the URL).
"""

from __future__ import annotations

from typing import Literal

from mgcalm.store.clinic.accounts import AccountRecord

Verdict = Literal["allow", "login", "forbid", "refuse", "home"]

# The calendar feed is opened by calendar apps without a login: its private token is the key.
PUBLIC_PREFIXES = ("/login", "/static", "/support", "/api/support", "/calendar")
PUBLIC_EXACT = ("/openapi.json",)
# Any logged-in account; the routes there decide by role and grant.
ACCOUNT_PREFIXES = ("/logout", "/account", "/api/account", "/clinic", "/api/clinic")
ADMIN_PREFIXES = ("/admin", "/api/admin")
ADMIN_EXACT: tuple[str, ...] = ()
# Deleting everything would delete every person of the clinic, and exporting or backing up
# everything would hand every person's data to whoever asked, unaudited: pg_dump does backups.
REFUSED = (
    "/settings/delete",
    "/api/delete",
    "/settings/export",
    "/settings/backup",
    "/api/export",
    "/api/backup",
)
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def verdict(path: str, method: str, account: AccountRecord | None) -> Verdict:
    """What to do with a request for ``path`` by ``account`` (None: not logged in)."""
    if path in PUBLIC_EXACT or under(path, PUBLIC_PREFIXES):
        return "allow"
    if account is None:
        return "login"
    if under(path, REFUSED):
        return "refuse"
    if under(path, ACCOUNT_PREFIXES):
        return "allow"
    if under(path, ADMIN_PREFIXES) or path in ADMIN_EXACT or _settings_write(path, method):
        return "allow" if account.role == "admin" else "forbid"
    if account.role == "person" and account.person_id:
        return "allow"
    return "home" if path == "/" else "forbid"


def under(path: str, prefixes: tuple[str, ...]) -> bool:
    """True if ``path`` is one of ``prefixes`` or below one (``/clinic/x``, not ``/clinicx``)."""
    return any(path == p or path.startswith(p + "/") for p in prefixes)


def _settings_write(path: str, method: str) -> bool:
    """Region and units are the clinic's, so only an admin changes them."""
    return method in UNSAFE and path in ("/settings", "/api/settings")


def home_of(account: AccountRecord) -> str:
    """Where an account lands after login."""
    return {"clinician": "/clinic", "admin": "/admin"}.get(account.role, "/")
