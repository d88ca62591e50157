"""The demo year's programs, activities and stock figures, adding up to the 2022 report.

Each activity plan names a program, an activity kind, how many events, and the
totals the report gives for them; the totals are spread over the events and
regions at random (seeded), so the figures computed from the records are the
report's figures.
"""

from dataclasses import dataclass, replace
from decimal import Decimal

from demo.context import PHOTOS_PER_APP, DemoContext, Generator
from programs.models import Activity, FocusArea, Program, StockFigure, StockKind

A = FocusArea


@dataclass(frozen=True)
class ProgramSpec:
    slug: str
    name: str
    focus_area: str
    lead_unit: str
    description: str
    partner_units: str = ""
    name_en: str = ""


PROGRAMS = [
    ProgramSpec(
        "xin-xiang-dang",
        "「巾幗心向黨」主題宣講",
        A.GUIDANCE,
        "濱州市婦聯組宣部",
        "以「巾幗心向黨」為主題，開展「婦聯主席第一講」聯動、「走在前、開新局」巾幗宣講、"
        "「齊魯女性」宣講走進濱州、「我奮鬥·家國美」主題宣講聯動等活動。",
        name_en="'Women's Hearts Follow the Party' lecture tour",
    ),
    ProgramSpec(
        "huanghe-hun-volunteers",
        "「黃河魂·巾幗紅」志願服務",
        A.GUIDANCE,
        "濱州市婦聯",
        "廣泛開展進社區戰疫情、網絡素養教育進家庭、文明城市創建等志願服務活動。",
    ),
    ProgramSpec(
        "baiming-nuganbu",
        "「情系母親河 巾幗建新功」百名女幹部培訓班",
        A.DEVELOPMENT,
        "濱州市婦聯",
        "聯合市委組織部舉辦的女幹部培訓班。",
        partner_units="中共濱州市委組織部",
    ),
    ProgramSpec(
        "huanghe-training",
        "黃河流域生態保護和高質量發展專題示範培訓班",
        A.DEVELOPMENT,
        "濱州市婦聯",
        "圍繞黃河國家戰略培訓廣大婦女。",
        partner_units="中共濱州市委組織部",
    ),
    ProgramSpec(
        "huanghe-renjia",
        "「黃河人家」特色帶",
        A.DEVELOPMENT,
        "濱州市婦聯",
        "打造「黃河人家」特色帶，命名精品村。",
    ),
    ProgramSpec(
        "huiqi-dai",
        "巾幗惠企貸",
        A.DEVELOPMENT,
        "濱州市女企業家創業創新協會",
        "為女性創辦的企業提供貸款支持。",
        partner_units="濱州市婦聯",
    ),
    ProgramSpec(
        "keji-chuangxin",
        "科技創新巾幗行動",
        A.DEVELOPMENT,
        "濱州市婦聯",
        "評選市級巾幗科技創新之星，與淄博婦聯聯合開展「科技賦能 共贏未來」協作幫扶。",
        partner_units="淄博市婦聯",
    ),
    ProgramSpec(
        "chufeng",
        "「雛鳳」計劃",
        A.DEVELOPMENT,
        "濱州市婦聯",
        "舉辦女性專場招聘等活動，幫助婦女就業。",
    ),
    ProgramSpec(
        "xiangcun-zhenxing",
        "鄉村振興巾幗行動",
        A.DEVELOPMENT,
        "濱州市婦聯",
        "開展手工技能、家政服務等培訓和科技、金融等巾幗志願服務直通車。",
    ),
    ProgramSpec(
        "meili-tingyuan",
        "美麗庭院創建",
        A.DEVELOPMENT,
        "濱州市婦聯",
        "建設美麗庭院，命名市級美麗庭院和標桿村，助力鄉村生態振興。",
    ),
    ProgramSpec(
        "baiqianwan-jiating",
        "百千萬家庭共成長計劃",
        A.FAMILY,
        "濱州市婦聯",
        "常態化開展「最美家庭」尋找活動，選樹「最美家庭」「好媳婦」「好婆婆」等典型。",
    ),
    ProgramSpec(
        "jiating-jiaoyu-2411",
        "家庭教育「2411工程」",
        A.FAMILY,
        "濱州市婦聯",
        "貫徹落實《家庭教育促進法》，開展家庭教育促進法宣傳。",
        partner_units="濱州市教育局",
    ),
    ProgramSpec(
        "hao-jiafeng-xunzhan",
        "好家庭好家教好家風巡講巡展",
        A.FAMILY,
        "濱州市婦聯",
        "舉辦好家庭好家教好家風巡講巡展，以好家風帶動好社風。",
    ),
    ProgramSpec(
        "qilu-run-chunlei",
        "「齊魯潤春蕾」",
        A.RIGHTS,
        "濱州市婦聯",
        "募集騰訊99公益資金，服務困境兒童。",
    ),
    ProgramSpec(
        "shaoer-tuoguan",
        "少兒公益託管班",
        A.RIGHTS,
        "濱州市婦聯",
        "圍繞「12197」民生實事，舉辦少兒公益託管班。",
    ),
    ProgramSpec(
        "ertong-youhao",
        "兒童友好城市及社區建設",
        A.RIGHTS,
        "濱州市婦聯",
        "牽頭開展兒童友好城市及社區建設。",
    ),
    ProgramSpec(
        "liang-ai-jiancha",
        "「兩癌」免費檢查",
        A.RIGHTS,
        "濱州市婦聯",
        "為適齡婦女提供「兩癌」免費檢查。",
        partner_units="濱州市衛生健康委員會",
    ),
    ProgramSpec(
        "liang-ai-jiuzhu",
        "低收入「兩癌」婦女救助",
        A.RIGHTS,
        "濱州市婦聯",
        "為低收入「兩癌」婦女發放救助金。",
    ),
    ProgramSpec(
        "xinlingyu-fulian",
        "新領域婦聯組織建設",
        A.REFORM,
        "濱州市婦聯",
        "推動建立行業系統、「兩新」組織、「四新」領域等婦聯和「婦女微家」。",
    ),
    ProgramSpec(
        "zhiwei-peixun",
        "執委培訓與「執委領辦項目」",
        A.REFORM,
        "濱州市婦聯",
        "開展各級執委培訓，深化「執委領辦項目」活動。",
    ),
    ProgramSpec(
        "funu-ertong-jiayuan",
        "婦女兒童家園提質增效工程",
        A.REFORM,
        "濱州市婦聯",
        "實施婦女兒童家園提質增效工程，推動省級家園規範提升。",
    ),
]


