"""The demo year's programs, activities and stock figures, adding up to the 2022 report.

Each activity plan (demo/plans.py) names a program, an activity kind, how many events, and the
totals the report gives for them; the totals are spread over the events and
regions at random (seeded), so the figures computed from the records are the
report's figures.
"""

from dataclasses import dataclass, replace
from decimal import Decimal

from core import services
from demo.context import PHOTOS_PER_APP, DemoContext, Generator
from demo.plans import ACTIVITY_PLANS, STOCK_PLANS, ActivityPlan, StockPlan
from programs.models import Activity, FocusArea, Program, StockFigure, StockKind

A = FocusArea


@dataclass(frozen=True)
class ProgramSpec:
    slug: str
    name: str
    name_hant: str  # the official traditional form, typed (Program.name_hant)
    focus_area: str
    lead_unit: str
    description: str
    partner_units: str = ""
    name_en: str = ""


PROGRAMS = [
    ProgramSpec(
        "xin-xiang-dang",
        "“巾帼心向党”主题宣讲",
        "「巾幗心向黨」主題宣講",
        A.GUIDANCE,
        "滨州市妇联组宣部",
        "以“巾帼心向党”为主题，开展“妇联主席第一讲”联动、“走在前、开新局”巾帼宣讲、"
        "“齐鲁女性”宣讲走进滨州、“我奋斗·家国美”主题宣讲联动等活动。",
        name_en="'Women's Hearts Follow the Party' lecture tour",
    ),
    ProgramSpec(
        "huanghe-hun-volunteers",
        "“黄河魂·巾帼红”志愿服务",
        "「黃河魂·巾幗紅」志願服務",
        A.GUIDANCE,
        "滨州市妇联",
        "广泛开展进社区战疫情、网络素养教育进家庭、文明城市创建等志愿服务活动。",
    ),
    ProgramSpec(
        "baiming-nuganbu",
        "“情系母亲河 巾帼建新功”百名女干部培训班",
        "「情繫母親河 巾幗建新功」百名女幹部培訓班",
        A.DEVELOPMENT,
        "滨州市妇联",
        "联合市委组织部举办的女干部培训班。",
        partner_units="中共滨州市委组织部",
    ),
    ProgramSpec(
        "huanghe-training",
        "黄河流域生态保护和高质量发展专题示范培训班",
        "黃河流域生態保護和高質量發展專題示範培訓班",
        A.DEVELOPMENT,
        "滨州市妇联",
        "围绕黄河国家战略培训广大妇女。",
        partner_units="中共滨州市委组织部",
    ),
    ProgramSpec(
        "huanghe-renjia",
        "“黄河人家”特色带",
        "「黃河人家」特色帶",
        A.DEVELOPMENT,
        "滨州市妇联",
        "打造“黄河人家”特色带，命名精品村。",
    ),
    ProgramSpec(
        "huiqi-dai",
        "巾帼惠企贷",
        "巾幗惠企貸",
        A.DEVELOPMENT,
        "滨州市女企业家创业创新协会",
        "为女性创办的企业提供贷款支持。",
        partner_units="滨州市妇联",
    ),
    ProgramSpec(
        "keji-chuangxin",
        "科技创新巾帼行动",
        "科技創新巾幗行動",
        A.DEVELOPMENT,
        "滨州市妇联",
        "评选市级巾帼科技创新之星，与淄博妇联联合开展“科技赋能 共赢未来”协作帮扶。",
        partner_units="淄博市妇联",
    ),
    ProgramSpec(
        "chufeng",
        "“雏凤”计划",
        "「雛鳳」計劃",
        A.DEVELOPMENT,
        "滨州市妇联",
        "举办女性专场招聘等活动，帮助妇女就业。",
    ),
    ProgramSpec(
        "xiangcun-zhenxing",
        "乡村振兴巾帼行动",
        "鄉村振興巾幗行動",
        A.DEVELOPMENT,
        "滨州市妇联",
        "开展手工技能、家政服务等培训和科技、金融等巾帼志愿服务直通车。",
    ),
    ProgramSpec(
        "meili-tingyuan",
        "美丽庭院创建",
        "美麗庭院創建",
        A.DEVELOPMENT,
        "滨州市妇联",
        "建设美丽庭院，命名市级美丽庭院和标杆村，助力乡村生态振兴。",
    ),
    ProgramSpec(
        "baiqianwan-jiating",
        "百千万家庭共成长计划",
        "百千萬家庭共成長計劃",
        A.FAMILY,
        "滨州市妇联",
        "常态化开展“最美家庭”寻找活动，选树“最美家庭”“好媳妇”“好婆婆”等典型。",
    ),
    ProgramSpec(
        "jiating-jiaoyu-2411",
        "家庭教育“2411工程”",
        "家庭教育「2411工程」",
        A.FAMILY,
        "滨州市妇联",
        "贯彻落实《家庭教育促进法》，开展家庭教育促进法宣传。",
        partner_units="滨州市教育局",
    ),
    ProgramSpec(
        "hao-jiafeng-xunzhan",
        "好家庭好家教好家风巡讲巡展",
        "好家庭好家教好家風巡講巡展",
        A.FAMILY,
        "滨州市妇联",
        "举办好家庭好家教好家风巡讲巡展，以好家风带动好社风。",
    ),
    ProgramSpec(
        "qilu-run-chunlei",
        "“齐鲁润春蕾”",
        "「齊魯潤春蕾」",
        A.RIGHTS,
        "滨州市妇联",
        "募集腾讯99公益资金，服务困境儿童。",
    ),
    ProgramSpec(
        "shaoer-tuoguan",
        "少儿公益托管班",
        "少兒公益託管班",
        A.RIGHTS,
        "滨州市妇联",
        "围绕“12197”民生实事，举办少儿公益托管班。",
    ),
    ProgramSpec(
        "ertong-youhao",
        "儿童友好城市及社区建设",
        "兒童友好城市及社區建設",
        A.RIGHTS,
        "滨州市妇联",
        "牵头开展儿童友好城市及社区建设。",
    ),
    ProgramSpec(
        "liang-ai-jiancha",
        "“两癌”免费检查",
        "「兩癌」免費檢查",
        A.RIGHTS,
        "滨州市妇联",
        "为适龄妇女提供“两癌”免费检查。",
        partner_units="滨州市卫生健康委员会",
    ),
    ProgramSpec(
        "liang-ai-jiuzhu",
        "低收入“两癌”妇女救助",
        "低收入「兩癌」婦女救助",
        A.RIGHTS,
        "滨州市妇联",
        "为低收入“两癌”妇女发放救助金。",
    ),
    ProgramSpec(
        "xinlingyu-fulian",
        "新领域妇联组织建设",
        "新領域婦聯組織建設",
        A.REFORM,
        "滨州市妇联",
        "推动建立行业系统、“两新”组织、“四新”领域等妇联和“妇女微家”。",
    ),
    ProgramSpec(
        "zhiwei-peixun",
        "执委培训与“执委领办项目”",
        "執委培訓與「執委領辦項目」",
        A.REFORM,
        "滨州市妇联",
        "开展各级执委培训，深化“执委领办项目”活动。",
    ),
    ProgramSpec(
        "funu-ertong-jiayuan",
        "妇女儿童家园提质增效工程",
        "婦女兒童家園提質增效工程",
        A.REFORM,
        "滨州市妇联",
        "实施妇女儿童家园提质增效工程，推动省级家园规范提升。",
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
        programs[spec.slug] = Program(
            slug=spec.slug,
            name=spec.name,
            name_hant=spec.name_hant,
            name_en=spec.name_en,
            focus_area=spec.focus_area,
            year_start=context.year - 1,
            lead_unit=spec.lead_unit,
            partner_units=spec.partner_units,
            description=spec.description,
            is_published=True,
        )
    for program in list(programs.values())[:PHOTOS_PER_APP]:
        program.cover.save("cover.jpg", gen.photo("house"), save=False)
    for program in programs.values():
        services.save_record(program, user=None, keep_workflow=True)
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
    services.insert_generated(Activity, activities)
    figures = 0
    for plan in STOCK_PLANS:
        kind = services.save_record(
            StockKind(
                slug=plan.slug,
                name=plan.name,
                unit=plan.unit,
                total_label=plan.total_label,
                focus_area=plan.focus_area,
            ),
            user=None,
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
    services.insert_generated(
        StockFigure,
        (
            StockFigure(
                kind=kind,
                region=county,
                year=year,
                value=value,
                total=total,
                program=program,
                is_published=True,
            )
            for county, value, total in zip(counties, values, totals, strict=True)
        ),
    )
    return len(counties)


def _totals_covering(values: list[int], grand_total: int) -> list[int]:
    """Split `grand_total` in proportion to `values`, so every part is at least its value."""
    grand_value = sum(values)
    totals = [value * grand_total // grand_value for value in values]
    totals[0] += grand_total - sum(totals)
    return totals
