from django.db import migrations

from core.roles import sync_roles


def sync(apps, schema_editor):
    sync_roles(apps)


class Migration(migrations.Migration):
    """The roles again, now that reviewers settle objections (core.apps)."""

    dependencies = [
        ("core", "0009_calendarday_objection"),
        ("honors", "0010_notice_published_rejected_reason"),
        ("families", "0009_notice_published_rejected_reason"),
        ("programs", "0007_stock_figures_published"),
        ("reports", "0003_label_hant"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
