"""The installable app's shell: the web app manifest and the service worker script.

Both are public (they hold no data). The service worker is served from the site's root so its
scope is the whole app; it keeps the shell and the last Today for offline use (see sw.js).
"""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse, Response

from mgcalm.web.render import HERE
from mgcalm.web.routes.base import page_router

pages = page_router()
LIGHT, DARK = "#f7f8f6", "#121816"
THEME = "#1f6f5c"


def manifest() -> dict[str, Any]:
    """The web app manifest: name, icons, start page, standalone display, colours."""
    icons = [
        {
            "src": f"/static/icons/{kind}-{size}.png",
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": "maskable" if kind == "maskable" else "any",
        }
        for kind in ("icon", "maskable")
        for size in (192, 512)
    ]
    return {
        "name": "mgcalm",
        "short_name": "mgcalm",
        "description": "Try magnesium safely and find out honestly whether it helps you.",
        "id": "/",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": LIGHT,
        "theme_color": THEME,
        "icons": icons,
    }


@pages.get("/manifest.webmanifest")
def manifest_file() -> Response:
    """The manifest, as ``application/manifest+json``."""
    return JSONResponse(manifest(), media_type="application/manifest+json")


@pages.get("/sw.js")
def service_worker() -> Response:
    """The service worker script, at the root so it may control every page."""
    script = (HERE / "static" / "sw.js").read_text(encoding="utf-8")
    return Response(script, media_type="text/javascript", headers={"service-worker-allowed": "/"})
