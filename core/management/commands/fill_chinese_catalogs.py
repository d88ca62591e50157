import polib
from django.conf import settings
from django.core.management.base import BaseCommand
from opencc import OpenCC


class Command(BaseCommand):
    help = (
        "Fill the zh_Hans catalogue with the msgids and zh_Hant with their OpenCC s2t conversion."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--overwrite", action="store_true", help="replace traditional strings edited by hand"
        )

    def handle(self, *args, overwrite=False, **options):
        """Run after makemessages. The msgids are simplified Chinese, the default language;
        the traditional catalogue starts from a phrase-aware conversion that translators may
        then correct by hand (kept unless --overwrite)."""
        to_traditional = OpenCC("s2t")
        root = settings.LOCALE_PATHS[0]
        for language, convert in [
            ("zh_Hans", lambda text: text),
            ("zh_Hant", to_traditional.convert),
        ]:
            path = root / language / "LC_MESSAGES" / "django.po"
            catalogue = polib.pofile(str(path))
            for entry in catalogue:
                # A fuzzy entry holds a guess from a similar msgid: convert it afresh.
                fresh = overwrite or "fuzzy" in entry.flags
                if entry.msgid_plural:
                    if fresh or not any(entry.msgstr_plural.values()):
                        entry.msgstr_plural = {
                            0: convert(entry.msgid),
                            1: convert(entry.msgid_plural),
                        }
                elif fresh or not entry.msgstr:
                    entry.msgstr = convert(entry.msgid)
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
            catalogue.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
            catalogue.save()
            self.stdout.write(f"{path}: {len(catalogue.translated_entries())} entries")
