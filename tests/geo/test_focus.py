from vedette.geo.focus import focus
from vedette.records import Document, Segment, Toponym

TEXT = (
    "Strikes on Raqqa\n\nDAMASCUS (Reuters) - Jets struck Raqqa and Tabqa on Monday. Officials in Damascus said the "
    "strikes in Raqqa province would go on. Russia and Turkey were also named."
)


def toponym(surface: str, name: str, feature: str, admin1: str, country: str = "SY", nth: int = 0) -> Toponym:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(surface, start + 1)
    segment = "headline" if start < TEXT.index("\n") else "body"
    return Toponym(
        text=surface,
        start=start,
        end=start + len(surface),
        segment=segment,
        name=name,
        source="geonames",
        lat=35.0,
        lon=39.0,
        country=country,
        admin1=admin1,
        feature=feature,
    )


def test_focus_ranks_the_headline_place_first_and_leaves_passing_mentions_out() -> None:
    doc = Document(
        id="f",
        text=TEXT,
        origin="test",
        segments=[
            Segment(kind="headline", start=0, end=TEXT.index("\n")),
            Segment(kind="body", start=TEXT.index("DAMASCUS"), end=len(TEXT)),
        ],
    )
    toponyms = [
        toponym("Raqqa", "Ar Raqqah", "P.PPL", "Raqqa"),
        toponym("DAMASCUS", "Damascus", "P.PPL", "Damascus"),
        toponym("Raqqa", "Ar Raqqah", "P.PPL", "Raqqa", nth=1),
        toponym("Tabqa", "Al-Tabqa", "P.PPL", "Raqqa"),
        toponym("Damascus", "Damascus", "P.PPL", "Damascus"),
        toponym("Raqqa", "Ar-Raqqah Governorate", "A.ADM1", "Raqqa", nth=2),
        toponym("Russia", "Russia", "A.PCLI", "", country="RU"),
        toponym("Turkey", "Turkey", "A.PCLI", "", country="TR"),
    ]
    ranked = focus(doc, toponyms)
    assert ranked[0].name == "Ar Raqqah"
    assert "Russia" not in [f.name for f in ranked] and "Turkey" not in [f.name for f in ranked]
    assert [f.weight for f in ranked] == sorted((f.weight for f in ranked), reverse=True)
