"""`make bench`: the board report as PDF for a national-size partnership (60 indicators, 12
years of figures), the time the download and `export_board_pack -o FILE.pdf` take.

Generates the one partnership once into BENCH_REPORT_DATABASE_URL (a SQLite file by default),
then prints the median of three reports. Run as `python -m tests.benchmarks.board_report`.
"""

import io
import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["DEBUG"] = "0"  # as the service runs: cached templates, no query log
os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_REPORT_DATABASE_URL", "sqlite:///bench-report.sqlite3"
)

import django  # noqa: E402

RUNS = 3
GOAL_SECONDS = 5


def reference_ms() -> float:
    """This machine's speed at the moment, to read the report's time beside: the best of five
    runs of a fixed pure-Python loop (the report's printing is pure Python too). The same code
    has measured twice as long on one day's machine as on another's."""
    times = []
    for _ in range(5):
        started = time.perf_counter()
        sum(i * i for i in range(1_000_000))
        times.append(time.perf_counter() - started)
    return min(times) * 1000


def main() -> None:
    django.setup()
    import pypdf
    from django.core.management import call_command

    from dashboard.papers.report import board_report, board_report_pdf
    from indicators.periods import Period
    from indicators.synthetic import SyntheticSize, synthetic_generate
    from strategy.models import Partnership

    call_command("migrate", verbosity=0)
    if not Partnership.objects.filter(slug="report-1").exists():
        synthetic_generate(size=SyntheticSize(partnerships=1), prefix="report")
    partnership = Partnership.objects.get(slug="report-1")
    params = {"quarter": Period(2025, 3).slug}
    times, pages = [], 0
    for _ in range(RUNS):
        started = time.perf_counter()
        content = board_report_pdf(
            board_report(partnership=partnership, params=params, made_by="bench")
        )
        times.append(time.perf_counter() - started)
        pages = len(pypdf.PdfReader(io.BytesIO(content)).pages)
    median = statistics.median(times)
    print(
        f"board report (PDF) of a partnership of 60 indicators, 12 years: median {median:.2f} s "
        f"over {RUNS} ({len(content) / 1024:.0f} KB, {pages} pages); goal {GOAL_SECONDS} s; "
        f"this machine's reference loop: {reference_ms():.0f} ms"
    )


if __name__ == "__main__":
    main()
