from pathlib import Path
from urllib.parse import urlencode

from django.core.management.base import BaseCommand, CommandError

from dashboard.boardpack import BoardPackError, make_board_pack
from dashboard.papers.report import board_report, board_report_pdf
from dashboard.papers.word import board_report_docx
from indicators.export_records import export_record
from indicators.models import ExportRecord
from indicators.periods import PeriodError, parse_period
from strategy.models import Partnership


class Command(BaseCommand):
    help = (
        "Writes the board pack of a partnership's strategy and quarter: an Excel workbook "
        "(.xlsx), or the board report as PDF (.pdf) or Word (.docx)."
    )

    WRITERS = {".xlsx": "Board pack", ".pdf": "Board report", ".docx": "Board report (Word)"}
    REPORTS = {
        ".pdf": (board_report_pdf, ExportRecord.Kind.BOARD_REPORT),
        ".docx": (board_report_docx, ExportRecord.Kind.BOARD_REPORT_WORD),
    }

    def add_arguments(self, parser):
        parser.add_argument("--partnership", required=True, help="The partnership's slug.")
        parser.add_argument("--strategy", help="The strategy's slug (default: the latest).")
        parser.add_argument("--quarter", help='e.g. "2015/16 Q3" (default: the latest)')
        parser.add_argument(
            "-o", "--output", required=True, help="FILE.xlsx, FILE.pdf or FILE.docx"
        )
        parser.add_argument(
            "--publication",
            action="store_true",
            help="For publication: counts below the partnership's threshold (and figures that "
            "would give one away) hidden, approved figures only, no partners' comments.",
        )

    def handle(self, *args, partnership, strategy, quarter, output, publication, **options):
        ending = Path(output).suffix.lower()
        if ending not in self.WRITERS:
            raise CommandError(
                f"{output}: write the board pack as .xlsx or the report as .pdf or .docx."
            )
        found = Partnership.objects.filter(slug=partnership).first()
        if found is None:
            raise CommandError(f"No partnership {partnership!r}.")
        try:
            period = parse_period(quarter) if quarter else None
        except PeriodError as error:
            raise CommandError(str(error)) from error
        if period is not None and not period.is_quarter:
            raise CommandError(f"{quarter!r} is a year; give a quarter such as 2015/16 Q3.")
        given = {"strategy": strategy or "", "quarter": period.slug if period else ""}
        try:
            if ending == ".xlsx":
                pack = make_board_pack(
                    partnership=found,
                    params=given,
                    made_by="export_board_pack",
                    publication=publication,
                )
                content, kind, as_at = pack.content, ExportRecord.Kind.BOARD_PACK, pack.quarter
            else:
                report = board_report(
                    partnership=found,
                    params=given,
                    made_by="export_board_pack",
                    publication=publication,
                )
                write, kind = self.REPORTS[ending]
                content, as_at = write(report), report.quarter
        except BoardPackError as error:
            raise CommandError(str(error)) from error
        Path(output).write_bytes(content)
        export_record(
            partnership=found,
            kind=kind,
            command="export_board_pack",
            query=urlencode({key: value for key, value in given.items() if value}),
            quarter=as_at,
            publication=publication,
            filename=output,
        )
        self.stdout.write(self.style.SUCCESS(f"{self.WRITERS[ending]} written to {output}"))
