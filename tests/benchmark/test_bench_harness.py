import json
from pathlib import Path

import pytest

from vedette.benchmark.corpus import synthetic_reports
from vedette.benchmark.throughput import growth_exponent


def test_bench_corpus_is_deterministic_500_word_reports() -> None:
    first, again = list(synthetic_reports(5, seed=3)), list(synthetic_reports(5, seed=3))
    assert first == again
    assert all(470 <= len(r["text"].split()) <= 650 for r in first)
    assert len({r["id"] for r in first}) == 5


def test_bench_growth_exponent_recovers_known_powers() -> None:
    sizes = [1000, 5000, 20000]
    assert growth_exponent(sizes, [s * 0.01 for s in sizes]) == pytest.approx(1.0)
    assert growth_exponent(sizes, [(s**2) * 1e-6 for s in sizes]) == pytest.approx(2.0)


@pytest.mark.slow
def test_bench_cli_prints_the_headline_figures(tmp_path: Path, gazetteer_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    result = json.loads(cli("bench", "--docs", "20", "--json", "--out", str(tmp_path)).stdout)
    for key in ("docs_per_s_per_core", "ner_docs_per_s_per_core", "ratio_vs_ner", "peak_rss_mb", "stage_cpu_seconds"):
        assert key in result
    assert result["docs"] == 20 and result["ratio_vs_ner"] > 0
    assert (tmp_path / "latest.json").exists() and (tmp_path / "latest.png").stat().st_size > 1000
