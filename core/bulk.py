"""A large generated data set for benchmarks: the shared context and the region tree.

`manage.py generate_bulk` runs each app's `bulk.py` (`generate(context) -> int`)
in INSTALLED_APPS order, as `load_demo` runs the `demo.py` pieces, so core
imports no app. Core's piece widens the demo region tree first: more towns per
county and more villages per town, with stable codes of the same 12-digit style
(town = county code + 3 digits + "000", village = the town's first 9 digits + 3
digits); the names are generated from the seed.

Bulk writers skip `save()`, so every record's derived columns are filled the way
`save()` would fill them before `bulk_create` (see each app's piece).
"""

import datetime
import random
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from faker.providers.person.zh_CN import Provider as ChineseNames

from core import text
from core.demo import COMMUNITY_PATTERNS, VILLAGE_PATTERNS, Generator, RegionTree
from core.models import Region, Status
from core.validators import id_number_check_char

# Generated towns are numbered from 101 and generated villages of the demo's towns
# from 301, so they never meet the demo's codes (001–007, 001–002 and 200–205).
FIRST_BULK_TOWN = 101
FIRST_BULK_VILLAGE_IN_DEMO_TOWN = 301
BATCH = 2000

# Characters that town and village names are made of (written in traditional script,
# as the demo records are).
PLACE_FIRST = "東西南北前後大小新老高安永興和豐平長雙三五廣太清寧富順萬"
PLACE_SECOND = "河橋莊集店廟營屯寨坊灣嶺口城埠堡塘溝窪莊林台陽亭"
STREET_SUFFIX = "街道"
TOWN_SUFFIX = "鎮"


def bulk_marker_exists() -> bool:
    """Whether generated regions are there already (a second run is refused)."""
    return Region.objects.filter(
        level=Region.Level.TOWN, code__regex=r"^[0-9]{6}(1[0-9]{2}|[2-9][0-9]{2})000$"
    ).exists()


class Progress:
    """A bar on a stream (the command's stderr): label, bar, done/total, rate."""

    def __init__(self, write: Callable[[str], None], label: str, total: int):
        self.write, self.label, self.total = write, label, max(total, 1)
        self.started = time.perf_counter()
        self.done = 0
        self._shown = -1.0
        self.update(0)

    def update(self, done: int) -> None:
        self.done = done
        now = time.perf_counter()
        if done < self.total and now - self._shown < 0.2:
            return
        self._shown = now
        width = 30
        filled = width * min(done, self.total) // self.total
        bar = "█" * filled + "·" * (width - filled)
        elapsed = now - self.started
        rate = done / elapsed if elapsed > 0 else 0
        self.write(f"\r{self.label:<12} {bar} {done:>7}/{self.total} {rate:>7.0f}/s")

    def advance(self, count: int) -> None:
        self.update(self.done + count)

    def close(self) -> None:
        if self.done < self.total:
            self.update(self.total)
        elapsed = time.perf_counter() - self.started
        self.write(f" {elapsed:.1f} s\n")


# How the generated honours and families stand: nearly all conferred, a few under way.
RECOGNITION_STATUS_WEIGHTS = [
    (Status.CONFERRED, 94),
    (Status.NOTICE, 2),
    (Status.SUBMITTED, 1.5),
    (Status.DRAFT, 1.5),
    (Status.REJECTED, 0.5),
    (Status.REVOKED, 0.5),
]


@dataclass
class BulkContext(RegionTree):
    """What every app's bulk piece shares: sizes, years, seed, regions and names."""

    seed: int
    years: list[int]
    sizes: dict[str, int]
    towns_per_county: int = 12
    towns_per_zone: int = 6
    villages_per_town: int = 40
    write: Callable[[str], None] = field(default=lambda _text: None)

    def rng(self, name: str) -> random.Random:
        """A random stream of its own for each piece, so each piece is stable on its own."""
        return random.Random(f"bulk-{self.seed}-{name}")

    def progress(self, label: str, total: int) -> Progress:
        return Progress(self.write, label, total)

    def insert(self, model, objects: Iterable, label: str, total: int) -> None:
        """Insert `objects` with bulk_create, a batch at a time, the progress bar following."""
        progress = self.progress(label, total)
        for batch in batched(iter(objects)):
            model.objects.bulk_create(batch, batch_size=len(batch))
            progress.advance(len(batch))
        progress.close()

    # ------------------------------------------------------------ years and people

    def year_weights(self) -> list[float]:
        """Later years have more records (the federation's work grew), 2.2× from first to last."""
        span = max(len(self.years) - 1, 1)
        return [1 + 1.2 * index / span for index in range(len(self.years))]

    def names(self, name: str) -> "NameMaker":
        return NameMaker(self.rng(f"names-{name}"))


