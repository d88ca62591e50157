"""The official list orders people by strokes and collectives by county, then as entered."""

import pytest

from core.models import Region
from honors.models import Honor, RecipientKind
from honors.tabular import build_honor_roll
from tests.honors.factories import HonorFactory, HonorTitleFactory, RecipientFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_year")]


def collective(name: str) -> object:
    return RecipientFactory(name=name, kind=RecipientKind.COLLECTIVE, gender="")


def test_collectives_keep_the_order_they_were_entered_in_within_a_county():
    title = HonorTitleFactory(recipient_kind=RecipientKind.COLLECTIVE)
    binzhou, zhanhua = Region.objects.get(code="371602"), Region.objects.get(code="371603")
    entered = [
        ("滨州市妇幼保健院", binzhou),  # 滨 13 strokes
        ("沾化区冬枣研究所", zhanhua),
        ("三河湖镇妇联", binzhou),  # 三 3 strokes: by strokes it would come first
        ("大高镇妇联", zhanhua),
    ]
    for name, region in entered:
        HonorFactory(title=title, recipient=collective(name), region=region, year=2040)
    roll = build_honor_roll(Honor.objects.filter(year=2040), {"year": 2040})
    (group,) = roll.groups
    assert [(r.name, r.entries) for r in group.regions] == [
        (binzhou.name, ["滨州市妇幼保健院", "三河湖镇妇联"]),
        (zhanhua.name, ["沾化区冬枣研究所", "大高镇妇联"]),
    ]


def test_people_still_follow_surname_strokes():
    title, county = HonorTitleFactory(), Region.objects.get(code="371602")
    for name in ["雍桂荣", "王书茂", "王伟"]:
        HonorFactory(title=title, recipient=RecipientFactory(name=name), region=county, year=2041)
    roll = build_honor_roll(Honor.objects.filter(year=2041), {"year": 2041})
    entries = [entry for region in roll.groups[0].regions for entry in region.entries]
    assert [entry[:3] for entry in entries] == ["王\u3000伟", "王书茂", "雍桂荣"]
