"""Commands: serve (the web app on this machine) and pair (a code for another device)."""

from __future__ import annotations

import errno
import os
import socket
from pathlib import Path
from typing import Any

import typer

from mgcalm.cli.output import fail

WEB_APP = "mgcalm.web.app:create_app"
#: How long each worker may take to start before the supervisor stops waiting to announce.
WORKER_START_S = 180.0


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.command()(serve)
    app.command()(pair)


def serve(
    host: str = typer.Option(
        "127.0.0.1", envvar="MGCALM_HOST", help="Address to listen on (loopback by default)."
    ),
    port: int = typer.Option(8000, min=1, max=65535, envvar="MGCALM_PORT", help="Port."),
    demo: bool = typer.Option(False, "--demo", help="Use a separate demo database, seeded."),
    certfile: Path | None = typer.Option(None, help="TLS certificate (PEM) to serve https."),
    keyfile: Path | None = typer.Option(None, help="The certificate's private key (PEM)."),
    workers: int = typer.Option(
        1,
        min=1,
        max=64,
        envvar="MGCALM_WORKERS",
        help="App processes sharing the port (several suit a clinic on PostgreSQL).",
    ),
) -> None:
    """Open the mgcalm web app at http://HOST:PORT (private to this machine by default).

    The port is taken first: a busy one exits with code 2 and a hint, before anything starts.
    "mgcalm is running" is printed once the app answers there (with ``--workers N``, once
    every worker has started).
    """
    # Beyond loopback every device must pair first: a one-time code and its QR are printed.
    # Phones give offline use only to secure sites, hence --certfile/--keyfile (docs/phone.md).
    tls = _tls(certfile, keyfile)
    sock = _listening_socket(host, port)
    # The web app reads where it is bound from the settings: its host allow-list and pairing.
    os.environ["MGCALM_HOST"], os.environ["MGCALM_PORT"] = host, str(port)
    if demo:
        from mgcalm.app.demo import prepare_demo

        typer.echo(f"Demo data (a made-up person, 10 weeks): {prepare_demo()}")
    scheme = "https" if tls else "http"
    _announce(scheme)
    # By import string: the CLI and the web app are sibling interfaces and do not import each other.
    run_app(
        sock,
        WEB_APP,
        factory=True,
        host=host,
        port=port,
        log_level="warning",
        workers=workers,
        ssl_certfile=tls.get("ssl_certfile"),
        ssl_keyfile=tls.get("ssl_keyfile"),
    )


def run_app(sock: socket.socket | None, target: str, **options: Any) -> None:
    """Serve ``target`` under uvicorn (``options`` as for ``uvicorn.run``) on the bound socket.

    Runs until stopped (Ctrl+C, SIGTERM); says "mgcalm is running" once the app has started.
    With ``workers`` above 1, uvicorn's supervisor runs that many processes on the one socket
    (each imports ``target`` afresh) and restarts any that dies.
    """
    import uvicorn  # late, like every heavy import here: `mgcalm --help` stays fast

    config = uvicorn.Config(target, **options)
    sockets = None if sock is None else [sock]
    if config.workers > 1:
        _announcing_supervisor(config, address(options), sockets or [config.bind_socket()]).run()
        return
    _announcing_server(config, address(options)).run(sockets=sockets)


def address(options: dict[str, Any]) -> str:
    """The address a person opens, from ``run_app``'s options."""
    scheme = "https" if options.get("ssl_certfile") else "http"
    return f"{scheme}://{_shown(options['host'])}:{options['port']}"


def _announcing_server(config: Any, url: str) -> Any:
    """uvicorn's server, saying "mgcalm is running" only once it really is."""
    import uvicorn

    class Server(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets)
            if self.started:
                typer.echo(f"mgcalm is running at {url} (Ctrl+C to stop).")

    return Server(config)


