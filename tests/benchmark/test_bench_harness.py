import json
from pathlib import Path

import pytest

from vedette.benchmark.corpus import synthetic_reports
from vedette.benchmark.throughput import growth_exponent, pipeline_run


def test_bench_corpus_is_deterministic_500_word_reports() -> None:
    first, again = list(synthetic_reports(40, seed=3)), list(synthetic_reports(40, seed=3))
    assert first == again
    assert len({r["id"] for r in first}) == 40
    originals = [r for r in first if " reports: " not in r["text"]]
    assert all(470 <= len(r["text"].split()) <= 650 for r in originals)


def test_bench_corpus_reprints_copy_an_earlier_report_and_credit_its_outlet() -> None:
    reports = list(synthetic_reports(60, seed=3))
    reprints = [r for r in reports if " reports: " in r["text"]]
    assert 4 <= len(reprints) <= 24
    for reprint in reprints:
        credited, _, copied = reprint["text"].partition(" reports: ")
        first_sentence = copied.split(". ")[0]
        originals = [r for r in reports if r["text"].startswith(first_sentence) and r["source"] == credited]
        assert originals and originals[0]["source"] != reprint["source"]
        assert originals[0]["published"] <= reprint["published"]


def test_bench_corpus_independent_reports_share_few_word_sequences() -> None:
    """Templates must not make every report a near-copy of every other (that would be one giant
    syndication cluster and an unrealistic incident step)."""

    def shingles(text: str) -> set[tuple[str, ...]]:
        words = text.lower().split()
        return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}

    originals = [shingles(r["text"]) for r in synthetic_reports(30, seed=3) if " reports: " not in r["text"]]
    similarities = [len(a & b) / len(a | b) for i, a in enumerate(originals) for b in originals[i + 1 :]]
    assert max(similarities) < 0.3  # the syndication threshold


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


@pytest.mark.slow
def test_bench_runs_of_one_size_each_process_every_document(tmp_path: Path, gazetteer_path: Path) -> None:
    """`--docs 1000 --scaling` times 1,000 documents twice: the second run must not find them all stored."""
    first, second = pipeline_run(4, tmp_path, 4), pipeline_run(4, tmp_path, 4)
    assert first["docs"] == second["docs"] == 4
    assert second["events"] == first["events"] > 0
