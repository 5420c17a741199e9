"""Durable storage: SQLAlchemy tables, repositories, Alembic migrations (SQLite, PostgreSQL)."""
