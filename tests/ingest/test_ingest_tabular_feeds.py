"""CSV/JSONL field mapping and dates, RSS/Atom, WARC, .gz, globs and stdin."""

import gzip
import io
import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from vedette.ingest import IngestOptions, parse_mapping, parse_time, read_paths
from vedette.records import Document, Quarantined

REPO = Path(__file__).resolve().parents[2]
ARTICLE = (
    "Government forces shelled the town of Talbiseh north of Homs on Tuesday, killing three civilians, "
    "according to local activists who spoke to the outlet."
)


def _read(*paths: Path, columns: dict[str, str] | None = None) -> list[Document | Quarantined]:
    return list(read_paths(paths, IngestOptions(columns=columns or {})))


def test_ingest_csv_maps_columns_named_on_the_command_line(tmp_path: Path) -> None:
    sheet = tmp_path / "reports.csv"
    sheet.write_text(
        f'unit_id,article_title,article_content,outlet,date\n77,Shelling in Homs,"{ARTICLE}",Levant Monitor,4/5/2017\n',
        encoding="utf-8",
    )
    mapping = parse_mapping(
        ["text=article_content", "title=article_title", "source=outlet", "published=date", "id=unit_id"]
    )
    [doc] = _read(sheet, columns=mapping)
    assert isinstance(doc, Document)
    assert (doc.title, doc.source, doc.origin) == ("Shelling in Homs", "Levant Monitor", f"{sheet}:2#77")
    assert doc.published == datetime(2017, 4, 5)
    assert doc.text == f"Shelling in Homs\n\n{ARTICLE}"
    assert doc.language == "en"


@pytest.mark.parametrize(("order", "expected"), [("MDY", datetime(2017, 4, 5)), ("DMY", datetime(2017, 5, 4))])
def test_ingest_numeric_dates_follow_the_date_order_setting(order: str, expected: datetime) -> None:
    assert parse_time("4/5/2017", order) == expected


def test_ingest_dates_in_common_formats() -> None:
    assert parse_time("2026-03-04T10:00:00Z") == datetime.fromisoformat("2026-03-04T10:00:00+00:00")
    assert parse_time("Wed, 04 Mar 2026 10:00:00 GMT").isoformat() == "2026-03-04T10:00:00+00:00"  # type: ignore[union-attr]
    assert parse_time("March 4, 2026") == datetime(2026, 3, 4)
    assert parse_time("not a date at all") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4 March 2026", datetime(2026, 3, 4)),
        ("Sept. 3, 2025 at 10:05 pm", datetime(2025, 9, 3, 22, 5)),
        ("Mar 4 2026, 12:30 am", datetime(2026, 3, 4, 0, 30)),
        ("4th March 2026 - 14:05", datetime(2026, 3, 4, 14, 5)),
        ("February 30, 2026", None),
        ("Smarch 4, 2026", None),
    ],
)
def test_ingest_dates_with_month_names_are_read_directly(text: str, expected: datetime | None) -> None:
    assert parse_time(text) == expected


def test_ingest_bad_mapping_is_refused_with_the_fields_to_use() -> None:
    from vedette.errors import VedetteError

    with pytest.raises(VedetteError, match=r"--map body: expected FIELD=COLUMN with FIELD one of id, text, title"):
        parse_mapping(["body"])


def test_ingest_csv_missing_column_and_ragged_row_are_quarantined(tmp_path: Path) -> None:
    missing = tmp_path / "missing.csv"
    missing.write_text("headline,outlet\nA,B\n", encoding="utf-8")
    ragged = tmp_path / "ragged.csv"
    ragged.write_text(f'title,text\nOne,"{ARTICLE}"\nTwo\nThree,"{ARTICLE} Again."\n', encoding="utf-8")
    items = _read(missing, ragged)
    assert [type(i).__name__ for i in items] == ["Quarantined", "Document", "Quarantined", "Document"]
    assert items[0].reason == (
        f"[V114] {missing}: no column 'text' for text (columns: headline, outlet); "  # type: ignore[union-attr]
        "map one with --map text=COLUMN"
    )
    assert items[2].reason == f"[V113] {ragged}:3: CSV row has 1 fields but the header has 2"  # type: ignore[union-attr]