def _announcing_supervisor(config: Any, url: str, sockets: list[socket.socket]) -> Any:
    """uvicorn's multi-process supervisor, saying "mgcalm is running" once every worker is."""
    from uvicorn.supervisors import Multiprocess

    class Supervisor(Multiprocess):
        def init_processes(self) -> None:
            super().init_processes()
            # Before the supervisor's own loop starts, so no health check runs alongside.
            if all(p.wait_until_ready(WORKER_START_S, self.should_exit) for p in self.processes):
                typer.echo(
                    f"mgcalm is running at {url} with {len(self.processes)} workers "
                    "(Ctrl+C to stop)."
                )

    return Supervisor(config, sockets=sockets)


def _listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` and listening; a busy port or bad address exits 2."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            fail(
                [
                    f"--port: {port} is already in use on {host} (perhaps mgcalm is already "
                    f"running: open http://{_shown(host)}:{port}) (accepted: a free port, "
                    f"e.g. --port {port + 1 if port < 65535 else 8001})"
                ],
                title="Cannot start",
            )
        fail([f"--host: cannot listen on {host}:{port} ({error.strerror or error})"])
    sock.set_inheritable(True)
    return sock


def _tls(certfile: Path | None, keyfile: Path | None) -> dict[str, str]:
    """uvicorn's TLS options; both files or neither, and both readable."""
    if certfile is None and keyfile is None:
        return {}
    problems = []
    for name, path in (("--certfile", certfile), ("--keyfile", keyfile)):
        if path is None:
            problems.append(f"{name}: missing (give --certfile and --keyfile together)")
        elif not path.is_file():
            problems.append(f"{name}: {path} is not a readable file (a PEM file)")
    if problems:
        fail(problems)
    return {"ssl_certfile": str(certfile), "ssl_keyfile": str(keyfile)}


def _shown(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _announce(scheme: str) -> None:
    """Warn about exposure, and print pairing codes when devices must pair."""
    from mgcalm.app.devices.served import pairing_required
    from mgcalm.app.settings import load_settings

    settings = load_settings()
    if settings.clinic_mode:
        if settings.host not in ("127.0.0.1", "localhost", "::1"):
            typer.secho(
                f"Warning: listening on {settings.host}; other machines on the network can reach "
                "the login page. Put mgcalm behind HTTPS (a reverse proxy) before real use.",
                fg=typer.colors.YELLOW,
                err=True,
            )
        return
    if pairing_required(settings):
        typer.echo(
            "mgcalm can be reached from other devices, so each must be paired before it can "
            "open your data (nothing else on the network can read it)."
        )
        _print_codes(scheme, for_this_computer=True)


def _print_codes(scheme: str, *, for_this_computer: bool) -> None:
    """A code (with QR) for a phone, and one more for this computer's own browser."""
    from mgcalm.app.devices.pairing import make_code
    from mgcalm.app.devices.qr import qr_text
    from mgcalm.app.devices.served import phone_address
    from mgcalm.app.settings import load_settings
    from mgcalm.cli.services import services

    settings = load_settings()
    with services() as mg:
        phone = make_code(mg.store, settings, mg.now(), "this computer")
        here = (
            make_code(mg.store, settings, mg.now(), "this computer") if for_this_computer else None
        )
    link = f"{phone_address(settings, scheme)}/pair?code={phone.code}"
    typer.echo(f"\nTo pair your phone: scan this, or open {link}\nand enter {phone.spaced}")
    typer.echo(qr_text(link))
    if here is not None:
        local = f"{scheme}://127.0.0.1:{settings.port}/pair?code={here.code}"
        typer.echo(f"To use mgcalm on this computer: open {local}")
    until = f"{phone.expires_at.astimezone():%H:%M}"
    typer.echo(f"Codes work once, until {until}; `mgcalm pair` makes new ones.\n")


def pair(
    host: str = typer.Option(
        "127.0.0.1", envvar="MGCALM_HOST", help="The address mgcalm serve listens on."
    ),
    port: int = typer.Option(8000, min=1, max=65535, envvar="MGCALM_PORT", help="Its port."),
    https: bool = typer.Option(False, "--https", help="mgcalm serve runs with --certfile."),
) -> None:
    """Print a one-time code (and its QR code) that pairs one more device."""
    os.environ["MGCALM_HOST"], os.environ["MGCALM_PORT"] = host, str(port)
    _print_codes("https" if https else "http", for_this_computer=False)
