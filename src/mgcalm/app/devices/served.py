"""Which host names this server answers for, and whether a device must be paired first.

A page that a browser loaded from an attacker's name can, by DNS rebinding, reach a server on
this machine under that name; answering only the names mgcalm really serves stops it. The names
are the loopback ones, the bound address and any configured with ``MGCALM_ALLOWED_HOSTS``. When
bound to every interface (``0.0.0.0`` or ``::``), any literal IP address counts as well: a
browser that reached mgcalm by its address has that address as its origin, so rebinding cannot
hide behind one.

Pairing is required in personal mode whenever the server binds, or is told to answer for,
anything but loopback (``MGCALM_PAIRING=required`` asks for it always, for a reverse proxy on
this machine that mgcalm cannot see).
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass

from mgcalm.app.settings import Settings

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
WILDCARD_BINDS = frozenset({"0.0.0.0", "::", ""})


def host_name(header: str) -> str:
    """The name in a ``Host`` header, without port or brackets, lower-cased ("" if unreadable)."""
    name = header.strip().lower()
    if name.startswith("["):  # [::1]:8000
        return name[1 : name.find("]")] if "]" in name else ""
    if name.count(":") == 1:
        name = name.split(":", 1)[0]
    return name.rstrip(".")


def _ip(name: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(name)
    except ValueError:
        return None


def is_loopback(name: str) -> bool:
    """True for a loopback name or address: localhost, 127.0.0.0/8, ::1, x.localhost."""
    name = host_name(name) if name else name
    address = _ip(name)
    if address is not None:
        return address.is_loopback
    return name in LOOPBACK_NAMES or name.endswith(".localhost")


def configured_hosts(settings: Settings) -> tuple[str, ...]:
    """The extra names from ``MGCALM_ALLOWED_HOSTS`` (comma or space separated)."""
    words = settings.allowed_hosts.replace(",", " ").split()
    return tuple(host_name(word) for word in words if host_name(word))


def pairing_required(settings: Settings) -> bool:
    """True when the personal server must ask every device to pair first."""
    if settings.clinic_mode:
        return False  # clinic mode has logins of its own
    if settings.pairing == "required":
        return True
    exposed = [settings.host, *configured_hosts(settings)]
    return any(not is_loopback(name) for name in exposed)


@dataclass(frozen=True, slots=True)
class HostPolicy:
    """The host names a server answers for."""

    names: frozenset[str]
    any_address: bool

    def allows(self, header: str) -> bool:
        """True if a request with this ``Host`` header is for this server."""
        name = host_name(header)
        if not name:
            return False
        if name in self.names or is_loopback(name):
            return True
        return self.any_address and _ip(name) is not None


def machine_names() -> frozenset[str]:
    """This machine's own name, as a local network knows it (``name`` and ``name.local``)."""
    name = socket.gethostname().lower()
    short = name.split(".", 1)[0]
    return frozenset({name, short, f"{short}.local"}) if name else frozenset()


def host_policy(settings: Settings) -> HostPolicy:
    """The names the server with these settings answers for."""
    bound = host_name(settings.host) if settings.host else ""
    wildcard = bound in WILDCARD_BINDS
    names = set(LOOPBACK_NAMES) | set(configured_hosts(settings))
    if wildcard:
        names |= machine_names()
    else:
        names.add(bound)
    return HostPolicy(frozenset(names), any_address=wildcard)


def network_address() -> str:
    """This machine's address on the local network as its name resolves, or ``name.local``."""
    name = socket.gethostname()
    try:
        addresses = socket.gethostbyname_ex(name)[2]
    except OSError:
        addresses = []
    for address in addresses:
        if not ipaddress.ip_address(address).is_loopback:
            return address
    return f"{name.split('.', 1)[0].lower()}.local" if name else "localhost"


def phone_address(settings: Settings, scheme: str = "http") -> str:
    """The address a phone would open: a configured name, else this machine's, with the port."""
    configured = [name for name in configured_hosts(settings) if not is_loopback(name)]
    if configured:
        return f"https://{configured[0]}"  # a name in front of mgcalm: a proxy serving https
    bound = host_name(settings.host) if settings.host else ""
    where = network_address() if bound in WILDCARD_BINDS or is_loopback(bound) else bound
    where = f"[{where}]" if ":" in where else where
    return f"{scheme}://{where}:{settings.port}"
