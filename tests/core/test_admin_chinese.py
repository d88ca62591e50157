"""The admin speaks Chinese: search in either script on small tables, history pages with
people's names, Chinese headers and 「—」 for no reason."""

import pytest
from django.urls import reverse

from families.models import FamilyTitle
from programs.models import FocusArea, StockKind
from tests.core.factories import RegionFactory
from tests.honors.factories import HonorFactory, HonorTitleFactory
from tests.programs.factories import ProgramFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("stored", "typed"),
    [("三八红旗手", "三八紅旗"), ("三八紅旗手", "三八红旗"), ("三八红旗手", "三八红旗")],
)
def test_title_search_finds_the_name_in_either_script(staff_client, stored, typed):
    HonorTitleFactory(name=stored, slug="sanba")
    HonorTitleFactory(name="最美家庭标兵", slug="other")
    response = staff_client.get(reverse("admin:honors_honortitle_changelist"), {"q": typed})
    assert [title.name for title in response.context["cl"].result_list] == [stored]


def test_title_search_matches_the_stored_traditional_form(staff_client):
    HonorTitleFactory(name="巾帼建功标兵", name_hant="巾幗建功標兵", slug="jgjg")
    response = staff_client.get(reverse("admin:honors_honortitle_changelist"), {"q": "巾幗 標兵"})
    assert len(response.context["cl"].result_list) == 1


def test_family_title_and_stock_kind_search_in_either_script(staff_client):
    FamilyTitle.objects.create(name="最美家庭", name_hant="最美家庭", slug="zmjt", rank=1)
    StockKind.objects.create(
        name="美丽庭院示范户", slug="mltt", unit="户", focus_area=FocusArea.choices[1][0]
    )
    families = staff_client.get(reverse("admin:families_familytitle_changelist"), {"q": "最美"})
    kinds = staff_client.get(reverse("admin:programs_stockkind_changelist"), {"q": "美麗庭院"})
    assert len(families.context["cl"].result_list) == 1
    assert len(kinds.context["cl"].result_list) == 1


def test_history_page_names_people_and_speaks_chinese(staff_client, admin_user):
    admin_user.last_name, admin_user.first_name = "王", "秀英"
    admin_user.save()
    honor = HonorFactory()
    record = honor.history.latest()
    record.history_user = admin_user
    record.history_change_reason = None
    record.save()
    response = staff_client.get(reverse("admin:honors_honor_history", args=[honor.pk]))
    page = response.content.decode()
    assert "王秀英" in page
    assert f">{admin_user.username}<" not in page
    for english in ("Changes", "Change reason", "Changed by", "None", "Date/time", "Object"):
        assert english not in page
    assert "修改内容" in page
    assert "<td>—</td>" in page


def test_history_names_a_user_without_a_full_name_by_user_name(staff_client, admin_user):
    honor = HonorFactory()
    record = honor.history.latest()
    record.history_user = admin_user
    record.save()
    response = staff_client.get(reverse("admin:honors_honor_history", args=[honor.pk]))
    assert admin_user.username in response.content.decode()


@pytest.mark.parametrize("typed", ["滨城区", "濱城區"])
def test_region_search_in_either_script(staff_client, typed):
    RegionFactory(name="滨城区", code="990102")
    response = staff_client.get(reverse("admin:core_region_changelist"), {"q": typed})
    assert [region.name for region in response.context["cl"].result_list] == ["滨城区"]


@pytest.mark.parametrize("typed", ["巾帼心向党", "巾幗心向黨"])
def test_program_search_in_either_script(staff_client, typed):
    ProgramFactory(name="“巾帼心向党”主题宣讲", slug="jgxxd")
    response = staff_client.get(reverse("admin:programs_program_changelist"), {"q": typed})
    assert len(response.context["cl"].result_list) == 1
