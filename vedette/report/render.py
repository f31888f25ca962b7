"""Render the report's blocks as Markdown, HTML or PDF.

- Markdown: pipe tables; the two images are written beside the file (`NAME-map.png`, `NAME-daily.png`).
- HTML: the same Markdown through markdown-it-py (raw HTML in the text is escaped, never passed through),
  one self-contained page with the images inlined as data URIs.
- PDF: ReportLab, A4, with the DejaVu fonts matplotlib ships (place names need more than Latin-1).
"""

from __future__ import annotations

import base64
import html
import io
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import matplotlib
from markdown_it import MarkdownIt
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Image as PdfImage
from reportlab.platypus import Table as PdfTable

from vedette.report.document import Block, Bullets, Heading, Image, Table, Text

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
FORMATS = ("md", "html", "pdf")


def to_markdown(blocks: list[Block], image_url: Callable[[Image], str]) -> str:
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            parts.append("#" * block.level + " " + _md(block.text))
        elif isinstance(block, Text):
            parts.append(f"*{_md(block.text)}*" if block.small else _md(block.text))
        elif isinstance(block, Bullets):
            parts.append("\n".join(f"- {_md(item)}" for item in block.items))
        elif isinstance(block, Table):
            parts.append(_md_table(block))
        elif isinstance(block, Image):
            parts.append(f"![{_md(block.name)}]({image_url(block)})\n\n*{_md(block.caption)}*")
    return "\n\n".join(parts) + "\n"


def image_file(out: Path, image: Image) -> Path:
    """Where the Markdown report's image goes: beside it, named after it."""
    return out.with_name(f"{out.stem}-{image.name}.png")


def write_markdown(blocks: list[Block], out: Path) -> list[Path]:
    """The report and its images; returns every file written."""
    images = [b for b in blocks if isinstance(b, Image)]
    for image in images:
        image_file(out, image).write_bytes(image.png)
    out.write_text(to_markdown(blocks, lambda image: image_file(out, image).name), encoding="utf-8")
    return [out, *(image_file(out, image) for image in images)]


def to_html(blocks: list[Block], title: str) -> str:
    markdown = to_markdown(blocks, lambda image: "data:image/png;base64," + base64.b64encode(image.png).decode())
    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(markdown)
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n{body}</main>\n"
        "</body>\n</html>\n"
    )


