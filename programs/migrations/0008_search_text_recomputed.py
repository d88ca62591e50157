from django.db import migrations

from core import text
from core.rekey import recompute


def recompute_search_text(apps, schema_editor):
    """Every program's search text, by the search folding of issue 14 (variant
    classes, name dots, padding between Han characters)."""
    program = apps.get_model("programs", "Program")

    def derive(row):
        parts = [row.name, row.lead_unit, row.partner_units, row.description]
        row.search_text = text.normalize_for_search(" ".join(p for p in parts if p))

    recompute(program.objects.all(), ["search_text"], derive)


class Migration(migrations.Migration):
    dependencies = [("programs", "0007_stock_figures_published")]

    operations = [migrations.RunPython(recompute_search_text, migrations.RunPython.noop)]
