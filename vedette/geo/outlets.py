"""The outlet's home, inferred from its own articles: its "local lexicon".

A local paper's readers know that "Mansfield" is their Mansfield and "London" their London, Ontario; the
text need not say so (Lieberman, Samet & Sankaranarayanan 2010, "Geotagging with local lexicons"). Like that
paper, vedette infers each outlet's home without supervision: a first pass resolves every document; each
document's resolved places vote (one vote per document, split over its places by their probabilities); and
the outlet's other documents' votes, as shares of the countries, first-level regions and places they name,
become evidence when its documents are resolved again.

Two things keep the home from confirming a mistake. A document never votes for itself (leave-one-out), and
when a name is resolved, the votes that other documents cast through the same name are left out: if the
first pass read "London" as England in every London, Ontario paper story, those readings are one repeated
guess, not evidence. A reading of the same name that went against the name's context-free favourite is
evidence, though: the story's own places overruled the guess. Those readings are the `home_name` feature:
when three of an Ohio paper's stories read "Dublin" as Dublin, Ohio against the Irish capital, the fourth,
which names nothing else, is about that Dublin too. An outlet with one document gets no home; a wire service
or a world news site names places everywhere, so its shares stay small and so does their weight.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple
from urllib.parse import urlsplit

import numpy as np

from vedette.geo.build import distances_km
from vedette.geo.gazetteer import Place
from vedette.geo.names import fold

HOME_KM = 50.0
"""Distance scale of "near the outlet's home": a local paper's places lie within its circulation area."""
AREAS = ("A.PCLI", "L.CONT", "L.RGN")
"""Places too large to lend a point: a country's centre says nothing of where in it the paper is."""
HOME_FEATURES = ("home_country", "home_admin1", "home_near", "home_name")
WORLDWIDE_TLDS = frozenset("ac ai am cc co fm gg im io la ly me nu sh so tk to tv vc ws".split())
"""Country-code domains sold to anyone (.tv, .io, .co, .ly): they say nothing of where the outlet is."""
_HOST = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}$")


def domain_country(address: str | None) -> str | None:
    """ISO-2 country of a web address's country-code domain ("independent.ie" -> "IE", "https://www.bbc.co.uk/x"
    -> "GB"). None for generic domains (.com, .org), domains sold worldwide, and names that are no address."""
    if not address:
        return None
    host = (urlsplit(address if "//" in address else "//" + address.strip()).hostname or "").rstrip(".")
    if not _HOST.match(host):
        return None
    suffix = host.rsplit(".", 1)[-1]
    if len(suffix) != 2 or suffix in WORLDWIDE_TLDS:
        return None
    import pycountry

    code = "GB" if suffix == "uk" else suffix.upper()
    return code if pycountry.countries.get(alpha_2=code) is not None else None


@dataclass
class Votes:
    """Votes for places, summed over documents: by country, by first-level region and by place."""

    mass: float = 0.0
    countries: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    regions: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    places: dict[int, float] = field(default_factory=lambda: defaultdict(float))

    def add(self, place: Place, weight: float) -> None:
        self.mass += weight
        if place.country:
            self.countries[place.country] += weight
        if place.admin1_code:
            self.regions[place.admin1_code] += weight
        self.places[place.id] += weight


_NO_VOTES = Votes()
"""Read only: the votes of a name no document used."""


class Reading(NamedTuple):
    """A resolved mention, as a document tells its outlet's home."""

    surface: str
    place: Place
    probability: float
    against_prior: bool = False
    """The document's context chose this place over the name's context-free favourite."""


@dataclass
class Footprint:
    """One document's votes, in total and by the name (folded) they were cast through; the names it resolved,
    and by name, the probability of each reading that went against the name's context-free favourite."""

    total: Votes = field(default_factory=Votes)
    by_name: dict[str, Votes] = field(default_factory=lambda: defaultdict(Votes))
    overruled: dict[str, dict[int, float]] = field(default_factory=lambda: defaultdict(dict))


def footprint(resolved: Sequence[Reading]) -> Footprint | None:
    """A document's footprint from its readings; None when it has none.

    Each distinct reading counts once, with its best probability: a name repeated ten times is one vote."""
    best: dict[tuple[str, int], Reading] = {}
    for reading in resolved:
        key = (fold(reading.surface), reading.place.id)
        if key not in best or reading.probability > best[key].probability:
            best[key] = reading
    total = sum(r.probability for r in best.values())
    if total <= 0:
        return None
    print_ = Footprint()
    for (name, place_id), reading in best.items():
        print_.total.add(reading.place, reading.probability / total)
        print_.by_name[name].add(reading.place, reading.probability / total)
        if reading.against_prior:
            print_.overruled[name][place_id] = reading.probability
    return print_


