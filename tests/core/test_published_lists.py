"""The official order against real published lists (tests/core/data/*.txt).

Each file is a 名单 as printed, with its source, date and the convention it follows;
every neighbouring pair must be in the project's order, except the pairs a file marks
(``!! reason``) as not following the stated rule. Pure functions: no database.
"""

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from core.text import GAP, NO_GAP, stroke_sort_key

DATA = Path(__file__).resolve().parent / "data"
CONVENTIONS = {"GAP": GAP, "NO_GAP": NO_GAP}


@dataclass
class PublishedList:
    path: Path
    headers: dict[str, str] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)
    # Indexes i of the pairs (names[i], names[i + 1]) the file excludes, with the reason.
    excluded: dict[int, str] = field(default_factory=dict)


def read_list(path: Path) -> PublishedList:
    published = PublishedList(path)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("!!"):
            published.excluded[len(published.names) - 1] = line[2:].strip()
        elif line.startswith("#"):
            key, colon, value = line[1:].partition(":")
            if colon and key.strip() in {"source", "date", "convention"}:
                published.headers[key.strip()] = value.strip()
        elif line.strip():
            published.names.append(line.strip())
    return published


LISTS = sorted(DATA.glob("*.txt"))


def test_there_are_several_lists_with_sources() -> None:
    assert len(LISTS) >= 5
    for path in LISTS:
        published = read_list(path)
        assert {"source", "date", "convention"} <= published.headers.keys(), path.name
        assert published.headers["convention"] in CONVENTIONS, path.name
        assert len(published.names) >= 10, path.name
        assert all(published.excluded.values()), f"{path.name}: an exclusion without a reason"


@pytest.mark.parametrize("path", LISTS, ids=[path.stem for path in LISTS])
def test_every_neighbouring_pair_is_in_the_project_order(path: Path) -> None:
    published = read_list(path)
    convention = CONVENTIONS[published.headers["convention"]]
    names = published.names
    wrong = [
        (names[i], names[i + 1])
        for i in range(len(names) - 1)
        if i not in published.excluded
        and not stroke_sort_key(names[i], convention) < stroke_sort_key(names[i + 1], convention)
    ]
    assert wrong == []


@pytest.mark.parametrize("path", LISTS, ids=[path.stem for path in LISTS])
def test_excluded_pairs_are_really_out_of_the_rule(path: Path) -> None:
    # An exclusion that the project's order agrees with is stale: drop it from the file.
    published = read_list(path)
    convention = CONVENTIONS[published.headers["convention"]]
    for i in published.excluded:
        first, second = published.names[i], published.names[i + 1]
        assert stroke_sort_key(first, convention) > stroke_sort_key(second, convention)
