"""Bulk families for benchmarks: role models across the tree and years (see demo/bulk/context.py).

The titles, levels, stories and members are the demo year's (demo/families.py),
spread over every village of the widened tree and over the years asked for,
later years having more. Most records are conferred; the rest are at the other
workflow stages, each with the fields its stage needs.
"""

import datetime

from core.models import Level, Status
from demo.bulk.context import RECOGNITION_STATUS_WEIGHTS, BulkContext, date_in
from demo.families import BODIES, COURTYARD_STORY, MEMBERS, ROLE_MODELS, STORIES, TITLES, _tier
from families.models import Family, FamilyTitle, FamilyType

# The courtyard campaign (美丽庭院) started in 2018.
COURTYARDS_FROM = 2018
COURTYARD_SHARE = 0.15


def generate(context: BulkContext) -> int:
    total = context.sizes.get("families", 0)
    if not total:
        return 0
    rng = context.rng("families")
    names = context.names("families")
    titles = {title.slug: title for title in FamilyTitle.objects.all()}
    if TITLES[0][0] not in titles:
        raise RuntimeError("family titles are missing: run `manage.py load_demo` first")
    courtyard_slug = TITLES[4][0]
    plans = [(titles[slug], level, count) for slug, level, count in ROLE_MODELS]
    plan_weights = [count for _, _, count in plans]
    statuses, status_weights = zip(*RECOGNITION_STATUS_WEIGHTS, strict=True)
    year_weights = context.year_weights()
    villages = context.villages
    seen = set(Family.objects.values_list("name", "region_id", "title_id", "level", "year"))

    def families():
        for _ in range(total):
            year = rng.choices(context.years, year_weights)[0]
            if year >= COURTYARDS_FROM and rng.random() < COURTYARD_SHARE:
                title, level = titles[courtyard_slug], Level.CITY
            else:
                title, level, _count = rng.choices(plans, plan_weights)[0]
            while True:
                village = rng.choice(villages)
                female = not title.is_household or rng.random() < 0.5
                name = names.person(female=True if title.slug == "hao-popo" else female)
                key = (name, village.pk, title.pk, level, year)
                if key not in seen:
                    seen.add(key)
                    break
            county = context.ancestor(village, 1)
            town = context.ancestor(village, 2)
            family_type = "" if title.slug == courtyard_slug else rng.choice(FamilyType.values)
            story = (
                COURTYARD_STORY
                if not family_type
                else STORIES[family_type].format(n=rng.randrange(2, 30))
            )
            status = rng.choices(statuses, status_weights)[0]
            conferred = date_in(rng, year, rng.choice([3, 5, 9, 12]))
            notice_start = conferred - datetime.timedelta(days=14)
            family = Family(
                title=title,
                tier=_tier(rng, title.slug, level),
                family_type=family_type,
                level=level,
                year=year,
                region=village,
                name=name,
                members=rng.choice(MEMBERS) if title.is_household else "",
                conferring_body=BODIES[level].format(county=county.name),
                story=story,
                phone=names.phone(),
                address=f"{county.name}{town.name}{village.name}{rng.randrange(1, 300)}号",
                status=status,
                notice_start=notice_start if status != Status.DRAFT else None,
                notice_end=notice_start + datetime.timedelta(days=6)
                if status != Status.DRAFT
                else None,
                objection_contact=f"{county.name}妇联 0543-{rng.randrange(10**7):07d}",
                revoked_reason="经核实，事迹材料与实际情况不符。"
                if status == Status.REVOKED
                else "",
            )
            yield family

    context.insert(Family, families(), "families", total)
    return total
