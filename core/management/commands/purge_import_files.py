from django.core.management.base import BaseCommand

from core import imports


class Command(BaseCommand):
    """Delete the uploaded files of imports left unconfirmed for a day.

    A new import does the same each time it starts; this command is for a server where
    nobody imports for a while (it may run from cron, but nothing depends on that).
    """

    help = "Delete the files of import jobs left unconfirmed for more than a day."

    def handle(self, *args, **options):
        count = imports.purge_expired()
        self.stdout.write(f"已删除 {count} 个未确认的导入文件。")
