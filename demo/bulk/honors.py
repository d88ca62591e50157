"""Bulk honours and their recipients for benchmarks (see demo/bulk/context.py).

Titles, units, posts and deeds are the demo year's (demo/honors.py). About one
honour in seven goes to someone honoured before (another title, level or year),
as the same people are honoured again over the years. Individuals get a
well-formed invented ID number, unique in the table.
"""

import datetime

from core import services
from core.models import Level, Region, Status
from demo.bulk.context import RECOGNITION_STATUS_WEIGHTS, BulkContext, date_in
from demo.honors import (
    CITY_BODY,
    COLLECTIVE_PATTERNS,
    COMPANIES,
    DEEDS,
    MINORITIES,
    NATION_BODY,
    POSTS_BY_UNIT,
    PROVINCE_BODY,
    TITLES,
)
from honors.models import Channel, Honor, HonorTitle, Recipient, RecipientKind

IND, COL = RecipientKind.INDIVIDUAL, RecipientKind.COLLECTIVE
LEVEL_WEIGHTS = [(Level.COUNTY, 45), (Level.CITY, 45), (Level.PROVINCIAL, 8), (Level.NATIONAL, 2)]
REPEAT_SHARE = 0.15
CHUNK = 2000


def generate(context: BulkContext) -> int:
    total = context.sizes.get("honors", 0)
    if not total:
        return 0
    maker = _HonorMaker(context)
    progress = context.progress("honours", total)
    made = 0
    while made < total:
        recipients, honors = maker.chunk(min(CHUNK, total - made))
        services.insert_generated(Recipient, recipients)
        for honor in honors:
            honor.recipient = honor.recipient  # its key, now that the recipient has one
        services.insert_generated(Honor, honors)
        made += len(honors)
        progress.advance(len(honors))
    progress.close()
    return made


class _HonorMaker:
    def __init__(self, context: BulkContext):
        self.context = context
        self.rng = context.rng("honors")
        self.names = context.names("honors")
        self.titles = list(HonorTitle.objects.all())
        if not any(title.slug == TITLES[0][0] for title in self.titles):
            raise RuntimeError("honour titles are missing: run `manage.py load_demo` first")
        self.year_weights = context.year_weights()
        self.levels, self.level_weights = zip(*LEVEL_WEIGHTS, strict=True)
        self.statuses, self.status_weights = zip(*RECOGNITION_STATUS_WEIGHTS, strict=True)
        self.id_numbers = set(
            Recipient.objects.exclude(id_number="").values_list("id_number", flat=True)
        )
        self.collective_names = set(
            Recipient.objects.filter(kind=COL).values_list("name", flat=True)
        )
        # Only recipients made here are honoured again, so (recipient, title, level, year)
        # stays unique by comparing these objects.
        self.awards: set[tuple] = set()
        self.villages_by_county: dict[str, list[Region]] = {}
        for village in context.villages:
            county_code = village.ancestor_codes[1]
            self.villages_by_county.setdefault(county_code, []).append(village)
        # Recipients made so far, to honour some of them again; with their county.
        self.earlier: list[tuple[Recipient, Region]] = []

    def place(self, village: Region) -> dict[str, str]:
        return {
            "county": self.context.ancestor(village, 1).name,
            "town": self.context.ancestor(village, 2).name,
            "village": village.name,
            "company": self.rng.choice(COMPANIES),
        }

    def chunk(self, count: int) -> tuple[list[Recipient], list[Honor]]:
        recipients: list[Recipient] = []
        honors: list[Honor] = []
        while len(honors) < count:
            honor = self.honor(recipients)
            if honor is not None:
                honors.append(honor)
        return recipients, honors

    def honor(self, new_recipients: list[Recipient]) -> Honor | None:
        rng = self.rng
        title = rng.choice(self.titles)
        level = rng.choices(self.levels, self.level_weights)[0]
        year = rng.choices(self.context.years, self.year_weights)[0]
        candidates = [(r, c) for r, c in self.earlier[-500:] if r.kind == title.recipient_kind]
        if candidates and rng.random() < REPEAT_SHARE:
            recipient, county = rng.choice(candidates)
            key = (id(recipient), title.pk, level, year)
            if key in self.awards:
                return None  # honoured so already: draw again
            village = rng.choice(self.villages_by_county[county.code])
        else:
            village = rng.choice(self.context.villages)
            county = self.context.ancestor(village, 1)
            recipient = self.recipient(title, county)
            new_recipients.append(recipient)
            self.earlier.append((recipient, county))
            key = (id(recipient), title.pk, level, year)
        self.awards.add(key)
        place = self.place(village)
        if title.recipient_kind == IND:
            unit_pattern, posts = rng.choice(POSTS_BY_UNIT)
            unit, post = unit_pattern.format(**place), rng.choice(posts)
        else:
            unit, post = "", ""
        region = rng.choices(
            [county, self.context.ancestor(village, 2), village], weights=[5, 3, 2]
        )[0]
        month = rng.choice([3, 6, 9, 10, 11])
        conferred = date_in(rng, year, month)
        notice_start = conferred - datetime.timedelta(days=14)
        status = rng.choices(self.statuses, self.status_weights)[0]
        body, channel = {
            Level.NATIONAL: (NATION_BODY, Channel.RECOMMENDED),
            Level.PROVINCIAL: (PROVINCE_BODY, Channel.RECOMMENDED),
            Level.CITY: (CITY_BODY, Channel.CONFERRED),
            Level.COUNTY: (f"{county.name}妇联", Channel.CONFERRED),
        }[level]
        return Honor(
            title=title,
            level=level,
            year=year,
            region=region,
            channel=channel,
            conferring_body=body,
            document_number=f"滨妇字〔{year}〕{month + 2}号" if level == Level.CITY else "",
            recipient=recipient,
            unit=unit,
            post=post,
            deeds=rng.choice(DEEDS).format(n=rng.randrange(5, 300)),
            status=status,
            notice_start=notice_start if status != Status.DRAFT else None,
            notice_end=notice_start + datetime.timedelta(days=6)
            if status != Status.DRAFT
            else None,
            objection_contact="滨州市妇联组宣部 0543-3160000",
            revoked_reason="经核实，事迹材料与实际情况不符。" if status == Status.REVOKED else "",
        )

    def recipient(self, title: HonorTitle, county: Region) -> Recipient:
        rng = self.rng
        if title.recipient_kind == IND:
            female = title.slug == "sanba-hongqishou" or rng.random() < 0.9
            while True:
                id_number = self.names.id_number(county.code, female, rng.randrange(1960, 2000))
                if id_number not in self.id_numbers:
                    self.id_numbers.add(id_number)
                    break
            recipient = Recipient(
                kind=IND,
                name=self.names.person(female),
                gender="female" if female else "male",
                ethnicity=rng.choice(MINORITIES) if rng.random() < 0.05 else "",
                id_number=id_number,
                phone=self.names.phone(),
            )
        else:
            patterns = ["{county}{town}{village}"] if "村" in title.name else COLLECTIVE_PATTERNS
            for _attempt in range(50):
                village = rng.choice(self.context.villages)
                name = rng.choice(patterns).format(**self.place(village))
                if name not in self.collective_names:
                    break
            else:
                name = f"{name}（{len(self.collective_names)}）"
            self.collective_names.add(name)
            recipient = Recipient(kind=COL, name=name, gender="")
        return recipient
