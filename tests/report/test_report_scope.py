"""`vedette report` scope and errors: period, --region, --bbox, previous period, escaping, exact error lines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

DEIR_EZ_ZOR = ("Deir ez-Zor", 35.336, 40.141, "SY", "P.PPLA")
MAYADIN = ("Mayadin", 35.021, 40.452, "SY", "P.PPL")
HOMS = ("Homs", 34.727, 36.723, "SY", "P.PPLA")
MOSUL = ("Mosul", 36.335, 43.119, "IQ", "P.PPLA")
SYRIA = ("Syria", 35.0, 38.5, "SY", "A.PCLI")


def _report(outlet: str, day: str, *events: tuple[str, str, tuple[Any, ...]], sentence: str | None = None) -> dict:
    return {
        "outlet": outlet,
        "published": day,
        "events": [
            {"type": t, "day": d, "place": p, **({"sentence": sentence} if sentence else {})} for t, d, p in events
        ],
    }


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory, event_store: Any) -> Path:
    reports = [
        _report(
            "Levant Monitor", "2026-03-10", ("ASSAULT", "2026-03-10", DEIR_EZ_ZOR), ("ASSAULT", "2026-03-11", MAYADIN)
        ),
        _report(
            "Euphrates Post",
            "2026-03-11",
            ("ASSAULT", "2026-03-10", DEIR_EZ_ZOR),
            sentence="Shelling hit the eastern districts of Deir ez-Zor, residents said.",
        ),
        _report("Orontes Daily", "2026-03-12", ("PROTEST", "2026-03-12", HOMS), ("COERCE", "2026-03-12", SYRIA)),
        _report("Tigris Times", "2026-03-12", ("MOBILIZE", "2026-03-12", MOSUL)),
        _report("Badia Herald", "2026-03-05", ("ASSAULT", "2026-03-05", MAYADIN)),  # previous period
        _report(
            "<b>Hostile</b> Wire",
            "2026-03-13",
            ("ASSAULT", "2026-03-13", HOMS),
            sentence="Militants shelled Homs <script>window.__pwned=1</script> | *bold* [link](http://x.example)",
        ),
    ]
    return event_store(tmp_path_factory.mktemp("scope") / "small.db", reports)


def _figures(md: str) -> dict[str, tuple[str, ...]]:
    section = md.split("## Headline figures", 1)[1].split("![", 1)[0]
    rows = [line.strip().strip("|").split("|") for line in section.splitlines() if line.startswith("| ")]
    return {cells[0].strip(): tuple(c.strip() for c in cells[1:]) for cells in rows[1:]}


def test_report_counts_the_period_and_the_one_before(small_db: Path, tmp_path: Path, cli: Any) -> None:
    out = tmp_path / "week.md"
    cli("report", "--db", str(small_db), "--since", "2026-03-10", "--until", "2026-03-16", "--out", str(out))
    figures = _figures(out.read_text(encoding="utf-8"))
    assert figures["Events"] == ("7", "1", "+6")  # 2026-03-03..09 is the previous week: the Badia Herald report
    assert figures["Corroborated incidents (2+ independent sources)"] == ("1", "0", "+1")  # Deir ez-Zor, 2 outlets
    assert figures["Outlets"] == ("5", "1", "+4")
    assert figures["Regions"][0] == "4"  # Deir ez-Zor, Homs, Nineveh, and Syria for the country-level event


def test_report_region_keeps_only_its_events(small_db: Path, tmp_path: Path, cli: Any) -> None:
    out = tmp_path / "dz.md"
    result = cli(
        "report",
        "--db",
        str(small_db),
        "--since",
        "2026-03-10",
        "--until",
        "2026-03-16",
        "--region",
        "Dayr az Zawr",
        "--out",
        str(out),
    )
    assert result.stdout.startswith("Deir ez-Zor, Syria, 2026-03-10 to 2026-03-16: 3 events (1 in the previous 7 days)")
    md = out.read_text(encoding="utf-8")
    assert md.startswith("# SITREP: Deir ez-Zor, Syria, 2026-03-10 to 2026-03-16\n")
    assert _figures(md)["Events"] == ("3", "1", "+2")
    assert "Homs" not in md.split("## Sources", 1)[0].split("## Top incidents", 1)[1]


def test_report_bbox_keeps_only_events_inside(small_db: Path, tmp_path: Path, cli: Any) -> None:
    out = tmp_path / "box.md"
    cli(
        "report",
        "--db",
        str(small_db),
        "--since",
        "2026-03-10",
        "--until",
        "2026-03-16",
        "--bbox",
        "36,34,37,35",
        "--out",
        str(out),
    )
    assert _figures(out.read_text(encoding="utf-8"))["Events"] == ("2", "0", "+2")  # both Homs events


def test_report_html_escapes_what_the_reports_say(small_db: Path, tmp_path: Path, cli: Any) -> None:
    out = tmp_path / "week.html"
    cli("report", "--db", str(small_db), "--since", "2026-03-10", "--until", "2026-03-16", "--out", str(out))
    html = out.read_text(encoding="utf-8")
    assert "<script>window" not in html and "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "<b>Hostile</b>" not in html and "&lt;b&gt;Hostile&lt;/b&gt; Wire" in html
    assert 'href="http://x.example"' not in html


def test_report_pdf_of_an_empty_period_still_renders(small_db: Path, tmp_path: Path, cli: Any) -> None:
    out = tmp_path / "empty.pdf"
    result = cli("report", "--db", str(small_db), "--since", "2025-01-01", "--until", "2025-01-07", "--out", str(out))
    assert "0 events" in result.stdout
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (
            ["--region", "Narnia"],
            "Error: [V601] region 'Narnia' matches no country, nor an admin-1 unit of IQ, JO, "
            "LB, LY, SY, TR, YE; check the spelling or pass --bbox W,S,E,N",
            1,
        ),
        (["--since", "2026-3-1"], "Error: [V603] --since '2026-3-1': expected a date YYYY-MM-DD", 1),
        (
            ["--since", "2026-03-20", "--until", "2026-03-01"],
            "Error: [V604] --since 2026-03-20 is after --until 2026-03-01",
            1,
        ),
        (["--format", "docx"], "Error: [V605] unknown report format 'docx'; use md, html or pdf", 1),
        (["--region", "Syria", "--bbox", "36,34,37,35"], "Error: [V606] give --region or --bbox, not both", 1),
        (
            ["--bbox", "36,34,37"],
            "Error: [V405] bbox: expected minLon,minLat,maxLon,maxLat (four numbers, longitudes "
            "-180..180, latitudes -90..90, minLat <= maxLat), got '36,34,37'",
            1,
        ),
    ],
)
def test_report_errors(small_db: Path, tmp_path: Path, cli: Any, args: list[str], message: str, code: int) -> None:
    result = cli("report", "--db", str(small_db), *args, "--out", str(tmp_path / "r.md"), check=False)
    assert result.returncode == code
    assert result.stderr.strip() == message
    assert not (tmp_path / "r.md").exists()


def test_report_unwritable_out_is_a_clear_error(small_db: Path, tmp_path: Path, cli: Any) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = cli("report", "--db", str(small_db), "--out", str(blocker / "r.pdf"), check=False)
    assert result.returncode == 1
    assert result.stderr.strip().startswith(f"Error: [V607] {blocker / 'r.pdf'}: cannot write the report (")
