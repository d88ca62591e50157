"""What every piece of the demo year shares: seeded generators and the region tree.

All content is generated from a fixed seed: the names and stories are realistic but
invented. Everything is written in simplified characters, as a Shandong federation writes
(the source report reached us converted to traditional); names never pass through a
converter: a person's name is Faker's zh_CN name as it comes, and the traditional forms of
region and title names are typed beside them (Region.name_hant, HonorTitle.name_hant …).
"""

import datetime
import io
import random
from functools import cached_property

from django.core.files.base import ContentFile
from faker import Faker
from PIL import Image, ImageDraw

from core.models import Region
from core.validators import id_number_check_char

DEMO_YEAR = 2022
# How many records of each app get a generated photo.
PHOTOS_PER_APP = 12
SEED = 20220308
# The demo city (滨州市): the root of the region tree every piece hangs its records on.
CITY_CODE = "371600"


def spread(rng: random.Random, total: int, parts: int, minimum: int = 1) -> list[int]:
    """Split `total` into `parts` whole numbers of at least `minimum`, adding up exactly.

    Parts vary around the mean (weights from 0.5 to 1.5), as real events do.
    """
    if parts * minimum > total:
        raise ValueError(f"cannot split {total} into {parts} parts of at least {minimum}")
    weights = [rng.uniform(0.5, 1.5) for _ in range(parts)]
    spare = total - parts * minimum
    shares = [spare * weight / sum(weights) for weight in weights]
    values = [minimum + int(share) for share in shares]
    # Hand the rounding remainder to the parts that lost the most to it.
    by_remainder = sorted(range(parts), key=lambda i: shares[i] - int(shares[i]), reverse=True)
    for index in by_remainder[: total - sum(values)]:
        values[index] += 1
    return values


class Generator:
    """Seeded random content for one demo piece, so each piece is stable on its own."""

    def __init__(self, name: str, year: int = DEMO_YEAR):
        self.rng = random.Random(f"{SEED}-{name}")
        self.faker = Faker("zh_CN")
        self.faker.seed_instance(f"{SEED}-{name}")
        self.year = year

    def person_name(self, female: bool = True) -> str:
        """A simplified name as Faker's zh_CN lists give it: never converted (于 is not 於)."""
        return self.faker.name_female() if female else self.faker.name_male()

    def id_number(self, region: Region, female: bool, birth_year: int) -> str:
        """A well-formed but invented ID number: region prefix, birth date, check digit."""
        birth = datetime.date(birth_year, 1, 1) + datetime.timedelta(days=self.rng.randrange(365))
        sequence = self.rng.randrange(0, 99)
        gender_digit = self.rng.choice("02468" if female else "13579")
        first17 = f"{region.code[:6]}{birth:%Y%m%d}{sequence:02d}{gender_digit}"
        return first17 + id_number_check_char(first17)

    def phone(self) -> str:
        return f"1{self.rng.choice('3578')}{self.rng.randrange(10**9):09d}"

    def date_in_year(self, year: int | None = None) -> datetime.date:
        start = datetime.date(year or self.year, 1, 1)
        return start + datetime.timedelta(days=self.rng.randrange(365))

    def spread(self, total: int, parts: int, minimum: int = 1) -> list[int]:
        return spread(self.rng, total, parts, minimum)

    def photo(self, subject: str = "person") -> ContentFile:
        """A generated JPEG: a soft gradient with a figure or a house on it, no real person."""
        width, height = (600, 800) if subject == "person" else (800, 600)
        top = tuple(self.rng.randrange(150, 256) for _ in range(3))
        bottom = tuple(self.rng.randrange(60, 160) for _ in range(3))
        image = Image.new("RGB", (width, height))
        draw = ImageDraw.Draw(image)
        for y in range(height):
            mix = y / height
            draw.line(
                [(0, y), (width, y)],
                fill=tuple(int(a * (1 - mix) + b * mix) for a, b in zip(top, bottom, strict=True)),
            )
        accent = (179, 32, 42)
        if subject == "person":
            draw.ellipse([200, 160, 400, 360], fill=(238, 204, 170))
            draw.ellipse([120, 400, 480, 900], fill=accent)
        else:
            draw.polygon([(200, 300), (400, 140), (600, 300)], fill=accent)
            draw.rectangle([240, 300, 560, 500], fill=(245, 240, 230))
            draw.rectangle([370, 380, 430, 500], fill=(120, 80, 50))
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=80)
        return ContentFile(buffer.getvalue(), name=f"{subject}.jpg")


class RegionTree:
    """The demo city's region tree, each level read once (demo and bulk pieces share it)."""

    @cached_property
    def city(self) -> Region:
        return Region.objects.get(code=CITY_CODE)

    @cached_property
    def counties(self) -> list[Region]:
        """Counties, districts and functional zones: the units figures roll up to."""
        return list(Region.objects.filter(parent__code=CITY_CODE).order_by("code"))

    @cached_property
    def towns(self) -> list[Region]:
        return list(Region.objects.filter(level=Region.Level.TOWN).order_by("code"))

    @cached_property
    def villages(self) -> list[Region]:
        return list(Region.objects.filter(level=Region.Level.VILLAGE).order_by("code"))

    @cached_property
    def by_code(self) -> dict[str, Region]:
        return {r.code: r for r in [self.city, *self.counties, *self.towns, *self.villages]}

    def ancestor(self, region: Region, depth: int) -> Region:
        """The region's ancestor at `depth` (0 city, 1 county, 2 town)."""
        return self.by_code[region.ancestor_codes[depth]]

    def forget_regions(self) -> None:
        """Read the tree again next time (after regions were added)."""
        for name in ("counties", "towns", "villages", "by_code"):
            self.__dict__.pop(name, None)


class DemoContext(RegionTree):
    """What every app's demo piece shares: the year and the region tree."""

    year = DEMO_YEAR

    def generator(self, name: str) -> Generator:
        return Generator(name, self.year)
