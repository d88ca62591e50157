"""Languages and scripts: URL prefixes, the remembered choice, and content shown in the
visitor's script.

Interface strings come from the catalogues in locale/. Content (names, units, deeds)
is stored as staff typed it, in either script; it is converted for display only and
never written back: running text with OpenCC's phrase-aware converters, the names a
template marks (``name_html``, the ``name`` filter) by the one-to-one rule of
core/script.py, so 于蓝 stays 于蓝 on /zh-hant/ and 乾红梅 stays 乾红梅 in simplified.
"""

import functools

from django.conf import settings
from django.utils import translation
from django.utils.html import format_html
from opencc import OpenCC

from core import pinyin, script, text

# Per language, the conversion applied to public pages' HTML (None: leave as stored).
SCRIPT_CONVERSIONS = {"zh-hans": "t2s", "zh-hant": "s2t"}
UNPREFIXED_EXEMPT = (
    "/admin/",
    "/static/",
    "/media/",
    "/language/",
    # Health checks and metrics (config.urls): machines' URLs, in no language.
    "/healthz",
    "/readyz",
    "/metrics",
)


@functools.cache
def converter(config: str) -> OpenCC:
    return OpenCC(config)


# Parts of a page that must stay as written (each language's own name in the switcher).
KEEP_START, KEEP_END = "<!--keep-script-->", "<!--/keep-script-->"


# A proper name inside a page's body (a person, collective or unit): converted by the
# one-to-one name rule, never by phrases. HTML comments, so a page that is not converted
# (English) shows the name as it is; never put them in <title> or an attribute.
NAME_START, NAME_END = "<!--name-->", "<!--/name-->"


def name_html(name) -> str:
    """A name, escaped and marked for the one-to-one conversion (see NAME_START)."""
    if not name:
        return ""
    return format_html(NAME_START + "{}" + NAME_END, name)


def to_visitor_script(text: str, language: str | None = None) -> str:
    """The finished page in the visitor's script: marked names one-to-one (core.script),
    kept parts as they are, the rest by OpenCC's phrases; the markers are then removed,
    so a name marked in <title> or an attribute reads cleanly too. English pages are
    not converted (their Chinese names were written in simplified by the templates)."""
    language = language or translation.get_language() or ""
    config = SCRIPT_CONVERSIONS.get(language)
    if not config:
        return strip_markers(text)
    convert = converter(config).convert

    def convert_outside_names(chunk: str) -> str:
        pieces = chunk.split(NAME_START)
        parts = [convert(pieces[0])]
        for piece in pieces[1:]:
            name, sep, rest = piece.partition(NAME_END)
            parts.append(NAME_START + script.name_in_script(name, language) + sep + convert(rest))
        return "".join(parts)

    parts = []
    for index, chunk in enumerate(text.split(KEEP_START)):
        if index == 0:
            parts.append(convert_outside_names(chunk))
            continue
        kept, _sep, rest = chunk.partition(KEEP_END)
        parts.append(KEEP_START + kept + KEEP_END + convert_outside_names(rest))
    return strip_markers("".join(parts))


def strip_markers(text: str) -> str:
    for marker in (NAME_START, NAME_END, KEEP_START, KEEP_END):
        text = text.replace(marker, "")
    return text


def person_html(name: str, *, reading: str = "", padded: bool = False) -> str:
    """A person's name for the page: marked for the one-to-one conversion in Chinese; in
    English the name (simplified) with its Hanyu Pinyin per GB/T 28039-2011 beside it —
    WANG Fang —, or the reading staff entered for her."""
    if not name:
        return ""
    if translation.get_language() == "en":
        shown = script.name_in_script(name, "zh-hans")
        return format_html(
            '{} <span class="pinyin" lang="zh-Latn-pinyin">{}</span>',
            shown,
            reading or pinyin.name_pinyin(name),
        )
    return name_html(text.pad_name(name) if padded else name)


def kept_html(value) -> str:
    """Text that no conversion touches (a region's or title's name typed for this script)."""
    return format_html(KEEP_START + "{}" + KEEP_END, value)


def proper_name(obj, language: str | None = None) -> str:
    """A region's, title's or program's name as the visitor's script writes it: the form
    typed for traditional (`name_hant`, e.g. 沾化區) when there is one, else the stored name
    converted one-to-one only; English pages read the simplified form."""
    language = language or translation.get_language() or ""
    name = getattr(obj, "name", "") or ""
    if language == "zh-hant" and getattr(obj, "name_hant", ""):
        return kept_html(obj.name_hant)
    if language in SCRIPT_CONVERSIONS:
        return name_html(name)
    return script.name_in_script(name, language)


def strip_language_prefix(path: str) -> str:
    """The path without a /zh-hant/ or /en/ prefix."""
    language = translation.get_language_from_path(path)
    if language and path.startswith(f"/{language}/"):
        return path[len(language) + 1 :]
    return path


def path_in_language(path: str, language: str) -> str:
    """The same page in another language: the default has no prefix."""
    bare = strip_language_prefix(path)
    if language == settings.LANGUAGE_CODE:
        return bare
    return f"/{language}{bare}"


def supported(language: str | None) -> bool:
    return bool(language) and language in dict(settings.LANGUAGES)
