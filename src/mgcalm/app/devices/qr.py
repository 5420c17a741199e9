"""QR codes for pairing links: SVG for the Settings page, block characters for the terminal."""

from __future__ import annotations

import io

import segno


def qr_svg(text: str, title: str) -> str:
    """An inline SVG QR code (dark modules on white, no style attributes, so the CSP holds)."""
    out = io.BytesIO()
    code = segno.make(text, error="m")
    code.save(
        out,
        kind="svg",
        xmldecl=False,
        svgns=True,
        nl=False,
        scale=5,
        title=title,
        dark="#000",
        light="#fff",
        svgclass="qr",
        lineclass=None,
    )
    svg = out.getvalue().decode("utf-8")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{title}" ', 1)


def qr_text(text: str) -> str:
    """The QR code drawn with block characters, for a terminal."""
    out = io.StringIO()
    segno.make(text, error="m").terminal(out=out, compact=True)
    return out.getvalue()
