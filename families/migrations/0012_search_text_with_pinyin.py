from django.db import migrations

from core import text
from core.pinyin import pinyin_search_text
from core.rekey import recompute


def with_pinyin(apps, schema_editor):
    """The search text gains the pinyin of the name (English pages search by it)."""
    family = apps.get_model("families", "Family")

    def derive(row):
        parts = [row.name, row.title.name, row.members, row.story]
        row.search_text = text.normalize_for_search(" ".join(p for p in parts if p))
        row.search_text += " " + pinyin_search_text(row.name)

    recompute(family.objects.select_related("title"), ["search_text"], derive)


class Migration(migrations.Migration):
    dependencies = [("families", "0011_title_name_order")]

    operations = [migrations.RunPython(with_pinyin, migrations.RunPython.noop)]
