"""Pipeline throughput against the bare spaCy NER bound, per-stage time, peak memory, scaling.

Per-core rates divide documents by CPU seconds of this process (not wall time), so a stage that
happens to use two BLAS threads is not flattered. The NER bound is `nlp.pipe` over the same
texts with the same model and batch size, running only `ner` (which in the `en_core_web_*`
packages embeds its own token encoder; the shared `tok2vec` feeds only tagger and parser). The
model's default pipeline without the parser, a common way to "run NER", is measured beside it.
"""

from __future__ import annotations

import json
import math
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

from vedette import config
from vedette.benchmark.corpus import synthetic_reports, write_jsonl
from vedette.ingest import record_document
from vedette.nlp import load_model
from vedette.pipeline import Pipeline
from vedette.records import Document
from vedette.store import Store


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pipeline_run(docs: int, workdir: Path, batch_size: int) -> dict[str, Any]:
    """Full pipeline (ingest → store) over `docs` synthetic reports, into a fresh store of its own."""
    rundir = Path(tempfile.mkdtemp(prefix=f"run-{docs}-", dir=workdir))  # a second run of one size must not reuse it
    corpus = write_jsonl(rundir / "corpus.jsonl", docs)
    store = Store(rundir / "bench.db")
    pipeline = Pipeline().load()
    wall, cpu = time.perf_counter(), _cpu_seconds()
    summary = pipeline.run([corpus], store, batch_size=batch_size)
    wall, cpu = time.perf_counter() - wall, _cpu_seconds() - cpu
    stages = {name.split(".")[1]: round(s, 3) for name, s in pipeline.cpu_seconds.items()}
    stages["ingest+store+corpus"] = round(cpu - sum(pipeline.cpu_seconds.values()), 3)
    return {
        "docs": summary.stored,
        "seconds": wall,
        "cpu_seconds": cpu,
        "stage_cpu_seconds": stages,
        "events": store.counts()["events"],
    }


def bare_ner(texts: list[str], batch_size: int, without_parser: bool = False) -> dict[str, float]:
    """`nlp.pipe` over `texts` with `ner` alone, or (`without_parser`) with the model's default
    pipeline minus the parser, the usual `spacy.load(model, disable=["parser"])` way to run NER."""
    nlp = load_model()
    pipes = [p for p in nlp.pipe_names if p not in ("parser", "senter")] if without_parser else ["ner"]
    with nlp.select_pipes(enable=pipes):
        list(nlp.pipe(texts[:8]))  # warm-up
        wall, cpu = time.perf_counter(), _cpu_seconds()
        for _ in nlp.pipe(texts, batch_size=batch_size):
            pass
        return {"seconds": time.perf_counter() - wall, "cpu_seconds": _cpu_seconds() - cpu}


def growth_exponent(sizes: list[int], seconds: list[float]) -> float:
    """Least-squares slope of log(time) on log(size): 1.0 is linear."""
    xs, ys = [math.log(s) for s in sizes], [math.log(t) for t in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def run_benchmark(docs: int, scaling: list[int] | None = None, out_dir: Path | None = None) -> dict[str, Any]:
    batch_size = int(config.get("batch_size"))
    with tempfile.TemporaryDirectory(prefix="vedette-bench-") as tmp:
        workdir = Path(tmp)
        run = pipeline_run(docs, workdir, batch_size)
        texts = [
            d.text for d in (record_document(r, "bench") for r in synthetic_reports(docs)) if isinstance(d, Document)
        ]
        ner = bare_ner(texts, batch_size)
        no_parser = bare_ner(texts, batch_size, without_parser=True)
        result: dict[str, Any] = {
            "docs": run["docs"],
            "words_per_doc": round(sum(len(t.split()) for t in texts) / len(texts)),
            "docs_per_s": round(run["docs"] / run["seconds"], 2),
            "docs_per_s_per_core": round(run["docs"] / run["cpu_seconds"], 2),
            "ner_docs_per_s_per_core": round(len(texts) / ner["cpu_seconds"], 2),
            "ner_cpu_seconds": round(ner["cpu_seconds"], 3),
            "stage_cpu_seconds": run["stage_cpu_seconds"],
            "events": run["events"],
        }
        result["ratio_vs_ner"] = round(result["docs_per_s_per_core"] / result["ner_docs_per_s_per_core"], 3)
        result["model_without_parser_docs_per_s_per_core"] = round(len(texts) / no_parser["cpu_seconds"], 2)
        result["ratio_vs_model_without_parser"] = round(
            result["docs_per_s_per_core"] / result["model_without_parser_docs_per_s_per_core"], 3
        )
        if scaling:
            runs = [pipeline_run(size, workdir, batch_size) for size in scaling]
            result["scaling_cpu_seconds"] = {
                str(size): round(r["cpu_seconds"], 2) for size, r in zip(scaling, runs, strict=True)
            }
            result["growth_exponent"] = round(growth_exponent(scaling, [r["cpu_seconds"] for r in runs]), 3)
    result["peak_rss_mb"] = round(_peak_rss_mb(), 1)
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / "latest.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        _plot(result, out_dir / "latest.png")
    return result


def _plot(result: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    panels = 2 if "scaling_cpu_seconds" in result else 1
    figure, axes = plt.subplots(1, panels, figsize=(5 * panels, 3.6), squeeze=False)
    stages = result["stage_cpu_seconds"]
    axes[0][0].barh(list(stages), list(stages.values()), color="#4c72b0")
    axes[0][0].barh(["bare NER (bound)"], [result["ner_cpu_seconds"]], color="#c44e52")
    axes[0][0].set_xlabel("CPU seconds")
    axes[0][0].set_title(
        f"{result['docs']} docs: {result['docs_per_s_per_core']} docs/s/core ({result['ratio_vs_ner']}× bare NER)",
        fontsize=9,
    )
    if "scaling_cpu_seconds" in result:
        sizes = [int(s) for s in result["scaling_cpu_seconds"]]
        axes[0][1].loglog(sizes, list(result["scaling_cpu_seconds"].values()), "o-")
        axes[0][1].set_xlabel("documents")
        axes[0][1].set_ylabel("CPU seconds")
        axes[0][1].set_title(f"growth exponent {result['growth_exponent']}", fontsize=9)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
