"""`vedette eval segment`: line-level segmentation accuracy on a labelled dev set."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from vedette.cli import error, eval_app, out

DEV_SET = Path(__file__).resolve().parents[2] / "tests" / "data" / "segment"
FolderArgument = typer.Argument(DEV_SET, help="dev set: pages (.txt, .html) each with a NAME.gold label file")


@eval_app.command("segment")
def eval_segment(
    folder: Path = FolderArgument,
    as_json: bool = typer.Option(False, "--json", help="print the metrics as one JSON object"),
) -> None:
    """Segmentation accuracy per line: accuracy, per-label F1 and the comment-as-body error rate."""
    from vedette.segment_eval import dev_pages, evaluate

    if not folder.is_dir() or not dev_pages(folder):
        error(f"{folder}: no labelled pages (NAME.txt or NAME.html with NAME.gold beside it)")
        raise typer.Exit(1)
    try:
        metrics = evaluate(folder)
    except ValueError as problem:
        error(problem)
        raise typer.Exit(1) from None
    if as_json:
        print(json.dumps(metrics))
        return
    out.print(
        f"pages {metrics['pages']}, lines {metrics['lines']}, accuracy {metrics['accuracy']:.4f}, "
        f"comment-as-body {metrics['comment_as_body_rate']:.4f}"
    )
    for label, f1 in metrics["f1"].items():
        out.print(f"  {label:12} F1 {f1:.4f}  (P {metrics['precision'][label]:.4f}, R {metrics['recall'][label]:.4f})")