@dataclass
class _Outlet:
    """An outlet's votes over all its documents, with the points of the places voted for."""

    votes: Footprint = field(default_factory=Footprint)
    places: dict[int, Place] = field(default_factory=dict)
    documents: int = 0
    naming: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    """Documents that resolved each name."""

    def absorb(self, print_: Footprint, places: dict[int, Place]) -> None:
        self.documents += 1
        for mine, theirs in [(self.votes.total, print_.total)] + [
            (self.votes.by_name[name], votes) for name, votes in print_.by_name.items()
        ]:
            for place_id, weight in theirs.places.items():
                mine.add(places[place_id], weight)
        for name in print_.by_name:
            self.naming[name] += 1
        for name, readings in print_.overruled.items():
            sums = self.votes.overruled[name]
            for place_id, probability in readings.items():
                sums[place_id] = sums.get(place_id, 0.0) + probability
        self.places.update(places)


@dataclass(frozen=True)
class OutletHome:
    """What an outlet's other documents say of its home: the outlet's votes less the document's own."""

    outlet: _Outlet
    own: Footprint

    @property
    def _others(self) -> list[tuple[Votes, float]]:
        """The outlet's votes less the document's own, as (votes, sign) layers."""
        return [(self.outlet.votes.total, 1.0), (self.own.total, -1.0)]

    @cached_property
    def _others_places(self) -> defaultdict[int, float]:
        """`_others` by place: the same for every name the document has, so added up once (`features` then
        takes out the votes cast through the name)."""
        weights: defaultdict[int, float] = defaultdict(float)
        _add_places(weights, self._others)
        return weights

    def features(self, surface: str, places: Sequence[Place]) -> np.ndarray:
        """(places x HOME_FEATURES) for the candidates of a name: the share of the other documents' votes, cast
        through other names, for each place's country, for its first-level region, and for places near it; and
        the share of the other documents that name it whose context overruled the name's favourite for it."""
        name = fold(surface)
        rows = np.zeros((len(places), len(HOME_FEATURES)))
        naming = self.outlet.naming.get(name, 0) - (name in self.own.by_name)
        if naming > 0:
            theirs, mine = self.outlet.votes.overruled.get(name, {}), self.own.overruled.get(name, {})
            for k, place in enumerate(places):
                rows[k, 3] = (theirs.get(place.id, 0.0) - mine.get(place.id, 0.0)) / naming
        through_name = [
            (self.outlet.votes.by_name.get(name, _NO_VOTES), -1.0),
            (self.own.by_name.get(name, _NO_VOTES), 1.0),
        ]
        layers = [*self._others, *through_name]
        mass = sum(sign * votes.mass for votes, sign in layers)
        if mass <= 1e-9 or not places:
            return np.clip(rows, 0.0, 1.0)
        for k, place in enumerate(places):
            rows[k, 0] = sum(sign * votes.countries.get(place.country or "", 0.0) for votes, sign in layers) / mass
            if place.admin1_code:
                rows[k, 1] = sum(sign * votes.regions.get(place.admin1_code, 0.0) for votes, sign in layers) / mass
        weights = self._others_places.copy()
        _add_places(weights, through_name)
        voted = [
            (self.outlet.places[i], w)
            for i, w in weights.items()
            if w > 1e-9 and self.outlet.places[i].feature not in AREAS
        ]
        if voted:
            km = distances_km(
                [p.lat for p in places], [p.lon for p in places], [p.lat for p, _ in voted], [p.lon for p, _ in voted]
            )
            near = (np.exp(-km / HOME_KM) * np.array([w for _, w in voted])[None, :]).sum(axis=1) / mass
            # Areas have no point to be near: their home evidence is the country and region shares.
            rows[:, 2] = np.where([p.feature in AREAS for p in places], 0.0, near)
        return np.clip(rows, 0.0, 1.0)


def _add_places(weights: defaultdict[int, float], layers: list[tuple[Votes, float]]) -> None:
    for votes, sign in layers:
        for place_id, weight in votes.places.items():
            weights[place_id] += sign * weight


def outlet_homes(
    outlets: Sequence[str | None],
    resolved: Sequence[Sequence[Reading]],
    stored: Mapping[str, Sequence[Sequence[Reading]]] | None = None,
) -> list[OutletHome | None]:
    """Each document's outlet home, from the readings of the same outlet's other documents in the last pass and
    of its `stored` documents (outlet -> each stored document's readings). None for a document with no outlet,
    or whose outlet has no other document with a reading."""
    prints = [footprint(readings) for readings in resolved]
    by_outlet: dict[str, _Outlet] = defaultdict(_Outlet)
    present = {outlet for outlet in outlets if outlet}
    for stored_outlet, documents in (stored or {}).items():
        if stored_outlet in present:
            for readings in documents:
                if (stored_print := footprint(readings)) is not None:
                    by_outlet[stored_outlet].absorb(stored_print, _places(readings))
    for outlet, print_, readings in zip(outlets, prints, resolved, strict=True):
        if outlet and print_ is not None:
            by_outlet[outlet].absorb(print_, _places(readings))
    homes: list[OutletHome | None] = []
    for outlet, print_ in zip(outlets, prints, strict=True):
        home = by_outlet.get(outlet or "")
        others = home.documents - (print_ is not None) if home else 0
        homes.append(OutletHome(home, print_ or Footprint()) if home and others > 0 else None)
    return homes


def _places(readings: Sequence[Reading]) -> dict[int, Place]:
    return {reading.place.id: reading.place for reading in readings}
