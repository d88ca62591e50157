"""Certificates (荣誉证书): one page per conferred honour or family, from the title's template.

The apps hand in ``Certificate`` values in the official order (honors/certificates.py,
families/certificates.py); nothing here imports an app. Pages are laid out by WeasyPrint
``CHUNK`` certificates at a time and the chunks joined with pypdf, so the memory of the
layout stays that of one chunk whatever the number of pages (1,000 in bench/).
"""

import base64
import datetime
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice

from django.utils import timezone

from core.documents.pdf import fonts_for, render_pdf
from core.models import CertificateField, CertificateFont, CertificateTemplate

CHUNK = 100
Kind = CertificateField.Kind

# Face per template font: the official Windows/WPS name first, then free faces.
FACES = {
    CertificateFont.KAI: '"楷体_GB2312", "楷体", "KaiTi", "AR PL UKai CN", "Noto Serif CJK SC"',
    CertificateFont.SONG: '"宋体", "SimSun", "Noto Serif CJK SC"',
    CertificateFont.FANGSONG: '"仿宋_GB2312", "仿宋", "FangSong", "Noto Serif CJK SC"',
    CertificateFont.HEI: '"黑体", "SimHei", "Noto Sans CJK SC"',
    CertificateFont.XIAOBIAOSONG: '"方正小标宋简体", "Noto Serif CJK SC"',
}

# Where the fields go on an A4 landscape sheet when a template sets none (mm, pt).
DEFAULT_LAYOUT = [
    (Kind.NAME, 40, 62, 217, 26, "left"),
    (Kind.WORDING, 56, 86, 200, 22, "left"),
    (Kind.BODY, 150, 150, 110, 20, "center"),
    (Kind.DATE, 150, 164, 110, 18, "center"),
    (Kind.DOCUMENT_NUMBER, 40, 186, 120, 12, "left"),
]

DIGITS = "〇一二三四五六七八九"


def chinese_date(day: datetime.date) -> str:
    """A certificate's date in Chinese numerals: 2023-03-08 → 二〇二三年三月八日."""

    def number(n: int) -> str:
        if n < 10:
            return DIGITS[n]
        tens, units = divmod(n, 10)
        return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[units] if units else "")

    year = "".join(DIGITS[int(d)] for d in str(day.year))
    return f"{year}年{number(day.month)}月{number(day.day)}日"


@dataclass
class Certificate:
    """What one certificate says, already in the script it is printed in."""

    name: str  # padded as printed lists are (张　晨)
    title: str
    level: str
    year: int
    body: str
    document_number: str
    template: CertificateTemplate | None = None
    # The name's suffix where no template is set up (a household: "：").
    salutation: str = "同志："


@dataclass
class _Field:
    kind: str
    x_mm: Decimal
    y_mm: Decimal
    width_mm: Decimal
    size_pt: int
    align: str
    lines: list[str] = field(default_factory=list)


def layout_of(template: CertificateTemplate | None) -> list[_Field]:
    if template is not None and template.pk:
        fields = list(template.fields.all())
        if fields:
            return [_Field(f.kind, f.x_mm, f.y_mm, f.width_mm, f.size_pt, f.align) for f in fields]
    return [_Field(*spec) for spec in DEFAULT_LAYOUT]


def templates_by_title(honor_title_ids=(), family_title_ids=()):
    """The templates of these titles, and the general one (no title) for the others."""
    templates = CertificateTemplate.objects.prefetch_related("fields")
    by_honor = {t.honor_title_id: t for t in templates.filter(honor_title_id__in=honor_title_ids)}
    by_family = {
        t.family_title_id: t for t in templates.filter(family_title_id__in=family_title_ids)
    }
    general = templates.filter(honor_title__isnull=True, family_title__isnull=True).first()
    return by_honor, by_family, general


def _values(certificate: Certificate, date: str) -> dict[str, str]:
    return {
        "name": certificate.name,
        "title": certificate.title,
        "level": certificate.level,
        "year": str(certificate.year),
        "body": certificate.body,
        "document_number": certificate.document_number,
        "date": date,
    }


def _page(certificate: Certificate, today: datetime.date) -> dict:
    template = certificate.template
    issued = template.issue_date if template and template.issue_date else today
    values = _values(certificate, chinese_date(issued))
    fields = []
    for spec in layout_of(template):
        if spec.kind == Kind.WORDING:
            wording = template.wording if template else CertificateTemplate.wording.field.default
            text = wording.format_map(_Missing(values))
        elif spec.kind == Kind.NAME:
            suffix = template.name_suffix if template else certificate.salutation
            text = f"{values['name']}{suffix}"
        else:
            text = values[spec.kind]
        if text:
            fields.append({**vars(spec), "lines": text.splitlines()})
    return {"template_id": template.pk if template else 0, "fields": fields}


class _Missing(dict):
    # A placeholder staff mistyped prints as typed, not as an error mid-batch.
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _styles(templates: Iterable[CertificateTemplate | None]) -> list[dict]:
    styles, seen = [], set()
    for template in templates:
        key = template.pk if template else 0
        if key in seen:
            continue
        seen.add(key)
        width = template.page_width_mm if template else 297
        height = template.page_height_mm if template else 210
        background = ""
        if template and template.background:
            with template.background.open("rb") as image:
                data = base64.b64encode(image.read()).decode()
            kind = "png" if template.background.name.lower().endswith(".png") else "jpeg"
            if template.background.name.lower().endswith(".webp"):
                kind = "webp"
            background = f"data:image/{kind};base64,{data}"
        font = template.font if template else CertificateFont.KAI
        styles.append(
            {
                "id": key,
                "width": width,
                "height": height,
                "background": background,
                "face": FACES.get(font, FACES[CertificateFont.KAI]),
            }
        )
    return styles


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def render_chunk(certificates: list[Certificate], today: datetime.date | None = None) -> bytes:
    """One PDF of these certificates, one page each."""
    today = today or timezone.localdate()
    pages = [_page(certificate, today) for certificate in certificates]
    context = {
        "pages": pages,
        "styles": _styles(c.template for c in certificates),
        "fonts": fonts_for("zh-hans"),
    }
    return render_pdf("documents/certificates.html", context, "zh-hans")


def write_certificates(
    certificates: Iterable[Certificate], out, *, chunk: int = CHUNK, today=None
) -> int:
    """Render the certificates into the binary file ``out``, ``chunk`` pages at a time, and
    return the number of pages. Each chunk's PDF waits in a temporary file until pypdf
    joins them, so only one chunk is laid out in memory at a time."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    parts = []
    count = 0
    try:
        for group in _chunks(certificates, chunk):
            part = tempfile.TemporaryFile()  # noqa: SIM115 (closed below)
            part.write(render_chunk(group, today))
            part.seek(0)
            parts.append(part)
            writer.append(part)
            count += len(group)
        if count == 0:
            return 0
        writer.write(out)
        return count
    finally:
        for part in parts:
            part.close()
