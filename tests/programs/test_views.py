import pytest
from django.urls import reverse

from programs.models import Activity, Program
from tests.programs.factories import ActivityFactory, ProgramFactory
from tests.public import query_count

pytestmark = pytest.mark.django_db
LIST = reverse("programs:list")


def test_list_groups_published_programs_by_focus_area(client):
    hidden = ProgramFactory(is_published=False, name="未發布項目")
    response = client.get(LIST)
    assert response.context["result_count"] == Program.objects.public().count()
    assert hidden.name not in response.content.decode()
    assert client.get(reverse("programs:detail", args=[hidden.slug])).status_code == 404


@pytest.mark.usefixtures("demo_year")
def test_filter_by_focus_area_year_and_region(client):
    response = client.get(LIST, {"area": "rights"})
    assert {p.focus_area for p in response.context["object_list"]} == {"rights"}
    assert client.get(LIST, {"year": 2022}).context["result_count"] > 0
    in_wudi = client.get(LIST, {"region": "371623"}).context["object_list"]
    for program in in_wudi:
        assert program.activities.filter(region__path__startswith="371600/371623/").exists()


def test_search_in_simplified_finds_a_traditional_program(client):
    program = ProgramFactory(name="「巾幗心向黨」主題宣講（繁體錄入）")
    ProgramFactory(name="其他項目")
    response = client.get(LIST, {"q": "巾帼心向党"})
    assert [p.slug for p in response.context["object_list"]] == [program.slug]


@pytest.mark.usefixtures("demo_year")
def test_detail_totals_by_year_and_region_add_up_to_the_activities(client):
    program = Program.objects.get(slug="xin-xiang-dang")
    response = client.get(reverse("programs:detail", args=[program.slug]))
    totals = response.context["totals"]
    activities = Activity.objects.filter(program=program)
    assert totals["sessions"] == activities.count() > 762  # 2022 and the year before
    by_year = {row["year"]: row for row in response.context["totals_by_year"]}
    assert (by_year[2022]["sessions"], by_year[2022]["people_served"]) == (762, 75_500)
    by_region = response.context["totals_by_region"]
    assert {region.level for region, _ in by_region} <= {"county", "zone"}
    assert sum(row["people_served"] for _, row in by_region) == totals["people_served"]


def test_unpublished_activities_do_not_count(client):
    program = ProgramFactory()
    ActivityFactory(program=program, people_served=10)
    ActivityFactory(program=program, people_served=99, is_published=False)
    response = client.get(reverse("programs:detail", args=[program.slug]))
    assert response.context["totals"]["people_served"] == 10


@pytest.mark.usefixtures("demo_year")
def test_detail_query_count_does_not_grow_with_activities(client):
    small = Program.objects.get(slug="baiming-nuganbu")  # one activity
    large = Program.objects.get(slug="xin-xiang-dang")  # 762
    assert Activity.objects.filter(program=large).count() > 700
    few = query_count(client, reverse("programs:detail", args=[small.slug]))
    many = query_count(client, reverse("programs:detail", args=[large.slug]))
    assert many == few


@pytest.mark.usefixtures("demo_year")
def test_bad_page_on_detail_falls_back_to_a_valid_page(client):
    response = client.get(reverse("programs:detail", args=["xin-xiang-dang"]), {"page": "zz"})
    assert response.status_code == 200
