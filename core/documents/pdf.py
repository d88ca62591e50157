"""PDF files rendered on the server (WeasyPrint, with Debian's pango and fonts-noto-cjk).

The fonts are named as the Word file names them, then the free Noto CJK faces every
machine of ours has (.ci/run installs fonts-noto-cjk); WeasyPrint embeds the subset of
whichever is found, so the PDF prints the same anywhere.
"""

from django.template.loader import render_to_string

from core.documents.script import roll_in_script, visitor_language
from core.rolls import Roll


def fonts_for(language: str | None = None) -> dict[str, str]:
    """CSS font lists: official font first, then the free one for the visitor's script."""
    region = "TC" if visitor_language(language) == "zh-hant" else "SC"
    serif, sans = f'"Noto Serif CJK {region}"', f'"Noto Sans CJK {region}"'
    return {
        "title": f'"方正小标宋简体", "FZXiaoBiaoSong-B05S", {serif}, serif',
        "body": f'"仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", {serif}, serif',
        "heading": f'"黑体", "SimHei", {sans}, sans-serif',
        "number": f'"宋体", "SimSun", {serif}, serif',
    }


def html_lang(language: str | None = None) -> str:
    return "zh-Hant" if visitor_language(language) == "zh-hant" else "zh-Hans"


def render_pdf(template: str, context: dict, language: str | None = None) -> bytes:
    """A template of templates/documents/ rendered to PDF bytes."""
    from weasyprint import HTML

    context = {"fonts": fonts_for(language), "html_lang": html_lang(language), **context}
    return HTML(string=render_to_string(template, context)).write_pdf()


def roll_pdf(roll: Roll, language: str | None = None) -> bytes:
    """The official list as PDF: the Word file's title, 文号, order and page numbers."""
    return render_pdf("documents/roll.html", {"roll": roll_in_script(roll, language)}, language)
