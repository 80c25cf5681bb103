from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from indicators.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "Sends the day's e-mails: reminders of returns and RAG updates due, the coordinators' "
        "Monday digest and escalations of returns 14 days late; never the same one twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", help="Send as if on this day, YYYY-MM-DD (default: today, local time)."
        )

    def handle(self, *args, today: str | None, **options):
        try:
            day = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            message = f"--today must be a date written YYYY-MM-DD; got {today!r}."
            raise CommandError(message) from None
        report = reminders_send(today=day)
        if report.failed:
            raise CommandError(str(report))
        self.stdout.write(self.style.SUCCESS(str(report)))
