"""`vedette eval geo` on small corpora written for these tests, in both gold layouts."""

import json
import math
from pathlib import Path

import pytest

from vedette.geo import load_gazetteer
from vedette.geo.evaluate import (
    MAX_ERROR_KM,
    GoldDocument,
    GoldToponym,
    Scored,
    auc,
    candidates_for,
    coverage,
    read_corpus,
    resolution_metrics,
)
from vedette.geo.gazetteer import Place

TEXT = "Gunmen attacked a checkpoint in Mosul.\n\nOfficials in Baghdad said Iraq would send more troops to Mosul."

LGL = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1">
    <title>Checkpoint attack</title>
    <text><![CDATA[{text}]]></text>
    <toponyms>
      <toponym><phrase>Mosul</phrase><start>{mosul}</start><end>{mosul_end}</end>
        <gaztag geonameid="99072"><name>Mosul</name><fclass>P</fclass><fcode>PPLA</fcode>
          <lat>36.335</lat><lon>43.11889</lon><country geonameid="99237">Iraq</country></gaztag></toponym>
      <toponym><phrase>Baghdad</phrase><start>{baghdad}</start><end>{baghdad_end}</end>
        <gaztag geonameid="98182"><name>Baghdad</name><fclass>P</fclass><fcode>PPLC</fcode>
          <lat>33.34058</lat><lon>44.40088</lon><country geonameid="99237">Iraq</country></gaztag></toponym>
      <toponym><phrase>Iraq</phrase><start>{iraq}</start><end>{iraq_end}</end>
        <gaztag geonameid="99237"><name>Iraq</name><fclass>A</fclass><fcode>PCLI</fcode>
          <lat>33</lat><lon>44</lon></gaztag></toponym>
      <toponym><phrase>checkpoint</phrase><start>{checkpoint}</start><end>{checkpoint_end}</end></toponym>
    </toponyms>
  </article>
</articles>
"""

GEOVIRUS = """<articles>
  <article>
    <source>https://example.org/story</source>
    <text>{text}</text>
    <locations>
      <location><name>Mosul</name><start>{mosul}</start><end>{mosul_end}</end><lat>36.34</lat><lon>43.13</lon>
        <page>https://en.wikipedia.org/wiki/Mosul</page></location>
      <location><name>Baghdad</name><start>{baghdad}</start><end>{baghdad_end}</end><lat>33.33</lat><lon>44.38</lon>
        <page>https://en.wikipedia.org/wiki/Baghdad</page></location>
    </locations>
  </article>
