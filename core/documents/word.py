"""Word files laid out as official documents (GB/T 9704-2012, 党政机关公文格式), where the
standard applies to an attachment list or a press release.

A4; top margin 37 mm and left 28 mm around a type area of 156 × 225 mm; the title in
小标宋 二号 (22 pt), the body in 仿宋 三号 (16 pt), headings in 黑体 三号; the page number
「— 1 —」 in 宋体 四号 at the foot, odd pages on the right and even pages on the left, one
character in from the edge. Every run names its Chinese font in the East Asian attribute
(w:eastAsia), which is what Word and WPS read for Chinese text; the Latin attributes get
Times New Roman. The font table gives each official font a free fallback (w:altName) for
machines without the 方正/GB2312 fonts.
"""

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from core.documents.layout import NAMES_PER_ROW, entries_layout
from core.rolls import Roll, RollEntry

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
TOP_MARGIN, LEFT_MARGIN = Mm(37), Mm(28)
TYPE_WIDTH, TYPE_HEIGHT = Mm(156), Mm(225)

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"
# Free fonts a machine without the official ones falls back to (fontTable w:altName).
FALLBACKS = {
    TITLE_FONT: "Noto Serif CJK SC",
    BODY_FONT: "仿宋",
    HEADING_FONT: "Noto Sans CJK SC",
    PAGE_NUMBER_FONT: "Noto Serif CJK SC",
}
TITLE_SIZE, BODY_SIZE, HEADING_SIZE, PAGE_NUMBER_SIZE = Pt(22), Pt(16), Pt(16), Pt(14)
# 二十二行 a page of 二十八字 (the standard's grid): 225 mm / 22 lines.
LINE_PITCH = Pt(28.95)
# A name column five characters wide: 欧阳　娜 and a minority's （回族） fit.
NAME_COLUMN = Mm(32)


def set_fonts(target, east_asia: str, *, size=None, bold=None) -> None:
    """Name the font of a run or a style in every attribute Word reads (Latin and East Asian)."""
    font = target.font
    font.name = LATIN_FONT
    if size is not None:
        font.size = size
    if bold is not None:
        font.bold = bold
    r_pr = target.element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")


def _declare_fallbacks(document) -> None:
    # python-docx keeps the font table as a plain part: edit its XML and put it back.
    from lxml import etree

    rels = document.part.rels.values()
    part = next((r.target_part for r in rels if r.reltype.endswith("/fontTable")), None)
    if part is None:
        return
    root = etree.fromstring(part.blob)
    for name, alternative in FALLBACKS.items():
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        for tag, value in (("w:altName", alternative), ("w:charset", "86"), ("w:family", "auto")):
            etree.SubElement(font, qn(tag)).set(qn("w:val"), value)  # charset 86: GB2312
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page_number_field(paragraph) -> None:
    """「— PAGE —」: a PAGE field between two em dashes, as the standard prints it."""
    set_fonts(paragraph.add_run("— "), PAGE_NUMBER_FONT, size=PAGE_NUMBER_SIZE)
    run = paragraph.add_run()
    set_fonts(run, PAGE_NUMBER_FONT, size=PAGE_NUMBER_SIZE)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1")):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            shown = OxmlElement("w:t")
            shown.text = text
            run._r.append(shown)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)
    set_fonts(paragraph.add_run(" —"), PAGE_NUMBER_FONT, size=PAGE_NUMBER_SIZE)


def official_document():
    """An empty Word document with the official page, styles and page numbers."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.left_margin = TOP_MARGIN, LEFT_MARGIN
    section.right_margin = PAGE_WIDTH - LEFT_MARGIN - TYPE_WIDTH
    section.bottom_margin = PAGE_HEIGHT - TOP_MARGIN - TYPE_HEIGHT
    section.footer_distance = Mm(28) - Mm(7)  # the number's line 7 mm below the type area
    normal = document.styles["Normal"]
    set_fonts(normal, BODY_FONT, size=BODY_SIZE)
    normal.paragraph_format.line_spacing = LINE_PITCH
    normal.paragraph_format.space_after = Pt(0)
    _declare_fallbacks(document)
    # Odd pages: the number on the right; even pages: on the left (one character in).
    document.settings.odd_and_even_pages_header_footer = True
    for footer, alignment in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        paragraph = footer.paragraphs[0]
        paragraph.alignment = alignment
        indent = Pt(14)
        if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
            paragraph.paragraph_format.right_indent = indent
        else:
            paragraph.paragraph_format.left_indent = indent
        _page_number_field(paragraph)
    return document


def add_title(document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.line_spacing = Pt(35)
    set_fonts(paragraph.add_run(text), TITLE_FONT, size=TITLE_SIZE)


def add_centered(document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_fonts(paragraph.add_run(text), BODY_FONT, size=BODY_SIZE)


def add_heading(document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.keep_with_next = True
    set_fonts(paragraph.add_run(text), HEADING_FONT, size=HEADING_SIZE)


def add_body(document, text: str, *, first_line_indent: bool = True):
    paragraph = document.add_paragraph()
    if first_line_indent:
        paragraph.paragraph_format.first_line_indent = BODY_SIZE * 2
    set_fonts(paragraph.add_run(text), BODY_FONT, size=BODY_SIZE)
    return paragraph


def _borderless_table(document, rows: int, columns: int, widths):
    table = document.add_table(rows=rows, cols=columns)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "nil")
        borders.append(line)
    table._tbl.tblPr.append(borders)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width
    return table


def _set_cell(cell, text: str) -> None:
    paragraph = cell.paragraphs[0]
    set_fonts(paragraph.add_run(text), BODY_FONT, size=BODY_SIZE)


def add_entries(document, entries: list[RollEntry]) -> None:
    """Names aligned in columns, as printed lists are: a name with a unit and post on one
    line of a two-column borderless table; bare names five to a row; a collective's full
    name on a line of its own."""
    layout = entries_layout(entries)
    if layout == "table":
        table = _borderless_table(
            document, len(entries), 2, [NAME_COLUMN, TYPE_WIDTH - NAME_COLUMN]
        )
        for row, entry in zip(table.rows, entries, strict=True):
            _set_cell(row.cells[0], entry.name)
            _set_cell(row.cells[1], entry.detail)
    elif layout == "grid":
        rows = -(-len(entries) // NAMES_PER_ROW)
        width = TYPE_WIDTH // NAMES_PER_ROW
        table = _borderless_table(document, rows, NAMES_PER_ROW, [width] * NAMES_PER_ROW)
        for index, entry in enumerate(entries):
            row = table.rows[index // NAMES_PER_ROW]
            _set_cell(row.cells[index % NAMES_PER_ROW], entry.name)
    else:
        for entry in entries:
            add_body(document, entry.name, first_line_indent=False)


def roll_document(roll: Roll):
    """The official list: title, 文号, the order's note, then per title and county the names."""
    document = official_document()
    add_title(document, roll.heading)
    if roll.subheading:
        add_centered(document, roll.subheading)
    add_centered(document, roll.note)
    for group in roll.groups:
        add_heading(document, f"{group.title}（{group.count}{group.unit}）")
        for region in group.regions:
            if region.name:
                add_heading(document, f"{region.name}（{len(region.entries)}{group.unit}）")
            add_entries(document, region.entries)
    return document
