from django.core.management.base import BaseCommand, CommandError

from indicators import services, tidy


class Command(BaseCommand):
    help = (
        "Loads figures from a tidy CSV or XLSX file, all or nothing: on any bad row nothing is "
        "written and every bad row is reported with its line."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="partnership,indicator,period,breakdown,value,status,note")
        parser.add_argument(
            "--reason", default="", help="Why the figures are loaded; kept in their history."
        )

    def handle(self, *args, file: str, reason: str, **options):
        try:
            rows = tidy.read_rows(file)
        except FileNotFoundError:
            raise CommandError(f"{file}: no such file.") from None
        except tidy.TidyFormatError as error:
            raise CommandError(str(error)) from error
        try:
            summary = services.values_import(rows=rows, reason=reason or f"Imported from {file}")
        except services.ImportRejected as rejected:
            for error in rejected.errors:
                self.stderr.write(str(error))
            raise CommandError(str(rejected)) from rejected
        self.stdout.write(self.style.SUCCESS(f"{file}: {summary}"))
