from django.db import migrations

from core.roles import sync_roles


def sync(apps, schema_editor):
    sync_roles(apps)


class Migration(migrations.Migration):
    """The roles again, now that reviewers settle objections (core.apps)."""

    dependencies = [
        ("core", "0008_calendarday_objection"),
        ("honors", "0009_notice_published_rejected_reason"),
        ("families", "0008_notice_published_rejected_reason"),
        ("programs", "0006_stock_figures_published"),
        ("reports", "0002_english_label_and_unit"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
