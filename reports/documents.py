"""The report's files: a draft press release (Word) and the figures table (Excel)."""

from django.utils.translation import gettext as _

from core.models import Region
from core.tabular import Column
from reports.services import AreaSection


def press_release(year: int, region: Region, sections: list[AreaSection]):
    """One paragraph per focus area, the figures in sentences staff can edit."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = Document()
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(
        _("%(region)s妇联%(year)s年工作情况") % {"region": region.name, "year": year}
    )
    run.bold = True
    run.font.size = Pt(18)
    document.add_paragraph(_("（根据记录自动生成的草稿，请核对后修改）"))
    for section in sections:
        sentences = [result.sentence for result in section.results if result.value]
        if not sentences:
            continue
        paragraph = document.add_paragraph()
        paragraph.add_run(_("聚焦%(area)s。") % {"area": section.label}).bold = True
        paragraph.add_run("，".join(sentences) + "。")
    return document


def figure_table(sections: list[AreaSection]) -> tuple[list[Column], list[list]]:
    """Columns and rows: area, figure, unit, total, then one column per sub-region."""
    regions = []
    for section in sections:
        for result in section.results:
            for region_value in result.by_region:
                if region_value.region not in regions:
                    regions.append(region_value.region)
    regions.sort(key=lambda region: region.code)
    columns = [
        Column("area", _("工作领域"), None, width=14),
        Column("label", _("指标"), None, width=34),
        Column("total", _("合计"), None, width=14),
        *(Column(region.code, region.name, None, width=12) for region in regions),
    ]
    rows = []
    for section in sections:
        for result in section.results:
            by_region = {rv.region.pk: rv.text for rv in result.by_region}
            rows.append(
                [section.label, result.figure.label, result.text]
                + [by_region.get(region.pk, "") for region in regions]
            )
    return columns, rows
