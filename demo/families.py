"""The demo year's families: about 11,700 最美家庭, 好媳婦, 好婆婆 and other role models,
and the 2,000 city-level 美麗庭院示範戶 of the courtyard campaign.

Households and members are invented (seeded names, villages from the region
tree); private fields hold well-formed but fictitious values.
"""

from core.models import Level, Status
from demo.context import PHOTOS_PER_APP, DemoContext
from families.models import Family, FamilyPhoto, FamilyTitle, FamilyType, Tier

TITLES = [
    # slug, name, household?, rank
    ("zuimei-jiating", "最美家庭", True, 10),
    ("hao-xifu", "好媳婦", False, 20),
    ("hao-popo", "好婆婆", False, 30),
    ("wenming-jiating", "文明家庭", True, 40),
    ("meili-tingyuan-shifanhu", "美麗庭院示範戶", True, 50),
]

# 11,712 role models (the report's 1.17萬戶(人)), by title and level.
ROLE_MODELS = [
    ("zuimei-jiating", Level.COUNTY, 6_400),
    ("zuimei-jiating", Level.CITY, 1_600),
    ("zuimei-jiating", Level.PROVINCIAL, 32),
    ("zuimei-jiating", Level.NATIONAL, 2),
    ("hao-xifu", Level.COUNTY, 1_500),
    ("hao-xifu", Level.CITY, 300),
    ("hao-popo", Level.COUNTY, 1_200),
    ("hao-popo", Level.CITY, 278),
    ("wenming-jiating", Level.COUNTY, 400),
]
COURTYARDS = ("meili-tingyuan-shifanhu", Level.CITY, 2_000)

BODIES = {
    Level.NATIONAL: "全國婦聯",
    Level.PROVINCIAL: "山東省婦聯",
    Level.CITY: "濱州市婦聯",
    Level.COUNTY: "{county}婦聯",
}
MEMBERS = ["丈夫、公婆、一子一女", "丈夫、兒子、兒媳、孫女", "丈夫、一女", "愛人、父母、兩個兒子"]
STORIES = {
    FamilyType.FILIAL: "照顧癱瘓在床的婆婆{n}年如一日，端水餵飯、擦洗翻身，鄰里稱讚。",
    FamilyType.EDUCATION: "重視家庭教育，言傳身教，{n}個子女都成長為有用之才。",
    FamilyType.GREEN: "堅持垃圾分類、庭院綠化，帶動周邊{n}戶鄰居建設美麗庭院。",
    FamilyType.INTEGRITY: "家中{n}人在公職崗位，恪守清廉家風，以廉養德。",
    FamilyType.THRIFT: "勤儉持家，發展庭院經濟，年增收{n}萬元。",
    FamilyType.NEIGHBOURLY: "熱心幫扶鄰里，{n}年來義務接送村裡留守兒童上學。",
    FamilyType.DEVOTION: "夫妻二人紮根鄉村教育{n}年，愛崗敬業。",
    FamilyType.VOLUNTEER: "全家參加志願服務，累計服務{n}餘小時。",
}
COURTYARD_STORY = "庭院整潔美觀，種植瓜果蔬菜，發展庭院經濟。"


def load(context: DemoContext) -> int:
    """Create the family titles and the 2022 families; skip when already there."""
    if FamilyTitle.objects.filter(slug=TITLES[0][0]).exists():
        return 0
    gen = context.generator("families")
    rng = gen.rng
    titles = {
        slug: FamilyTitle.objects.create(slug=slug, name=name, is_household=household, rank=rank)
        for slug, name, household, rank in TITLES
    }
    families: list[Family] = []
    seen: set[tuple] = set()
    for slug, level, count in [*ROLE_MODELS, COURTYARDS]:
        title = titles[slug]
        for _ in range(count):
            while True:
                village = rng.choice(context.villages)
                female = not title.is_household or rng.random() < 0.5
                name = gen.person_name(female=female if slug != "hao-popo" else True)
                key = (name, village.pk, title.pk, level)
                if key not in seen:
                    seen.add(key)
                    break
            county = context.ancestor(village, 1)
            family_type = "" if slug == COURTYARDS[0] else rng.choice(FamilyType.values)
            story = (
                COURTYARD_STORY
                if not family_type
                else STORIES[family_type].format(n=rng.randrange(2, 30))
            )
            family = Family(
                title=title,
                tier=_tier(rng, slug, level),
                family_type=family_type,
                level=level,
                year=context.year,
                region=village,
                name=name,
                members=rng.choice(MEMBERS) if title.is_household else "",
                conferring_body=BODIES[level].format(county=county.name),
                story=story,
                phone=gen.phone(),
                address=_address(context, village, rng.randrange(1, 200)),
                status=Status.CONFERRED,
            )
            family.derive_keys()
            families.append(family)
    Family.objects.bulk_create(families, batch_size=1000)
    city_models = [f for f in families if f.level == Level.CITY and f.title.is_household]
    for position, family in enumerate(city_models[:PHOTOS_PER_APP]):
        FamilyPhoto.objects.create(
            family=family, image=gen.photo("house"), caption=f"{family.name}家", position=position
        )
    return len(families)


def _address(context: DemoContext, village, number: int) -> str:
    county, town = context.ancestor(village, 1), context.ancestor(village, 2)
    return f"{county.name}{town.name}{village.name}{number}號"


def _tier(rng, slug: str, level: str) -> str:
    """City-level 最美家庭 are listed as 標兵, 稱號 or 提名; other lists have no tier."""
    if slug != "zuimei-jiating" or level != Level.CITY:
        return ""
    return rng.choices([Tier.MODEL, Tier.TITLE, Tier.NOMINEE], weights=[1, 6, 3])[0]
