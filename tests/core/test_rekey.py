"""The data migrations of issue 14 recompute every stored key, on the demo year."""

import importlib

import pytest
from django.apps import apps

from core import text
from families.models import Family
from honors.models import Honor, Recipient
from programs.models import Program

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_year")]


def migration(app: str, name: str):
    return importlib.import_module(f"{app}.migrations.{name}")


def test_honors_migration_recomputes_stroke_keys_and_search_text(django_assert_max_num_queries):
    Recipient.objects.update(stroke_key="0", search_text="")
    Honor.objects.update(stroke_key="0", search_text="")
    recipients = Recipient.objects.count()
    assert recipients > 100
    # Batches: a read and a bulk UPDATE per 2000 rows, not a query per row.
    with django_assert_max_num_queries(2 * (recipients // 2000 + 2) * 4 + 4):
        migration("honors", "0011_official_stroke_order").recompute_keys(apps, None)
        migration("honors", "0015_search_text_with_pinyin").with_pinyin(apps, None)
    for recipient in Recipient.objects.all()[:200]:
        expected = Recipient(name=recipient.name, kind=recipient.kind)
        expected.derive_keys()
        assert recipient.stroke_key == text.stroke_sort_key(recipient.name)
        assert recipient.search_text == expected.search_text
    assert not Honor.objects.filter(stroke_key="0").exists()
    honor = Honor.objects.select_related("recipient", "title").first()
    expected = Honor(
        recipient=honor.recipient,
        title=honor.title,
        unit=honor.unit,
        post=honor.post,
        deeds=honor.deeds,
    )
    expected.derive_keys()
    assert (honor.stroke_key, honor.search_text) == (expected.stroke_key, expected.search_text)


def test_families_programs_and_regions_migrations_recompute_search_text():
    Family.objects.update(stroke_key="0", search_text="")
    Program.objects.update(search_text="")
    migration("families", "0010_official_stroke_order").recompute_keys(apps, None)
    migration("families", "0012_search_text_with_pinyin").with_pinyin(apps, None)
    migration("programs", "0008_search_text_recomputed").recompute_search_text(apps, None)
    migration("core", "0011_region_search_text_recomputed").recompute_search_text(apps, None)
    family = Family.objects.select_related("title").first()
    assert family.stroke_key == text.stroke_sort_key(family.name)
    assert not Family.objects.filter(search_text="").exists()
    assert not Program.objects.filter(search_text="").exists()
