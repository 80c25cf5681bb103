import time

from django.core.management.base import BaseCommand, CommandError

from indicators.synthetic import SyntheticSize, synthetic_generate
from strategy.models import Partnership


class Command(BaseCommand):
    help = (
        "Makes synthetic partnerships with indicators (a third with breakdowns), years of "
        "quarterly figures and returns, for benchmarks and load tests."
    )

    def add_arguments(self, parser):
        parser.add_argument("--partnerships", type=int, default=3)
        parser.add_argument("--indicators", type=int, default=60)
        parser.add_argument("--years", type=int, default=12)
        parser.add_argument("--last-year", type=int, default=2025, help="e.g. 2025 for 2025/26")
        parser.add_argument("--prefix", default="synthetic", help="Slugs are PREFIX-1, PREFIX-2...")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--rates",
            type=int,
            default=0,
            help="A benchmark club: each partnership shares this many rates per 1,000 over "
            "its population.",
        )

    def handle(self, *args, prefix: str, seed: int, **options):
        if Partnership.objects.filter(slug__startswith=f"{prefix}-").exists():
            raise CommandError(
                f"Partnerships named {prefix}-... exist already; choose another --prefix."
            )
        size = SyntheticSize(
            partnerships=options["partnerships"],
            indicators=options["indicators"],
            years=options["years"],
            last_year=options["last_year"],
            rates=options["rates"],
        )
        started = time.perf_counter()
        written = synthetic_generate(size=size, prefix=prefix, seed=seed)
        self.stdout.write(
            self.style.SUCCESS(
                f"{size.partnerships} partnerships, {written:,} figures "
                f"in {time.perf_counter() - started:.1f} s"
            )
        )
