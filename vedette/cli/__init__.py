"""The `vedette` command line. Thin wrappers: parse options, call the library, print.

`app` and the shared helpers live here; commands live in the sibling modules,
each registering on `app` (or a sub-app such as `gazetteer_app`, `eval_app`).
Every module of this package is imported at start-up, so a new command is a
new module here and nothing else.
"""

from __future__ import annotations

import importlib
import pkgutil

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from vedette import config
from vedette.errors import VedetteError

app = typer.Typer(
    help="vedette: located, attributed, corroborated events from raw conflict reporting.\n\n"
    "Start with `vedette run PATH...` to process files into a store, then `vedette serve` for the map.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
gazetteer_app = typer.Typer(help="Build and inspect the offline gazetteer.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")
eval_app = typer.Typer(
    help="Measure accuracy on gold data and print the standard metrics as JSON.", no_args_is_help=True
)
app.add_typer(eval_app, name="eval")

out = Console()
err = Console(stderr=True)

DbOption = typer.Option(
    config.get("db"), "--db", help="store: a SQLite file path (default vedette.db) or a database URL"
)
JsonOption = typer.Option(False, "--json", help="print JSON instead of a table")


def error(message: object) -> None:
    """One unwrapped line on stderr, so scripts and tests can match it whole."""
    typer.echo(f"Error: {message}", err=True)


def fail(problem: VedetteError) -> None:
    error(problem)
    raise typer.Exit(1)


def progress_bar() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=False,
    )


def clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def main() -> None:
    app()


for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")


if __name__ == "__main__":
    main()
