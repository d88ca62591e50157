"""Each title chooses its order of names: 按姓氏笔画 (default) or 按姓名笔画."""

import pytest

from core.models import NameOrder
from families.models import Family
from families.services import save_family_title
from honors.models import Honor
from honors.services import save_honor_title, save_recipient
from tests.families.factories import FamilyFactory, FamilyTitleFactory
from tests.honors.factories import HonorFactory, HonorTitleFactory, RecipientFactory

pytestmark = pytest.mark.django_db


def names_in_order(title) -> list[str]:
    honors = Honor.objects.filter(title=title).order_by("stroke_key", "pk")
    return [honor.recipient.name for honor in honors.select_related("recipient")]


def test_a_title_orders_by_surname_strokes_by_default_and_by_full_name_on_choice():
    title = HonorTitleFactory()
    for name in ["王书茂", "王伟"]:
        HonorFactory(title=title, recipient=RecipientFactory(name=name))
    assert names_in_order(title) == ["王伟", "王书茂"]  # the single-character given name first
    title.name_order = NameOrder.FULL_NAME
    save_honor_title(title, user=None)
    assert names_in_order(title) == ["王书茂", "王伟"]  # 书 4 strokes before 伟 6
    title.name_order = NameOrder.SURNAME
    save_honor_title(title, user=None)
    assert names_in_order(title) == ["王伟", "王书茂"]


def test_a_renamed_recipient_takes_each_titles_order():
    gap, no_gap = HonorTitleFactory(), HonorTitleFactory(name_order=NameOrder.FULL_NAME)
    recipient = RecipientFactory(name="王伟")
    HonorFactory(title=gap, recipient=recipient)
    HonorFactory(title=no_gap, recipient=recipient)
    other = RecipientFactory(name="王书茂")
    HonorFactory(title=gap, recipient=other)
    HonorFactory(title=no_gap, recipient=other)
    assert names_in_order(gap) == ["王伟", "王书茂"]
    assert names_in_order(no_gap) == ["王书茂", "王伟"]
    recipient.name = "王丁"
    save_recipient(recipient, user=None)
    assert names_in_order(gap) == ["王丁", "王书茂"]
    assert names_in_order(no_gap) == ["王丁", "王书茂"]  # 丁 2 strokes


def test_a_family_title_chooses_its_order_too():
    title = FamilyTitleFactory()
    for name in ["李书茂", "李伟"]:
        FamilyFactory(title=title, name=name)

    def names():
        return list(
            Family.objects.filter(title=title).order_by("stroke_key").values_list("name", flat=True)
        )

    assert names() == ["李伟", "李书茂"]
    title.name_order = NameOrder.FULL_NAME
    save_family_title(title, user=None)
    assert names() == ["李书茂", "李伟"]
