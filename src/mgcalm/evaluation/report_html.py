"""HTML rendering of a report :class:`Document`: one self-contained page, charts inlined."""

from __future__ import annotations

import base64

import jinja2

from mgcalm.evaluation.report_view import Document

_TEMPLATE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ doc.title }}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 52rem; margin: 1rem auto; padding: 0 1rem;
       line-height: 1.45; color: #1b1b1b; }
h1 { font-size: 1.5rem; margin-bottom: 0.2rem; } h2 { font-size: 1.15rem; margin-top: 1.6rem; }
.subtitle { color: #555; margin-top: 0; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; margin: 0.6rem 0; }
th, td { border: 1px solid #ccc; padding: 0.3rem 0.45rem; text-align: left; vertical-align: top; }
th { background: #f2f4f7; }
figure { margin: 0.8rem 0; } img { max-width: 100%; height: auto; }
figcaption { font-size: 0.85rem; color: #555; }
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
<figure><img src="data:image/png;base64,{{ chart.png | b64 }}" alt="Chart: {{ chart.caption }}">
<figcaption>{{ chart.caption }}</figcaption></figure>
{% endfor %}
</section>
{% endfor %}
</body>
</html>
"""


def _environment() -> jinja2.Environment:
    """A Jinja environment that escapes everything and can inline PNG bytes."""
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters["b64"] = lambda data: base64.b64encode(data).decode("ascii")
    return env


def render_html(doc: Document) -> str:
    """The document as one self-contained HTML page (UTF-8 text)."""
    return _environment().from_string(_TEMPLATE).render(doc=doc)
