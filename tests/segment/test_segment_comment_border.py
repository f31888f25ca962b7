"""Where the article stops and the comments begin on pages without markup: the evidence a reader uses."""

from vedette.records import Document
from vedette.segment import comment_evidence, segment

HEADLINE = "Iraqi parliament delays vote on PMF law"
ARTICLE = [
    "Iraq's parliament postponed a vote on a law regulating the Popular Mobilisation Forces on Monday after "
    "Kurdish and Sunni blocs walked out of the session, lawmakers said.",
    "The draft law would set retirement ages and ranks for the force's members. Critics say it would entrench "
    "the force as a parallel army.",
    "The speaker said the vote would be rescheduled after consultations between the blocs.",
]


def _kinds(paragraphs: list[str]) -> list[tuple[str, str]]:
    text = "\n\n".join([HEADLINE, *paragraphs])
    doc = segment(Document(id="d", text=text, origin="page.txt"))
    return [(s.kind, doc.text[s.start : s.end]) for s in doc.segments if s.kind != "headline"]


def test_segment_a_thread_of_named_reporting_like_comments_is_all_comments() -> None:
    thread = [
        "Nour Salim\nThe walkout was planned before the session began. Both blocs announced in the morning "
        "that they would not vote on the law.",
        "A. Jabbari\nThe same law failed twice before for the same reasons.",
        "kareem_basra\nPostponed means dead until after the elections.",
    ]
    kinds = _kinds(ARTICLE + thread)
    assert [kind for kind, _ in kinds[: len(ARTICLE)]] == ["body"] * len(ARTICLE)
    comments = [(kind, text) for kind, text in kinds[len(ARTICLE) :] if kind == "comment"]
    assert [text.split(".")[0] for _, text in comments] == [
        "The walkout was planned before the session began",
        "The same law failed twice before for the same reasons",
        "Postponed means dead until after the elections",
    ]


def test_segment_short_uncued_posts_after_the_article_are_comments() -> None:
    posts = ["so now the vote is dead too", "what did anyone expect", "They never vote on anything that matters."]
    kinds = _kinds(ARTICLE + posts)
    assert kinds == [("body", p) for p in ARTICLE] + [("comment", p) for p in posts]


def test_segment_an_article_closing_on_background_has_no_comments() -> None:
    closing = "Similar votes have been postponed several times since the force was created in 2014."
    assert _kinds([*ARTICLE, closing]) == [("body", p) for p in [*ARTICLE, closing]]


def test_segment_plain_paragraphs_after_the_tags_line_are_comments() -> None:
    after = [
        "The reopening matters more for the traders than for anyone else. Goods used to take two days to arrive.",
        "Whether the road stays open depends on the section near the river, which has been shelled for years.",
    ]
    kinds = _kinds([*ARTICLE, "Tags: Iraq, parliament, PMF", *after])
    assert kinds[-2:] == [("comment", paragraph) for paragraph in after]


def test_segment_nothing_before_a_comments_header_is_a_comment() -> None:
    bio = "Nadia Farouk is a researcher on local governance."
    kinds = _kinds([*ARTICLE, bio, "2 Comments", "Finally someone says it. Thank you!"])
    assert ("body", bio) in kinds
    assert kinds[-1] == ("comment", "Finally someone says it. Thank you!")


def test_segment_the_paragraph_before_a_share_row_belongs_to_the_article() -> None:
    closing = "The shooting down comes amid stalled talks between the two governments."
    comments = ["Every month a drone, every month a statement.", "The GNU will deny everything as always."]
    kinds = _kinds([*ARTICLE, closing, "Share: Facebook | X | WhatsApp", *comments])
    assert ("body", closing) in kinds
    assert kinds[-2:] == [("comment", c) for c in comments]


def test_segment_a_wider_gap_below_the_article_counts_for_a_border() -> None:
    def comments(gap: str) -> list[str]:
        text = "\n\n".join([HEADLINE, *ARTICLE]) + gap + "Another delay."
        doc = segment(Document(id="d", text=text, origin="page.html"))
        return [doc.text[s.start : s.end] for s in doc.segments if s.kind == "comment"]

    assert comments("\n\n") == []
    assert comments("\n\n\n") == ["Another delay."]


def test_segment_comment_evidence_reads_reactions_generalisations_and_advice() -> None:
    report = "The ministry said on Tuesday that two new crossings would open next month."
    for comment in [
        "Good, the farmers have waited for years.",
        "They always promise and nobody ever delivers.",
        "The government should stop lying to people.",
    ]:
        assert comment_evidence(comment) > comment_evidence(report) + 1.0, comment
