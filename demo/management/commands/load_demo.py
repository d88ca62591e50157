from django.core.management.base import BaseCommand
from django.db import transaction

from demo.context import DemoContext
from demo.pieces import YEAR


class Command(BaseCommand):
    help = "Fill an empty database with the demo year 2022 (regions, programs, honours, families)."

    def handle(self, *args, **options):
        """Run the demo year's pieces (demo.pieces.YEAR) in order, all in one transaction.

        Each piece skips itself when its records are already there, so running the
        command twice changes nothing.
        """
        context = DemoContext()
        with transaction.atomic():
            for label, load in YEAR:
                created = load(context)
                self.stdout.write(f"{label}: {created}")
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
