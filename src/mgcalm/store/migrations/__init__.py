"""Alembic migrations for the mgcalm store, shipped inside the package."""
