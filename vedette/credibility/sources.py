"""The source registry: outlets and agencies with country, alignment and a reliability prior.

The bundled registry is `vedette/data/sources.yaml`; `VEDETTE_SOURCES` points at a user's own copy.
Names match ignoring case, accents and punctuation ("Al-Masdar News" = "AlMasdarNews" via aliases).
Outlets not in the registry get the neutral prior and no alignment.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from vedette import config
from vedette.errors import VedetteError
from vedette.geo.names import fold

_FIELDS = frozenset({"name", "aliases", "kind", "country", "alignment", "reliability", "fictional", "note"})


@dataclass(frozen=True)
class SourceInfo:
    name: str
    known: bool
    reliability: float
    kind: str | None = None
    country: str | None = None
    alignment: str | None = None
    fictional: bool = False
    note: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Registry:
    path: str
    neutral: float
    entries: tuple[SourceInfo, ...]

    def lookup(self, name: str | None) -> SourceInfo:
        """What the registry says of an outlet name; unknown names get the neutral prior."""
        if name:
            entry = self._by_key().get(source_key(name))
            if entry is not None:
                return entry
        return SourceInfo(name=name or "", known=False, reliability=self.neutral)

    def knows(self, name: str | None) -> bool:
        return bool(name) and source_key(name or "") in self._by_key()

    def canonical(self, name: str) -> str:
        """The registry's spelling of an outlet, or the name as given."""
        entry = self._by_key().get(source_key(name))
        return entry.name if entry else name.strip()

    def _by_key(self) -> dict[str, SourceInfo]:
        return _index(self)


@lru_cache(maxsize=8)
def _index(registry: Registry) -> dict[str, SourceInfo]:
    table: dict[str, SourceInfo] = {}
    for entry in registry.entries:
        for name in (entry.name, *entry.aliases):
            table[source_key(name)] = entry
    return table


@lru_cache(maxsize=65_536)  # rescoring asks for every member's outlet and credits, over and over
def source_key(name: str) -> str:
    """Outlet names compare folded and without spaces or punctuation: "Al-Masdar News" = "AlMasdar News"."""
    return "".join(ch for ch in fold(name) if ch.isalnum())


def registry_path() -> str:
    return config.get("sources") or str(resources.files("vedette") / "data" / "sources.yaml")


def load_registry(path: str | None = None) -> Registry:
    """The registry at `path` (default: VEDETTE_SOURCES, else the bundled one)."""
    return _load(path or registry_path())


@lru_cache(maxsize=8)
def _load(path: str) -> Registry:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as problem:
        raise VedetteError("V501", path=path, detail=str(problem).splitlines()[0]) from problem
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        raise VedetteError("V501", path=path, detail="expected a mapping with a `sources` list")
    neutral = _prior(data.get("neutral_reliability", 0.5), path, "neutral_reliability")
    entries = []
    for number, item in enumerate(data["sources"], 1):
        if not isinstance(item, dict) or not item.get("name"):
            raise VedetteError("V501", path=path, detail=f"entry {number} has no name")
        unknown = set(item) - _FIELDS
        if unknown:
            raise VedetteError(
                "V501", path=path, detail=f"entry '{item['name']}' has unknown field {sorted(unknown)[0]}"
            )
        entries.append(
            SourceInfo(
                name=str(item["name"]),
                known=True,
                reliability=_prior(item.get("reliability", neutral), path, f"reliability of '{item['name']}'"),
                kind=item.get("kind"),
                country=item.get("country"),
                alignment=item.get("alignment"),
                fictional=bool(item.get("fictional", False)),
                note=item.get("note"),
                aliases=tuple(str(a) for a in item.get("aliases") or ()),
            )
        )
    return Registry(path=path, neutral=neutral, entries=tuple(entries))


def _prior(value: object, path: str, what: str) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        number = -1.0
    if not 0.0 <= number <= 1.0:
        raise VedetteError("V501", path=path, detail=f"{what} must be a number from 0 to 1, not {value!r}")
    return number
