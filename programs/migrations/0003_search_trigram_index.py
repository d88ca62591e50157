from django.db import migrations

from core.migration_operations import trigram_index


class Migration(migrations.Migration):
    dependencies = [("programs", "0002_thumbnails")]

    operations = [trigram_index("programs_program")]
