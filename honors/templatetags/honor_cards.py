"""Honours as cards, as the roll, the front page and a region's page list them."""

from django import template
from django.utils.html import format_html, format_html_join

from core.i18n import name_html
from core.models import Level
from core.tabular import choice_label
from core.templatetags.records import bilingual, person, photo_img

register = template.Library()

CARD = """<li class="card">
  <a href="{url}" class="card-link">
    {photo}
    <span class="card-body">
      <span class="name">{name}{ethnicity}</span>
      {unit}
      <span class="meta">{year} · {level} · {title} · {region}</span>
    </span>
  </a>
</li>"""


@register.simple_tag
def honor_cards(honors) -> str:
    """A card for each honour: photo, name (ethnicity), unit and post, year · level ·
    title · region.

    Written here rather than as a template included for each card: a list page shows
    thirty, and through the template engine they cost three times as much.
    """
    return format_html_join("\n", CARD, map(card_fields, honors))


def card_fields(honor) -> dict:
    recipient = honor.recipient
    return {
        "url": honor.get_absolute_url(),
        "photo": photo_img(
            honor.photo, 240, recipient.name, honor.photo_width, honor.photo_height, "card-photo"
        ),
        "name": person(recipient, padded=True),
        "ethnicity": format_html("（{}）", recipient.ethnicity) if recipient.ethnicity else "",
        "unit": (
            format_html('<span class="unit">{}{}</span>', name_html(honor.unit), honor.post)
            if honor.unit or honor.post
            else ""
        ),
        "year": honor.year,
        "level": choice_label(Level, honor.level),
        "title": bilingual(honor.title),
        "region": bilingual(honor.region),
    }
