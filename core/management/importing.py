"""The base of the import_* commands: the same engine as the admin's import."""

from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from core.tabular import TableError, read_table


class ImportCommand(BaseCommand):
    """Import a .xlsx or .csv file; print each bad row; exit non-zero when any row is bad.

    Nothing is written unless every row is good (and --dry-run is not given). The
    operator's run is city-wide; like a staff import it sets no status beyond 已提交审核
    unless --archive restores a file exported by this system with its statuses.
    """

    importer_class = None

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="a .xlsx or .csv file")
        parser.add_argument(
            "--dry-run", action="store_true", help="check every row and write nothing"
        )
        parser.add_argument(
            "--archive",
            action="store_true",
            help="restore a staff export as it was: statuses and notices included (the "
            "records were reviewed when they were exported); otherwise new rows are drafts",
        )

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        try:
            with path.open("rb") as handle:
                table = read_table(File(handle, name=path.name))
        except TableError as error:
            raise CommandError(str(error)) from None
        result = self.importer_class(archive=options["archive"]).run(
            table, commit=not options["dry_run"], progress=self.progress
        )
        self.stderr.write("")
        for message in result.error_messages:
            self.stderr.write(message)
        self.stdout.write(result.summary)
        if result.has_errors:
            raise CommandError("有错误的行，没有写入任何数据。")
        if result.committed:
            self.stdout.write(self.style.SUCCESS("已全部写入。"))
        else:
            self.stdout.write("检查完毕（--dry-run），没有写入数据。")

    def progress(self, done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        bar = "█" * filled + "·" * (width - filled)
        self.stderr.write(f"\r{bar} {done}/{total}", ending="")
        self.stderr.flush()
