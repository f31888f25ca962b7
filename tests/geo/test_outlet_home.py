"""The outlet's home inferred from its other documents ("local lexicon"): the votes, and their effect on
resolution in the geoparser, the pipeline's geo stage and `eval geo`."""

import json
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import select

from vedette.geo import geoparse, geoparse_batch, load_gazetteer, outlet_country
from vedette.geo.evaluate import read_corpus, resolve_gold
from vedette.geo.gazetteer import Place
from vedette.geo.outlets import HOME_FEATURES, Reading, domain_country, outlet_homes
from vedette.pipeline import STAGES, Pipeline
from vedette.records import Document, Entity, Segment
from vedette.store import Store, toponyms

COUNTRY, ADMIN1, NEAR, NAME = (
    HOME_FEATURES.index(name) for name in ("home_country", "home_admin1", "home_near", "home_name")
)


def place(id_: int, name: str, country: str, admin1_code: str, lat: float, lon: float) -> Place:
    return Place(id_, name, "test", str(id_), lat, lon, country, None, admin1_code, "P.PPL", 1000)


ASHLAND = place(1, "Ashland", "US", "US.OH", 40.87, -82.32)
SHELBY = place(2, "Shelby", "US", "US.OH", 40.88, -82.66)
MANSFIELD_OHIO = place(3, "Mansfield", "US", "US.OH", 40.76, -82.52)
MANSFIELD_ENGLAND = place(4, "Mansfield", "GB", "GB.ENG", 53.14, -1.2)
LEEDS = place(5, "Leeds", "GB", "GB.ENG", 53.8, -1.55)


def test_outlet_home_comes_from_the_outlets_other_documents_only() -> None:
    homes = outlet_homes(
        ["ledger", "ledger", "ledger"],
        [[Reading("Ashland", ASHLAND, 0.9)], [Reading("Shelby", SHELBY, 0.8)], [Reading("Leeds", LEEDS, 0.9)]],
    )
    # The third document named only Leeds, yet its home is Ohio: it never votes for itself.
    rows = homes[2].features("Mansfield", [MANSFIELD_OHIO, MANSFIELD_ENGLAND])  # type: ignore[union-attr]
    assert np.allclose(rows[:, [COUNTRY, ADMIN1]], [[1.0, 1.0], [0.0, 0.0]])
    assert rows[0, NEAR] > 0.5 > rows[1, NEAR]
    # The first document's home splits between Shelby (Ohio) and Leeds (England), one vote per document.
    first = homes[0].features("Mansfield", [MANSFIELD_OHIO, MANSFIELD_ENGLAND])  # type: ignore[union-attr]
    assert np.allclose(first[:, COUNTRY], [0.5, 0.5])


def test_outlet_with_one_document_or_no_name_has_no_home() -> None:
    homes = outlet_homes(
        ["ledger", "gazette", None, None], [[Reading("Ashland", ASHLAND, 0.9)], [Reading("Shelby", SHELBY, 0.9)]] * 2
    )
    assert homes == [None, None, None, None]


def test_outlet_home_leaves_out_votes_cast_through_the_same_name() -> None:
    """Every other story read "Mansfield" as England (one repeated guess); only Ashland says where the paper is."""
    homes = outlet_homes(
        ["ledger"] * 4,
        [
            [Reading("Mansfield", MANSFIELD_ENGLAND, 0.6)],
            [Reading("Mansfield", MANSFIELD_ENGLAND, 0.6)],
            [Reading("Mansfield", MANSFIELD_ENGLAND, 0.6), Reading("Ashland", ASHLAND, 0.9)],
            [Reading("Mansfield", MANSFIELD_ENGLAND, 0.6)],
        ],
    )
    rows = homes[3].features("Mansfield", [MANSFIELD_OHIO, MANSFIELD_ENGLAND])  # type: ignore[union-attr]
    assert np.allclose(rows[:, COUNTRY], [1.0, 0.0])
    # Another name does hear those votes: England is most of what the outlet's stories named.
    rows = homes[3].features("Leeds", [LEEDS])  # type: ignore[union-attr]
    assert rows[0, COUNTRY] > 0.5


