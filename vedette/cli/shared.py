"""Helpers shared by several commands: the gazetteer on first use, reading one document."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from vedette import config
from vedette.cli import error, progress_bar


def ensure_gazetteer_with_progress() -> None:
    from vedette.geo import ensure_gazetteer
    from vedette.geo.build import is_current

    path = Path(config.get("gazetteer"))
    if is_current(path):
        return
    with progress_bar() as progress:
        task = progress.add_task("building gazetteer", total=None)
        ensure_gazetteer(path, lambda source, n: progress.update(task, description=f"gazetteer: {source}", completed=n))


def one_document(path: Path) -> Any:
    from vedette.ingest import read_paths
    from vedette.records import Quarantined

    for item in read_paths([path]):
        if isinstance(item, Quarantined):
            error(item.reason)
            raise typer.Exit(1)
        return item
    error(f"{path}: no document found")
    raise typer.Exit(1)
