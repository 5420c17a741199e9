"""Commands: serve (the web app on this machine)."""

from __future__ import annotations

import typer

LOOPBACK = ("127.0.0.1", "localhost", "::1")
WEB_APP = "mgcalm.web.app:create_app"


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.command()(serve)


def serve(
    host: str = typer.Option(
        "127.0.0.1", envvar="MGCALM_HOST", help="Address to listen on (loopback by default)."
    ),
    port: int = typer.Option(8000, min=1, max=65535, envvar="MGCALM_PORT", help="Port."),
    demo: bool = typer.Option(False, "--demo", help="Use a separate demo database, seeded."),
) -> None:
    """Open the mgcalm web app at http://HOST:PORT (private to this machine by default)."""
    import uvicorn

    if demo:
        from mgcalm.app.demo import prepare_demo

        typer.echo(f"Demo data (a made-up person, 10 weeks): {prepare_demo()}")
    if host not in LOOPBACK:
        typer.secho(_exposed_warning(host), fg=typer.colors.YELLOW, err=True)
    typer.echo(f"mgcalm is running at http://{host}:{port} (Ctrl+C to stop).")
    # By import string: the CLI and the web app are sibling interfaces and do not import each other.
    uvicorn.run(WEB_APP, factory=True, host=host, port=port, log_level="warning")


def _exposed_warning(host: str) -> str:
    """What listening beyond this machine means, with or without clinic-mode logins."""
    from mgcalm.app.settings import load_settings

    if load_settings().clinic_mode:
        return (
            f"Warning: listening on {host}; other machines on the network can reach the login "
            "page. Put mgcalm behind HTTPS (a reverse proxy) before real use."
        )
    return (
        f"Warning: listening on {host} exposes your health data to other machines on the "
        "network, and without clinic mode there is no login. Use 127.0.0.1 unless you mean it."
    )
