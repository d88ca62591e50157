"""The demo city's region tree: the city, its seven county-level divisions and two zones
(with their national codes), their towns and sub-districts, and generated villages.
"""

from core import services
from core.models import Region
from demo.context import CITY_CODE, DemoContext

# Every name is written as the federation writes it (simplified) with its official
# traditional form beside it (Region.name_hant), both typed here: a converter would make
# 沾化区 into 霑化區.
CITY = (CITY_CODE, "滨州市", "濱州市", "Binzhou")

# County-level divisions with their national codes; the two functional zones get
# fixed codes of the same style (…71, …72), as the city's statistics number them.
# (code, name, traditional name, English name, level, towns as "simplified/traditional")
COUNTIES: list[tuple[str, str, str, str, str, list[str]]] = [
    (
        "371602",
        "滨城区",
        "濱城區",
        "Bincheng District",
        "county",
        [
            "市中街道/市中街道",
            "市东街道/市東街道",
            "市西街道/市西街道",
            "北镇街道/北鎮街道",
            "彭李街道/彭李街道",
            "杨柳雪镇/楊柳雪鎮",
            "三河湖镇/三河湖鎮",
        ],
    ),
    (
        "371603",
        "沾化区",
        "沾化區",
        "Zhanhua District",
        "county",
        [
            "富国街道/富國街道",
            "富源街道/富源街道",
            "下洼镇/下窪鎮",
            "古城镇/古城鎮",
            "冯家镇/馮家鎮",
            "泊头镇/泊頭鎮",
        ],
    ),
    (
        "371621",
        "惠民县",
        "惠民縣",
        "Huimin County",
        "county",
        [
            "孙武街道/孫武街道",
            "武定府街道/武定府街道",
            "何坊街道/何坊街道",
            "石庙镇/石廟鎮",
            "桑落墅镇/桑落墅鎮",
            "淄角镇/淄角鎮",
            "胡集镇/胡集鎮",
        ],
    ),
    (
        "371622",
        "阳信县",
        "陽信縣",
        "Yangxin County",
        "county",
        [
            "信城街道/信城街道",
            "金阳街道/金陽街道",
            "商店镇/商店鎮",
            "温店镇/溫店鎮",
            "河流镇/河流鎮",
            "翟王镇/翟王鎮",
        ],
    ),
    (
        "371623",
        "无棣县",
        "無棣縣",
        "Wudi County",
        "county",
        [
            "棣丰街道/棣豐街道",
            "海丰街道/海豐街道",
            "水湾镇/水灣鎮",
            "碣石山镇/碣石山鎮",
            "小泊头镇/小泊頭鎮",
            "埕口镇/埕口鎮",
        ],
    ),
    (
        "371625",
        "博兴县",
        "博興縣",
        "Boxing County",
        "county",
        [
            "城东街道/城東街道",
            "锦秋街道/錦秋街道",
            "博昌街道/博昌街道",
            "曹王镇/曹王鎮",
            "兴福镇/興福鎮",
            "陈户镇/陳戶鎮",
            "湖滨镇/湖濱鎮",
        ],
    ),
    (
        "371681",
        "邹平市",
        "鄒平市",
        "Zouping City",
        "county",
        [
            "黛溪街道/黛溪街道",
            "黄山街道/黃山街道",
            "好生街道/好生街道",
            "长山镇/長山鎮",
            "魏桥镇/魏橋鎮",
            "临池镇/臨池鎮",
            "韩店镇/韓店鎮",
        ],
    ),
    (
        "371671",
        "滨州经济技术开发区",
        "濱州經濟技術開發區",
        "Binzhou Economic and Technological Development Zone",
        "zone",
        ["沙河街道/沙河街道", "杜店街道/杜店街道", "里则街道/里則街道"],
    ),
    (
        "371672",
        "滨州高新技术产业开发区",
        "濱州高新技術產業開發區",
        "Binzhou High-tech Industrial Development Zone",
        "zone",
        ["小营街道/小營街道", "青田街道/青田街道"],
    ),
]

