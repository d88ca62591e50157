"""The demo year's honours: the 2022 report's 三八红旗 lists and the other titles it counts.

Every recipient is invented: names from a seeded generator, units from the
region tree. The counts are the report's: 11 三八红旗 honours at provincial
level or higher recommended by the federation, 180 conferred at city level,
40 最美基层妇联人 and 组织, 20 巾帼科技创新之星, 20 精品村, 30 标杆村, and the
collective honour the federation's own department received.
"""

import datetime
from dataclasses import dataclass

from core import services
from core.models import Level, Region, Status
from demo.context import PHOTOS_PER_APP, DemoContext, Generator
from honors.models import Channel, Honor, HonorTitle, Recipient, RecipientKind

IND, COL = RecipientKind.INDIVIDUAL, RecipientKind.COLLECTIVE

# The official traditional forms are typed beside the names (HonorTitle.name_hant).
TITLES = [
    # slug, name, traditional name, recipient kind, list rank, English name
    ("sanba-hongqishou", "三八红旗手", "三八紅旗手", IND, 10, "March 8th Red-Banner Pacesetter"),
    (
        "sanba-hongqi-jiti",
        "三八红旗集体",
        "三八紅旗集體",
        COL,
        20,
        "March 8th Red-Banner Collective",
    ),
    (
        "zuimei-jiceng-fulianren",
        "最美基层妇联人",
        "最美基層婦聯人",
        IND,
        30,
        "Most Beautiful Grassroots Federation Worker",
    ),
    (
        "zuimei-jiceng-fulian-zuzhi",
        "最美基层妇联组织",
        "最美基層婦聯組織",
        COL,
        40,
        "Most Beautiful Grassroots Federation",
    ),
    (
        "keji-chuangxin-zhixing",
        "巾帼科技创新之星",
        "巾幗科技創新之星",
        IND,
        50,
        "Women's Science and Innovation Star",
    ),
    (
        "huanghe-renjia-jingpincun",
        "“黄河人家”精品村",
        "「黃河人家」精品村",
        COL,
        60,
        "Yellow River Homes Model Village",
    ),
    (
        "meili-tingyuan-biaogancun",
        "美丽庭院标杆村",
        "美麗庭院標杆村",
        COL,
        70,
        "Beautiful Courtyard Benchmark Village",
    ),
    (
        "funu-ertong-xianjin-jiti",
        "妇女儿童工作先进集体",
        "婦女兒童工作先進集體",
        COL,
        80,
        "Advanced Collective in Work for Women and Children",
    ),
]

CITY_BODY = "滨州市妇联"
PROVINCE_BODY = "山东省妇联"
NATION_BODY = "全国妇联"

POSTS_BY_UNIT = [
    ("{county}{town}妇联", ["主席", "副主席", "执委"]),
    ("{county}人民医院", ["护士长", "主任医师", "妇产科主任"]),
    ("{county}第一实验学校", ["教师", "副校长", "班主任"]),
    ("{county}{town}{village}", ["党支部书记", "妇联主席", "村委会委员"]),
    ("{county}市场监督管理局", ["科长", "副局长"]),
    ("{county}人民法院", ["审判员", "家事审判庭庭长"]),
    ("滨州{company}有限公司", ["总经理", "技术总监", "车间主任"]),
]
COMPANIES = ["鲁北化工", "渤海新材料", "黄河纺织", "绿源食品", "华信电子", "沃丰农业"]
COLLECTIVE_PATTERNS = [
    "{county}{town}妇联",
    "{county}人民医院妇产科",
    "{county}人民检察院第二检察部",
    "{county}{town}{village}妇联",
    "滨州{company}有限公司研发中心",
    "{county}第一实验学校教研组",
]
MINORITIES = ["回族", "满族", "蒙古族"]
DEEDS = [
    "扎根基层二十年，带领妇女发展特色种植，帮助{n}名妇女增收致富。",
    "创新开展“妇女微家”活动，组织志愿服务{n}余场次，深受群众好评。",
    "立足岗位、勇于创新，带领团队攻克技术难题{n}项。",
    "热心公益，资助困境儿童{n}名，传递巾帼温暖。",
    "在疫情防控中冲锋在前，连续奋战{n}天，守护群众健康。",
]


@dataclass(frozen=True)
class HonorPlan:
    title: str
    level: str
    channel: str
    body: str
    count: int
    month: int


PLANS = [
    HonorPlan("sanba-hongqishou", Level.NATIONAL, Channel.RECOMMENDED, NATION_BODY, 1, 3),
    HonorPlan("sanba-hongqishou", Level.PROVINCIAL, Channel.RECOMMENDED, PROVINCE_BODY, 7, 3),
    HonorPlan("sanba-hongqi-jiti", Level.PROVINCIAL, Channel.RECOMMENDED, PROVINCE_BODY, 3, 3),
    HonorPlan("sanba-hongqishou", Level.CITY, Channel.CONFERRED, CITY_BODY, 120, 3),
    HonorPlan("sanba-hongqi-jiti", Level.CITY, Channel.CONFERRED, CITY_BODY, 60, 3),
    HonorPlan("zuimei-jiceng-fulianren", Level.CITY, Channel.CONFERRED, CITY_BODY, 25, 9),
    HonorPlan("zuimei-jiceng-fulian-zuzhi", Level.CITY, Channel.CONFERRED, CITY_BODY, 15, 9),
    HonorPlan("keji-chuangxin-zhixing", Level.CITY, Channel.CONFERRED, CITY_BODY, 20, 6),
    HonorPlan("huanghe-renjia-jingpincun", Level.CITY, Channel.CONFERRED, CITY_BODY, 20, 10),
    HonorPlan("meili-tingyuan-biaogancun", Level.CITY, Channel.CONFERRED, CITY_BODY, 30, 11),
]

