"""The gazetteer: an indexed SQLite file of places and the names they go by.

Built by `vedette.geo.build` from registered sources; read here through
`Gazetteer.candidates(surface)`, which returns every place a surface form may
name, with how the name matched (`name`, `alt`, `alias` or `skeleton`).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from vedette.errors import VedetteError
from vedette.geo.names import GENERIC_WORDS, expanded, fold, skeleton, with_one_article

SKELETON_FEATURES = frozenset({"P.PPL", "P.PPLC", "A.ADM1"})
"""Transliteration skeletons are for town and province names, not airport names."""
MATCH_STRENGTH = {"alias": 1.0, "name": 1.0, "alt": 0.85, "abbr": 0.85, "short": 0.75, "skeleton": 0.6, "fuzzy": 0.5}
FUZZY_MAX_EDITS = 1
"""A misspelling is one typo away ("Days az Zawr" for "Dayr az Zawr"); more lets "Al-Bara" become Basra."""
FUZZY_MIN_LENGTH = 8


_PLACE_COLUMNS = (
    "p.id, p.name, p.source, p.source_id, p.lat, p.lon, p.country, p.admin1, p.admin1_code, p.feature, p.population"
)


@dataclass(frozen=True)
class Place:
    id: int
    name: str
    source: str
    source_id: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    admin1_code: str | None
    feature: str
    population: int


@dataclass(frozen=True)
class Candidate:
    place: Place
    how: str


class Gazetteer:
    def __init__(self, path: Path) -> None:
        if not path.exists():
            raise VedetteError("V201", path=path)
        self.path = path
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._notable: dict[str, list[int]] | None = None
        self._notable_by_end: dict[tuple[int, int, str], list[str]] = {}
        self._near: dict[tuple[int, str, str], list[str]] = {}
        self._countries: dict[str, Place] | None = None
        self.candidates = lru_cache(maxsize=50_000)(self._candidates)

    def _candidates(self, surface: str) -> tuple[Candidate, ...]:
        exact = ("alias", "name", "alt", "abbr", "short")
        # "Mt. Pleasant" is both some places' own spelling and "Mount Pleasant" written short: look up both.
        # "Ras al-Ain" is the "Ras el Ain" a source spells: the names are indexed with one article spelling too.
        spellings = {fold(surface), expanded(surface), with_one_article(surface)}
        skeleton_key = skeleton(surface)
        found: dict[int, Candidate] = {}
        for keys, kinds in ((spellings, exact), ({skeleton_key} if skeleton_key else set(), ("skeleton",))):
            if found:
                break  # a skeleton match is only a fallback for names no source spells this way
            for key in sorted(keys):
                rows = self._db.execute(
                    f"SELECT {_PLACE_COLUMNS}, n.how FROM names n JOIN places p ON p.id = n.place WHERE n.key = ?",
                    (key,),
                ).fetchall()
                for row in rows:
                    if row[11] not in kinds or (row[11] == "skeleton" and row[9] not in SKELETON_FEATURES):
                        continue
                    candidate = Candidate(Place(*row[:11]), row[11])
                    known = found.get(candidate.place.id)
                    if known is None or MATCH_STRENGTH[candidate.how] > MATCH_STRENGTH[known.how]:
                        found[candidate.place.id] = candidate
        key_text = fold(surface)
        tokens = key_text.split()
        if (
            not found
            and len(tokens) > 1
            and len(key_text) >= FUZZY_MIN_LENGTH
            and not GENERIC_WORDS.intersection(tokens)
        ):
            for name, _score, _ in process.extract(
                key_text,
                self._notable_names(key_text),
                scorer=Levenshtein.distance,
                score_cutoff=FUZZY_MAX_EDITS,
                limit=5,
            ):
                for place_id in self._notable_places()[name]:
                    found.setdefault(place_id, Candidate(self._place_by_id(place_id), "fuzzy"))
        return tuple(found.values())

    def _notable_places(self) -> dict[str, list[int]]:
        """Name key -> ids of important places (misspellings of hamlets are noise), read once."""
        if self._notable is None:
            rows = self._db.execute(
                "SELECT n.key, p.id FROM names n JOIN places p ON p.id = n.place"
                " WHERE n.how IN ('name', 'alt', 'short')"
                " AND (p.population >= 100000 OR p.feature IN ('A.PCLI', 'A.ADM1', 'S.AIRB'))"
            ).fetchall()
            notable: dict[str, list[int]] = {}
            for name, place_id in rows:
                if len(name) >= FUZZY_MIN_LENGTH - 1:
                    notable.setdefault(name, []).append(place_id)
            for name in notable:
                self._notable_by_end.setdefault((len(name), 0, name[0]), []).append(name)
                self._notable_by_end.setdefault((len(name), -1, name[-1]), []).append(name)
            self._notable = notable
        return self._notable

    def _notable_names(self, key: str) -> list[str]:
        """Names of important places that one typo could turn into `key`."""
        self._notable_places()
        # One edit changes the length by at most one, and leaves the first or the last letter as it was.
        shape = (len(key), key[0], key[-1])
        if shape not in self._near:
            self._near[shape] = list(
                dict.fromkeys(
                    chain.from_iterable(
                        self._notable_by_end.get((n, end, letter), ())
                        for n in (len(key) - 1, len(key), len(key) + 1)
                        for end, letter in ((0, key[0]), (-1, key[-1]))
                    )
                )
            )
        return self._near[shape]

    def _place_by_id(self, place_id: int) -> Place:
        row = self._db.execute(f"SELECT {_PLACE_COLUMNS} FROM places p WHERE id = ?", (place_id,)).fetchone()
        return Place(*row)

    def place(self, source: str, source_id: str) -> Place | None:
        row = self._db.execute(
            f"SELECT {_PLACE_COLUMNS} FROM places p WHERE source = ? AND source_id = ?", (source, source_id)
        ).fetchone()
        return Place(*row) if row else None

    def country(self, iso2: str) -> Place | None:
        if self._countries is None:
            # Read once: the table has no index on feature, and a scan per call cost ~30 ms.
            rows = self._db.execute(f"SELECT {_PLACE_COLUMNS} FROM places p WHERE feature = 'A.PCLI'").fetchall()
            self._countries = {}
            for row in rows:
                self._countries.setdefault(row[6], Place(*row))
        return self._countries.get(iso2)

    def stats(self) -> list[tuple[str, str, int]]:
        return self._db.execute(
            "SELECT source, feature, count(*) FROM places GROUP BY source, feature ORDER BY source, feature"
        ).fetchall()

    def name_stats(self) -> list[tuple[str, int]]:
        return self._db.execute("SELECT how, count(*) FROM names GROUP BY how ORDER BY count(*) DESC").fetchall()
