from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string, module_has_submodule

from core.demo import DemoContext


class Command(BaseCommand):
    help = "Fill an empty database with the demo year 2022 (regions, programs, honours, families)."

    def handle(self, *args, **options):
        """Run each app's demo piece in INSTALLED_APPS order, all in one transaction.

        Each piece skips itself when its records are already there, so running the
        command twice changes nothing.
        """
        context = DemoContext()
        with transaction.atomic():
            for app_config in apps.get_app_configs():
                if not module_has_submodule(app_config.module, "demo"):
                    continue
                load = import_string(f"{app_config.name}.demo.load")
                created = load(context)
                self.stdout.write(f"{app_config.label}: {created}")
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
