"""Certificates (荣誉证书) of conferred families, in the roll's order, for core/documents."""

from collections.abc import Iterator

from core.documents.certificates import Certificate, templates_by_title
from core.documents.script import name_in_script, text_in_script
from core.models import Level, Status
from core.rolls import official_order
from core.text import pad_name
from families.filters import FamilyFilter
from families.selectors import public_families, roll_order

filterset_class = FamilyFilter
public_queryset = public_families
SCRIPT = "zh-hans"


def conferred_in_order(queryset) -> list:
    """The conferred families of the queryset, in the official order of the roll."""
    families = roll_order(queryset.filter(status=Status.CONFERRED)).select_related(
        "title", "region"
    )
    return official_order(
        families,
        group_of=lambda f: (f.title.name, f.tier),
        region_of=lambda f: f.region,
    )


def certificates(queryset) -> Iterator[Certificate]:
    """One certificate per conferred family, with its title's template."""
    families = conferred_in_order(queryset)
    _by_honor, by_title, general = templates_by_title(
        family_title_ids={f.title_id for f in families}
    )
    levels = dict(Level.choices)
    for family in families:
        name = pad_name(family.name) + ("家庭" if family.title.is_household else "")
        yield Certificate(
            name=name_in_script(name, SCRIPT),
            title=text_in_script(family.title.name, SCRIPT),
            level=text_in_script(str(levels[family.level]), SCRIPT),
            year=family.year,
            body=name_in_script(family.conferring_body, SCRIPT),
            document_number="",
            template=by_title.get(family.title_id, general),
            salutation="：" if family.title.is_household else "同志：",
        )
