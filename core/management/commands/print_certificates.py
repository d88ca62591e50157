from django.core.management.base import BaseCommand, CommandError

from core.documents.printing import PrintError, filtered, sources, write_pdf_file


class Command(BaseCommand):
    """Print the certificates (荣誉证书) of a public list as one PDF, one page each.

    The list is given by its query string, exactly as on the site, and read through the
    list's own FilterSet, so the certificates are the list's conferred records in the
    official order: ``print_certificates "year=2022&level=city&title=sanba-hongqishou"
    -o 2022-sanba.pdf`` (``--list families`` for /families/).
    """

    help = "Print the certificates of a list (its query string) as one PDF."

    def add_arguments(self, parser):
        parser.add_argument("query", help="the list's query string, e.g. year=2022&level=city")
        parser.add_argument("-o", "--output", required=True, help="the PDF file to write")
        parser.add_argument(
            "--list",
            dest="list_name",
            default="honors",
            help="which list: honors (default) or families",
        )

    def handle(self, *args, query, output, list_name, **options):
        available = sources()
        if list_name not in available:
            choices = "、".join(available)
            raise CommandError(f"没有名为“{list_name}”的名单，可选：{choices}。")
        source = available[list_name]
        try:
            queryset = filtered(source, query.lstrip("?"))
            count = write_pdf_file(source.certificates(queryset), output)
        except PrintError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"已生成 {count} 张证书：{output}")
