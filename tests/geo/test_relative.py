import pytest

from vedette.geo.gazetteer import Place
from vedette.geo.relative import REGION_REACH_KM, TOWN_REACH_KM, modifier_before, shifted_point

TOWN = Place(1, "Palmyra", "geonames", "170651", 34.56, 38.28, "SY", "Homs", "SY.11", "P.PPL", 50000)
PROVINCE = Place(2, "Homs Governorate", "geonames", "169575", 34.5, 38.3, "SY", "Homs", "SY.11", "A.ADM1", 0)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("clashes 20 km north of Palmyra", "20 km north of"),
        ("clashes 12 miles south-west of Palmyra", "12 miles south-west of"),
        ("raids in eastern Palmyra", "eastern"),
        ("raids west of the town of Palmyra", "west of the town of"),
        ("the Midwestern Palmyra", None),  # part of a longer word
        ("raids in Palmyra", None),
    ],
)
def test_relative_modifier_is_read_before_the_name(text: str, expected: str | None) -> None:
    assert modifier_before(text, text.index("Palmyra")) == expected


def test_relative_stated_distance_moves_the_point_that_far() -> None:
    lat, lon = shifted_point(TOWN, "20 km north of")
    assert lat == pytest.approx(TOWN.lat + 20 / 111.0, abs=1e-3) and lon == pytest.approx(TOWN.lon)


def test_relative_bare_direction_moves_a_province_further_than_a_town() -> None:
    _, town_lon = shifted_point(TOWN, "eastern")
    _, province_lon = shifted_point(PROVINCE, "eastern")
    assert town_lon > TOWN.lon and province_lon > PROVINCE.lon
    assert (province_lon - PROVINCE.lon) / (town_lon - TOWN.lon) == pytest.approx(
        REGION_REACH_KM / TOWN_REACH_KM, rel=0.05
    )


def test_relative_without_modifier_keeps_the_point() -> None:
    assert shifted_point(TOWN, None) == (TOWN.lat, TOWN.lon)
