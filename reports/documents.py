"""The report's files: a draft press release (Word) and the figures workbook (Excel).

Both are in one script, the visitor's (core/documents/script.py): region names in the form
stored for that script, phrases and labels converted as running text. English readers get
the Chinese files (the press release is written in Chinese; an English one is not a
conversion).
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from core.documents import word
from core.documents.script import kept, text_in_script
from core.models import Region
from core.rolls import stored_name_in_script
from reports.models import Measure
from reports.services import AreaSection, FigureResult

NUMERALS = "一二三四五六七八九十"


def file_name(pattern: str, year: int, region: Region, language: str | None = None) -> str:
    """A file's name in the visitor's script, the region's name as stored for it."""
    region_name = kept(stored_name_in_script(region, language))
    return text_in_script(pattern % {"region": region_name, "year": year}, language)


def paragraph_of(section: AreaSection, language: str | None = None) -> str:
    """The section's figures as sentences: each phrase with its value, joined by 「，」,
    or by nothing where a figure continues the one before
    (为190名低收入“两癌”妇女 + 发放救助金112万元)."""
    text = ""
    for result in section.results:
        if not result.value:
            continue
        sentence = text_in_script(result.sentence, language)
        if text and not result.figure.continues_sentence:
            text += "，"
        text += sentence
    return text + "。" if text else ""


def press_release(year: int, region: Region, sections: list[AreaSection], language=None):
    """A draft press release as an official document: title, a note, then per focus area
    a 黑体 heading (一、聚焦思想引领) and one paragraph of its figures in sentences."""
    document = word.official_document()
    region_name = kept(stored_name_in_script(region, language))
    title = _("%(region)s妇联%(year)s年工作情况") % {"region": region_name, "year": year}
    word.add_title(document, text_in_script(title, language))
    word.add_centered(
        document, text_in_script(_("（根据记录自动生成的草稿，请核对后修改）"), language)
    )
    number = 0
    for section in sections:
        paragraph = paragraph_of(section, language)
        if not paragraph:
            continue
        heading = _("聚焦%(area)s") % {"area": section.label}
        word.add_heading(document, f"{NUMERALS[number % 10]}、{text_in_script(heading, language)}")
        word.add_body(document, paragraph)
        number += 1
    return document


def _number(result_value: Decimal | None, measure: str):
    if result_value is None:
        return None
    return float(result_value) if measure == Measure.RATE else _plain(result_value)


def _plain(value: Decimal):
    # Whole numbers as int (762, not 762.0); money keeps its fen.
    return int(value) if value == value.to_integral_value() else float(value)


def sheet_name(text: str, taken: set[str]) -> str:
    """An Excel sheet name: at most 31 characters, none of []:*?/\\, unique in the book."""
    name = "".join("-" if c in "[]:*?/\\" else c for c in text)[:31] or "Sheet"
    candidate, n = name, 2
    while candidate in taken:
        suffix = f"({n})"
        candidate, n = name[: 31 - len(suffix)] + suffix, n + 1
    taken.add(candidate)
    return candidate


def write_workbook(out, year: int, region: Region, sections: list[AreaSection], language=None):
    """The figures workbook into the binary file ``out``:

    - 「2022年指标汇总」: one row per figure — area, figure, the value as a number, its unit,
      the report's wording (7.55万人次, 8700余个) and the year before;
    - one sheet per focus area, 「思想引领·分县」: the figure's value in each sub-region as
      numbers, with 本级及其他 for records entered above the counties, so a row's cells
      add up to its total (rates are not added: each is its own fraction).
    """
    import xlsxwriter

    def t(text: str) -> str:
        return text_in_script(str(text), language)

    book = xlsxwriter.Workbook(out, {"in_memory": True})
    bold = book.add_format({"bold": True})
    percent = book.add_format({"num_format": "0.0%"})
    number = book.add_format({"num_format": "#,##0.##"})
    taken: set[str] = set()
    region_name = stored_name_in_script(region, language)

    summary = book.add_worksheet(sheet_name(t(_("%(year)s年指标汇总") % {"year": year}), taken))
    headers = [_("工作领域"), _("指标"), _("数值"), _("单位"), _("报告写法"), _("上年数值")]
    summary.write_row(0, 0, [t(h) for h in headers], bold)
    summary.set_column(0, 0, 12)
    summary.set_column(1, 1, 34)
    summary.set_column(2, 5, 14)
    row = 1
    for section in sections:
        for result in section.results:
            _write_value_row(summary, row, section, result, t, percent, number)
            row += 1
    summary.write_string(row + 1, 0, t(_("地区")))
    summary.write_string(row + 1, 1, region_name)

    for section in sections:
        regions = sorted(
            {rv.region.pk: rv.region for r in section.results for rv in r.by_region}.values(),
            key=lambda r: r.code,
        )
        sheet = book.add_worksheet(
            sheet_name(t(_("%(area)s·分县") % {"area": section.label}), taken)
        )
        columns = [_("指标"), _("单位"), _("合计")]
        names = [stored_name_in_script(r, language) for r in regions]
        sheet.write_row(0, 0, [t(c) for c in columns] + names + [t(_("本级及其他"))], bold)
        sheet.set_column(0, 0, 34)
        sheet.set_column(1, 2 + len(regions) + 1, 12)
        for index, result in enumerate(section.results, start=1):
            measure = result.figure.measure
            fmt = percent if measure == Measure.RATE else number
            sheet.write_string(index, 0, t(result.figure.label))
            sheet.write_string(index, 1, t(result.figure.unit))
            total = _number(result.value, measure)
            if total is not None:
                sheet.write_number(index, 2, total, fmt)
            by_region = {rv.region.pk: rv.value for rv in result.by_region}
            counted = Decimal(0)
            for column, subregion in enumerate(regions, start=3):
                value = by_region.get(subregion.pk)
                if value is not None:
                    sheet.write_number(index, column, _number(value, measure), fmt)
                    counted += value
            if measure != Measure.RATE and result.value is not None:
                sheet.write_number(index, 3 + len(regions), _plain(result.value - counted), fmt)
    book.close()


def _write_value_row(sheet, row: int, section, result: FigureResult, t, percent, number) -> None:
    measure = result.figure.measure
    fmt = percent if measure == Measure.RATE else number
    sheet.write_string(row, 0, t(section.label))
    sheet.write_string(row, 1, t(result.figure.label))
    value = _number(result.value, measure)
    if value is not None:
        sheet.write_number(row, 2, value, fmt)
    sheet.write_string(row, 3, t(result.figure.unit))
    sheet.write_string(row, 4, t(result.text))
    previous = _number(result.previous, measure)
    if previous is not None:
        sheet.write_number(row, 5, previous, fmt)
