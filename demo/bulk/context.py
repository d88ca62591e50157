"""A large generated data set for benchmarks: what every bulk piece shares.

`manage.py generate_bulk` runs the pieces of `demo.pieces.BULK` in order (the region
tree first); each piece is a `generate(context: BulkContext) -> int`.

The pieces write through the services' door for generators
(core.services.insert_generated): records as they stand (mostly conferred), their keys
derived, by COPY FROM on PostgreSQL.
"""

import datetime
import random
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from faker.providers.person.zh_CN import Provider as ChineseNames

from core import services
from core.models import Region, Status
from core.validators import id_number_check_char
from demo.context import RegionTree

BATCH = 2000


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
        """Insert `objects` through the generators' door, a batch at a time, the progress
        bar following."""
        progress = self.progress(label, total)
        for batch in batched(iter(objects)):
            services.insert_generated(model, batch, batch_size=len(batch))
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
    """Fast seeded Chinese personal names, simplified, from Faker's zh_CN lists as they are.

    Drawing from the lists directly is faster than a Faker call per name; no name is
    converted (a converter changes surnames: 于 to 於, 余 to 餘).
    """

    def __init__(self, rng: random.Random):
        self.rng = rng
        surnames = list(ChineseNames.last_names.items())
        self.surnames = [s for s, _ in surnames]
        self.surname_weights = [w for _, w in surnames]
        self.female = list(ChineseNames.first_names_female)
        self.male = list(ChineseNames.first_names_male)
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
