"""Geoparsing throughput (documents per second), with and without spaCy NER, against bare NER.

Usage: .venv/bin/python bench/bench_geo.py [--docs 300] [--corpus ../shared/data/geoparsing/lgl.xml]

Documents: the texts of a gold corpus in the LGL layout (US local news, ~600 words each) when it
is there, with the corpus's outlet (`<domain>`) as their source, else the bundled sample corpus
repeated. Each document is one body segment. Four timings on the same documents in the same run:

- baseline: the NER pass alone (`vedette.nlp.recognise`: tok2vec, ner, senter);
- geoparse: recognition (NER entities + gazetteer scan), resolution and focus on documents whose
  entities are already there, in the pipeline's batches (`vedette.geo.geoparse_batch`, which
  resolves again with each outlet's home), i.e. geoparsing excluding NER;
- geoparse alone: the same, one document at a time (`vedette.geo.geoparse`: no outlet homes), so
  the cost of the outlet-home passes is the ratio of the two;
- NER + geoparse: NER and batch geoparsing one after the other, as the pipeline runs them: the
  sum of the two timings (a second NER pass over the same texts would be flattered by the NER
  stage's cache of recently read paragraphs).

The gazetteer's lookup cache is cleared before each timed geoparse pass, so repeated names across
runs do not flatter the figure. Prints docs/s for each and the ratio geoparse / NER (target: the
geoparser costs less than NER, ratio >= 1.0).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from vedette import config  # noqa: E402
from vedette.geo import geoparse, geoparse_batch, load_gazetteer  # noqa: E402
from vedette.geo.gazetteer import Gazetteer  # noqa: E402
from vedette.nlp import recognise  # noqa: E402
from vedette.records import Document, Segment  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "data" / "geoparsing" / "lgl.xml"


def documents(corpus: Path, count: int) -> list[Document]:
    if corpus.exists():
        from vedette.geo.evaluate import read_corpus

        texts = [(d.text, d.outlet) for d in read_corpus(corpus)[1]]
    else:
        samples = sorted((REPO / "vedette" / "data" / "sample").rglob("*.txt"))
        texts = [(p.read_text(encoding="utf-8"), None) for p in samples]
    texts = (texts * (count // len(texts) + 1))[:count]
    return [
        Document(
            id=str(i), text=t, origin=f"bench:{i}", source=outlet, segments=[Segment(kind="body", start=0, end=len(t))]
        )
        for i, (t, outlet) in enumerate(texts)
    ]


def in_batches(docs: list[Document], gazetteer: Gazetteer) -> None:
    size = int(config.get("batch_size"))
    for offset in range(0, len(docs), size):
        geoparse_batch(docs[offset : offset + size], gazetteer)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    docs = documents(args.corpus, args.docs)
    gazetteer = load_gazetteer()
    list(recognise(docs[:8]))  # load the model before timing
    geoparse(list(recognise(docs[:1]))[0], gazetteer)

    start = time.perf_counter()
    with_entities = list(recognise(docs))
    ner_seconds = time.perf_counter() - start

    gazetteer.candidates.cache_clear()
    start = time.perf_counter()
    in_batches(with_entities, gazetteer)
    geo_seconds = time.perf_counter() - start

    gazetteer.candidates.cache_clear()
    start = time.perf_counter()
    for doc in with_entities:
        geoparse(doc, gazetteer)
    alone_seconds = time.perf_counter() - start

    both_seconds = ner_seconds + geo_seconds

    words = sum(len(d.text.split()) for d in docs)
    print(
        json.dumps(
            {
                "docs": len(docs),
                "words_per_doc": round(words / len(docs)),
                "ner_docs_per_s": round(len(docs) / ner_seconds, 1),
                "geoparse_docs_per_s": round(len(docs) / geo_seconds, 1),
                "geoparse_alone_docs_per_s": round(len(docs) / alone_seconds, 1),
                "ner_and_geoparse_docs_per_s": round(len(docs) / both_seconds, 1),
                "ratio_geoparse_vs_ner": round(ner_seconds / geo_seconds, 2),
                "ratio_batch_vs_alone": round(alone_seconds / geo_seconds, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
