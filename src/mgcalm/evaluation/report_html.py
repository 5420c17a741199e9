"""HTML rendering of a report :class:`Document`: one self-contained page, charts inline SVG.

The page follows the reader's light or dark colour scheme; the charts' text and axes take the
page's colour, and their data colours switch to lighter ones on a dark background.
"""

from __future__ import annotations

import jinja2
from markupsafe import Markup

from mgcalm.evaluation.chart_svg import CHART_CSS
from mgcalm.evaluation.report_view import Document

_TEMPLATE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ doc.title }}</title>
<style>
:root { color-scheme: light dark; --text: #1b1b1b; --bg: #ffffff; --muted: #555555;
        --border: #cccccc; --head: #f2f4f7; }
@media (prefers-color-scheme: dark) {
  :root { --text: #e8eeeb; --bg: #121816; --muted: #b2c0bb; --border: #3b4a45; --head: #1b2320; }
}
body { font-family: system-ui, sans-serif; max-width: 52rem; margin: 1rem auto; padding: 0 1rem;
       line-height: 1.45; color: var(--text); background: var(--bg); }
a { color: inherit; }
h1 { font-size: 1.5rem; margin-bottom: 0.2rem; } h2 { font-size: 1.15rem; margin-top: 1.6rem; }
.subtitle { color: var(--muted); margin-top: 0; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; margin: 0.6rem 0; }
th, td { border: 1px solid var(--border); padding: 0.3rem 0.45rem; text-align: left;
         vertical-align: top; }
th { background: var(--head); }
figure { margin: 0.8rem 0; overflow-x: auto; }
figcaption { font-size: 0.85rem; color: var(--muted); }
{{ chart_css }}
</style>
</head>
<body>
<header><a href="/support">Support and crisis lines</a></header>
<h1>{{ doc.title }}</h1>
<p class="subtitle">{{ doc.subtitle }}</p>
{% for section in doc.sections %}
<section>
<h2>{{ section.heading }}</h2>
{% for p in section.paragraphs %}<p>{{ p }}</p>
{% endfor %}
{% for table in section.tables %}{% if table.rows %}
<table>
<thead><tr>{% for h in table.header %}<th scope="col">{{ h }}</th>{% endfor %}</tr></thead>
<tbody>
{% for row in table.rows %}<tr>{% for cell in row %}<td>{{ cell }}</td>{% endfor %}</tr>
{% endfor %}</tbody>
</table>
{% endif %}{% endfor %}
{% for chart in section.charts %}
<figure tabindex="0">{{ chart.svg }}
<figcaption>{{ chart.caption }}</figcaption></figure>
{% endfor %}
</section>
{% endfor %}
</body>
</html>
"""


def _environment() -> jinja2.Environment:
    """A Jinja environment that escapes everything."""
    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)


def render_html(doc: Document) -> str:
    """The document as one self-contained HTML page (UTF-8 text)."""
    css = Markup(CHART_CSS)  # a constant of this package, not data
    return _environment().from_string(_TEMPLATE).render(doc=doc, chart_css=css)
