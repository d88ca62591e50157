"""Template helpers for the public pages: padded names, thumbnails, Open Graph images."""

from django import template
from django.utils import translation
from django.utils.html import format_html

from core import i18n, images, text

register = template.Library()


@register.filter
def pad_name(name: str) -> str:
    """Two-character names padded to line up with three-character ones, as printed lists do."""
    return text.pad_name(name or "")


@register.filter
def name(value) -> str:
    """A person's, collective's or unit's name, marked so that the page's script
    conversion changes it only one-to-one (core/script.py). Page body only: not in
    <title> or an attribute."""
    return i18n.name_html(value)


@register.filter
def person(value, padded: bool = False) -> str:
    """A person's name (a recipient, or a name as text): one-to-one in Chinese, with its
    pinyin on English pages (core.i18n.person_html). A collective is shown as a name."""
    if hasattr(value, "is_individual"):
        if not value.is_individual:
            return i18n.name_html(value.name)
        return i18n.person_html(value.name, reading=value.name_pinyin, padded=padded)
    return i18n.person_html(value or "", padded=padded)


@register.simple_tag
def photo_img(field_file, size: int, alt: str, width=None, height=None, css_class: str = ""):
    """An <img> of the photo's thumbnail with its width and height, or nothing.

    List thumbnails load lazily; a detail page's main photo (960) loads at once.
    """
    thumb = images.thumbnail(field_file, size, width, height)
    if thumb is None:
        return ""
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}" loading="lazy" decoding="async" class="{}">',
        thumb.url,
        thumb.width,
        thumb.height,
        alt,
        css_class,
    )


@register.simple_tag(takes_context=True)
def og_image_url(context, field_file, width=None, height=None) -> str:
    """The absolute URL of the large thumbnail, for a shared link's preview."""
    thumb = images.thumbnail(field_file, images.THUMBNAIL_SIZES[-1], width, height)
    if thumb is None:
        return ""
    return context["request"].build_absolute_uri(thumb.url)


@register.filter
def bilingual(obj) -> str:
    """A region's, title's or program's name in the visitor's script, never converted by
    phrases (core.i18n.proper_name: 沾化区 is 沾化區 in traditional, not 霑化區), with the
    English one beside it for English readers where staff entered one:
    三八红旗手 (March 8th Red-Banner Pacesetter)."""
    shown = i18n.proper_name(obj)
    english = getattr(obj, "name_en", "")
    if english and translation.get_language() == "en":
        return format_html("{} ({})", shown, english)
    return shown
