"""The event lexicon (verbs.yaml): every PLOVER type is reachable, errors name the file, the surface filter."""

import pytest

from vedette.errors import VedetteError
from vedette.events.lexicon import PLOVER_TYPES, SurfaceFilter, inflections, lexicon, read_lexicon


def test_events_lexicon_has_verbs_for_all_sixteen_plover_types() -> None:
    lex = lexicon()
    covered = {p.event_type for patterns in lex.verbs.values() for p in patterns}
    assert covered == set(PLOVER_TYPES)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "classes: {}\ntypes:\n  ASSAULT:\n    verbs: ['hit @nothing']\n",
            "[V206] bad.yaml: event dictionary is not valid (pattern 'hit @nothing' names an unknown class @nothing)",
        ),
        (
            "classes: {}\ntypes:\n  FIGHT:\n    verbs: [hit]\n",
            "[V206] bad.yaml: event dictionary is not valid (unknown PLOVER type 'FIGHT')",
        ),
    ],
)
def test_events_lexicon_errors_name_the_file_and_the_entry(text: str, message: str) -> None:
    with pytest.raises(VedetteError) as raised:
        read_lexicon(text, "bad.yaml")
    assert str(raised.value) == message


def test_events_lexicon_inflections_cover_regular_forms() -> None:
    assert {"shell", "shells", "shelled", "shelling"} <= inflections("shell", {})
    assert {"seized", "seizing"} <= inflections("seize", {})
    assert {"carried", "carries"} <= inflections("carry", {})
    assert {"stopped", "stopping"} <= inflections("stop", {})


def test_events_lexicon_surface_filter_needs_every_word_of_a_pattern() -> None:
    lift = frozenset(inflections("lift", {}))
    curfew = frozenset(inflections("curfew", {}))
    fltr = SurfaceFilter([(lift, curfew)])
    assert fltr.matches("Serbia lifted the night curfew.")
    assert not fltr.matches("The crane lifted the container.")
