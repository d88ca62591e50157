from django.db import migrations

from core import text
from core.rekey import recompute


def recompute_search_text(apps, schema_editor):
    """Every region's search text, by the search folding of issue 14."""
    region = apps.get_model("core", "Region")

    def derive(row):
        row.search_text = f"{text.normalize_for_search(row.name)} {row.code}"

    recompute(region.objects.all(), ["search_text"], derive)


class Migration(migrations.Migration):
    dependencies = [("core", "0010_roles_objections")]

    operations = [migrations.RunPython(recompute_search_text, migrations.RunPython.noop)]