class NameMaker:
    """Fast seeded Chinese personal names in traditional script, from Faker's zh_CN lists.

    Faker itself costs a conversion per name; these pools are converted once.
    """

    def __init__(self, rng: random.Random):
        self.rng = rng
        convert = Generator.traditional
        surnames = list(ChineseNames.last_names.items())
        self.surnames = [convert(s) for s, _ in surnames]
        self.surname_weights = [w for _, w in surnames]
        self.female = [convert(n) for n in ChineseNames.first_names_female]
        self.male = [convert(n) for n in ChineseNames.first_names_male]
        # Single characters to make two-character given names, for more distinct names.
        self.female_chars = sorted({c for n in self.female for c in n})
        self.male_chars = sorted({c for n in self.male for c in n})

    def surname(self) -> str:
        return self.rng.choices(self.surnames, self.surname_weights)[0]

    def person(self, female: bool = True) -> str:
        given_names, chars = (
            (self.female, self.female_chars) if female else (self.male, self.male_chars)
        )
        if self.rng.random() < 0.55:
            given = self.rng.choice(given_names)
        else:
            given = self.rng.choice(chars) + self.rng.choice(chars)
        return self.surname() + given

    def phone(self) -> str:
        return f"1{self.rng.choice('3578')}{self.rng.randrange(10**9):09d}"

    def id_number(self, county_code: str, female: bool, birth_year: int) -> str:
        birth = datetime.date(birth_year, 1, 1) + datetime.timedelta(days=self.rng.randrange(365))
        sequence = self.rng.randrange(100)
        gender_digit = self.rng.choice("02468" if female else "13579")
        first17 = f"{county_code[:6]}{birth:%Y%m%d}{sequence:02d}{gender_digit}"
        return first17 + id_number_check_char(first17)


def date_in(rng: random.Random, year: int, month: int | None = None) -> datetime.date:
    if month is None:
        return datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
    return datetime.date(year, month, 1) + datetime.timedelta(days=rng.randrange(25))


def batched(items: Iterator, size: int = BATCH) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


# ---------------------------------------------------------------- the region tree


def _region(code: str, name: str, level: str, parent: Region) -> Region:
    """A region as `Region.save()` would store it (bulk_create skips save)."""
    region = Region(code=code, name=name, level=level, parent=parent)
    region.path = f"{parent.path}{code}/"
    region.search_text = f"{text.normalize_for_search(name)} {code}"
    return region


def _unique_name(rng: random.Random, used: set[str], make: Callable[[], str]) -> str:
    for _attempt in range(200):
        name = make()
        if name not in used:
            used.add(name)
            return name
    # The generated names ran out (very many regions): number the last one.
    base = make()
    number = 2
    while f"{base}{number}" in used:
        number += 1
    used.add(f"{base}{number}")
    return f"{base}{number}"


def generate(context: BulkContext) -> int:
    """Add towns to each county and villages to each town; returns how many regions were made."""
    rng = context.rng("regions")
    names = context.names("regions")
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

            def make(suffix=suffix) -> str:
                return rng.choice(PLACE_FIRST) + rng.choice(PLACE_SECOND) + suffix

            code = f"{county.code}{FIRST_BULK_TOWN + index:03d}000"
            new_towns.append(
                _region(code, _unique_name(rng, town_names, make), Region.Level.TOWN, county)
            )
    Region.objects.bulk_create(new_towns, batch_size=BATCH)

    villages_by_town: dict[int, list[Region]] = {}
    for village in context.villages:
        villages_by_town.setdefault(village.parent_id, []).append(village)
    new_villages: list[Region] = []
    for town in [*context.towns, *new_towns]:
        existing = villages_by_town.get(town.pk, [])
        used = {village.name for village in existing}
        is_demo_town = int(town.code[6:9]) < FIRST_BULK_TOWN
        street = town.name.endswith(STREET_SUFFIX)
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

            def make(patterns=patterns) -> str:
                return rng.choice(patterns).format(names.surname())

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