@dataclass(frozen=True)
class ActivityPlan:
    """`events` activities of one kind whose fields add up to the given totals."""

    program: str
    kind: str
    titles: tuple[str, ...]
    events: int
    people: int = 0
    amount_yuan: int = 0
    jobs: int = 0
    at_town: bool = True


ACTIVITY_PLANS = [
    ActivityPlan(
        "xin-xiang-dang",
        "lecture",
        (
            "「婦聯主席第一講」聯動宣講",
            "「走在前、開新局」巾幗宣講",
            "「齊魯女性」宣講走進濱州",
            "「我奮鬥·家國美」主題宣講",
        ),
        762,
        people=75_500,
    ),
    ActivityPlan(
        "huanghe-hun-volunteers",
        "volunteer",
        ("進社區戰疫情志願服務", "網絡素養教育進家庭", "文明城市創建志願服務"),
        48,
        people=4_630,
    ),
    ActivityPlan(
        "baiming-nuganbu", "training", ("百名女幹部培訓班",), 1, people=100, at_town=False
    ),
    ActivityPlan(
        "huanghe-training",
        "training",
        ("黃河流域生態保護和高質量發展專題示範培訓",),
        120,
        people=38_900,
    ),
    ActivityPlan(
        "huiqi-dai", "loan", ("巾幗惠企貸放款",), 12, amount_yuan=15_000_000, at_town=False
    ),
    ActivityPlan(
        "keji-chuangxin", "other", ("「科技賦能 共贏未來」協作幫扶",), 2, people=160, at_town=False
    ),
    ActivityPlan("chufeng", "job_fair", ("女性專場招聘會",), 13, people=21_400, jobs=8_736),
    ActivityPlan(
        "xiangcun-zhenxing", "training", ("手工技能培訓", "家政服務培訓"), 72, people=16_320
    ),
    ActivityPlan(
        "xiangcun-zhenxing",
        "volunteer",
        ("科技志願服務直通車", "金融志願服務直通車"),
        115,
        people=42_480,
    ),
    ActivityPlan("jiating-jiaoyu-2411", "promotion", ("家庭教育促進法宣傳",), 612, people=48_960),
    ActivityPlan(
        "hao-jiafeng-xunzhan", "exhibition", ("好家庭好家教好家風巡講巡展",), 356, people=35_600
    ),
    ActivityPlan(
        "qilu-run-chunlei",
        "fundraising",
        ("「齊魯潤春蕾」騰訊99公益募集",),
        24,
        people=3_826,
        amount_yuan=1_304_600,
        at_town=False,
    ),
    ActivityPlan("shaoer-tuoguan", "daycare", ("少兒公益託管班",), 73, people=2_000),
    ActivityPlan("liang-ai-jiancha", "screening", ("「兩癌」免費檢查",), 150, people=111_300),
    ActivityPlan(
        "liang-ai-jiuzhu",
        "relief",
        ("低收入「兩癌」婦女救助金發放",),
        9,
        people=190,
        amount_yuan=1_120_000,
        at_town=False,
    ),
    ActivityPlan("zhiwei-peixun", "training", ("執委培訓",), 296, people=21_700),
]


@dataclass(frozen=True)
class StockPlan:
    slug: str
    name: str
    unit: str
    focus_area: str
    program: str
    value: int
    total: int | None = None
    total_label: str = ""


