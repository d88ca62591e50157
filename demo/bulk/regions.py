"""Bulk regions: the demo region tree widened, more towns per county and more villages per town.

Stable codes of the same 12-digit style (town = county code + 3 digits + "000", village =
the town's first 9 digits + 3 digits); the names are generated from the seed.
"""

import random
from collections.abc import Callable

from core import services
from core.models import Region
from demo.bulk.context import BATCH, BulkContext
from demo.regions import COMMUNITY_PATTERNS, VILLAGE_PATTERNS, place_name

# Generated towns are numbered from 101 and generated villages of the demo's towns
# from 301, so they never meet the demo's codes (001–007, 001–002 and 200–205).
FIRST_BULK_TOWN = 101
FIRST_BULK_VILLAGE_IN_DEMO_TOWN = 301

# Characters that town names are made of, simplified, each above its traditional form
# (typed, never converted: Region.name_hant holds the official traditional form).
PLACE_FIRST = "东西南北前后大小新老高安永兴和丰平长双三五广太清宁富顺万"
PLACE_FIRST_HANT = "東西南北前後大小新老高安永興和豐平長雙三五廣太清寧富順萬"
PLACE_SECOND = "河桥庄集店庙营屯寨坊湾岭口城埠堡塘沟洼庄林台阳亭"
PLACE_SECOND_HANT = "河橋莊集店廟營屯寨坊灣嶺口城埠堡塘溝窪莊林台陽亭"
STREET_SUFFIX = ("街道", "街道")
TOWN_SUFFIX = ("镇", "鎮")


def _region(code: str, names: tuple[str, str], level: str, parent: Region) -> Region:
    name, name_hant = names
    return Region(code=code, name=name, name_hant=name_hant, level=level, parent=parent)


def _unique_name(
    rng: random.Random, used: set[str], make: Callable[[], tuple[str, str]]
) -> tuple[str, str]:
    """A name not in `used` (simplified), with its traditional form."""
    for _attempt in range(200):
        name, name_hant = make()
        if name not in used:
            used.add(name)
            return name, name_hant
    # The generated names ran out (very many regions): number the last one.
    base, base_hant = make()
    number = 2
    while f"{base}{number}" in used:
        number += 1
    used.add(f"{base}{number}")
    return f"{base}{number}", f"{base_hant}{number}"


def generate(context: BulkContext) -> int:
    """Add towns to each county and villages to each town; returns how many regions were made."""
    rng = context.rng("regions")
    town_names = {town.name for town in context.towns}
    new_towns: list[Region] = []
    for county in context.counties:
        wanted = (
            context.towns_per_zone
            if county.level == Region.Level.ZONE
            else context.towns_per_county
        )
        have = sum(1 for town in context.towns if town.parent_id == county.pk)
        for index in range(max(wanted - have, 0)):
            suffix = STREET_SUFFIX if rng.random() < 0.35 else TOWN_SUFFIX

            def make(suffix=suffix) -> tuple[str, str]:
                first = rng.randrange(len(PLACE_FIRST))
                second = rng.randrange(len(PLACE_SECOND))
                return (
                    PLACE_FIRST[first] + PLACE_SECOND[second] + suffix[0],
                    PLACE_FIRST_HANT[first] + PLACE_SECOND_HANT[second] + suffix[1],
                )

            code = f"{county.code}{FIRST_BULK_TOWN + index:03d}000"
            new_towns.append(
                _region(code, _unique_name(rng, town_names, make), Region.Level.TOWN, county)
            )
    services.insert_generated(Region, new_towns, batch_size=BATCH)

    villages_by_town: dict[int, list[Region]] = {}
    for village in context.villages:
        villages_by_town.setdefault(village.parent_id, []).append(village)
    new_villages: list[Region] = []
    for town in [*context.towns, *new_towns]:
        existing = villages_by_town.get(town.pk, [])
        used = {village.name for village in existing}
        is_demo_town = int(town.code[6:9]) < FIRST_BULK_TOWN
        street = town.name.endswith(STREET_SUFFIX[0])
        for index in range(max(context.villages_per_town - len(existing), 0)):
            if is_demo_town:
                number = FIRST_BULK_VILLAGE_IN_DEMO_TOWN + index
            else:
                # Streets hold communities (001…), towns villages (201…), as the demo numbers them.
                communities = context.villages_per_town // (2 if street else 8)
                number = 1 + index if index < communities else 200 + index - communities + 1
            if number > 999:
                break
            patterns = (
                COMMUNITY_PATTERNS
                if (not is_demo_town and number < 200) or (street and rng.random() < 0.5)
                else VILLAGE_PATTERNS
            )

            def make(patterns=patterns) -> tuple[str, str]:
                return place_name(rng, patterns)

            new_villages.append(
                _region(
                    f"{town.code[:9]}{number:03d}",
                    _unique_name(rng, used, make),
                    Region.Level.VILLAGE,
                    town,
                )
            )
    context.insert(Region, new_villages, "regions", len(new_villages))
    context.forget_regions()
    return len(new_towns) + len(new_villages)