# Villages and communities are named after a family name (王家村, 东刘村 …), from these
# unambiguous surnames (simplified, traditional): none with two traditional forms
# (叶/葉, 范/範, 于/於, 余/餘 …), so the pair is as certain as the name.
VILLAGE_WORDS = [
    ("王", "王"), ("李", "李"), ("张", "張"), ("刘", "劉"), ("陈", "陳"), ("杨", "楊"),
    ("赵", "趙"), ("黄", "黃"), ("周", "周"), ("吴", "吳"), ("徐", "徐"), ("孙", "孫"),
    ("胡", "胡"), ("朱", "朱"), ("高", "高"), ("林", "林"), ("何", "何"), ("郭", "郭"),
    ("马", "馬"), ("罗", "羅"), ("梁", "梁"), ("宋", "宋"), ("郑", "鄭"), ("谢", "謝"),
    ("韩", "韓"), ("唐", "唐"), ("冯", "馮"), ("董", "董"), ("程", "程"), ("曹", "曹"),
    ("袁", "袁"), ("邓", "鄧"), ("许", "許"), ("傅", "傅"), ("沈", "沈"), ("彭", "彭"),
    ("吕", "呂"), ("苏", "蘇"), ("卢", "盧"), ("蒋", "蔣"), ("蔡", "蔡"), ("贾", "賈"),
    ("丁", "丁"), ("魏", "魏"), ("薛", "薛"), ("阎", "閻"), ("潘", "潘"), ("杜", "杜"),
    ("戴", "戴"), ("夏", "夏"), ("田", "田"), ("方", "方"), ("石", "石"), ("姚", "姚"),
    ("谭", "譚"), ("邹", "鄒"), ("金", "金"), ("陆", "陸"), ("郝", "郝"), ("孔", "孔"),
    ("白", "白"), ("崔", "崔"), ("康", "康"), ("毛", "毛"), ("邱", "邱"), ("秦", "秦"),
    ("史", "史"), ("顾", "顧"), ("侯", "侯"), ("邵", "邵"), ("孟", "孟"), ("段", "段"),
    ("钱", "錢"), ("汤", "湯"), ("尹", "尹"), ("常", "常"), ("武", "武"), ("乔", "喬"),
    ("贺", "賀"), ("龚", "龔"), ("庞", "龐"), ("樊", "樊"), ("聂", "聶"), ("齐", "齊"),
]  # fmt: skip
VILLAGE_PATTERNS = [
    ("{}家村", "{}家村"),
    ("{}庄村", "{}莊村"),
    ("东{}村", "東{}村"),
    ("西{}村", "西{}村"),
    ("{}家店村", "{}家店村"),
    ("前{}村", "前{}村"),
    ("后{}村", "後{}村"),
]
COMMUNITY_PATTERNS = [("{}园社区", "{}園社區"), ("{}苑社区", "{}苑社區")]
VILLAGES_PER_TOWN = 6
COMMUNITIES_PER_TOWN = 2


def place_name(rng, patterns: list[tuple[str, str]]) -> tuple[str, str]:
    """A village or community name and its traditional form, from one surname and pattern."""
    word, word_hant = rng.choice(VILLAGE_WORDS)
    pattern, pattern_hant = rng.choice(patterns)
    return pattern.format(word), pattern_hant.format(word_hant)


def _create(**fields) -> Region:
    return services.save_region(Region(**fields), user=None)


def load(context: DemoContext) -> int:
    """Create the city's region tree; returns how many regions were created."""
    code, name, name_hant, name_en = CITY
    if Region.objects.filter(code=code).exists():
        return 0
    rng = context.generator("regions").rng
    city = _create(
        code=code, name=name, name_hant=name_hant, name_en=name_en, level=Region.Level.CITY
    )
    created = 1
    for code, name, name_hant, name_en, level, towns in COUNTIES:
        county = _create(
            code=code, name=name, name_hant=name_hant, name_en=name_en, level=level, parent=city
        )
        created += 1
        for town_index, town_names in enumerate(towns, start=1):
            town_name, town_hant = town_names.split("/")
            town = _create(
                code=f"{code}{town_index:03d}000",
                name=town_name,
                name_hant=town_hant,
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
                        village_name, village_hant = place_name(rng, patterns)
                        if village_name not in used:
                            used.add(village_name)
                            break
                    _create(
                        code=f"{town.code[:9]}{first + index:03d}",
                        name=village_name,
                        name_hant=village_hant,
                        level=Region.Level.VILLAGE,
                        parent=town,
                    )
                    created += 1
    return created
