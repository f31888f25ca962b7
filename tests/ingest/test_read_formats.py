import json
from pathlib import Path

from vedette.ingest import read_paths
from vedette.records import Document, Quarantined
from vedette.segment import segment


def _items(*paths: Path) -> list[Document | Quarantined]:
    return list(read_paths(paths))


def test_ingest_text_page_takes_headline_and_dateline(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "Army shells Homs\n\nPosted on March 4, 2026 by Staff\n\nThe army shelled Homs.\n", encoding="utf-8"
    )
    [read] = _items(page)
    assert isinstance(read, Document)
    doc = segment(read)
    assert doc.title == "Army shells Homs"
    assert doc.published is not None and doc.published.date().isoformat() == "2026-03-04"
    assert doc.origin == str(page)


def test_ingest_same_text_gets_same_id(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Same report\n\nBody.", encoding="utf-8")
    b.write_text("Same report\n\nBody.", encoding="utf-8")
    first, second = _items(a, b)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.id == second.id


def test_ingest_html_marks_headline_body_and_comments(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html lang='en'><head><title>Shelling in Homs</title>"
        "<meta property='og:site_name' content='Levant Monitor'>"
        "<meta property='article:published_time' content='2026-03-04T10:00:00Z'></head><body>"
        "<article><h1>Shelling in Homs</h1><p>Government forces shelled the town of Talbiseh north of Homs on "
        "Tuesday, killing three civilians, according to local activists who spoke to the outlet.</p>"
        "<p>The army said it was responding to mortar fire on its positions overnight near the town.</p></article>"
        "<section id='comments'><div class='comment'><p>Terrible news, we must stop this now.</p></div></section>"
        "</body></html>",
        encoding="utf-8",
    )
    [read] = _items(page)
    assert isinstance(read, Document)
    doc = segment(read)
    assert doc.source == "Levant Monitor"
    assert [s.kind for s in doc.segments] == ["headline", "body", "body", "comment"]
    comment = doc.segments[-1]
    assert doc.text[comment.start : comment.end] == "Terrible news, we must stop this now."


def test_ingest_jsonl_keeps_good_records_around_a_broken_line(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    good = {
        "id": "1",
        "title": "T",
        "text": "Army shelled Homs.",
        "source": "Levant Monitor",
        "published": "2026-03-04T10:00:00Z",
    }
    feed.write_text(
        json.dumps(good) + "\n{not json\n" + json.dumps({**good, "text": "Other."}) + "\n", encoding="utf-8"
    )
    items = _items(feed)
    assert [type(i).__name__ for i in items] == ["Document", "Quarantined", "Document"]
    broken = items[1]
    assert isinstance(broken, Quarantined)
    assert broken.reason.startswith(f"[V104] {feed}:2: invalid JSON")
    assert broken.payload == b"{not json"


def test_ingest_record_without_text_names_the_flag_to_fix_it(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"title": "no body"}) + "\n", encoding="utf-8")
    [item] = _items(feed)
    assert isinstance(item, Quarantined)
    assert (
        item.reason == f"[V105] {feed}:1: record has no text field (looked for 'text', 'content', 'body', 'article'); "
        "map one with --map text=COLUMN"
    )


def test_ingest_quarantines_empty_binary_and_non_utf8_files(tmp_path: Path) -> None:
    empty, binary, latin = tmp_path / "empty.txt", tmp_path / "blob.txt", tmp_path / "latin.txt"
    empty.write_bytes(b"")
    binary.write_bytes(b"\x00\x01\x02binary")
    latin.write_bytes("Caf\xe9 bombed".encode("latin-1"))
    reasons = [i.reason for i in _items(empty, binary, latin) if isinstance(i, Quarantined)]
    assert reasons == [
        f"[V101] {empty}: file is empty",
        f"[V103] {binary}: looks binary, not a text, HTML or JSON document",
        f"[V102] {latin}: not UTF-8 text (byte 3); convert the file to UTF-8 first",
    ]


def test_ingest_missing_path_is_quarantined_not_raised(tmp_path: Path) -> None:
    [item] = _items(tmp_path / "nope.txt")
    assert isinstance(item, Quarantined)
    assert item.reason == f"[V109] {tmp_path / 'nope.txt'}: no such file or directory"


def test_ingest_directory_reads_supported_files_in_order(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("B\n\nbody b", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A\n\nbody a", encoding="utf-8")
    (tmp_path / "notes.xyz").write_text("ignored", encoding="utf-8")
    origins = [Path(i.origin).name for i in _items(tmp_path)]
    assert origins == ["a.txt", "b.txt"]
