"""`vedette report` on the sample corpus: a PDF whose first page renders with a map, and the same figures in
Markdown, HTML and PDF (checked against the store itself)."""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

REPO = Path(__file__).resolve().parents[2]
RENDERED_PAGE = REPO / "build" / "report-sample-page-1.png"
PERIOD = ("--since", "2026-03-01", "--until", "2026-03-20")
SEA = np.array([0xDF, 0xE8, 0xF0])  # vedette.report.charts.SEA

pytestmark = pytest.mark.slow


def _poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is missing: install Debian poppler-utils (scripts/install-system-deps.sh does)")
    return path


@pytest.fixture(scope="module")
def reports(sample_db: Path, tmp_path_factory: pytest.TempPathFactory, cli: Any) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("sitrep")
    written = {}
    for fmt in ("md", "html", "pdf"):
        out = folder / f"sitrep.{fmt}"
        result = cli("report", "--db", str(sample_db), *PERIOD, "--format", fmt, "--out", str(out))
        assert f"wrote {out}" in result.stdout
        written[fmt] = out
    return written


@pytest.fixture(scope="module")
def pages(reports: dict[str, Path]) -> list[Path]:
    folder = reports["pdf"].parent / "pages"
    folder.mkdir()
    subprocess.run([_poppler("pdftoppm"), "-r", "100", "-png", str(reports["pdf"]), str(folder / "page")], check=True)
    return sorted(folder.glob("page-*.png"))


def test_report_pdf_first_page_renders_with_a_map(pages: list[Path]) -> None:
    assert len(pages) >= 2, "the report should run to several pages"
    RENDERED_PAGE.parent.mkdir(exist_ok=True)
    shutil.copy(pages[0], RENDERED_PAGE)
    page = np.asarray(Image.open(pages[0]).convert("RGB")).astype(int)
    sea = np.all(np.abs(page - SEA) <= 4, axis=2)
    rows, columns = np.nonzero(sea)
    assert len(rows) > 5000, "no map (sea-coloured area) on the first page"
    top, bottom, left, right = rows.min(), rows.max(), columns.min(), columns.max()
    assert right - left > 0.5 * page.shape[1], "the map should span most of the page width"
    frame = page[top : bottom + 1, left : right + 1]
    assert frame.std() > 8, "the map area is nearly blank (a sea-only frame has a deviation under 2)"
    assert len(np.unique(frame.reshape(-1, 3), axis=0)) > 200, "the map area has too few colours to be a map"
    land = np.all(np.abs(frame - np.array([0xF4, 0xF2, 0xED])) <= 4, axis=2).mean()
    assert 0.05 < land < 0.95, f"land should share the frame with the sea (land share {land:.2f})"
    markers = (frame[..., 0] > 190) & (frame[..., 1] > 60) & (frame[..., 1] < 200) & (frame[..., 2] < 130)
    assert markers.sum() > 50, "no incident markers drawn on the map"


def test_report_pdf_first_page_has_title_and_figures(reports: dict[str, Path]) -> None:
    text = subprocess.run(
        [_poppler("pdftotext"), "-f", "1", "-l", "1", "-layout", str(reports["pdf"]), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert "SITREP: all places, 2026-03-01 to 2026-03-20" in text
    assert "Headline figures" in text and "Map:" in text


def test_report_headline_figures_agree_across_formats_and_with_the_store(
    reports: dict[str, Path], sample_db: Path
) -> None:
    md = _markdown_figures(reports["md"].read_text(encoding="utf-8"))
    html = _html_figures(reports["html"].read_text(encoding="utf-8"))
    pdf = _pdf_figures(reports["pdf"], list(md))
    assert md == html == pdf
    with sqlite3.connect(sample_db) as conn:
        events, corroborated = conn.execute(
            "SELECT count(*), count(DISTINCT CASE WHEN i.independent_sources >= 2 THEN i.id END) FROM events e "
            "JOIN incident_events ie ON ie.event_id = e.id JOIN incidents i ON i.id = ie.incident_id "
            "WHERE e.date BETWEEN '2026-03-01' AND '2026-03-20'"
        ).fetchone()
        previous = conn.execute(
            "SELECT count(*) FROM events WHERE date BETWEEN '2026-02-09' AND '2026-02-28'"
        ).fetchone()
    change = events - previous[0]
    assert md["Events"] == (str(events), str(previous[0]), f"+{change}" if change > 0 else str(change))
    assert md["Corroborated incidents (2+ independent sources)"][0] == str(corroborated)
    assert int(md["Corroborated incidents (2+ independent sources)"][0]) >= 2  # Tal Tamr and Tarmiyah at least


def test_report_markdown_images_beside_it_and_html_self_contained(reports: dict[str, Path]) -> None:
    md = reports["md"].read_text(encoding="utf-8")
    for name in ("sitrep-map.png", "sitrep-daily.png"):
        assert f"]({name})" in md
        assert (reports["md"].parent / name).read_bytes().startswith(b"\x89PNG")
    html = reports["html"].read_text(encoding="utf-8")
    sources = re.findall(r'src="([^"]*)"', html)
    assert len(sources) == 2 and all(s.startswith("data:image/png;base64,") for s in sources)
    assert "http://" not in html and "https://" not in html


def test_report_lists_top_incidents_with_sources_and_modality(reports: dict[str, Path]) -> None:
    md = reports["md"].read_text(encoding="utf-8")
    section = md.split("## Top incidents", 1)[1].split("## ", 1)[0]
    rows = [line for line in section.splitlines() if re.match(r"\| \d+ \|", line)]
    assert 1 <= len(rows) <= 10
    first = [cell.strip() for cell in rows[0].strip("|").split("|")]
    assert int(first[4]) >= 2, "the best corroborated incident comes first"
    assert first[6].startswith("occurred") and first[7], "modality and sources are shown"
    assert "Tal Tamr" in section


def _markdown_figures(text: str) -> dict[str, tuple[str, ...]]:
    section = text.split("## Headline figures", 1)[1].split("![", 1)[0]
    rows = [line.strip().strip("|").split("|") for line in section.splitlines() if line.startswith("| ")]
    return {cells[0].strip(): tuple(c.strip() for c in cells[1:]) for cells in rows[1:]}


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _html_figures(text: str) -> dict[str, tuple[str, ...]]:
    parser = _Tables()
    parser.feed(text)
    header, *rows = parser.tables[0]
    assert header == ["Figure", "This period", "Previous period", "Change"]
    return {row[0]: tuple(row[1:]) for row in rows}


def _pdf_figures(pdf: Path, names: list[str]) -> dict[str, tuple[str, ...]]:
    text = subprocess.run(
        [_poppler("pdftotext"), "-f", "1", "-l", "1", "-layout", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = {}
    for name in names:
        match = re.search(re.escape(name) + r"\s+(\d+)\s+(\d+)\s+([+-]?\d+)\s*$", text, re.MULTILINE)
        assert match, f"{name!r} missing from the PDF's first page:\n{text[:2000]}"
        found[name] = match.groups()
    return found


def test_report_text_has_no_missing_values(reports: dict[str, Path]) -> None:
    for fmt in ("md", "html"):
        assert not re.search(r"\b(nan|None|null)\b", reports[fmt].read_text(encoding="utf-8"))
