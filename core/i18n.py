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

from core import script

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
    language = language or translation.get_language() or ""
    config = SCRIPT_CONVERSIONS.get(language)
    if not config:
        return text
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
    return "".join(parts)


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
