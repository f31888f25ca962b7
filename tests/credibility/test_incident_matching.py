"""Incident matching rules on hand-made events: distance, provinces, vague places, actors, modes, dates."""

from __future__ import annotations

from datetime import date

from vedette.credibility.incidents import (
    COUNTRY,
    POINT,
    PROVINCE,
    RELATIVE,
    ActorFacts,
    EventFacts,
    IncidentIndex,
    Place,
    assign,
    place_rank,
)

HASAKAH = Place("Al Hasakah", 36.50, 40.75, "SY", "Al-Hasakah Governorate", POINT)
TAL_TAMR = Place("Tall Tamr", 36.65, 40.37, "SY", "Al-Hasakah Governorate", POINT)
HASAKAH_PROVINCE = Place("Al-Hasakah Governorate", 36.5, 40.9, "SY", "Al-Hasakah Governorate", PROVINCE)
SOUTH_OF_HASAKAH = Place("Al Hasakah", 36.50, 40.75, "SY", "Al-Hasakah Governorate", RELATIVE)
DEIR_EZZOR = Place("Deir ez-Zor", 35.34, 40.14, "SY", "Deir ez-Zor Governorate", POINT)
SYRIA = Place("Syria", 35.0, 38.66, "SY", None, COUNTRY)
TURKISH_ARMY = ActorFacts("Turkish army", "TUR", "MIL")
SYRIAN_ARMY = ActorFacts("Syrian Arab Army", "SYR", "MIL")


def _event(
    name: str,
    place: Place | None,
    day: int | None,
    cluster: str | None = None,
    actor=None,
    mode: str | None = None,
    event_type: str = "ASSAULT",
    modality: str = "occurred",
) -> EventFacts:
    return EventFacts(
        id=name,
        doc_id=f"doc-{name}",
        cluster_id=cluster or f"cluster-{name}",
        event_type=event_type,
        modality=modality,
        mode=mode,
        actor=actor,
        place=place,
        day=date(2026, 3, day) if day else None,
    )


def _groups(*events: EventFacts, km: float = 50, days: int = 3) -> list[set[str]]:
    incidents = assign(list(events), IncidentIndex(km, days), km, days)
    return sorted((set(i.event_ids) for i in incidents.values()), key=lambda g: sorted(g))


def test_incident_points_within_distance_and_window_merge() -> None:
    assert _groups(_event("a", HASAKAH, 11), _event("b", TAL_TAMR, 12)) == [{"a", "b"}]


def test_incident_points_too_far_apart_or_too_far_in_time_stay_apart() -> None:
    assert _groups(_event("a", HASAKAH, 11), _event("b", DEIR_EZZOR, 11)) == [{"a"}, {"b"}]
    assert _groups(_event("a", HASAKAH, 1), _event("b", HASAKAH, 11)) == [{"a"}, {"b"}]
    assert _groups(_event("a", HASAKAH, 11), _event("b", TAL_TAMR, 11), km=10) == [{"a"}, {"b"}]


def test_incident_a_province_matches_a_point_inside_it_on_the_same_day_only() -> None:
    assert _groups(_event("a", HASAKAH_PROVINCE, 11), _event("b", HASAKAH, 11)) == [{"a", "b"}]
    assert _groups(_event("a", HASAKAH_PROVINCE, 11), _event("b", HASAKAH, 12)) == [{"a"}, {"b"}]


def test_incident_a_point_seen_from_a_direction_is_as_vague_as_a_province() -> None:
    assert place_rank("P.PPL", "south of") == RELATIVE
    assert _groups(_event("a", HASAKAH, 11), _event("b", SOUTH_OF_HASAKAH, 12)) == [{"a"}, {"b"}]


def test_incident_country_level_or_undated_events_join_only_their_own_cluster() -> None:
    assert _groups(_event("a", HASAKAH, 11), _event("b", SYRIA, 11)) == [{"a"}, {"b"}]
    assert _groups(_event("a", HASAKAH, 11), _event("b", HASAKAH, None)) == [{"a"}, {"b"}]
    assert _groups(_event("a", HASAKAH, 11, cluster="c1"), _event("b", SYRIA, None, cluster="c1")) == [{"a", "b"}]


def test_incident_clashing_actors_modes_types_or_modalities_stay_apart() -> None:
    assert _groups(_event("a", HASAKAH, 11, actor=TURKISH_ARMY), _event("b", HASAKAH, 11, actor=SYRIAN_ARMY)) == [
        {"a"},
        {"b"},
    ]
    assert _groups(
        _event("a", HASAKAH, 11, actor=TURKISH_ARMY), _event("b", HASAKAH, 11, actor=ActorFacts("shells", None, None))
    ) == [{"a", "b"}]
    assert _groups(_event("a", HASAKAH, 11, mode="aerial"), _event("b", HASAKAH, 11, mode="heavy-weapons")) == [
        {"a"},
        {"b"},
    ]
    assert _groups(_event("a", HASAKAH, 11), _event("b", HASAKAH, 11, event_type="PROTEST")) == [{"a"}, {"b"}]
    assert _groups(_event("a", HASAKAH, 11), _event("b", HASAKAH, 11, modality="planned")) == [{"a"}, {"b"}]
    assert _groups(_event("a", HASAKAH, 11), _event("b", HASAKAH, 11, modality="negated")) == [{"a", "b"}]


def test_incident_anchor_keeps_vague_events_from_chaining_distant_incidents() -> None:
    groups = _groups(
        _event("a", HASAKAH, 11, cluster="c1"),
        _event("b", DEIR_EZZOR, 11, cluster="c2"),
        _event("c", SYRIA, 11, cluster="c1"),
    )
    assert groups == [{"a", "c"}, {"b"}]


def test_incident_new_events_join_stored_incidents_through_the_index() -> None:
    index = IncidentIndex(50, 3)
    first = assign([_event("a", HASAKAH, 11)], index, 50, 3)
    second = assign([_event("b", TAL_TAMR, 12)], index, 50, 3)
    assert list(first) == list(second)
    assert next(iter(second.values())).event_ids == ["a", "b"]


def test_incident_one_article_naming_strikes_on_distant_towns_keeps_them_apart() -> None:
    same_article = "cluster-report"
    assert _groups(
        _event("a", HASAKAH, 11, same_article), _event("b", DEIR_EZZOR, 11, same_article)
    ) == [{"a"}, {"b"}]
    # vaguer mentions in the same article still join: the province it lies in, or the country
    assert _groups(
        _event("a", HASAKAH, 11, same_article), _event("b", HASAKAH_PROVINCE, None, same_article)
    ) == [{"a", "b"}]
    assert _groups(_event("a", HASAKAH, 11, same_article), _event("b", SYRIA, 11, same_article)) == [{"a", "b"}]


def test_incident_regions_and_continents_are_as_vague_as_countries() -> None:
    assert [place_rank(f) for f in ("L.RGN", "L.CONT", "A.PCLI", "A.ADM1", "P.PPLC")] == [
        COUNTRY, COUNTRY, COUNTRY, PROVINCE, POINT,
    ]