STOCK_PLANS = [
    # 167,275 of 439,042 rural households: a build rate of 38.1%.
    StockPlan(
        "courtyards",
        "美麗庭院建成戶數",
        "戶",
        A.DEVELOPMENT,
        "meili-tingyuan",
        167_275,
        total=439_042,
        total_label="農戶總數",
    ),
    StockPlan("studios", "巧手創業工作室、暖心港灣", "個", A.DEVELOPMENT, "xiangcun-zhenxing", 8),
    StockPlan("child-friendly", "兒童友好社區", "個", A.RIGHTS, "ertong-youhao", 25),
    StockPlan("new-federations", "新領域婦聯組織", "個", A.REFORM, "xinlingyu-fulian", 220),
    StockPlan("women-homes", "婦女微家", "個", A.REFORM, "xinlingyu-fulian", 11_046),
    StockPlan("projects-led", "執委領辦項目", "個", A.REFORM, "zhiwei-peixun", 18_130),
    StockPlan("deeds-done", "執委辦實事", "件", A.REFORM, "zhiwei-peixun", 20_215),
    StockPlan(
        "homes-upgraded", "省級婦女兒童家園規範提升", "個", A.REFORM, "funu-ertong-jiayuan", 13
    ),
]


def load(context: DemoContext) -> int:
    """Create the programs, their 2022 activities and year-end stock figures, and a smaller
    2021 beside them so that the report has a year before to compare with."""
    if Program.objects.filter(slug=PROGRAMS[0].slug).exists():
        return 0
    gen = context.generator("programs")
    programs = {}
    for spec in PROGRAMS:
        programs[spec.slug] = Program.objects.create(
            slug=spec.slug,
            name=spec.name,
            name_en=spec.name_en,
            focus_area=spec.focus_area,
            year_start=context.year - 1,
            lead_unit=spec.lead_unit,
            partner_units=spec.partner_units,
            description=spec.description,
            is_published=True,
        )
    for program in list(programs.values())[:PHOTOS_PER_APP]:
        program.cover.save("cover.jpg", gen.photo("house"), save=True)
    activities = [
        activity
        for year, share in [(context.year, 1), (context.year - 1, PREVIOUS_YEAR_SHARE)]
        for plan in ACTIVITY_PLANS
        for activity in _activities(
            gen,
            programs[plan.program],
            _scaled(plan, share),
            year,
            context.towns if plan.at_town else context.counties,
        )
    ]
    Activity.objects.bulk_create(activities, batch_size=1000)
    figures = 0
    for plan in STOCK_PLANS:
        kind = StockKind.objects.create(
            slug=plan.slug,
            name=plan.name,
            unit=plan.unit,
            total_label=plan.total_label,
            focus_area=plan.focus_area,
        )
        for year, share in [(context.year, 1), (context.year - 1, PREVIOUS_YEAR_SHARE)]:
            figures += _stock_figures(gen, context, programs[plan.program], kind, plan, year, share)
    return len(programs) + len(activities) + figures


# The year before is about this share of the demo year, figure by figure.
PREVIOUS_YEAR_SHARE = 0.85


def _scaled(plan: ActivityPlan, share: float) -> ActivityPlan:
    if share == 1:
        return plan
    return replace(
        plan,
        events=max(1, round(plan.events * share)),
        people=round(plan.people * share),
        amount_yuan=round(plan.amount_yuan * share),
        jobs=round(plan.jobs * share),
    )


def _activities(gen: Generator, program: Program, plan: ActivityPlan, year: int, regions):
    people = gen.spread(plan.people, plan.events, 0) if plan.people else [0] * plan.events
    amounts = (
        gen.spread(plan.amount_yuan, plan.events, 0) if plan.amount_yuan else [0] * plan.events
    )
    jobs = gen.spread(plan.jobs, plan.events, 0) if plan.jobs else [0] * plan.events
    for index in range(plan.events):
        region = gen.rng.choice(regions)
        yield Activity(
            program=program,
            title=f"{region.name}{plan.titles[index % len(plan.titles)]}",
            date=gen.date_in_year(year),
            region=region,
            kind=plan.kind,
            sessions=1,
            people_served=people[index],
            amount_yuan=Decimal(amounts[index]),
            jobs_offered=jobs[index],
            is_published=True,
        )


def _stock_figures(
    gen: Generator,
    context: DemoContext,
    program: Program,
    kind: StockKind,
    plan: StockPlan,
    year: int,
    share: float,
) -> int:
    counties = context.counties
    values = gen.spread(round(plan.value * share), len(counties), 0)
    # Each county's households are in proportion to what it built, so none builds more than it has.
    totals = _totals_covering(values, plan.total) if plan.total else [None] * len(counties)
    StockFigure.objects.bulk_create(
        StockFigure(kind=kind, region=county, year=year, value=value, total=total, program=program)
        for county, value, total in zip(counties, values, totals, strict=True)
    )
    return len(counties)


def _totals_covering(values: list[int], grand_total: int) -> list[int]:
    """Split `grand_total` in proportion to `values`, so every part is at least its value."""
    grand_value = sum(values)
    totals = [value * grand_total // grand_value for value in values]
    totals[0] += grand_total - sum(totals)
    return totals