def to_pdf(blocks: list[Block], title: str) -> bytes:
    styles = _pdf_styles()
    width = A4[0] - 30 * mm
    story: list[Flowable] = []
    for block, following in zip(blocks, [*blocks[1:], None], strict=True):
        if isinstance(block, Heading):
            story.append(Paragraph(_xml(block.text), styles[f"h{block.level}"]))
        elif isinstance(block, Text):
            # an introduction stays on the page of the table or picture it introduces
            keep = "_keep" if isinstance(following, Table | Image) else ""
            story.append(Paragraph(_xml(block.text), styles[("small" if block.small else "body") + keep]))
        elif isinstance(block, Bullets):
            story.append(
                ListFlowable(
                    [ListItem(Paragraph(_xml(i), styles["body"]), leftIndent=10) for i in block.items],
                    bulletType="bullet",
                    start="•",
                    leftIndent=10,
                    bulletFontName="DejaVuSans",
                    bulletFontSize=8.5,
                    bulletOffsetY=1,
                )
            )
        elif isinstance(block, Table):
            story.append(_pdf_table(block, width, styles))
            story.append(Spacer(1, 3 * mm))
        elif isinstance(block, Image):
            pixels_wide, pixels_high = ImageReader(io.BytesIO(block.png)).getSize()
            shown = min(width, block.max_height_mm * mm * pixels_wide / pixels_high)
            story.append(PdfImage(io.BytesIO(block.png), width=shown, height=shown * pixels_high / pixels_wide))
            story.append(Paragraph(_xml(block.caption), styles["caption"]))

    def footer(canvas: Canvas, document: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont("DejaVuSans", 7)
        canvas.setFillColor(colors.HexColor("#666666"))
        canvas.drawString(15 * mm, 9 * mm, title)
        canvas.drawRightString(A4[0] - 15 * mm, 9 * mm, f"page {document.page}")
        canvas.restoreState()

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=14 * mm,
        bottomMargin=16 * mm,
        title=title,
        author="vedette",
        subject="situation report",
    )
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _pdf_table(block: Table, width: float, styles: dict[str, ParagraphStyle]) -> PdfTable:
    unit = width / sum(block.widths)
    header = [
        Paragraph(_xml(c), styles["th_right" if n else "th"]) for c, n in zip(block.columns, block.numeric, strict=True)
    ]
    rows = [
        [Paragraph(_xml(cell), styles["td_right" if n else "td"]) for cell, n in zip(row, block.numeric, strict=True)]
        for row in block.rows
    ]
    if not rows:
        rows = [[Paragraph("none", styles["td"])] + [Paragraph("", styles["td"]) for _ in block.columns[1:]]]
    table = PdfTable([header, *rows], colWidths=[w * unit for w in block.widths], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e9e6df")),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.HexColor("#8f887d")),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#d8d4cc")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


@cache
def _pdf_styles() -> dict[str, ParagraphStyle]:
    fonts = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(fonts / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(fonts / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Oblique", str(fonts / "DejaVuSans-Oblique.ttf")))
    pdfmetrics.registerFontFamily(
        "DejaVuSans", normal="DejaVuSans", bold="DejaVuSans-Bold", italic="DejaVuSans-Oblique"
    )
    body = ParagraphStyle("body", fontName="DejaVuSans", fontSize=8.5, leading=11.5, spaceAfter=4)
    cell = ParagraphStyle("td", fontName="DejaVuSans", fontSize=7, leading=8.6)
    head = ParagraphStyle("th", parent=cell, fontName="DejaVuSans-Bold")
    small = ParagraphStyle("small", parent=body, fontSize=7.5, textColor="#555555")
    return {
        "h1": ParagraphStyle("h1", fontName="DejaVuSans-Bold", fontSize=14, leading=17, spaceAfter=3),
        "h2": ParagraphStyle(
            "h2",
            fontName="DejaVuSans-Bold",
            fontSize=11,
            leading=14,
            spaceBefore=7,
            spaceAfter=3,
            textColor="#3a352e",
            keepWithNext=1,
        ),
        "h3": ParagraphStyle(
            "h3", fontName="DejaVuSans-Bold", fontSize=9, leading=12, spaceBefore=4, spaceAfter=2, keepWithNext=1
        ),
        "body": body,
        "body_keep": ParagraphStyle("body_keep", parent=body, keepWithNext=1),
        "small": small,
        "small_keep": ParagraphStyle("small_keep", parent=small, keepWithNext=1),
        "caption": ParagraphStyle(
            "caption",
            parent=body,
            fontName="DejaVuSans-Oblique",
            fontSize=7,
            leading=9,
            textColor="#555555",
            spaceBefore=2,
            spaceAfter=6,
        ),
        "td": cell,
        "td_right": ParagraphStyle("td_right", parent=cell, alignment=TA_RIGHT),
        "th": head,
        "th_right": ParagraphStyle("th_right", parent=head, alignment=TA_RIGHT),
    }


def _md(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _md_table(table: Table) -> str:
    lines = [
        "| " + " | ".join(_md(c) for c in table.columns) + " |",
        "|" + "|".join("---:" if numeric else "---" for numeric in table.numeric) + "|",
    ]
    rows = table.rows or [["none"] + [""] * (len(table.columns) - 1)]
    lines += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _xml(text: str) -> str:
    """ReportLab paragraphs read a little XML: escape everything."""
    return html.escape(" ".join(text.split()), quote=False)


_CSS = """
body { font: 14px/1.45 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #2b2b2b; margin: 0; }
main { max-width: 62rem; margin: 0 auto; padding: 1.5rem 1.5rem 3rem; }
h1 { font-size: 1.5rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.15rem; margin-top: 1.8rem; border-bottom: 1px solid #d8d4cc; padding-bottom: 0.2rem; }
h3 { font-size: 1rem; margin-top: 1.2rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.82rem; margin: 0.4rem 0 0.8rem; }
th { background: #e9e6df; text-align: left; border-bottom: 1px solid #8f887d; }
th, td { padding: 0.2rem 0.4rem; vertical-align: top; }
td { border-bottom: 1px solid #e4e0d8; }
img { max-width: 100%; height: auto; display: block; margin: 0.6rem 0 0.2rem; }
p em, li em { color: #555; }
@media print { main { max-width: none; padding: 0; } h2 { break-after: avoid; } table, img { break-inside: avoid; } }
"""
