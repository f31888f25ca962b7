"""HTML pages: lines keep the page's order, marked comments become hints, unmarked posts follow a section break."""

from vedette.ingest import html_document
from vedette.records import Document

ARTICLE = (
    "<h1>Gunmen kill council head near Hawija</h1>"
    "<p>Gunmen shot dead the head of a village council near Hawija on Tuesday night, police said.</p>"
    "<p>A police officer said the attackers fired from a passing car as the official left a mosque.</p>"
    "<p>Hawija was one of the last towns in Kirkuk province to be retaken from Islamic State.</p>"
)


def _page(body: str) -> str:
    return f"<html lang='en'><head><title>Gunmen kill council head near Hawija</title></head><body>{body}</body></html>"


def _document(body: str) -> Document:
    doc = html_document(_page(body), "page.html")
    assert doc is not None
    return doc


def _hinted(doc: Document, kind: str) -> list[str]:
    return [doc.text[h.start : h.end] for h in doc.segments if h.kind == kind]


def test_html_unmarked_posts_follow_the_article_after_a_section_break_with_their_names() -> None:
    posts = "".join(
        f"<div class='card'><strong>{name}</strong><p>{text}</p></div>"
        for name, text in [
            ("Abu Omar", "Another official killed and still they say it is finished. Who believes this?"),
            ("Lina", "May God have mercy on him. He helped many families return after the war."),
        ]
    )
    doc = _document(f"<div class='story'>{ARTICLE}</div><div class='extra'>{posts}</div>")
    article, _, posts_text = doc.text.partition("\n\n\n")
    assert article.endswith("to be retaken from Islamic State.")
    assert posts_text.split("\n\n") == [
        "Abu Omar",
        "Another official killed and still they say it is finished. Who believes this?",
        "Lina",
        "May God have mercy on him. He helped many families return after the war.",
    ]
    assert _hinted(doc, "comment") == []  # unmarked: the segmenter decides


def test_html_lines_keep_the_page_order() -> None:
    posts = "".join(
        f"<div class='post'><p>{text}</p></div>"
        for text in ["Who believes this? Nobody in Hawija does.", "May God have mercy on him and his family."]
    )
    doc = _document(f"<div class='main'>{ARTICLE}<div class='posts'>{posts}</div></div>")
    lines = doc.text.split("\n")
    assert lines.index("Who believes this? Nobody in Hawija does.") > lines.index(
        "Hawija was one of the last towns in Kirkuk province to be retaken from Islamic State."
    )


def test_html_schema_org_comments_are_all_hinted_as_comments() -> None:
    comments = "".join(
        f"<div itemprop='comment' itemscope itemtype='https://schema.org/Comment'><span>{name}</span><p>{text}</p></div>"
        for name, text in [("Hamza", "Thirty trucks for four million people."), ("Claire", "Good to see it open.")]
    )
    doc = _document(f"<article>{ARTICLE}<div class='feedback'>{comments}</div></article>")
    [section] = _hinted(doc, "comment")
    assert section.split("\n\n") == [
        "Hamza",
        "Thirty trucks for four million people.",
        "Claire",
        "Good to see it open.",
    ]


def test_html_a_list_of_related_links_is_not_taken_for_posts() -> None:
    related = "".join(
        f"<div class='teaser'><p><a href='/{n}'>{title} as the region waits for news</a></p><p>{summary}</p></div>"
        for n, (title, summary) in enumerate(
            [
                ("Basra exports rise", "Exports rose for the third month in a row."),
                ("Grid losses blamed on old lines", "The ministry blamed lines built in the 1980s."),
            ]
        )
    )
    doc = _document(f"<div class='story'>{ARTICLE}</div><div class='related'>{related}</div>")
    assert "Basra exports rise" not in doc.text
    assert "\n\n\n" not in doc.text
