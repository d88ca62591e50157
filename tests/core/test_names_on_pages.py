"""Names on public pages keep their characters in either script (issue 14, item 1)."""

import re

import pytest

from tests.families.factories import FamilyFactory
from tests.honors.factories import HonorFactory, RecipientFactory

pytestmark = pytest.mark.django_db


def heading(page: str) -> str:
    return re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)


@pytest.mark.parametrize(
    ("stored", "simplified", "traditional"),
    [
        ("于蓝", "于蓝", "于藍"),
        ("干秀英", "干秀英", "干秀英"),
        ("余秋燕", "余秋燕", "余秋燕"),
        ("范丽娟", "范丽娟", "范麗娟"),
        ("王杰", "王杰", "王杰"),
        ("杨闇公", "杨闇公", "楊闇公"),
        ("乾红梅", "乾红梅", "乾紅梅"),
        ("於梨华", "於梨华", "於梨華"),
        ("劉曉慶", "刘晓庆", "劉曉慶"),
    ],
)
def test_a_name_changes_only_one_to_one_on_the_detail_page(client, stored, simplified, traditional):
    honor = HonorFactory(recipient=RecipientFactory(name=stored), unit="沾化区妇联", year=2042)
    page = client.get(f"/honors/{honor.pk}/").content.decode()
    assert simplified in heading(page)
    page = client.get(f"/zh-hant/honors/{honor.pk}/").content.decode()
    assert traditional in heading(page)
    assert "沾化區婦聯" in page and "霑化" not in page.split("</h1>")[1]


def test_names_on_the_list_and_the_roll_keep_their_characters(client):
    for name in ["于蓝", "余秋燕", "范丽娟"]:
        HonorFactory(recipient=RecipientFactory(name=name), unit="沾化区妇联", year=2043)
    cards = client.get("/zh-hant/honors/", {"year": 2043}).content.decode()
    assert "于\u3000藍" in cards and "余秋燕" in cards and "范麗娟" in cards
    assert "於" not in cards.split("<main")[-1].split("</main>")[0]
    roll = client.get("/zh-hant/honors/roll/", {"year": 2043}).content.decode()
    assert "于\u3000藍" in roll and "余秋燕" in roll and "沾化區婦聯" in roll


def test_family_names_keep_their_characters(client):
    family = FamilyFactory(name="余秋燕", year=2044)
    page = client.get(f"/zh-hant/families/{family.pk}/").content.decode()
    assert "余秋燕" in heading(page)
