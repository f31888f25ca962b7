"""PostGIS point geometry and spatial indexes on PostgreSQL

Generated columns, so writers stay the same on every backend: `geom` follows `lat`/`lon`.
QGIS and other GIS clients read these tables directly. A no-op on SQLite.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

POINT_TABLES = ("events", "incidents", "toponyms")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    for table in POINT_TABLES:
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN geom geometry(Point, 4326) GENERATED ALWAYS AS "
            "(CASE WHEN lat IS NOT NULL AND lon IS NOT NULL THEN ST_SetSRID(ST_MakePoint(lon, lat), 4326) END) STORED"
        )
        op.execute(f"CREATE INDEX {table}_geom ON {table} USING GIST (geom)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in POINT_TABLES:
        op.execute(f"DROP INDEX IF EXISTS {table}_geom")
        op.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS geom")
