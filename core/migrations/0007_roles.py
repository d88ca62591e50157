from django.db import migrations

from core.roles import sync_roles


def create_roles(apps, schema_editor):
    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_history_authors_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("honors", "0006_history_authors_roles"),
        ("families", "0006_history_authors_roles"),
        ("programs", "0005_history_authors_roles"),
        ("reports", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
