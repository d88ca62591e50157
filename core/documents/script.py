"""Printed files in the visitor's script, converted as the page is (core/i18n).

The roll page marks each entry as a name and lets core.i18n.to_visitor_script convert the
rest phrase by phrase; a file takes the same two paths, so the page and its files agree
character for character (core/script.py: names one-to-one only).
"""

from dataclasses import replace

from django.utils import translation

from core import i18n, script
from core.rolls import Roll, RollEntry, RollGroup, RollRegion


def visitor_language(language: str | None = None) -> str:
    return language or translation.get_language() or ""


MARKERS = (i18n.KEEP_START, i18n.KEEP_END, i18n.NAME_START, i18n.NAME_END)


def kept(text: str) -> str:
    """Text that a conversion must leave as it is (a name stored for the visitor's script,
    e.g. 沾化區, which phrase conversion would make 霑化區)."""
    return f"{i18n.KEEP_START}{text}{i18n.KEEP_END}" if text else text


def text_in_script(text: str, language: str | None = None) -> str:
    """Headings, notes and titles: phrase-aware, as the page converts them; parts marked
    with ``kept`` stay as they are."""
    if not text:
        return text
    converted = i18n.to_visitor_script(text, visitor_language(language))
    for marker in MARKERS:
        converted = converted.replace(marker, "")
    return converted


def name_in_script(name: str, language: str | None = None) -> str:
    """A person's, collective's or unit's name: one-to-one characters only (于蓝 stays)."""
    language = visitor_language(language)
    if language not in i18n.SCRIPT_CONVERSIONS:
        return name  # English pages show names as stored, as the page does
    return script.name_in_script(name, language) if name else name


def entry_in_script(entry: str, language: str | None = None) -> RollEntry:
    # The page marks the whole entry (name, unit and post) as a name: so does the file.
    if isinstance(entry, RollEntry):
        name, detail = entry.name, entry.detail
        return RollEntry(name_in_script(name, language), name_in_script(detail, language))
    return RollEntry(name_in_script(entry, language))


def region_in_script(region: RollRegion, language: str | None = None) -> str:
    # Region names are stored per script (沾化区 / 沾化區), never converted (core/script.py).
    if visitor_language(language) == script.TRADITIONAL and region.name_hant:
        return region.name_hant
    return text_in_script(region.name, language)


def roll_in_script(roll: Roll, language: str | None = None) -> Roll:
    """A copy of the roll in the visitor's script; the order is untouched."""
    language = visitor_language(language)
    return replace(
        roll,
        heading=text_in_script(roll.heading, language),
        subheading=text_in_script(roll.subheading, language),
        note=text_in_script(roll.note, language),
        groups=[
            RollGroup(
                title=text_in_script(group.title, language),
                unit=text_in_script(group.unit, language),
                regions=[
                    RollRegion(
                        name=region_in_script(region, language),
                        entries=[entry_in_script(e, language) for e in region.entries],
                    )
                    for region in group.regions
                ],
            )
            for group in roll.groups
        ],
    )
