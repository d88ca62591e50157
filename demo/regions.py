"""The demo city's region tree: the city, its seven county-level divisions and two zones
(with their national codes), their towns and sub-districts, and generated villages.
"""

from core.models import Region
from demo.context import CITY_CODE, DemoContext

CITY = (CITY_CODE, "濱州市", "Binzhou")

# County-level divisions with their national codes; the two functional zones get
# fixed codes of the same style (…71, …72), as the city's statistics number them.
COUNTIES: list[tuple[str, str, str, str, list[str]]] = [
    (
        "371602",
        "濱城區",
        "Bincheng District",
        "county",
        ["市中街道", "市東街道", "市西街道", "北鎮街道", "彭李街道", "楊柳雪鎮", "三河湖鎮"],
    ),
    (
        "371603",
        "沾化區",
        "Zhanhua District",
        "county",
        ["富國街道", "富源街道", "下窪鎮", "古城鎮", "馮家鎮", "泊頭鎮"],
    ),
    (
        "371621",
        "惠民縣",
        "Huimin County",
        "county",
        ["孫武街道", "武定府街道", "何坊街道", "石廟鎮", "桑落墅鎮", "淄角鎮", "胡集鎮"],
    ),
    (
        "371622",
        "陽信縣",
        "Yangxin County",
        "county",
        ["信城街道", "金陽街道", "商店鎮", "溫店鎮", "河流鎮", "翟王鎮"],
    ),
    (
        "371623",
        "無棣縣",
        "Wudi County",
        "county",
        ["棣豐街道", "海豐街道", "水灣鎮", "碣石山鎮", "小泊頭鎮", "埕口鎮"],
    ),
    (
        "371625",
        "博興縣",
        "Boxing County",
        "county",
        ["城東街道", "錦秋街道", "博昌街道", "曹王鎮", "興福鎮", "陳戶鎮", "湖濱鎮"],
    ),
    (
        "371681",
        "鄒平市",
        "Zouping City",
        "county",
        ["黛溪街道", "黃山街道", "好生街道", "長山鎮", "魏橋鎮", "臨池鎮", "韓店鎮"],
    ),
    (
        "371671",
        "濱州經濟技術開發區",
        "Binzhou Economic and Technological Development Zone",
        "zone",
        ["沙河街道", "杜店街道", "里則街道"],
    ),
    (
        "371672",
        "濱州高新技術產業開發區",
        "Binzhou High-tech Industrial Development Zone",
        "zone",
        ["小營街道", "青田街道"],
    ),
]

VILLAGE_PATTERNS = ["{}家村", "{}莊村", "東{}村", "西{}村", "{}家店村", "前{}村", "後{}村"]
COMMUNITY_PATTERNS = ["{}園社區", "{}苑社區"]
VILLAGES_PER_TOWN = 6
COMMUNITIES_PER_TOWN = 2


def load(context: DemoContext) -> int:
    """Create the city's region tree; returns how many regions were created."""
    if Region.objects.filter(code=CITY[0]).exists():
        return 0
    gen = context.generator("regions")
    city = Region.objects.create(
        code=CITY[0], name=CITY[1], name_en=CITY[2], level=Region.Level.CITY
    )
    created = 1
    for code, name, name_en, level, towns in COUNTIES:
        county = Region.objects.create(
            code=code, name=name, name_en=name_en, level=level, parent=city
        )
        created += 1
        for town_index, town_name in enumerate(towns, start=1):
            town = Region.objects.create(
                code=f"{code}{town_index:03d}000",
                name=town_name,
                level=Region.Level.TOWN,
                parent=county,
            )
            created += 1
            used: set[str] = set()
            for number, patterns, first in (
                (COMMUNITIES_PER_TOWN, COMMUNITY_PATTERNS, 1),
                (VILLAGES_PER_TOWN, VILLAGE_PATTERNS, 200),
            ):
                for index in range(number):
                    while True:
                        word = gen.surname()
                        village_name = gen.rng.choice(patterns).format(word)
                        if village_name not in used:
                            used.add(village_name)
                            break
                    Region.objects.create(
                        code=f"{town.code[:9]}{first + index:03d}",
                        name=village_name,
                        level=Region.Level.VILLAGE,
                        parent=town,
                    )
                    created += 1
    return created