def test_outlet_home_hears_the_same_name_where_context_overruled_its_favourite() -> None:
    """Two other stories read "Mansfield" as Ohio against the name's favourite, one as England with it."""
    homes = outlet_homes(
        ["ledger"] * 4,
        [
            [Reading("Mansfield", MANSFIELD_OHIO, 0.8, against_prior=True)],
            [Reading("Mansfield", MANSFIELD_OHIO, 0.6, against_prior=True)],
            [Reading("Mansfield", MANSFIELD_ENGLAND, 0.7)],
            [Reading("Mansfield", MANSFIELD_ENGLAND, 0.5)],
        ],
    )
    rows = homes[3].features("Mansfield", [MANSFIELD_OHIO, MANSFIELD_ENGLAND])  # type: ignore[union-attr]
    assert np.allclose(rows[:, NAME], [(0.8 + 0.6) / 3, 0.0])  # three other stories name it
    # A story's own overruled reading is no evidence for itself.
    rows = homes[0].features("Mansfield", [MANSFIELD_OHIO, MANSFIELD_ENGLAND])  # type: ignore[union-attr]
    assert np.allclose(rows[:, NAME], [0.6 / 3, 0.0])
    # Nor is it heard through another name.
    assert homes[3].features("Leeds", [LEEDS])[0, NAME] == 0.0  # type: ignore[union-attr]


def document(id_: str, text: str, places: list[str], source: str | None) -> Document:
    entities = [Entity(text=p, start=text.index(p), end=text.index(p) + len(p), label="GPE") for p in places]
    return Document(
        id=id_,
        text=text,
        origin="test",
        source=source,
        entities=entities,
        segments=[Segment(kind="body", start=0, end=len(text))],
    )


BREAK_IN = "Mansfield police arrested two men after a break-in at a hardware store on Tuesday night."
LEDGER = [
    document("a", BREAK_IN, ["Mansfield"], "Richland Ledger"),
    document(
        "b",
        "The Shelby school board voted to close the old gymnasium, and Ashland parents asked for a delay.",
        ["Shelby", "Ashland"],
        "Richland Ledger",
    ),
    document(
        "c",
        "Richland County commissioners met in Lexington to discuss the road levy with Bellville officials.",
        ["Richland County", "Lexington", "Bellville"],
        "Richland Ledger",
    ),
]


def mansfield(doc: Document) -> tuple[str | None, str | None]:
    toponym = next(t for t in doc.toponyms if t.text == "Mansfield")
    return toponym.country, toponym.admin1


def test_geoparse_batch_reads_mansfield_as_the_ohio_outlets_own(gazetteer_path: Path) -> None:
    gazetteer = load_gazetteer(gazetteer_path)
    # Alone, nothing in the story says which Mansfield: the biggest one wins.
    assert mansfield(geoparse(LEDGER[0], gazetteer)) == ("GB", "England")
    parsed = geoparse_batch([*LEDGER, document("d", BREAK_IN, ["Mansfield"], "Another Paper")], gazetteer)
    assert mansfield(parsed[0]) == ("US", "Ohio")
    # The same story from an outlet with no other document in the batch has no home to go by.
    assert mansfield(parsed[3]) == ("GB", "England")


def test_pipeline_geo_stage_resolves_the_batch_together(gazetteer_path: Path) -> None:
    geo_stage = STAGES["vedette.geo.gazetteer.v2"].factory()
    parsed = geo_stage(list(LEDGER))
    assert mansfield(parsed[0]) == ("US", "Ohio")


LGL_WITH_DOMAINS = """<?xml version="1.0" encoding="utf-8"?>
<articles>{articles}</articles>
"""
ARTICLE = """
  <article docid="{key}">
    <domain>{domain}</domain>
    <text><![CDATA[{text}]]></text>
    <toponyms>{toponyms}</toponyms>
  </article>"""
TOPONYM = """
      <toponym><phrase>{phrase}</phrase><start>{start}</start><end>{end}</end>
        <gaztag geonameid="{geonameid}"><name>{phrase}</name><fclass>P</fclass><fcode>PPL</fcode>
          <lat>{lat}</lat><lon>{lon}</lon><country geonameid="6252001">United States</country></gaztag></toponym>"""
GOLD = {
    "Mansfield": (5161803, 40.75839, -82.51545),
    "Shelby": (5165734, 40.88145, -82.66184),
    "Ashland": (5146055, 40.86867, -82.31822),
    "Lexington": (5160315, 40.67867, -82.58239),
    "Bellville": (5146920, 40.62034, -82.51072),
}


