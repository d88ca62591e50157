"""Families as cards, as the family list, the front page and a region's page list them."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.models import Level
from core.tabular import choice_label
from core.templatetags.records import bilingual, person, photo_img
from families.models import FamilyType, Tier

register = template.Library()

CARD = """<li class="card">
  <a href="{url}" class="card-link">
    {photo}
    <span class="card-body">
      <span class="name">{name}</span>
      <span class="meta">{year} · {level} · {title}{tier}{family_type} · {region}</span>
    </span>
  </a>
</li>"""


@register.simple_tag
def family_cards(families) -> str:
    """A card for each family: the first photo, the name, year · level · title (tier) ·
    type · region. The lists prefetch the photos (families.selectors).

    Written here rather than as a template included for each card: a list page shows
    thirty, and through the template engine they cost three times as much.
    """
    return format_html_join("\n", CARD, map(card_fields, families))


def card_fields(family) -> dict:
    photo = next(iter(family.photos.all()), None)
    name = person(family.name, padded=True)
    if family.title.is_household:
        name = mark_safe(_("%(name)s家庭") % {"name": name})
    return {
        "url": family.get_absolute_url(),
        "photo": (
            photo_img(photo.image, 240, family.name, photo.width, photo.height, "card-photo")
            if photo
            else ""
        ),
        "name": name,
        "year": family.year,
        "level": choice_label(Level, family.level),
        "title": bilingual(family.title),
        "tier": format_html("（{}）", choice_label(Tier, family.tier)) if family.tier else "",
        "family_type": (
            format_html(" · {}", choice_label(FamilyType, family.family_type))
            if family.family_type
            else ""
        ),
        "region": bilingual(family.region),
    }