# Figures rolled up by county need to know which counties had how many; the
# city's own department is honoured at city level.
OWN_DEPARTMENT = "滨州市妇联组宣部"


def load(context: DemoContext) -> int:
    """Create the titles and the 2022 honours; skip when the titles are already there."""
    if HonorTitle.objects.filter(slug=TITLES[0][0]).exists():
        return 0
    gen = context.generator("honors")
    titles = {
        slug: services.save_record(
            HonorTitle(
                slug=slug,
                name=name,
                name_hant=name_hant,
                recipient_kind=kind,
                rank=rank,
                name_en=name_en,
            ),
            user=None,
        )
        for slug, name, name_hant, kind, rank, name_en in TITLES
    }
    builder = _HonorBuilder(gen, context)
    for plan in PLANS:
        for number in range(1, plan.count + 1):
            builder.add(titles[plan.title], plan, number)
    builder.add_own_department(titles["funu-ertong-xianjin-jiti"])
    return builder.save()


class _HonorBuilder:
    def __init__(self, gen: Generator, context: DemoContext):
        self.gen = gen
        self.context = context
        self.recipients: list[Recipient] = []
        self.honors: list[Honor] = []
        self.names: set[str] = set()

    def _unique(self, make) -> str:
        while True:
            name = make()
            if name not in self.names:
                self.names.add(name)
                return name

    def _place(self, village: Region) -> dict[str, str]:
        town = self.context.ancestor(village, 2)
        county = self.context.ancestor(village, 1)
        return {
            "county": county.name,
            "town": town.name,
            "village": village.name,
            "company": self.gen.rng.choice(COMPANIES),
        }

    def add(self, title: HonorTitle, plan: HonorPlan, number: int) -> None:
        rng = self.gen.rng
        village = rng.choice(self.context.villages)
        place = self._place(village)
        county = self.context.ancestor(village, 1)
        if title.recipient_kind == IND:
            female = title.slug == "sanba-hongqishou" or rng.random() < 0.9
            recipient = Recipient(
                kind=IND,
                name=self._unique(lambda: self.gen.person_name(female)),
                gender="female" if female else "male",
                ethnicity=rng.choice(MINORITIES) if rng.random() < 0.05 else "",
                id_number=self.gen.id_number(county, female, rng.randrange(1965, 1995)),
                phone=self.gen.phone(),
            )
            unit_pattern, posts = rng.choice(POSTS_BY_UNIT)
            unit, post = unit_pattern.format(**place), rng.choice(posts)
        else:
            patterns = ["{county}{town}{village}"] if "村" in title.name else COLLECTIVE_PATTERNS

            def collective_name() -> str:
                village = rng.choice(self.context.villages)
                return rng.choice(patterns).format(**self._place(village))

            recipient = Recipient(kind=COL, name=self._unique(collective_name), gender="")
            unit, post = "", ""
        self._append(
            title,
            plan.level,
            plan.channel,
            plan.body,
            plan.month,
            recipient,
            county,
            unit,
            post,
            number,
        )

    def add_own_department(self, title: HonorTitle) -> None:
        recipient = Recipient(kind=COL, name=OWN_DEPARTMENT, gender="")
        self._append(
            title,
            Level.PROVINCIAL,
            Channel.RECOMMENDED,
            "中共山东省委、山东省人民政府",
            2,
            recipient,
            self.context.city,
            "",
            "",
            1,
        )

    def _append(self, title, level, channel, body, month, recipient, region, unit, post, number):
        conferred = datetime.date(self.context.year, month, 1) + datetime.timedelta(
            days=self.gen.rng.randrange(25)
        )
        notice_start = conferred - datetime.timedelta(days=14)
        recipient.derive_keys()
        self.recipients.append(recipient)
        honor = Honor(
            title=title,
            level=level,
            year=self.context.year,
            region=region,
            channel=channel,
            conferring_body=body,
            document_number=f"滨妇字〔{self.context.year}〕{month + 2}号"
            if body == CITY_BODY
            else "",
            recipient=recipient,
            unit=unit,
            post=post,
            deeds=self.gen.rng.choice(DEEDS).format(n=self.gen.rng.randrange(5, 300)),
            status=Status.CONFERRED,
            notice_start=notice_start,
            notice_end=notice_start + datetime.timedelta(days=6),
            objection_contact="滨州市妇联组宣部 0543-3160000",
        )
        self.honors.append(honor)

    def save(self) -> int:
        services.insert_generated(Recipient, self.recipients)
        for honor in self.honors:
            honor.recipient = honor.recipient  # its key, now that the recipient has one
        services.insert_generated(Honor, self.honors)
        individuals = [h for h in self.honors if h.recipient.kind == IND]
        for honor in individuals[:PHOTOS_PER_APP]:
            honor.photo.save("photo.jpg", self.gen.photo("person"), save=False)
            services.save_record(honor, user=None, keep_workflow=True)
        return len(self.honors)
