"""The demo year's families: about 11,700 最美家庭, 好媳妇, 好婆婆 and other role models,
and the 2,000 city-level 美丽庭院示范户 of the courtyard campaign.

Households and members are invented (seeded names, villages from the region
tree); private fields hold well-formed but fictitious values.
"""

from core import services
from core.models import Level, Status
from demo.context import PHOTOS_PER_APP, DemoContext
from families.models import Family, FamilyPhoto, FamilyTitle, FamilyType, Tier

# The official traditional forms are typed beside the names (FamilyTitle.name_hant).
TITLES = [
    # slug, name, traditional name, household?, rank
    ("zuimei-jiating", "最美家庭", "最美家庭", True, 10),
    ("hao-xifu", "好媳妇", "好媳婦", False, 20),
    ("hao-popo", "好婆婆", "好婆婆", False, 30),
    ("wenming-jiating", "文明家庭", "文明家庭", True, 40),
    ("meili-tingyuan-shifanhu", "美丽庭院示范户", "美麗庭院示範戶", True, 50),
]

# 11,712 role models (the report's 1.17万户(人)), by title and level.
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
    Level.NATIONAL: "全国妇联",
    Level.PROVINCIAL: "山东省妇联",
    Level.CITY: "滨州市妇联",
    Level.COUNTY: "{county}妇联",
}
MEMBERS = ["丈夫、公婆、一子一女", "丈夫、儿子、儿媳、孙女", "丈夫、一女", "爱人、父母、两个儿子"]
STORIES = {
    FamilyType.FILIAL: "照顾瘫痪在床的婆婆{n}年如一日，端水喂饭、擦洗翻身，邻里称赞。",
    FamilyType.EDUCATION: "重视家庭教育，言传身教，{n}个子女都成长为有用之才。",
    FamilyType.GREEN: "坚持垃圾分类、庭院绿化，带动周边{n}户邻居建设美丽庭院。",
    FamilyType.INTEGRITY: "家中{n}人在公职岗位，恪守清廉家风，以廉养德。",
    FamilyType.THRIFT: "勤俭持家，发展庭院经济，年增收{n}万元。",
    FamilyType.NEIGHBOURLY: "热心帮扶邻里，{n}年来义务接送村里留守儿童上学。",
    FamilyType.DEVOTION: "夫妻二人扎根乡村教育{n}年，爱岗敬业。",
    FamilyType.VOLUNTEER: "全家参加志愿服务，累计服务{n}余小时。",
}
COURTYARD_STORY = "庭院整洁美观，种植瓜果蔬菜，发展庭院经济。"


def load(context: DemoContext) -> int:
    """Create the family titles and the 2022 families; skip when already there."""
    if FamilyTitle.objects.filter(slug=TITLES[0][0]).exists():
        return 0
    gen = context.generator("families")
    rng = gen.rng
    titles = {
        slug: services.save_record(
            FamilyTitle(
                slug=slug, name=name, name_hant=name_hant, is_household=household, rank=rank
            ),
            user=None,
        )
        for slug, name, name_hant, household, rank in TITLES
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
            families.append(family)
    services.insert_generated(Family, families)
    city_models = [f for f in families if f.level == Level.CITY and f.title.is_household]
    for position, family in enumerate(city_models[:PHOTOS_PER_APP]):
        services.save_record(
            FamilyPhoto(
                family=family,
                image=gen.photo("house"),
                caption=f"{family.name}家",
                position=position,
            ),
            user=None,
        )
    return len(families)


def _address(context: DemoContext, village, number: int) -> str:
    county, town = context.ancestor(village, 1), context.ancestor(village, 2)
    return f"{county.name}{town.name}{village.name}{number}号"


def _tier(rng, slug: str, level: str) -> str:
    """City-level 最美家庭 are listed as 标兵, 称号 or 提名; other lists have no tier."""
    if slug != "zuimei-jiating" or level != Level.CITY:
        return ""
    return rng.choices([Tier.MODEL, Tier.TITLE, Tier.NOMINEE], weights=[1, 6, 3])[0]
