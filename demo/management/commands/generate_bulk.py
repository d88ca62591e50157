import re
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from core.models import Region
from demo.bulk.context import BulkContext, bulk_marker_exists
from demo.context import CITY_CODE
from demo.pieces import BULK


def year_range(value: str) -> list[int]:
    match = re.fullmatch(r"(\d{4})(?:-(\d{4}))?", value.strip())
    if not match:
        raise ValueError(value)
    first, last = int(match[1]), int(match[2] or match[1])
    if not 1949 <= first <= last <= 2100:
        raise ValueError(value)
    return list(range(first, last + 1))


class Command(BaseCommand):
    help = (
        "Add a large generated data set on top of the demo year, for benchmarks: a wider "
        "region tree, families, honours (with recipients) and activities over many years. "
        "Runs load_demo first when the city is missing. Refuses to run twice on one database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
        parser.add_argument("--families", type=int, default=200_000)
        parser.add_argument("--honors", type=int, default=50_000)
        parser.add_argument("--activities", type=int, default=100_000)
        parser.add_argument(
            "--years", type=year_range, default=year_range("2010-2025"), help="e.g. 2010-2025"
        )
        parser.add_argument("--towns-per-county", type=int, default=12)
        parser.add_argument("--towns-per-zone", type=int, default=6)
        parser.add_argument("--villages-per-town", type=int, default=40)

    def handle(self, *args, **options):
        """Run the bulk pieces (demo.pieces.BULK) in order, in one transaction; ANALYZE after.

        Loads the demo year first when the city is missing; refuses a database that holds
        generated regions already, adding nothing.
        """
        started = time.perf_counter()
        if not Region.objects.filter(code=CITY_CODE).exists():
            self.stderr.write("The demo city is missing: running load_demo first.")
            call_command("load_demo", stdout=self.stdout)
        if bulk_marker_exists():
            raise CommandError(
                "Bulk data is already here (generated towns exist); nothing was added. "
                "generate_bulk runs once per database: use a fresh database for another set."
            )

        def write(message: str) -> None:
            self.stderr.write(message, ending="")
            self.stderr.flush()

        context = BulkContext(
            seed=options["seed"],
            years=options["years"],
            sizes={
                "families": options["families"],
                "honors": options["honors"],
                "activities": options["activities"],
            },
            towns_per_county=options["towns_per_county"],
            towns_per_zone=options["towns_per_zone"],
            villages_per_town=options["villages_per_town"],
            write=write,
        )
        # One transaction: a run that fails leaves nothing behind, so it can simply be re-run.
        with transaction.atomic():
            for label, generate in BULK:
                try:
                    created = generate(context)
                except RuntimeError as error:
                    raise CommandError(str(error)) from None
                self.stdout.write(f"{label}: {created}")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # fresh planner statistics for the new rows
        elapsed = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Bulk data ready in {elapsed:.0f} s."))
