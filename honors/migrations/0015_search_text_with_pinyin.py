from django.db import migrations

from core import text
from core.pinyin import pinyin_search_text
from core.rekey import recompute


def with_pinyin(apps, schema_editor):
    """Individuals' search text gains the pinyin of the name (English pages search by it)."""
    recipient = apps.get_model("honors", "Recipient")
    honor = apps.get_model("honors", "Honor")

    def derive_recipient(row):
        row.search_text = f"{text.normalize_for_search(row.name)} {pinyin_search_text(row.name)}"

    def derive_honor(row):
        parts = [row.recipient.name, row.unit, row.post, row.title.name, row.deeds]
        row.search_text = text.normalize_for_search(" ".join(p for p in parts if p))
        row.search_text += " " + pinyin_search_text(row.recipient.name)

    recompute(recipient.objects.filter(kind="individual"), ["search_text"], derive_recipient)
    recompute(
        honor.objects.filter(recipient__kind="individual").select_related("recipient", "title"),
        ["search_text"],
        derive_honor,
    )


class Migration(migrations.Migration):
    dependencies = [("honors", "0014_recipient_name_pinyin")]

    operations = [migrations.RunPython(with_pinyin, migrations.RunPython.noop)]
