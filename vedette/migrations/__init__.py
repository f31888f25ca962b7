"""Alembic migrations of the store schema (SQLite and PostgreSQL/PostGIS)."""
