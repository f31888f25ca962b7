"""Learn the resolver's weights on the train split of the gold corpora.

Run from the repo root: `python scripts/train_geo_resolver.py [CORPUS.xml ...]`
(default: lgl.xml, TR-News.xml and GeoVirus.xml in ../shared/data/geoparsing/).
Only documents of the train split (`vedette.geo.evaluate.GoldDocument.split`) are read; the test split is
never seen. The model is a conditional logit: a softmax over each gold mention's candidate places, with
L2 regularisation, fitted in rounds: first on the context-free features ("prior", which supplies the
context of the next fit), then on all features ("full"). The outlet-home features (`vedette.geo.outlets`)
come, as in `vedette eval geo`, from a first pass with the shipped weights over the train documents: each
document's home is what the same outlet's other train documents point to, and its country is that of the
outlet's country-code domain (`vedette.geo.outlet_country`: LGL and TR-News name each article's domain). Writes
vedette/data/gazetteer/resolver_weights.json.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from vedette.geo import load_gazetteer, outlet_country  # noqa: E402
from vedette.geo.build import distance_km  # noqa: E402
from vedette.geo.evaluate import ACCURACY_KM, gold_mentions, read_corpus  # noqa: E402
from vedette.geo.outlets import outlet_homes  # noqa: E402
from vedette.geo.resolve import FEATURES, PRIOR_FEATURES, choose_with_homes, feature_matrices, readings  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "vedette" / "data" / "gazetteer" / "resolver_weights.json"
SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "geoparsing"
L2 = 0.001
"""Regularisation per training mention: small, the features are few and the mentions many."""


def examples(paths: list[Path]):  # type: ignore[no-untyped-def]
    """(text, mentions, gold candidate index per mention, outlet home, outlet country) for every train-split
    document."""
    gazetteer = load_gazetteer()
    for path in paths:
        _, docs = read_corpus(path)
        train = [d for d in docs if d.split == "train"]
        # The same steps as `resolve_gold`, so training sees the candidates and homes the resolver will see.
        mention_lists = [gold_mentions(doc, gazetteer) for doc in train]
        outlets = [d.outlet for d in train]
        countries = [outlet_country(outlet) for outlet in outlets]
        resolved = choose_with_homes([d.text for d in train], mention_lists, outlets, countries)
        homes = outlet_homes(outlets, [readings(resolutions) for resolutions in resolved])
        for doc, mentions, home, country in zip(train, mention_lists, homes, countries, strict=True):
            pairs = [(m, t) for m, t in zip(mentions, doc.toponyms, strict=True) if m.candidates]
            yield doc.text, [m for m, _ in pairs], [_label(m.candidates, t) for m, t in pairs], home, country


def _label(candidates, toponym) -> int | None:  # type: ignore[no-untyped-def]
    """The candidate with the gold GeoNames id, else the nearest one within 161 km of the gold point."""
    if toponym.lat is None:
        return None
    for i, candidate in enumerate(candidates):
        if (
            toponym.geonameid
            and candidate.place.source == "geonames"
            and candidate.place.source_id == toponym.geonameid
        ):
            return i
    distances = [distance_km(c.place.lat, c.place.lon, toponym.lat, toponym.lon) for c in candidates]
    nearest = int(np.argmin(distances))
    return nearest if distances[nearest] <= ACCURACY_KM else None


def fit(groups: list[tuple[np.ndarray, int]], columns: list[int]) -> np.ndarray:
    """Conditional logit weights over the given feature columns."""
    stacked = np.vstack([matrix[:, columns] for matrix, _ in groups])
    sizes = np.array([len(matrix) for matrix, _ in groups])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    gold = starts + np.array([label for _, label in groups])
    group_of = np.repeat(np.arange(len(groups)), sizes)
    penalty = L2 * len(groups)

    def loss(weights: np.ndarray) -> tuple[float, np.ndarray]:
        scores = stacked @ weights
        peak = np.maximum.reduceat(scores, starts)
        exp = np.exp(scores - peak[group_of])
        totals = np.add.reduceat(exp, starts)
        log_norm = peak + np.log(totals)
        value = -(scores[gold] - log_norm).sum() + penalty * weights @ weights
        probabilities = exp / totals[group_of]
        gradient = stacked.T @ probabilities - stacked[gold].sum(axis=0) + 2 * penalty * weights
        return float(value), gradient

    result = minimize(loss, np.zeros(len(columns)), jac=True, method="L-BFGS-B")
    return result.x


CONTEXT_ROUNDS = 2
"""Passes that lend context: the first scored with prior features only, the next with all features."""


def main(paths: list[Path]) -> None:
    data = list(examples(paths))
    rounds: list[dict[str, float]] = []
    for step in range(CONTEXT_ROUNDS + 1):
        groups = []
        for text, mentions, labels, home, country in data:
            matrices = feature_matrices(mentions, text, rounds, country, home)
            groups += [(m, y) for m, y in zip(matrices, labels, strict=True) if y is not None]
        names = PRIOR_FEATURES if step == 0 else FEATURES
        learned = dict(zip(names, fit(groups, list(range(len(names)))).round(4).tolist(), strict=True))
        rounds.append(learned)
    OUT.write_text(
        json.dumps(
            {
                "about": "conditional-logit weights of vedette.geo.resolve, learned by "
                "scripts/train_geo_resolver.py on the "
                "train split (SHA-1 of the text starts 0-7) of " + ", ".join(p.name for p in paths),
                "trained": date.today().isoformat(),
                "documents": len(data),
                "mentions": len(groups),
                "rounds": rounds[:-1],
                "final": rounds[-1],
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"{len(data)} documents, {len(groups)} mentions -> {OUT}")


if __name__ == "__main__":
    given = [Path(p) for p in sys.argv[1:]]
    main(given or [SHARED / "lgl.xml", SHARED / "TR-News.xml", SHARED / "GeoVirus.xml"])
