"""`vedette keys create|list|revoke`: API keys for writing (and, when reads are closed, reading) over HTTP."""

from __future__ import annotations

import json

import typer
from rich.table import Table

from vedette.cli import DbOption, JsonOption, app, fail, out
from vedette.errors import VedetteError

keys_app = typer.Typer(help="Create, list and revoke API keys (stored hashed in the store).", no_args_is_help=True)
app.add_typer(keys_app, name="keys")


@keys_app.command("create")
def create(
    name: str = typer.Argument(..., help="a name to tell the key apart, e.g. the analyst or the feeder script"),
    db: str = DbOption,
) -> None:
    """Create an API key and print it once: only its hash is stored."""
    from vedette.api.auth import create_key
    from vedette.store import Store

    try:
        key = create_key(Store(db), name)
    except VedetteError as problem:
        fail(problem)
    print(key)
    typer.echo(
        f"created API key '{name}' in {db}; send it as `Authorization: Bearer KEY` (it is not shown again)", err=True
    )


@keys_app.command("list")
def list_command(db: str = DbOption, as_json: bool = JsonOption) -> None:
    """List API keys: name, first characters, when created and revoked."""
    from vedette.api.auth import list_keys
    from vedette.store import Store

    try:
        keys = list_keys(Store(db, create=False))
    except VedetteError as problem:
        fail(problem)
    if as_json:
        print(json.dumps(keys, indent=2))
        return
    table = Table("name", "key starts", "created", "revoked")
    for key in keys:
        table.add_row(key["name"], key["key_starts"] + "…", key["created_at"], key["revoked_at"] or "")
    out.print(table)


@keys_app.command("revoke")
def revoke(name: str = typer.Argument(..., help="the key's name"), db: str = DbOption) -> None:
    """Revoke an API key: requests sending it are refused from now on."""
    from vedette.api.auth import revoke_key
    from vedette.store import Store

    try:
        revoke_key(Store(db, create=False), name)
    except VedetteError as problem:
        fail(problem)
    typer.echo(f"revoked API key '{name}'", err=True)