def gold_corpus(path: Path, mansfield_domain: str) -> Path:
    articles = []
    for doc in LEDGER:
        domain = mansfield_domain if doc.id == "a" else "richlandledger.example"
        toponyms = "".join(
            TOPONYM.format(
                phrase=name,
                start=doc.text.index(name),
                end=doc.text.index(name) + len(name),
                geonameid=GOLD[name][0],
                lat=GOLD[name][1],
                lon=GOLD[name][2],
            )
            for name in GOLD
            if name in doc.text
        )
        articles.append(ARTICLE.format(key=doc.id, domain=domain, text=doc.text, toponyms=toponyms))
    path.write_text(LGL_WITH_DOMAINS.format(articles="".join(articles)), encoding="utf-8")
    return path


def test_eval_geo_infers_homes_from_the_corpus_domains(tmp_path: Path, gazetteer_path: Path) -> None:
    gazetteer = load_gazetteer(gazetteer_path)
    _, docs = read_corpus(gold_corpus(tmp_path / "same.xml", "richlandledger.example"))
    assert [d.outlet for d in docs] == ["richlandledger.example"] * 3
    scored = {s.gold.phrase: s for s in resolve_gold(docs, gazetteer)}
    assert scored["Mansfield"].place is not None and scored["Mansfield"].place.admin1 == "Ohio"
    _, docs = read_corpus(gold_corpus(tmp_path / "apart.xml", "elsewhere.example"))
    scored = {s.gold.phrase: s for s in resolve_gold(docs, gazetteer)}
    assert scored["Mansfield"].place is not None and scored["Mansfield"].place.country == "GB"


@pytest.mark.parametrize(
    "address, country",
    [
        ("independent.ie", "IE"),
        ("https://www.thelancasterandmorecambecitizen.co.uk/news/1", "GB"),
        ("www.cbc.ca", "CA"),
        ("columbuslocalnews.com", None),  # generic: says nothing of the country
        ("news.example.tv", None),  # a country-code domain sold worldwide
        ("The London Free Press", None),  # a name, not an address
        (None, None),
    ],
)
def test_domain_country_reads_country_code_domains_only(address: str | None, country: str | None) -> None:
    assert domain_country(address) == country


def test_outlet_country_prefers_the_registry_and_ignores_a_wire_services_domain() -> None:
    assert outlet_country("BBC", "https://www.bbc.com/news") == "GB"  # the registry knows the outlet
    assert outlet_country("Reuters", "https://www.reuters.co.uk/x") is None  # a wire service: no home country
    assert outlet_country("Some Local Paper", "https://paper.example.ie/story") == "IE"  # unknown: its domain


def _run(store: Store, path: Path, docs: list[Document]) -> None:
    lines = [json.dumps({"source": d.source, "title": d.id, "text": d.text}) for d in docs]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    stages = ["vedette.segment.rules.v1", "vedette.nlp.spacy_ner.v2", "vedette.geo.gazetteer.v2"]
    Pipeline(stages).run([path], store)


def _stored_mansfield(store: Store) -> tuple[str | None, str | None]:
    with store.engine.connect() as conn:
        row = conn.execute(select(toponyms.c.country, toponyms.c.admin1).where(toponyms.c.text == "Mansfield")).one()
    return row.country, row.admin1


def test_outlet_home_hears_the_outlets_documents_stored_by_earlier_runs(tmp_path: Path, gazetteer_path: Path) -> None:
    """Yesterday's run stored the Ledger's Shelby and Lexington stories; today's brings the Mansfield one alone."""
    store = Store(tmp_path / "v.db")
    _run(store, tmp_path / "yesterday.jsonl", LEDGER[1:])
    history = store.outlet_history(["Richland Ledger", "Another Paper"])
    assert list(history) == ["Richland Ledger"] and {r.text for r in history["Richland Ledger"]} >= {"Shelby"}
    _run(store, tmp_path / "today.jsonl", LEDGER[:1])
    assert _stored_mansfield(store) == ("US", "Ohio")
    # Into an empty store, the same story has nothing to go by.
    fresh = Store(tmp_path / "fresh.db")
    _run(fresh, tmp_path / "today.jsonl", LEDGER[:1])
    assert _stored_mansfield(fresh) == ("GB", "England")
