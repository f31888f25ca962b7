"""Alembic environment: run on the connection `vedette.store.migrate` hands over."""

from __future__ import annotations

from alembic import context

from vedette.store import include_in_migrations, schema_metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=schema_metadata(),
    include_object=include_in_migrations,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