</articles>
"""


def spans(shift: int) -> dict[str, object]:
    """Offsets of the first mention of each name, moved by `shift` (the corpora's quirks)."""
    found: dict[str, object] = {"text": TEXT}
    for name in ("Mosul", "Baghdad", "Iraq", "checkpoint"):
        start = TEXT.index(name) + shift
        found[name.lower()], found[f"{name.lower()}_end"] = start, start + len(name)
    return found


@pytest.fixture
def lgl_file(tmp_path: Path) -> Path:
    path = tmp_path / "tiny-lgl.xml"
    path.write_text(LGL.format(**spans(2)), encoding="utf-8")  # TR-News-style drift: 2 characters late
    return path


@pytest.fixture
def geovirus_file(tmp_path: Path) -> Path:
    path = tmp_path / "tiny-geovirus.xml"
    path.write_text(GEOVIRUS.format(**spans(1)), encoding="utf-8")  # GeoVirus offsets are 1-based
    return path


def test_eval_geo_reads_both_layouts_and_repairs_their_offsets(lgl_file: Path, geovirus_file: Path) -> None:
    layout, docs = read_corpus(lgl_file)
    assert layout == "lgl"
    assert [TEXT[t.start : t.end] for t in docs[0].toponyms] == ["Mosul", "Baghdad", "Iraq", "checkpoint"]
    assert docs[0].toponyms[2].country == "IQ"  # a country's own id gives its code
    assert docs[0].outlet is None  # no <domain>
    layout, docs = read_corpus(geovirus_file)
    assert layout == "geovirus"
    assert [TEXT[t.start : t.end] for t in docs[0].toponyms] == ["Mosul", "Baghdad"]
    assert docs[0].outlet == "example.org"  # the host of <source>


def test_eval_geo_resolve_prints_one_json_object(cli, lgl_file: Path, gazetteer_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = json.loads(cli("eval", "geo", str(lgl_file), "--json").stdout)
    assert result["layout"] == "lgl" and result["mode"] == "resolve"
    assert result["n"] == 3  # the untagged "checkpoint" only counts for recognition
    assert result["acc161"] == 100.0 and result["exact"] == 100.0 and result["country"] == 100.0
    assert result["coverage"] == {"ids": 100.0, "reach161": 100.0, "country": 100.0}
    assert 0 <= result["auc"] < 0.2 and result["median_km"] < 161


def test_eval_geo_geovirus_has_no_ids_to_score(cli, geovirus_file: Path, gazetteer_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = json.loads(cli("eval", "geo", str(geovirus_file), "--json").stdout)
    assert result["n"] == 2 and result["acc161"] == 100.0
    assert result["exact"] is None and result["country"] is None


def test_eval_geo_rejects_a_file_in_neither_layout(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "other.xml"
    path.write_text("<articles><article><body>text</body></article></articles>", encoding="utf-8")
    result = cli("eval", "geo", str(path), "--json", check=False)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        f"Error: [V203] {path}: not a geoparsing gold corpus (articles have neither <toponyms> (LGL) nor <locations> "
        "(GeoVirus)); expected the LGL layout (lgl.xml, TR-News.xml) or the GeoVirus layout"
    )


def test_eval_geo_rejects_an_unknown_mode(cli, lgl_file: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("eval", "geo", str(lgl_file), "--mode", "guess", check=False)
    assert result.returncode == 2
    assert result.stderr.strip() == "Error: unknown --mode 'guess'; use one of: resolve, end2end"


def test_eval_geo_auc_runs_from_0_for_perfect_to_1_for_unresolved() -> None:
    assert auc([0.0, 0.0, 0.0]) == 0.0
    assert auc([MAX_ERROR_KM] * 3) == pytest.approx(1.0, abs=1e-4)
    assert 0 < auc([0.0, 161.0, MAX_ERROR_KM]) < 1
    assert auc([10.0]) == pytest.approx(math.log(11) / math.log(MAX_ERROR_KM))


@pytest.mark.slow
def test_eval_geo_end2end_reports_recognition(cli, lgl_file: Path, gazetteer_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = json.loads(cli("eval", "geo", str(lgl_file), "--mode", "end2end", "--json").stdout)
    assert result["mode"] == "end2end" and result["recognition"] == "full"
    # Gold tags the first "Mosul" only, and the untagged "checkpoint" is a span no geoparser should find.
    assert result["p"] == 75.0 and result["r"] == 75.0
    assert result["n"] == 3 and result["acc161"] == 100.0


def test_eval_geo_errors_file_lists_each_miss_with_its_cause(cli, tmp_path: Path, gazetteer_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "misplaced.xml"
    # The gold puts Baghdad in Pennsylvania: no Baghdad the gazetteer knows is within 161 km of that.
    path.write_text(
        LGL.format(**spans(0)).replace("<lat>33.34058</lat><lon>44.40088</lon>", "<lat>40.0</lat><lon>-75.0</lon>"),
        encoding="utf-8",
    )
    errors = tmp_path / "errors.jsonl"
    result = json.loads(cli("eval", "geo", str(path), "--json", "--errors", str(errors)).stdout)
    assert result["acc161"] == pytest.approx(66.7)
    [miss] = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert miss["doc"] == "1" and miss["phrase"] == "Baghdad" and miss["why"] == "missing"
    assert miss["predicted"]["country"] == "IQ" and miss["right_candidate"] is None
    assert miss["error_km"] > 9000


def test_eval_geo_errors_file_that_cannot_be_written_is_one_error_line(
    cli, lgl_file: Path, gazetteer_path: Path
) -> None:  # type: ignore[no-untyped-def]
    target = lgl_file.parent / "no" / "such" / "e.jsonl"
    result = cli("eval", "geo", str(lgl_file), "--errors", str(target), check=False)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        f"Error: {target}: cannot write the errors file (No such file or directory)"
    )


def test_eval_geo_country_counts_unresolved_toponyms_and_country_resolved_does_not() -> None:
    iraq = Place(1, "Mosul", "geonames", "99072", 36.335, 43.119, "IQ", "Nineveh", "IQ.15", "P.PPL", 1_000_000)
    syria = Place(2, "Homs", "geonames", "169577", 34.727, 36.723, "SY", "Homs", "SY.11", "P.PPL", 700_000)
    scored = [
        Scored(GoldToponym("Mosul", 0, 5, 36.335, 43.119, "99072", "IQ"), iraq),
        Scored(GoldToponym("Homs", 10, 14, 33.0, 44.0, None, "IQ"), syria),
        Scored(GoldToponym("Ar Rutbah", 20, 29, 33.04, 40.28, None, "IQ"), None),
    ]
    metrics = resolution_metrics(scored)
    assert (metrics["country"], metrics["country_resolved"]) == (33.3, 50.0)


def test_eval_geo_landmark_word_left_of_a_phrase_is_no_candidate(gazetteer_path: Path) -> None:
    gazetteer = load_gazetteer(gazetteer_path)
    hartwell = candidates_for(gazetteer, "Lake Hartwell")
    assert hartwell and all(c.place.name == "Hartwell" for c in hartwell)  # not Kagera, once "West Lake Region"
    assert candidates_for(gazetteer, "Court Square") == ()


@pytest.mark.parametrize("street", ["Post Road", "Dublin Center Drive", "W. Bridge St.", "Falcon Street"])
def test_eval_geo_street_is_not_the_town_it_is_named_after(street: str, gazetteer_path: Path) -> None:
    assert candidates_for(load_gazetteer(gazetteer_path), street) == ()


def test_eval_geo_country_coverage_counts_spans_with_a_candidate_in_the_gold_country(gazetteer_path: Path) -> None:
    text = "Rain fell on Mosul and on Xqzzyville."
    gold = [
        GoldToponym("Mosul", 13, 18, 36.335, 43.11889, "99072", "IQ"),
        GoldToponym("Xqzzyville", 26, 36, 36.3, 43.1, None, "IQ"),  # no gazetteer entry: no country to reach
    ]
    result = coverage([GoldDocument("1", text, gold)], load_gazetteer(gazetteer_path))
    assert result["country"] == 50.0 and result["reach161"] == 50.0