def test_ingest_explicit_mapping_to_an_absent_column_names_it(tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text(f'text,title\n"{ARTICLE}",T\n', encoding="utf-8")
    [item] = _read(sheet, columns={"title": "article_title"})
    assert isinstance(item, Quarantined)
    assert item.reason.startswith(f"[V114] {sheet}: no column 'article_title' for title (columns: text, title)")


def test_ingest_rss_and_atom_entries_become_documents(tmp_path: Path) -> None:
    rss = tmp_path / "wire.xml"
    rss.write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Levant Monitor</title><language>en</language>"
        "<item><title>Shelling in Homs</title><link>https://levant-monitor.example/a</link>"
        f"<pubDate>Wed, 04 Mar 2026 10:00:00 GMT</pubDate><description>&lt;p&gt;{ARTICLE}&lt;/p&gt;"
        "&lt;p&gt;The army said it responded to mortar fire.&lt;/p&gt;</description></item>"
        "<item><title>Empty</title><link>https://levant-monitor.example/b</link></item></channel></rss>",
        encoding="utf-8",
    )
    atom = tmp_path / "feed.atom"
    atom.write_text(
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Gulf Dispatch</title>"
        "<entry><title>Drones over Latakia</title><link href='https://gulf-dispatch.example/d'/>"
        f"<updated>2026-03-15T08:00:00Z</updated><content type='html'>{ARTICLE}</content></entry></feed>",
        encoding="utf-8",
    )
    first, empty, entry = _read(rss, atom)
    assert isinstance(first, Document) and isinstance(entry, Document)
    assert (first.source, first.url, first.origin) == ("Levant Monitor", "https://levant-monitor.example/a", f"{rss}:1")
    assert first.text.endswith(f"{ARTICLE}\n\nThe army said it responded to mortar fire.")
    assert first.published is not None and first.published.isoformat() == "2026-03-04T10:00:00+00:00"
    assert isinstance(empty, Quarantined) and empty.reason.startswith(f"[V117] {rss}:2: feed entry has no text")
    assert (entry.source, entry.title) == ("Gulf Dispatch", "Drones over Latakia")


def _warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        page = (
            f"<html><head><title>Shelling in Homs</title></head><body><article><h1>Shelling in Homs</h1>"
            f"<p>{ARTICLE}</p><p>The army said it was responding to mortar fire on its positions.</p></article>"
            "</body></html>"
        ).encode()
        for uri, content_type, body in [
            ("https://levant-monitor.example/a", "text/html; charset=utf-8", page),
            ("https://levant-monitor.example/logo.png", "image/png", b"\x89PNG"),
        ]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
            )


def test_ingest_warc_reads_html_responses_and_skips_images(tmp_path: Path) -> None:
    archive = tmp_path / "crawl.warc.gz"
    _warc(archive)
    [doc] = _read(archive)
    assert isinstance(doc, Document)
    assert doc.url == "https://levant-monitor.example/a"
    assert ARTICLE in doc.text


def test_ingest_broken_warc_is_quarantined(tmp_path: Path) -> None:
    archive = tmp_path / "broken.warc"
    archive.write_bytes(b"this is not a web archive\n" * 3)
    [item] = _read(archive)
    assert isinstance(item, Quarantined) and item.reason.startswith(f"[V118] {archive}:1: not a valid WARC file")


def test_ingest_gzip_of_jsonl_and_bad_gzip(tmp_path: Path) -> None:
    good = tmp_path / "feed.jsonl.gz"
    good.write_bytes(gzip.compress((json.dumps({"title": "T", "text": ARTICLE}) + "\n").encode()))
    bad = tmp_path / "page.txt.gz"
    bad.write_bytes(b"\x1f\x8bnot really gzip")
    doc, broken = _read(good, bad)
    assert isinstance(doc, Document) and doc.origin == f"{good}:1"
    assert isinstance(broken, Quarantined) and broken.reason.startswith(f"[V115] {bad}: not a valid gzip file")


def test_ingest_glob_expands_and_an_empty_glob_is_reported(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt"):
        (tmp_path / name).write_text(f"{name}\n\n{ARTICLE}", encoding="utf-8")
    items = _read(Path(str(tmp_path / "*.txt")), Path(str(tmp_path / "*.csv")))
    assert [Path(i.origin).name for i in items] == ["a.txt", "b.txt", "*.csv"]
    assert (
        isinstance(items[2], Quarantined)
        and items[2].reason == f"[V121] {tmp_path / '*.csv'}: no file matches this pattern"
    )


def test_ingest_reads_stdin_and_sniffs_its_format() -> None:
    record = json.dumps({"title": "Shelling in Homs", "text": ARTICLE})
    result = subprocess.run(
        [sys.executable, "-m", "vedette", "segment", "-", "--json"],
        input=record,
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    )
    segments = json.loads(result.stdout)
    assert [s["kind"] for s in segments] == ["headline", "body"]
    assert segments[1]["text"] == ARTICLE


def test_ingest_flags_non_english_documents_and_keeps_them(tmp_path: Path) -> None:
    page = tmp_path / "fr.txt"
    page.write_text(
        "Bombardements à Homs\n\nLes forces gouvernementales ont bombardé mardi la ville de Talbiseh, "
        "au nord de Homs, tuant trois civils, selon des militants locaux.",
        encoding="utf-8",
    )
    [doc] = _read(page)
    assert isinstance(doc, Document) and doc.language == "fr"


def test_ingest_language_is_the_articles_not_that_of_long_comments_below_it(tmp_path: Path) -> None:
    page = tmp_path / "en.txt"
    comments = "Les forces gouvernementales ont encore bombardé la ville, personne ne dit rien. " * 40
    page.write_text(f"Shelling in Homs\n\n{ARTICLE}\n\n{ARTICLE}\n\n{comments}", encoding="utf-8")
    [doc] = _read(page)
    assert isinstance(doc, Document) and doc.language == "en"
