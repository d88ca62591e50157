import pytest
from django.urls import reverse

from core.models import Region
from families.models import Family
from honors.models import Honor

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_year")]


def test_home_shows_the_latest_years_figures_from_records(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["year"] == 2022
    assert response.context["honor_count"] == Honor.objects.public().filter(year=2022).count()
    assert response.context["activity_totals"]["sessions"] > 762
    page = response.content.decode()
    for url in [reverse("honors:list"), reverse("families:list"), reverse("programs:list")]:
        assert f'href="{url}' in page


def test_region_page_shows_its_subtree_and_sub_regions(client):
    county = Region.objects.get(code="371621")
    response = client.get(reverse("region-detail", args=[county.code]))
    assert response.status_code == 200
    assert set(response.context["children"]) == set(county.children.all())
    families = Family.objects.public().filter(region__path__startswith=county.path).count()
    assert response.context["family_count"] == families > 0
    assert "滨州市" in response.content.decode()  # breadcrumb to the city, in simplified


def test_unknown_region_is_404(client):
    assert client.get("/regions/000000/").status_code == 404
    assert client.get("/regions/%3Cscript%3E/").status_code == 404


@pytest.mark.parametrize("url", ["/", "/honors/", "/families/", "/programs/", "/regions/371600/"])
def test_every_page_has_a_title_description_and_language(client, url):
    page = client.get(url).content.decode()
    assert '<html lang="zh-hans">' in page
    assert "<title>" in page and 'name="description"' in page
    assert 'name="viewport"' in page
    assert "cdn" not in page.lower()


def test_core_imports_no_record_app():
    """The cross-app pages live here so that core stays below the apps (issue 13)."""
    import re
    from pathlib import Path

    import core

    pattern = re.compile(r"^\s*(from|import)\s+(programs|honors|families|reports|pages)\b", re.M)
    offenders = [
        str(path)
        for path in Path(core.__file__).parent.rglob("*.py")
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_region_and_title_names_keep_their_official_form_in_each_script(client):
    page = client.get("/zh-hant/regions/371603/").content.decode()
    assert "沾化區" in page and "霑化" not in page
    assert "<!--" not in page.split("<title>")[1].split("</title>")[0]
    honors = client.get("/zh-hant/honors/?year=2022&title=sanba-hongqishou").content.decode()
    assert "三八紅旗手" in honors
    english = client.get("/en/regions/371603/").content.decode()
    assert "沾化区" in english and "<!--name-->" not in english


@pytest.mark.parametrize("url", ["/", "/zh-hant/", "/en/"])
def test_a_page_says_its_own_length_after_conversion(client, url):
    # A stale Content-Length left browsers waiting for bytes that never came.
    response = client.get(url)
    assert int(response["Content-Length"]) == len(response.content)


def test_english_pages_give_each_persons_name_in_pinyin(client):
    from core.pinyin import name_pinyin
    from honors.models import Honor
    from honors.services import save_recipient

    honor = (
        Honor.objects.public().filter(recipient__kind="individual").select_related("recipient")
    ).first()
    recipient = honor.recipient
    page = client.get(f"/en/honors/{honor.pk}/").content.decode()
    assert name_pinyin(recipient.name) in page
    recipient.name_pinyin = "TEST Reading"
    save_recipient(recipient, user=None)
    assert "TEST Reading" in client.get(f"/en/honors/{honor.pk}/").content.decode()
    assert "TEST Reading" not in client.get(f"/honors/{honor.pk}/").content.decode()
