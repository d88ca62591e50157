"""Languages and scripts: URL prefixes, the remembered choice, and content shown in the
visitor's script.

Interface strings come from the catalogues in locale/. Content (names, units, deeds)
is stored as staff typed it, in either script; it is converted for display only, with
OpenCC's phrase-aware converters, and never written back.
"""

import functools

from django.conf import settings
from django.utils import translation
from opencc import OpenCC

# Per language, the conversion applied to public pages' HTML (None: leave as stored).
SCRIPT_CONVERSIONS = {"zh-hans": "t2s", "zh-hant": "s2t"}
UNPREFIXED_EXEMPT = ("/admin/", "/static/", "/media/", "/language/")


@functools.cache
def converter(config: str) -> OpenCC:
    return OpenCC(config)


# Parts of a page that must stay as written (each language's own name in the switcher).
KEEP_START, KEEP_END = "<!--keep-script-->", "<!--/keep-script-->"


def to_visitor_script(text: str, language: str | None = None) -> str:
    config = SCRIPT_CONVERSIONS.get(language or translation.get_language() or "")
    if not config:
        return text
    convert = converter(config).convert
    parts = []
    for index, chunk in enumerate(text.split(KEEP_START)):
        if index == 0:
            parts.append(convert(chunk))
            continue
        kept, _sep, rest = chunk.partition(KEEP_END)
        parts.append(KEEP_START + kept + KEEP_END + convert(rest))
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
