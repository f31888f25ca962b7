"""Event dates resolved against the publication date."""

from datetime import datetime

import pytest

from vedette.events.dates import resolve_date

TUESDAY = datetime(2026, 3, 3, 10, 0)


@pytest.mark.parametrize(
    ("sentence", "planned", "expected"),
    [
        ("Troops detained three suspects on Tuesday morning.", False, "2026-03-03"),
        ("Gunmen attacked the post on Sunday night.", False, "2026-03-01"),
        ("The delegations will meet on Saturday.", True, "2026-03-07"),
        ("The army moved two brigades in January.", False, "2026-01-01"),
        ("The council met last week.", False, "2026-02-24"),
        ("They attacked yesterday.", False, "2026-03-02"),
        ("Hospitals could run out of medicines by April.", False, "2026-03-03"),
        ("They may attack soon.", False, "2026-03-03"),
    ],
)
def test_events_dates_relative_to_publication(sentence: str, planned: bool, expected: str) -> None:
    assert resolve_date(sentence, 0, TUESDAY, planned=planned) == expected


def test_events_dates_without_publication_date_are_unknown() -> None:
    assert resolve_date("They attacked on Monday.", 0, None) is None
