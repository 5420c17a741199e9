"""The browser interface: FastAPI + Jinja2 + htmx pages and the JSON API under /api.

Build it with :func:`mgcalm.web.app.create_app`; ``mgcalm serve`` runs it under uvicorn.
"""
