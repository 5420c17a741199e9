"""The browser interface: FastAPI + Jinja2 + htmx pages and the JSON API under /api."""
