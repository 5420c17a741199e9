"""Regenerate docs/screenshots/: the main pages of the demo at phone size (390×844), light scheme.

Run: .venv/bin/python scripts/screenshots.py — starts `mgcalm serve --demo` on a free port with a
throwaway data folder and drives Debian's chromium (/usr/bin/chromium) through Playwright.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
PAGES = (
    ("today", "/"),
    ("log", "/log"),
    ("checkin", "/log/checkin"),
    ("plan", "/plan"),
    ("progress", "/progress"),
    ("trial", "/trial"),
    ("profile", "/profile"),
    ("devices", "/settings/devices"),
    ("support", "/support"),
)


def free_port() -> int:
    """A port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, seconds: float = 120) -> None:
    """Until the server answers (the demo is seeded first)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/support", timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("mgcalm serve did not start")


def main() -> None:
    """Start the demo server, take each page's screenshot, stop the server."""
    OUT.mkdir(parents=True, exist_ok=True)
    port = free_port()
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "MGCALM_DATA_DIR": data}
        env.pop("MGCALM_DATABASE_URL", None)
        command = [sys.executable, "-m", "mgcalm", "serve", "--demo", "--port", str(port)]
        server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_for(url)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
                )
                page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
                for name, path in PAGES:
                    page.goto(url + path, timeout=90_000)
                    page.screenshot(path=str(OUT / f"{name}.png"), full_page=False)
                    print(f"docs/screenshots/{name}.png")
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
