from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from indicators import selectors, tidy
from indicators.export_records import export_record
from indicators.models import ExportRecord
from strategy.models import Partnership


class Command(BaseCommand):
    help = "Writes every figure of a partnership as tidy data (CSV or XLSX by the file's ending)."

    def add_arguments(self, parser):
        parser.add_argument("--partnership", required=True, help="The partnership's slug.")
        parser.add_argument("-o", "--output", required=True, help="FILE.csv or FILE.xlsx")

    def handle(self, *args, partnership: str, output: str, **options):
        found = Partnership.objects.filter(slug=partnership).first()
        if found is None:
            raise CommandError(f"No partnership {partnership!r}.")
        rows = selectors.values_export_rows(partnership=found)
        path = Path(output)
        if path.suffix.lower() == ".xlsx":
            with path.open("wb") as handle:
                tidy.write_xlsx(rows, handle)
        elif path.suffix.lower() == ".csv":
            with path.open("w", encoding="utf-8", newline="") as handle:
                tidy.write_csv(rows, handle)
        else:
            raise CommandError(f"{output}: write to a .csv or .xlsx file.")
        export_record(
            partnership=found,
            kind=ExportRecord.Kind.VALUES,
            command="export_values",
            filename=output,
        )
        self.stdout.write(self.style.SUCCESS(f"{len(rows)} figures written to {output}"))
