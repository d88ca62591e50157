"""The demo year's activity and stock-figure plans: how many events of each kind, and the
totals the 2022 report gives for them (demo/programs.py spreads them over the records).
"""

from dataclasses import dataclass

from programs.models import FocusArea

A = FocusArea


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
            "“妇联主席第一讲”联动宣讲",
            "“走在前、开新局”巾帼宣讲",
            "“齐鲁女性”宣讲走进滨州",
            "“我奋斗·家国美”主题宣讲",
        ),
        762,
        people=75_500,
    ),
    ActivityPlan(
        "huanghe-hun-volunteers",
        "volunteer",
        ("进社区战疫情志愿服务", "网络素养教育进家庭", "文明城市创建志愿服务"),
        48,
        people=4_630,
    ),
    ActivityPlan(
        "baiming-nuganbu", "training", ("百名女干部培训班",), 1, people=100, at_town=False
    ),
    ActivityPlan(
        "huanghe-training",
        "training",
        ("黄河流域生态保护和高质量发展专题示范培训",),
        120,
        people=38_900,
    ),
    ActivityPlan(
        "huiqi-dai", "loan", ("巾帼惠企贷放款",), 12, amount_yuan=15_000_000, at_town=False
    ),
    ActivityPlan(
        "keji-chuangxin", "other", ("“科技赋能 共赢未来”协作帮扶",), 2, people=160, at_town=False
    ),
    ActivityPlan("chufeng", "job_fair", ("女性专场招聘会",), 13, people=21_400, jobs=8_736),
    ActivityPlan(
        "xiangcun-zhenxing", "training", ("手工技能培训", "家政服务培训"), 72, people=16_320
    ),
    ActivityPlan(
        "xiangcun-zhenxing",
        "volunteer",
        ("科技志愿服务直通车", "金融志愿服务直通车"),
        115,
        people=42_480,
    ),
    ActivityPlan("jiating-jiaoyu-2411", "promotion", ("家庭教育促进法宣传",), 612, people=48_960),
    ActivityPlan(
        "hao-jiafeng-xunzhan", "exhibition", ("好家庭好家教好家风巡讲巡展",), 356, people=35_600
    ),
    ActivityPlan(
        "qilu-run-chunlei",
        "fundraising",
        ("“齐鲁润春蕾”腾讯99公益募集",),
        24,
        people=3_826,
        amount_yuan=1_304_600,
        at_town=False,
    ),
    ActivityPlan("shaoer-tuoguan", "daycare", ("少儿公益托管班",), 73, people=2_000),
    ActivityPlan("liang-ai-jiancha", "screening", ("“两癌”免费检查",), 150, people=111_300),
    ActivityPlan(
        "liang-ai-jiuzhu",
        "relief",
        ("低收入“两癌”妇女救助金发放",),
        9,
        people=190,
        amount_yuan=1_120_000,
        at_town=False,
    ),
    ActivityPlan("zhiwei-peixun", "training", ("执委培训",), 296, people=21_700),
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
        "美丽庭院建成户数",
        "户",
        A.DEVELOPMENT,
        "meili-tingyuan",
        167_275,
        total=439_042,
        total_label="农户总数",
    ),
    StockPlan("studios", "巧手创业工作室、暖心港湾", "个", A.DEVELOPMENT, "xiangcun-zhenxing", 8),
    StockPlan("child-friendly", "儿童友好社区", "个", A.RIGHTS, "ertong-youhao", 25),
    StockPlan("new-federations", "新领域妇联组织", "个", A.REFORM, "xinlingyu-fulian", 220),
    StockPlan("women-homes", "妇女微家", "个", A.REFORM, "xinlingyu-fulian", 11_046),
    StockPlan("projects-led", "执委领办项目", "个", A.REFORM, "zhiwei-peixun", 18_130),
    StockPlan("deeds-done", "执委办实事", "件", A.REFORM, "zhiwei-peixun", 20_215),
    StockPlan(
        "homes-upgraded", "省级妇女儿童家园规范提升", "个", A.REFORM, "funu-ertong-jiayuan", 13
    ),
]
