"""How a list's names are set on paper, shared by the Word and PDF files."""

from core.rolls import RollEntry

NAMES_PER_ROW = 5
# A bare name longer than this (a collective's full name) gets a line of its own.
GRID_NAME_LENGTH = 5


def entries_layout(entries: list[RollEntry]) -> str:
    """ "table": name and unit/post in two columns; "grid": bare names five to a row;
    "lines": one full name a line (collectives)."""
    if any(getattr(entry, "detail", "") for entry in entries):
        return "table"
    if entries and max(len(getattr(entry, "name", entry)) for entry in entries) <= GRID_NAME_LENGTH:
        return "grid"
    return "lines"
