"""Draw the app icons (PNG, for the web app manifest) from the same design as favicon.svg.

Run: .venv/bin/python scripts/make_icons.py — writes src/mgcalm/web/static/icons/*.png.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.patches import Circle, Rectangle

OUT = Path(__file__).resolve().parents[1] / "src" / "mgcalm" / "web" / "static" / "icons"
GREEN, WHITE = "#1f6f5c", "#ffffff"


def draw(size: int, name: str, *, maskable: bool) -> None:
    """One square icon: a calm green disc with 'Mg' (full-bleed green for maskable icons)."""
    fig = plt.figure(figsize=(1, 1), dpi=size)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.axis("off")
    if maskable:  # the launcher crops to its own shape: fill it, keep the text in the safe zone
        ax.add_patch(Rectangle((0, 0), 1, 1, color=GREEN))
    else:
        ax.add_patch(Circle((0.5, 0.5), 0.48, color=GREEN))
    ax.text(
        0.5,
        0.48,
        "Mg",
        color=WHITE,
        ha="center",
        va="center",
        fontsize=72 * (0.26 if maskable else 0.34),
        fontweight="bold",
    )  # points: 1/72 inch
    fig.savefig(OUT / name, dpi=size, transparent=not maskable)
    plt.close(fig)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        draw(size, f"icon-{size}.png", maskable=False)
        draw(size, f"maskable-{size}.png", maskable=True)
