"""`vedette serve`: the HTTP API and the map."""

from __future__ import annotations

import typer

from vedette import config
from vedette.cli import DbOption, app, fail, out
from vedette.errors import VedetteError


@app.command()
def serve(
    db: str = DbOption,
    host: str = typer.Option(config.get("host"), "--host", help="address to bind"),
    port: int = typer.Option(int(config.get("port")), "--port", help="port to listen on"),
    get: str | None = typer.Option(
        None, "--get", help="print the response for this path and exit, e.g. /api/events"
    ),
) -> None:
    """Serve the HTTP API and the offline map."""
    from vedette.api import create_app

    try:
        application = create_app(db)
    except VedetteError as problem:
        fail(problem)
    if get:
        from fastapi.testclient import TestClient

        response = TestClient(application).get(get)
        out.print_json(response.text) if "json" in response.headers.get("content-type", "") else print(response.text)
        raise typer.Exit(0 if response.status_code < 400 else 1)
    import uvicorn

    out.print(f"serving at http://{host}:{port}", highlight=False)
    uvicorn.run(application, host=host, port=port, log_level="warning")
