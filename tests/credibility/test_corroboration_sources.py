"""Independent sources: reprints, clusters and citation chains count once; the score and its explanation."""

from __future__ import annotations

from vedette.credibility.corroboration import Support, corroborate, root_outlet
from vedette.credibility.sources import load_registry


def _support(
    doc: str,
    outlet: str | None,
    cluster: str | None = None,
    upstream: list[str] | None = None,
    cited: list[str] | None = None,
    modality: str = "occurred",
) -> Support:
    return Support(
        event_id=f"e-{doc}",
        doc_id=doc,
        cluster_id=cluster or doc,
        modality=modality,
        outlet=outlet,
        upstream=upstream or [],
        cited=cited or [],
        origin=f"/data/{doc}.txt",
    )


def test_corroboration_three_reprints_of_one_report_are_one_source() -> None:
    result = corroborate(
        [
            _support("orig", "Levant Monitor", cluster="c"),
            _support("r1", "Gulf Dispatch", cluster="c", upstream=["Levant Monitor"]),
            _support("r2", None, cluster="c", upstream=["Levant Monitor"]),
            _support("r3", "Orontes Daily", cluster="c", upstream=["Levant Monitor"]),
        ],
        load_registry(),
    )
    assert result.independent_sources == 1
    assert result.reprints == 3
    assert result.explanation == (
        "1 independent source, 1 alignment; 3 reprints of 1 origin not counted; says occurred: Levant Monitor"
    )


def test_corroboration_a_credited_reprint_outside_the_cluster_still_counts_once() -> None:
    result = corroborate(
        [
            _support("orig", "Levant Monitor"),
            _support("rewritten", "Gulf Dispatch", upstream=["Levant Monitor"]),
        ],
        load_registry(),
    )
    assert result.independent_sources == 1


def test_corroboration_two_unrelated_outlets_are_two_sources_with_a_higher_score() -> None:
    registry = load_registry()
    one = corroborate([_support("a", "Gulf Dispatch")], registry)
    two = corroborate([_support("a", "Gulf Dispatch"), _support("b", None)], registry)
    assert two.independent_sources == 2
    assert two.score > one.score
    assert two.explanation == (
        "2 independent sources, 1 alignment; all say occurred: Gulf Dispatch, unnamed outlet (b.txt)"
    )


def test_corroboration_outlets_relaying_one_agency_are_one_source() -> None:
    registry = load_registry()
    a = _support("a", "Levant Monitor", cited=["SANA"])
    b = _support("b", "Badia Herald", cited=["Syrian Arab News Agency"])
    assert root_outlet(a, registry) == "SANA"
    result = corroborate([a, b], registry)
    assert result.independent_sources == 1
    assert result.sources[0].origin == "SANA"
    assert result.sources[0].alignment == "Syrian state"


def test_corroboration_citing_an_unknown_name_does_not_merge_sources() -> None:
    result = corroborate(
        [_support("a", "Levant Monitor", cited=["Residents"]), _support("b", "Gulf Dispatch", cited=["Residents"])],
        load_registry(),
    )
    assert result.independent_sources == 2


def test_corroboration_disagreeing_modalities_lower_the_score_and_are_explained() -> None:
    registry = load_registry()
    agree = corroborate([_support("a", "Reuters"), _support("b", "TASS")], registry)
    split = corroborate([_support("a", "Reuters"), _support("b", "TASS", modality="negated")], registry)
    assert split.modality_agreement == 0.5
    assert split.score < agree.score
    assert "1 of 2 say" in split.explanation
    assert 0.0 <= split.score <= agree.score <= 1.0


def test_corroboration_diverse_alignments_score_higher_than_one_viewpoint() -> None:
    registry = load_registry()
    same = corroborate([_support("a", "Syrian Observatory for Human Rights"), _support("b", "Enab Baladi")], registry)
    diverse = corroborate([_support("a", "SOHR"), _support("b", "Gulf Dispatch")], registry)
    assert same.alignments == 1 and diverse.alignments == 2
    assert diverse.score > same.score
