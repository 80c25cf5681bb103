import os

from django.core.management.base import BaseCommand, CommandError

from indicators.demo import demo_load
from indicators.services import ImportRejected


class Command(BaseCommand):
    help = "Loads the demo partnerships, users and figures from fixtures/ (safe to run twice)."

    def handle(self, *args, **options):
        try:
            report = demo_load(password=os.environ.get("DEMO_PASSWORD") or None)
        except ImportRejected as rejected:
            raise CommandError("\n".join(map(str, rejected.errors))) from rejected
        for line in report.values:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"Demo users: {', '.join(report.users)}"))
        self.stdout.write(self.style.SUCCESS(f"Demo password: {report.password}"))
