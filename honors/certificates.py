"""Certificates (荣誉证书) of conferred honours, in the roll's order, for core/documents."""

from collections.abc import Iterator

from core.documents.certificates import Certificate, templates_by_title
from core.documents.script import name_in_script, text_in_script
from core.models import Level, Status
from core.rolls import official_order
from core.text import pad_name
from honors.filters import HonorFilter
from honors.selectors import public_honors, roll_order

# The public list's FilterSet and rows: `print_certificates "year=2022&…"` prints that list.
filterset_class = HonorFilter
public_queryset = public_honors
SCRIPT = "zh-hans"  # certificates are printed as the federation writes


def conferred_in_order(queryset) -> list:
    """The conferred honours of the queryset, in the official order of the roll."""
    honors = roll_order(queryset.filter(status=Status.CONFERRED)).select_related(
        "title", "recipient", "region"
    )
    return official_order(honors, group_of=lambda h: h.title.name, region_of=lambda h: h.region)


def certificates(queryset) -> Iterator[Certificate]:
    """One certificate per conferred honour, with its title's template."""
    honors = conferred_in_order(queryset)
    by_title, _by_family, general = templates_by_title(honor_title_ids={h.title_id for h in honors})
    levels = dict(Level.choices)
    for honor in honors:
        name = honor.recipient.name
        yield Certificate(
            name=name_in_script(pad_name(name) if honor.recipient.is_individual else name, SCRIPT),
            title=text_in_script(honor.title.name, SCRIPT),
            level=text_in_script(str(levels[honor.level]), SCRIPT),
            year=honor.year,
            body=name_in_script(honor.conferring_body, SCRIPT),
            document_number=text_in_script(honor.document_number, SCRIPT),
            template=by_title.get(honor.title_id, general),
        )
